/**
 * The test identity provider's people, the claim names it can release their identities under, and
 * the levels of assurance it can claim. Nothing here is a real person or a real e-legitimation.
 */

/** Levels of assurance (`acr` values) the test IdP knows. */
export const ACR = {
  /** Swedish eID framework (DIGG, formerly E-legitimationsnämnden), level 2. */
  loa2: 'http://id.elegnamnden.se/loa/1.0/loa2',
  /** Level 3: BankID, Freja+, SITHS eID. What care-meet's examples require. */
  loa3: 'http://id.elegnamnden.se/loa/1.0/loa3',
  loa4: 'http://id.elegnamnden.se/loa/1.0/loa4',
  /** Danish NSIS levels, as NemLog-in states them for MitID. */
  nsisLow: 'https://data.gov.dk/concept/core/nsis/loa/Low',
  nsisSubstantial: 'https://data.gov.dk/concept/core/nsis/loa/Substantial',
  nsisHigh: 'https://data.gov.dk/concept/core/nsis/loa/High',
  /** BankID Norway's own OIDC service: BankID (high, LOA 4) and BankID with biometrics (substantial, LOA 3). */
  bankidNoHigh: 'urn:bankid:bid;LOA=4',
  bankidNoBiometric: 'urn:bankid:bis;LOA=3',
  /** Suomi.fi-tunnistus: Finnish levels of assurance, substantial (2) and high (3). */
  suomifiLoa2: 'http://ftn.ficora.fi/2017/loa2',
  suomifiLoa3: 'http://ftn.ficora.fi/2017/loa3',
} as const;

/** Claim names national identities travel under. */
export const CLAIM = {
  /** Swedish OIDC claims (id.oidc.se), scope `https://id.oidc.se/scope/naturalPersonNumber`: 12 digits. */
  personalIdentityNumber: 'https://id.oidc.se/claim/personalIdentityNumber',
  /** The SAML attribute `personalIdentityNumber`, as an OIDC bridge in front of a SAML IdP passes it on. */
  samlPersonalIdentityNumber: 'urn:oid:1.2.752.29.4.13',
  /** HSA-id by its OID. */
  hsaIdOid: 'urn:oid:1.2.752.29.6.2.1',
  /** HSA-id as the Sambi federation's SAML attribute names it. */
  sambiEmployeeHsaId: 'http://sambi.se/attributes/1/employeeHsaId',
  /** Danish CPR number as NemLog-in's OIDC interface names it. */
  cprNumber: 'https://data.gov.dk/model/core/eid/cprNumber',
  /** Danish CPR number as the older SAML profile names it. */
  samlCprNumber: 'dk:gov:saml:attribute:CprNumberIdentifier',
  /** Norwegian fødselsnummer or D-nummer as BankID Norway's OIDC service puts it in the ID token (scope `nnin_altsub`). */
  nninAltsub: 'nnin_altsub',
  /** Norwegian fødselsnummer or D-nummer as ID-porten names it. */
  idportenPid: 'pid',
  /** Finnish henkilötunnus as Suomi.fi-tunnistus releases it (the SAML attribute's OID), passed on by an OIDC broker. */
  suomifiNationalIdentificationNumber: 'urn:oid:1.2.246.21',
  /** The same attribute under its SAML friendly name. */
  samlNationalIdentificationNumber: 'nationalIdentificationNumber',
} as const;

/** Which claim names each kind of identity is released under. Every name listed gets the value. */
export interface IdentityClaimNames {
  pnr: string[];
  hsaId: string[];
  cpr: string[];
  /** Norwegian fødselsnummer or D-nummer. */
  fnr: string[];
  /** Finnish henkilötunnus. */
  hetu: string[];
}

/** Ready-made claim name sets: a native Swedish OIDC IdP, and an OIDC bridge in front of SAML. */
export const CLAIM_PROFILES: Readonly<Record<'oidc-se' | 'saml-bridged', Readonly<IdentityClaimNames>>> = Object.freeze({
  'oidc-se': {
    pnr: [CLAIM.personalIdentityNumber],
    hsaId: [CLAIM.hsaIdOid],
    cpr: [CLAIM.cprNumber],
    fnr: [CLAIM.nninAltsub],
    hetu: [CLAIM.suomifiNationalIdentificationNumber],
  },
  'saml-bridged': {
    pnr: [CLAIM.samlPersonalIdentityNumber],
    hsaId: [CLAIM.sambiEmployeeHsaId],
    cpr: [CLAIM.samlCprNumber],
    fnr: [CLAIM.idportenPid],
    hetu: [CLAIM.samlNationalIdentificationNumber],
  },
});

