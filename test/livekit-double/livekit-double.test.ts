// Drives the LiveKit test double with the real livekit-server-sdk clients (RoomServiceClient,
// EgressClient, AccessToken, WebhookReceiver) and with raw HTTP where the wire itself is the point.

import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, test, type TestContext } from 'node:test';

import { SignJWT } from 'jose';
import {
  AccessToken,
  EgressClient,
  EgressInfo,
  EgressStatus,
  ParticipantInfo,
  Room,
  RoomServiceClient,
  TrackSource,
  TwirpError,
  WebhookReceiver,
  type VideoGrant,
} from 'livekit-server-sdk';

import { startLiveKitDouble, type LiveKitDouble, type LiveKitDoubleOptions } from './livekit-double.js';

const KEY = 'APIdoubleTestKey';
const SECRET = 'double-test-secret-0123456789abcdefghijklmnop';

interface ReceivedHook {
  body: string;
  authorization: string | undefined;
  contentType: string | undefined;
}

interface Receiver {
  url: string;
  hooks: ReceivedHook[];
  status: number;
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const hooks: ReceivedHook[] = [];
  const state = { status: 200 };
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      hooks.push({
        body: Buffer.concat(chunks).toString('utf8'),
        authorization: req.headers.authorization,
        contentType: req.headers['content-type'],
      });
      res.writeHead(state.status);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/livekit/webhook`,
    hooks,
    get status() {
      return state.status;
    },
    set status(s: number) {
      state.status = s;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

interface Setup {
  double: LiveKitDouble;
  receiver: Receiver;
  svc: RoomServiceClient;
}

async function setup(t: TestContext, opts: Partial<LiveKitDoubleOptions> = {}): Promise<Setup> {
  const receiver = await startReceiver();
  const double = await startLiveKitDouble({ apiKey: KEY, apiSecret: SECRET, webhookUrl: receiver.url, ...opts });
  t.after(async () => {
    await double.close();
    await receiver.close();
  });
  return { double, receiver, svc: new RoomServiceClient(double.url, KEY, SECRET) };
}

async function mint(identity: string, grant: VideoGrant, opts: { ttl?: string; name?: string; secret?: string } = {}): Promise<string> {
  const at = new AccessToken(KEY, opts.secret ?? SECRET, { identity, ttl: opts.ttl ?? '2m', name: opts.name ?? identity });
  at.addGrant(grant);
  return at.toJwt();
}

function joinGrant(room: string, extra: Partial<VideoGrant> = {}): VideoGrant {
  return { roomJoin: true, room, canPublish: true, canSubscribe: true, canPublishData: false, ...extra };
}

/** A token signed like LiveKit's, with arbitrary claims (for expiry and malformed-claim cases). */
async function rawToken(claims: Record<string, unknown>, secret = SECRET): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(secret));
}

function isTwirpError(status: number, code: string | undefined, message?: RegExp): (e: unknown) => boolean {
  return (e: unknown) => {
    assert.ok(e instanceof TwirpError, `expected a TwirpError, got ${String(e)}`);
    assert.equal(e.status, status);
    assert.equal(e.code, code);
    if (message) assert.match(e.message, message);
    return true;
  };
}

async function twirp(
  double: LiveKitDouble,
  path: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string; contentType: string | null }> {
  const res = await fetch(`${double.url}/twirp/${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body,
  });
  return { status: res.status, text: await res.text(), contentType: res.headers.get('content-type') };
}

async function adminHeader(grant: VideoGrant): Promise<Record<string, string>> {
  const at = new AccessToken(KEY, SECRET, { ttl: '1m' });
  at.addGrant(grant);
  return { Authorization: `Bearer ${await at.toJwt()}` };
}

function events(receiver: Receiver): string[] {
  return receiver.hooks.map((h) => (JSON.parse(h.body) as { event: string }).event);
}

// ---------------------------------------------------------------------------------------------

