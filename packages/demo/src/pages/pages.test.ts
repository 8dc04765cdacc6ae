import { test } from 'node:test';
import assert from 'node:assert/strict';
import { meetingBody } from './pages.js';

const tag = (html: string) => /<care-meeting[^>]*>/.exec(html)?.[0] ?? '';

test('the meeting page tells <care-meeting> when no media server runs, so it says so instead of blaming the network', () => {
  assert.equal(tag(meetingBody('sv')), '<care-meeting lang="sv" api-base="/api">');
  assert.equal(tag(meetingBody('da', { noMedia: true })), '<care-meeting lang="da" api-base="/api" no-media-server>');
  assert.equal(tag(meetingBody('en', { noMedia: true, inviteFromHash: true })), '<care-meeting lang="en" api-base="/api" invite-from-hash no-media-server>');
  assert.equal(tag(meetingBody('en', { inviteFromHash: true })), '<care-meeting lang="en" api-base="/api" invite-from-hash>');
});
