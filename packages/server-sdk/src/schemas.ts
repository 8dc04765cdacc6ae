/**
 * The request bodies' checks, as the SDK's public functions: each runs the protocol's schema
 * (`@care-meet/protocol/schemas`, the same the HTTP handler runs for the route) at a given time.
 * The rules, limits and messages live there, once.
 */
import type { ProvenIdentity, RegisteredIdentity } from './model.js';
import {
  bookMeeting,
  consent,
  parseBody,
  participant,
  provenIdentity,
  type BodyContext,
  type BookMeetingInput,
  type ConsentInput,
  type ParticipantInput,
  type Parsed,
} from '@care-meet/protocol/schemas';

export { MAX_BOOKING_AHEAD_MS, MAX_PARTICIPANTS, type BookMeetingInput, type ConsentInput, type ParticipantInput } from '@care-meet/protocol/schemas';

/** The schemas' context for one moment. */
const at = (now: Date): BodyContext => ({ now: () => now });

/**
 * Validates one registration (HTTP body shape of `POST /meetings/{id}/participants`). Checksums
 * are verified here, before anything is stored. `field` names the value in an error
 * (`participant.identity.pnr`).
 */
export function parseParticipant(value: unknown, field = 'participant', now: Date = new Date()): Parsed<ParticipantInput> {
  return parseBody(participant(at(now)), value, { root: field, nested: true });
}

/** Validates the body of `POST /meetings`. */
export function parseBookMeeting(value: unknown, now: Date = new Date()): Parsed<BookMeetingInput> {
  return parseBody(bookMeeting(at(now)), value);
}

/** Validates the body of `POST /meetings/{id}/consent`. */
export function parseConsent(value: unknown): Parsed<ConsentInput> {
  return parseBody(consent(), value);
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
export function parseProvenIdentity(value: unknown, field = 'identity', now: Date = new Date()): Parsed<ProvenIdentity> {
  return parseBody(provenIdentity(at(now)), value, { root: field, nested: true });
}
