// The demo's stand-in for a media server's participant lists, when none runs (see media.ts): who
// is in a meeting's room or lobby is who has the meeting open in their page.
import type { LiveParticipant, MediaServerPermission, MeetingStore, Participant, RoomControl } from '@care-meet/server-sdk';

/** What `NoMediaRoomControl` reads of care-meet's store: the meeting of a room, and who is let in or removed. */
export type PresenceStore = Pick<MeetingStore, 'getMeetingByRoomName' | 'listParticipants'>;

/** A person's page came (`present`) or went for good: their place in the meeting may have changed. */
export interface PresenceChange {
  meetingId: string;
  participantId: string;
  present: boolean;
}

/** The room a present person is in: the meeting's once let in, its lobby while a guest waits. */
function placeOf(p: Participant): 'room' | 'lobby' | null {
  if (p.removedAt !== null) return null;
  if (p.admittedAt !== null) return 'room';
  // Only guests are sent to the lobby (decideJoin); anyone else who joins is let in at once.
  return p.identityKind === 'guest' ? 'lobby' : null;
}

/**
 * Room control when there is no media server: booking, identity, admission, the lobby, the
 * roster, removal and the end all run; sound, video and chat (LiveKit data messages) do not.
 *
 * Without LiveKit nobody's media connection says who is in a room, so this answers with who has
 * the meeting open: from a join answer on, a person's page holds the meeting's event stream until
 * they leave, are removed or the meeting ends (or the tab closes), and the demo counts each stream
 * with `hold` while it stays open. Someone let in is in the meeting's room; a guest not let in yet
 * is in its lobby; someone removed, or any meeting that has ended, is in neither. care-meet's own
 * reconciliation against `listParticipants` then keeps the lobby and the roster true (it used to
 * empty both, when this answered "nobody").
 *
 * A page that drops its stream gets `leaveGraceMs` to open it again (the element retries after a
 * second) before the person counts as gone.
 *
 * @example
 * const rooms = new NoMediaRoomControl(store);
 * rooms.onChange(({ meetingId }) => void careMeet.reconcile(meetingId));
 * const release = rooms.hold(meetingId, participantId); // while their event stream is open
 */
export class NoMediaRoomControl implements RoomControl {
  readonly #store: PresenceStore;
  readonly #leaveGraceMs: number;
  /** Open pages, per meeting and participant. */
  readonly #open = new Map<string, Map<string, number>>();
  readonly #listeners = new Set<(change: PresenceChange) => void>();

  constructor(store: PresenceStore, options: { leaveGraceMs?: number } = {}) {
    this.#store = store;
    this.#leaveGraceMs = options.leaveGraceMs ?? 3000;
  }

  /**
   * Counts `participantId` as having meeting `meetingId` open until the returned function is
   * called (more than once is harmless). Several pages of the same person count once.
   */
  hold(meetingId: string, participantId: string): () => void {
    let open = this.#open.get(meetingId);
    if (!open) this.#open.set(meetingId, (open = new Map()));
    const count = (open.get(participantId) ?? 0) + 1;
    open.set(participantId, count);
    if (count === 1) this.#emit({ meetingId, participantId, present: true });
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const drop = () => {
        const left = (open.get(participantId) ?? 1) - 1;
        if (left > 0) {
          open.set(participantId, left);
          return;
        }
        open.delete(participantId);
        if (open.size === 0 && this.#open.get(meetingId) === open) this.#open.delete(meetingId);
        this.#emit({ meetingId, participantId, present: false });
      };
      if (this.#leaveGraceMs > 0) setTimeout(drop, this.#leaveGraceMs).unref();
      else drop();
    };
  }

  /** Whether `participantId` has meeting `meetingId` open now. */
  isPresent(meetingId: string, participantId: string): boolean {
    return this.#open.get(meetingId)?.has(participantId) ?? false;
  }

  /** Whether anyone has meeting `meetingId` open now. */
  hasAnyone(meetingId: string): boolean {
    return this.#open.has(meetingId);
  }

  /** Calls `listener` when a person comes or goes. Returns the unsubscribe. */
  onChange(listener: (change: PresenceChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #emit(change: PresenceChange): void {
    for (const listener of [...this.#listeners]) listener(change);
  }

  /** Rooms need no creating: who is in one is worked out when asked. */
  async ensureRoom(): Promise<void> {}

  /** The meeting has ended by the time its rooms are deleted, and an ended meeting's rooms are empty. */
  async deleteRoom(): Promise<void> {}

  async listParticipants(room: string): Promise<LiveParticipant[]> {
    const meeting = await this.#store.getMeetingByRoomName(room);
    const open = meeting ? this.#open.get(meeting.id) : undefined;
    if (!meeting || !open || meeting.endedAt !== null) return [];
    const place = room === meeting.lobbyRoomName ? 'lobby' : 'room';
    return (await this.#store.listParticipants(meeting.id))
      .filter((p) => open.has(p.id) && placeOf(p) === place)
      .map((p) => ({ identity: p.id, name: p.typedName ?? p.name }));
  }

  /** A removed person's page closes its stream (it is told it was removed); until then they are in no room. */
  async removeParticipant(): Promise<void> {}
  async updatePermission(_room: string, _identity: string, _permission: MediaServerPermission): Promise<void> {}
  async stopEgress(): Promise<void> {}
}
