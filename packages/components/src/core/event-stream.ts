import type { ApiErrorCode, MeetingEvent, Roster } from '@care-meet/protocol/wire';

export type StreamMessage = { type: 'roster'; roster: Roster } | { type: 'event'; event: MeetingEvent };

export interface EventStreamOptions {
  url: string;
  session: string;
  onMessage(message: StreamMessage): void;
  /** Called with `true` when connected, `false` while reconnecting. */
  onConnection?(connected: boolean): void;
  /**
   * Called once when the server refuses the stream for good (401, 403, 404, 410), with the API's
   * error code: the stream stops then, so the caller can say why instead of "reconnecting".
   */
  onRefused?(refusal: { status: number; code: ApiErrorCode; message: string }): void;
  fetch?: typeof fetch;
  /** First retry delay; doubles up to 30 s. */
  retryMs?: number;
}

/**
 * Reads the meeting's Server-Sent Events with `fetch`, because `EventSource` cannot send the
 * `Authorization` header (and the session must not go in a URL, where proxies log it). Reconnects
 * with back-off until `close()`; a 401/403/404/410 answer stops it for good.
 *
 * @example
 * const stream = openEventStream({ url: '/api/meetings/m_1/events', session, onMessage: console.log });
 * stream.close();
 */
export function openEventStream(options: EventStreamOptions): { close(): void } {
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  const controller = new AbortController();
  let delay = options.retryMs ?? 1000;
  let closed = false;

  const run = async (): Promise<void> => {
    while (!closed) {
      try {
        const res = await doFetch(options.url, {
          headers: { authorization: `Bearer ${options.session}`, accept: 'text/event-stream' },
          cache: 'no-store',
          credentials: 'omit',
          signal: controller.signal,
        });
        if ([401, 403, 404, 410].includes(res.status)) {
          options.onConnection?.(false);
          let error: { code?: string; message?: string } | undefined;
          try {
            error = ((await res.json()) as { error?: { code?: string; message?: string } }).error;
          } catch {
            error = undefined;
          }
          const fallback: ApiErrorCode =
            res.status === 401 ? 'UNAUTHENTICATED' : res.status === 403 ? 'FORBIDDEN' : res.status === 404 ? 'NOT_FOUND' : 'MEETING_ENDED';
          if (!closed)
            options.onRefused?.({ status: res.status, code: (error?.code as ApiErrorCode) ?? fallback, message: error?.message ?? `HTTP ${res.status}` });
          return;
        }
        if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
        options.onConnection?.(true);
        delay = options.retryMs ?? 1000;
        await readStream(res.body, options.onMessage);
      } catch {
        if (closed) return;
      }
      if (closed) return;
      options.onConnection?.(false);
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 30_000);
    }
  };
  void run();
  return {
    close() {
      closed = true;
      controller.abort();
    },
  };
}

/** Parses an SSE byte stream into messages (the `event:`/`data:` subset the server sends). */
export async function readStream(body: ReadableStream<Uint8Array>, onMessage: (m: StreamMessage) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (data.length === 0) continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(data.join('\n'));
      } catch {
        continue;
      }
      if (event === 'roster') onMessage({ type: 'roster', roster: parsed as Roster });
      else onMessage({ type: 'event', event: parsed as MeetingEvent });
    }
  }
}
