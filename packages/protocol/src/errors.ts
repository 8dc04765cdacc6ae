/**
 * Every refusal the server SDK makes carries one of these codes. They are stable: hosts and the
 * elements switch on them, so a code is never renamed or reused for another meaning.
 */
export type CareMeetErrorCode =
  | 'BAD_REQUEST'
  | 'INVALID_PERSONNUMMER'
  | 'INVALID_HSA_ID'
  | 'INVALID_CPR'
  | 'INVALID_FNR'
  | 'INVALID_HETU'
  | 'INVALID_NAME'
  | 'INVALID_PHONE'
  | 'INVALID_EMAIL'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'CONFLICT'
  | 'PARTICIPANTS_CHANGED'
  | 'IDENTITY_MISMATCH'
  | 'INVITE_EXPIRED'
  | 'INVITE_USED'
  | 'MEETING_ENDED'
  | 'MEETING_NOT_ENDED'
  | 'REMOVED'
  | 'TOO_EARLY'
  | 'CODE_INVALID'
  | 'CODE_EXPIRED'
  | 'LOGIN_FAILED'
  | 'ASSURANCE_TOO_LOW'
  | 'RATE_LIMITED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'LIVEKIT_UNAVAILABLE'
  | 'IDP_UNAVAILABLE'
  | 'SEND_FAILED'
  | 'VERIFY_METHOD_NOT_CONFIGURED'
  | 'E2EE_NOT_CONFIGURED'
  | 'INTERNAL';

/** The HTTP status for each code: the one table the HTTP layer maps refusals through. */
export const HTTP_STATUS_BY_CODE: Readonly<Record<CareMeetErrorCode, number>> = Object.freeze({
  BAD_REQUEST: 400,
  INVALID_PERSONNUMMER: 400,
  INVALID_HSA_ID: 400,
  INVALID_CPR: 400,
  INVALID_FNR: 400,
  INVALID_HETU: 400,
  INVALID_NAME: 400,
  INVALID_PHONE: 400,
  INVALID_EMAIL: 400,
  CODE_INVALID: 400,
  VERIFY_METHOD_NOT_CONFIGURED: 400,
  E2EE_NOT_CONFIGURED: 400,
  UNAUTHENTICATED: 401,
  LOGIN_FAILED: 401,
  FORBIDDEN: 403,
  IDENTITY_MISMATCH: 403,
  ASSURANCE_TOO_LOW: 403,
  REMOVED: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  PARTICIPANTS_CHANGED: 409,
  MEETING_NOT_ENDED: 409,
  CODE_EXPIRED: 410,
  INVITE_EXPIRED: 410,
  INVITE_USED: 410,
  MEETING_ENDED: 410,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  TOO_EARLY: 425,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  SEND_FAILED: 502,
  LIVEKIT_UNAVAILABLE: 503,
  IDP_UNAVAILABLE: 503,
});

/**
 * The one error class the SDK throws for a refusal. `code` is stable, `message` is for people
 * (English; the elements translate by code), `cause` keeps the underlying error for logs.
 *
 * @example
 * ```ts
 * try { normalizePersonnummer('19121212-1213'); }
 * catch (e) { if (e instanceof CareMeetError && e.code === 'INVALID_PERSONNUMMER') { ... } }
 * ```
 */
export class CareMeetError extends Error {
  override readonly name = 'CareMeetError';
  readonly code: CareMeetErrorCode;
  /** Where in the request the problem is, e.g. `participants[1].identity.pnr`. Never the value. */
  readonly field: string | undefined;

  constructor(code: CareMeetErrorCode, message: string, options: { cause?: unknown; field?: string } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.field = options.field;
  }

  /** The HTTP status this refusal maps to. */
  get status(): number {
    return HTTP_STATUS_BY_CODE[this.code];
  }
}

/** True when `value` is a CareMeetError carrying `code` (or any code, if none is given). */
export function isCareMeetError(value: unknown, code?: CareMeetErrorCode): value is CareMeetError {
  return value instanceof CareMeetError && (code === undefined || value.code === code);
}
