// The protocol's route table says who may call each route (`caller`); the handler checks the
// credentials itself. This pins the two together: for every route of the table, each kind of
// credential is let through or refused with 401 exactly as its `caller` says, so a route whose
// check drifts from the table (or a new route whose table entry is wrong) fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ROUTES, type RouteCaller } from '@care-meet/protocol/routes';
import { HSA, ORGANIZER_KEY, createHarness, sipMeeting, type Harness } from '../test-support/harness.js';

type Credential = 'none' | 'bogus' | 'organizer' | 'session';
const CREDENTIALS: readonly Credential[] = ['none', 'bogus', 'organizer', 'session'];

/** Which bearer credentials each kind of caller lets through (the rest are refused with 401). */
const ADMITS: Record<RouteCaller, readonly Credential[] | 'not-a-bearer'> = {
  anyone: CREDENTIALS,
  organizer: ['organizer'],
  'organizer-or-session': ['organizer', 'session'],
  session: ['session'],
  // Their credential is not a bearer: the invitation's secret in the path, the identity provider's
  // state, LiveKit's signature. A bearer neither opens nor closes them.
  invitation: 'not-a-bearer',
  'identity-provider': 'not-a-bearer',
  livekit: 'not-a-bearer',
};

async function setUp(): Promise<{ h: Harness; meetingId: string; session: string; inviteToken: string }> {
  const h = await createHarness();
  const booked = await h.call('POST', '/meetings', { token: ORGANIZER_KEY, body: sipMeeting() });
  assert.equal(booked.status, 201, JSON.stringify(booked.json));
  const meetingId = booked.json.meeting.id as string;
  const vouched = await h.call('POST', '/sessions', { token: ORGANIZER_KEY, body: { meetingId, identity: { kind: 'hsa', hsaId: HSA.anna }, method: 'siths' } });
  assert.equal(vouched.status, 201, JSON.stringify(vouched.json));
  const guest = (booked.json.participants as Array<{ role: string; invite: { token: string } }>).find((p) => p.role === 'guest');
  assert.ok(guest, 'the SIP meeting has a guest with an invitation');
  return { h, meetingId, session: vouched.json.session as string, inviteToken: guest.invite.token };
}

test('every route of the table lets through exactly the callers its `caller` names; the others get 401', async () => {
  let checked = 0;
  for (const [name, route] of Object.entries(ROUTES)) {
    for (const credential of CREDENTIALS) {
      // A fresh meeting for each call: a call let through may act (end the meeting, admit someone).
      const { h, meetingId, session, inviteToken } = await setUp();
      try {
        const path = route.path.replace(':id', meetingId).replace(':token', inviteToken);
        const token = { none: undefined, bogus: 'not-a-credential-0123456789abcdef', organizer: ORGANIZER_KEY, session }[credential];
        // The event stream answers 200 and stays open: its headers say enough.
        const headersOnly = name === 'events';
        const r = await h.call(route.method, path, { headersOnly, ...(token === undefined ? {} : { token }) });
        const admits = ADMITS[route.caller];
        const label = `${name} (${route.caller}) ${route.method} ${route.path} with ${credential}: ${r.status} ${r.text.slice(0, 120)}`;
        assert.notEqual(r.status, 500, label);
        if (admits === 'not-a-bearer') {
          // The bearer plays no part: the same answer with or without it.
          const bare = await h.call(route.method, path, { headersOnly });
          if (route.caller === 'livekit') assert.equal(r.status, 401, `${label} (an unsigned webhook)`);
          else assert.notEqual(r.status, 401, label);
          assert.equal(r.status === 401, bare.status === 401, label);
        } else if (admits.includes(credential)) {
          assert.notEqual(r.status, 401, label);
        } else {
          assert.equal(r.status, 401, label);
          assert.equal(r.json?.error?.code, 'UNAUTHENTICATED', label);
        }
        checked++;
      } finally {
        await h.close();
      }
    }
  }
  assert.equal(checked, Object.keys(ROUTES).length * CREDENTIALS.length);
});
