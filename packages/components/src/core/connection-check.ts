import { Store, type Readable, type Unsubscribe } from './observable.js';

/**
 * Why the connection check failed. A stable code; the element picks the words.
 *
 * - `server-unreachable`: no answer from `${apiBase}/health` (offline, DNS, firewall, timeout).
 * - `server-error`: it answered, but not with 200.
 * - `server-unhealthy`: 200, but not `{"ok":true}` JSON.
 * - `no-media-url`: neither the health answer nor the `media-url` attribute gave a usable media server URL.
 * - `insecure-media-url`: an `http`/`ws` media server from an `https` page, which the browser blocks.
 * - `media-refused`: the media server's address refused the connection, or is not there at all, at
 *   once: nothing answers there (it is not running), while the meeting service did answer.
 * - `media-unreachable`: no HTTP answer from the media server before the time ran out: something
 *   on the way (a firewall, a VPN) may drop it.
 */
export type ConnectionProblem =
  'server-unreachable' | 'server-error' | 'server-unhealthy' | 'no-media-url' | 'insecure-media-url' | 'media-refused' | 'media-unreachable';

export type StepStatus = 'pass' | 'fail' | 'skipped';

export interface ConnectionReport {
  /** `skipped` when neither `apiBase` nor `mediaUrl` was given. */
  status: StepStatus;
  problem?: ConnectionProblem;
  server: StepStatus;
  media: StepStatus;
  /** The media server's HTTP(S) address that was tried. */
  mediaUrl?: string;
  /** Median round trip of a small request to the media server, in whole milliseconds. */
  rttMs?: number;
}

export interface ConnectionCheckOptions {
  /** Where the server SDK's routes are mounted, e.g. `/api`. */
  apiBase?: string | undefined;
  /** The media server; overrides the `livekitUrl` the health answer gives. `ws(s)://` or `http(s)://`. */
  mediaUrl?: string | undefined;
  signal?: AbortSignal | undefined;
  /** How many timed requests the round-trip time is the median of. */
  samples?: number;
  /** Per request. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  now?: () => number;
  /** The page's address, for relative URLs and to spot mixed content. */
  pageUrl?: string;
}

interface Health {
  ok?: unknown;
  livekitUrl?: unknown;
}

/**
 * The HTTP(S) address of a LiveKit URL: `wss://` becomes `https://`, `ws://` becomes `http://`.
 * Returns `undefined` for anything that is not a URL of those four schemes.
 *
 * @example
 * toHttpUrl('wss://media.example.org')?.href; // 'https://media.example.org/'
 */
export function toHttpUrl(url: string, base?: string): URL | undefined {
  try {
    const parsed = new URL(url, base);
    parsed.protocol = parsed.protocol.replace(/^ws/, 'http');
    return /^https?:$/.test(parsed.protocol) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** One request's signal: aborts when the caller aborts or after `ms`. */
function deadline(outer: AbortSignal | undefined, ms: number): { signal: AbortSignal; clear: () => void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException('Timed out', 'TimeoutError')), ms);
  const forward = () => controller.abort(outer?.reason);
  if (outer?.aborted) forward();
  outer?.addEventListener('abort', forward, { once: true });
  return {
    signal: controller.signal,
    clear: () => {
      clearTimeout(timer);
      outer?.removeEventListener('abort', forward);
    },
  };
}

/**
 * Checks that the server SDK answers (`GET ${apiBase}/health` → 200 `{"ok":true,"livekitUrl":…}`)
 * and that the media server can be reached, timing a request to its `/rtc/validate`. Any HTTP
 * answer from the media server counts, 401 included: it is unauthenticated on purpose. The
 * request is `no-cors`, so a media server on another origin needs no CORS headers.
 *
 * Never rejects for a failed check (that is a report); rejects only when `signal` aborts.
 *
 * @example
 * const report = await checkConnection({ apiBase: '/api' });
 * if (report.status === 'pass') console.log(`${report.rttMs} ms`);
 */
