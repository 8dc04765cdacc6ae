import { expect } from '@open-wc/testing';

import { LANGS, type Lang, type Translations } from '../localize.js';
import {
  chairActionStrings,
  deviceCheckStrings,
  mediaGuidanceStrings,
  meetingRoomStrings,
  meetingStrings,
  rosterStrings,
  verifyIdentityStrings,
} from '../../test-support/all-strings.js';

/**
 * Every string table in every language: the same keys, nothing empty, and nothing left in another
 * language. The interfaces make a missing key a compile error already; this catches what they
 * cannot: a function that answers differently in one language, and a value copied from another
 * language instead of translated.
 */
const TABLES: Record<string, Translations<object>> = {
  'chair-actions': chairActionStrings,
  'device-check': deviceCheckStrings,
  'media-guidance': mediaGuidanceStrings,
  'meeting-room': meetingRoomStrings,
  meeting: meetingStrings,
  roster: rosterStrings,
  'verify-identity': verifyIdentityStrings,
};

/**
 * What each function is called with: names and texts stand in as `⟨1⟩`, `⟨2⟩`; the functions that
 * take numbers or choices get the values that reach each of their branches.
 */
const NAMES: ReadonlyArray<readonly unknown[]> = [['⟨1⟩', '⟨2⟩']];
const ARGUMENTS: Readonly<Record<string, ReadonlyArray<readonly unknown[]>>> = {
  count: [
    [3, 5],
    [1, 1],
  ],
  reconnectingFresh: [[2]],
  noShow: [[1], [5]],
  tooEarly: [[undefined], [1], [15]],
  codeExpired: [[undefined], [1], [10]],
  codeInvalid: [[undefined], [0], [1], [3]],
  codesWait: [[1], [7]],
  consentHow: [
    ['self', 'individual'],
    ['written', 'organizer'],
    ['verbal', 'chair'],
    ['written', null],
  ],
};

/** Every text a table can give, by path: `problem.codeInvalid(2).text`. */
function texts(table: object): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (value: unknown, path: string, key: string): void => {
    if (typeof value === 'string') out.set(path, value);
    else if (typeof value === 'function') {
      (ARGUMENTS[key] ?? NAMES).forEach((args, i) => walk((value as (...a: unknown[]) => unknown)(...args.slice(0, value.length)), `${path}(${i})`, ''));
    } else if (value && typeof value === 'object') {
      for (const [inner, v] of Object.entries(value)) walk(v, path ? `${path}.${inner}` : inner, inner);
    } else out.set(path, `not a text: ${String(value)}`);
  };
  walk(table, '', '');
  return out;
}

/**
 * Names that are the same in every language, and parameters: a text made only of these (and
 * digits and punctuation) is the same everywhere by right.
 */
const PROPER_NOUNS = [
  'BankID',
  'MitID',
  'SITHS',
  'Suomi.fi',
  'care-meet',
  'LiveKit',
  'Teams',
  'Zoom',
  'FaceTime',
  'Chrome',
  'Safari',
  'Firefox',
  'Edge',
  'iOS',
  'PIN',
  'ms',
];
const onlyNamesAndNumbers = (text: string) => !PROPER_NOUNS.reduce((rest, noun) => rest.replaceAll(noun, ''), text.replace(/⟨\d⟩/g, '')).match(/\p{L}/u);

/**
 * Texts that are truly the same word in two of the languages, each with why. Keep this short: an
 * entry is a claim that a native speaker would write exactly this.
 */
