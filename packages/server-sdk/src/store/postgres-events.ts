// Meeting events between the care-meet instances that share one PostgreSQL database, through
// LISTEN/NOTIFY: each instance listens on a connection of its own and sends through the store's
// pool. PostgreSQL delivers a notification to every session listening on the channel, in commit
// order, and a NOTIFY sent inside a transaction only once it commits.
import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import type { ClientConfig, Notification, Pool } from 'pg';
import type { MeetingEvent, MeetingEventFanOut, MeetingEventResyncListener } from '../events.js';
import type { Logger } from '../logger.js';

/**
 * The largest payload PostgreSQL's NOTIFY takes is 7999 bytes (8000 is refused). An event is a
 * couple of hundred bytes; a larger one (a stranger's very long name) is not shared as it is: the
 * other instances are told to read that meeting again instead, and the error is logged.
 */
export const NOTIFY_PAYLOAD_LIMIT = 7999;

/**
 * The channel of the care-meet deployment whose tables are in `schema`: channels are per database,
 * not per schema, so deployments (or tests) sharing a database in schemas of their own must not
 * hear each other. `public` keeps the plain name.
 */
export function eventChannelFor(schema: string): string {
  if (schema === 'public') return 'care_meet_events';
  return `care_meet_events_${createHash('sha256').update(schema).digest('hex').slice(0, 16)}`;
}

/** How the LISTEN connection is kept (tests shorten the waits). */
export interface EventChannelTimings {
  /** Wait before the first attempt to connect again after the connection was lost, in ms. Default 100. */
  reconnectFirstMs?: number;
  /** The longest wait between two attempts; the wait doubles up to it. Default 5000. */
  reconnectMaxMs?: number;
  /** How often the idle connection is checked (a half-open TCP connection says nothing). Default 15 000. */
  pingEveryMs?: number;
  /** A check unanswered after this long counts as a lost connection. Default 5000. */
  pingTimeoutMs?: number;
}

const DEFAULT_TIMINGS: Required<EventChannelTimings> = { reconnectFirstMs: 100, reconnectMaxMs: 5000, pingEveryMs: 15_000, pingTimeoutMs: 5000 };

/** What travels in a notification: the sender, its sequence number, the meeting, and the event or a request to read again. */
interface Payload {
  v: 1;
  /** The sending instance's random id: an instance skips its own events (its bus delivered them already). */
  o: string;
  /** Per sender, increasing: no two payloads are equal (PostgreSQL folds equal ones of one transaction into one). */
  n: number;
  m: string;
  e?: MeetingEvent;
  /** Set instead of `e` for an event too large to send: read the meeting again. */
  r?: true;
}

function isPayload(p: unknown): p is Payload {
  if (typeof p !== 'object' || p === null) return false;
  const o = p as Record<string, unknown>;
  if (o.v !== 1 || typeof o.o !== 'string' || typeof o.m !== 'string' || typeof o.n !== 'number') return false;
  if (o.r === true) return true;
  const e = o.e as Record<string, unknown> | undefined;
  return typeof e === 'object' && e !== null && typeof e.type === 'string' && typeof e.at === 'string';
}

/**
 * The PostgreSQL fan-out of one `MeetingEventBus` (`PostgresMeetingStore.openEventFanOut`).
 * Publishing queues the event and sends what is queued in one statement at a time, so events leave
 * in the order they were published. The LISTEN connection is made again whenever it is lost (the
 * server restarted, the backend was terminated, the network dropped); once it is back, the bus is
 * told to resync (events sent meanwhile were missed), and so is the log.
 */
