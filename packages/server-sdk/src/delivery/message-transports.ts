/**
 * The `MessageSender` made of real transports: SMS through an HTTP gateway, e-mail over SMTP.
 * Either may be missing; a message for a missing one is refused, which the SDK answers as
 * `SEND_FAILED` (and a deployment that checks its verify methods never books a guest who would
 * need it).
 */
import type { MessageSender } from '../identity/messages.js';
import type { HttpSmsGateway } from './sms-gateway.js';
import type { SmtpMailer } from './smtp-mailer.js';

/** A message for a channel this deployment has no transport for. */
export class NoTransportError extends Error {
  override readonly name = 'NoTransportError';
  constructor(readonly channel: 'sms' | 'email') {
    super(`no ${channel === 'sms' ? 'SMS gateway' : 'SMTP server'} is configured`);
  }
}

/**
 * @example
 * ```ts
 * const messages = new MessageTransports({ sms: new HttpSmsGateway({ url }), email: new SmtpMailer({ url: smtpUrl, from }) });
 * await CareMeet.create({ ...options, messages, inviteUrl: (s) => `https://portal.example/mote#invite=${s}` });
 * ```
 */
export class MessageTransports implements MessageSender {
  readonly smsGateway: HttpSmsGateway | undefined;
  readonly mailer: SmtpMailer | undefined;

  constructor(transports: { sms?: HttpSmsGateway | undefined; email?: SmtpMailer | undefined }) {
    this.smsGateway = transports.sms;
    this.mailer = transports.email;
  }

  async sms(to: string, text: string): Promise<void> {
    if (!this.smsGateway) throw new NoTransportError('sms');
    await this.smsGateway.send(to, text);
  }

  async email(to: string, subject: string, text: string): Promise<void> {
    if (!this.mailer) throw new NoTransportError('email');
    await this.mailer.send(to, subject, text);
  }

  close(): void {
    this.mailer?.close();
  }
}
