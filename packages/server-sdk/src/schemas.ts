import { CareMeetError } from './errors.js';
import { MESSAGE_LANGUAGES, type MessageLanguage } from './identity/messages.js';
import { IDENTITY_KINDS, ROLES, type ConsentHow, type IdentityKind, type ProvenIdentity, type RegisteredIdentity, type Role } from './model.js';
import {
  assertNoOddUnicode,
  checkIsoTime,
  normalizeCpr,
  normalizeEmail,
  normalizeFodselsnummer,
  normalizeHenkilotunnus,
  normalizePersonnummer,
  normalizePhone,
  validateHsaId,
  validatePersonName,
} from '@care-meet/protocol/validation';

/** The most participants one meeting may register. */
export const MAX_PARTICIPANTS = 50;
const MAX_TITLE_BYTES = 200;
const MAX_MEETING_MS = 24 * 3600_000;
/**
 * How far ahead a meeting may be booked: 731 days, two years with a leap day. Care plans book
 * follow-ups months ahead, a yearly review at most a year; a start years away is a typo (`2062` for
 * `2026`) or hostile. Every booking keeps personal data, a live invitation secret per participant
 * and a room name until the meeting is over, so the horizon also bounds how long those are kept.
 */
export const MAX_BOOKING_AHEAD_MS = 731 * 24 * 3600_000;

const bad = (message: string, field: string): CareMeetError => new CareMeetError('BAD_REQUEST', message, { field });

/** A plain JSON object with no keys but `allowed` (and never `__proto__`, `constructor`, `prototype`). */
export function expectObject(value: unknown, field: string, allowed: readonly string[]): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw bad(`${field} must be an object`, field);
  for (const key of Object.keys(value)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') throw bad(`${field} has a forbidden key`, field);
    if (!allowed.includes(key)) throw bad(`${field} has an unknown field "${key.slice(0, 40)}"`, `${field}.${key.slice(0, 40)}`);
  }
  return value as Record<string, unknown>;
}

function utf8Bytes(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** A required string field of at most `maxBytes` UTF-8 bytes, free of control, bidi and zero-width characters. */
export function expectString(o: Record<string, unknown>, key: string, field: string, maxBytes = 200): string {
  const v = o[key];
  if (typeof v !== 'string') throw bad(`${field} must be a string`, field);
  if (v.length === 0 || utf8Bytes(v) > maxBytes) throw bad(`${field} must be 1 to ${maxBytes} bytes`, field);
  assertNoOddUnicode(v, field);
  return v;
}

function optionalString(o: Record<string, unknown>, key: string, field: string): string | undefined {
  if (o[key] === undefined) return undefined;
  if (typeof o[key] !== 'string') throw bad(`${field} must be a string`, field);
  return o[key] as string;
}

function expectBoolean(o: Record<string, unknown>, key: string, field: string, fallback: boolean): boolean {
  const v = o[key];
  if (v === undefined) return fallback;
  if (typeof v !== 'boolean') throw bad(`${field} must be true or false`, field);
  return v;
}

/**
 * An ISO 8601 time with an explicit offset (`Z` or `+01:00`); a bare local time is ambiguous and
 * refused, and so is a day or clock time that does not exist (`2027-02-30`, `24:00`): `new Date`
 * would roll those over to another day instead.
 */
export function expectTime(o: Record<string, unknown>, key: string, field: string): Date {
  const v = o[key];
  if (typeof v !== 'string' || v.length > 64) throw bad(`${field} must be an ISO 8601 time with offset`, field);
  const checked = checkIsoTime(v);
  if (!checked.ok) throw bad(`${field} ${checked.detail}`, field);
  return checked.time;
}

function oneOf<T extends string>(o: Record<string, unknown>, key: string, field: string, values: readonly T[]): T {
  const v = o[key];
  if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) {
    throw bad(`${field} must be one of ${values.join(', ')}`, field);
  }
  return v as T;
}

/** Re-labels a validator's error with the field it came from, keeping its code. */
function at<T>(field: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof CareMeetError) throw new CareMeetError(e.code, e.message, { field, cause: e });
    throw e;
  }
}

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
 * Validates one registration (HTTP body shape of `POST /meetings/{id}/participants`).
 * Checksums are verified here, before anything is stored.
 */
