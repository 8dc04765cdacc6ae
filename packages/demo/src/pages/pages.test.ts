import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LANGS } from './layout.js';
import { ehrBody, inboxBody, linkify, meetingBody, outboxBody, text, when } from './pages.js';
import type { BookedMeeting } from '../demo-state.js';

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
  // E-post (sv, nb), E-mail (da, en), Sms (sv, da), Givet skriftligt (sv, da), Medieserver (da, nb),
  // "Suomi.fi (finsk personnummer)" (da, nb).
  const same = new Set([
    'API',
    'Status',
    'Start',
    'Kanal',
    'Text',
    'Tekst',
    'Til',
    'Navn',
    'Rolle',
    'Pårørende',
    'SMS',
    'Sms',
    'E-post',
    'E-mail',
    'Givet skriftligt',
    'Dato',
    'Svensk tid.',
    'Medieserver (LiveKit)',
    'SITHS (HSA-id)',
    'BankID (personnummer)',
    'BankID (svensk personnummer)',
    'MitID (CPR)',
    'Suomi.fi (finsk personnummer)',
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

test('Norwegian and Finnish pages: the inbox logs in with BankID and Suomi.fi, the booking’s citizens are Norwegian and Finnish', () => {
  assert.match(text('nb').loggedInAs, /^Logget inn med BankID som$/);
  assert.match(text('fi').loggedInAs, /Suomi\.fi/);
  assert.match(
    ehrBody('nb', { meetings: [], startDefault: '2026-12-01T10:00' }),
    /value="Kari Nordmann"[\s\S]*?<option value="fnr" selected>[\s\S]*?value="301082 99920"/,
  );
  assert.match(
    ehrBody('fi', { meetings: [], startDefault: '2026-12-01T10:00' }),
    /value="Aino Esimerkki"[\s\S]*?<option value="hetu" selected>[\s\S]*?value="010594Y9032"/,
  );
  for (const lang of LANGS) assert.ok(text(lang).idp.includes('Suomi.fi') && /BankID (Norge|Norway|Norja)|svensk BankID/.test(text(lang).idp), lang);
  const norwegian: BookedMeeting = {
    ...booked,
    participants: [
      { id: 'p_5', name: 'Kari Nordmann', role: 'individual', kind: 'fnr', masked: '301082*****', inviteUrl: 'http://127.0.0.1:8080/join#invite=e' },
    ],
  };
  assert.match(
    ehrBody('nb', { meetings: [norwegian], startDefault: '2026-12-01T10:00', booked: norwegian }),
    /Kari Nordmann<\/strong>, Innbygger: Innkalling i innboksen; logger inn med BankID \(301082\*{5}\)/,
  );
  const finnish: BookedMeeting = {
    ...booked,
    participants: [
      { id: 'p_6', name: 'Aino Esimerkki', role: 'individual', kind: 'hetu', masked: '010594****', inviteUrl: 'http://127.0.0.1:8080/join#invite=f' },
    ],
  };
  assert.match(ehrBody('fi', { meetings: [finnish], startDefault: '2026-12-01T10:00', booked: finnish }), /kirjautuu palvelulla Suomi\.fi \(010594\*{4}\)/);
});

test('times and the outbox in the page’s own language', () => {
  assert.equal(when('2026-12-01T09:00:00Z', 'fi'), '1.12.2026 klo 10.00');
  assert.equal(when('2026-12-01T09:00:00Z', 'nb'), '1. des. 2026, 10:00');
  const outbox = outboxBody('fi', [{ at: '2026-12-01T09:00:00Z', channel: 'sms', to: '+46709876543', text: 'x' }]);
  assert.match(outbox, /<span class="channel">Tekstiviesti<\/span>/);
  assert.match(outbox, /1\.12\.2026 klo 10\.00/);
  assert.match(inboxBody('nb', { who: 'rut', citizens: [{ id: 'rut', name: 'Rut Exempel' }], messages: [], titles: new Map() }), /Ingen meldinger/);
});

const booked: BookedMeeting = {
  id: 'm_1',
  title: 'SIP-möte',
  startsAt: '2026-12-01T09:00:00Z',
  endsAt: '2026-12-01T10:00:00Z',
  chairHsaId: 'SE2321000016-A1B2',
  participants: [
    { id: 'p_1', name: 'Anna Samordnare', role: 'chair', kind: 'hsa', masked: 'SE2321000016-****', inviteUrl: 'http://127.0.0.1:8080/join#invite=a' },
    { id: 'p_2', name: 'Rut Exempel', role: 'relative', kind: 'pnr', masked: '1985****-****', inviteUrl: 'http://127.0.0.1:8080/join#invite=b' },
    { id: 'p_3', name: 'Kurt Kurator', role: 'guest', kind: 'guest', masked: '+46 70*** **43', inviteUrl: 'http://127.0.0.1:8080/join#invite=c' },
    { id: 'p_4', name: 'Lisa Lärare', role: 'guest', kind: 'guest', masked: 'l***@skolan.example.se', inviteUrl: 'http://127.0.0.1:8080/join#invite=d' },
  ],
};

test('after a booking the EHR page confirms it: what, when, and how each person was invited, with their links', () => {
  const html = ehrBody('sv', { meetings: [booked], startDefault: '2026-12-01T10:00', booked });
  const section = /<section class="card confirmation" id="booked" tabindex="-1"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
  assert.match(section, /Mötet är bokat/);
  assert.match(section, /SIP-möte<\/strong>, 1 dec\. 2026 10:00–11:00/);
  assert.match(section, /Kurt Kurator<\/strong>, Gäst: Inbjudan skickad med sms till/);
  assert.match(section, /Lisa Lärare<\/strong>, Gäst: Inbjudan skickad med e-post till/);
  assert.match(section, /Rut Exempel<\/strong>, Närstående: Kallelse i 1177-inkorgen; loggar in med BankID/);
  assert.match(section, /<a class="invite-link" href="http:\/\/127\.0\.0\.1:8080\/join#invite=c">Inbjudningslänk<\/a>/);
  assert.ok(!ehrBody('sv', { meetings: [booked], startDefault: '2026-12-01T10:00' }).includes('id="booked"'), 'no confirmation without a booking');
});

test('a refused booking keeps what was typed and says what is wrong beside the field, in the page’s language', () => {
  const values = new URLSearchParams({
    title: 'Mitt möte',
    date: '30.02.2027',
    time: '14.30',
    minutes: '45',
    allowChat: '1',
    consent: 'verbal',
    'p0-name': 'Anna',
    'p0-role': 'chair',
    'p0-kind': 'hsa',
    'p0-value': 'SE123',
  });
  const html = ehrBody('fi', {
    meetings: [],
    startDefault: '2026-12-01T10:00',
    refused: { values, errors: [{ control: 'p0-value', row: 0, problem: 'hsa' }] },
  });
  for (const kept of ['value="Mitt möte"', 'value="30.02.2027"', 'value="14.30"', 'value="45"', 'value="SE123"', 'name="allowChat" value="1" checked'])
    assert.ok(html.includes(kept), kept);
  assert.match(html, /<option value="verbal" selected>/);
  // The rows the coordinator emptied stay empty: the defaults do not come back.
  assert.ok(!html.includes('Esther Exempel'));
  assert.match(html, /<input id="p0-value" name="p0-value" value="SE123" autocomplete="off" aria-invalid="true" aria-describedby="p0-value-error">/);
  assert.match(html, /<p class="field-error" id="p0-value-error">Tämä ei ole kelvollinen HSA-tunnus/);
  assert.match(html, /<div class="error-summary" id="booking-errors" role="alert" tabindex="-1"[\s\S]*<a href="#p0-value">Osallistuja 1: Tämä ei ole/);
  assert.ok(!/INVALID_|participants\[/.test(html));
});

test('the date and time are shown in the page language’s format, with the format beside them', () => {
  const field = (lang: 'sv' | 'da' | 'en' | 'fi') => {
    const html = ehrBody(lang, { meetings: [], startDefault: '2026-12-01T09:05' });
    return [
      /id="date" [^>]*value="([^"]*)"/.exec(html)?.[1],
      /id="time" [^>]*value="([^"]*)"/.exec(html)?.[1],
      /<p class="hint" id="date-hint">([^<]*)</.exec(html)?.[1],
    ];
  };
  assert.deepEqual(field('sv'), ['2026-12-01', '09:05', 'ÅÅÅÅ-MM-DD']);
  assert.deepEqual(field('da'), ['01.12.2026', '09:05', 'DD.MM.ÅÅÅÅ']);
  assert.deepEqual(field('en'), ['01/12/2026', '09:05', 'DD/MM/YYYY']);
  assert.deepEqual(field('fi'), ['01.12.2026', '09.05', 'PP.KK.VVVV']);
  assert.ok(
    !ehrBody('en', { meetings: [], startDefault: '2026-12-01T09:05' }).includes('datetime-local'),
    'not the browser’s own date picker, which follows its locale',
  );
});

