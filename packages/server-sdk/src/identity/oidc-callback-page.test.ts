import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CareMeetError } from '../errors.js';
import { createIdentityHarness } from '../test-support/identity.js';
import { oidcCallbackResponse, pageLanguage } from './oidc-callback-page.js';
import { MESSAGE_LANGUAGES } from './messages.js';

test("the callback page speaks the browser's language: the first of its Accept-Language the page is written in, by q-value", () => {
  assert.equal(pageLanguage('da-DK,da;q=0.9,en;q=0.8'), 'da');
  assert.equal(pageLanguage('fi'), 'fi');
  assert.equal(pageLanguage('sv-FI'), 'sv');
  // Norwegian as a whole, and Nynorsk, read bokmål.
  assert.equal(pageLanguage('nn-NO,nn;q=0.9'), 'nb');
  assert.equal(pageLanguage('no'), 'nb');
  assert.equal(pageLanguage('de-DE,de;q=0.9,fi;q=0.4,sv;q=0.5'), 'sv');
  assert.equal(pageLanguage('en;q=0.1,da;q=0'), 'en');
  assert.equal(pageLanguage('de'), 'en');
  assert.equal(pageLanguage(''), 'en');
  assert.equal(pageLanguage(null), 'en');
});

test('every language has its own words on the page, with English under them, and the page says which language it is in', async () => {
  const bodies = new Map<string, string>();
  for (const lang of MESSAGE_LANGUAGES) {
    const unknown = await oidcCallbackResponse(null, lang).text();
    const popup = await oidcCallbackResponse(
      { returnTo: 'https://portal.test/x', display: 'popup', result: { ok: false, error: new CareMeetError('LOGIN_FAILED', 'no') } },
      lang,
    ).text();
    assert.match(unknown, new RegExp(`<html lang="${lang}">`));
    assert.equal(unknown.includes('<p lang="en">'), lang !== 'en', lang);
    // The words before the English ones are this language's own: no two languages share them.
    const own = (html: string) => html.replace(/<p lang="en">.*?<\/p>/s, '').replace(/<script.*<\/script>/s, '');
    for (const [other, body] of bodies) assert.notEqual(own(unknown), body, `${lang} says what ${other} says`);
    bodies.set(lang, own(unknown));
    assert.ok(!/kallelse|okänd/.test(unknown), 'the plain words of the Swedish pass');
    assert.match(popup, /<title>[^<]+<\/title>/);
  }
  assert.match(await oidcCallbackResponse(null, 'da').text(), /Login kunne ikke gennemføres/);
  assert.match(await oidcCallbackResponse(null, 'fi').text(), /Tunnistautumista ei voitu viedä loppuun/);
});

test('GET /oidc/callback answers in the language the browser asks for', async () => {
  const h = await createIdentityHarness();
  try {
    const page = await h.raw('GET', '/oidc/callback?code=abc', { headers: { 'accept-language': 'nb-NO,nb;q=0.9' } });
    assert.equal(page.status, 400);
    const html = await page.text();
    assert.match(html, /<html lang="nb">/);
    assert.match(html, /Innloggingen kunne ikke fullføres/);
  } finally {
    await h.close();
  }
});
