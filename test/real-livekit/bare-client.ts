// A bare livekit-client in a blank page, without care-meet around it: what someone holding a LiveKit
// token could do with it directly. Used to show what the real server does with a token care-meet
// minted for someone who has since been removed, or whose meeting has ended.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import type { Page } from 'playwright-core';

const components = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'packages', 'components');
let bundle: string | null = null;

/** livekit-client (the version the elements ship) as one script that sets `globalThis.LK`. */
export function livekitClientScript(): string {
  if (bundle) return bundle;
  // Resolved from the elements' package, so it is the very livekit-client they use.
  createRequire(join(components, 'package.json')).resolve('livekit-client');
  const out = buildSync({
    // (The key-provider pieces are for the E2EE suite's pages that hold a meeting key: e2ee-room.ts.)
    stdin: {
      contents: "export { BaseKeyProvider, createKeyMaterialFromBuffer, DisconnectReason, Room, RoomEvent } from 'livekit-client';",
      resolveDir: components,
      loader: 'js',
    },
    bundle: true,
    format: 'iife',
    globalName: 'LK',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  bundle = out.outputFiles[0]!.text;
  return bundle;
}

/** What happened to a bare connect: whether it connected, and when (ms after connecting) it was disconnected. */
export interface BareConnect {
  connected: boolean;
  error: string | null;
  /** ms from the connect call until `connected` (when it connected). */
  connectMs: number | null;
  /** ms from connected until the server disconnected it, within the watch; `null` if still connected. */
  disconnectedAfterMs: number | null;
  disconnectReason: number | null;
  /** Remote participants it saw while connected. */
  sawParticipants: string[];
  /** Remote tracks it was sent while connected. */
  subscribedTracks: number;
}

/**
 * Connects a bare livekit-client to `url` with `token` in `page` (a blank page is made of it) and
 * watches it for `watchMs`.
 */
export async function bareConnect(page: Page, url: string, token: string, watchMs: number): Promise<BareConnect> {
  await page.setContent('<!doctype html><html lang="en"><title>a bare LiveKit client</title></html>');
  await page.addScriptTag({ content: livekitClientScript() });
  return page.evaluate(
    async ({ url, token, watchMs }) => {
      // The few parts of livekit-client used here (the test package does not depend on it).
      type LiveRoom = {
        on(event: string, listener: (...args: any[]) => void): void;
        connect(url: string, token: string, options: { autoSubscribe: boolean }): Promise<void>;
        disconnect(): Promise<void>;
        remoteParticipants: Map<string, { identity: string }>;
      };
      const { Room, RoomEvent } = (globalThis as unknown as { LK: { Room: new () => LiveRoom; RoomEvent: Record<string, string> } }).LK;
      const room = new Room();
      const seen = new Set<string>();
      let subscribed = 0;
      let disconnectedAt: number | null = null;
      let reason: number | null = null;
      room.on(RoomEvent.ParticipantConnected!, (p: { identity: string }) => seen.add(p.identity));
      room.on(RoomEvent.TrackSubscribed!, () => subscribed++);
      room.on(RoomEvent.Disconnected!, (r?: number) => {
        disconnectedAt = performance.now();
        reason = r ?? null;
      });
      const start = performance.now();
      try {
        await room.connect(url, token, { autoSubscribe: true });
      } catch (e) {
        return {
          connected: false,
          error: String((e as Error)?.message ?? e),
          connectMs: null,
          disconnectedAfterMs: null,
          disconnectReason: null,
          sawParticipants: [],
          subscribedTracks: 0,
        };
      }
      const connectedAt = performance.now();
      for (const p of room.remoteParticipants.values()) seen.add(p.identity);
      while (disconnectedAt === null && performance.now() - connectedAt < watchMs) await new Promise((r) => setTimeout(r, 50));
      const result = {
        connected: true,
        error: null,
        connectMs: Math.round(connectedAt - start),
        disconnectedAfterMs: disconnectedAt === null ? null : Math.round((disconnectedAt as number) - connectedAt),
        disconnectReason: reason,
        sawParticipants: [...seen],
        subscribedTracks: subscribed,
      };
      await room.disconnect();
      return result;
    },
    { url, token, watchMs },
  );
}
