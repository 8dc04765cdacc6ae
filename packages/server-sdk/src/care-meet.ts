import { constantTimeEqual, randomId } from './crypto.js';
import type { CareMeetErrorCode } from './errors.js';
import type { MeetingEventBus } from './events.js';
import type { MessageLanguage } from './identity/messages.js';
import type { OidcCallbackOutcome } from './identity/oidc-callback-page.js';
import type { AuditEntry, Evaluation, Meeting, MeetingState, Participant, ProvenIdentity, Role, Session, SessionMethod, VerifyMethod } from './model.js';
import type { MeetingStore } from './store/meeting-store.js';
import { Booking } from './meeting/booking.js';
import { ChairActions } from './meeting/chair-actions.js';
import { MeetingContext, type Caller } from './meeting/context.js';
import { Evaluations, type EvaluationQuestion } from './meeting/evaluation.js';
import { Invitations } from './meeting/invitations.js';
import { Joining, type JoinResult } from './meeting/join.js';
import { checkCareMeetOptions, type CareMeetOptions } from './meeting/options.js';
import { Reconciliation } from './meeting/reconciliation.js';
import { RosterAndConsent, type ConsentView, type OwnStanding, type Roster } from './meeting/roster-and-consent.js';
import { Sessions, identityKeyOf, type SessionGrant } from './meeting/sessions.js';
import { participantView, type InviteView, type MeetingView, type ParticipantView } from './meeting/views.js';
import { Webhooks } from './meeting/webhooks.js';
import type { BookMeetingInput, ConsentInput, OidcStartInput, ParticipantInput, Parsed } from '@care-meet/protocol/schemas';

// The facade's types live beside the job they belong to; they are exported from here as before.
export type { Caller } from './meeting/context.js';
export type { EvaluationQuestion } from './meeting/evaluation.js';
export type { JoinResult } from './meeting/join.js';
export type { CareMeetOptions } from './meeting/options.js';
export type { ConsentView, OwnStanding, Roster, RosterEntry } from './meeting/roster-and-consent.js';
export type { SessionGrant } from './meeting/sessions.js';
export type { InviteView, MeetingView, ParticipantView } from './meeting/views.js';

/**
 * The server side of care-meet: books meetings, decides who joins, mints LiveKit tokens with
 * exactly the rights each person may have, controls rooms, takes LiveKit webhooks and keeps the
 * audit log. Every HTTP route is a thin layer over a method here, so a host can also call these
 * directly from its own backend.
 *
 * @example
 * ```ts
 * const careMeet = await CareMeet.create({
 *   store: new SqliteMeetingStore({ filename: 'care-meet.db' }),
 *   livekit: { url: 'ws://127.0.0.1:7880', apiKey: 'devkey', apiSecret: 'secret' },
 *   organizerKey: process.env.CARE_MEET_ORGANIZER_KEY!,
 * });
 * const booked = await careMeet.bookMeeting({ title: 'SIP-möte', startsAt, endsAt, participants });
 * ```
 */
export class CareMeet {
  readonly store: MeetingStore;
  /** Meeting events to the open streams: of every instance on the store when it is shared (PostgreSQL). */
  readonly events: MeetingEventBus;
  #closing: Promise<void> | null = null;
  /** What every job shares: the store, clock, policy, options, audit, events, rooms and keys. */
  readonly #ctx: MeetingContext;
  readonly #booking: Booking;
  readonly #sessions: Sessions;
  readonly #invitations: Invitations;
  readonly #joining: Joining;
  readonly #chair: ChairActions;
  readonly #reconciliation: Reconciliation;
  readonly #roster: RosterAndConsent;
  readonly #webhooks: Webhooks;
  readonly #evaluations: Evaluations;

