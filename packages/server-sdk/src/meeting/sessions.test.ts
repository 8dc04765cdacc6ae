import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hashSecret } from '../crypto.js';
import { PNR } from '../test-support/harness.js';
import { IDENTITY_SECRET, createContextHarness, withCode } from '../test-support/meeting-context.js';
import { parseProvenIdentity } from '../schemas.js';
import { Sessions, bySessionToken, identityKeyOf, liveSession } from './sessions.js';

const ESTHER = parseProvenIdentity({ kind: 'pnr', pnr: PNR.esther });

test('a vouched identity that matches a registration gets a session, which its token resolves to', async () => {
  const h = await createContextHarness();
  const sessions = new Sessions(h.ctx);
  const { meeting } = await h.book();
  const grant = await sessions.vouchSession(meeting.id, ESTHER, 'bankid');
  const session = await sessions.sessionFromToken(grant.session);
  assert.equal(session.participantId, grant.participantId);
  assert.equal(session.method, 'bankid');
  assert.equal(session.identityKey, identityKeyOf(IDENTITY_SECRET, ESTHER));
  assert.equal(session.tokenHash, hashSecret(grant.session), 'only the hash is stored');
  // Until the meeting closes: its end and the policy's two hours after it.
  assert.equal(grant.expiresAt, new Date(meeting.endsAt.getTime() + h.ctx.policy.closeAfterEndMs).toISOString());
  const audit = await h.store.listAudit(meeting.id);
  assert.ok(audit.some((a) => a.action === 'session.created' && a.actor === 'organizer' && a.participantId === grant.participantId));
  await h.close();
});

test('an identity not on the list is refused and audited without the identity', async () => {
  const h = await createContextHarness();
  const { meeting } = await h.book();
  await assert.rejects(
    new Sessions(h.ctx).vouchSession(meeting.id, parseProvenIdentity({ kind: 'pnr', pnr: PNR.other }), 'bankid'),
    withCode('IDENTITY_MISMATCH'),
  );
  const refused = (await h.store.listAudit(meeting.id)).find((a) => a.action === 'session.vouched');
  assert.equal(refused?.code, 'IDENTITY_MISMATCH');
  assert.equal(JSON.stringify(refused).includes(PNR.other.replace('-', '').slice(2)), false);
  await h.close();
});

test('sessionTtlMs shortens a session; an expired or unknown token is UNAUTHENTICATED', async () => {
  const h = await createContextHarness({ sessionTtlMs: 60_000 });
  const sessions = new Sessions(h.ctx);
  const { meeting } = await h.book();
  const { grant } = await h.vouch(meeting, 'relative');
  assert.equal(grant.expiresAt, new Date(h.clock.now().getTime() + 60_000).toISOString());
  h.clock.advance(60_000);
  await assert.rejects(sessions.sessionFromToken(grant.session), withCode('UNAUTHENTICATED'));
  await assert.rejects(sessions.sessionFromToken('s_not-a-session-token-at-all'), withCode('UNAUTHENTICATED'));
  await h.close();
});

test('a token of an impossible length is not looked up; a missing or expired session is refused', async () => {
  let reads = 0;
  const read = async () => {
    reads++;
    return null;
  };
  assert.equal(await bySessionToken('short', read), null);
  assert.equal(await bySessionToken('x'.repeat(201), read), null);
  assert.equal(reads, 0);
  await bySessionToken('x'.repeat(40), read);
  assert.equal(reads, 1);
  const now = new Date('2026-12-01T10:00:00Z');
  assert.throws(() => liveSession(null, now), withCode('UNAUTHENTICATED'));
  const session = { tokenHash: 'h', meetingId: 'm', participantId: 'p', method: 'bankid', identityKey: null, createdAt: now, expiresAt: now } as const;
  assert.throws(() => liveSession(session, now), withCode('UNAUTHENTICATED'));
  assert.equal(liveSession({ ...session, expiresAt: new Date(now.getTime() + 1) }, now).participantId, 'p');
});
