import { expect, waitUntil } from '@open-wc/testing';
import type { Room } from 'livekit-client';

import { FakeLiveRoom } from '../test-support/fake-live-room.js';
import { decodeChat } from './chat-guard.js';
import { LiveKitMediaRoom, type LiveRoom } from './media-room.js';

// livekit-client's Room must keep the shape LiveKitMediaRoom uses (all but its typed emitter,
// whose generic `on`/`off` TypeScript cannot match to a plain signature): a compile-time check.
type Shape<T> = Omit<T, 'on' | 'off'>;
const roomFits: Shape<Room> extends Shape<LiveRoom> ? true : false = true;

const quick = [0, 10, 10];

function make(self = { identity: 'p_me', name: 'Rut Exempel', role: 'relative' }) {
  const room = new FakeLiveRoom(self);
  const media = new LiveKitMediaRoom('room', () => room);
  return { room, media };
}

/** A guest waiting in the lobby with camera and microphone on, over a fake room. */
async function waitingInLobby(): Promise<{ lobbyRoom: FakeLiveRoom; lobby: LiveKitMediaRoom }> {
  const lobbyRoom = new FakeLiveRoom();
  const lobby = new LiveKitMediaRoom('lobby', () => lobbyRoom);
  await lobby.connect('wss://media.test', 'lobby-token', { publish: { camera: true, microphone: true } });
  return { lobbyRoom, lobby };
}

