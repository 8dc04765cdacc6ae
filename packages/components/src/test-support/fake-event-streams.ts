const encoder = new TextEncoder();

const frame = (event: string, data: unknown): Uint8Array => encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);

/**
 * The open event streams of a fake API (`GET …/events`): each request gets a `text/event-stream`
 * answer that stays open until the client aborts it; `send` writes one event down all of them.
 */
export class FakeEventStreams {
  readonly #streams = new Set<ReadableStreamDefaultController<Uint8Array>>();

  /** How many streams are open now. */
  get open(): number {
    return this.#streams.size;
  }

  /** A new stream's answer, starting with `first` (an event and its data) when given. */
  response(signal: AbortSignal | null | undefined, first?: { event: string; data: unknown }): Response {
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>({
      start: (c) => {
        controller = c;
        this.#streams.add(c);
        if (first) c.enqueue(frame(first.event, first.data));
      },
      cancel: () => {
        this.#streams.delete(controller);
      },
    });
    signal?.addEventListener('abort', () => {
      this.#streams.delete(controller);
      try {
        controller.error(new DOMException('aborted', 'AbortError'));
      } catch {
        // already closed
      }
    });
    return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
  }

  /** Sends one event down every open stream. */
  send(event: string, data: unknown): void {
    const bytes = frame(event, data);
    for (const stream of this.#streams) stream.enqueue(bytes);
  }

  /** Ends every open stream (the server going away, or a test's clean-up). */
  closeAll(): void {
    for (const stream of this.#streams) {
      try {
        stream.close();
      } catch {
        // already closed
      }
    }
    this.#streams.clear();
  }
}