const SAME_WORD: ReadonlyMap<string, string> = new Map([
  // Swedish, Danish and bokmål share much of their vocabulary; these are the words as each writes them.
  ['Kamera', 'camera in Swedish, Danish, bokmål and Finnish alike'],
  ['Mikrofon', 'microphone in Swedish, Danish and bokmål'],
  ['Ja', 'yes in Swedish, Danish and bokmål'],
  ['ny', 'new in Swedish, Danish and bokmål'],
  ['mobil', 'a mobile phone, in Swedish, Danish and bokmål'],
  ['Pårørende', 'a relative, in Danish and bokmål alike'],
  ['Fjern', 'remove, in Danish and bokmål alike'],
  ['Fjern ⟨1⟩', 'remove someone, in Danish and bokmål alike'],
  ['Fjernet', 'removed, in Danish and bokmål alike'],
  ['Ring ⟨1⟩', 'call a number, in Swedish, Danish and bokmål alike'],
  ['Ring ⟨1⟩, ⟨2⟩', 'call a number, in Swedish, Danish and bokmål alike'],
  ['Registrer samtykke', 'record consent, spelt the same in Danish and bokmål (Danish without the optional accent)'],
  ['Sender…', 'sending, in Danish and bokmål alike'],
  ['Send', 'the imperative of send in Danish and bokmål is the English word'],
  ['Chat', 'what Danish and bokmål interfaces call chat'],
  ['Browser', 'what Danish calls a web browser, as English does'],
  ['Avbryt', 'cancel, in Swedish and bokmål alike'],
  ['Lyd', 'sound, in Danish and bokmål alike'],
  ['Start testen', 'start the test, in Danish and bokmål alike'],
  ['SITHS-kort', 'the Swedish SITHS card; "kort" is card in Swedish, Danish and bokmål'],
  ['Nej', 'no, in Swedish and Danish'],
  ['kameraet', 'the camera, in Danish and bokmål'],
  ['mikrofonen', 'the microphone, in Swedish, Danish and bokmål'],
  ['kameraet og mikrofonen', 'the camera and the microphone, in Danish and bokmål'],
  ['Enheter', 'devices, in Swedish and bokmål'],
  ['Ikke startet', 'not started, in Danish and bokmål'],
  ['Hørte du lyden?', 'did you hear the sound, in Danish and bokmål'],
  ['Medieserveren', 'the media server, in Danish and bokmål'],
  ['lyd', 'sound, in Danish and bokmål'],
  ['Ingen venter.', 'nobody is waiting, in Danish and bokmål'],
  ['Sender koden…', 'sending the code, in Danish and bokmål'],
  ['Skriftligt', 'in writing, in Swedish and Danish'],
  ['CPR-nummer', 'the Danish CPR register’s number, named so in Swedish and Danish'],
  ['e-mail', 'what Danish calls e-mail, as English does'],
  ['HSA-id', 'the Swedish HSA register’s own name for its identifier'],
  ['svensk personnummer', 'a Swedish personal identity number, said the same way in Danish and bokmål'],
  ['et svensk personnummer', 'as above, with the article Danish and bokmål share'],
  ['et svensk samordningsnummer', 'a Swedish coordination number, said the same way in Danish and bokmål'],
  ['finsk personnummer', 'a Finnish personal identity code (henkilötunnus), said the same way in Danish and bokmål'],
  ['et finsk personnummer', 'as above, with the article Danish and bokmål share'],
  ['Suomi.fi-identifikation', 'the Finnish Suomi.fi e-identification service, named so in Swedish and Danish alike'],
  ['e-post', 'e-mail, in Swedish and bokmål alike'],
  ['PIN-kode', 'PIN code, in Danish and bokmål alike'],
  ['Telefonnummer', 'phone number, in Swedish, Danish and bokmål alike'],
]);

/** Letters a language does not use: one in its text means a word from another language slipped in. */
const FOREIGN_LETTERS: { readonly [L in Lang]: RegExp } = {
  sv: /[æøÆØ]/,
  da: /[äöÄÖ]/,
  nb: /[äöÄÖ]/,
  fi: /[æøåÆØÅ]/,
  en: /[åäöæøÅÄÖÆØ]/,
};

/** Texts that are the same in two or more languages, by path, before the exceptions are applied. */
function sharedTexts(name: string, byLang: ReadonlyMap<Lang, Map<string, string>>): Array<{ value: string; where: string }> {
  const shared: Array<{ value: string; where: string }> = [];
  for (const path of byLang.get('en')!.keys()) {
    const values = LANGS.map((lang) => [lang, byLang.get(lang)!.get(path)!] as const);
    for (const [i, [lang, value]] of values.entries()) {
      for (const [other, otherValue] of values.slice(i + 1)) {
        if (value === otherValue && !onlyNamesAndNumbers(value)) shared.push({ value, where: `${name}.${path}: ${lang} = ${other}` });
      }
    }
  }
  return shared;
}

const TEXTS = new Map(Object.entries(TABLES).map(([name, table]) => [name, new Map(LANGS.map((lang) => [lang, texts(table[lang])]))]));

describe('translations', () => {
  for (const [name, byLang] of TEXTS) {
    describe(name, () => {
      const en = byLang.get('en')!;

      it('has the same texts in every language, none of them empty or broken', () => {
        for (const [lang, own] of byLang) {
          expect([...own.keys()].sort(), `${name} in ${lang}`).to.deep.equal([...en.keys()].sort());
          for (const [path, text] of own) {
            expect(text.trim(), `${name}.${path} in ${lang}`).not.to.equal('');
            expect(text, `${name}.${path} in ${lang}`).not.to.match(/undefined|NaN|\[object|not a text/);
          }
        }
      });

      it('leaves nothing in another language', () => {
        const copied = sharedTexts(name, byLang)
          .filter(({ value }) => !SAME_WORD.has(value))
          .map(({ value, where }) => `${where} = ${JSON.stringify(value)}`);
        expect(copied, 'the same text in two languages (translate it, or add it to SAME_WORD with why)').to.deep.equal([]);
      });

      it('uses only the letters of its own language', () => {
        for (const [lang, own] of byLang) {
          const slipped = [...own].filter(([, text]) => FOREIGN_LETTERS[lang].test(text)).map(([path, text]) => `${path}: ${text}`);
          expect(slipped, `${name} in ${lang}`).to.deep.equal([]);
        }
      });
    });
  }

  it('lists no same-word exception that no two languages share', () => {
    const shared = new Set([...TEXTS].flatMap(([name, byLang]) => sharedTexts(name, byLang).map(({ value }) => value)));
    expect([...SAME_WORD.keys()].filter((word) => !shared.has(word))).to.deep.equal([]);
  });
});
