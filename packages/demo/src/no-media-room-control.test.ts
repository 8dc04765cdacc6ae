import { test } from 'node:test';
import assert from 'node:assert/strict';
import { noMediaMeeting } from './test-support/no-media-meeting.js';

const names = (list: Array<{ identity: string; name: string }>) => list.map((p) => p.name).sort();

test('a room holds the people let in whose page has the meeting open; the lobby, the guests waiting to be let in', async () => {
  const m = await noMediaMeeting();
  try {
    const meeting = (await m.store.getMeeting(m.meetingId))!;
    assert.deepEqual(await m.rooms.listParticipants(meeting.roomName), []);
    await m.join(m.sessions.chair);
    await m.join(m.sessions.guest);
    await m.join(m.sessions.relative);
    // Joined, but no page holds the meeting open yet: nobody is there.
    assert.deepEqual(await m.rooms.listParticipants(meeting.roomName), []);
    m.rooms.hold(m.meetingId, m.ids.chair);
    m.rooms.hold(m.meetingId, m.ids.guest);
    assert.deepEqual(names(await m.rooms.listParticipants(meeting.roomName)), ['Anna Samordnare']);
    // The guest typed her name: the lobby shows it, as LiveKit shows a participant's own name.
    assert.deepEqual(await m.rooms.listParticipants(meeting.lobbyRoomName), [{ identity: m.ids.guest, name: 'Lisa L' }]);

    await m.careMeet.admit(m.meetingId, m.ids.guest, { kind: 'organizer' });
    assert.deepEqual(names(await m.rooms.listParticipants(meeting.roomName)), ['Anna Samordnare', 'Lisa L']);
    assert.deepEqual(await m.rooms.listParticipants(meeting.lobbyRoomName), []);

    await m.careMeet.remove(m.meetingId, m.ids.guest, { kind: 'organizer' });
    assert.deepEqual(names(await m.rooms.listParticipants(meeting.roomName)), ['Anna Samordnare']);

    await m.careMeet.end(m.meetingId, { kind: 'organizer' });
    assert.deepEqual(await m.rooms.listParticipants(meeting.roomName), []);
  } finally {
    m.close();
  }
});

test('reconciliation keeps a waiting guest in the lobby and the people in the room connected while their pages are open (it used to empty both)', async () => {
  const m = await noMediaMeeting();
  try {
    await m.join(m.sessions.chair);
    m.rooms.hold(m.meetingId, m.ids.chair);
    await m.join(m.sessions.guest);
    m.rooms.hold(m.meetingId, m.ids.guest);
    await m.careMeet.reconcile(m.meetingId);
    assert.deepEqual(await m.roster(), { status: { 'Anna Samordnare': 'connected', 'Rut Exempel': 'absent', 'Lisa Lärare': 'lobby' }, lobby: ['Lisa Lärare'] });
    // Again, as the roster does every 30 s: nothing changes while nothing changed.
    await m.careMeet.reconcile(m.meetingId);
    assert.deepEqual(await m.roster(), { status: { 'Anna Samordnare': 'connected', 'Rut Exempel': 'absent', 'Lisa Lärare': 'lobby' }, lobby: ['Lisa Lärare'] });
  } finally {
    m.close();
  }
});

test('a person counts once however many pages they have open, and is gone when the last one closes', async () => {
  const m = await noMediaMeeting();
  try {
    const changes: Array<[string, boolean]> = [];
    m.rooms.onChange((c) => changes.push([c.participantId, c.present]));
    const first = m.rooms.hold(m.meetingId, m.ids.chair);
    const second = m.rooms.hold(m.meetingId, m.ids.chair);
    assert.equal(m.rooms.isPresent(m.meetingId, m.ids.chair), true);
    first();
    first();
    assert.equal(m.rooms.isPresent(m.meetingId, m.ids.chair), true);
    second();
    assert.equal(m.rooms.isPresent(m.meetingId, m.ids.chair), false);
    assert.equal(m.rooms.hasAnyone(m.meetingId), false);
    assert.deepEqual(changes, [
      [m.ids.chair, true],
      [m.ids.chair, false],
    ]);
  } finally {
    m.close();
  }
});

test('a page that drops its stream and opens it again within the grace period never counts as gone', async () => {
  const m = await noMediaMeeting({ leaveGraceMs: 80 });
  try {
    const changes: boolean[] = [];
    m.rooms.onChange((c) => changes.push(c.present));
    const dropped = m.rooms.hold(m.meetingId, m.ids.relative);
    dropped();
    await new Promise((r) => setTimeout(r, 20));
    const reopened = m.rooms.hold(m.meetingId, m.ids.relative);
    await new Promise((r) => setTimeout(r, 120));
    assert.equal(m.rooms.isPresent(m.meetingId, m.ids.relative), true);
    assert.deepEqual(changes, [true]);
    reopened();
    assert.equal(m.rooms.isPresent(m.meetingId, m.ids.relative), true, 'still there during the grace period');
    await new Promise((r) => setTimeout(r, 120));
    assert.equal(m.rooms.isPresent(m.meetingId, m.ids.relative), false);
    assert.deepEqual(changes, [true, false]);
  } finally {
    m.close();
  }
});
