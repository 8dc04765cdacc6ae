import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LANGS, languageHref, livekitHttpOrigin, renderPage, type Page } from './layout.js';

const page: Page = { lang: 'en', title: 'T', body: '<p>b</p>', path: '/' };

function connectSrc(csp: string): string[] {
  const directive = csp.split('; ').find((d) => d.startsWith('connect-src ')) ?? '';
  return directive.split(' ').slice(1);
}

test("the LiveKit server's http(s) origin, for connect-src", () => {
  assert.equal(livekitHttpOrigin('wss://media.region.example:7880/rtc'), 'https://media.region.example:7880');
  assert.equal(livekitHttpOrigin('ws://127.0.0.1:7880'), 'http://127.0.0.1:7880');
  assert.equal(livekitHttpOrigin('https://not-a-websocket.example'), null);
  assert.equal(livekitHttpOrigin('not a url'), null);
});

test("a remote LiveKit's origin is allowed by the page's CSP, and nothing else is added", () => {
  const plain = connectSrc(renderPage(page).csp);
  assert.ok(!plain.includes('https://media.region.example'));
  const withLivekit = connectSrc(renderPage(page, ['https://media.region.example']).csp);
  assert.deepEqual(withLivekit, [...plain, 'https://media.region.example']);
});

test('without a media server, every page says there is no sound, video or chat, and how to get them, in every language', () => {
  const words = {
    sv: ['utan mediaserver', 'varken ljud, bild eller chatt', 'Go 1.26'],
    da: ['uden medieserver', 'hverken lyd, billede eller chat', 'Go 1.26'],
    nb: ['uten medieserver', 'verken lyd, bilde eller chat', 'Go 1.26'],
    fi: ['ilman mediapalvelinta', 'ääntä, kuvaa ja keskustelua ei ole', 'Go 1.26'],
    en: ['without a media server', 'no sound, video or chat', 'Go 1.26'],
  };
  for (const lang of LANGS) {
    const { html } = renderPage({ ...page, lang, noMedia: true });
    const notice = /<p class="notice" role="note" id="no-media">(.*?)<\/p>/s.exec(html)?.[1] ?? '';
    assert.ok(notice.includes('<code>bash scripts/quickstart.sh demo</code>'), `${lang}: ${notice}`);
    for (const w of words[lang]) assert.ok(notice.includes(w), `${lang}: "${w}" in ${notice}`);
    // The demo no longer starts livekit-server --dev itself: the notice does not send people there.
    assert.ok(!notice.includes('livekit-server'), notice);
  }
  assert.ok(!renderPage(page).html.includes('no-media'), 'no notice while a media server runs');
});

test('every page links to all five languages by their own names, and its frame speaks its language', () => {
  const frames = new Set<string>();
  for (const lang of LANGS) {
    const { html } = renderPage({ ...page, lang });
    assert.match(html, new RegExp(`<html lang="${lang}">`));
    for (const [code, name] of [
      ['sv', 'Svenska'],
      ['da', 'Dansk'],
      ['nb', 'Norsk bokmål'],
      ['fi', 'Suomi'],
      ['en', 'English'],
    ]) {
      assert.ok(html.includes(`lang="${code}">${name}</`), `${lang}: ${code}`);
    }
    const frame = /<a class="skip"[^>]*>([^<]*)<\/a>[\s\S]*?<nav aria-label="([^"]*)">([\s\S]*?)<\/nav>/.exec(html)!.slice(1).join('|');
    assert.ok(!frames.has(frame), `${lang} has another language's frame: ${frame}`);
    frames.add(frame);
  }
});

test('the language links lead to the same page in another language: path and query kept, the fragment carried in the browser', () => {
  const { html } = renderPage({ ...page, lang: 'sv', path: '/meeting', here: '/inbox/meeting/m_1?who=rut&lang=sv' });
  assert.ok(html.includes('href="/inbox/meeting/m_1?who=rut&#38;lang=da" hreflang="da"'), html);
  assert.ok(html.includes('href="/inbox/meeting/m_1?who=rut&#38;lang=en" hreflang="en"'));
  const join = renderPage({ ...page, lang: 'da', path: '/join', here: '/join' }).html;
  assert.ok(join.includes('href="/join?lang=en" hreflang="en"'));
  // The fragment (#invite=…) never reaches the server: a script with the page's nonce carries it over.
  const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(renderPage(page).csp)?.[1];
  assert.ok(nonce);
  assert.match(join, /<script nonce="[^"]+">[^<]*location\.hash[^<]*<\/script>/);
  assert.equal(languageHref('/ehr?lang=sv&booked=m_1', 'fi'), '/ehr?lang=fi&booked=m_1');
});