describe('LiveKitMediaRoom (fake room emitter)', () => {
  it('fits livekit-client’s Room', () => {
    expect(roomFits).to.equal(true);
  });

  it('creates the room on connect, then switches on the microphone and the camera with the chosen devices', async () => {
    let created = 0;
    const room = new FakeLiveRoom();
    const media = new LiveKitMediaRoom('room', () => {
      created++;
      return room;
    });
    expect(created).to.equal(0);
    await media.connect('wss://media.test', 'token-1', { publish: { camera: true, microphone: true }, devices: { camera: 'cam-2', microphone: 'mic-3' } });
    expect(created).to.equal(1);
    expect(room.connects).to.deep.equal([{ url: 'wss://media.test', token: 'token-1' }]);
    expect(room.localParticipant.calls).to.deep.equal(['microphone:true:mic-3', 'camera:true:cam-2']);
    expect(media.value.connection).to.equal('connected');
    expect(media.value.participants[0]).to.include({ isLocal: true, muted: false, cameraOn: true });
  });

  it('tells a first connection that never came up ("unreachable") from one that was lost', async () => {
    const { room, media } = make();
    room.failConnects = 1;
    let error: unknown;
    await media.connect('wss://media.test', 't').catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(Error);
    expect(media.value).to.include({ connection: 'disconnected', disconnectCause: 'unreachable' });
  });

  it('mutes, unmutes and switches devices', async () => {
    const { room, media } = make();
    await media.connect('wss://media.test', 't', { publish: { camera: true, microphone: true } });
    await media.setMicrophone(false);
    await media.setCamera(false);
    expect(media.value.participants[0]).to.include({ muted: true, cameraOn: false });
    await media.setCamera(true);
    await media.switchDevice('camera', 'cam-9');
    await media.switchDevice('microphone', 'mic-9');
    expect(room.switches).to.deep.equal([['videoinput', 'cam-9']]);
    // The microphone is off: its new device is used when it is switched on.
    await media.setMicrophone(true);
    expect(room.localParticipant.calls.at(-1)).to.equal('microphone:true:mic-9');
  });

  it('says why a camera could not start, and still starts the microphone', async () => {
    const { room, media } = make();
    room.localParticipant.options.cameraError = 'NotAllowedError';
    await media.connect('wss://media.test', 't', { publish: { camera: true, microphone: true } });
    expect(media.value.problems).to.deep.equal({ camera: 'permission-denied' });
    expect(media.value.participants[0]).to.include({ muted: false, cameraOn: false });
    room.localParticipant.options.cameraError = undefined;
    await media.setCamera(true);
    expect(media.value.problems).to.deep.equal({});
  });

  it('sends chat as a reliable data message on the chat topic and adds it to its own chat', async () => {
    const { room, media } = make();
    await media.connect('wss://media.test', 't');
    const message = await media.publishChat('Hej');
    const [sent] = room.localParticipant.sent;
    expect(sent).to.include({ topic: 'care-meet.chat', reliable: true });
    expect(decodeChat(sent!.data)).to.deep.equal({ id: message.id, text: 'Hej' });
    expect(media.value.messages).to.deep.equal([message]);
  });

  it('refuses to send chat when not connected', async () => {
    const { media } = make();
    let error: unknown;
    await media.publishChat('Hej').catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(Error);
  });

  it('after LiveKit gives up, connects again with a fresh token and puts camera and microphone back', async () => {
    const { room, media } = make();
    let tokens = 0;
    await media.connect('wss://media.test', 'token-1', {
      publish: { camera: true, microphone: true },
      refreshToken: async () => `token-${++tokens + 1}`,
      retryDelaysMs: quick,
    });
    await media.setCamera(false);
    room.localParticipant.trackPublications.clear(); // LiveKit unpublishes on a full disconnect
    room.failConnects = 1;
    const seen: string[] = [];
    media.subscribe((s) => seen.push(`${s.connection}${s.recovering ? `#${s.recovering}` : ''}`));
    room.drop();
    await waitUntil(() => media.value.connection === 'connected', 'did not reconnect');
    expect(room.connects.map((c) => c.token)).to.deep.equal(['token-1', 'token-2', 'token-3']);
    expect(seen).to.include('reconnecting#1');
    expect(seen).to.include('reconnecting#2');
    expect(seen.at(-1)).to.equal('connected');
    // The camera was off when the connection broke: it stays off; the microphone comes back.
    expect(media.value.participants[0]).to.include({ muted: false, cameraOn: false });
  });

  it('keeps trying while the server cannot be reached, and stops when the fresh-token answer is no', async () => {
    const { room, media } = make();
    const answers: Array<() => Promise<string | null>> = [() => Promise.reject(new Error('network')), () => Promise.resolve(null)];
    let asked = 0;
    await media.connect('wss://media.test', 't', { refreshToken: () => answers[asked++]!(), retryDelaysMs: quick });
    room.drop(5);
    await waitUntil(() => media.value.connection === 'disconnected' && media.value.recovering === 0, 'did not give up');
    expect(asked).to.equal(2);
    expect(media.value.disconnectCause).to.equal('room-deleted');
    expect(room.connects).to.have.length(1);
  });

  it('does not reconnect when the same person joined elsewhere, or after this page disconnected', async () => {
    const { room, media } = make();
    let asked = 0;
    const refreshToken = async () => {
      asked++;
      return 'fresh';
    };
    await media.connect('wss://media.test', 't', { refreshToken, retryDelaysMs: quick });
    room.drop(2);
    expect(media.value).to.include({ connection: 'disconnected', disconnectCause: 'duplicate' });
    await media.connect('wss://media.test', 't', { refreshToken, retryDelaysMs: quick });
    await media.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(asked).to.equal(0);
    expect(media.value).to.include({ connection: 'disconnected', disconnectCause: 'left' });
  });

  it('gives up a connect that was overtaken by disconnect', async () => {
    const { room, media } = make();
    const connecting = media.connect('wss://media.test', 't', { publish: { camera: true } });
    const leaving = media.disconnect();
    await Promise.all([connecting, leaving]);
    expect(room.state).to.equal('disconnected');
    expect(room.localParticipant.calls).to.deep.equal([]);
  });

  it('hands the lobby’s camera and microphone to the meeting’s room still capturing, instead of capturing again', async () => {
    const { lobbyRoom, lobby } = await waitingInLobby();
    const camera = lobbyRoom.localParticipant.publication('camera')!.track!.mediaStreamTrack;
    const microphone = lobbyRoom.localParticipant.publication('microphone')!.track!.mediaStreamTrack;

    const mainRoom = new FakeLiveRoom();
    const main = new LiveKitMediaRoom('room', () => mainRoom);
    // The meeting's room connects while the lobby's is being left.
    const handed = lobby.handOver();
    await main.connect('wss://media.test', 'room-token', { publish: { camera: true, microphone: true }, handedTracks: handed });

    expect(lobbyRoom.state).to.equal('disconnected');
    expect(lobby.value).to.include({ connection: 'disconnected', disconnectCause: 'left' });
    expect(mainRoom.localParticipant.calls).to.have.members(['publish:microphone', 'publish:camera']);
    expect(mainRoom.localParticipant.publication('camera')!.track!.mediaStreamTrack).to.equal(camera);
    expect(mainRoom.localParticipant.publication('microphone')!.track!.mediaStreamTrack).to.equal(microphone);
    expect([camera.readyState, microphone.readyState]).to.deep.equal(['live', 'live']);
    expect(main.value.participants[0]).to.include({ isLocal: true, muted: false, cameraOn: true });

    // A reconnect with a fresh token later captures afresh: the handed tracks were for the first connection only.
    await main.setCamera(false);
    await main.setCamera(true);
    expect(mainRoom.localParticipant.calls.slice(-2)).to.deep.equal(['camera:false', 'camera:true']);
  });

  it('hands over only what is on: a muted camera stops, and the meeting’s room captures it afresh', async () => {
    const { lobbyRoom, lobby } = await waitingInLobby();
    await lobby.setCamera(false);
    const camera = lobbyRoom.localParticipant.publication('camera')!.track!.mediaStreamTrack;

    const handed = await lobby.handOver();
    expect(handed.camera).to.equal(undefined);
    expect(handed.microphone).not.to.equal(undefined);
    expect(camera.readyState).to.equal('ended');

    const mainRoom = new FakeLiveRoom();
    const main = new LiveKitMediaRoom('room', () => mainRoom);
    await main.connect('wss://media.test', 'room-token', { publish: { camera: true, microphone: true }, handedTracks: Promise.resolve(handed) });
    expect(mainRoom.localParticipant.calls).to.deep.equal(['publish:microphone', 'camera:true']);
  });

  it('keeps the lobby’s camera and microphone for Let in when the server unpublishes them there first (it takes the lobby’s right to publish at Let in)', async () => {
    const { lobbyRoom, lobby } = await waitingInLobby();
    const camera = lobbyRoom.localParticipant.publication('camera')!.track!.mediaStreamTrack;
    const microphone = lobbyRoom.localParticipant.publication('microphone')!.track!.mediaStreamTrack;
    lobbyRoom.serverUnpublish('camera');
    lobbyRoom.serverUnpublish('microphone');
    expect([camera.readyState, microphone.readyState]).to.deep.equal(['live', 'live']);

    const mainRoom = new FakeLiveRoom();
    const main = new LiveKitMediaRoom('room', () => mainRoom);
    await main.connect('wss://media.test', 'room-token', { publish: { camera: true, microphone: true }, handedTracks: lobby.handOver() });
    expect(mainRoom.localParticipant.calls).to.have.members(['publish:microphone', 'publish:camera']);
    expect(mainRoom.localParticipant.publication('camera')!.track!.mediaStreamTrack).to.equal(camera);
    expect(mainRoom.localParticipant.publication('microphone')!.track!.mediaStreamTrack).to.equal(microphone);
    expect([camera.readyState, microphone.readyState]).to.deep.equal(['live', 'live']);
  });

  it('stops what the server unpublished from a lobby that is left without Let in, and at once in the meeting’s room', async () => {
    const { lobbyRoom, lobby } = await waitingInLobby();
    const camera = lobbyRoom.localParticipant.publication('camera')!.track!.mediaStreamTrack;
    lobbyRoom.serverUnpublish('camera');
    expect(camera.readyState).to.equal('live');
    await lobby.disconnect();
    expect(camera.readyState).to.equal('ended');

    const mainRoom = new FakeLiveRoom();
    const main = new LiveKitMediaRoom('room', () => mainRoom);
    await main.connect('wss://media.test', 'room-token', { publish: { camera: true, microphone: true } });
    const roomCamera = mainRoom.localParticipant.publication('camera')!.track!.mediaStreamTrack;
    mainRoom.serverUnpublish('camera');
    expect(roomCamera.readyState).to.equal('ended');
  });

  it('publishes the handed tracks while the meeting’s room connects, and stops them at once when it cannot connect', async () => {
    const handedFrom = async () => {
      const { lobby } = await waitingInLobby();
      return lobby.handOver();
    };
    let open = (): void => undefined;
    const slowRoom = new FakeLiveRoom();
    slowRoom.connectGate = new Promise<void>((resolve) => (open = resolve));
    const slow = new LiveKitMediaRoom('room', () => slowRoom);
    const connecting = slow.connect('wss://media.test', 'room-token', { publish: { camera: true, microphone: true }, handedTracks: handedFrom() });
    await waitUntil(() => slowRoom.localParticipant.calls.length === 2, 'the handed tracks published before the room is connected');
    expect(slowRoom.state).to.equal('connecting');
    expect(slowRoom.localParticipant.calls).to.have.members(['publish:microphone', 'publish:camera']);
    open();
    await connecting;
    expect(slow.value.connection).to.equal('connected');

    const failingRoom = new FakeLiveRoom();
    failingRoom.failConnects = 1;
    const failing = new LiveKitMediaRoom('room', () => failingRoom);
    const handed = await handedFrom();
    let failed = false;
    await failing
      .connect('wss://media.test', 'room-token', { publish: { camera: true, microphone: true }, handedTracks: Promise.resolve(handed) })
      .catch(() => (failed = true));
    expect(failed).to.equal(true);
    await waitUntil(
      () => handed.camera!.mediaStreamTrack.readyState === 'ended' && handed.microphone!.mediaStreamTrack.readyState === 'ended',
      'the handed tracks stopped',
    );
  });

  it('stops handed tracks the meeting’s room does not want', async () => {
    const { lobby } = await waitingInLobby();
    const handed = await lobby.handOver();
    const mainRoom = new FakeLiveRoom();
    const main = new LiveKitMediaRoom('room', () => mainRoom);
    await main.connect('wss://media.test', 'room-token', { publish: { microphone: true }, handedTracks: Promise.resolve(handed) });
    expect(mainRoom.localParticipant.calls).to.deep.equal(['publish:microphone']);
    expect(handed.camera!.mediaStreamTrack.readyState).to.equal('ended');
  });
});

describe('LiveKitMediaRoom with a meeting key (E2EE)', () => {
  const key0 = { key: 'a'.repeat(43), keyIndex: 0 };
  const key1 = { key: 'b'.repeat(43), keyIndex: 1 };

  function encrypted() {
    const plain = new FakeLiveRoom();
    const room = new FakeLiveRoom();
    const made: Array<typeof key0> = [];
    const keys: Array<typeof key0> = [];
    let closed = 0;
    const media = new LiveKitMediaRoom(
      'room',
      () => plain,
      (key) => {
        made.push(key);
        return { room, setKey: async (next) => void keys.push(next), close: () => void closed++ };
      },
    );
    return { plain, room, media, made, keys, closed: () => closed };
  }

  it('makes its own encrypted room with the key, never the plain one (a spare made ahead), and connects that', async () => {
    const t = encrypted();
    await t.media.connect('wss://media.test', 't', { e2ee: key0, publish: { microphone: true } });
    expect(t.made).to.deep.equal([key0]);
    expect(t.room.connects).to.have.length(1);
    expect(t.plain.connects).to.have.length(0);
    expect(t.media.value.connection).to.equal('connected');
  });

  it('refuses to connect a meeting with a key when it cannot encrypt: nothing connects', async () => {
    const plain = new FakeLiveRoom();
    const media = new LiveKitMediaRoom('room', () => plain);
    let error: unknown;
    await media.connect('wss://media.test', 't', { e2ee: key0 }).catch((e: unknown) => (error = e));
    expect(String(error)).to.match(/cannot encrypt/);
    expect(plain.connects).to.have.length(0);
    expect(media.value.connection).to.equal('disconnected');
  });

  it('takes a rotated key, connects again with the key the answer carries, and stops the worker on disconnect', async () => {
    const t = encrypted();
    await t.media.connect('wss://media.test', 't', { e2ee: key0 });
    await t.media.setE2EEKey(key1);
    expect(t.keys).to.deep.equal([key1]);
    await t.media.connect('wss://media.test', 't2', { e2ee: { ...key1, keyIndex: 2 } });
    expect(t.made).to.have.length(1);
    expect(t.keys.at(-1)).to.deep.equal({ ...key1, keyIndex: 2 });
    expect(t.closed()).to.equal(0);
    await t.media.disconnect();
    expect(t.closed()).to.equal(1);
  });

  it('says a plain room has no key to set', async () => {
    const { media } = make();
    await media.connect('wss://media.test', 't');
    let error: unknown;
    await media.setE2EEKey(key1).catch((e: unknown) => (error = e));
    expect(String(error)).to.match(/not encrypted/);
  });
});
