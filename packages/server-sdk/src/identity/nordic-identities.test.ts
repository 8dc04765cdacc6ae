/**
 * Norwegian (fødselsnummer, D-nummer; BankID Norway) and Finnish (henkilötunnus; Suomi.fi)
 * identities through the edge: registration, vouching, namespacing, verify methods, refusals.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { CareMeetError } from '../errors.js';
import { verifyMethodFor } from '../model.js';
import { namespacedIdentity, parseParticipant, parseProvenIdentity } from '../schemas.js';
import { OutboxSender } from './messages.js';
import { refuseUnservedMethods } from './verify-methods.js';
import { ORGANIZER_KEY, createHarness, sipMeeting } from '../test-support/harness.js';

const NOW = new Date('2026-12-01T08:00:00Z');

function refused(run: () => unknown, code: string, field: string): void {
  assert.throws(run, (e: unknown) => {
    assert.ok(e instanceof CareMeetError, String(e));
    assert.equal(e.code, code);
    assert.equal(e.field, field);
    return true;
  });
}

test('a relative registers with a fødselsnummer, D-nummer or henkilötunnus, canonicalised and namespaced by source', () => {
  const kari = parseParticipant({ name: 'Kari Nordmann', role: 'relative', identity: { kind: 'fnr', fnr: '301082 99920' } }, 'p', NOW);
  assert.deepEqual(kari.identity, { kind: 'fnr', fnr: '30108299920' });
  assert.equal(namespacedIdentity(kari.identity), 'fnr:30108299920');
  const jonas = parseParticipant({ name: 'Jonas D', role: 'individual', identity: { kind: 'fnr', fnr: '70108299914' } }, 'p', NOW);
  assert.equal(namespacedIdentity(jonas.identity), 'fnr:70108299914');
  const aino = parseParticipant({ name: 'Aino Esimerkki', role: 'relative', identity: { kind: 'hetu', hetu: ' 010594y9032 ' } }, 'p', NOW);
  assert.deepEqual(aino.identity, { kind: 'hetu', hetu: '010594Y9032' });
  assert.equal(namespacedIdentity(aino.identity), 'hetu:010594Y9032');
  // Staff may be registered by national number too (a Norwegian or Finnish clinician without an HSA-id).
  assert.equal(parseParticipant({ name: 'S S', role: 'staff', identity: { kind: 'hetu', hetu: '131052-308T' } }, 'p', NOW).identity.kind, 'hetu');
});

test('a number that is not valid is INVALID_FNR or INVALID_HETU at its field, and the error never holds it', () => {
  refused(() => parseParticipant({ name: 'K N', role: 'relative', identity: { kind: 'fnr', fnr: '30108299921' } }, 'p', NOW), 'INVALID_FNR', 'p.identity.fnr');
  refused(
    () => parseParticipant({ name: 'A E', role: 'relative', identity: { kind: 'hetu', hetu: '010594Y9033' } }, 'p', NOW),
    'INVALID_HETU',
    'p.identity.hetu',
  );
  // The field belongs to its kind: an fnr under hetu, or a cpr field on an fnr identity, is a bad request.
  refused(
    () => parseParticipant({ name: 'K N', role: 'relative', identity: { kind: 'fnr', hetu: '131052-308T' } }, 'p', NOW),
    'BAD_REQUEST',
    'p.identity.hetu',
  );
  refused(() => parseParticipant({ name: 'K N', role: 'relative', identity: { kind: 'fnr', fnr: 30108299920 } }, 'p', NOW), 'BAD_REQUEST', 'p.identity.fnr');
  try {
    parseParticipant({ name: 'K N', role: 'relative', identity: { kind: 'fnr', fnr: '30108299921' } }, 'p', NOW);
  } catch (e) {
    assert.ok(!JSON.stringify({ m: (e as Error).message, e }).includes('30108299921'));
  }
});

test('a host may vouch for a Norwegian or Finnish identity (POST /sessions shape)', () => {
  assert.deepEqual(parseProvenIdentity({ kind: 'fnr', fnr: '30108299920' }, 'identity', NOW), { kind: 'fnr', fnr: '30108299920' });
  assert.deepEqual(parseProvenIdentity({ kind: 'hetu', hetu: '131052-308t' }, 'identity', NOW), { kind: 'hetu', hetu: '131052-308T' });
  refused(() => parseProvenIdentity({ kind: 'hetu', hetu: '131052-308U' }, 'identity', NOW), 'INVALID_HETU', 'identity.hetu');
  refused(() => parseProvenIdentity({ kind: 'fnr', fnr: '30108299920', cpr: '0707614285' }, 'identity', NOW), 'BAD_REQUEST', 'identity.cpr');
});

test('the verify method follows the kind: bankid-no for fnr, suomifi for hetu', () => {
  assert.equal(verifyMethodFor({ identityKind: 'fnr', phone: null, email: null }), 'bankid-no');
  assert.equal(verifyMethodFor({ identityKind: 'hetu', phone: null, email: null }), 'suomifi');
});

test('a registration naming a method this deployment does not serve is VERIFY_METHOD_NOT_CONFIGURED', () => {
  const kari = parseParticipant({ name: 'Kari Nordmann', role: 'relative', identity: { kind: 'fnr', fnr: '30108299920' } }, 'p', NOW);
  const aino = parseParticipant({ name: 'Aino Esimerkki', role: 'relative', identity: { kind: 'hetu', hetu: '010594Y9032' } }, 'p', NOW);
  assert.throws(
    () => refuseUnservedMethods([kari], ['bankid', 'mitid'], (i) => `participants[${i}]`),
    (e: unknown) =>
      e instanceof CareMeetError && e.code === 'VERIFY_METHOD_NOT_CONFIGURED' && /by bankid-no/.test(e.message) && e.field === 'participants[0].identity',
  );
  assert.throws(
    () => refuseUnservedMethods([kari, aino], ['bankid-no'], (i) => `participants[${i}]`),
    (e: unknown) =>
      e instanceof CareMeetError && e.code === 'VERIFY_METHOD_NOT_CONFIGURED' && /by suomifi/.test(e.message) && e.field === 'participants[1].identity',
  );
  refuseUnservedMethods([kari, aino], ['bankid-no', 'suomifi'], (i) => `participants[${i}]`);
});

test('over HTTP: booking a Finnish relative where only Swedish methods are served is refused, and nothing is stored', async () => {
  const outbox = new OutboxSender();
  const h = await createHarness({
    messages: outbox,
    inviteUrl: (secret: string) => `https://portal.example/mote#invite=${secret}`,
    verifyMethods: ['bankid', 'siths', 'sms-code'],
  });
  try {
    const base = sipMeeting();
    const body = {
      ...base,
      participants: [...base.participants, { name: 'Aino Esimerkki', role: 'relative', identity: { kind: 'hetu', hetu: '010594Y9032' } }],
    };
    const r = await h.call('POST', '/meetings', { token: ORGANIZER_KEY, body });
    assert.equal(r.status, 400);
    assert.equal(r.json.error.code, 'VERIFY_METHOD_NOT_CONFIGURED');
    assert.equal(outbox.messages().length, 0, 'nobody was invited');
    const bad = await h.call('POST', '/meetings', {
      token: ORGANIZER_KEY,
      body: { ...base, participants: [...base.participants, { name: 'K N', role: 'relative', identity: { kind: 'fnr', fnr: '30108299921' } }] },
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error.code, 'INVALID_FNR');
    assert.equal(bad.json.error.field, 'participants[4].identity.fnr');
  } finally {
    await h.close();
  }
});