export function parseParticipant(value: unknown, field = 'participant', now: Date = new Date()): ParticipantInput {
  const o = expectObject(value, field, ['name', 'role', 'identity', 'phone', 'email', 'language']);
  const name = at(`${field}.name`, () => validatePersonName(o.name, `${field}.name`));
  const role = oneOf(o, 'role', `${field}.role`, ROLES);
  const idField = `${field}.identity`;
  const kind = oneOf(
    expectObject(o.identity, idField, ['kind', 'hsaId', 'pnr', 'cpr', 'fnr', 'hetu', 'phone', 'email']),
    'kind',
    `${idField}.kind`,
    IDENTITY_KINDS,
  );
  const allowedByKind: Record<IdentityKind, string[]> = {
    hsa: ['kind', 'hsaId'],
    pnr: ['kind', 'pnr'],
    cpr: ['kind', 'cpr'],
    fnr: ['kind', 'fnr'],
    hetu: ['kind', 'hetu'],
    guest: ['kind', 'phone', 'email'],
  };
  const io = expectObject(o.identity, idField, allowedByKind[kind]);
  let phoneRaw = optionalString(o, 'phone', `${field}.phone`);
  let emailRaw = optionalString(o, 'email', `${field}.email`);
  let identity: RegisteredIdentity;
  switch (kind) {
    case 'hsa':
      identity = { kind, hsaId: at(`${idField}.hsaId`, () => validateHsaId(String(expectStringRaw(io, 'hsaId', `${idField}.hsaId`)))) };
      break;
    case 'pnr':
      identity = { kind, pnr: at(`${idField}.pnr`, () => normalizePersonnummer(expectStringRaw(io, 'pnr', `${idField}.pnr`), now)) };
      break;
    case 'cpr':
      identity = { kind, cpr: at(`${idField}.cpr`, () => normalizeCpr(expectStringRaw(io, 'cpr', `${idField}.cpr`))) };
      break;
    case 'fnr':
      identity = { kind, fnr: at(`${idField}.fnr`, () => normalizeFodselsnummer(expectStringRaw(io, 'fnr', `${idField}.fnr`), now)) };
      break;
    case 'hetu':
      identity = { kind, hetu: at(`${idField}.hetu`, () => normalizeHenkilotunnus(expectStringRaw(io, 'hetu', `${idField}.hetu`), now)) };
      break;
    case 'guest': {
      const ip = optionalString(io, 'phone', `${idField}.phone`);
      const ie = optionalString(io, 'email', `${idField}.email`);
      if (ip !== undefined && phoneRaw !== undefined && ip !== phoneRaw) throw bad(`${field} has two different phone numbers`, `${field}.phone`);
      if (ie !== undefined && emailRaw !== undefined && ie !== emailRaw) throw bad(`${field} has two different e-mail addresses`, `${field}.email`);
      phoneRaw ??= ip;
      emailRaw ??= ie;
      if (phoneRaw === undefined && emailRaw === undefined) {
        throw bad('a guest needs a phone number or an e-mail address for the invitation', idField);
      }
      identity = { kind: 'guest' };
      break;
    }
  }
  const phone = phoneRaw === undefined ? null : at(`${field}.phone`, () => normalizePhone(phoneRaw));
  const email = emailRaw === undefined ? null : at(`${field}.email`, () => normalizeEmail(emailRaw));
  if (identity.kind === 'guest') {
    if (phone !== null) identity.phone = phone;
    if (email !== null) identity.email = email;
  }
  if (kind === 'guest' && role !== 'guest') throw bad('only the guest role may join without identification', `${idField}.kind`);
  if (role === 'relative' && !RELATIVE_KINDS.includes(kind)) {
    throw bad(
      'relatives are identified by a national identity number: personnummer (BankID), CPR (MitID), fødselsnummer or D-nummer (BankID Norway) or henkilötunnus (Suomi.fi)',
      `${idField}.kind`,
    );
  }
  const language = o.language === undefined ? null : oneOf(o, 'language', `${field}.language`, MESSAGE_LANGUAGES);
  return { name, role, identity, phone, email, language };
}

/** The identity kinds a relative may be registered with: a citizen's national number, proven by their own e-identification. */
const RELATIVE_KINDS: readonly IdentityKind[] = ['pnr', 'cpr', 'fnr', 'hetu'];

function expectStringRaw(o: Record<string, unknown>, key: string, field: string): string {
  const v = o[key];
  if (typeof v !== 'string') throw bad(`${field} must be a string`, field);
  if (v.length > 64) throw bad(`${field} is too long`, field);
  return v;
}

