// Injected into every page of the media-path suite before the page's own scripts run
// (Playwright's `addInitScript`). Plain browser JavaScript: it is never imported by Node.
//
// It records the page's RTCPeerConnections and WebSockets, so the suite can read what really
// arrived (inbound-rtp statistics: packets, bytes, frames decoded, per receiving track) and cut a
// page off from the media server's signalling, and it writes a timeline of each step (offers and
// answers, tracks, each video's first packet, key frame and frame, camera and microphone captures).
// It changes nothing else: both classes are the browser's own, subclassed only to remember each
// instance and note what it does, and getUserMedia is the browser's, only noted.
(() => {
  if (window.__careMeetMedia) return;

  const NativePeerConnection = window.RTCPeerConnection;
  const NativeWebSocket = window.WebSocket;
  /** @type {RTCPeerConnection[]} */
  const peerConnections = [];
  /** Those that ever connected (livekit-client also makes some only to probe what the browser supports). */
  const everConnected = new Set();
  /** @type {Array<{ socket: WebSocket, host: string }>} */
  const sockets = [];
  /** Hosts (`127.0.0.1:7880`) whose new sockets go nowhere while the page is cut off. */
  const blockedHosts = new Set();
  /** What happened when (wall clock ms): peer connection states and received tracks, for timing a step. */
  const events = [];
  // A port nothing listens on: a socket to it fails at once, as one to an unreachable server would.
  const NOWHERE = 'ws://127.0.0.1:1/';

  const hostOf = (url) => {
    try {
      return new URL(String(url), location.href).host;
    } catch {
      return '';
    }
  };

  window.RTCPeerConnection = class extends NativePeerConnection {
    constructor(...args) {
      super(...args);
      peerConnections.push(this);
      this.addEventListener('connectionstatechange', () => {
        if (this.connectionState === 'connected') everConnected.add(this);
        events.push({ at: Date.now(), what: `pc${peerConnections.indexOf(this)} ${this.connectionState}` });
      });
      this.addEventListener('track', (e) => {
        events.push({ at: Date.now(), what: `pc${peerConnections.indexOf(this)} track ${e.track.kind}` });
        if (e.track.kind === 'video') void watchFirsts(this, 'inbound-rtp', (s) => s.trackIdentifier === e.track.id, `pc${peerConnections.indexOf(this)} in`);
      });
    }
    close() {
      events.push({ at: Date.now(), what: `pc${peerConnections.indexOf(this)} close` });
      super.close();
    }
    async setLocalDescription(...args) {
      events.push({ at: Date.now(), what: `pc${peerConnections.indexOf(this)} local ${args[0]?.type ?? 'implicit'}` });
      return super.setLocalDescription(...args);
    }
    async setRemoteDescription(...args) {
      events.push({ at: Date.now(), what: `pc${peerConnections.indexOf(this)} remote ${args[0]?.type}` });
      return super.setRemoteDescription(...args);
    }
    addTransceiver(trackOrKind, init) {
      const kind = typeof trackOrKind === 'string' ? trackOrKind : trackOrKind.kind;
      events.push({ at: Date.now(), what: `pc${peerConnections.indexOf(this)} add ${kind}` });
      if (kind === 'video' && typeof trackOrKind !== 'string')
        void watchFirsts(this, 'outbound-rtp', (s) => s.kind === 'video', `pc${peerConnections.indexOf(this)} out`);
      return super.addTransceiver(trackOrKind, init);
    }
  };

  /**
   * For timing a step: polls `pc`'s statistics for a few seconds and records when the streams
   * picked by `pick` first carried packets, a key frame and a frame (per simulcast layer when sent).
   */
  async function watchFirsts(pc, type, pick, label) {
    const seen = new Set();
    const started = Date.now();
    while (Date.now() - started < 8_000 && pc.connectionState !== 'closed') {
      await new Promise((r) => setTimeout(r, 20));
      let report;
      try {
        report = await pc.getStats();
      } catch {
        return;
      }
      for (const s of report.values()) {
        if (s.type !== type || !pick(s)) continue;
        const layer = s.rid ? ` ${s.rid}` : '';
        const marks =
          type === 'inbound-rtp'
            ? [
                ['packet', s.packetsReceived > 0],
                ['key frame', s.keyFramesDecoded > 0],
                ['frame', s.framesDecoded > 0],
              ]
            : [
                ['packet', s.packetsSent > 0],
                ['key frame', s.keyFramesEncoded > 0],
                ['frame sent', s.framesSent > 0],
              ];
        if (type === 'inbound-rtp' && s.framesDecoded > 0) {
          // The picture's size as it changes (the server's layer), and the frames decoded every half second.
          const size = `${s.frameWidth}x${s.frameHeight}`;
          const tick = Math.floor((Date.now() - started) / 500);
          if (!seen.has(`${label} size ${size}`)) {
            seen.add(`${label} size ${size}`);
            events.push({ at: Date.now(), what: `${label} now ${size}` });
          }
          if (!seen.has(`${label} tick ${tick}`)) {
            seen.add(`${label} tick ${tick}`);
            events.push({
              at: Date.now(),
              what: `${label} ${s.framesDecoded} frames (ssrc ${s.ssrc}: ${s.framesReceived} received, ${s.keyFramesDecoded} key, ${s.packetsReceived} packets, ${s.bytesReceived} bytes, ${s.framesDropped ?? 0} dropped, ${s.packetsLost} lost, ${s.nackCount} NACK, ${s.pliCount} PLI)`,
            });
          }
        }
        for (const [what, reached] of marks) {
          const key = `${label}${layer} first ${what}`;
          if (reached && !seen.has(key)) {
            seen.add(key);
            events.push({ at: Date.now(), what: key + (s.frameWidth ? ` ${s.frameWidth}x${s.frameHeight}` : '') });
          }
        }
      }
    }
  }

  // Camera and microphone captures, so a step can show it used the ones already running.
  const nativeGetUserMedia = navigator.mediaDevices?.getUserMedia?.bind(navigator.mediaDevices);
  if (nativeGetUserMedia) {
    navigator.mediaDevices.getUserMedia = (constraints) => {
      events.push({ at: Date.now(), what: `getUserMedia${constraints?.video ? ' video' : ''}${constraints?.audio ? ' audio' : ''}` });
      return nativeGetUserMedia(constraints);
    };
  }

  window.WebSocket = class extends NativeWebSocket {
    constructor(url, protocols) {
      const host = hostOf(url);
      super(blockedHosts.has(host) ? NOWHERE : url, protocols);
      sockets.push({ socket: this, host });
    }
  };

  /** Every inbound RTP stream of every open peer connection of this page. */
  async function inbound() {
    const rows = [];
    for (const [index, pc] of peerConnections.entries()) {
      if (pc.connectionState === 'closed') continue;
      let report;
      try {
        report = await pc.getStats();
      } catch {
        continue;
      }
      report.forEach((s) => {
        if (s.type !== 'inbound-rtp') return;
        rows.push({
          pc: index,
          kind: s.kind,
          trackIdentifier: s.trackIdentifier ?? '',
          packetsReceived: s.packetsReceived ?? 0,
          bytesReceived: s.bytesReceived ?? 0,
          framesDecoded: s.framesDecoded ?? 0,
        });
      });
    }
    return rows;
  }

  const framesDecoded = async (trackId) => {
    const row = (await inbound()).find((r) => r.kind === 'video' && r.trackIdentifier === trackId);
    return row ? row.framesDecoded : null;
  };

  window.__careMeetMedia = {
    inbound,
    /**
     * Samples a <video> for `ms`: its decoded size, the frames it presents
     * (`requestVideoFrameCallback`), and `framesDecoded` of its track before and after.
     */
    async sampleVideo(video, ms) {
      const trackId = video.srcObject?.getVideoTracks()[0]?.id ?? '';
      const decodedBefore = trackId ? await framesDecoded(trackId) : null;
      let presented = 0;
      let sampling = true;
      const onFrame = () => {
        if (!sampling) return;
        presented++;
        video.requestVideoFrameCallback(onFrame);
      };
      video.requestVideoFrameCallback(onFrame);
      await new Promise((resolve) => setTimeout(resolve, ms));
      sampling = false;
      const decodedAfter = trackId ? await framesDecoded(trackId) : null;
      return { width: video.videoWidth, height: video.videoHeight, presented, decodedBefore, decodedAfter };
    },
    /** Packets received so far for the track an <audio> or <video> plays, and how far it has played. */
    async mediaPackets(media) {
      const trackId = media.srcObject?.getTracks()[0]?.id ?? '';
      const row = trackId ? (await inbound()).find((r) => r.trackIdentifier === trackId) : undefined;
      return { packets: row ? row.packetsReceived : null, currentTime: media.currentTime };
    },
    /** The peer connections' states, in the order they were made. */
    peerConnectionStates: () => peerConnections.map((pc) => pc.connectionState),
    /** The states of the peer connections that ever connected, in the order they were made. */
    connectedPeerConnectionStates: () => peerConnections.filter((pc) => everConnected.has(pc)).map((pc) => pc.connectionState),
    /** Frames decoded so far for the receiving track with this id; `null` when no stream carries it. */
    framesDecoded,
    /** Peer connection states and received tracks since `since` (wall clock ms). */
    eventsSince: (since) => events.filter((e) => e.at >= since).map((e) => `${e.at - since} ms ${e.what}`),
    /** Open sockets per host (no URLs: LiveKit's carry the access token). */
    openSockets: () => sockets.filter((s) => s.socket.readyState === NativeWebSocket.OPEN).map((s) => s.host),
    /** Cuts the page off from `host`: its open sockets close and new ones fail until `restore`. */
    cut(host) {
      blockedHosts.add(host);
      let closed = 0;
      for (const s of sockets) {
        if (s.host === host && s.socket.readyState <= NativeWebSocket.OPEN) {
          s.socket.close();
          closed++;
        }
      }
      return closed;
    },
    restore(host) {
      blockedHosts.delete(host);
    },
    /**
     * The ICE candidate pair each connected peer connection sends and receives on (the transport's
     * selected pair): both ends' addresses, ports and protocols.
     */
    async selectedPairs() {
      const pairs = [];
      for (const pc of peerConnections) {
        if (pc.connectionState !== 'connected') continue;
        const report = await pc.getStats();
        const byId = new Map();
        report.forEach((s) => byId.set(s.id, s));
        const add = (pair) => {
          const local = pair && byId.get(pair.localCandidateId);
          const remote = pair && byId.get(pair.remoteCandidateId);
          if (!local || !remote) return;
          pairs.push({
            local: { address: local.address ?? local.ip ?? '', port: local.port, protocol: local.protocol, type: local.candidateType },
            remote: { address: remote.address ?? remote.ip ?? '', port: remote.port, protocol: remote.protocol, type: remote.candidateType },
          });
        };
        let transports = 0;
        report.forEach((s) => {
          if (s.type !== 'transport' || !s.selectedCandidatePairId) return;
          transports++;
          add(byId.get(s.selectedCandidatePairId));
        });
        // Firefox ESR 153 has no transport statistics; it marks the pair in use with `selected`
        // instead (https://developer.mozilla.org/en-US/docs/Web/API/RTCTransportStats#browser_compatibility).
        if (!transports) report.forEach((s) => s.type === 'candidate-pair' && s.selected && add(s));
      }
      return pairs;
    },
    /**
     * The loudness of the sound an <audio> plays, through a Web Audio analyser on its track for
     * `ms`: the highest RMS (0 silent, about 0.3 for Chromium's fake microphone beep).
     */
    async audioLevel(media, ms) {
      const track = media.srcObject?.getAudioTracks()[0];
      if (!track) return { rms: null };
      const context = new AudioContext();
      await context.resume();
      const source = context.createMediaStreamSource(new MediaStream([track]));
      const analyser = context.createAnalyser();
      analyser.fftSize = 2048;
      source.connect(analyser);
      const samples = new Float32Array(analyser.fftSize);
      let peak = 0;
      const until = performance.now() + ms;
      while (performance.now() < until) {
        analyser.getFloatTimeDomainData(samples);
        let sum = 0;
        for (const v of samples) sum += v * v;
        peak = Math.max(peak, Math.sqrt(sum / samples.length));
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      source.disconnect();
      await context.close();
      return { rms: peak };
    },

    /**
     * The share of the sound's power within ±40 Hz of `hz` (0-1), the median over `ms` of analyser
     * snapshots: near 1 for the test's steady tone, near 0 for noise or silence; null: no track.
     */
    async toneShare(media, hz, ms) {
      const track = media.srcObject?.getAudioTracks()[0];
      if (!track) return { share: null };
      const context = new AudioContext();
      await context.resume();
      const source = context.createMediaStreamSource(new MediaStream([track]));
      const analyser = context.createAnalyser();
      analyser.fftSize = 4096;
      analyser.smoothingTimeConstant = 0;
      source.connect(analyser);
      const bins = new Float32Array(analyser.frequencyBinCount);
      const binHz = context.sampleRate / analyser.fftSize;
      const shares = [];
      const until = performance.now() + ms;
      while (performance.now() < until) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        analyser.getFloatFrequencyData(bins);
        let total = 0;
        let near = 0;
        for (let i = 1; i < bins.length; i++) {
          const power = Number.isFinite(bins[i]) ? 10 ** (bins[i] / 10) : 0;
          total += power;
          if (Math.abs(i * binHz - hz) <= 40) near += power;
        }
        if (total > 0) shares.push(near / total);
      }
      source.disconnect();
      await context.close();
      shares.sort((a, b) => a - b);
      return { share: shares.length ? shares[Math.floor(shares.length / 2)] : 0 };
    },
  };
})();
