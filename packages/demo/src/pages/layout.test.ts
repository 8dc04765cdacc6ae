import { test } from 'node:test';
import assert from 'node:assert/strict';
import { livekitHttpOrigin, renderPage, type Page } from './layout.js';

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
