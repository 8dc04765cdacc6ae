import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MESSAGE_LANGUAGES, OutboxSender, defaultMessageTimeZone, formatMeetingTime, invitationMessage, maskPhone, smsCodeMessage } from './messages.js';

test('OutboxSender keeps each message in memory and appends it to its file as one JSON line (mode 0600)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'care-meet-outbox-'));
  try {
    const file = join(dir, 'nested', 'outbox.jsonl');
    const outbox = new OutboxSender({ file });
    await outbox.sms('+46709876543', 'första');
    await outbox.email('lisa@skolan.example.se', 'Ämne', 'andra\nrad');
    const kept = outbox.messages();
    assert.equal(kept.length, 2);
    assert.deepEqual({ ...kept[0], at: 'x' }, { at: 'x', channel: 'sms', to: '+46709876543', text: 'första' });
    assert.deepEqual({ ...kept[1], at: 'x' }, { at: 'x', channel: 'email', to: 'lisa@skolan.example.se', subject: 'Ämne', text: 'andra\nrad' });
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
    assert.equal(lines.length, 2);
    assert.deepEqual(
      lines.map((l) => JSON.parse(l) as unknown),
      kept,
    );
    assert.equal((await stat(file)).mode & 0o777, 0o600);
    kept[0]!.text = 'changed';
    assert.equal(outbox.messages()[0]?.text, 'första', 'messages() answers copies');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  assert.throws(() => new OutboxSender({ file: '' }), TypeError);
});

test("times are stated in the meeting's local time, summer and winter, in each language", () => {
  const winter = new Date('2026-12-01T09:00:00Z');
  const summer = new Date('2026-06-15T08:30:00Z');
  assert.equal(formatMeetingTime(winter, 'sv', 'Europe/Stockholm'), 'tisdag 1 december 2026 kl. 10:00');
  assert.equal(formatMeetingTime(summer, 'sv', 'Europe/Stockholm'), 'måndag 15 juni 2026 kl. 10:30');
  assert.equal(formatMeetingTime(winter, 'da', 'Europe/Copenhagen'), 'tirsdag den 1. december 2026 kl. 10.00');
  assert.equal(formatMeetingTime(winter, 'nb', 'Europe/Oslo'), 'tirsdag 1. desember 2026 kl. 10:00');
  assert.equal(formatMeetingTime(summer, 'nb', 'Europe/Oslo'), 'mandag 15. juni 2026 kl. 10:30');
  // Finnish says "on Tuesday" with the essive, and Helsinki is an hour ahead of Stockholm.
  assert.equal(formatMeetingTime(winter, 'fi', 'Europe/Helsinki'), 'tiistaina 1. joulukuuta 2026 klo 11.00');
  assert.equal(formatMeetingTime(summer, 'fi', 'Europe/Helsinki'), 'maanantaina 15. kesäkuuta 2026 klo 11.30');
  assert.equal(formatMeetingTime(winter, 'en', 'Europe/Stockholm'), 'Tuesday, 1 December 2026 at 10:00');
});

test("each language states times in its own country's time zone unless one is configured", () => {
  assert.deepEqual(
    MESSAGE_LANGUAGES.map((lang) => [lang, defaultMessageTimeZone(lang)]),
    [
      ['sv', 'Europe/Stockholm'],
      ['da', 'Europe/Copenhagen'],
      ['nb', 'Europe/Oslo'],
      ['fi', 'Europe/Helsinki'],
      ['en', 'Europe/Stockholm'],
    ],
  );
});

test('every language has its own invitation and code texts, none left in another language', () => {
  const startsAt = new Date('2026-12-01T09:00:00Z');
  const url = 'https://portal.test/join#invite=SECRET';
  const texts = MESSAGE_LANGUAGES.map((lang) => {
    const timeZone = defaultMessageTimeZone(lang);
    const m = invitationMessage({ startsAt, url, lang, timeZone });
    const code = smsCodeMessage({ code: '012345', validUntil: startsAt, lang, timeZone });
    // Without the time, which Intl writes, the words are the template's own.
    const when = formatMeetingTime(startsAt, lang, timeZone);
    return { lang, parts: [m.sms.replace(when, ''), m.subject, m.email.replace(when, ''), code.replace(/\d\d[:.]\d\d/, '')] };
  });
  for (const [i, a] of texts.entries()) {
    for (const b of texts.slice(i + 1)) {
      a.parts.forEach((part, k) => assert.notEqual(part, b.parts[k], `${a.lang} and ${b.lang} say the same: ${part}`));
    }
  }
  const nb = invitationMessage({ startsAt, url, lang: 'nb', timeZone: 'Europe/Oslo' });
  assert.equal(nb.sms, `Du er invitert til et videomøte tirsdag 1. desember 2026 kl. 10:00. Åpne lenken når møtet begynner: ${url}`);
  const fi = invitationMessage({ startsAt, url, lang: 'fi', timeZone: 'Europe/Helsinki' });
  assert.equal(fi.sms, `Sinut on kutsuttu videotapaamiseen tiistaina 1. joulukuuta 2026 klo 11.00. Avaa linkki, kun tapaaminen alkaa: ${url}`);
  assert.equal(
    smsCodeMessage({ code: '012345', validUntil: startsAt, lang: 'fi', timeZone: 'Europe/Helsinki' }),
    'Koodisi on 012345. Se on voimassa klo 11.00 asti.',
  );
  assert.equal(
    smsCodeMessage({ code: '012345', validUntil: startsAt, lang: 'nb', timeZone: 'Europe/Oslo' }),
    'Koden din er 012345. Den gjelder til kl. 10:00.',
  );
});

test('rule 10: the templates take the time and the link only, and say nothing else about the meeting', () => {
  const startsAt = new Date('2026-12-01T09:00:00Z');
  const url = 'https://portal.test/join#invite=SECRET';
  for (const lang of MESSAGE_LANGUAGES) {
    const m = invitationMessage({ startsAt, url, lang, timeZone: 'Europe/Stockholm' });
    const when = formatMeetingTime(startsAt, lang, 'Europe/Stockholm');
    for (const text of [m.sms, m.email]) {
      assert.ok(text.includes(when) && text.includes(url), lang);
      // What is left without the time and the link has no digits at all: no id, no phone, no number.
      assert.ok(!/[0-9]/.test(text.replace(when, '').replace(url, '')), `${lang}: ${text}`);
    }
    assert.ok(!/[0-9]/.test(m.subject));
    assert.ok(m.sms.length <= 200, 'fits in two SMS parts');
    const code = smsCodeMessage({ code: '012345', validUntil: startsAt, lang, timeZone: 'Europe/Stockholm' });
    assert.ok(code.includes('012345') && code.includes('10'));
    assert.ok(!/[0-9]/.test(code.replace('012345', '').replace(/10[:.]00/, '')), code);
  }
  assert.throws(() => smsCodeMessage({ code: '12 34', validUntil: startsAt, lang: 'sv', timeZone: 'Europe/Stockholm' }), TypeError);
  assert.equal(maskPhone('+46709876543'), '+46****43');
});
