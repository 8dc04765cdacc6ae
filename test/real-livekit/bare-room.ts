// A bare livekit-client that stays in its room, in a blank page: it connects to the LiveKit URL it is
// given (any node of a cluster), publishes the fake camera, shows every remote camera in a
// <video data-identity="…"> and remembers why it was disconnected. The two-node suite uses it to put
// people on different nodes' signalling URLs, which care-meet's own pages never do (they connect to
// the one URL care-meet answers). The media probe (./media-probe.browser.js) is in the page before
// livekit-client, so ./media-probe.ts reads its frames and ICE pairs as in the media-path suite.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Locator, Page } from 'playwright-core';
import { livekitClientScript } from './bare-client.js';
import { MEDIA_PROBE_SCRIPT } from './media-probe.js';

let blankPageUrl: Promise<string> | null = null;

/**
 * An empty page served from 127.0.0.1: a secure context, so the camera can be asked for (about:blank
 * has no navigator.mediaDevices), and one Chromium lets reach LiveKit on loopback (a page Playwright
 * fulfils itself counts as public, and its requests to 127.0.0.1 fail as local network access).
 */
export function blankPage(): Promise<string> {
  blankPageUrl ??= new Promise((resolve) => {
    const server = createServer((_req, res) => {
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end('<!doctype html><html lang="en"><title>a bare LiveKit room</title><body></body></html>');
    });
    server.listen(0, '127.0.0.1', () => {
      server.unref(); // it lives as long as the suite's process, and does not keep it alive
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    });
  });
  return blankPageUrl;
}

/** What a bare room page knows of its connection now. */
export interface BareRoomState {
  connected: boolean;
  /** livekit-client's `DisconnectReason` name (`PARTICIPANT_REMOVED`, `ROOM_DELETED` …) once disconnected. */
  disconnectReason: string | null;
  /** ms from `connected` until the disconnection (page clock). */
  disconnectedAfterMs: number | null;
  remoteIdentities: string[];
  /** Per remote identity: ms from the connect call until the first frame of their video was presented. */
  firstFrameMs: Record<string, number>;
}

/**
 * Makes `page` a blank page connected to `url` with `token`, publishing the fake camera; answers the
 * ms the connect took. Throws livekit-client's own message when the server refuses.
 */
export async function joinBareRoom(page: Page, url: string, token: string): Promise<number> {
  await page.goto(await blankPage());
  await page.addScriptTag({ path: MEDIA_PROBE_SCRIPT });
  await page.addScriptTag({ content: livekitClientScript() });
  return page.evaluate(
    async ({ url, token }) => {
      // The few parts of livekit-client used here (the test package does not depend on it).
      type Participant = { identity: string };
      // (The test package is compiled without the DOM's types: the page's few objects are typed here.)
      type Track = {
        kind: string;
        attach(): { dataset: Record<string, string>; requestVideoFrameCallback(f: () => void): void };
        detach(): Array<{ remove(): void }>;
      };
      const body = (globalThis as unknown as { document: { body: { append(element: unknown): void } } }).document.body;
      type LiveRoom = {
        on(event: string, listener: (...args: any[]) => void): void;
        connect(url: string, token: string, options: { autoSubscribe: boolean }): Promise<void>;
        remoteParticipants: Map<string, Participant>;
        localParticipant: { setCameraEnabled(on: boolean): Promise<unknown> };
      };
      const { Room, RoomEvent, DisconnectReason } = (
        globalThis as unknown as {
          LK: { Room: new (options: object) => LiveRoom; RoomEvent: Record<string, string>; DisconnectReason: Record<number, string> };
        }
      ).LK;
      // A small picture in one layer: what is shown is where media flows, not its quality, and the
      // suites share two cores with the media servers.
      const room = new Room({ publishDefaults: { simulcast: false }, videoCaptureDefaults: { resolution: { width: 320, height: 240, frameRate: 15 } } });
      const start = performance.now();
      const state = { room, connectedAt: 0, disconnectedAt: null as number | null, reason: null as string | null, firstFrameMs: {} as Record<string, number> };
      (globalThis as unknown as { __bareRoom: typeof state }).__bareRoom = state;
      room.on(RoomEvent.TrackSubscribed!, (track: Track, _publication: unknown, participant: Participant) => {
        if (track.kind !== 'video') return;
        const element = track.attach();
        element.dataset.identity = participant.identity;
        element.requestVideoFrameCallback(() => (state.firstFrameMs[participant.identity] = Math.round(performance.now() - start)));
        body.append(element);
      });
      // A track subscribed again after a reconnect gets a new <video>: only the live one is on the page.
      room.on(RoomEvent.TrackUnsubscribed!, (track: Track) => track.detach().forEach((element) => element.remove()));
      room.on(RoomEvent.Disconnected!, (reason?: number) => {
        state.disconnectedAt = performance.now();
        state.reason = reason === undefined ? 'UNKNOWN' : (DisconnectReason[reason] ?? String(reason));
      });
      await room.connect(url, token, { autoSubscribe: true });
      state.connectedAt = performance.now();
      await room.localParticipant.setCameraEnabled(true);
      return Math.round(state.connectedAt - start);
    },
    { url, token },
  );
}

/** The page's connection now (see `BareRoomState`). */
export async function bareRoomState(page: Page): Promise<BareRoomState> {
  return page.evaluate(() => {
    const s = (
      globalThis as unknown as {
        __bareRoom: {
          room: { state: string; remoteParticipants: Map<string, unknown> };
          connectedAt: number;
          disconnectedAt: number | null;
          reason: string | null;
          firstFrameMs: Record<string, number>;
        };
      }
    ).__bareRoom;
    return {
      connected: s.room.state === 'connected',
      disconnectReason: s.reason,
      disconnectedAfterMs: s.disconnectedAt === null ? null : Math.round(s.disconnectedAt - s.connectedAt),
      remoteIdentities: [...s.room.remoteParticipants.keys()],
      firstFrameMs: { ...s.firstFrameMs },
    };
  });
}

/** Polls the page until the server has disconnected it; answers the state then (fails after `timeoutMs`). */
export async function waitForDisconnect(page: Page, timeoutMs: number): Promise<BareRoomState> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = await bareRoomState(page);
    if (s.disconnectReason !== null) return s;
    if (Date.now() > deadline) throw new Error(`still connected after ${timeoutMs} ms (${JSON.stringify(s)})`);
    await page.waitForTimeout(50);
  }
}

/**
 * The <video> showing `identity`'s camera on a bare room page (check it with media-probe's
 * `waitForFrames`): the newest, should a reconnect have attached another before the old one went.
 */
export const remoteVideo = (page: Page, identity: string): Locator => page.locator(`video[data-identity="${identity}"]`).last();
