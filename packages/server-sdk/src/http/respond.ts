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

/** A JSON answer with the security headers. */
export function json(status: number, body: unknown, extra: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', ...extra },
  });
}

/** The one error shape of the API: `{"error": {"code", "message", "field"?}}`. */
export function errorResponse(error: CareMeetError): Response {
  const body: { code: string; message: string; field?: string } = { code: error.code, message: error.message };
  if (error.field !== undefined) body.field = error.field;
  const extra: Record<string, string> = {};
  if (error.code === 'RATE_LIMITED') extra['retry-after'] = '60';
  return json(HTTP_STATUS_BY_CODE[error.code], { error: body }, extra);
}
