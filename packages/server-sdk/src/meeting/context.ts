import { DEFAULT_ADMISSION_POLICY, type AdmissionPolicy } from '../admission/decide.js';
import { randomId } from '../crypto.js';
import { MeetingKeySealer } from '../e2ee/meeting-keys.js';
import { CareMeetError } from '../errors.js';
import { MeetingEventBus, type MeetingEvent } from '../events.js';
import { defaultMessageTimeZone, type MessageLanguage } from '../identity/messages.js';
import { LiveKitRoomControl, type RoomControl } from '../livekit/room-control.js';
import { RoomDeletions } from '../livekit/room-deletions.js';
import { silentLogger, type Logger } from '../logger.js';
import type { Meeting, NewAuditEntry, Participant, Session } from '../model.js';
import type { MeetingStore, RoomToDelete } from '../store/meeting-store.js';
import { auditEntry, type AuditArgs } from './audit.js';
import type { CareMeetOptions } from './options.js';
import { meetingView, type MeetingView } from './views.js';
import { makeBodySchemas, type BodySchemas } from '@care-meet/protocol/schemas';

/** Who is calling: the organizer key, or a participant's session. */
export type Caller = { kind: 'organizer' } | { kind: 'session'; session: Session };

/**
 * What every job of `CareMeet` shares: the store, the clock, the admission policy, the options,
 * the audit log, the event bus, the LiveKit rooms and the meetings' keys. `CareMeet` makes one and
 * hands it to one module per job (booking, identity, join, the chair's actions, roster and consent,
 * webhooks and reconciliation, evaluation).
 */
export class MeetingContext {
  readonly store: MeetingStore;
  readonly options: CareMeetOptions;
  readonly identitySecret: string;
  readonly policy: AdmissionPolicy;
  /** Lifetime of minted LiveKit tokens, in seconds. */
  readonly tokenTtl: number;
  readonly log: Logger;
  /** This instance's name on the store's leases. */
  readonly instanceId = randomId('ci_', 16);
  /** Meeting events to the open streams: of every instance on the store when it is shared (PostgreSQL). */
  readonly events: MeetingEventBus;
  readonly rooms: RoomControl;
  /** Deletes ended meetings' rooms, retrying in the background until LiveKit has. */
  readonly roomDeletions: RoomDeletions;
  /** Rooms known to exist on LiveKit until `until`; `pending` is a CreateRoom every join in flight shares. */
  readonly roomEnsured = new Map<string, { until: number; pending: Promise<void> | null }>();
  /** Meetings this instance has ended: checked again after a room was created, to close a race. */
  readonly endedHere = new Set<string>();
  /** Seals and opens the meetings' E2EE keys; null when the deployment has no key (no E2EE). */
  readonly meetingKeys: MeetingKeySealer | null;
  readonly messageLanguage: MessageLanguage;
  readonly messageTimeZone: string;
  readonly #clock: () => Date;
  /** The request bodies' schemas (the protocol's), judging times and identity numbers by this clock. */
  readonly bodies: BodySchemas;

  constructor(options: CareMeetOptions, identitySecret: string) {
    this.options = options;
    this.store = options.store;
    this.identitySecret = identitySecret;
    this.rooms =
      options.roomControl ??
      new LiveKitRoomControl({
        url: options.livekit.url,
        apiKey: options.livekit.apiKey,
        apiSecret: options.livekit.apiSecret,
        ...(options.roomLimits ? { limits: options.roomLimits } : {}),
      });
    this.events = new MeetingEventBus({ fanOut: options.store.openEventFanOut?.({ logger: options.logger ?? silentLogger }) });
    this.roomDeletions = new RoomDeletions({
      holder: this.instanceId,
      store: this.store,
      rooms: this.rooms,
      log: options.logger ?? silentLogger,
      ...(options.roomDeletionRetry ? { retry: options.roomDeletionRetry } : {}),
      deleted: (room, tries) => this.#roomDeletedLater(room, tries),
    });
    this.policy = { ...DEFAULT_ADMISSION_POLICY, ...options.admission };
    this.tokenTtl = options.tokenTtlSeconds ?? 60;
    this.#clock = options.clock ?? (() => new Date());
    this.bodies = makeBodySchemas({ now: () => this.now() });
    this.log = options.logger ?? silentLogger;
    this.meetingKeys = options.e2ee ? new MeetingKeySealer(options.e2ee.keyEncryptionKey) : null;
    this.messageLanguage = options.messageLanguage ?? 'sv';
    this.messageTimeZone = options.messageTimeZone ?? defaultMessageTimeZone(this.messageLanguage);
  }

  now(): Date {
    return this.#clock();
  }

  /**
   * Stops the room deletions' background work (what is left stays in the store) and closes the
   * event fan-out. Never rejects.
   */
  close(): Promise<void> {
    return Promise.all([this.roomDeletions.close(), this.events.close().catch(() => {})]).then(() => {});
  }

  /** The LiveKit URL browsers connect to. */
  get livekitUrl(): string {
    return this.options.livekit.publicUrl ?? this.options.livekit.url;
  }

  /** The meeting, or `NOT_FOUND` (an id of an impossible length is not looked up at all). */
  async meeting(id: string): Promise<Meeting> {
    const m = typeof id === 'string' && id.length <= 64 ? await this.store.getMeeting(id) : null;
    if (!m) throw new CareMeetError('NOT_FOUND', 'no such meeting');
    return m;
  }

  /** Who is calling about `meeting`: the organizer, or the registration behind a session of that meeting. */
  async actor(meeting: Meeting, caller: Caller): Promise<Participant | 'organizer'> {
    if (caller.kind === 'organizer') return 'organizer';
    if (caller.session.meetingId !== meeting.id) throw new CareMeetError('FORBIDDEN', 'this session belongs to another meeting');
    const p = await this.store.getParticipant(caller.session.participantId);
    if (!p) throw new CareMeetError('UNAUTHENTICATED', 'the registration no longer exists');
    return p;
  }

  meetingView(m: Meeting): MeetingView {
    return meetingView(m, this.now(), this.policy);
  }

  /** When the meeting closes for good: its end and the policy's grace after it. */
  closesAt(meeting: Meeting): Date {
    return new Date(meeting.endsAt.getTime() + this.policy.closeAfterEndMs);
  }

  async audit(...entry: AuditArgs): Promise<void> {
    await this.store.appendAudit(this.entry(...entry));
  }

  /** An audit entry, to append on its own (`audit`) or to store with the change it documents. */
  entry(...entry: AuditArgs): NewAuditEntry {
    return auditEntry(this.now(), ...entry);
  }

  publish(meetingId: string, event: MeetingEvent): void {
    this.events.publish(meetingId, event);
  }

  /** A room of an ended meeting that LiveKit had not deleted when asked is gone now: audited. */
  async #roomDeletedLater(room: RoomToDelete, tries: number): Promise<void> {
    const meeting = await this.store.getMeeting(room.meetingId);
    const which = meeting?.lobbyRoomName === room.roomName ? 'lobby' : 'main';
    await this.audit(room.meetingId, 'room.deleted', 'server', null, 'ok', null, { reason: 'meeting ended', room: which, retried: true, tries });
  }
}
