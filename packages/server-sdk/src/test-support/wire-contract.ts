/**
 * The server's answers against the wire types the elements read (`@care-meet/protocol/wire`),
 * checked by the compiler (`pnpm run typecheck`; nothing here runs). The server keeps its own,
 * narrower types (a `JoinResult` it builds, the events its bus carries); each must fit the wire
 * type it is sent as, and the closed sets of names (roles, identity kinds, methods, states) must be
 * the same on both sides: a role or method one side has and the other lacks fails here.
 */
import type * as Wire from '@care-meet/protocol/wire';
import type { ConsentView, EvaluationQuestion, JoinResult, MeetingView, OwnStanding, Roster, RosterEntry, SessionGrant } from '../care-meet.js';
import type { MeetingEvent, ParticipantStreamEvent } from '../events.js';
import type { ConsentHow, DialIn, IdentityKind, MeetingState, Role, VerifyMethod } from '../model.js';
import type { OidcMethod } from '../store/meeting-store.js';

/** `true` when every `A` is a `B`; otherwise a message the compiler prints. */
type Fits<A, B> = [A] extends [B] ? true : 'the server sends what the wire type does not allow';
/** `true` when `A` and `B` are the same set. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : 'the wire type has more than the server') : 'the server has more than the wire type';

/** Compiles only when `Check` is `true`; otherwise the error quotes what `Check` says instead. */
const holds = <Check extends true>(): Check => true as Check;

/**
 * Each check must be `true`: a mismatch is a compile error on its own line, whose message says
 * which way it goes. Exported so that nothing here is unused.
 */
export const WIRE_CONTRACT = {
  // What the server sends fits what the elements read.
  meetingView: holds<Fits<MeetingView, Wire.MeetingView>>(),
  consentView: holds<Fits<ConsentView, Wire.ConsentView>>(),
  rosterEntry: holds<Fits<RosterEntry, Wire.RosterEntry>>(),
  roster: holds<Fits<Roster, Wire.Roster>>(),
  ownStanding: holds<Fits<OwnStanding, Wire.OwnStanding>>(),
  sessionGrant: holds<Fits<SessionGrant, Wire.SessionGrant>>(),
  joinAnswer: holds<Fits<JoinResult, Wire.JoinAnswer>>(),
  evaluationQuestion: holds<Fits<EvaluationQuestion, Wire.EvaluationQuestion>>(),
  participantStreamEvent: holds<Fits<ParticipantStreamEvent, Wire.MeetingEvent>>(),
  meetingEvent: holds<Fits<MeetingEvent, Wire.MeetingEvent>>(),
  // The closed sets are the same on both sides.
  role: holds<Same<Role, Wire.Role>>(),
  identityKind: holds<Same<IdentityKind, Wire.IdentityKind>>(),
  verifyMethod: holds<Same<VerifyMethod, Wire.VerifyMethod>>(),
  oidcMethod: holds<Same<OidcMethod, Wire.OidcMethod>>(),
  meetingState: holds<Same<MeetingState, Wire.MeetingState>>(),
  consentHow: holds<Same<ConsentHow, Wire.ConsentHow>>(),
  dialIn: holds<Same<DialIn, Wire.DialIn>>(),
  eventTypes: holds<Same<MeetingEvent['type'] | ParticipantStreamEvent['type'], Wire.MeetingEvent['type']>>(),
};