/** A person the test IdP can log in. Exactly one of `pnr`, `hsaId`, `cpr`, `fnr`, `hetu` is set. */
export interface TestUser {
  /** The account id, also the value of the login form's `user` field. */
  id: string;
  /** What kind of e-legitimation this stands in for. */
  kind: 'bankid' | 'siths' | 'mitid' | 'bankid-no' | 'suomifi';
  givenName: string;
  familyName: string;
  /** Personnummer, 12 digits (as Swedish OIDC IdPs release it). */
  pnr?: string;
  /** HSA-id, exact case. */
  hsaId?: string;
  /** Danish CPR number, 10 digits. */
  cpr?: string;
  /** Norwegian fødselsnummer or D-nummer, 11 digits. */
  fnr?: string;
  /** Finnish henkilötunnus, 11 characters, upper case. */
  hetu?: string;
  /** The level of assurance this person logs in with unless the login form says otherwise. */
  acr: string;
}

/**
 * The built-in test users. The personnummer are Skatteverket's: 19121212-1212 is the example its
 * own texts use, 19811228-9874 and 19850709-9920 are from its list of test personnummer (birth
 * numbers 980-999 are reserved for tests). The HSA-ids are made up under Region Stockholm's
 * organisation number; the CPR number is the Danish CPR office's classic example (modulus 11 valid).
 * The fødselsnummer 30108299920 is Skatteetaten's own example ("Nytt fødselsnummer fra 2032"): an
 * individual number (999) not issued on that date today; the D-nummer 70108299914 is its D-nummer
 * form with check digits computed here. The henkilötunnus 010594Y9032 (a 2023 century sign) and
 * 010181-900C use individual numbers 900-999, the range for temporary and test codes, never a
 * permanent one, with check characters computed here.
 */
export const TEST_USERS: readonly TestUser[] = Object.freeze([
  { id: 'esther', kind: 'bankid', givenName: 'Esther', familyName: 'Exempel', pnr: '191212121212', acr: ACR.loa3 },
  { id: 'rut', kind: 'bankid', givenName: 'Rut', familyName: 'Exempel', pnr: '198507099920', acr: ACR.loa3 },
  { id: 'sven', kind: 'bankid', givenName: 'Sven', familyName: 'Testsson', pnr: '198112289874', acr: ACR.loa3 },
  { id: 'anna', kind: 'siths', givenName: 'Anna', familyName: 'Samordnare', hsaId: 'SE2321000016-A1B2', acr: ACR.loa3 },
  { id: 'stina', kind: 'siths', givenName: 'Stina', familyName: 'Sjuksköterska', hsaId: 'SE2321000016-7Q9Z', acr: ACR.loa3 },
  { id: 'mette', kind: 'mitid', givenName: 'Mette', familyName: 'Mitidsen', cpr: '0707614285', acr: ACR.nsisSubstantial },
  { id: 'kari', kind: 'bankid-no', givenName: 'Kari', familyName: 'Nordmann', fnr: '30108299920', acr: ACR.bankidNoHigh },
  { id: 'jonas', kind: 'bankid-no', givenName: 'Jonas', familyName: 'Dnummer', fnr: '70108299914', acr: ACR.bankidNoBiometric },
  { id: 'aino', kind: 'suomifi', givenName: 'Aino', familyName: 'Esimerkki', hetu: '010594Y9032', acr: ACR.suomifiLoa2 },
  { id: 'matti', kind: 'suomifi', givenName: 'Matti', familyName: 'Meikäläinen', hetu: '010181-900C', acr: ACR.suomifiLoa3 },
] satisfies TestUser[]);

/** Luhn over the last ten digits and a real date: enough to keep typos out of a test login. */
export function parseTypedPersonnummer(input: string): string | null {
  const m = /^\s*([0-9]{8})-?([0-9]{4})\s*$/.exec(input);
  if (!m) return null;
  const digits = `${m[1]}${m[2]}`;
  const year = Number(digits.slice(0, 4));
  const month = Number(digits.slice(4, 6));
  const rawDay = Number(digits.slice(6, 8));
  const day = rawDay > 60 ? rawDay - 60 : rawDay;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1800 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  let sum = 0;
  const ten = digits.slice(2);
  for (let i = 0; i < 10; i++) {
    let d = Number(ten[9 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0 ? digits : null;
}

/** `SE`, ten digits, `-`, letters and digits, at most 31 characters, exact case. */
export function parseTypedHsaId(input: string): string | null {
  const v = input.trim();
  return v.length <= 31 && /^SE[0-9]{10}-[A-Za-z0-9]+$/.test(v) ? v : null;
}
