import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCareMeetHandler } from './handler.js';
import type { Logger } from '../logger.js';
import { HSA, JWT_SHAPE, ORGANIZER_KEY, PNR, createHarness, sipMeeting } from '../test-support/harness.js';

test('rule 17: log lines never carry a JWT, a session, an invitation secret or a raw personal id', async () => {
  const lines: string[] = [];
  const capture: Logger = {
    info: (m, f) => lines.push(JSON.stringify({ m, ...f })),
    warn: (m, f) => lines.push(JSON.stringify({ m, ...f })),
    error: (m, f) => lines.push(JSON.stringify({ m, ...f })),
  };
  const h = await createHarness({ logger: capture });
  const handle = createCareMeetHandler(h.careMeet, { logger: capture });
  const call = async (method: string, path: string, token?: string, body?: unknown) => {
    const res = await handle(
      new Request(`http://portal.test/api${path}`, {
        method,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      }),
    );
    return (await res.json()) as any;
  };
  const body = sipMeeting();
  (body.participants as unknown[]).push({ name: 'Lisa Lärare', role: 'guest', identity: { kind: 'guest', email: 'lisa@skolan.example.se' } });
  const booked = await call('POST', '/meetings', ORGANIZER_KEY, body);
  const meetingId = booked.meeting.id as string;
  const invite = booked.participants[4].invite.token as string;
  await call('GET', `/invites/${invite}`);
  const guest = await call('POST', `/invites/${invite}/session`, undefined, { name: 'Lisa Lärare' });
  const session = (await call('POST', '/sessions', ORGANIZER_KEY, { meetingId, identity: { kind: 'pnr', pnr: PNR.esther }, method: 'bankid' }))
    .session as string;
  await call('POST', '/sessions', ORGANIZER_KEY, { meetingId, identity: { kind: 'pnr', pnr: PNR.other }, method: 'bankid' });
  const joined = await call('POST', '/join', session);
  await call('POST', '/join', guest.session);
  h.rooms.down = true;
  await call('GET', `/meetings/${meetingId}/roster`, ORGANIZER_KEY);
  await call('POST', '/join', session);
  assert.ok(lines.length >= 8, 'the requests were logged');
  const all = lines.join('\n');
  const secrets = [joined.token, session, guest.session, invite, ORGANIZER_KEY, '191212121212', '19121212', '197001012389', HSA.anna, 'lisa@skolan'];
  for (const s of secrets) assert.ok(!all.includes(s), `log carries ${String(s).slice(0, 12)}…`);
  assert.ok(!JWT_SHAPE.test(all), 'no JWT-looking string');
  assert.match(all, /"route":"\/invites\/:token"/, 'the route pattern is logged, not the path');
  await h.close();
});
