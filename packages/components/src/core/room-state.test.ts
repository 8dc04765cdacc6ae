import { expect } from '@open-wc/testing';

import { FakeLiveRoom } from '../test-support/fake-live-room.js';
import { disconnectCauseOf, MAX_MESSAGES, readParticipant, roleOf, RoomStateStore, type RoomState } from './room-state.js';

const names = (state: RoomState) => state.participants.map((p) => p.name);

async function connected(self = { identity: 'p_me', name: 'Anna Samordnare', role: 'chair' }) {
  const room = new FakeLiveRoom(self);
  const store = new RoomStateStore();
  const states: RoomState[] = [];
  store.subscribe((s) => states.push(s));
  const unbind = store.bind(room);
  await room.connect('wss://media.test', 'token');
  return { room, store, states, unbind };
}

describe('room state (fake room emitter)', () => {
  it('follows the connection: connecting, connected, reconnecting, connected, disconnected with a cause', async () => {
    const room = new FakeLiveRoom();
    const store = new RoomStateStore();
    store.setConnection('connecting');
    store.bind(room);
    // A room that has not connected yet says `disconnected`: that must not end `connecting`.
    expect(store.value.connection).to.equal('connecting');
    await room.connect('wss://media.test', 't');
    expect(store.value.connection).to.equal('connected');
    room.blip();
    expect(store.value.connection).to.equal('reconnecting');
    room.recovered();
    expect(store.value.connection).to.equal('connected');
    room.drop(5);
    expect(store.value.connection).to.equal('disconnected');
    expect(store.value.disconnectCause).to.equal('room-deleted');
  });

  it('maps LiveKit disconnect reasons to causes', () => {
    expect([1, 2, 4, 5, 10, 0, undefined, 9].map(disconnectCauseOf)).to.deep.equal([
      'left',
      'duplicate',
      'removed',
      'room-deleted',
      'room-deleted',
      'lost',
      'lost',
      'lost',
    ]);
  });

  it('lists this person first and the others in the order they came, with name, role and media', async () => {
    const { room, store } = await connected();
    room.join('p_b', 'Bo Bror', 'relative');
    room.join('p_a', 'Esther Exempel', 'individual', { camera: false });
    room.join('p_x', 'Okänd', null);
    expect(names(store.value)).to.deep.equal(['Anna Samordnare', 'Bo Bror', 'Esther Exempel', 'Okänd']);
    const [me, bo, esther, stranger] = store.value.participants;
    expect(me).to.include({ isLocal: true, role: 'chair', muted: true, cameraOn: false, video: null, audio: null });
    expect(bo).to.include({ isLocal: false, role: 'relative', muted: false, cameraOn: true });
    expect(bo!.video).to.be.instanceOf(MediaStreamTrack);
    expect(bo!.audio).to.be.instanceOf(MediaStreamTrack);
    expect(esther).to.include({ cameraOn: false, video: null, role: 'individual' });
    expect(stranger!.role).to.equal(null);
    room.leave('p_b');
    expect(names(store.value)).to.deep.equal(['Anna Samordnare', 'Esther Exempel', 'Okänd']);
  });

  it('shows speaking and muted as they change, and keeps unchanged participants as the same objects', async () => {
    const { room, store } = await connected();
    room.join('p_b', 'Bo Bror', 'relative');
    room.join('p_c', 'Cia Kurator', 'staff');
    const cia = store.value.participants[2];
    room.speaking('p_b');
    expect(store.value.participants[1]!.speaking).to.equal(true);
    expect(store.value.participants[2]).to.equal(cia);
    room.mute('p_b', 'microphone', true);
    expect(store.value.participants[1]).to.include({ muted: true, audio: null });
    room.mute('p_b', 'camera', true);
    expect(store.value.participants[1]).to.include({ cameraOn: false, video: null });
    room.mute('p_b', 'microphone', false);
    expect(store.value.participants[1]!.muted).to.equal(false);
    room.speaking();
    expect(store.value.participants.some((p) => p.speaking)).to.equal(false);
  });

  it('follows this person publishing and muting their own camera and microphone', async () => {
    const { room, store } = await connected();
    await room.localParticipant.setMicrophoneEnabled(true);
    await room.localParticipant.setCameraEnabled(true);
    expect(store.value.participants[0]).to.include({ muted: false, cameraOn: true });
    // One's own microphone is never played back.
    expect(store.value.participants[0]!.audio).to.equal(null);
    await room.localParticipant.setMicrophoneEnabled(false);
    expect(store.value.participants[0]!.muted).to.equal(true);
  });

  it('shows a shared screen', async () => {
    const { room, store } = await connected();
    room.join('p_b', 'Bo Bror', 'staff');
    room.shareScreen('p_b');
    expect(store.value.participants[1]!.screen).to.be.instanceOf(MediaStreamTrack);
  });

  it('takes chat messages on the chat topic only, masks personal identity numbers in them, and keeps the last 200', async () => {
    const { room, store } = await connected();
    room.join('p_b', 'Bo Bror', 'relative');
    room.chat('p_b', 'Hej allihop');
    room.chat('p_b', 'Mitt nummer är 19121212-1212');
    room.emit('dataReceived', new TextEncoder().encode('{"v":1,"id":"x","text":"other"}'), room.remoteParticipants.get('p_b'), 0, 'other.topic');
    room.emit('dataReceived', new TextEncoder().encode('not json'), room.remoteParticipants.get('p_b'), 0, 'care-meet.chat');
    expect(store.value.messages.map((m) => m.text)).to.deep.equal(['Hej allihop', 'Mitt nummer är ••••']);
    expect(store.value.messages[0]).to.include({ name: 'Bo Bror', identity: 'p_b', isLocal: false });
    for (let i = 0; i < MAX_MESSAGES + 5; i++) room.chat('p_b', `m${i}`, `id${i}`);
    expect(store.value.messages).to.have.length(MAX_MESSAGES);
    expect(store.value.messages.at(-1)!.text).to.equal(`m${MAX_MESSAGES + 4}`);
    // The same message delivered twice is shown once.
    room.chat('p_b', 'again', `id${MAX_MESSAGES + 4}`);
    expect(store.value.messages.at(-1)!.text).to.equal(`m${MAX_MESSAGES + 4}`);
  });

  it('adds one’s own sent messages', async () => {
    const { store } = await connected();
    const sent = store.addLocalMessage(store.nextMessageId(), 'Välkomna');
    expect(sent).to.include({ isLocal: true, name: 'Anna Samordnare', text: 'Välkomna' });
    expect(store.value.messages).to.deep.equal([sent]);
  });

  it('reads `reconnecting` while a fresh-token reconnect is under way, whatever the room says between attempts', async () => {
    const { room, store } = await connected();
    room.drop();
    store.setRecovering(1);
    expect(store.value).to.include({ connection: 'reconnecting', recovering: 1 });
    await room.connect('wss://media.test', 'fresh');
    expect(store.value.connection).to.equal('reconnecting');
    store.setRecovering(0);
    expect(store.value).to.include({ connection: 'connected', recovering: 0, disconnectCause: null });
  });

  it('stops following the room when unbound', async () => {
    const { room, store, unbind } = await connected();
    const listeners = room.listenerCount();
    expect(listeners).to.be.greaterThan(10);
    unbind();
    expect(room.listenerCount()).to.equal(0);
    room.join('p_b', 'Bo Bror', 'relative');
    expect(names(store.value)).to.deep.equal(['Anna Samordnare']);
  });

  it('reads roles only from the known set', () => {
    expect(roleOf({ 'care.role': 'chair' })).to.equal('chair');
    expect(roleOf({ 'care.role': 'admin' })).to.equal(null);
    expect(roleOf({})).to.equal(null);
    const p = readParticipant({ identity: 'p_1', name: '', attributes: {}, isSpeaking: false, isLocal: false, trackPublications: new Map() });
    // Without a name the identity stands in (a participant not on the list).
    expect(p).to.include({ name: 'p_1', muted: true, cameraOn: false });
  });
});