describe('RoomService over Twirp, with the real RoomServiceClient', () => {
  test('creates, lists and deletes rooms; CreateRoom of an existing room returns it unchanged', async (t) => {
    const { double, svc } = await setup(t);
    const room = await svc.createRoom({ name: 'room-a', emptyTimeout: 60, departureTimeout: 10, maxParticipants: 2, metadata: '{"m":1}' });
    assert.match(room.sid, /^RM_[0-9A-Za-z]{12}$/);
    assert.equal(room.name, 'room-a');
    assert.equal(room.emptyTimeout, 60);
    assert.equal(room.departureTimeout, 10);
    assert.equal(room.maxParticipants, 2);
    assert.equal(room.metadata, '{"m":1}');
    assert.ok(room.creationTime > 0n);

    await svc.createRoom({ name: 'room-b' });
    const defaults = double.room('room-b');
    assert.equal(defaults?.emptyTimeout, 300, 'server default empty_timeout');
    assert.equal(defaults?.departureTimeout, 20, 'server default departure_timeout');

    const again = await svc.createRoom({ name: 'room-a', maxParticipants: 50 });
    assert.equal(again.sid, room.sid);
    assert.equal(again.maxParticipants, 2, 'an existing room keeps its settings');

    assert.deepEqual((await svc.listRooms()).map((r) => r.name).sort(), ['room-a', 'room-b']);
    assert.deepEqual(
      (await svc.listRooms(['room-b'])).map((r) => r.name),
      ['room-b'],
    );

    await svc.deleteRoom('room-a');
    assert.deepEqual(
      (await svc.listRooms()).map((r) => r.name),
      ['room-b'],
    );
    await assert.rejects(svc.deleteRoom('room-a'), isTwirpError(404, 'not_found', /^requested room does not exist$/));
  });

  test('answers with the JSON twirp writes: proto field names, defaults emitted, int64 as strings', async (t) => {
    const { double, svc } = await setup(t);
    await svc.createRoom({ name: 'wire' });
    const res = await twirp(double, 'livekit.RoomService/ListRooms', '{}', await adminHeader({ roomList: true }));
    assert.equal(res.status, 200);
    assert.equal(res.contentType, 'application/json');
    const body = JSON.parse(res.text) as { rooms: Array<Record<string, unknown>> };
    const r = body.rooms[0];
    assert.ok(r);
    assert.equal(r['empty_timeout'], 300);
    assert.equal(r['num_participants'], 0);
    assert.equal(typeof r['creation_time'], 'string');
    assert.equal(r['version'], null);
    // every name and value is one the protocol's own (strict) parser accepts
    const parsed = Room.fromJson(r as never);
    assert.equal(parsed.name, 'wire');
  });

  test('a client signing with the wrong secret or an unknown key is refused in plain text', async (t) => {
    const { double } = await setup(t);
    const wrongSecret = new RoomServiceClient(double.url, KEY, 'not-the-secret-not-the-secret-xx');
    await assert.rejects(
      wrongSecret.createRoom({ name: 'x' }),
      isTwirpError(401, undefined, /^invalid token: .+, error: go-jose\/go-jose: error in cryptographic primitive$/),
    );
    const wrongKey = new RoomServiceClient(double.url, 'other-key', SECRET);
    await assert.rejects(wrongKey.listRooms(), isTwirpError(401, undefined, /^invalid API key: other-key$/));
    assert.equal(double.rooms().length, 0);
    const noBearer = await twirp(double, 'livekit.RoomService/ListRooms', '{}', { Authorization: 'Token abc' });
    assert.equal(noBearer.status, 401);
    assert.equal(noBearer.text, 'invalid authorization header. Must start with Bearer ');
    assert.deepEqual(
      double.calls.map((c) => [c.method, c.status, c.error]),
      [
        ['CreateRoom', 401, 'plain'],
        ['ListRooms', 401, 'plain'],
        ['ListRooms', 401, 'plain'],
      ],
    );
  });

  test('a call without any token, or without the grant, is `unauthenticated: permissions denied` (as livekit-server answers)', async (t) => {
    const { double } = await setup(t);
    const none = await twirp(double, 'livekit.RoomService/CreateRoom', '{"name":"x"}');
    assert.equal(none.status, 401);
    assert.deepEqual(JSON.parse(none.text), { code: 'unauthenticated', msg: 'permissions denied' });
    const listOnly = await twirp(double, 'livekit.RoomService/CreateRoom', '{"name":"x"}', await adminHeader({ roomList: true }));
    assert.equal(listOnly.status, 401);
    assert.deepEqual(JSON.parse(listOnly.text), { code: 'unauthenticated', msg: 'permissions denied' });
    assert.equal(double.rooms().length, 0);
  });

  test('a participant token (roomJoin only) can neither create rooms nor remove participants', async (t) => {
    const { double, svc } = await setup(t);
    await svc.createRoom({ name: 'clinic' });
    const patientToken = await mint('patient', joinGrant('clinic'));
    assert.equal((await double.join(patientToken)).ok, true);
    await double.join(await mint('doctor', joinGrant('clinic')));

    const asPatient = new RoomServiceClient(double.url, undefined, undefined, { token: patientToken });
    await assert.rejects(asPatient.createRoom({ name: 'new-room' }), isTwirpError(401, 'unauthenticated', /^permissions denied$/));
    await assert.rejects(asPatient.removeParticipant('clinic', 'doctor'), isTwirpError(401, 'unauthenticated', /^permissions denied$/));
    await assert.rejects(asPatient.listParticipants('clinic'), isTwirpError(401, 'unauthenticated'));
    assert.equal(double.room('new-room'), undefined);
    assert.deepEqual(
      double
        .participants('clinic')
        .map((p) => p.identity)
        .sort(),
      ['doctor', 'patient'],
    );
  });

  test('an admin token for room A cannot administer room B', async (t) => {
    const { double, svc } = await setup(t);
    await svc.createRoom({ name: 'room-a' });
    await svc.createRoom({ name: 'room-b' });
    await double.join(await mint('bob', joinGrant('room-b')));
    const at = new AccessToken(KEY, SECRET, { ttl: '1m' });
    at.addGrant({ roomAdmin: true, room: 'room-a' });
    const adminOfA = new RoomServiceClient(double.url, undefined, undefined, { token: await at.toJwt() });

    assert.deepEqual(await adminOfA.listParticipants('room-a'), []);
    await assert.rejects(adminOfA.listParticipants('room-b'), isTwirpError(401, 'unauthenticated', /^permissions denied$/));
    await assert.rejects(adminOfA.removeParticipant('room-b', 'bob'), isTwirpError(401, 'unauthenticated'));
    await assert.rejects(adminOfA.updateParticipant('room-b', 'bob', { metadata: 'x' }), isTwirpError(401, 'unauthenticated'));
    assert.equal(double.participant('room-b', 'bob')?.metadata, '');
    assert.equal(double.participants('room-b').length, 1);
  });

  test('participant lookups: unknown room lists empty, unknown participant is not_found', async (t) => {
    const { svc } = await setup(t);
    assert.deepEqual(await svc.listParticipants('nowhere'), []);
    await svc.createRoom({ name: 'r' });
    await assert.rejects(svc.getParticipant('r', 'ghost'), isTwirpError(404, 'not_found', /^participant does not exist$/));
    await assert.rejects(svc.removeParticipant('r', 'ghost'), isTwirpError(404, 'not_found', /^participant not found$/));
    await assert.rejects(svc.updateParticipant('r', 'ghost', { metadata: 'x' }), isTwirpError(404, 'not_found'));
  });

  test('UpdateParticipant replaces the stored permission and merges attributes', async (t) => {
    const { double, svc } = await setup(t);
    await svc.createRoom({ name: 'visit' });
    await double.join(await mint('p1', joinGrant('visit', { canPublishSources: [TrackSource.CAMERA, TrackSource.MICROPHONE] })));
    const before = double.participant('visit', 'p1');
    assert.equal(before?.permission.canPublish, true);
    assert.deepEqual(before?.permission.canPublishSources, ['CAMERA', 'MICROPHONE']);

    const info = await svc.updateParticipant('visit', 'p1', {
      permission: { canPublish: false, canSubscribe: true, canPublishData: false, canPublishSources: [TrackSource.MICROPHONE] },
      attributes: { role: 'patient' },
    });
    assert.equal(info.permission?.canPublish, false);
    assert.deepEqual(info.permission?.canPublishSources, [TrackSource.MICROPHONE]);
    const after = double.participant('visit', 'p1');
    assert.equal(after?.permission.canPublish, false);
    assert.equal(after?.permission.canSubscribe, true);
    assert.deepEqual(after?.permission.canPublishSources, ['MICROPHONE']);
    assert.deepEqual(after?.attributes, { role: 'patient' });
    assert.equal(after?.version, 2);
    assert.equal((await svc.getParticipant('visit', 'p1')).permission?.canPublish, false);

    await svc.updateParticipant('visit', 'p1', { attributes: { role: '' } });
    assert.deepEqual(double.participant('visit', 'p1')?.attributes, {}, 'an empty value deletes the attribute');
  });

  test('request bodies are checked: unknown fields, duplicates and wrong types are `malformed`', async (t) => {
    const { double } = await setup(t);
    const auth = await adminHeader({ roomCreate: true });
    const unknown = await twirp(double, 'livekit.RoomService/CreateRoom', '{"name":"x","bogus":1}', auth);
    assert.equal(unknown.status, 400);
    const err = JSON.parse(unknown.text) as { code: string; msg: string; meta: { cause: string } };
    assert.equal(err.code, 'malformed');
    assert.equal(err.msg, 'the json request could not be decoded');
    assert.match(err.meta.cause, /unknown field "bogus"/);

    const dup = await twirp(double, 'livekit.RoomService/CreateRoom', '{"name":"x","emptyTimeout":5,"empty_timeout":6}', auth);
    assert.equal(dup.status, 400);
    assert.match(dup.text, /duplicate field/);
    const badType = await twirp(double, 'livekit.RoomService/CreateRoom', '{"name":"x","emptyTimeout":"soon"}', auth);
    assert.equal(badType.status, 400);
    const negative = await twirp(double, 'livekit.RoomService/CreateRoom', '{"name":"x","maxParticipants":-1}', auth);
    assert.equal(negative.status, 400);
    const notJson = await twirp(double, 'livekit.RoomService/CreateRoom', 'name=x', auth);
    assert.equal(notJson.status, 400);
    assert.equal(double.rooms().length, 0, 'nothing was created by a rejected request');

    // As the real server answered (checked against v1.13.5): an empty name makes a room named "".
    const unnamed = await twirp(double, 'livekit.RoomService/CreateRoom', '{"name":""}', auth);
    assert.equal(unnamed.status, 200);
    assert.equal((JSON.parse(unnamed.text) as { name: string }).name, '');
    const snake = await twirp(double, 'livekit.RoomService/CreateRoom', '{"name":"x","empty_timeout":"45","max_participants":3}', auth);
    assert.equal(snake.status, 200, snake.text);
    assert.equal(double.room('x')?.emptyTimeout, 45);
    assert.equal(double.room('x')?.maxParticipants, 3);
  });

  test('unknownFields: "discard" behaves like the real server and ignores them', async (t) => {
    const { double } = await setup(t, { unknownFields: 'discard' });
    const res = await twirp(double, 'livekit.RoomService/CreateRoom', '{"name":"x","bogus":1}', await adminHeader({ roomCreate: true }));
    assert.equal(res.status, 200);
    assert.equal(double.room('x')?.name, 'x');
  });

  test('routing errors are twirp bad_route', async (t) => {
    const { double } = await setup(t);
    const get = await fetch(`${double.url}/twirp/livekit.RoomService/ListRooms`);
    assert.equal(get.status, 404);
    assert.equal(((await get.json()) as { code: string }).code, 'bad_route');
    const unknownMethod = await twirp(double, 'livekit.RoomService/Nope', '{}');
    assert.equal(unknownMethod.status, 404);
    assert.match(unknownMethod.text, /no handler for path/);
    const wrongType = await twirp(double, 'livekit.RoomService/ListRooms', '{}', { 'Content-Type': 'text/plain' });
    assert.equal(wrongType.status, 404);
    assert.match(wrongType.text, /unexpected Content-Type/);
  });

  test('records every call with its decoded body and verified claims', async (t) => {
    const { double, svc } = await setup(t);
    await svc.createRoom({ name: 'logged', emptyTimeout: 30 });
    const call = double.calls.at(-1);
    assert.equal(call?.service, 'RoomService');
    assert.equal(call?.method, 'CreateRoom');
    assert.equal(call?.status, 200);
    assert.deepEqual(call?.body, { name: 'logged', emptyTimeout: 30 });
    const grants = call?.grants as { iss: string; video: { roomCreate: boolean }; exp: number; nbf: number };
    assert.equal(grants.iss, KEY);
    assert.equal(grants.video.roomCreate, true);
    assert.ok(grants.exp - grants.nbf <= 600, 'the SDK signs 10-minute admin tokens');
    assert.ok(typeof call?.at === 'number');
  });
});

