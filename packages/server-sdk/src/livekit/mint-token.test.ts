import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TokenVerifier } from 'livekit-server-sdk';
import { mintToken, MAX_TOKEN_TTL_SECONDS } from './mint-token.js';
import { grantsFor } from '../admission/decide.js';
import { decodeJwtPayload } from '../test-support/recording-room-control.js';

const base = { apiKey: 'devkey', apiSecret: 'secret-for-tests-secret-for-tests', identity: 'p_abc', name: 'Esther Exempel', room: 'r_room' };

const FORBIDDEN_GRANTS = ['roomCreate', 'roomList', 'roomRecord', 'roomAdmin', 'ingressAdmin', 'recorder', 'hidden', 'agent', 'destinationRoom'];

test('a minted token verifies and carries only roomJoin, room and the explicit media grants', async () => {
  const jwt = await mintToken({ ...base, grants: grantsFor('chair', { allowScreenShare: false, allowChat: false }), ttlSeconds: 60 });
  const claims = await new TokenVerifier(base.apiKey, base.apiSecret).verify(jwt);
  assert.equal(claims.sub, 'p_abc');
  assert.equal(claims.name, 'Esther Exempel');
  const video = decodeJwtPayload(jwt).video as Record<string, unknown>;
  assert.deepEqual(Object.keys(video).sort(), [
    'canPublish',
    'canPublishData',
    'canPublishSources',
    'canSubscribe',
    'canUpdateOwnMetadata',
    'room',
    'roomJoin',
  ]);
  assert.equal(video.roomJoin, true);
  assert.equal(video.room, 'r_room');
  assert.equal(video.canPublishData, false);
  assert.equal(video.canUpdateOwnMetadata, false);
  assert.deepEqual(video.canPublishSources, ['camera', 'microphone']);
  for (const g of FORBIDDEN_GRANTS) assert.equal(g in video, false, g);
});

test('the TTL is what was asked and never above 120 s', async () => {
  const jwt = await mintToken({ ...base, grants: grantsFor('staff', { allowScreenShare: true, allowChat: true }), ttlSeconds: 120 });
  const p = decodeJwtPayload(jwt);
  assert.ok(Number(p.exp) - Number(p.nbf) <= MAX_TOKEN_TTL_SECONDS);
  await assert.rejects(mintToken({ ...base, grants: grantsFor('staff', { allowScreenShare: true, allowChat: true }), ttlSeconds: 121 }), TypeError);
  await assert.rejects(mintToken({ ...base, grants: grantsFor('staff', { allowScreenShare: true, allowChat: true }), ttlSeconds: 0 }), TypeError);
});

test('screen share sources appear only when granted', async () => {
  const jwt = await mintToken({ ...base, grants: grantsFor('staff', { allowScreenShare: true, allowChat: true }), ttlSeconds: 30 });
  const video = decodeJwtPayload(jwt).video as Record<string, unknown>;
  assert.deepEqual(video.canPublishSources, ['camera', 'microphone', 'screen_share', 'screen_share_audio']);
  assert.equal(video.canPublishData, true);
});