export async function checkConnection(options: ConnectionCheckOptions = {}): Promise<ConnectionReport> {
  const {
    apiBase,
    signal,
    samples = 3,
    timeoutMs = 8000,
    fetch: request = globalThis.fetch.bind(globalThis),
    now = () => performance.now(),
    pageUrl = globalThis.location?.href,
  } = options;
  let mediaUrl = options.mediaUrl || undefined;
  let server: StepStatus = 'skipped';

  const get = async (url: string, init: RequestInit): Promise<Response> => {
    const limit = deadline(signal, timeoutMs);
    try {
      return await request(url, { ...init, cache: 'no-store', signal: limit.signal });
    } finally {
      limit.clear();
    }
  };
  const fail = (problem: ConnectionProblem, extra: Partial<ConnectionReport> = {}): ConnectionReport => ({
    status: 'fail',
    problem,
    server,
    media: server === 'fail' ? 'skipped' : 'fail',
    ...extra,
  });

  if (apiBase) {
    let response: Response;
    try {
      response = await get(`${apiBase.replace(/\/+$/, '')}/health`, { headers: { accept: 'application/json' } });
    } catch {
      signal?.throwIfAborted();
      server = 'fail';
      return fail('server-unreachable', { server });
    }
    if (response.status !== 200) {
      server = 'fail';
      return fail('server-error');
    }
    const health: Health | undefined = await response.json().catch(() => undefined);
    if (health?.ok !== true) {
      server = 'fail';
      return fail('server-unhealthy');
    }
    server = 'pass';
    if (typeof health.livekitUrl === 'string') mediaUrl ??= health.livekitUrl;
  }

  if (!mediaUrl) return apiBase ? fail('no-media-url') : { status: 'skipped', server, media: 'skipped' };
  const http = toHttpUrl(mediaUrl, pageUrl);
  if (!http) return fail('no-media-url');
  if (pageUrl?.startsWith('https:') && http.protocol === 'http:') return fail('insecure-media-url', { mediaUrl: http.href });

  const validate = `${http.href.replace(/\/+$/, '')}/rtc/validate`;
  const times: number[] = [];
  try {
    // The first request also pays for DNS, TCP and TLS; time only the ones after it.
    for (let i = 0; i <= samples; i++) {
      const started = now();
      await get(validate, { mode: 'no-cors', credentials: 'omit' });
      if (i > 0) times.push(now() - started);
    }
  } catch (error) {
    signal?.throwIfAborted();
    // A refused connection fails at once; packets dropped on the way fail only when our deadline
    // aborts the request (fetch rejects with the abort's reason, our TimeoutError). The first is a
    // media server that is not running, and the person's network is not to blame for it.
    const timedOut = (error as Error | undefined)?.name === 'TimeoutError';
    return fail(timedOut ? 'media-unreachable' : 'media-refused', { mediaUrl: http.href });
  }
  times.sort((a, b) => a - b);
  const rttMs = Math.round(times[Math.floor(times.length / 2)] ?? 0);
  return { status: 'pass', server, media: 'pass', mediaUrl: http.href, rttMs };
}

export interface ConnectionState {
  /** A check is under way. */
  readonly pending: boolean;
  /** The last finished check; cleared when a new one starts. */
  readonly report?: ConnectionReport;
}

/**
 * Runs `checkConnection` and keeps its state, one run at a time: a new run cancels the one under
 * way. The UI subscribes; `<care-meeting>` can reuse it without Lit.
 *
 * @example
 * const connection = new ConnectionCheck();
 * connection.subscribe(({ pending, report }) => render(pending, report));
 * void connection.run({ apiBase: '/api' });
 */
export class ConnectionCheck implements Readable<ConnectionState> {
  readonly #store = new Store<ConnectionState>({ pending: false });
  #controller: AbortController | undefined;

  get value(): ConnectionState {
    return this.#store.value;
  }

  subscribe(listener: (value: ConnectionState) => void): Unsubscribe {
    return this.#store.subscribe(listener);
  }

  async run(options: Omit<ConnectionCheckOptions, 'signal'>): Promise<void> {
    this.abort();
    const controller = (this.#controller = new AbortController());
    this.#store.set({ pending: true });
    try {
      const report = await checkConnection({ ...options, signal: controller.signal });
      if (this.#controller === controller) this.#store.set({ pending: false, report });
    } catch {
      // Aborted: whoever aborted owns the state now.
    }
  }

  /** Cancels a run under way, e.g. when the element leaves the page. */
  abort(): void {
    this.#controller?.abort();
    this.#controller = undefined;
    if (this.value.pending) this.#store.set({ pending: false });
  }
}
