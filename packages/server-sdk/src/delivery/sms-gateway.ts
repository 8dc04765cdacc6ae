/**
 * SMS through the host's SMS gateway: one HTTPS `POST` per message with a JSON body the operator
 * shapes, so any gateway that takes JSON works without code. The text is care-meet's own (an
 * invitation or a one-time code, rule 10); nothing of it, and not the number, is ever logged.
 */
import type { Logger } from '../logger.js';
import { silentLogger } from '../logger.js';

/** A JSON value, as the body template is written. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** The body sent when no template is configured. */
export const DEFAULT_SMS_BODY: Readonly<{ to: string; text: string }> = Object.freeze({ to: '{{to}}', text: '{{text}}' });

export interface SmsGatewayOptions {
  /** The gateway's send URL: `https:`, or `http:` on a loopback address only (a local relay, tests). */
  url: string;
  /** Headers of every request, e.g. `{ Authorization: 'Bearer …' }`. `Content-Type: application/json` is added. */
  headers?: Record<string, string>;
  /**
   * The JSON body. In every string in it, `{{to}}` becomes the phone number (E.164, `+46…`) and
   * `{{text}}` the message; both must appear. Default {@link DEFAULT_SMS_BODY}.
   */
  body?: JsonValue;
  /** How long one request may take, seconds (1 to 60). Default 10. */
  timeoutSeconds?: number;
  /** Replaces the global `fetch` (an outbound proxy, tests). */
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
  /** Where a refusal is reported (status only). Default silent. */
  logger?: Logger;
}

/** Why the gateway did not take a message. */
export type SmsGatewayFailure = 'refused' | 'timeout' | 'unreachable';

/**
 * The gateway did not take the message: it answered another status than 2xx (`refused`, with the
 * status), did not answer in time (`timeout`), or could not be reached (`unreachable`). The SDK
 * answers `SEND_FAILED` for it; the error's name and reason go to the log.
 */
export class SmsGatewayError extends Error {
  override readonly name = 'SmsGatewayError';
  constructor(
    readonly reason: SmsGatewayFailure,
    readonly status: number | null,
    options?: { cause?: unknown },
  ) {
    super(
      reason === 'refused'
        ? `the SMS gateway refused the message (HTTP ${status})`
        : `the SMS gateway was ${reason === 'timeout' ? 'too slow' : 'unreachable'}`,
      options,
    );
  }
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

function containsPlaceholder(value: JsonValue, placeholder: string): boolean {
  if (typeof value === 'string') return value.includes(placeholder);
  if (Array.isArray(value)) return value.some((v) => containsPlaceholder(v, placeholder));
  if (value !== null && typeof value === 'object') return Object.values(value).some((v) => containsPlaceholder(v, placeholder));
  return false;
}

function isJsonValue(value: unknown, depth = 0): value is JsonValue {
  if (depth > 8) return false;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((v) => isJsonValue(v, depth + 1));
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.values(value).every((v) => isJsonValue(v, depth + 1));
  }
  return false;
}

/** Fills `{{to}}` and `{{text}}` in every string of the template (values, not keys). */
function fill(template: JsonValue, to: string, text: string): JsonValue {
  if (typeof template === 'string') return template.replaceAll('{{to}}', to).replaceAll('{{text}}', text);
  if (Array.isArray(template)) return template.map((v) => fill(v, to, text));
  if (template !== null && typeof template === 'object') {
    return Object.fromEntries(Object.entries(template).map(([k, v]) => [k, fill(v, to, text)]));
  }
  return template;
}

/**
 * Checks the options of an {@link HttpSmsGateway}; a `TypeError` names the field as `where.field`.
 * Answers them with the defaults filled in.
 */