/** Validates the body of `POST /meetings`. */
export function parseBookMeeting(value: unknown, now: Date = new Date()): BookMeetingInput {
  const o = expectObject(value, 'body', ['title', 'startsAt', 'endsAt', 'allowScreenShare', 'allowChat', 'e2ee', 'participants', 'consent']);
  const title = expectString(o, 'title', 'title', MAX_TITLE_BYTES);
  const startsAt = expectTime(o, 'startsAt', 'startsAt');
  const endsAt = expectTime(o, 'endsAt', 'endsAt');
  if (endsAt.getTime() <= startsAt.getTime()) throw bad('endsAt must be after startsAt', 'endsAt');
  if (endsAt.getTime() - startsAt.getTime() > MAX_MEETING_MS)
    throw bad('endsAt is more than 24 hours after startsAt; a meeting lasts at most 24 hours', 'endsAt');
  if (endsAt.getTime() <= now.getTime()) throw bad('endsAt is in the past: the meeting would already be over', 'endsAt');
  if (startsAt.getTime() - now.getTime() > MAX_BOOKING_AHEAD_MS) {
    throw bad('startsAt is more than two years (731 days) ahead; book it closer to the date', 'startsAt');
  }
  const allowScreenShare = expectBoolean(o, 'allowScreenShare', 'allowScreenShare', false);
  const allowChat = expectBoolean(o, 'allowChat', 'allowChat', false);
  const e2ee = o.e2ee === undefined ? null : expectBoolean(o, 'e2ee', 'e2ee', false);
  if (!Array.isArray(o.participants) || o.participants.length === 0) {
    throw bad('participants must be a non-empty list', 'participants');
  }
  if (o.participants.length > MAX_PARTICIPANTS) throw bad(`at most ${MAX_PARTICIPANTS} participants`, 'participants');
  const participants = o.participants.map((p, i) => parseParticipant(p, `participants[${i}]`, now));
  const chairs = participants.filter((p) => p.role === 'chair').length;
  if (chairs !== 1) throw bad('a meeting has exactly one chair', 'participants');
  let consent: BookMeetingInput['consent'] = null;
  if (o.consent !== undefined) {
    if (!participants.some((p) => p.role === 'individual')) throw bad("consent is the individual's, and nobody is registered as the individual", 'consent');
    consent = { how: oneOf(expectObject(o.consent, 'consent', ['how']), 'how', 'consent.how', ['verbal', 'written'] as const) };
  }
  return { title, startsAt, endsAt, allowScreenShare, allowChat, e2ee, participants, consent };
}

/** What `POST /meetings/{id}/consent` takes: how consent was given, and the list it was given to. */
export interface ConsentInput {
  how: ConsentHow;
  /** The registrations the person was shown: it must be the meeting's list as it is now. */
  participantIds: string[];
}

/** Validates the body of `POST /meetings/{id}/consent`. */
export function parseConsent(value: unknown): ConsentInput {
  const o = expectObject(value, 'body', ['how', 'participantIds']);
  const how = oneOf(o, 'how', 'how', ['self', 'verbal', 'written'] as const);
  const ids = o.participantIds;
  if (!Array.isArray(ids) || ids.length === 0) throw bad('participantIds must be a non-empty list', 'participantIds');
  if (ids.length > MAX_PARTICIPANTS) throw bad(`at most ${MAX_PARTICIPANTS} participantIds`, 'participantIds');
  const participantIds = ids.map((id, i) => {
    if (typeof id !== 'string' || id.length === 0 || id.length > 64) throw bad('participantIds holds strings of 1 to 64 characters', `participantIds[${i}]`);
    return id;
  });
  if (new Set(participantIds).size !== participantIds.length) throw bad('participantIds names someone twice', 'participantIds');
  return { how, participantIds };
}

/** The namespaced form an identity is matched by: `pnr:191212121212`, `hsa:SE…`, `cpr:…`, `fnr:…`, `hetu:…`. */
export function namespacedIdentity(identity: ProvenIdentity | RegisteredIdentity): string | null {
  switch (identity.kind) {
    case 'hsa':
      return `hsa:${identity.hsaId}`;
    case 'pnr':
      return `pnr:${identity.pnr}`;
    case 'cpr':
      return `cpr:${identity.cpr}`;
    case 'fnr':
      return `fnr:${identity.fnr}`;
    case 'hetu':
      return `hetu:${identity.hetu}`;
    case 'guest':
      return null;
  }
}

/** Validates and normalises an identity a host vouches for (`POST /sessions`). */
export function parseProvenIdentity(value: unknown, field = 'identity', now: Date = new Date()): ProvenIdentity {
  const kindObj = expectObject(value, field, ['kind', 'hsaId', 'pnr', 'cpr', 'fnr', 'hetu']);
  const kind = oneOf(kindObj, 'kind', `${field}.kind`, ['hsa', 'pnr', 'cpr', 'fnr', 'hetu'] as const);
  const o = expectObject(value, field, ['kind', kind === 'hsa' ? 'hsaId' : kind]);
  switch (kind) {
    case 'hsa':
      return { kind, hsaId: at(`${field}.hsaId`, () => validateHsaId(expectStringRaw(o, 'hsaId', `${field}.hsaId`))) };
    case 'pnr':
      return { kind, pnr: at(`${field}.pnr`, () => normalizePersonnummer(expectStringRaw(o, 'pnr', `${field}.pnr`), now)) };
    case 'cpr':
      return { kind, cpr: at(`${field}.cpr`, () => normalizeCpr(expectStringRaw(o, 'cpr', `${field}.cpr`))) };
    case 'fnr':
      return { kind, fnr: at(`${field}.fnr`, () => normalizeFodselsnummer(expectStringRaw(o, 'fnr', `${field}.fnr`), now)) };
    case 'hetu':
      return { kind, hetu: at(`${field}.hetu`, () => normalizeHenkilotunnus(expectStringRaw(o, 'hetu', `${field}.hetu`), now)) };
  }
}

export { oneOf as expectOneOf };