describe('client connect (join) and /rtc/validate', () => {
  test('a join needs roomJoin and a room, and a valid token', async (t) => {
    const { double, svc } = await setup(t);
    await svc.createRoom({ name: 'r' });
    const noJoin = await double.join(await mint('u', { room: 'r', roomAdmin: true }));
    assert.deepEqual(noJoin, { ok: false, status: 401, reason: 'permissions denied' });
    const noRoom = await double.join(await mint('u', { roomJoin: true }));
    assert.deepEqual(noRoom, { ok: false, status: 400, reason: 'no room name' });
    const forged = await double.join(await mint('u', joinGrant('r'), { secret: 'someone-elses-secret-0123456789' }));
    assert.equal(forged.ok, false);
    assert.equal(!forged.ok && forged.status, 401);
    const badClaim = await double.join(await rawToken({ iss: KEY, sub: 'u', exp: Math.floor(Date.now() / 1000) + 60, video: { roomJoin: 'yes', room: 'r' } }));
    assert.equal(!badClaim.ok && badClaim.reason.endsWith('json: cannot unmarshal string into Go struct field ClaimGrants.video.roomJoin of type bool'), true);
    assert.equal(double.participants('r').length, 0);
  });

  test('expired tokens are refused, with go-jose’s one-minute leeway', async (t) => {
    const { double, svc } = await setup(t);
    await svc.createRoom({ name: 'r' });
    const now = Math.floor(Date.now() / 1000);
    const expiredLongAgo = await rawToken({ iss: KEY, sub: 'late', exp: now - 120, nbf: now - 300, video: { roomJoin: true, room: 'r' } });
    const refused = await double.join(expiredLongAgo);
    assert.equal(refused.ok, false);
    assert.equal(!refused.ok && refused.status, 401);
    assert.match(!refused.ok ? refused.reason : '', /token is expired \(exp\)$/);
    const notYet = await double.join(await rawToken({ iss: KEY, sub: 'early', nbf: now + 300, exp: now + 600, video: { roomJoin: true, room: 'r' } }));
    assert.match(!notYet.ok ? notYet.reason : '', /token not valid yet \(nbf\)$/);
    const withinLeeway = await rawToken({ iss: KEY, sub: 'just', exp: now - 20, video: { roomJoin: true, room: 'r' } });
    assert.equal((await double.join(withinLeeway)).ok, true);
    assert.deepEqual(
      double.participants('r').map((p) => p.identity),
      ['just'],
    );
  });

  test('the token clock follows the `clock` option', async (t) => {
    let offsetMs = 0;
    const { double, svc } = await setup(t, { clock: () => Date.now() + offsetMs });
    await svc.createRoom({ name: 'r' });
    const token = await mint('u', joinGrant('r'), { ttl: '60s' });
    offsetMs = 100_000; // 40 s past exp: inside the leeway
    assert.equal((await double.join(token)).ok, true);
    offsetMs = 130_000; // 70 s past exp
    const late = await double.join(token);
    assert.equal(late.ok, false);
  });

  test('/rtc/validate answers like the server: success, 401, 404', async (t) => {
    const { double, svc } = await setup(t);
    await svc.createRoom({ name: 'open' });
    const validate = async (token: string): Promise<[number, string]> => {
      const res = await fetch(`${double.url}/rtc/validate?access_token=${encodeURIComponent(token)}`);
      return [res.status, await res.text()];
    };
    assert.deepEqual(await validate(await mint('u', joinGrant('open'))), [200, 'success']);
    assert.deepEqual(await validate(await mint('u', joinGrant('missing'))), [404, 'requested room does not exist']);
    assert.deepEqual(await validate(await mint('u', { roomList: true })), [401, 'permissions denied']);
    const [status, text] = await validate(await mint('u', joinGrant('open'), { secret: 'wrong-secret-wrong-secret-wrong!!' }));
    assert.equal(status, 401);
    assert.match(text, /^invalid token: /);
    const none = await fetch(`${double.url}/rtc/validate`);
    assert.equal(none.status, 401);
    assert.equal(await none.text(), 'no permissions to access the room');
    assert.equal(double.participants('open').length, 0, 'validate does not join');
  });

  test('a deleted room is not re-created by a join when auto_create is false', async (t) => {
    const { double, svc } = await setup(t, { autoCreate: false });
    await svc.createRoom({ name: 'ended' });
    const token = await mint('patient', joinGrant('ended'));
    assert.equal((await double.join(token)).ok, true);
    await svc.deleteRoom('ended');
    assert.deepEqual(await double.join(token), { ok: false, status: 404, reason: 'requested room does not exist' });
    assert.equal(double.room('ended'), undefined);
  });

  test('with auto_create true the same token brings the deleted room back', async (t) => {
    const { double, svc, receiver } = await setup(t, { autoCreate: true });
    await svc.createRoom({ name: 'ended' });
    const token = await mint('patient', joinGrant('ended'));
    await svc.deleteRoom('ended');
    await double.flushWebhooks();
    receiver.hooks.length = 0;
    const result = await double.join(token);
    assert.equal(result.ok, true);
    assert.equal(double.room('ended')?.createdBy, 'join');
    assert.deepEqual(events(receiver), ['room_started', 'participant_joined']);
  });

  test('maxParticipants is enforced; the same identity rejoining a full room replaces itself', async (t) => {
    const { double, svc } = await setup(t);
    await svc.createRoom({ name: 'pair', maxParticipants: 2 });
    assert.equal((await double.join(await mint('a', joinGrant('pair')))).ok, true);
    assert.equal((await double.join(await mint('b', joinGrant('pair')))).ok, true);
    assert.deepEqual(await double.join(await mint('c', joinGrant('pair'))), { ok: false, status: 500, reason: 'room has exceeded its max participants' });
    assert.equal((await double.join(await mint('b', joinGrant('pair')))).ok, true);
    assert.deepEqual(
      double
        .participants('pair')
        .map((p) => p.identity)
        .sort(),
      ['a', 'b'],
    );
    assert.equal(double.room('pair')?.numParticipants, 2);
  });

  test('a second connection with the same identity disconnects the first', async (t) => {
    const { double, svc, receiver } = await setup(t);
    await svc.createRoom({ name: 'dup' });
    const first = await double.join(await mint('same', joinGrant('dup')));
    const second = await double.join(await mint('same', joinGrant('dup')));
    assert.ok(first.ok && second.ok);
    assert.notEqual(first.sid, second.sid);
    assert.deepEqual(
      double.participants('dup').map((p) => p.sid),
      [second.sid],
    );
    assert.deepEqual(
      double.disconnects.map((d) => [d.identity, d.sid, d.reason]),
      [['same', first.sid, 'DUPLICATE_IDENTITY']],
    );
    const left = receiver.hooks
      .map((h) => JSON.parse(h.body) as { event: string; participant?: { sid: string; disconnectReason?: string } })
      .find((e) => e.event === 'participant_left');
    assert.equal(left?.participant?.sid, first.sid);
    assert.equal(left?.participant?.disconnectReason, 'DUPLICATE_IDENTITY');
  });

  test('the participant carries identity, name, metadata, attributes and permission from the token', async (t) => {
    const { double, svc } = await setup(t);
    await svc.createRoom({ name: 'r' });
    const at = new AccessToken(KEY, SECRET, { identity: 'reg-123', name: 'Anna', metadata: '{"role":"patient"}', attributes: { a: '1' }, ttl: '1m' });
    at.addGrant({ roomJoin: true, room: 'r', canSubscribe: true, canPublishData: false, canUpdateOwnMetadata: false, hidden: false });
    assert.equal((await double.join(await at.toJwt())).ok, true);
    const p = double.participant('r', 'reg-123');
    assert.equal(p?.name, 'Anna');
    assert.equal(p?.metadata, '{"role":"patient"}');
    assert.deepEqual(p?.attributes, { a: '1' });
    assert.equal(p?.kind, 'STANDARD');
    assert.deepEqual(p?.permission, {
      canSubscribe: true,
      canPublish: true, // not set in the token: LiveKit's default
      canPublishData: false,
      canPublishSources: [],
      hidden: false,
      recorder: false,
      canUpdateMetadata: false,
      agent: false,
      canSubscribeMetrics: false,
      canManageAgentSession: false,
    });
    const listed = await svc.listParticipants('r');
    assert.equal(listed[0]?.identity, 'reg-123');
    assert.equal(listed[0]?.name, 'Anna');
    // metadata at connect needs canUpdateOwnMetadata
    const asks = await double.join(await mint('other', joinGrant('r')), { metadata: 'mine' });
    assert.deepEqual(asks, { ok: false, status: 401, reason: 'no permissions to access the room' });
  });

  test('RemoveParticipant disconnects, but (as in LiveKit OSS) the same token can join again', async (t) => {
    const { double, svc } = await setup(t);
    await svc.createRoom({ name: 'r' });
    const token = await mint('guest', joinGrant('r'));
    await double.join(token);
    await svc.removeParticipant('r', 'guest', { revokeTokenTs: BigInt(Math.floor(Date.now() / 1000) + 30) });
    assert.deepEqual(double.participants('r'), []);
    assert.equal(double.disconnects.at(-1)?.reason, 'PARTICIPANT_REMOVED');
    assert.equal(double.revocations.at(-1)?.identity, 'guest');
    assert.ok((double.revocations.at(-1)?.revokeTokenTs ?? 0) > 0);
    assert.equal((await double.join(token)).ok, true, 'OSS LiveKit ignores revokeTokenTs');
  });

  test('enforceRevokeTokenTs refuses tokens issued before the revocation time', async (t) => {
    const { double, svc } = await setup(t, { enforceRevokeTokenTs: true });
    await svc.createRoom({ name: 'r' });
    const now = Math.floor(Date.now() / 1000);
    const old = await rawToken({ iss: KEY, sub: 'guest', nbf: now, exp: now + 120, video: { roomJoin: true, room: 'r' } });
    await double.join(old);
    await svc.removeParticipant('r', 'guest', { revokeTokenTs: BigInt(now + 1) });
    const again = await double.join(old);
    assert.equal(again.ok, false);
    assert.equal(!again.ok && again.status, 401);
    const fresh = await rawToken({ iss: KEY, sub: 'guest', nbf: now + 2, exp: now + 120, video: { roomJoin: true, room: 'r' } });
    assert.equal((await double.join(fresh)).ok, true);
    await svc.removeParticipant('r', 'guest');
    assert.equal((await double.join(fresh)).ok, false, 'without a value the server revokes up to now + 1 min');
  });
});

