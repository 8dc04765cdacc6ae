/**
 * How a body schema's refusals become the API's errors: one `CareMeetError` with a stable code, a
 * message for people and the field it is about (`participants[1].identity.pnr`), exactly as the
 * hand-written checks before the schemas answered.
 *
 * Valibot builds an issue's message where the issue is raised, before the enclosing objects and
 * lists have added their keys to its path, so a message cannot name its field there. The schemas
 * therefore write their messages as templates, {@link refusal}, holding the code and `{field}` (the
 * field the issue is about) or `{parent}` (the object holding it); {@link toCareMeetError} fills them
 * in from the finished path. This module is the only place that knows the encoding.
 */
import type * as v from 'valibot';
import { CareMeetError, HTTP_STATUS_BY_CODE, type CareMeetErrorCode } from '../errors.js';

/** A refusal's message as a schema writes it: the code, a space, then the template. */
export function refusal(template: string, code: CareMeetErrorCode = 'BAD_REQUEST'): string {
  return `${code} ${template}`;
}

/** A refusal thrown by one of the protocol's validators (`normalizePersonnummer`, …), keeping its code and message. */
export function refusalOf(error: CareMeetError): string {
  return refusal(error.message, error.code);
}

/** Where the fields of a parsed value are named from. */
export interface FieldNames {
  /**
   * The name of the value itself (`body`, `participant`, `identity`). Its own keys are named
   * under it (`participant.name`) when `nested`; otherwise bare (`title`, `participants[0].name`),
   * as the HTTP API names the top-level fields of a request body.
   */
  root: string;
  nested: boolean;
}

/** The HTTP API's naming of a request body's fields: the body is `body`, its keys are bare. */
export const BODY_FIELDS: FieldNames = { root: 'body', nested: false };

/** Keys are cut to 40 characters in a field name: an unknown key is the sender's text, of any length. */
const MAX_KEY_IN_FIELD = 40;

function fieldName(path: readonly v.IssuePathItem[], names: FieldNames): string {
  let out = names.nested ? names.root : '';
  for (const item of path) {
    if (typeof item.key === 'number') out += `[${item.key}]`;
    else {
      // A key itself (an unknown one) is named under its object, the body too: `body.colour`.
      if (out === '' && item.origin === 'key') out = names.root;
      out += `${out === '' ? '' : '.'}${String(item.key).slice(0, MAX_KEY_IN_FIELD)}`;
    }
  }
  return out === '' ? names.root : out;
}

/**
 * The API's error for a schema's first issue: its code and message from the {@link refusal} it was
 * raised with, its field from its path. An issue with a message of Valibot's own (a schema without
 * one of ours: a mistake in this package) is still a `BAD_REQUEST` naming the field.
 */
export function toCareMeetError(issue: v.BaseIssue<unknown>, names: FieldNames = BODY_FIELDS): CareMeetError {
  const path = issue.path ?? [];
  const field = fieldName(path, names);
  const parent = fieldName(path.slice(0, -1), names);
  const space = issue.message.indexOf(' ');
  const head = issue.message.slice(0, space);
  const known = space > 0 && Object.hasOwn(HTTP_STATUS_BY_CODE, head);
  const code: CareMeetErrorCode = known ? (head as CareMeetErrorCode) : 'BAD_REQUEST';
  const template = known ? issue.message.slice(space + 1) : `{field} is not accepted`;
  const message = template.replaceAll('{field}', field).replaceAll('{parent}', parent);
  return new CareMeetError(code, message, { field });
}
