// Which media server the demo uses: the configured LiveKit if it answers, else none, and then the
// demo says so on every page. `bash scripts/quickstart.sh demo` builds and starts the real LiveKit
// beside the demo (scripts/livekit-server.sh, livekit/livekit.yaml) before the demo asks.

export type MediaMode = { kind: 'livekit'; url: string } | { kind: 'none'; url: string };

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url.replace(/^ws/, 'http'), { signal: AbortSignal.timeout(1500) });
    await res.body?.cancel();
    return true;
  } catch {
    return false;
  }
}

/** The LiveKit at `o.url` if it answers (over a few seconds, for one that is still starting); otherwise none. */
export async function chooseMedia(o: { url: string; waitMs?: number }): Promise<MediaMode> {
  const until = Date.now() + (o.waitMs ?? 0);
  do {
    if (await answers(o.url)) return { kind: 'livekit', url: o.url };
    if (Date.now() < until) await new Promise((r) => setTimeout(r, 250));
  } while (Date.now() < until);
  return { kind: 'none', url: o.url };
}
