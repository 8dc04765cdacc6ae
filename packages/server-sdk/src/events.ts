import type { Role } from './model.js';

/** What happened in a meeting, as the event stream tells it. Never carries a token or a personal id. */
export type MeetingEvent =
  | { type: 'participant-connected'; participantId: string; at: string }
  | { type: 'participant-disconnected'; participantId: string; at: string }
  | { type: 'lobby-waiting'; participantId: string; at: string }
  | { type: 'lobby-left'; participantId: string; at: string }
  | { type: 'admitted'; participantId: string; at: string }
  | { type: 'removed'; participantId: string; at: string }
  | { type: 'stranger-connected'; identity: string; name: string; at: string }
  | { type: 'stranger-disconnected'; identity: string; at: string }
  | { type: 'participant-added'; participantId: string; at: string }
  | { type: 'consent'; state: 'given' | 'withdrawn'; at: string }
  | { type: 'ended'; at: string };

export type MeetingEventListener = (event: MeetingEvent) => void;

/**
 * In-process fan-out of meeting events to the open event streams of this backend instance.
 * (Several instances behind a load balancer would feed this from PostgreSQL LISTEN/NOTIFY.)
 */
export class MeetingEventBus {
  readonly #listeners = new Map<string, Set<MeetingEventListener>>();

  subscribe(meetingId: string, listener: MeetingEventListener): () => void {
    let set = this.#listeners.get(meetingId);
    if (!set) {
      set = new Set();
      this.#listeners.set(meetingId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.#listeners.delete(meetingId);
    };
  }

  /** How many streams listen to a meeting now (operators' metrics, and tests of stream cleanup). */
  listenerCount(meetingId: string): number {
    return this.#listeners.get(meetingId)?.size ?? 0;
  }

  publish(meetingId: string, event: MeetingEvent): void {
    for (const listener of this.#listeners.get(meetingId) ?? []) {
      try {
        listener(event);
      } catch {
        // A broken stream must not stop the others.
      }
    }
  }
}

/**
 * Told to the individual on her own stream when what she is asked to consent to changed: someone was
 * added to the list or removed from it, or her consent was recorded or withdrawn. It says nothing of
 * whom: she reads the request again (`GET /meetings/{id}/consent`).
 */
export type ConsentRequestEvent = { type: 'consent-request'; at: string };

/** What a participant's own stream (anyone's but the chair's) may carry. */
export type ParticipantStreamEvent = MeetingEvent | ConsentRequestEvent;

/** True when a participant's own stream may carry this event: events about them, and the end. */
export function concernsParticipant(event: MeetingEvent, participantId: string): boolean {
  if (event.type === 'ended') return true;
  return 'participantId' in event && event.participantId === participantId;
}

/**
 * What a participant's own stream carries for an event: the event when it concerns them; for the
 * individual, a `consent-request` when the event changed what she is asked to consent to; else nothing.
 * Never another person's id: a participant's stream carries only events about itself.
 */
export function forParticipant(event: MeetingEvent, participant: { id: string; role: Role }): ParticipantStreamEvent | null {
  if (concernsParticipant(event, participant.id)) return event;
  if (participant.role !== 'individual') return null;
  if (event.type === 'participant-added' || event.type === 'removed' || event.type === 'consent') return { type: 'consent-request', at: event.at };
  return null;
}
