/**
 * The request bodies of the HTTP API as Valibot schemas (docs/http-api.md), and the one place
 * their refusals become the API's errors. Each route of the table that reads a JSON body has its
 * schema here under the route's name (`BODY_SCHEMAS.bookMeeting`); the table does not import this
 * module, so a browser that only builds paths never loads a schema. The elements may import a
 * single schema from here and get only that one (every Valibot function is free of side effects).
 *
 * Each schema is made for a context (the server's clock: identity numbers and booking times are
 * judged by it): a server makes them once (`makeBodySchemas`) and runs them per request.
 */
import type { ROUTES, RouteName } from '../routes.js';
import type { BodyContext, BodySchema } from './fields.js';
import { bookMeeting, participant } from './booking.js';
import { codeRequest, consent, evaluation, oidcStart, participantRef, redemption, removalRef, vouchSession } from './requests.js';

export { type BodyContext, type BodySchema } from './fields.js';
export { BODY_FIELDS, type FieldNames } from './refusal.js';
export { isParsed, parseBody, type Parsed } from './parse.js';
export {
  MAX_BOOKING_AHEAD_MS,
  MAX_MEETING_MS,
  MAX_PARTICIPANTS,
  MAX_TITLE_BYTES,
  bookMeeting,
  participant,
  type BookMeetingInput,
  type ParticipantInput,
} from './booking.js';
export { provenIdentity, registeredIdentity, type ProvenIdentity, type RegisteredIdentity } from './identity.js';
export {
  MAX_IDENTITY_BYTES,
  MAX_RETURN_TO_LENGTH,
  codeRequest,
  consent,
  evaluation,
  oidcStart,
  participantRef,
  redemption,
  removalRef,
  vouchSession,
  type CodeRequestInput,
  type ConsentInput,
  type EvaluationInput,
  type OidcStartInput,
  type ParticipantRefInput,
  type RedemptionInput,
  type VouchSessionInput,
} from './requests.js';
export {
  CONSENT_HOWS,
  IDENTITY_KINDS,
  MESSAGE_LANGUAGES,
  OIDC_DISPLAYS,
  RELATIVE_KINDS,
  ROLES,
  SESSION_METHODS,
  type MessageLanguage,
  type SessionMethod,
} from './vocabulary.js';

/** The routes of the table that read a JSON body (`body` is `json` or `none-or-json`). */
export type JsonRouteName = { [N in RouteName]: (typeof ROUTES)[N]['body'] extends 'json' | 'none-or-json' ? N : never }[RouteName];

/**
 * The body schema of every route of the table that reads a JSON body, under the route's own name:
 * the compiler holds this to the table (a JSON route without a schema, or a schema for a route
 * that is not one, does not compile), and the table carries no reference to it, not even a name,
 * so it costs a browser nothing.
 */
export const BODY_SCHEMAS = {
  bookMeeting,
  addParticipant: participant,
  vouchSession,
  redeemInvitation: redemption,
  sendCode: codeRequest,
  startOidc: oidcStart,
  admit: participantRef,
  remove: removalRef,
  recordConsent: consent,
  submitEvaluation: evaluation,
} satisfies { [N in JsonRouteName]: (context: BodyContext) => BodySchema<object> };

/** What route `N`'s body is once its schema has parsed it; `undefined` for a route that reads no JSON body. */
export type RouteBodyOf<N extends RouteName> = N extends JsonRouteName
  ? ReturnType<(typeof BODY_SCHEMAS)[N]> extends BodySchema<infer T>
    ? T
    : never
  : undefined;

/** Every body schema, made for one context. */
export type BodySchemas = { readonly [N in JsonRouteName]: BodySchema<RouteBodyOf<N>> };

/**
 * Makes every body schema once for `context` (a server's clock), to run for each request.
 *
 * @example
 * ```ts
 * const bodies = makeBodySchemas({ now: () => new Date() });
 * const input = parseBody(bodies.bookMeeting, json); // Parsed<BookMeetingInput>
 * ```
 */
export function makeBodySchemas(context: BodyContext): BodySchemas {
  return Object.fromEntries(Object.entries(BODY_SCHEMAS).map(([name, make]) => [name, make(context)])) as unknown as BodySchemas;
}