export function checkSmsGatewayOptions(value: SmsGatewayOptions, where = 'sms'): Required<Omit<SmsGatewayOptions, 'fetch' | 'logger'>> {
  let url: URL;
  try {
    url = new URL(value.url);
  } catch {
    throw new TypeError(`${where}.url must be an absolute https URL`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))) {
    throw new TypeError(`${where}.url must be https (http only on a loopback address)`);
  }
  if (url.username || url.password) throw new TypeError(`${where}.url must not hold credentials: put them in a header`);
  const headers = value.headers ?? {};
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers))
    throw new TypeError(`${where}.headers must be an object of header names and values`);
  for (const [name, v] of Object.entries(headers)) {
    if (!HEADER_NAME.test(name)) throw new TypeError(`${where}.headers: ${JSON.stringify(name)} is not a header name`);
    if (typeof v !== 'string' || /[\r\n\0]/.test(v)) throw new TypeError(`${where}.headers.${name} must be a one-line string`);
  }
  const body = value.body ?? DEFAULT_SMS_BODY;
  if (!isJsonValue(body) || body === null || typeof body !== 'object') throw new TypeError(`${where}.body must be a JSON object or array`);
  for (const placeholder of ['{{to}}', '{{text}}']) {
    if (!containsPlaceholder(body, placeholder)) throw new TypeError(`${where}.body must contain ${placeholder} in one of its strings`);
  }
  const timeoutSeconds = value.timeoutSeconds ?? 10;
  if (typeof timeoutSeconds !== 'number' || !(timeoutSeconds >= 1 && timeoutSeconds <= 60)) {
    throw new TypeError(`${where}.timeoutSeconds must be 1 to 60`);
  }
  return { url: url.href, headers: { ...headers }, body, timeoutSeconds };
}

/**
 * Sends each SMS as one JSON `POST` to the gateway. Resolves when the gateway answered 2xx;
 * rejects with {@link SmsGatewayError} otherwise. Redirects are not followed (the body would go
 * to another address than the one configured).
 *
 * @example
 * ```ts
 * const sms = new HttpSmsGateway({
 *   url: 'https://sms.region.example/v1/messages',
 *   headers: { Authorization: `Bearer ${process.env.SMS_TOKEN}` },
 *   body: { from: 'Regionen', to: '{{to}}', message: '{{text}}' },
 * });
 * await sms.send('+46709876543', 'Din kod är 123456. Den gäller till kl. 10:12.');
 * ```
 */
export class HttpSmsGateway {
  readonly #o: ReturnType<typeof checkSmsGatewayOptions>;
  readonly #fetch: (url: string, init: RequestInit) => Promise<Response>;
  readonly #log: Logger;

  constructor(options: SmsGatewayOptions) {
    this.#o = checkSmsGatewayOptions(options);
    this.#fetch = options.fetch ?? ((url, init) => fetch(url, init));
    this.#log = options.logger ?? silentLogger;
  }

  /** The gateway's origin, for the start-up summary (never its path or query, which may hold a key). */
  get origin(): string {
    return new URL(this.#o.url).origin;
  }

  async send(to: string, text: string): Promise<void> {
    let answer: Response;
    try {
      answer = await this.#fetch(this.#o.url, {
        method: 'POST',
        headers: { ...this.#o.headers, 'content-type': 'application/json' },
        body: JSON.stringify(fill(this.#o.body, to, text)),
        redirect: 'manual',
        signal: AbortSignal.timeout(this.#o.timeoutSeconds * 1000),
      });
    } catch (e) {
      const timeout = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
      this.#log.warn(timeout ? 'sms gateway timed out' : 'sms gateway unreachable', { gateway: this.origin, error: errorCode(e) });
      throw new SmsGatewayError(timeout ? 'timeout' : 'unreachable', null, { cause: e });
    }
    // The answer's body is not read: a gateway may echo the number or the text back.
    await answer.body?.cancel().catch(() => {});
    if (answer.status < 200 || answer.status > 299) {
      this.#log.warn('sms gateway refused', { gateway: this.origin, status: answer.status });
      throw new SmsGatewayError('refused', answer.status);
    }
  }
}

function errorCode(e: unknown): string {
  const cause = e instanceof Error ? (e.cause as { code?: unknown } | undefined) : undefined;
  if (cause && typeof cause.code === 'string') return cause.code;
  return e instanceof Error ? e.name : 'unknown';
}