export class PostgresEventFanOut implements MeetingEventFanOut {
  /** This instance's id in the payloads. */
  readonly origin = randomBytes(9).toString('base64url');
  readonly #pool: Pool;
  readonly #clientConfig: ClientConfig;
  readonly #channel: string;
  readonly #log: Logger;
  readonly #timings: Required<EventChannelTimings>;
  readonly #onClosed: () => void;
  #deliver: (meetingId: string, event: MeetingEvent) => void = () => {};
  #resync: MeetingEventResyncListener = () => {};
  #seq = 0;
  #queue: string[] = [];
  #sending: Promise<void> | null = null;
  #client: pg.Client | null = null;
  #pid: number | null = null;
  #connecting: Promise<void> | null = null;
  #reconnectTimer: NodeJS.Timeout | null = null;
  #pingTimer: NodeJS.Timeout | null = null;
  #failures = 0;
  #closed: Promise<void> | null = null;
  /** How many times the LISTEN connection was made again after it was lost (metrics, tests). */
  reconnects = 0;

  constructor(options: { pool: Pool; client: ClientConfig; channel: string; logger: Logger; timings?: EventChannelTimings; onClosed?: () => void }) {
    this.#pool = options.pool;
    this.#clientConfig = options.client;
    this.#channel = options.channel;
    this.#log = options.logger;
    this.#timings = { ...DEFAULT_TIMINGS, ...options.timings };
    this.#onClosed = options.onClosed ?? (() => {});
  }

  /** The channel it listens and sends on. */
  get channel(): string {
    return this.#channel;
  }

  /** Whether the LISTEN connection is up now. */
  get listening(): boolean {
    return this.#client !== null;
  }

  /** The LISTEN connection's backend (`pg_stat_activity.pid`), or null while it is down. */
  get listenerPid(): number | null {
    return this.#client ? this.#pid : null;
  }