describe('webhooks', () => {
  test('arrive signed, verify with WebhookReceiver, and forged ones fail', async (t) => {
    const { double, svc, receiver } = await setup(t);
    await svc.createRoom({ name: 'hooked' });
    await double.join(await mint('p', joinGrant('hooked')));
    await double.leave('hooked', 'p');
    await svc.deleteRoom('hooked');
    await double.flushWebhooks();
    assert.deepEqual(events(receiver), ['room_started', 'participant_joined', 'participant_left', 'room_finished']);

    const webhookReceiver = new WebhookReceiver(KEY, SECRET);
    for (const hook of receiver.hooks) {
      assert.equal(hook.contentType, 'application/webhook+json');
      assert.ok(hook.authorization && !hook.authorization.startsWith('Bearer '), 'the token is sent bare');
      const event = await webhookReceiver.receive(hook.body, hook.authorization);
      assert.match(event.id, /^EV_/);
      assert.equal(event.room?.name, 'hooked');
      const raw = JSON.parse(hook.body) as { createdAt: unknown };
      assert.equal(typeof raw.createdAt, 'string', 'int64 createdAt is a JSON string');
    }
    const joined = await webhookReceiver.receive(receiver.hooks[1]?.body ?? '', receiver.hooks[1]?.authorization);
    assert.equal(joined.participant?.identity, 'p');
    assert.equal(new Set(receiver.hooks.map((h) => (JSON.parse(h.body) as { id: string }).id)).size, 4, 'ids are unique');
    assert.deepEqual(
      double.webhooks.map((w) => w.status),
      [200, 200, 200, 200],
    );

    const original = receiver.hooks[1];
    assert.ok(original?.authorization);
    const tampered = original.body.replace('"identity":"p"', '"identity":"q"');
    assert.notEqual(tampered, original.body);
    await assert.rejects(webhookReceiver.receive(tampered, original.authorization), /sha256 checksum of body does not match/);
    const reserialised = JSON.stringify(JSON.parse(original.body));
    assert.notEqual(reserialised, original.body, 'Go protojson spacing: re-serialising changes the bytes');
    await assert.rejects(webhookReceiver.receive(reserialised, original.authorization), /sha256/);
    const otherSecret = new WebhookReceiver(KEY, 'another-secret-another-secret-012');
    await assert.rejects(otherSecret.receive(original.body, original.authorization));
  });

  test('sendWebhook and sendRawWebhook return the status our server answered', async (t) => {
    const { double, svc, receiver } = await setup(t);
    await svc.createRoom({ name: 'r' });
    await double.flushWebhooks();
    receiver.status = 204;
    const status = await double.sendWebhook({ event: 'egress_started', egressInfo: { egressId: 'EG_test', roomName: 'r', status: 'EGRESS_ACTIVE' } });
    assert.equal(status, 204);
    const hook = receiver.hooks.at(-1);
    assert.ok(hook);
    const event = await new WebhookReceiver(KEY, SECRET).receive(hook.body, hook.authorization);
    assert.equal(event.event, 'egress_started');
    assert.equal(event.egressInfo?.egressId, 'EG_test');
    assert.equal(event.egressInfo?.status, EgressStatus.EGRESS_ACTIVE);
    await assert.rejects(double.sendWebhook({ event: 'x', egressInfo: { egressID: 'typo' } }), /unknown field "egressID"/);

    receiver.status = 401;
    assert.equal(await double.sendRawWebhook('{"event":"room_finished"}', 'forged.token.value'), 401);
    assert.equal(receiver.hooks.at(-1)?.authorization, 'forged.token.value');
    assert.equal(await double.sendRawWebhook('{"event":"room_finished"}', null), 401);
    assert.equal(receiver.hooks.at(-1)?.authorization, undefined);
    receiver.status = 200;
    assert.equal(await double.sendRawWebhook(hook.body, hook.authorization), 200, 'a replay is delivered byte for byte');
    assert.equal(receiver.hooks.at(-1)?.body, hook.body);
    const signed = receiver.hooks.at(-1);
    assert.equal(signed?.authorization, hook.authorization);
  });
});

