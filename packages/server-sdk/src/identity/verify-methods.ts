/**
 * Which ways of proving identity a deployment serves, and the booking rule that follows: a
 * registration whose holder would have to prove themselves in a way nobody set up is refused at
 * booking (`VERIFY_METHOD_NOT_CONFIGURED`), not discovered when the person tries to join.
 */
import { CareMeetError } from '../errors.js';
import { verifyMethodFor, type VerifyMethod } from '../model.js';
import type { ParticipantInput } from '../schemas.js';

/** Every verify method, in the order they are listed to people. */
export const VERIFY_METHODS: readonly VerifyMethod[] = Object.freeze(['bankid', 'siths', 'mitid', 'bankid-no', 'suomifi', 'sms-code', 'name']);

/** True for the names of verify methods. */
export function isVerifyMethod(value: unknown): value is VerifyMethod {
  return typeof value === 'string' && (VERIFY_METHODS as readonly string[]).includes(value);
}

/**
 * Checks `CareMeetOptions.verifyMethods`: undefined (no check), or a list of verify methods. A
 * `TypeError` names what is wrong. Answers the list without repeats, in {@link VERIFY_METHODS} order.
 */
export function checkVerifyMethods(value: unknown, where = 'verifyMethods'): VerifyMethod[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw new TypeError(`${where} must be a list of verify methods (${VERIFY_METHODS.join(', ')})`);
  for (const m of value) {
    if (!isVerifyMethod(m)) throw new TypeError(`${where}: ${JSON.stringify(m)} is not a verify method; the methods are ${VERIFY_METHODS.join(', ')}`);
  }
  return VERIFY_METHODS.filter((m) => value.includes(m));
}

/** The verify method a registration will need, from its input. */
export function verifyMethodOfInput(p: Pick<ParticipantInput, 'identity' | 'phone' | 'email'>): VerifyMethod {
  return verifyMethodFor({ identityKind: p.identity.kind, phone: p.phone, email: p.email });
}

/**
 * Refuses the first registration whose verify method is not in `served` (nothing to check when
 * `served` is undefined). `fieldOf(i)` names the registration in the request.
 *
 * @example
 * ```ts
 * refuseUnservedMethods(parsed.participants, ['bankid', 'siths', 'sms-code'], (i) => `participants[${i}]`);
 * // throws CareMeetError VERIFY_METHOD_NOT_CONFIGURED for a Danish relative (mitid)
 * ```
 */
export function refuseUnservedMethods(
  participants: ReadonlyArray<Pick<ParticipantInput, 'identity' | 'phone' | 'email'>>,
  served: readonly VerifyMethod[] | undefined,
  fieldOf: (index: number) => string,
): void {
  if (served === undefined) return;
  for (const [i, p] of participants.entries()) {
    const method = verifyMethodOfInput(p);
    if (served.includes(method)) continue;
    const offered = served.length === 0 ? 'none' : served.join(', ');
    throw new CareMeetError(
      'VERIFY_METHOD_NOT_CONFIGURED',
      `${fieldOf(i)} would prove who they are by ${method}, which this server is not set up for (it serves: ${offered})`,
      { field: `${fieldOf(i)}.identity` },
    );
  }
}