  async start(deliver: (meetingId: string, event: MeetingEvent) => void, resync: MeetingEventResyncListener): Promise<void> {
    if (this.#closed) throw new Error('PostgresEventFanOut: closed');
    this.#deliver = deliver;
    this.#resync = resync;
    await this.#connect();
  }

  publish(meetingId: string, event: MeetingEvent): void {
    if (this.#closed) {
      this.#log.warn('meeting event not shared with other instances: the event channel is closed', { meetingId, type: event.type });
      return;
    }
    const n = ++this.#seq;
    let payload = JSON.stringify({ v: 1, o: this.origin, n, m: meetingId, e: event } satisfies Payload);
    const bytes = Buffer.byteLength(payload);
    if (bytes > NOTIFY_PAYLOAD_LIMIT) {
      this.#log.error('meeting event too large for PostgreSQL NOTIFY: the other instances are told to read the meeting again', {
        code: 'EVENT_TOO_LARGE',
        meetingId,
        type: event.type,
        bytes,
        limit: NOTIFY_PAYLOAD_LIMIT,
      });
      payload = JSON.stringify({ v: 1, o: this.origin, n, m: meetingId, r: true } satisfies Payload);
    }
    this.#queue.push(payload);
    this.#sending ??= this.#send();
  }

  close(): Promise<void> {
    this.#closed ??= (async () => {
      if (this.#reconnectTimer) clearTimeout(this.#reconnectTimer);
      if (this.#pingTimer) clearInterval(this.#pingTimer);
      // What was published before the close still goes out.
      await this.#sending;
      await this.#connecting?.catch(() => {});
      const client = this.#client;
      this.#client = null;
      await client?.end().catch(() => {});
      this.#onClosed();
    })();
    return this.#closed;
  }

  /** Sends the queue, one statement per batch: a batch is one transaction, its notifications delivered in order. */
  async #send(): Promise<void> {
    while (this.#queue.length > 0) {
      const batch = this.#queue;
      this.#queue = [];
      try {
        // unnest yields the array's elements in order, and pg_notify is called once per row.
        await this.#pool.query('SELECT count(pg_notify($1, p)) FROM unnest($2::text[]) AS p', [this.#channel, batch]);
      } catch (e) {
        // The database is unreachable: the other instances' LISTEN connections are most likely cut
        // too, and they resync once back. Said loudly, so a lasting fault is seen.
        this.#log.error('meeting events not shared with other instances', { events: batch.length, error: e instanceof Error ? e.message : String(e) });
      }
    }
    this.#sending = null;
  }

  #connect(): Promise<void> {
    const connecting = (async () => {
      const client = new pg.Client(this.#clientConfig);
      client.on('notification', (message) => this.#onNotification(message));
      client.on('error', (e) => this.#lost(client, e));
      client.on('end', () => this.#lost(client, null));
      try {
        await client.connect();
        await client.query(`LISTEN "${this.#channel}"`);
        this.#pid = Number((await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid);
      } catch (e) {
        await client.end().catch(() => {});
        throw e;
      }
      if (this.#closed) {
        await client.end().catch(() => {});
        return;
      }
      this.#client = client;
      this.#pingTimer = setInterval(() => this.#ping(client), this.#timings.pingEveryMs);
      this.#pingTimer.unref();
    })();
    this.#connecting = connecting;
    return connecting.finally(() => {
      if (this.#connecting === connecting) this.#connecting = null;
    });
  }

  #ping(client: pg.Client): void {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), this.#timings.pingTimeoutMs);
      timer.unref();
    });
    void Promise.race([client.query('SELECT 1').then(() => 'ok' as const), late])
      .then(
        (answer) => {
          // A connection that does not answer is ended (end() destroys the socket under a query
          // in flight); its 'end' makes it again.
          if (answer === 'late' && this.#client === client) void client.end().catch(() => {});
        },
        () => {
          // The connection failed: its 'error' or 'end' says so.
        },
      )
      .finally(() => clearTimeout(timer));
  }

  #lost(client: pg.Client, error: Error | null): void {
    if (this.#client !== client) return;
    this.#client = null;
    if (this.#pingTimer) clearInterval(this.#pingTimer);
    this.#pingTimer = null;
    if (this.#closed) return;
    this.#log.warn('event channel to the other instances lost; connecting again', { error: error?.message ?? 'connection ended' });
    this.#scheduleReconnect();
  }

  #scheduleReconnect(): void {
    if (this.#closed || this.#reconnectTimer) return;
    const wait = Math.min(this.#timings.reconnectMaxMs, this.#timings.reconnectFirstMs * 2 ** this.#failures);
    this.#reconnectTimer = setTimeout(
      () => {
        this.#reconnectTimer = null;
        void this.#reconnect();
      },
      Math.round(wait * (0.8 + Math.random() * 0.4)),
    );
    this.#reconnectTimer.unref();
  }

  async #reconnect(): Promise<void> {
    if (this.#closed) return;
    try {
      await this.#connect();
    } catch (e) {
      this.#failures++;
      if (this.#failures === 1 || this.#failures % 10 === 0) {
        this.#log.warn('event channel still down; trying again', { failures: this.#failures, error: e instanceof Error ? e.message : String(e) });
      }
      this.#scheduleReconnect();
      return;
    }
    if (this.#closed) return;
    this.#failures = 0;
    this.reconnects++;
    // Events sent while it was down were missed: the streams read the meetings again.
    this.#log.warn('event channel to the other instances back; events sent while it was down were missed, streams are told to resync', {
      reconnects: this.reconnects,
    });
    this.#resync(null);
  }

  #onNotification(message: Notification): void {
    // Not gated on `client === this.#client`: a notification may arrive in the same read as the
    // answer to LISTEN, before the connection is recorded. Only one connection listens at a time.
    if (this.#closed || message.channel !== this.#channel) return;
    let payload: unknown;
    try {
      payload = JSON.parse(message.payload ?? '');
    } catch {
      payload = null;
    }
    if (!isPayload(payload)) {
      this.#log.warn('unreadable notification on the event channel ignored', { channel: this.#channel });
      return;
    }
    if (payload.o === this.origin) return;
    if (payload.r === true) {
      this.#log.warn("another instance published an event too large to share; the meeting's streams are told to resync", { meetingId: payload.m });
      this.#resync(payload.m);
      return;
    }
    this.#deliver(payload.m, payload.e!);
  }
}
