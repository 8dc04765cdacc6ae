import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LiveKitRoomControl } from './room-control.js';
import { CareMeetError } from '../errors.js';

/**
 * A stand-in for LiveKit's RoomService with the answers these tests need: DeleteRoom as `deleteRoom`
 * says (after `delayMs`), ListRooms listing `rooms`. Counts the calls per method.
 */
async function roomService(o: { deleteRoom: 'ok' | 'unavailable'; rooms: string[]; delayMs?: number }) {
  const calls: Record<string, number> = {};
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const method = (req.url ?? '').split('/').pop() ?? '';
    calls[method] = (calls[method] ?? 0) + 1;
    req.resume();
    req.on('end', () => {
      const answer = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (method === 'ListRooms') return answer(200, { rooms: o.rooms.map((name) => ({ sid: `RM_${name}`, name })) });
      if (method !== 'DeleteRoom') return answer(404, { code: 'bad_route', msg: 'no handler' });
      setTimeout(() => {
        // LiveKit v1.13.5's answer to a DeleteRoom that meets another one tearing the room down.
        if (o.deleteRoom === 'unavailable') answer(503, { code: 'unavailable', msg: 'twirp error unknown: no response from servers' });
        else answer(200, {});
      }, o.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const control = new LiveKitRoomControl({ url, apiKey: 'APIroomControlTest', apiSecret: 'room-control-test-secret-0123456789abcdef' });
  return { control, calls, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

test('deleteRoom: two deletions of one room at once are one DeleteRoom call, and both resolve', async () => {
  const ls = await roomService({ deleteRoom: 'ok', rooms: [], delayMs: 50 });
  try {
    await Promise.all([ls.control.deleteRoom('r_same'), ls.control.deleteRoom('r_same')]);
    assert.equal(ls.calls.DeleteRoom, 1);
    // Once done, a later deletion asks again.
    await ls.control.deleteRoom('r_same');
    assert.equal(ls.calls.DeleteRoom, 2);
  } finally {
    await ls.close();
  }
});

test('deleteRoom: LiveKit answering 503 while the room is in fact gone counts as deleted', async () => {
  const ls = await roomService({ deleteRoom: 'unavailable', rooms: ['r_other'] });
  try {
    await ls.control.deleteRoom('r_gone');
    assert.equal(ls.calls.ListRooms, 1, 'the room was looked up');
  } finally {
    await ls.close();
  }
});

test('deleteRoom: LiveKit answering 503 while the room is still there is LIVEKIT_UNAVAILABLE', async () => {
  const ls = await roomService({ deleteRoom: 'unavailable', rooms: ['r_stays'] });
  try {
    await assert.rejects(ls.control.deleteRoom('r_stays'), (e: unknown) => e instanceof CareMeetError && e.code === 'LIVEKIT_UNAVAILABLE');
  } finally {
    await ls.close();
  }
});