describe('egress', () => {
  test('startEgress emits egress_started; StopEgress through EgressClient stops it once', async (t) => {
    const { double, svc, receiver } = await setup(t);
    await svc.createRoom({ name: 'rec' });
    const { egress, webhookStatus } = await double.startEgress('rec');
    assert.equal(webhookStatus, 200);
    assert.match(egress.egressId, /^EG_/);
    assert.equal(double.room('rec')?.activeRecording, true);
    const started = await new WebhookReceiver(KEY, SECRET).receive(receiver.hooks.at(-1)?.body ?? '', receiver.hooks.at(-1)?.authorization);
    assert.equal(started.event, 'egress_started');
    assert.equal(started.egressInfo?.roomName, 'rec');

    const egressClient = new EgressClient(double.url, KEY, SECRET);
    const listed = await egressClient.listEgress({ roomName: 'rec', active: true });
    assert.deepEqual(
      listed.map((e) => e.egressId),
      [egress.egressId],
    );

    const stopped = await egressClient.stopEgress(egress.egressId);
    assert.ok(stopped instanceof EgressInfo);
    assert.equal(stopped.status, EgressStatus.EGRESS_ENDING);
    await double.flushWebhooks();
    const after = double.egresses()[0];
    assert.equal(after?.stoppedViaApi, true);
    assert.equal(after?.status, 'EGRESS_COMPLETE');
    assert.equal(events(receiver).at(-1), 'egress_ended');
    assert.equal(double.room('rec')?.activeRecording, false);
    await assert.rejects(egressClient.stopEgress(egress.egressId), isTwirpError(412, 'failed_precondition', /cannot be stopped/));
    await assert.rejects(egressClient.stopEgress('EG_unknown'), isTwirpError(404, 'not_found', /^egress does not exist$/));
    assert.deepEqual(await egressClient.listEgress({ roomName: 'rec', active: true }), []);
  });

  test('Egress calls need roomRecord', async (t) => {
    const { double, svc } = await setup(t);
    await svc.createRoom({ name: 'rec' });
    const { egress } = await double.startEgress('rec');
    const at = new AccessToken(KEY, SECRET, { ttl: '1m' });
    at.addGrant({ roomAdmin: true, room: 'rec' });
    const notRecorder = new EgressClient(double.url, undefined, undefined, { token: await at.toJwt() });
    await assert.rejects(notRecorder.stopEgress(egress.egressId), isTwirpError(401, 'unauthenticated', /^permissions denied$/));
    await assert.rejects(notRecorder.listEgress(), isTwirpError(401, 'unauthenticated'));
    assert.equal(double.egresses()[0]?.stoppedViaApi, false);
    assert.equal(double.egresses()[0]?.status, 'EGRESS_STARTING');
  });

  test('responses parse with the protocol’s strict JSON readers', async (t) => {
    const { double, svc } = await setup(t);
    await svc.createRoom({ name: 'r' });
    await double.join(await mint('p', joinGrant('r')));
    await double.startEgress('r');
    const p = await twirp(double, 'livekit.RoomService/GetParticipant', '{"room":"r","identity":"p"}', await adminHeader({ roomAdmin: true, room: 'r' }));
    assert.equal(ParticipantInfo.fromJson(JSON.parse(p.text) as never).identity, 'p');
    const e = await twirp(double, 'livekit.Egress/ListEgress', '{}', await adminHeader({ roomRecord: true }));
    const items = (JSON.parse(e.text) as { items: unknown[] }).items;
    assert.equal(EgressInfo.fromJson(items[0] as never).roomName, 'r');
  });
});
