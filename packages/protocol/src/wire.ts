/**
 * The wire types of care-meet's HTTP API (docs/http-api.md): what the server sends and the elements
 * read. Types only; the elements work against any server that keeps the contract.
 */
import type { CareMeetErrorCode } from './errors.js';

export type Role = 'chair' | 'staff' | 'individual' | 'relative' | 'guest';
/** `fnr`: a Norwegian fødselsnummer or D-nummer; `hetu`: a Finnish henkilötunnus. */
export type IdentityKind = 'hsa' | 'pnr' | 'cpr' | 'fnr' | 'hetu' | 'guest';
/** `bankid-no`: BankID Norway; `suomifi`: Suomi.fi-tunnistus. */
export type VerifyMethod = 'bankid' | 'siths' | 'mitid' | 'bankid-no' | 'suomifi' | 'sms-code' | 'name';
export type MeetingState = 'scheduled' | 'open' | 'ended';

/**
 * The stable error codes the elements meet: every code the server answers with
 * ({@link CareMeetErrorCode}, one table), and a few the elements add for the browser side.
 */
export type ApiErrorCode =
  | CareMeetErrorCode
  /** The browser could not reach the server at all. */
  | 'NETWORK'
  /** There is no invitation secret on the page (no `invite` attribute, no `#invite=` fragment). */
  | 'INVITE_MISSING'
  /** The identity provider's login window was closed before the login finished. */
  | 'LOGIN_CANCELLED'
  /** What was typed as an SMS code is not six digits (refused before it is sent: it costs no try). */
  | 'CODE_FORMAT'
  /** An element's words could not be loaded in its language (the language's chunk failed to load), so it shows only Try again. */
  | 'STRINGS_UNAVAILABLE'
  /** The meeting is encrypted end to end and this browser cannot do it (no insertable streams, no `RTCRtpScriptTransform`): refused before joining. */
  | 'E2EE_UNSUPPORTED';

export interface DialIn {
  number: string;
  meetingNumber: string;
  pin: string;
}

export interface MeetingView {
  id: string;
  title: string;
  state: MeetingState;
  startsAt: string;
  endsAt: string;
  allowScreenShare: boolean;
  allowChat: boolean;
  dialIn?: DialIn;
  endedAt?: string;
  /** Whether the meeting is encrypted end to end (issue #19); absent from a server that predates it (then: no). */
  e2ee?: boolean;
}

/**
 * `GET /meetings/{id}` with the session of someone on the list who is not the chair: the meeting
 * and where they stand. `evaluation`: `open` (took part; may answer once it has ended),
 * `submitted` (answered already), `none` (never took part: nothing to answer).
 */
export interface OwnStanding {
  meeting: MeetingView;
  self: { id: string; role: Role; removed: boolean; evaluation: 'open' | 'submitted' | 'none' };
}

export interface InviteInfo {
  meeting: { id: string; startsAt: string; state: MeetingState };
  participant: { id: string; name: string; role: Role };
  verify: VerifyMethod;
}

export interface SessionGrant {
  session: string;
  participantId: string;
  expiresAt: string;
}

/** The verify methods proven at an identity provider (OIDC). */
export type OidcMethod = Extract<VerifyMethod, 'bankid' | 'siths' | 'mitid' | 'bankid-no' | 'suomifi'>;

/** How the identity provider's login page is shown: in this tab, or in a popup window. */
export type OidcDisplay = 'redirect' | 'popup';

/** `POST /invites/{token}/code`: where the SMS code went (a masked number) and until when it is valid. */
export interface CodeSent {
  to: string;
  expiresAt: string;
}

/** `POST /invites/{token}/oidc`: where to send the browser to log in. */
export interface OidcStart {
  authorizationUrl: string;
}

/**
 * What the identity-provider callback's popup page posts to `window.opener` (docs/identity.md):
 * the session, or the refusal.
 */
