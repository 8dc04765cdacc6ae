// Which media server the demo uses: the configured LiveKit if it answers; else a `livekit-server`
// binary on the PATH, started in dev mode; else none, and the demo says so on every room page.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LiveParticipant, MediaServerPermission, RoomControl } from '@care-meet/server-sdk';

export type MediaMode = { kind: 'livekit'; url: string; started: ChildProcess | null } | { kind: 'none'; url: string };

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url.replace(/^ws/, 'http'), { signal: AbortSignal.timeout(1500) });
    await res.body?.cancel();
    return true;
  } catch {
    return false;
  }
}

/**
 * Finds or starts a LiveKit server. A started one gets the settings care-meet's deployment guide
 * asks for: rooms are never auto-created, and webhooks go to the demo's API.
 */
export async function chooseMedia(o: { url: string; apiKey: string; apiSecret: string; webhookUrl: string; dataDir: string }): Promise<MediaMode> {
  if (await answers(o.url)) return { kind: 'livekit', url: o.url, started: null };
  const onPath = spawnSync('sh', ['-c', 'command -v livekit-server'], { encoding: 'utf8' }).stdout.trim();
  if (!onPath) return { kind: 'none', url: o.url };
  const config = join(o.dataDir, 'livekit.yaml');
  writeFileSync(
    config,
    [
      'port: 7880',
      'rtc: { tcp_port: 7881, port_range_start: 50000, port_range_end: 50100, use_external_ip: false }',
      `keys: { ${o.apiKey}: ${o.apiSecret} }`,
      'room: { auto_create: false }',
      `webhook: { api_key: ${o.apiKey}, urls: [ "${o.webhookUrl}" ] }`,
      '',
    ].join('\n'),
  );
  const started = spawn(onPath, ['--dev', '--config', config, '--bind', '127.0.0.1'], { stdio: 'ignore' });
  for (let i = 0; i < 40; i++) {
    if (await answers(o.url)) return { kind: 'livekit', url: o.url, started };
    await new Promise((r) => setTimeout(r, 250));
  }
  started.kill();
  return { kind: 'none', url: o.url };
}

/**
 * Room control when there is no media server: rooms exist only in this process, so booking,
 * identity, admission, the lobby, removal and the end all run; sound and video do not.
 */
export class NoMediaRoomControl implements RoomControl {
  readonly #rooms = new Set<string>();
  async ensureRoom(name: string): Promise<void> {
    this.#rooms.add(name);
  }
  async deleteRoom(name: string): Promise<void> {
    this.#rooms.delete(name);
  }
  async listParticipants(): Promise<LiveParticipant[]> {
    return [];
  }
  async removeParticipant(): Promise<void> {}
  async updatePermission(_room: string, _identity: string, _permission: MediaServerPermission): Promise<void> {}
  async stopEgress(): Promise<void> {}
}
