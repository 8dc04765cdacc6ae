import { test } from 'node:test';
import assert from 'node:assert/strict';

import { CareMeetError, type CareMeetErrorCode } from '../errors.js';
import { ROUTES } from '../routes.js';
import {
  BODY_SCHEMAS,
  MAX_PARTICIPANTS,
  bookMeeting,
  codeRequest,
  consent,
  evaluation,
  isParsed,
  makeBodySchemas,
  oidcStart,
  parseBody,
  participant,
  participantRef,
  provenIdentity,
  redemption,
  removalRef,
  vouchSession,
  type BodySchema,
  type FieldNames,
} from './index.js';

const NOW = new Date('2026-12-01T08:00:00Z');
const context = { now: () => NOW };

const chair = { name: 'Anna Läkare', role: 'chair', identity: { kind: 'hsa', hsaId: 'SE2321000016-1003' } };
const individual = { name: 'Tolvan Tolvansson', role: 'individual', identity: { kind: 'pnr', pnr: '19121212-1212' } };
const meeting = (extra: Record<string, unknown> = {}) => ({
  title: 'SIP-möte',
  startsAt: '2026-12-02T10:00:00+01:00',
  endsAt: '2026-12-02T11:00:00+01:00',
  participants: [chair, individual],
  ...extra,
});

/** One refusal: the code, the field and a part of the message the API answers with. */
type Refusal = [code: CareMeetErrorCode, field: string, message: RegExp];

function refused<T extends object>(schema: BodySchema<T>, input: unknown, [code, field, message]: Refusal, names?: FieldNames): void {
  assert.throws(
    () => parseBody(schema, input, names),
    (e: unknown) => {
      assert.ok(e instanceof CareMeetError, `a CareMeetError, not ${String(e)}`);
      assert.deepEqual([e.code, e.field], [code, field], e.message);
      assert.match(e.message, message);
      assert.doesNotMatch(e.message, /\{field\}|\{parent\}|Invalid (type|key|input)/, 'no template or Valibot text is left in the message');
      return true;
    },
    JSON.stringify(input),
  );
}

test('bookMeeting: a good body is parsed, normalised and typed (times as Dates, numbers normalised, defaults filled in)', () => {
  const parsed = parseBody(bookMeeting(context), meeting({ consent: { how: 'verbal' } }));
  assert.equal(parsed.startsAt.toISOString(), '2026-12-02T09:00:00.000Z');
  assert.deepEqual(
    { ...parsed, startsAt: undefined, endsAt: undefined },
    {
      title: 'SIP-möte',
      startsAt: undefined,
      endsAt: undefined,
      allowScreenShare: false,
      allowChat: false,
      e2ee: null,
      participants: [
        { name: 'Anna Läkare', role: 'chair', identity: { kind: 'hsa', hsaId: 'SE2321000016-1003' }, phone: null, email: null, language: null },
        { name: 'Tolvan Tolvansson', role: 'individual', identity: { kind: 'pnr', pnr: '191212121212' }, phone: null, email: null, language: null },
      ],
      consent: { how: 'verbal' },
    },
  );
  assert.ok(isParsed(parsed), 'parseBody marks what it produced');
  assert.ok(!isParsed(meeting()), 'and nothing else');
});

