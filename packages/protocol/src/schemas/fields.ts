/**
 * The building blocks of the body schemas: each refuses with the message and code the HTTP API
 * has always answered with (docs/http-api.md), as a {@link refusal} template.
 */
import * as v from 'valibot';
import { CareMeetError } from '../errors.js';
import { checkIsoTime } from '../validation/iso-time.js';
import { assertNoOddUnicode, utf8Length } from '../validation/text.js';
import { refusal, refusalOf } from './refusal.js';

/** What a schema may need to know at the moment it parses: the time, from the server's clock. */
export interface BodyContext {
  now(): Date;
}

/** A body schema: built once for a context (a server's clock), run for every request. */
export type BodySchema<T> = v.GenericSchema<unknown, T>;

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Keys that could reach an object's prototype: refused in any object, whatever it allows. */
const FORBIDDEN_KEYS = ['__proto__', 'constructor', 'prototype'];

/** A path of keys below the value at hand, for an issue about another field than the one being checked. */
export function pathTo(...keys: [string, ...string[]]): [v.IssuePathItem, ...v.IssuePathItem[]] {
  const [first, ...rest] = keys.map((key): v.IssuePathItem => ({ type: 'object', origin: 'value', input: {}, key, value: undefined }));
  return [first as v.IssuePathItem, ...rest];
}

/**
 * A JSON object with no keys but `allowed` (refused first, before any value is looked at), and
 * never `__proto__`, `constructor` or `prototype`.
 */
export function objectWithKeys(allowed: readonly string[]) {
  return v.pipe(
    v.custom<Record<string, unknown>>(isPlainObject, refusal('{field} must be an object')),
    v.rawCheck<Record<string, unknown>>(({ dataset, addIssue }) => {
      if (!dataset.typed) return;
      const keys = Object.keys(dataset.value);
      if (keys.some((key) => FORBIDDEN_KEYS.includes(key))) {
        addIssue({ message: refusal('{field} has a forbidden key') });
        return;
      }
      const unknown = keys.find((key) => !allowed.includes(key));
      if (unknown !== undefined) {
        // Valibot's `origin: 'key'`: the issue is about the key itself, so its field is always named
        // under its object's (`body.colour`), even where the object's own keys are named bare.
        const key: v.ObjectPathItem = { type: 'object', origin: 'key', input: dataset.value, key: unknown, value: dataset.value[unknown] };
        addIssue({ message: refusal(`{parent} has an unknown field "${unknown.slice(0, 40)}"`), path: [key] });
      }
    }),
  );
}

const OPTIONAL_TYPES = ['optional', 'exact_optional', 'nullish'];

/**
 * {@link objectWithKeys} over `entries`, then each entry in the order written. A missing key is
 * handed to its entry as `undefined`, so it is refused with that entry's own message (`title must
 * be a string`), not a generic "missing key".
 */
export function exactObject<const E extends v.ObjectEntries>(entries: E) {
  const allowed = Object.keys(entries);
  // An optional entry stays absent when it was (its default, if any, is then Valibot's to apply).
  const required = allowed.filter((key) => !OPTIONAL_TYPES.includes((entries[key] as v.GenericSchema).type));
  return v.pipe(
    objectWithKeys(allowed),
    v.transform((o: Record<string, unknown>) => ({ ...Object.fromEntries(required.map((key) => [key, undefined])), ...o })),
    v.object(entries),
  );
}

/** A string, else `{field} must be a string`. */
export const aString = () => v.string(refusal('{field} must be a string'));

/** One of `values`, else `{field} must be one of a, b, c`. */
export function oneOf<const T extends string>(values: readonly T[]) {
  return v.picklist(values, refusal(`{field} must be one of ${values.join(', ')}`));
}

/** `true` or `false`, else `{field} must be true or false`; absent: `fallback`. */
export function optionalBoolean<const F extends boolean | null>(fallback: F) {
  return v.pipe(
    v.union([v.boolean(), v.undefined()], refusal('{field} must be true or false')),
    v.transform((b): boolean | F => b ?? fallback),
  );
}

/**
 * Runs one of the protocol's validators (which throw `CareMeetError`) as a schema step: its refusal
 * becomes the issue, with its own code and message, at this field.
 */
export function validatedBy<In, Out>(validate: (value: In) => Out) {
  return v.rawTransform<In, Out>(({ dataset, addIssue, NEVER }) => {
    try {
      return validate(dataset.value);
    } catch (e) {
      if (!(e instanceof CareMeetError)) throw e;
      addIssue({ message: refusalOf(e) });
      return NEVER;
    }
  });
}

/** The odd-Unicode rule (`assertNoOddUnicode`), its message naming the field. */
export const noOddUnicode = () =>
  validatedBy((value: string) => {
    assertNoOddUnicode(value, '{field}');
    return value;
  });

/** A required single-line text of 1 to `maxBytes` UTF-8 bytes, free of odd Unicode. */
export function text(maxBytes: number) {
  return v.pipe(
    aString(),
    v.check((s) => s.length > 0 && utf8Length(s) <= maxBytes, refusal(`{field} must be 1 to ${maxBytes} bytes`)),
    noOddUnicode(),
  );
}

/**
 * An ISO 8601 time with an explicit offset (`Z` or `+01:00`), as a `Date`; a bare local time is
 * ambiguous and refused, and so is a day or clock time that does not exist (`2027-02-30`, `24:00`):
 * `new Date` would roll those over to another day instead.
 */
export function isoTime() {
  return v.pipe(
    v.string(refusal('{field} must be an ISO 8601 time with offset')),
    v.maxLength(64, refusal('{field} must be an ISO 8601 time with offset')),
    v.rawTransform<string, Date>(({ dataset, addIssue, NEVER }) => {
      const checked = checkIsoTime(dataset.value);
      if (checked.ok) return checked.time;
      addIssue({ message: refusal(`{field} ${checked.detail}`) });
      return NEVER;
    }),
  );
}

/** A list of 1 to `max` items, each parsed by `item`; too many: `at most {max} {what}`. */
export function listOf<const S extends v.GenericSchema>(item: S, max: number, what: string) {
  return v.pipe(
    v.custom<unknown[]>((value) => Array.isArray(value) && value.length > 0, refusal('{field} must be a non-empty list')),
    v.check((list: unknown[]) => list.length <= max, refusal(`at most ${max} ${what}`)),
    v.array(item),
  );
}
