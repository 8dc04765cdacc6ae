/**
 * The messages care-meet sends on its own: a guest's invitation (SMS or e-mail) and an SMS one-time
 * code. Rule 10: an invitation holds only the time and the link, a code message only the code and
 * the time it is valid to. No name, no personal id, no clinic, no diagnosis, no meeting title:
 * the templates below take nothing else, so nothing else can leak into them.
 */
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Where SMS and e-mail go: the host's SMS gateway and mail server. Each call resolves when the
 * message has been handed over, and rejects when it could not be.
 *
 * @example
 * ```ts
 * const sender: MessageSender = {
 *   sms: (to, text) => gateway.send({ to, text }),
 *   email: (to, subject, text) => mailer.sendMail({ to, subject, text }),
 * };
 * ```
 */
export interface MessageSender {
  sms(to: string, text: string): Promise<void>;
  email(to: string, subject: string, text: string): Promise<void>;
}

/** The languages the messages are written in: Swedish, Danish, Norwegian bokmål, Finnish, English. */
export type MessageLanguage = 'sv' | 'da' | 'nb' | 'fi' | 'en';
export const MESSAGE_LANGUAGES: readonly MessageLanguage[] = ['sv', 'da', 'nb', 'fi', 'en'];

/** One message as the outbox keeps it. */
export interface OutboxMessage {
  /** When it was handed over, ISO 8601. */
  at: string;
  channel: 'sms' | 'email';
  to: string;
  subject?: string;
  text: string;
}

/**
 * A `MessageSender` that delivers nothing: it keeps every message in memory (`messages()`) and, when
 * given a file, appends each as one JSON line there (created with mode 0600). For the demo's
 * outbox page and for tests. Never in production: the file holds live invitation links and codes.
 *
 * @example
 * ```ts
 * const outbox = new OutboxSender({ file: '.care-meet/outbox.jsonl' });
 * const careMeet = await CareMeet.create({ ...options, messages: outbox, inviteUrl: (s) => `https://portal.example/join#invite=${s}` });
 * outbox.messages().at(-1)?.text;
 * ```
 */
export class OutboxSender implements MessageSender {
  readonly #file: string | undefined;
  readonly #messages: OutboxMessage[] = [];
  #dirReady: Promise<unknown> | undefined;

  constructor(options: { file?: string } = {}) {
    if (options.file !== undefined && (typeof options.file !== 'string' || options.file === '')) {
      throw new TypeError('OutboxSender: file must be a path');
    }
    this.#file = options.file;
  }

  async sms(to: string, text: string): Promise<void> {
    await this.#keep({ at: new Date().toISOString(), channel: 'sms', to, text });
  }

  async email(to: string, subject: string, text: string): Promise<void> {
    await this.#keep({ at: new Date().toISOString(), channel: 'email', to, subject, text });
  }

  /** Every message handed over so far, oldest first (copies). */
  messages(): OutboxMessage[] {
    return this.#messages.map((m) => ({ ...m }));
  }

