/**
 * The inbox's test citizens, one country per page language: a Swedish portal's citizens log in with
 * BankID (personnummer), a Danish one's with MitID (CPR number), a Norwegian one's with BankID
 * Norway (fødselsnummer or D-nummer), a Finnish one's with Suomi.fi (henkilötunnus). The English
 * pages stand in for the Swedish portal.
 */
import { normalizeCpr, normalizeFodselsnummer, normalizeHenkilotunnus, normalizePersonnummer } from '@care-meet/server-sdk';
import { ACR, type TestUser } from '@care-meet/test-idp';
import type { Lang } from './pages/layout.js';

/** A registered citizen identity, as the booking gives it and `vouchSession` takes it. */
export type CitizenIdentity = { kind: 'pnr'; pnr: string } | { kind: 'cpr'; cpr: string } | { kind: 'fnr'; fnr: string } | { kind: 'hetu'; hetu: string };

/** How a citizen logs in to the portal, as care-meet names the method. */
export type CitizenMethod = 'bankid' | 'mitid' | 'bankid-no' | 'suomifi';

export interface Citizen {
  id: string;
  name: string;
  identity: CitizenIdentity;
  /** The normalised number the inbox files messages under. */
  number: string;
  method: CitizenMethod;
}

/**
 * The levels of assurance the demo accepts for each login the test IdP stands in for: its
 * `identityProviders` are made from this, so every citizen's method, and SITHS for staff, can be
 * used to redeem an invitation too.
 */
export const LOGIN_ACR: Record<CitizenMethod | 'siths', readonly string[]> = {
  bankid: [ACR.loa3, ACR.loa4],
  siths: [ACR.loa3, ACR.loa4],
  mitid: [ACR.nsisSubstantial, ACR.nsisHigh],
  'bankid-no': [ACR.bankidNoHigh, ACR.bankidNoBiometric],
  suomifi: [ACR.suomifiLoa2, ACR.suomifiLoa3],
};

/** The login each page language's portal uses. */
export const CITIZEN_METHOD: Record<Lang, CitizenMethod> = { sv: 'bankid', da: 'mitid', nb: 'bankid-no', fi: 'suomifi', en: 'bankid' };

/**
 * The test IdP's users who are citizens (everyone but SITHS staff), with their numbers normalised.
 *
 * @example
 * const citizens = citizensOf(TEST_USERS); // Esther (pnr), Mette (cpr), Kari (fnr), Aino (hetu), …
 */
export function citizensOf(users: readonly TestUser[]): Citizen[] {
  return users.flatMap((u): Citizen[] => {
    const name = `${u.givenName} ${u.familyName}`;
    if (u.kind === 'bankid' && u.pnr)
      return [{ id: u.id, name, identity: { kind: 'pnr', pnr: u.pnr }, number: normalizePersonnummer(u.pnr), method: 'bankid' }];
    if (u.kind === 'mitid' && u.cpr) return [{ id: u.id, name, identity: { kind: 'cpr', cpr: u.cpr }, number: normalizeCpr(u.cpr), method: 'mitid' }];
    if (u.kind === 'bankid-no' && u.fnr)
      return [{ id: u.id, name, identity: { kind: 'fnr', fnr: u.fnr }, number: normalizeFodselsnummer(u.fnr), method: 'bankid-no' }];
    if (u.kind === 'suomifi' && u.hetu)
      return [{ id: u.id, name, identity: { kind: 'hetu', hetu: u.hetu }, number: normalizeHenkilotunnus(u.hetu), method: 'suomifi' }];
    return [];
  });
}

/**
 * The citizens the inbox on a page in `lang` offers: those of that language's portal.
 *
 * @example
 * citizensFor(citizensOf(TEST_USERS), 'fi').map((c) => c.name); // ['Aino Esimerkki', 'Matti Meikäläinen']
 */
export function citizensFor(citizens: readonly Citizen[], lang: Lang): Citizen[] {
  return citizens.filter((c) => c.method === CITIZEN_METHOD[lang]);
}

/**
 * The number the inbox files a booked participant's message under, or `null` for someone who is
 * not a citizen (staff by HSA-id, guests).
 *
 * @example
 * inboxNumberOf({ kind: 'fnr', fnr: '301082 99920' }); // '30108299920'
 */
export function inboxNumberOf(identity: { kind: string; pnr?: string; cpr?: string; fnr?: string; hetu?: string }): string | null {
  if (identity.kind === 'pnr' && identity.pnr) return normalizePersonnummer(identity.pnr);
  if (identity.kind === 'cpr' && identity.cpr) return normalizeCpr(identity.cpr);
  if (identity.kind === 'fnr' && identity.fnr) return normalizeFodselsnummer(identity.fnr);
  if (identity.kind === 'hetu' && identity.hetu) return normalizeHenkilotunnus(identity.hetu);
  return null;
}