  private constructor(options: CareMeetOptions, identitySecret: string) {
    this.#ctx = new MeetingContext(options, identitySecret);
    this.store = this.#ctx.store;
    this.events = this.#ctx.events;
    this.#booking = new Booking(this.#ctx);
    this.#sessions = new Sessions(this.#ctx);
    this.#invitations = new Invitations(this.#ctx, this.#sessions);
    this.#joining = new Joining(this.#ctx);
    this.#chair = new ChairActions(this.#ctx);
    this.#reconciliation = new Reconciliation(this.#ctx);
    this.#roster = new RosterAndConsent(this.#ctx, this.#reconciliation);
    this.#webhooks = new Webhooks(this.#ctx, this.#reconciliation);
    this.#evaluations = new Evaluations(this.#ctx);
  }

  /**
   * Creates the service. Checks the options (a `TypeError` names what is wrong) and loads or makes
   * the identity key.
   */
  static async create(options: CareMeetOptions): Promise<CareMeet> {
    checkCareMeetOptions(options);
    let secret = options.identitySecret;
    if (secret === undefined) secret = await options.store.initSetting('identity-secret', randomId('', 32));
    else if (secret.length < 32) throw new TypeError('CareMeet.create: identitySecret must be at least 32 characters');
    const careMeet = new CareMeet(options, secret);
    // Rooms a previous process was still deleting (LiveKit down when the meeting ended, a crash).
    try {
      // Listening to the other instances' events before serving any stream.
      await careMeet.events.start();
      await careMeet.#ctx.roomDeletions.resume();
    } catch (e) {
      await careMeet.close();
      throw e;
    }
    return careMeet;
  }

  /**
   * Stops the background work (room deletions still to retry stay in the store for the next
   * start, and their lease is given up for another instance to take at once) and closes the event
   * fan-out's connection. The store is the caller's to close, after this (closing it closes the
   * fan-out too). Resolves when done; never rejects.
   */
  close(): Promise<void> {
    this.#closing ??= this.#ctx.close();
    return this.#closing;
  }

  /** The LiveKit URL browsers connect to. */
  get livekitUrl(): string {
    return this.#ctx.livekitUrl;
  }

  /** The questions of the evaluation form (`evaluationQuestions`), none when not configured. */
  get evaluationQuestions(): EvaluationQuestion[] {
    return this.#evaluations.questions;
  }

  /** The time now on the service's clock (`clock`). */
  now(): Date {
    return this.#ctx.now();
  }

  // ---- who is calling ---------------------------------------------------------------------