test('the inbox shows an ended meeting as ended, with nothing to join', () => {
  const messages = [
    { citizen: '198507099920', meetingId: 'm_1', startsAt: booked.startsAt, at: booked.startsAt },
    { citizen: '198507099920', meetingId: 'm_2', startsAt: booked.startsAt, at: booked.startsAt },
  ];
  const html = inboxBody('en', { who: 'rut', citizens: [{ id: 'rut', name: 'Rut' }], messages, titles: new Map(), ended: new Set(['m_1']) });
  const card = (id: string) => new RegExp(`<article class="card" data-meeting="${id}">[\\s\\S]*?</article>`).exec(html)?.[0] ?? '';
  assert.match(card('m_1'), /The meeting has ended\./);
  assert.ok(!card('m_1').includes('Join the meeting'));
  assert.match(card('m_2'), /Join the meeting/);
});

test('the outbox is a list with clickable links and the page’s own words, no preformatted block', () => {
  const html = outboxBody('da', [
    {
      at: '2026-12-01T09:00:00Z',
      channel: 'email',
      to: 'lisa@skolan.example.se',
      subject: 'Invitation til videomøde',
      text: 'Møde 1. dec.\nDeltag: http://127.0.0.1:8080/join#invite=abc&x=1\nHilsen',
    },
  ]);
  assert.ok(!html.includes('<pre'));
  assert.match(html, /<span class="channel">E-mail<\/span> <span>Til: <span class="recipient">lisa@skolan\.example\.se<\/span><\/span>/);
  assert.match(html, /<a href="http:\/\/127\.0\.0\.1:8080\/join#invite=abc&#38;x=1">http:\/\/127\.0\.0\.1:8080\/join#invite=abc&#38;x=1<\/a>/);
  assert.match(html, /Deltag: <a/);
  assert.match(
    linkify('<b>javascript:alert(1)</b> https://x.example/?a="b"'),
    /^&#60;b&#62;javascript:alert\(1\)&#60;\/b&#62; <a href="https:\/\/x\.example\/\?a=">https:\/\/x\.example\/\?a=<\/a>&#34;b&#34;$/,
  );
});
