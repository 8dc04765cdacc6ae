import { CareMeetError, HTTP_STATUS_BY_CODE } from '../errors.js';

/**
 * Headers on every answer. `no-store` because many answers carry a token or a session;
 * `no-referrer` so an invitation link in the page's URL never leaks to another site.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
});

/**
 * The serialised body of each JSON answer, so the `node:http` adapter can write it without reading
 * the Response's stream back (which costs more than the serialising did).
 */
const jsonBodies = new WeakMap<Response, string>();

/** The body `json()` serialised for this answer, if it made it. */
export function serialisedBody(response: Response): string | undefined {
  return jsonBodies.get(response);
}

/** A JSON answer with the security headers. */
export function json(status: number, body: unknown, extra: Record<string, string> = {}): Response {
  const text = JSON.stringify(body);
  const response = new Response(text, {
    status,
    headers: { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', ...extra },
  });
  jsonBodies.set(response, text);
  return response;
}

/** The one error shape of the API: `{"error": {"code", "message", "field"?}}`. */
export function errorBody(error: CareMeetError): { error: { code: string; message: string; field?: string } } {
  const body: { code: string; message: string; field?: string } = { code: error.code, message: error.message };
  if (error.field !== undefined) body.field = error.field;
  return { error: body };
}

/** A refusal as an answer, in the API's error shape. */
export function errorResponse(error: CareMeetError): Response {
  const extra: Record<string, string> = {};
  if (error.code === 'RATE_LIMITED') extra['retry-after'] = '60';
  return json(HTTP_STATUS_BY_CODE[error.code], errorBody(error), extra);
}
