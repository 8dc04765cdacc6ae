import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LANGS } from './layout.js';
import { ehrBody, inboxBody, meetingBody, outboxBody, text, when } from './pages.js';

const tag = (html: string) => /<care-meeting[^>]*>/.exec(html)?.[0] ?? '';

test('the meeting page tells <care-meeting> when no media server runs, so it says so instead of blaming the network', () => {
  assert.equal(tag(meetingBody('sv')), '<care-meeting lang="sv" api-base="/api">');
  assert.equal(tag(meetingBody('da', { noMedia: true })), '<care-meeting lang="da" api-base="/api" no-media-server>');
  assert.equal(tag(meetingBody('en', { noMedia: true, inviteFromHash: true })), '<care-meeting lang="en" api-base="/api" invite-from-hash no-media-server>');
  assert.equal(tag(meetingBody('en', { inviteFromHash: true })), '<care-meeting lang="en" api-base="/api" invite-from-hash>');
});

/** Every text of a language's table, by path. */
function texts(value: unknown, path = ''): Array<[string, string]> {
  if (typeof value === 'string') return [[path, value]];
  return Object.entries(value as object).flatMap(([key, inner]) => texts(inner, path ? `${path}.${key}` : key));
}

test('the demo speaks five languages: the same texts in each, none left in another language but names', () => {
  const byLang = new Map(LANGS.map((lang) => [lang, new Map(texts(text(lang)))]));
  const en = [...byLang.get('en')!.keys()].sort();
  // Names and abbreviations (API, SITHS, HSA-id, BankID, MitID, CPR, LiveKit, SMS), and words that
  // two languages spell alike: Status, Start, Kanal, Text/Tekst, Til, Navn, Rolle, Pårørende,
  // E-post (sv, nb), E-mail (da, en), Sms (sv, da), Givet skriftligt (sv, da), Medieserver (da, nb).
  const same = new Set([
    'API', 'Status', 'Start', 'Kanal', 'Text', 'Tekst', 'Til', 'Navn', 'Rolle', 'Pårørende', 'SMS', 'Sms', 'E-post', 'E-mail', 'Givet skriftligt',
    'Medieserver (LiveKit)', 'SITHS (HSA-id)', 'BankID (personnummer)', 'BankID (svensk personnummer)', 'MitID (CPR)', 'Test-IdP (BankID/SITHS/MitID)',
  ]);
  const copied: string[] = [];
  for (const [lang, own] of byLang) {
    assert.deepEqual([...own.keys()].sort(), en, lang);
    for (const [other, theirs] of byLang) {
      if (other <= lang) continue;
      for (const [path, value] of own) if (theirs.get(path) === value && !same.has(value)) copied.push(`${path}: ${lang} = ${other} = ${value}`);
    }
  }
  assert.deepEqual(copied, []);
});

test('Danish pages: the inbox logs in with MitID, the booking’s individual is a CPR citizen, and no role reads as a group', () => {
  assert.match(text('da').loggedInAs, /MitID/);
  assert.match(text('da').idp, /MitID/);
  assert.match(ehrBody('da', { meetings: [], startDefault: '2026-12-01T10:00' }), /value="Mette Mitidsen"[\s\S]*?<option value="cpr" selected>/);
  assert.match(ehrBody('sv', { meetings: [], startDefault: '2026-12-01T10:00' }), /value="Esther Exempel"/);
  for (const lang of LANGS) {
    const roles: Record<string, string> = text(lang).roles;
    assert.ok(!['Personal', 'Personale', 'Staff'].includes(roles.staff ?? '') && roles.individual !== 'Borgeren', lang);
  }
});

test('times and the outbox in the page’s own language', () => {
  assert.equal(when('2026-12-01T09:00:00Z', 'fi'), '1.12.2026 klo 10.00');
  assert.equal(when('2026-12-01T09:00:00Z', 'nb'), '1. des. 2026, 10:00');
  const outbox = outboxBody('fi', [{ at: '2026-12-01T09:00:00Z', channel: 'sms', to: '+46709876543', text: 'x' }]);
  assert.match(outbox, /<td>Tekstiviesti<\/td>/);
  assert.match(inboxBody('nb', { who: 'rut', citizens: [{ id: 'rut', name: 'Rut Exempel' }], messages: [], titles: new Map() }), /Ingen meldinger/);
});
