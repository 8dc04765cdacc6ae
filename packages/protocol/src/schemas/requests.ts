/**
 * The smaller bodies: consent, vouching for a session, the chair's admit and remove, an
 * invitation's SMS code, redemption and identity-provider login, and an evaluation.
 */
import * as v from 'valibot';
import { utf8Length } from '../validation/text.js';
import type { ConsentHow, OidcDisplay } from '../wire.js';
import { MAX_PARTICIPANTS } from './booking.js';
import { aString, exactObject, listOf, noOddUnicode, oneOf, type BodyContext, type BodySchema } from './fields.js';
import { provenIdentity, type ProvenIdentity } from './identity.js';
import { refusal } from './refusal.js';
import { CONSENT_HOWS, MESSAGE_LANGUAGES, OIDC_DISPLAYS, SESSION_METHODS, type MessageLanguage, type SessionMethod } from './vocabulary.js';

/** What `POST /meetings/{id}/consent` takes: how consent was given, and the list it was given to. */
export interface ConsentInput {
  how: ConsentHow;
  /** The registrations the person was shown: it must be the meeting's list as it is now. */
  participantIds: string[];
}

/** The body of `POST /meetings/{id}/consent`: `how`, and the ids of the list, each once. */
export function consent(): BodySchema<ConsentInput> {
  const id = v.pipe(
    v.string(refusal('{parent} holds strings of 1 to 64 characters')),
    v.check((s) => s.length > 0 && s.length <= 64, refusal('{parent} holds strings of 1 to 64 characters')),
  );
  return exactObject({
    how: oneOf(CONSENT_HOWS),
    participantIds: v.pipe(
      listOf(id, MAX_PARTICIPANTS, 'participantIds'),
      v.check((ids) => new Set(ids).size === ids.length, refusal('{field} names someone twice')),
    ),
  });
}

/** What `POST /sessions` takes: the meeting, the identity the host has proven, and how (default `host`). */
export interface VouchSessionInput {
  meetingId: string;
  identity: ProvenIdentity;
  method: SessionMethod;
}

/** The body of `POST /sessions`. */
export function vouchSession(context: BodyContext): BodySchema<VouchSessionInput> {
  return exactObject({
    meetingId: aString(),
    identity: provenIdentity(context),
    method: v.optional(oneOf(SESSION_METHODS), 'host'),
  });
}

/** A participant named by the chair: `{"participantId"}`. */
export interface ParticipantRefInput {
  participantId: string;
}

/** The body of `POST /meetings/{id}/admit`: a registration's id. */
export function participantRef(): BodySchema<ParticipantRefInput> {
  return exactObject({
    participantId: v.custom<string>((id) => typeof id === 'string' && /^p_[A-Za-z0-9_-]{16,64}$/.test(id), refusal('{field} must be a participant id')),
  });
}

/** The longest LiveKit identity a removal names (LiveKit's own limit is far above any care-meet mints). */
export const MAX_IDENTITY_BYTES = 256;

/**
 * The body of `POST /meetings/{id}/remove`: a registration's id, or the LiveKit identity of someone
 * connected who is not on the list (LiveKit lets identities be any text: a SIP caller's, say).
 */
export function removalRef(): BodySchema<ParticipantRefInput> {
  return exactObject({
    participantId: v.pipe(
      v.custom<string>(
        (id) => typeof id === 'string' && id.length > 0 && utf8Length(id) <= MAX_IDENTITY_BYTES,
        refusal('{field} must be a participant id or a connected identity'),
      ),
      noOddUnicode(),
    ),
  });
}

/** What `POST /invites/{token}/code` may take: the language of the SMS. */
export interface CodeRequestInput {
  lang?: MessageLanguage | undefined;
}

/** The body of `POST /invites/{token}/code`, when there is one. */
export function codeRequest(): BodySchema<CodeRequestInput> {
  return exactObject({ lang: v.optional(oneOf(MESSAGE_LANGUAGES)) });
}

/**
 * What `POST /invites/{token}/session` takes: the SMS code (a phone guest, with an optional typed
 * name) or the typed name (an e-mail guest). Their values are checked by the redemption itself,
 * after the invitation: which of them an invitation takes, and how many digits a code has, are
 * the invitation's and the deployment's.
 */
export interface RedemptionInput {
  code?: unknown;
  name?: unknown;
}

/** The body of `POST /invites/{token}/session`: a code, a name, or both. */
export function redemption(): BodySchema<RedemptionInput> {
  return v.pipe(
    exactObject({ name: v.optional(v.unknown()), code: v.optional(v.unknown()) }),
    v.forward(
      v.check((o) => o.code !== undefined || o.name !== undefined, refusal('send the code from the SMS, or the name you want the meeting leader to see')),
      ['name'],
    ),
  );
}

/** The longest `returnTo` accepted. */
export const MAX_RETURN_TO_LENGTH = 2048;

/**
 * What `POST /invites/{token}/oidc` takes. `returnTo` here is text of the right length and
 * characters; that it is an http(s) URL on an origin the server may return to is the server's to
 * check, against its configuration.
 */
export interface OidcStartInput {
  returnTo: string;
  display: OidcDisplay;
  /**
   * The language the element speaks, sent to the identity provider as `ui_locales` so that its
   * login page speaks it too; absent when the element did not say.
   */
  language?: MessageLanguage;
}

/** The body of `POST /invites/{token}/oidc`: `{returnTo, display?, language?}`. */
export function oidcStart(): BodySchema<OidcStartInput> {
  return exactObject({
    returnTo: v.pipe(
      v.custom<string>(
        (url) => typeof url === 'string' && url.length > 0 && url.length <= MAX_RETURN_TO_LENGTH,
        refusal(`{field} must be a URL of at most ${MAX_RETURN_TO_LENGTH} characters`),
      ),
      noOddUnicode(),
    ),
    display: v.optional(v.picklist(OIDC_DISPLAYS, refusal('{field} must be redirect or popup')), 'redirect'),
    language: v.optional(oneOf(MESSAGE_LANGUAGES)),
  });
}

/**
 * What `POST /meetings/{id}/evaluation` takes: `answers`, by question id. Which questions there
 * are, and so which answers fit, is the deployment's: the server checks them against its form.
 */
export interface EvaluationInput {
  answers: unknown;
}

/** The body of `POST /meetings/{id}/evaluation`. */
export function evaluation(): BodySchema<EvaluationInput> {
  return exactObject({ answers: v.unknown() });
}
