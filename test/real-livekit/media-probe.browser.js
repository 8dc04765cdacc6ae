// Injected into every page of the media-path suite before the page's own scripts run
// (Playwright's `addInitScript`). Plain browser JavaScript: it is never imported by Node.
//
// It records the page's RTCPeerConnections and WebSockets, so the suite can read what really
// arrived (inbound-rtp statistics: packets, bytes, frames decoded, per receiving track) and cut a
// page off from the media server's signalling. It changes nothing else: both classes are the
// browser's own, subclassed only to remember each instance.
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
      });
    }
  };

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
  };
})();