export interface VerifyResultMessage {
  type: 'care-verify-result';
  session?: string;
  participantId?: string;
  expiresAt?: string;
  error?: { code: string; message: string };
}

/**
 * `POST /join`'s answer. `Meeting` is the meeting view it carries: the server SDK's narrower one
 * (`e2ee` always said) is the same answer with its own view.
 */
export type JoinAnswer<Meeting extends MeetingView = MeetingView> =
  | {
      status: 'admitted';
      livekitUrl: string;
      token: string;
      participantId: string;
      role: Role;
      name: string;
      meeting: Meeting;
      lobbyToken?: string;
      /**
       * The meeting key, when the meeting is encrypted end to end: base64url of 32 random bytes, and
       * its index in livekit-client's keyring (the rotation count mod 16). Only ever in an admitted answer.
       */
      e2ee?: { key: string; keyIndex: number };
    }
  | { status: 'lobby'; livekitUrl: string; token: string; participantId: string; name: string };

export type RosterStatus = 'connected' | 'lobby' | 'absent' | 'left' | 'removed';

export interface RosterEntry {
  id: string;
  name: string;
  role: Role;
  identity: { kind: IdentityKind; masked: string };
  verify: VerifyMethod;
  status: RosterStatus;
  connectedAt: string | null;
  noShow: boolean;
  phone?: string;
  typedName?: string;
}

/** Where the individual's consent to the meeting and its participant list stands. */
export type ConsentState = 'none' | 'missing' | 'given' | 'withdrawn';

/** How consent was given: `self` by the individual in the element; `verbal` or `written` told to staff, who recorded it. */
export type ConsentHow = 'self' | 'verbal' | 'written';

/** The individual's consent as the roster carries it. */
export interface ConsentView {
  /** `none`: nobody with role `individual` is registered (nothing to record). */
  state: ConsentState;
  /** When it was given (state `given`) or withdrawn (state `withdrawn`); `null` otherwise. */
  at: string | null;
  /** Who recorded it: the individual herself in the element, the chair, or the organizer (EHR). */
  by: 'individual' | 'chair' | 'organizer' | null;
  how: ConsentHow | null;
  /** State `given` only: ids of people on the list now (not removed) whom the consent does not cover (registered after it). Else `[]`. */
  notCovered: string[];
}

/**
 * What the individual is asked to consent to (`GET /meetings/{id}/consent`): the consent in force
 * and everyone on the list, names and roles only.
 */
export interface ConsentRequest {
  consent: ConsentView;
  /** Everyone registered and not removed, in registration order: their ids are what `POST …/consent` takes back as `participantIds`. */
  participants: Array<{ id: string; name: string; role: Role }>;
}

/** The meeting leader's roster (`GET /meetings/{id}/roster`); `Meeting` and `Entry` as in {@link JoinAnswer}. */
export interface Roster<Meeting extends MeetingView = MeetingView, Entry extends RosterEntry = RosterEntry> {
  meeting: Meeting;
  counts: { registered: number; connected: number; lobby: number; strangers: number };
  participants: Entry[];
  lobby: string[];
  strangers: Array<{ identity: string; name: string; connectedAt: string }>;
  consent: ConsentView;
}

/** What the event stream carries (`GET /meetings/{id}/events`). */
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
  | { type: 'consent'; state: ConsentState; at: string }
  /** To the individual only, on her own stream: what she is asked to consent to changed (read `GET …/consent` again). Says nothing of whom. */
  | { type: 'consent-request'; at: string }
  /** Someone was removed and the meeting key changed: ask `POST /join` again for the new one (the event carries no key). */
  | { type: 'key-rotated'; keyIndex: number; at: string }
  | { type: 'ended'; at: string };

export interface EvaluationQuestion {
  id: string;
  kind: 'scale' | 'yes-no' | 'text';
  /** The question in the languages the host wrote it in (at least one); a reader gets hers, or the nearest. */
  text: { sv?: string; da?: string; nb?: string; fi?: string; en?: string };
}