  /** Checks an organizer bearer key. */
  isOrganizerKey(key: string): boolean {
    return constantTimeEqual(key, this.#ctx.options.organizerKey);
  }

  /** Resolves a session bearer token, or throws `UNAUTHENTICATED`. */
  sessionFromToken(token: string): Promise<Session> {
    return this.#sessions.sessionFromToken(token);
  }

  // ---- booking ----------------------------------------------------------------------------

  /**
   * Books a meeting: validates everything first, then stores the meeting, its registrations and one
   * invitation each in one transaction. The LiveKit room is created when the first person joins,
   * under the random name chosen here.
   *
   * `input` is the body of `POST /meetings` as parsed by its schema (`parseBookMeeting`; the HTTP
   * handler passes it so), or that body as JSON, which is then validated here first.
   */
  bookMeeting(input: Parsed<BookMeetingInput>): Promise<{ meeting: MeetingView; participants: Array<ParticipantView & { invite: InviteView }> }>;
  bookMeeting(input: unknown): Promise<{ meeting: MeetingView; participants: Array<ParticipantView & { invite: InviteView }> }>;
  bookMeeting(input: unknown): Promise<{ meeting: MeetingView; participants: Array<ParticipantView & { invite: InviteView }> }> {
    return this.#booking.bookMeeting(input);
  }

  /**
   * Registers one more participant in a booked meeting that has not ended. `input`: one
   * registration as parsed by its schema (`parseParticipant`), or as JSON, validated here first.
   */
  addParticipant(meetingId: string, input: Parsed<ParticipantInput>): Promise<ParticipantView & { invite: InviteView }>;
  addParticipant(meetingId: string, input: unknown): Promise<ParticipantView & { invite: InviteView }>;
  addParticipant(meetingId: string, input: unknown): Promise<ParticipantView & { invite: InviteView }> {
    return this.#booking.addParticipant(meetingId, input);
  }

  /** The keyed hash of a proven identity, as registrations are stored. */
  identityKeyOf(identity: ProvenIdentity): string {
    return identityKeyOf(this.#ctx.identitySecret, identity);
  }

  // ---- views ------------------------------------------------------------------------------

  meetingView(m: Meeting): MeetingView {
    return this.#ctx.meetingView(m);
  }

  participantView(p: Participant): ParticipantView {
    return participantView(p);
  }

  /**
   * The meeting as the organizer or its chair sees it: the meeting, the registrations and their live
   * state. Anyone else on the list, with their own session, gets only the meeting and where they
   * stand in it (`OwnStanding`): the elements read it before the device check, so a person who
   * opens an ended meeting is told at once, and one who has sent the evaluation is not asked again.
   */
  getMeeting(meetingId: string, caller: Caller): Promise<Roster | OwnStanding> {
    return this.#roster.getMeeting(meetingId, caller);
  }

  // ---- sessions ---------------------------------------------------------------------------

  /**
   * Turns an identity the host has already proven (its own 1177 or SITHS login) into a session,
   * when it matches a registration of the meeting exactly. Otherwise `IDENTITY_MISMATCH`, audited.
   */
  vouchSession(meetingId: string, identity: ProvenIdentity, method: SessionMethod): Promise<SessionGrant> {
    return this.#sessions.vouchSession(meetingId, identity, method);
  }

  /**
   * Creates a session for a registration whose identity has been proven (or, for a guest, whose
   * invitation has been redeemed). Used by the identity routes.
   */
  createSession(meeting: Meeting, participant: Participant, method: SessionMethod, provenKey: string | null, actor: string): Promise<SessionGrant> {
    return this.#sessions.createSession(meeting, participant, method, provenKey, actor);
  }

  // ---- invitations ------------------------------------------------------------------------

  /**
   * What an invitation is for and how its holder proves who they are. Every bad link gets the same
   * `NOT_FOUND`; expired, used and ended ones say so (only the holder of a real secret learns that).
   */
  inspectInvitation(token: string): Promise<{
    meeting: { id: string; startsAt: string; state: MeetingState };
    participant: { id: string; name: string; role: Role };
    verify: VerifyMethod;
  }> {
    return this.#invitations.inspectInvitation(token);
  }

  /**
   * Redeems an e-mail guest's invitation with the name they type: once, atomically (two parallel
   * redemptions cannot both win). The typed name is shown to the chair beside the registered one.
   */
  redeemInvitationWithName(token: string, typedName: unknown): Promise<SessionGrant> {
    return this.#invitations.redeemInvitationWithName(token, typedName);
  }

  /**
   * Sends an SMS one-time code for a phone guest's invitation: six digits, valid ten minutes,
   * stored only as an HMAC; at most 3 codes per 10 minutes and 10 in all per invitation
   * (`RATE_LIMITED`). The SMS holds the code and the time it is valid to, nothing else, in `lang`
   * (the language the person asking reads; default the deployment's).
   */
  sendSmsCode(token: string, lang?: MessageLanguage | null): Promise<{ to: string; expiresAt: string }> {
    return this.#invitations.sendSmsCode(token, lang);
  }

  /**
   * Redeems a phone guest's invitation with the SMS code (and, optionally, the name they type for
   * the chair to see): once, atomically with the code check, so of parallel tries exactly one wins.
   * Wrong: `CODE_INVALID` with the tries left; expired: `CODE_EXPIRED`; tries spent: `RATE_LIMITED`.
   */
  redeemInvitationWithCode(token: string, codeInput: unknown, typedName?: unknown): Promise<SessionGrant> {
    return this.#invitations.redeemInvitationWithCode(token, codeInput, typedName);
  }

  /**
   * Starts proving an invitation's identity at the identity provider (`bankid`, `siths`, `mitid`):
   * validates `{returnTo, display?}`, stores the state, nonce and PKCE verifier for ten minutes,
   * and answers the authorization URL to send the browser to. `binding` is the browser's binding
   * cookie when it sent one; the answer's `binding` is the cookie to set (null when not binding).
   * `body` as parsed by the route's schema (the HTTP handler's), or as JSON, validated here first.
   */
  startOidcLogin(token: string, body: Parsed<OidcStartInput>, binding?: string | null): Promise<{ authorizationUrl: string; binding: string | null }>;
  startOidcLogin(token: string, body: unknown, binding?: string | null): Promise<{ authorizationUrl: string; binding: string | null }>;
  startOidcLogin(token: string, body: unknown, binding: string | null = null): Promise<{ authorizationUrl: string; binding: string | null }> {
    return this.#invitations.startOidcLogin(token, body, binding);
  }

  /**
   * Finishes an identity-provider login from its callback's query: takes the pending login (once),
   * verifies the IdP's answer (rule 11), compares the proven identity with the registration, and
   * redeems the invitation into a session. Refusals are audited (never with the identity) and
   * answered as the outcome's error. `null` when the state is unknown, used or missing.
   */
  finishOidcLogin(params: URLSearchParams, binding: string | null = null): Promise<OidcCallbackOutcome | null> {
    return this.#invitations.finishOidcLogin(params, binding);
  }

  // ---- joining ----------------------------------------------------------------------------

  /**
   * Decides a join for a session and acts on it: a token for the meeting's room, a token for the
   * lobby room only, or a refusal (audited, with its code).
   */
  join(session: Session): Promise<JoinResult> {
    return this.#joining.join(session);
  }

  /**
   * `join` for a bearer token: the session, its meeting and its registration in one store read
   * (the hot path of every join).
   */
  joinWithToken(token: string): Promise<JoinResult> {
    return this.#joining.joinWithToken(token);
  }

  // ---- the chair's actions ----------------------------------------------------------------

  /**
   * The chair admits a registration: a lobby guest, or someone removed earlier. Audited. The
   * guest's lobby connection loses its rights at once; the guest then joins the meeting's room.
   */
  admit(meetingId: string, participantId: string, caller: Caller): Promise<{ participantId: string; admittedAt: string }> {
    return this.#chair.admit(meetingId, participantId, caller);
  }

  /**
   * The chair removes a registration (or turns a lobby guest away). "Removed" is stored before the
   * media server is asked to disconnect them, so a race cannot let them back in.
   */
  remove(meetingId: string, participantId: string, caller: Caller): Promise<{ participantId: string; removedAt: string }> {
    return this.#chair.remove(meetingId, participantId, caller);
  }

  /**
   * Ends the meeting for everyone: stored first, with its audit entry and the request to delete
   * both LiveKit rooms (no token is minted for it again, ever), then the rooms are deleted, which
   * disconnects everybody. Should LiveKit not delete them within `roomDeletionRetry.attemptTimeoutMs`,
   * `LIVEKIT_UNAVAILABLE` is thrown and they are deleted in the background, retried until LiveKit
   * has, after a restart too. Ending twice is harmless.
   */
  end(meetingId: string, caller: Caller): Promise<{ meeting: MeetingView }> {
    return this.#chair.end(meetingId, caller);
  }

  // ---- roster and consent -----------------------------------------------------------------

  /** Registered against connected, the lobby, no-shows and strangers, for the organizer or the chair. */
  roster(meetingId: string, caller: Caller): Promise<Roster> {
    return this.#roster.roster(meetingId, caller);
  }

  /**
   * Records the individual's consent to the meeting and to its list: by herself (`how: "self"`,
   * her session) or by the chair or organizer, to whom she gave it (`verbal`, `written`).
   * `participantIds` is the list she agreed to; when the meeting's list is no longer exactly that
   * (someone added or removed meanwhile), nothing is stored and `PARTICIPANTS_CHANGED` says to show
   * it again. Audited; the chair's roster shows it. It does not stop anyone from joining.
   * `input` as parsed by its schema (`parseConsent`, the HTTP handler's), or as JSON, validated here first.
   */
  recordConsent(meetingId: string, input: Parsed<ConsentInput>, caller: Caller): Promise<{ consent: ConsentView }>;
  recordConsent(meetingId: string, input: unknown, caller: Caller): Promise<{ consent: ConsentView }>;
  recordConsent(meetingId: string, input: unknown, caller: Caller): Promise<{ consent: ConsentView }> {
    return this.#roster.recordConsent(meetingId, input, caller);
  }

  /**
   * What the individual is asked to consent to: the consent in force and the list (name and role of
   * everyone not removed; no identities). For her own session, the chair's, or the organizer.
   */
  consentRequest(meetingId: string, caller: Caller): Promise<{ consent: ConsentView; participants: Array<{ id: string; name: string; role: Role }> }> {
    return this.#roster.consentRequest(meetingId, caller);
  }

  /** Records that the individual withdrew her consent (her session, the chair's or the organizer's). Audited. */
  withdrawConsent(meetingId: string, caller: Caller): Promise<{ consent: ConsentView }> {
    return this.#roster.withdrawConsent(meetingId, caller);
  }

  // ---- webhooks and reconciliation --------------------------------------------------------

  /** Brings the stored connection state in line with LiveKit's participant lists. */
  reconcile(meetingId: string): Promise<void> {
    return this.#reconciliation.reconcile(meetingId);
  }

  /**
   * Takes one LiveKit webhook: verifies its signature over the raw body, acts on it (attendance; an
   * ended meeting's room showing life is deleted again; a started egress is stopped) and only then
   * counts its event id as handled, so a delivery of it again changes nothing. A delivery whose
   * action failed (LiveKit unreachable: `LIVEKIT_UNAVAILABLE`, which LiveKit retries) or whose
   * process died leaves the event to the next delivery. Unsigned or mis-signed: `UNAUTHENTICATED`,
   * nothing changes.
   */
  handleWebhook(rawBody: string, authorization: string | null): Promise<{ duplicate: boolean; event: string }> {
    return this.#webhooks.handleWebhook(rawBody, authorization);
  }

  // ---- after the meeting ------------------------------------------------------------------

  /** Stores one participant's evaluation once the meeting has ended. One answer each. */
  submitEvaluation(session: Session, meetingId: string, answersInput: unknown): Promise<{ submittedAt: string }> {
    return this.#evaluations.submitEvaluation(session, meetingId, answersInput);
  }

  /** The meeting's audit log (`NOT_FOUND` for no such meeting). */
  async audit(meetingId: string): Promise<AuditEntry[]> {
    await this.#ctx.meeting(meetingId);
    return this.store.listAudit(meetingId);
  }

  /** The evaluations sent for the meeting (`NOT_FOUND` for no such meeting). */
  evaluations(meetingId: string): Promise<Evaluation[]> {
    return this.#evaluations.evaluations(meetingId);
  }

  // ---- audit ------------------------------------------------------------------------------

  /** Records a decision made outside this class (the identity routes) in the audit log. */
  recordAudit(
    meetingId: string,
    action: string,
    actor: string,
    participantId: string | null,
    outcome: 'ok' | 'refused',
    code: CareMeetErrorCode | null,
    details: Record<string, string | number | boolean | null> = {},
  ): Promise<void> {
    return this.#ctx.audit(meetingId, action, actor, participantId, outcome, code, details);
  }
}
