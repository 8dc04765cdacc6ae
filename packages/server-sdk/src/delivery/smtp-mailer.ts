/**
 * E-mail through the host's mail server over SMTP, with nodemailer. The connection is encrypted
 * (implicit TLS for `smtps:`, STARTTLS required for `smtp:`) unless the server is on this machine,
 * where a local relay may speak plain SMTP. The address and the text are never logged.
 */
import nodemailer from 'nodemailer';
import type { Logger } from '../logger.js';
import { silentLogger } from '../logger.js';

export interface SmtpMailerOptions {
  /**
   * The mail server: `smtps://mail.region.example` (TLS from the start, port 465 by default) or
   * `smtp://mail.region.example:587` (STARTTLS required, port 587 by default). Plain `smtp:` without
   * STARTTLS only to a loopback address. No credentials in the URL: use `user` and `password`.
   */
  url: string;
  user?: string;
  password?: string;
  /** The sender, `Regionen <no-reply@region.example>` or a bare address. */
  from: string;
  /** How long connecting, the greeting and each step may take, seconds (1 to 120). Default 10. */
  timeoutSeconds?: number;
  /** Where a failure is reported (its SMTP code only). Default silent. */
  logger?: Logger;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Checks the options of an {@link SmtpMailer}; a `TypeError` names the field as `where.field`. */
export function checkSmtpMailerOptions(value: SmtpMailerOptions, where = 'email'): void {
  let url: URL;
  try {
    url = new URL(value.url);
  } catch {
    throw new TypeError(`${where}.url must be an smtp: or smtps: URL such as smtps://mail.region.example`);
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new TypeError(`${where}.url must be an smtp: or smtps: URL`);
  if (!url.hostname) throw new TypeError(`${where}.url must name the mail server`);
  if (url.username || url.password) throw new TypeError(`${where}.url must not hold credentials: set ${where}.user and ${where}.password`);
  if (url.pathname !== '' && url.pathname !== '/') throw new TypeError(`${where}.url must be the server only, no path`);
  if ((value.user === undefined) !== (value.password === undefined)) throw new TypeError(`${where}.user and ${where}.password go together`);
  if (typeof value.from !== 'string' || !/^[^\r\n\0]*@[^\r\n\0]+$/.test(value.from) || value.from.length > 320) {
    throw new TypeError(`${where}.from must be the sender's address, e.g. "Regionen <no-reply@region.example>"`);
  }
  const t = value.timeoutSeconds ?? 10;
  if (typeof t !== 'number' || !(t >= 1 && t <= 120)) throw new TypeError(`${where}.timeoutSeconds must be 1 to 120`);
}

/**
 * Sends each e-mail as plain text over its own SMTP connection. Resolves when the server accepted
 * the message; rejects with nodemailer's error (its `code`, e.g. `EENVELOPE`, `ECONNECTION`,
 * `ETIMEDOUT`, `ETLS`) otherwise.
 *
 * @example
 * ```ts
 * const mail = new SmtpMailer({ url: 'smtps://mail.region.example', user: 'care-meet', password: process.env.SMTP_PASSWORD, from: 'Regionen <no-reply@region.example>' });
 * await mail.send('kurt@example.se', 'Inbjudan till videomöte', 'Hej! …');
 * ```
 */
export class SmtpMailer {
  readonly #transport: ReturnType<typeof nodemailer.createTransport>;
  readonly #from: string;
  readonly #log: Logger;
  readonly #server: string;

  constructor(options: SmtpMailerOptions) {
    checkSmtpMailerOptions(options);
    const url = new URL(options.url);
    const implicitTls = url.protocol === 'smtps:';
    const loopback = LOOPBACK_HOSTS.has(url.hostname);
    const ms = (options.timeoutSeconds ?? 10) * 1000;
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    this.#transport = nodemailer.createTransport({
      host,
      port: url.port ? Number(url.port) : implicitTls ? 465 : 587,
      secure: implicitTls,
      // Invitation links are secrets: never in clear text past this machine.
      requireTLS: !implicitTls && !loopback,
      ...(options.user !== undefined ? { auth: { user: options.user, pass: options.password ?? '' } } : {}),
      connectionTimeout: ms,
      greetingTimeout: ms,
      socketTimeout: ms,
      // The messages are care-meet's own texts; nothing in them should make nodemailer read a file or a URL.
      disableFileAccess: true,
      disableUrlAccess: true,
    });
    this.#from = options.from;
    this.#log = options.logger ?? silentLogger;
    this.#server = `${url.protocol}//${url.host}`;
  }

  /** The server, for the start-up summary. */
  get server(): string {
    return this.#server;
  }

  async send(to: string, subject: string, text: string): Promise<void> {
    try {
      await this.#transport.sendMail({ from: this.#from, to, subject, text });
    } catch (e) {
      const code = (e as { code?: unknown; responseCode?: unknown }) ?? {};
      this.#log.warn('smtp server did not take the e-mail', {
        server: this.#server,
        error: typeof code.code === 'string' ? code.code : e instanceof Error ? e.name : 'unknown',
        ...(typeof code.responseCode === 'number' ? { responseCode: code.responseCode } : {}),
      });
      throw e;
    }
  }

  /** Closes idle connections (none are kept between messages; for symmetry with a pool). */
  close(): void {
    this.#transport.close();
  }
}
