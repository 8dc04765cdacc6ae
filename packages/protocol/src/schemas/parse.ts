/**
 * Running a body schema: the first refusal as the API's `CareMeetError`, and the parsed value
 * marked as such, so that a function that takes both a parsed value and untrusted input (the server
 * SDK's public methods, which a host may call with anything) can tell the two apart without
 * checking a value twice.
 */
import * as v from 'valibot';
import { BODY_FIELDS, toCareMeetError, type FieldNames } from './refusal.js';
import type { BodySchema } from './fields.js';

declare const parsedBrand: unique symbol;

/** A value a body schema produced through {@link parseBody}: checked, normalised and typed. */
export type Parsed<T> = T & { readonly [parsedBrand]: true };

/** Every value {@link parseBody} has produced (held weakly: it keeps nothing alive). */
const producedByParse = new WeakSet<object>();

/**
 * Parses `input` with `schema`, or throws the API's `CareMeetError` for its first refusal (the
 * code, message and field the HTTP API documents). Field names follow `names`: by default those
 * of a request body (`title`, `participants[0].name`; the body itself is `body`).
 *
 * @example
 * ```ts
 * const schema = bookMeeting({ now: () => new Date() });
 * const input = parseBody(schema, JSON.parse(text)); // Parsed<BookMeetingInput>
 * ```
 */
export function parseBody<T extends object>(schema: BodySchema<T>, input: unknown, names: FieldNames = BODY_FIELDS): Parsed<T> {
  const result = v.safeParse(schema, input, { abortEarly: true });
  if (!result.success) throw toCareMeetError(result.issues[0], names);
  producedByParse.add(result.output);
  return result.output as Parsed<T>;
}

/**
 * Whether `value` came out of {@link parseBody}; when it did, it need not be checked again.
 *
 * @example
 * ```ts
 * const input = isParsed<BookMeetingInput>(value) ? value : parseBody(schema, value);
 * ```
 */
export function isParsed<T extends object>(value: unknown): value is Parsed<T> {
  return typeof value === 'object' && value !== null && producedByParse.has(value);
}
