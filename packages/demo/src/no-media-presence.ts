// Who is in a meeting when no media server runs: the demo follows each person's event stream (their
// page holds it open while they are in the lobby or the room) and keeps care-meet's state in line.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CareMeet, Logger, MeetingEvent } from '@care-meet/server-sdk';
import type { NoMediaRoomControl } from './no-media-room-control.js';

const EVENTS_PATH = /^\/meetings\/([A-Za-z0-9_-]{1,64})\/events$/;

/**
 * In LiveKit's place: LiveKit's webhooks tell care-meet who connected and who left. Without a media
 * server, a person's page holding the meeting's event stream (`GET …/events`, opened from the join
 * answer until they leave, are removed, the meeting ends or the tab closes) is what says they are
 * there. This counts those streams in the `NoMediaRoomControl`, and on every change runs care-meet's
 * own reconciliation against it, which stores what changed and publishes it (`participant-connected`,
 * `participant-disconnected`, `lobby-waiting`, `lobby-left`), so the meeting leader's roster and
 * lobby follow at once, as with LiveKit. A guest let in moves from the lobby to the room on the
 * `admitted` event.
 *
 * @example
 * const presence = new NoMediaPresence(careMeet, rooms);
 * createServer((req, res) => presence.handle(req, res, '/api', () => api(req, res)));
 */
export class NoMediaPresence {
  readonly #careMeet: CareMeet;
  readonly #rooms: NoMediaRoomControl;
  readonly #log: Logger | undefined;
  /** Changes are applied one after the other, per meeting (reconciliation reads, then writes). */
  readonly #queues = new Map<string, Promise<void>>();
  /** The meetings whose `admitted` events are followed: those with someone present. */
  readonly #following = new Map<string, () => void>();
  readonly #stop: () => void;

  constructor(careMeet: CareMeet, rooms: NoMediaRoomControl, options: { logger?: Logger } = {}) {
    this.#careMeet = careMeet;
    this.#rooms = rooms;
    this.#log = options.logger;
    this.#stop = rooms.onChange(({ meetingId }) => {
      this.#follow(meetingId);
      this.#apply(meetingId);
    });
  }

  /**
   * Passes an API request on (`next`, the care-meet handler). When it opens a participant's event
   * stream for their own meeting, that person counts as present while the stream stays open.
   * `basePath`: where the API is mounted.
   */
  async handle(req: IncomingMessage, res: ServerResponse, basePath: string, next: () => Promise<void>): Promise<void> {
    const path = (req.url ?? '').split('?')[0] ?? '';
    const meetingId = req.method === 'GET' && path.startsWith(`${basePath}/`) ? EVENTS_PATH.exec(path.slice(basePath.length))?.[1] : undefined;
    const token = meetingId ? /^Bearer (\S{1,512})$/.exec(req.headers.authorization ?? '')?.[1] : undefined;
    let participantId: string | null = null;
    if (meetingId && token) {
      try {
        const session = await this.#careMeet.sessionFromToken(token);
        if (session.meetingId === meetingId) participantId = session.participantId;
      } catch {
        // Not a participant's live session (the organizer key, an expired one): the handler answers it.
      }
    }
    await next();
    // Only a stream the handler opened, and that is still open, counts.
    if (!meetingId || !participantId || res.statusCode !== 200 || res.destroyed || res.writableEnded) return;
    const release = this.#rooms.hold(meetingId, participantId);
    res.once('close', release);
  }

  /** Resolves when every change so far has reached care-meet (for tests). */
  async settled(): Promise<void> {
    while (this.#queues.size > 0) await Promise.all([...this.#queues.values()]);
  }

  /** Stops following presence changes and events. */
  close(): void {
    this.#stop();
    for (const unsubscribe of this.#following.values()) unsubscribe();
    this.#following.clear();
  }

  /** While someone is present, a guest let in from the lobby moves to the room: follow `admitted`. */
  #follow(meetingId: string): void {
    if (!this.#following.has(meetingId)) {
      const unsubscribe = this.#careMeet.events.subscribe(meetingId, (event: MeetingEvent) => {
        if (event.type === 'admitted' && this.#rooms.isPresent(meetingId, event.participantId)) this.#apply(meetingId);
      });
      this.#following.set(meetingId, unsubscribe);
    }
  }

  #apply(meetingId: string): void {
    const previous = this.#queues.get(meetingId) ?? Promise.resolve();
    const next = previous.then(() => this.#reconcile(meetingId));
    this.#queues.set(meetingId, next);
    void next.finally(() => {
      if (this.#queues.get(meetingId) === next) this.#queues.delete(meetingId);
    });
  }

  async #reconcile(meetingId: string): Promise<void> {
    try {
      // care-meet's own reconciliation stores what changed and tells the event stream, as the
      // webhooks would have.
      await this.#careMeet.reconcile(meetingId);
    } catch (e) {
      this.#log?.warn('no-media presence not applied', { meetingId, error: e instanceof Error ? e.name : 'unknown' });
    }
    if (!this.#rooms.hasAnyone(meetingId)) {
      this.#following.get(meetingId)?.();
      this.#following.delete(meetingId);
    }
  }
}
