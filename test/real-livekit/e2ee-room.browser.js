// Loaded into a blank page by ./e2ee-room.ts after livekit-client (`globalThis.LK`, ./bare-client.ts)
// and the media probe. Plain browser JavaScript (never imported by Node): the page side of a bare
// livekit-client room that only receives, with or without a meeting key, for the E2EE suite.
//
// It also taps every data channel the page's peer connections open or are given, and keeps the
// raw bytes that arrive on them, so the suite can show what crossed the wire before livekit-client
// decrypted (or could not decrypt) it.
(() => {
  if (window.__keyRoom) return;
  const { Room, RoomEvent, BaseKeyProvider, createKeyMaterialFromBuffer } = window.LK;

  /** @type {Uint8Array[]} */
  const rawMessages = [];
  const tap = (channel) =>
    channel.addEventListener('message', async (event) => {
      const data = event.data;
      if (typeof data === 'string') rawMessages.push(new TextEncoder().encode(data));
      else if (data instanceof ArrayBuffer) rawMessages.push(new Uint8Array(data));
      else if (data && typeof data.arrayBuffer === 'function') rawMessages.push(new Uint8Array(await data.arrayBuffer()));
    });
  const Base = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Base {
    constructor(...args) {
      super(...args);
      this.addEventListener('datachannel', (event) => tap(event.channel));
    }
    createDataChannel(...args) {
      const channel = super.createDataChannel(...args);
      tap(channel);
      return channel;
    }
  };

  // As the elements' MeetingKeyProvider (packages/components/src/core/e2ee.ts): one shared key per
  // index, no ratcheting, the newest key set is the one used.
  class IndexedKeyProvider extends BaseKeyProvider {
    constructor() {
      super({ sharedKey: true, ratchetWindowSize: 0, failureTolerance: -1, keyringSize: 16 });
    }
    async setIndexedKey(bytes, index) {
      this.onSetEncryptionKey(await createKeyMaterialFromBuffer(bytes.buffer), undefined, index);
    }
  }

  const keyBytes = (text) => {
    const bare = text.replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(bare.padEnd(Math.ceil(bare.length / 4) * 4, '='));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  };

  const state = { room: null, dataReceived: [], decryptionErrors: 0, encrypted: false };

  window.__keyRoom = {
    /** Connects, receiving only; with `key` ({ key, keyIndex }) and `workerCode` the room decrypts with that key. */
    async join(url, token, key, workerCode) {
      let options = { adaptiveStream: false, dynacast: false };
      let keyProvider = null;
      if (key) {
        keyProvider = new IndexedKeyProvider();
        const worker = new Worker(URL.createObjectURL(new Blob([workerCode], { type: 'text/javascript' })));
        options = { ...options, encryption: { keyProvider, worker } };
      }
      const room = new Room(options);
      state.room = room;
      room.on(RoomEvent.TrackSubscribed, (track, _publication, participant) => {
        const element = track.attach();
        element.dataset.identity = participant.identity;
        element.muted = track.kind === 'audio' ? false : true;
        document.body.append(element);
      });
      room.on(RoomEvent.TrackUnsubscribed, (track) => track.detach().forEach((element) => element.remove()));
      room.on(RoomEvent.DataReceived, (payload, participant, _kind, topic) => {
        state.dataReceived.push({
          from: participant?.identity ?? null,
          topic: topic ?? null,
          text: new TextDecoder('utf-8', { fatal: false }).decode(payload),
        });
      });
      room.on(RoomEvent.EncryptionError, () => state.decryptionErrors++);
      if (keyProvider) {
        await keyProvider.setIndexedKey(keyBytes(key.key), key.keyIndex);
        await room.setE2EEEnabled(true);
        state.encrypted = true;
      }
      await room.connect(url, token, { autoSubscribe: true });
    },
    /** Whether any raw data-channel message so far holds `text`'s UTF-8 bytes, and how many arrived. */
    rawData(text) {
      const needle = new TextEncoder().encode(text);
      const holds = (hay) => {
        outer: for (let i = 0; i + needle.length <= hay.length; i++) {
          for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
          return true;
        }
        return false;
      };
      return { messages: rawMessages.length, bytes: rawMessages.reduce((n, m) => n + m.length, 0), holdsText: rawMessages.some(holds) };
    },
    state() {
      return {
        connected: state.room?.state === 'connected',
        encrypted: state.encrypted,
        remoteIdentities: state.room ? [...state.room.remoteParticipants.keys()] : [],
        dataReceived: state.dataReceived.slice(),
        decryptionErrors: state.decryptionErrors,
      };
    },
  };
})();
