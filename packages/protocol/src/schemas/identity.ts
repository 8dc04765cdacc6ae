/**
 * Identities in a body: the one a registration is made with (`participants[].identity`), and the
 * one a host vouches it has proven (`POST /sessions`). Each identity number is checked and
 * normalised by the protocol's validator for its kind (checksums included), before anything is stored.
 */
import * as v from 'valibot';
import { normalizeCpr } from '../validation/cpr.js';
import { normalizeFodselsnummer } from '../validation/fodselsnummer.js';
import { normalizeHenkilotunnus } from '../validation/henkilotunnus.js';
import { validateHsaId } from '../validation/hsa-id.js';
import { normalizePersonnummer } from '../validation/personnummer.js';
import type { IdentityKind } from '../wire.js';
import { aString, exactObject, objectWithKeys, oneOf, validatedBy, type BodyContext, type BodySchema } from './fields.js';
import { refusal } from './refusal.js';

/** A proven identity, normalised: what an identity provider or a vouching host says about the person. */
export type ProvenIdentity =
  { kind: 'hsa'; hsaId: string } | { kind: 'pnr'; pnr: string } | { kind: 'cpr'; cpr: string } | { kind: 'fnr'; fnr: string } | { kind: 'hetu'; hetu: string };

/** An identity a registration is made with, normalised; a guest's phone and e-mail are the registration's. */
export type RegisteredIdentity = ProvenIdentity | { kind: 'guest'; phone?: string; email?: string };

/** A guest's identity as sent: the phone number or e-mail address may be given here or beside it. */
export interface GuestIdentityInput {
  kind: 'guest';
  phone?: string | undefined;
  email?: string | undefined;
}

type NumberKind = ProvenIdentity['kind'];

/** The identity number as sent: a string of at most 64 characters (no validator needs more). */
const numberText = () => v.pipe(aString(), v.maxLength(64, refusal('{field} is too long')));

/** The schema of an object whose keys are already checked (its input is an object). */
type ObjectBodySchema<T> = v.GenericSchema<Record<string, unknown>, T>;

function numberEntries(context: BodyContext): { [K in NumberKind]: ObjectBodySchema<Extract<ProvenIdentity, { kind: K }>> } {
  const number = (normalize: (text: string) => string) => v.pipe(numberText(), validatedBy(normalize));
  return {
    hsa: exactObject({ kind: v.literal('hsa'), hsaId: number(validateHsaId) }),
    pnr: exactObject({ kind: v.literal('pnr'), pnr: number((text) => normalizePersonnummer(text, context.now())) }),
    // Judged by the real date, as it always was (the other numbers by the server's clock).
    cpr: exactObject({ kind: v.literal('cpr'), cpr: number((text) => normalizeCpr(text)) }),
    fnr: exactObject({ kind: v.literal('fnr'), fnr: number((text) => normalizeFodselsnummer(text, context.now())) }),
    hetu: exactObject({ kind: v.literal('hetu'), hetu: number((text) => normalizeHenkilotunnus(text, context.now())) }),
  };
}

/**
 * An identity object of one of `byKind`'s kinds: first no key that no kind takes, then a known
 * `kind`, then exactly the keys of that kind, then its value.
 */
function identityOf<K extends string, T>(byKind: Record<K, ObjectBodySchema<T>>, allKeys: readonly string[]): BodySchema<T> {
  const kinds = Object.keys(byKind) as K[];
  const kind = oneOf(kinds);
  return v.pipe(
    objectWithKeys(allKeys),
    v.forward(
      v.check((o: Record<string, unknown>) => v.is(kind, o.kind), refusal(`{field} must be one of ${kinds.join(', ')}`)),
      ['kind'],
    ),
    // The kind was checked just above: the lazy step picks that kind's schema.
    v.lazy((o) => byKind[(o as { kind: K }).kind]),
  );
}

/** The identity a host vouches for (`POST /sessions`): `hsa`, `pnr`, `cpr`, `fnr` or `hetu`, normalised. */
export function provenIdentity(context: BodyContext): BodySchema<ProvenIdentity> {
  return identityOf<NumberKind, ProvenIdentity>(numberEntries(context), ['kind', 'hsaId', 'pnr', 'cpr', 'fnr', 'hetu']);
}

/** A registration's identity, numbers normalised; a guest's phone and e-mail as sent (the participant checks them). */
export function registeredIdentity(context: BodyContext): BodySchema<ProvenIdentity | GuestIdentityInput> {
  const guest = exactObject({ kind: v.literal('guest'), phone: v.optional(aString()), email: v.optional(aString()) });
  const byKind: Record<IdentityKind, ObjectBodySchema<ProvenIdentity | GuestIdentityInput>> = { ...numberEntries(context), guest };
  return identityOf(byKind, ['kind', 'hsaId', 'pnr', 'cpr', 'fnr', 'hetu', 'phone', 'email']);
}
