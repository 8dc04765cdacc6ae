/**
 * The bodies of booking: `POST /meetings` (a meeting and its list) and `POST /meetings/{id}/participants`
 * (one registration more).
 */
import * as v from 'valibot';
import { CareMeetError } from '../errors.js';
import { normalizeEmail, normalizePhone, validatePersonName } from '../validation/text.js';
import type { Role } from '../wire.js';
import { aString, exactObject, isoTime, listOf, oneOf, optionalBoolean, pathTo, text, validatedBy, type BodyContext, type BodySchema } from './fields.js';
import { registeredIdentity, type RegisteredIdentity } from './identity.js';
import { refusal, refusalOf } from './refusal.js';
import { MESSAGE_LANGUAGES, RELATIVE_KINDS, ROLES, type MessageLanguage } from './vocabulary.js';

/** The most participants one meeting may register. */
export const MAX_PARTICIPANTS = 50;
/** The longest meeting title, in UTF-8 bytes. */
export const MAX_TITLE_BYTES = 200;
/** The longest meeting: 24 hours. */
export const MAX_MEETING_MS = 24 * 3600_000;
/**
 * How far ahead a meeting may be booked: 731 days, two years with a leap day. Care plans book
 * follow-ups months ahead, a yearly review at most a year; a start years away is a typo (`2062` for
 * `2026`) or hostile. Every booking keeps personal data, a live invitation secret per participant
 * and a room name until the meeting is over, so the horizon also bounds how long those are kept.
 */
export const MAX_BOOKING_AHEAD_MS = 731 * 24 * 3600_000;

/** One participant as the organizer registers them, validated and normalised. */
export interface ParticipantInput {
  name: string;
  role: Role;
  identity: RegisteredIdentity;
  phone: string | null;
  email: string | null;
  /** The language of the messages care-meet sends this person (a guest's invitation, an SMS code); null: the deployment's default. */
  language: MessageLanguage | null;
}

export interface BookMeetingInput {
  title: string;
  startsAt: Date;
  endsAt: Date;
  allowScreenShare: boolean;
  allowChat: boolean;
  /** End-to-end encryption asked for (`true`/`false`), or null: the deployment's default. */
  e2ee: boolean | null;
  participants: ParticipantInput[];
  /** The individual's consent, given to the organizer before booking (verbally or in writing). */
  consent: { how: 'verbal' | 'written' } | null;
}

/**
 * One registration: the body of `POST /meetings/{id}/participants`, and each of `participants` in
 * `POST /meetings`. Checksums are verified here, before anything is stored.
 */
export function participant(context: BodyContext): BodySchema<ParticipantInput> {
  return v.pipe(
    exactObject({
      name: v.pipe(
        v.unknown(),
        validatedBy((name: unknown) => validatePersonName(name)),
      ),
      role: oneOf(ROLES),
      identity: registeredIdentity(context),
      phone: v.optional(aString()),
      email: v.optional(aString()),
      language: v.optional(oneOf(MESSAGE_LANGUAGES)),
    }),
    v.rawTransform(({ dataset, addIssue, NEVER }): ParticipantInput => {
      const { name, role, identity: sent, language } = dataset.value;
      let { phone: phoneSent, email: emailSent } = dataset.value;
      if (sent.kind === 'guest') {
        // The address may stand in the identity or beside it; twice, it must be the same.
        if (sent.phone !== undefined && phoneSent !== undefined && sent.phone !== phoneSent) {
          addIssue({ message: refusal('{parent} has two different phone numbers'), path: pathTo('phone') });
          return NEVER;
        }
        if (sent.email !== undefined && emailSent !== undefined && sent.email !== emailSent) {
          addIssue({ message: refusal('{parent} has two different e-mail addresses'), path: pathTo('email') });
          return NEVER;
        }
        phoneSent ??= sent.phone;
        emailSent ??= sent.email;
        if (phoneSent === undefined && emailSent === undefined) {
          addIssue({ message: refusal('a guest needs a phone number or an e-mail address for the invitation'), path: pathTo('identity') });
          return NEVER;
        }
      }
      // Normalised, or refused with the validator's own code at its field (undefined: refused).
      const normalized = (field: 'phone' | 'email', text: string | undefined, normalize: (text: string) => string): string | null | undefined => {
        if (text === undefined) return null;
        try {
          return normalize(text);
        } catch (e) {
          if (!(e instanceof CareMeetError)) throw e;
          addIssue({ message: refusalOf(e), path: pathTo(field) });
          return undefined;
        }
      };
      const phone = normalized('phone', phoneSent, normalizePhone);
      if (phone === undefined) return NEVER;
      const email = normalized('email', emailSent, normalizeEmail);
      if (email === undefined) return NEVER;
      let identity: RegisteredIdentity = sent;
      if (sent.kind === 'guest') {
        identity = { kind: 'guest' };
        if (phone !== null) identity.phone = phone;
        if (email !== null) identity.email = email;
      }
      if (identity.kind === 'guest' && role !== 'guest') {
        addIssue({ message: refusal('only the guest role may join without identification'), path: pathTo('identity', 'kind') });
        return NEVER;
      }
      if (role === 'relative' && !RELATIVE_KINDS.includes(identity.kind)) {
        addIssue({
          message: refusal(
            'relatives are identified by a national identity number: personnummer (BankID), CPR (MitID), fødselsnummer or D-nummer (BankID Norway) or henkilötunnus (Suomi.fi)',
          ),
          path: pathTo('identity', 'kind'),
        });
        return NEVER;
      }
      return { name, role, identity, phone, email, language: language ?? null };
    }),
  );
}

/** The body of `POST /meetings`: the meeting, its list (exactly one chair) and, optionally, the individual's consent. */
export function bookMeeting(context: BodyContext): BodySchema<BookMeetingInput> {
  return v.pipe(
    exactObject({
      title: text(MAX_TITLE_BYTES),
      startsAt: isoTime(),
      endsAt: isoTime(),
      allowScreenShare: optionalBoolean(false),
      allowChat: optionalBoolean(false),
      e2ee: optionalBoolean(null),
      participants: listOf(participant(context), MAX_PARTICIPANTS, 'participants'),
      consent: v.optional(exactObject({ how: oneOf(['verbal', 'written'] as const) })),
    }),
    v.rawTransform(({ dataset, addIssue, NEVER }): BookMeetingInput => {
      const { startsAt, endsAt, participants, consent } = dataset.value;
      const now = context.now().getTime();
      const refuse = (message: string, field: string): never => {
        addIssue({ message: refusal(message), path: pathTo(field) });
        return NEVER as never;
      };
      if (endsAt.getTime() <= startsAt.getTime()) return refuse('endsAt must be after startsAt', 'endsAt');
      if (endsAt.getTime() - startsAt.getTime() > MAX_MEETING_MS) {
        return refuse('endsAt is more than 24 hours after startsAt; a meeting lasts at most 24 hours', 'endsAt');
      }
      if (endsAt.getTime() <= now) return refuse('endsAt is in the past: the meeting would already be over', 'endsAt');
      if (startsAt.getTime() - now > MAX_BOOKING_AHEAD_MS) {
        return refuse('startsAt is more than two years (731 days) ahead; book it closer to the date', 'startsAt');
      }
      if (participants.filter((p) => p.role === 'chair').length !== 1) return refuse('a meeting has exactly one chair', 'participants');
      if (consent !== undefined && !participants.some((p) => p.role === 'individual')) {
        return refuse("consent is the individual's, and nobody is registered as the individual", 'consent');
      }
      return { ...dataset.value, consent: consent ?? null };
    }),
  );
}
