// Injected by bench/media.bench.mjs into every page of its browser contexts before the page's own
// scripts (Playwright's `addInitScript`), for the bare livekit-client page and care-meet's pages
// alike. Plain browser JavaScript: never imported by Node.
//
// It records, on the page's own clock (`performance.now()`):
//   clicks     every click on a <button>, with its text, when the page's capture listener sees it
//              (before any of the page's own handlers);
//   sockets    every WebSocket made, with its host (never its URL: LiveKit's carries the token);
//   frames     the first frame presented (`requestVideoFrameCallback`) by each <video> that plays a
//              track received from a peer connection, with that track's id and the picture's size;
//   stream     events read from the meeting's event stream (`fetch` of `.../events`), by type and
//              participant id, on the wall clock (`performance.timeOrigin + performance.now()`), so
//              they can be set beside the webhook timestamps of another process.
// Nothing else changes: RTCPeerConnection is the browser's own, subclassed only to learn which
// tracks are remote; `srcObject` keeps its own setter; the event stream's body is teed, not read
// in place of the page.
(() => {
  if (window.__benchMedia) return;
  const record = { clicks: [], sockets: [], frames: [], stream: [], marks: [] };
  // marks: the steps a join goes through, for BENCH_TRACE=1 (each { name, t }): a peer connection
  // made, an offer asked for and made, a capture asked for and answered, a main-thread task over
  // 50 ms (`longtask`, with its length). Only noted: each call is the browser's own.
  const mark = (name, t = performance.now()) => record.marks.push({ name, t });
  const timeMethod = (proto, method, name) => {
    const native = proto[method];
    proto[method] = function (...args) {
      mark(`${name} asked`);
      const result = native.apply(this, args);
      if (result && typeof result.then === 'function')
        result.then(
          () => mark(`${name} done`),
          () => mark(`${name} failed`),
        );
      return result;
    };
  };
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) record.marks.push({ name: `longtask ${Math.round(e.duration)} ms`, t: e.startTime });
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
  // Which scripts a long frame ran (Chromium's long-animation-frame entries): the three longest.
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        const scripts = [...(e.scripts ?? [])].sort((a, b) => b.duration - a.duration).slice(0, 3);
        const what = scripts
          .map((x) => `${x.invoker || x.invokerType} ${Math.round(x.duration)} ms (${String(x.sourceURL).split('/').pop()}:${x.sourceFunctionName || '?'})`)
          .join('; ');
        record.marks.push({
          name: `long frame ${Math.round(e.duration)} ms, render ${Math.round(e.renderStart ? e.startTime + e.duration - e.renderStart : 0)} ms: ${what}`,
          t: e.startTime,
        });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {}
  const remoteTracks = new WeakSet();

  const NativePeerConnection = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends NativePeerConnection {
    constructor(...args) {
      super(...args);
      mark('peer connection made');
      this.addEventListener('track', (e) => remoteTracks.add(e.track));
    }
  };

  timeMethod(NativePeerConnection.prototype, 'createOffer', 'offer');
  timeMethod(NativePeerConnection.prototype, 'setRemoteDescription', 'remote description');
  if (navigator.mediaDevices) timeMethod(MediaDevices.prototype, 'getUserMedia', 'capture');

  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    constructor(url, protocols) {
      const t = performance.now();
      super(url, protocols);
      let host = '';
      try {
        host = new URL(String(url), location.href).host;
      } catch {}
      record.sockets.push({ host, t });
    }
  };

  window.addEventListener(
    'click',
    (e) => {
      const t = performance.now();
      const button = e.composedPath().find((n) => n instanceof HTMLElement && n.tagName === 'BUTTON');
      if (button) record.clicks.push({ text: (button.textContent ?? '').trim(), t, eventTimeStamp: e.timeStamp });
    },
    true,
  );

  // The first presented frame of each <video> that plays a remote video track. A <video> is watched
  // from when a MediaStream is set on it, if that stream is empty or holds a remote video track
  // (livekit-client's attach may add the track to an element's existing stream); local previews are
  // left alone.
  const watched = new WeakSet();
  const remoteVideoOf = (video) => {
    const stream = video.srcObject;
    if (!(stream instanceof MediaStream)) return null;
    return stream.getVideoTracks().find((track) => remoteTracks.has(track)) ?? null;
  };
  const watch = (video) => {
    if (watched.has(video)) return;
    watched.add(video);
    const until = performance.now() + 120_000;
    const onFrame = (now, meta) => {
      const track = remoteVideoOf(video);
      if (track) {
        record.frames.push({ trackId: track.id, t: performance.now(), rvfcNow: now, width: meta.width, height: meta.height });
        watched.delete(video);
        return;
      }
      if (performance.now() < until) video.requestVideoFrameCallback(onFrame);
      else watched.delete(video);
    };
    video.requestVideoFrameCallback(onFrame);
  };
  const srcObject = Object.getOwnPropertyDescriptor(HTMLMediaElement.prototype, 'srcObject');
  Object.defineProperty(HTMLMediaElement.prototype, 'srcObject', {
    ...srcObject,
    set(value) {
      srcObject.set.call(this, value);
      if (this instanceof HTMLVideoElement && value instanceof MediaStream) {
        const tracks = value.getVideoTracks();
        if (tracks.length === 0 || tracks.some((track) => remoteTracks.has(track))) watch(this);
      }
    },
  });

  // The meeting's event stream, as the page's own code reads it (fetch, text/event-stream).
  const nativeFetch = window.fetch;
  window.fetch = async function (input, init) {
    let path = '';
    try {
      path = new URL(typeof input === 'string' || input instanceof URL ? String(input) : input.url, location.href).pathname;
    } catch {}
    mark(`fetch ${path} asked`);
    const response = await nativeFetch.call(this, input, init);
    mark(`fetch ${path} answered`);
    if (!/\/meetings\/[^/]+\/events$/.test(path) || !response.ok || !response.body) return response;
    const [mine, tap] = response.body.tee();
    void (async () => {
      const reader = tap.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        let chunk;
        try {
          chunk = await reader.read();
        } catch {
          return;
        }
        if (chunk.done) return;
        const wall = performance.timeOrigin + performance.now();
        buffer += decoder.decode(chunk.value, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const type = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (!type || !data || type === 'roster') continue;
          let participantId = null;
          try {
            participantId = JSON.parse(data).participantId ?? null;
          } catch {}
          record.stream.push({ type, participantId, wall });
        }
      }
    })();
    return new Response(mine, { status: response.status, statusText: response.statusText, headers: response.headers });
  };

  window.__benchMedia = record;
})();