test('bookMeeting refuses with the code, field and message the API has always answered', () => {
  const cases: Array<[string, unknown, Refusal]> = [
    ['not an object', [], ['BAD_REQUEST', 'body', /^body must be an object$/]],
    ['null', null, ['BAD_REQUEST', 'body', /^body must be an object$/]],
    ['an unknown key, before any value', { ...meeting({ title: 5 }), colour: 'red' }, ['BAD_REQUEST', 'body.colour', /^body has an unknown field "colour"$/]],
    ['a long unknown key is cut to 40 characters', { ...meeting(), ['k'.repeat(60)]: 1 }, ['BAD_REQUEST', `body.${'k'.repeat(40)}`, /unknown field "k{40}"$/]],
    ['a prototype key', JSON.parse('{"constructor": 1}'), ['BAD_REQUEST', 'body', /^body has a forbidden key$/]],
    ['no title', meeting({ title: undefined }), ['BAD_REQUEST', 'title', /^title must be a string$/]],
    ['an empty title', meeting({ title: '' }), ['BAD_REQUEST', 'title', /^title must be 1 to 200 bytes$/]],
    // 100 characters of 3 bytes each: 300 bytes, over the limit though only 100 characters.
    ['a title over 200 bytes in UTF-8', meeting({ title: '€'.repeat(100) }), ['BAD_REQUEST', 'title', /1 to 200 bytes/]],
    ['a bidi override in the title', meeting({ title: 'evil\u202Etxt' }), ['BAD_REQUEST', 'title', /^title contains characters that are not allowed/]],
    ['a zero-width space in the title', meeting({ title: 'Bra\u200Bmöte' }), ['BAD_REQUEST', 'title', /not allowed/]],
    ['a newline in the title', meeting({ title: 'a\nb' }), ['BAD_REQUEST', 'title', /not allowed/]],
    ['non-ASCII digits in the title', meeting({ title: 'Möte ١٢' }), ['BAD_REQUEST', 'title', /not allowed/]],
    ['a time as a number', meeting({ startsAt: 1796205600000 }), ['BAD_REQUEST', 'startsAt', /^startsAt must be an ISO 8601 time with offset$/]],
    ['a time of 65 characters', meeting({ startsAt: `2026-12-02T10:00:00${'0'.repeat(46)}Z` }), ['BAD_REQUEST', 'startsAt', /ISO 8601/]],
    ['a local time', meeting({ endsAt: '2026-12-02T11:00:00' }), ['BAD_REQUEST', 'endsAt', /^endsAt must be an ISO 8601 time with offset, e\.g\./]],
    ['a day that does not exist', meeting({ startsAt: '2027-02-30T10:00:00+01:00' }), ['BAD_REQUEST', 'startsAt', /does not exist/]],
    ['the end before the start', meeting({ endsAt: '2026-12-02T09:00:00+01:00' }), ['BAD_REQUEST', 'endsAt', /^endsAt must be after startsAt$/]],
    ['over 24 hours', meeting({ endsAt: '2026-12-03T10:00:01+01:00' }), ['BAD_REQUEST', 'endsAt', /24 hours/]],
    ['over already', meeting({ startsAt: '2026-11-30T10:00:00Z', endsAt: '2026-11-30T11:00:00Z' }), ['BAD_REQUEST', 'endsAt', /already be over/]],
    ['past the horizon', meeting({ startsAt: '2028-12-02T10:00:00Z', endsAt: '2028-12-02T11:00:00Z' }), ['BAD_REQUEST', 'startsAt', /731 days/]],
    ['a flag that is not a boolean', meeting({ allowChat: 'yes' }), ['BAD_REQUEST', 'allowChat', /^allowChat must be true or false$/]],
    ['e2ee null', meeting({ e2ee: null }), ['BAD_REQUEST', 'e2ee', /^e2ee must be true or false$/]],
    ['no participants', meeting({ participants: [] }), ['BAD_REQUEST', 'participants', /^participants must be a non-empty list$/]],
    ['participants not a list', meeting({ participants: { 0: chair } }), ['BAD_REQUEST', 'participants', /non-empty list/]],
    [
      'too many participants',
      meeting({ participants: Array.from({ length: MAX_PARTICIPANTS + 1 }, () => chair) }),
      ['BAD_REQUEST', 'participants', /^at most 50 participants$/],
    ],
    ['two chairs', meeting({ participants: [chair, chair] }), ['BAD_REQUEST', 'participants', /^a meeting has exactly one chair$/]],
    ['consent with nobody to give it', meeting({ participants: [chair], consent: { how: 'verbal' } }), ['BAD_REQUEST', 'consent', /individual's/]],
    ['consent given how?', meeting({ consent: { how: 'self' } }), ['BAD_REQUEST', 'consent.how', /^consent\.how must be one of verbal, written$/]],
    [
      'a participant refused deep down',
      meeting({ participants: [chair, { ...individual, identity: { kind: 'pnr', pnr: '19121212-1213' } }] }),
      ['INVALID_PERSONNUMMER', 'participants[1].identity.pnr', /./],
    ],
  ];
  for (const [what, input, refusal] of cases) {
    try {
      refused(bookMeeting(context), input, refusal);
    } catch (e) {
      assert.fail(`${what}: ${(e as Error).message}`);
    }
  }
});

test('participant: names, identities, guests and roles, each refusal at its field', () => {
  const guest = { name: 'Gäst', role: 'guest', identity: { kind: 'guest' } };
  const good: Array<[unknown, object]> = [
    [
      { ...guest, phone: '070-123 45 67' },
      { identity: { kind: 'guest', phone: '+46701234567' }, phone: '+46701234567', email: null },
    ],
    [
      { ...guest, identity: { kind: 'guest', email: 'A.B@Example.SE' } },
      { identity: { kind: 'guest', email: 'A.B@example.se' }, phone: null, email: 'A.B@example.se' },
    ],
    [
      { ...individual, name: '  Åsa Öberg ', language: 'fi' },
      { name: 'Åsa Öberg', language: 'fi' },
    ],
    [{ name: 'Kari', role: 'relative', identity: { kind: 'cpr', cpr: '070761-4285' } }, { identity: { kind: 'cpr', cpr: '0707614285' } }],
  ];
  for (const [input, expected] of good) {
    const parsed = parseBody(participant(context), input);
    for (const [key, value] of Object.entries(expected)) assert.deepEqual(parsed[key as keyof typeof parsed], value, `${JSON.stringify(input)}: ${key}`);
  }
  const cases: Array<[unknown, Refusal]> = [
    [{ ...individual, name: 'Zoë\u200bD' }, ['INVALID_NAME', 'name', /^Name contains characters/]],
    [{ ...individual, name: 7 }, ['INVALID_NAME', 'name', /^Name must be a string\.$/]],
    // 67 characters of 3 bytes: 201 bytes, one over, though far under 200 characters.
    [{ ...individual, name: 'ä'.repeat(10) + '€'.repeat(61) }, ['INVALID_NAME', 'name', /200 bytes/]],
    [{ ...individual, role: 'boss' }, ['BAD_REQUEST', 'role', /^role must be one of chair, staff, individual, relative, guest$/]],
    [{ ...individual, identity: 'pnr' }, ['BAD_REQUEST', 'identity', /^identity must be an object$/]],
    [{ ...individual, identity: { kind: 'passport' } }, ['BAD_REQUEST', 'identity.kind', /^identity\.kind must be one of hsa, pnr, cpr, fnr, hetu, guest$/]],
    [
      { ...individual, identity: { kind: 'pnr', pnr: '191212121212', colour: 1 } },
      ['BAD_REQUEST', 'identity.colour', /^identity has an unknown field "colour"$/],
    ],
    [{ ...individual, identity: { kind: 'pnr', hsaId: 'x' } }, ['BAD_REQUEST', 'identity.hsaId', /^identity has an unknown field "hsaId"$/]],
    [{ ...individual, identity: { kind: 'pnr', pnr: 191212121212 } }, ['BAD_REQUEST', 'identity.pnr', /^identity\.pnr must be a string$/]],
    [{ ...individual, identity: { kind: 'pnr', pnr: '1'.repeat(65) } }, ['BAD_REQUEST', 'identity.pnr', /^identity\.pnr is too long$/]],
    [{ ...individual, identity: { kind: 'pnr', pnr: '１９１２１２１２-１２１２' } }, ['INVALID_PERSONNUMMER', 'identity.pnr', /./]],
    [{ ...chair, identity: { kind: 'hsa', hsaId: 'SE2321000016' } }, ['INVALID_HSA_ID', 'identity.hsaId', /^HSA-id/]],
    [{ ...individual, identity: { kind: 'cpr', cpr: '320161-4285' } }, ['INVALID_CPR', 'identity.cpr', /./]],
    [{ ...individual, identity: { kind: 'fnr', fnr: '30108299921' } }, ['INVALID_FNR', 'identity.fnr', /./]],
    [{ ...individual, identity: { kind: 'hetu', hetu: '010594Y9033' } }, ['INVALID_HETU', 'identity.hetu', /./]],
    [guest, ['BAD_REQUEST', 'identity', /^a guest needs a phone number or an e-mail address/]],
    [{ ...guest, phone: '0701234567', identity: { kind: 'guest', phone: '0701234568' } }, ['BAD_REQUEST', 'phone', /^body has two different phone numbers$/]],
    [{ ...guest, email: 'a@b.se', identity: { kind: 'guest', email: 'c@b.se' } }, ['BAD_REQUEST', 'email', /^body has two different e-mail addresses$/]],
    [{ ...guest, phone: '+46 (70) 123' }, ['INVALID_PHONE', 'phone', /^Phone number/]],
    [{ ...guest, phone: 46701234567 }, ['BAD_REQUEST', 'phone', /^phone must be a string$/]],
    [{ ...guest, email: 'a@b' }, ['INVALID_EMAIL', 'email', /^E-mail address/]],
    [{ ...guest, role: 'staff', phone: '0701234567' }, ['BAD_REQUEST', 'identity.kind', /^only the guest role may join without identification$/]],
    [{ ...chair, role: 'relative' }, ['BAD_REQUEST', 'identity.kind', /^relatives are identified by a national identity number/]],
    [{ ...individual, language: 'de' }, ['BAD_REQUEST', 'language', /^language must be one of sv, da, nb, fi, en$/]],
  ];
  for (const [input, refusal] of cases) refused(participant(context), input, refusal);
  // Named as a function's caller names the value: `p.identity.fnr`, `body.name`.
  refused(participant(context), { ...individual, identity: { kind: 'fnr', fnr: '30108299921' } }, ['INVALID_FNR', 'p.identity.fnr', /./], {
    root: 'p',
    nested: true,
  });
  refused(participant(context), { ...individual, name: '' }, ['INVALID_NAME', 'body.name', /empty/], { root: 'body', nested: true });
  refused(participant(context), 5, ['BAD_REQUEST', 'body', /^body must be an object$/], { root: 'body', nested: true });
});

test('identity numbers are judged by the context clock', () => {
  // A personnummer born on 1 December 2026 exists only from that day on.
  const born = { kind: 'pnr', pnr: '20261201-0001' };
  const schemaBefore = provenIdentity({ now: () => new Date('2026-11-30T12:00:00Z') });
  refused(schemaBefore, born, ['INVALID_PERSONNUMMER', 'identity.pnr', /./], { root: 'identity', nested: true });
});

test('vouchSession, consent, admit, remove, code, redemption, login, evaluation: good bodies and refusals', () => {
  assert.deepEqual(parseBody(vouchSession(context), { meetingId: 'm_1', identity: { kind: 'hetu', hetu: '131052-308t' } }), {
    meetingId: 'm_1',
    identity: { kind: 'hetu', hetu: '131052-308T' },
    method: 'host',
  });
  refused(vouchSession(context), { identity: chair.identity }, ['BAD_REQUEST', 'meetingId', /^meetingId must be a string$/]);
  refused(vouchSession(context), { meetingId: 'm', identity: { kind: 'guest' } }, [
    'BAD_REQUEST',
    'identity.kind',
    /^identity\.kind must be one of hsa, pnr, cpr, fnr, hetu$/,
  ]);
  refused(vouchSession(context), { meetingId: 'm', identity: chair.identity, method: 'magic' }, [
    'BAD_REQUEST',
    'method',
    /^method must be one of bankid, siths/,
  ]);

  const ids = ['p_1', 'p_2'];
  assert.deepEqual(parseBody(consent(), { how: 'self', participantIds: ids }), { how: 'self', participantIds: ids });
  refused(consent(), { how: 'nod', participantIds: ids }, ['BAD_REQUEST', 'how', /^how must be one of self, verbal, written$/]);
  refused(consent(), { how: 'self', participantIds: [] }, ['BAD_REQUEST', 'participantIds', /^participantIds must be a non-empty list$/]);
  refused(consent(), { how: 'self', participantIds: Array.from({ length: 51 }, (_, i) => `p_${i}`) }, [
    'BAD_REQUEST',
    'participantIds',
    /^at most 50 participantIds$/,
  ]);
  refused(consent(), { how: 'self', participantIds: ['p_1', ''] }, [
    'BAD_REQUEST',
    'participantIds[1]',
    /^participantIds holds strings of 1 to 64 characters$/,
  ]);
  refused(consent(), { how: 'self', participantIds: ['p_1', 2] }, ['BAD_REQUEST', 'participantIds[1]', /holds strings/]);
  refused(consent(), { how: 'self', participantIds: ['p_1', 'p_1'] }, ['BAD_REQUEST', 'participantIds', /^participantIds names someone twice$/]);

  const id = 'p_0123456789abcdef';
  assert.deepEqual(parseBody(participantRef(), { participantId: id }), { participantId: id });
  refused(participantRef(), {}, ['BAD_REQUEST', 'participantId', /^participantId must be a participant id$/]);
  refused(participantRef(), { participantId: 'sip_caller' }, ['BAD_REQUEST', 'participantId', /must be a participant id$/]);
  refused(participantRef(), { participantId: id, why: 'x' }, ['BAD_REQUEST', 'body.why', /unknown field "why"/]);

  // A removal names a LiveKit identity of at most 256 UTF-8 bytes: 128 two-byte letters fit, 129 do not.
  assert.equal(parseBody(removalRef(), { participantId: 'ö'.repeat(128) }).participantId.length, 128);
  refused(removalRef(), { participantId: 'ö'.repeat(129) }, [
    'BAD_REQUEST',
    'participantId',
    /^participantId must be a participant id or a connected identity$/,
  ]);
  refused(removalRef(), { participantId: '' }, ['BAD_REQUEST', 'participantId', /connected identity/]);
  refused(removalRef(), { participantId: 'sip\u202E' }, ['BAD_REQUEST', 'participantId', /^participantId contains characters that are not allowed/]);

  assert.deepEqual(parseBody(codeRequest(), {}), {});
  assert.deepEqual(parseBody(codeRequest(), { lang: 'nb' }), { lang: 'nb' });
  refused(codeRequest(), { lang: 'de' }, ['BAD_REQUEST', 'lang', /^lang must be one of sv, da, nb, fi, en$/]);
  refused(codeRequest(), { language: 'sv' }, ['BAD_REQUEST', 'body.language', /unknown field/]);

  assert.deepEqual(parseBody(redemption(), { code: '123 456' }), { code: '123 456' });
  assert.deepEqual(parseBody(redemption(), { name: 'Gäst' }), { name: 'Gäst' });
  refused(redemption(), {}, ['BAD_REQUEST', 'name', /^send the code from the SMS, or the name/]);

  assert.deepEqual(parseBody(oidcStart(), { returnTo: 'https://portal.example/m#x' }), { returnTo: 'https://portal.example/m#x', display: 'redirect' });
  assert.deepEqual(parseBody(oidcStart(), { returnTo: 'https://p.example/', display: 'popup', language: 'da' }), {
    returnTo: 'https://p.example/',
    display: 'popup',
    language: 'da',
  });
  refused(oidcStart(), { returnTo: '' }, ['BAD_REQUEST', 'returnTo', /^returnTo must be a URL of at most 2048 characters$/]);
  refused(oidcStart(), { returnTo: `https://p.example/${'a'.repeat(2048)}` }, ['BAD_REQUEST', 'returnTo', /at most 2048/]);
  refused(oidcStart(), { returnTo: 'https://p.example/\u200B' }, ['BAD_REQUEST', 'returnTo', /not allowed/]);
  refused(oidcStart(), { returnTo: 'https://p.example/', display: 'window' }, ['BAD_REQUEST', 'display', /^display must be redirect or popup$/]);

  assert.deepEqual(parseBody(evaluation(), { answers: { q1: 5 } }), { answers: { q1: 5 } });
  refused(evaluation(), { answers: {}, extra: 1 }, ['BAD_REQUEST', 'body.extra', /unknown field/]);
});

test('every route of the table that reads a JSON body has its schema, and no other route has one', () => {
  for (const [name, route] of Object.entries(ROUTES)) {
    assert.equal(Object.hasOwn(BODY_SCHEMAS, name), route.body === 'json' || route.body === 'none-or-json', name);
  }
});

test('makeBodySchemas makes every schema of BODY_SCHEMAS for one context', () => {
  const bodies = makeBodySchemas(context);
  assert.deepEqual(Object.keys(bodies).sort(), Object.keys(BODY_SCHEMAS).sort());
  assert.equal(parseBody(bodies.bookMeeting, meeting()).title, 'SIP-möte');
});