  async #keep(message: OutboxMessage): Promise<void> {
    this.#messages.push(message);
    if (this.#file === undefined) return;
    this.#dirReady ??= mkdir(dirname(this.#file), { recursive: true });
    await this.#dirReady;
    await appendFile(this.#file, JSON.stringify(message) + '\n', { encoding: 'utf8', mode: 0o600 });
  }
}

/**
 * The time zone the messages state times in, unless configured: the capital's of the language's
 * country (Copenhagen for Danish, Oslo for bokmål, Helsinki for Finnish), else Stockholm.
 */
export function defaultMessageTimeZone(lang: MessageLanguage): string {
  return TIME_ZONE[lang];
}

const TIME_ZONE: Record<MessageLanguage, string> = {
  sv: 'Europe/Stockholm',
  da: 'Europe/Copenhagen',
  nb: 'Europe/Oslo',
  fi: 'Europe/Helsinki',
  en: 'Europe/Stockholm',
};

const LOCALE: Record<MessageLanguage, string> = { sv: 'sv-SE', da: 'da-DK', nb: 'nb-NO', fi: 'fi-FI', en: 'en-GB' };

/** The word before a time of day: "kl. 10:00", "klo 10.00", "at 10:00". */
const AT_TIME: Record<MessageLanguage, string> = { sv: 'kl.', da: 'kl.', nb: 'kl.', fi: 'klo', en: 'at' };

function clock(at: Date, lang: MessageLanguage, timeZone: string): string {
  return new Intl.DateTimeFormat(LOCALE[lang], { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
}

/**
 * A meeting's start as a person reads it, in the message's language and time zone:
 * `tisdag 1 december 2026 kl. 10:00`, `tirsdag den 1. december 2026 kl. 10.00`,
 * `tirsdag 1. desember 2026 kl. 10:00`, `tiistaina 1. joulukuuta 2026 klo 11.00`,
 * `Tuesday, 1 December 2026 at 10:00`.
 *
 * @example
 * ```ts
 * formatMeetingTime(new Date('2026-12-01T09:00:00Z'), 'sv', 'Europe/Stockholm'); // 'tisdag 1 december 2026 kl. 10:00'
 * ```
 */
export function formatMeetingTime(at: Date, lang: MessageLanguage, timeZone: string): string {
  const day = new Intl.DateTimeFormat(LOCALE[lang], { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(at);
  const time = clock(at, lang, timeZone);
  return `${day} ${AT_TIME[lang]} ${time}`;
}

/** A guest's invitation: an SMS text, and an e-mail's subject and text. Only the time and the link. */
export interface InvitationMessage {
  sms: string;
  subject: string;
  email: string;
}

/**
 * The invitation texts. They take the start time and the link and nothing else (rule 10).
 *
 * @example
 * ```ts
 * invitationMessage({ startsAt, url: 'https://portal.example/join#invite=…', lang: 'sv', timeZone: 'Europe/Stockholm' }).sms;
 * // 'Du är inbjuden till ett videomöte tisdag 1 december 2026 kl. 10:00. Öppna länken när det är dags: https://…'
 * ```
 */
export function invitationMessage(input: { startsAt: Date; url: string; lang: MessageLanguage; timeZone: string }): InvitationMessage {
  const when = formatMeetingTime(input.startsAt, input.lang, input.timeZone);
  const { url } = input;
  switch (input.lang) {
    case 'sv':
      return {
        sms: `Du är inbjuden till ett videomöte ${when}. Öppna länken när det är dags: ${url}`,
        subject: 'Inbjudan till videomöte',
        email: `Hej!\n\nDu är inbjuden till ett videomöte ${when}.\n\nÖppna länken när det är dags:\n${url}\n\nLänken är personlig. Dela den inte med någon annan.\n`,
      };
    case 'da':
      return {
        sms: `Du er inviteret til et videomøde ${when}. Åbn linket, når det er tid: ${url}`,
        subject: 'Invitation til videomøde',
        email: `Hej!\n\nDu er inviteret til et videomøde ${when}.\n\nÅbn linket, når det er tid:\n${url}\n\nLinket er personligt. Del det ikke med andre.\n`,
      };
    case 'nb':
      return {
        sms: `Du er invitert til et videomøte ${when}. Åpne lenken når møtet begynner: ${url}`,
        subject: 'Invitasjon til videomøte',
        email: `Hei!\n\nDu er invitert til et videomøte ${when}.\n\nÅpne lenken når møtet begynner:\n${url}\n\nLenken er personlig. Ikke del den med andre.\n`,
      };
    case 'fi':
      return {
        sms: `Sinut on kutsuttu videotapaamiseen ${when}. Avaa linkki, kun tapaaminen alkaa: ${url}`,
        subject: 'Kutsu videotapaamiseen',
        email: `Hei!\n\nSinut on kutsuttu videotapaamiseen ${when}.\n\nAvaa linkki, kun tapaaminen alkaa:\n${url}\n\nLinkki on henkilökohtainen. Älä jaa sitä muille.\n`,
      };
    case 'en':
      return {
        sms: `You are invited to a video meeting on ${when}. Open the link when it is time: ${url}`,
        subject: 'Invitation to a video meeting',
        email: `Hello,\n\nYou are invited to a video meeting on ${when}.\n\nOpen the link when it is time:\n${url}\n\nThe link is personal. Do not share it with anyone.\n`,
      };
  }
}

/**
 * The SMS with a one-time code: the code and the time it is valid to, nothing else.
 *
 * @example
 * ```ts
 * smsCodeMessage({ code: '123456', validUntil, lang: 'sv', timeZone: 'Europe/Stockholm' });
 * // 'Din kod är 123456. Den gäller till kl. 10:12.'
 * ```
 */
export function smsCodeMessage(input: { code: string; validUntil: Date; lang: MessageLanguage; timeZone: string }): string {
  if (!/^[0-9]{6,10}$/.test(input.code)) throw new TypeError('smsCodeMessage: the code must be 6 to 10 digits');
  const until = clock(input.validUntil, input.lang, input.timeZone);
  switch (input.lang) {
    case 'sv':
      return `Din kod är ${input.code}. Den gäller till kl. ${until}.`;
    case 'da':
      return `Din kode er ${input.code}. Den gælder til kl. ${until}.`;
    case 'nb':
      return `Koden din er ${input.code}. Den gjelder til kl. ${until}.`;
    case 'fi':
      return `Koodisi on ${input.code}. Se on voimassa klo ${until} asti.`;
    case 'en':
      return `Your code is ${input.code}. It is valid until ${until}.`;
  }
}

/**
 * A phone number as the organizer and the person may see it: the country prefix and the last two
 * digits, `+46****43`.
 *
 * @example
 * ```ts
 * maskPhone('+46709876543'); // '+46****43'
 * ```
 */
export function maskPhone(phone: string): string {
  return `${phone.slice(0, 3)}****${phone.slice(-2)}`;
}
