/**
 * Proving an identity through the region's identity provider (BankID, SITHS, MitID, BankID Norway,
 * Suomi.fi-tunnistus behind OIDC):
 * the authorization code flow with PKCE (S256), a random state and nonce kept server-side for one
 * use and ten minutes, and on the way back every check of SECURITY.md rule 11: the ID token's
 * signature (against the issuer's published keys, even though it came straight from the token
 * endpoint), issuer, audience, nonce and level of assurance (`acr`); then the personnummer, HSA-id
 * CPR, fødselsnummer or henkilötunnus from the configured claims, normalised, for `CareMeet` to
 * compare with the registration.
 */
import * as client from 'openid-client';
import { hashSecret, randomId } from '../crypto.js';
import { CareMeetError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { ProvenIdentity } from '../model.js';
import type { MeetingStore, OidcMethod, PendingLogin } from '../store/meeting-store.js';
import { isParsed, oidcStart, parseBody, type OidcStartInput } from '@care-meet/protocol/schemas';
import { normalizeCpr, normalizeFodselsnummer, normalizeHenkilotunnus, normalizePersonnummer, validateHsaId } from '@care-meet/protocol/validation';

export type { OidcMethod, PendingLogin } from '../store/meeting-store.js';

export const OIDC_METHODS: readonly OidcMethod[] = ['bankid', 'siths', 'mitid', 'bankid-no', 'suomifi'];

/** True for the verify methods that go through an identity provider. */
export function isOidcMethod(value: string): value is OidcMethod {
  return (OIDC_METHODS as readonly string[]).includes(value);
}

/** Which kind of identity each method proves. */
export const IDENTITY_KIND_OF_METHOD: Readonly<Record<OidcMethod, ProvenIdentity['kind']>> = Object.freeze({
  bankid: 'pnr',
  siths: 'hsa',
  mitid: 'cpr',
  'bankid-no': 'fnr',
  suomifi: 'hetu',
});

/** The ID token claims to read each kind of identity from; the first present one counts, and all present must agree. */
export interface IdentityClaimNames {
  pnr?: string[];
  hsaId?: string[];
  cpr?: string[];
  /** Norwegian fødselsnummer or D-nummer. */
  fnr?: string[];
  /** Finnish henkilötunnus. */
  hetu?: string[];
}

/**
 * The claim names read when a provider's `claims` does not say: the Swedish OIDC claim and its
 * SAML attribute OID for the personnummer, the HSA-id's OID and Sambi attribute name, NemLog-in's
 * CPR claim and its SAML attribute name; for the fødselsnummer, BankID Norway's own OIDC claim
 * (`nnin_altsub`, in the ID token with the scope of that name) and ID-porten's `pid`; for the
 * henkilötunnus, the SAML attribute Suomi.fi-tunnistus releases it as (`urn:oid:1.2.246.21`, friendly
 * name `nationalIdentificationNumber`), which OIDC brokers in front of Suomi.fi pass on under either name.
 */
export const DEFAULT_IDENTITY_CLAIMS: Readonly<Required<IdentityClaimNames>> = Object.freeze({
  pnr: ['https://id.oidc.se/claim/personalIdentityNumber', 'urn:oid:1.2.752.29.4.13'],
  hsaId: ['urn:oid:1.2.752.29.6.2.1', 'http://sambi.se/attributes/1/employeeHsaId'],
  cpr: ['https://data.gov.dk/model/core/eid/cprNumber', 'dk:gov:saml:attribute:CprNumberIdentifier'],
  fnr: ['nnin_altsub', 'pid'],
  hetu: ['urn:oid:1.2.246.21', 'nationalIdentificationNumber'],
});

/** A `fetch` for the requests to the identity provider (an outbound proxy, an mTLS agent, tests). */
export type IdentityProviderFetch = (url: string, init: RequestInit) => Promise<Response>;

/** One identity provider, registered for one verify method. */
export interface IdentityProviderConfig {
  /** The issuer identifier; its `/.well-known/openid-configuration` is read once, on first use. */
  issuer: string;
  clientId: string;
  /** With a secret: `client_secret_basic`. Without: a public client (PKCE only). */
  clientSecret?: string;
  /** This server's callback, `https://portal.example/api/oidc/callback`, as registered at the IdP. No query. */
  redirectUri: string;
  /** Default `openid profile`. Swedish IdPs may want e.g. `openid https://id.oidc.se/scope/naturalPersonNumber`. */
  scope?: string;
  /** The `acr` values (levels of assurance) accepted; an ID token with any other, or none, is refused. Sent as `acr_values`. */
  acceptedAcr: string[];
  /** Claim names to read the identity from. Default {@link DEFAULT_IDENTITY_CLAIMS}. */
  claims?: IdentityClaimNames;
  /** Allows an `http:` issuer on a loopback address (the test IdP). Refused for any other host. */
  allowInsecureRequests?: boolean;
  /** The ID token's signing algorithm. Default `RS256`. */
  idTokenSigningAlg?: string;
  /** Timeout of each request to the IdP, seconds. Default 10. */
  timeoutSeconds?: number;
  fetch?: IdentityProviderFetch;
}

/** The identity providers per verify method. A method without one cannot be used. */
export type IdentityProviders = Partial<Record<OidcMethod, IdentityProviderConfig>>;

/** How long a login may take from the authorization URL to the callback. */
export const LOGIN_TTL_MS = 10 * 60_000;
export { MAX_RETURN_TO_LENGTH, type OidcStartInput } from '@care-meet/protocol/schemas';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
const BINDING = /^[A-Za-z0-9_-]{43}$/;

function isStringList(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string' && x.length > 0);
}

/**
 * Checks `CareMeetOptions.identityProviders` when the service is created: a `TypeError` names the
 * method and the field that is wrong.
 */
export function checkIdentityProviders(value: unknown): IdentityProviders {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new TypeError('identityProviders must be an object');
  const out: IdentityProviders = {};
  for (const [method, raw] of Object.entries(value)) {
    const where = `identityProviders.${method}`;
    if (!isOidcMethod(method)) throw new TypeError(`${where}: the methods are ${OIDC_METHODS.join(', ')}`);
    if (raw === undefined) continue;
    const c = raw as IdentityProviderConfig;
    let issuer: URL;
    try {
      issuer = new URL(c.issuer);
    } catch {
      throw new TypeError(`${where}.issuer must be an absolute URL`);
    }
    if (issuer.protocol !== 'https:') {
      if (issuer.protocol !== 'http:' || !c.allowInsecureRequests) throw new TypeError(`${where}.issuer must be https`);
      if (!LOOPBACK_HOSTS.has(issuer.hostname)) throw new TypeError(`${where}.allowInsecureRequests is for loopback test issuers only`);
    }
    if (typeof c.clientId !== 'string' || c.clientId === '') throw new TypeError(`${where}.clientId is required`);
    if (c.clientSecret !== undefined && (typeof c.clientSecret !== 'string' || c.clientSecret.length < 16)) {
      throw new TypeError(`${where}.clientSecret must be at least 16 characters`);
    }
    let redirect: URL;
    try {
      redirect = new URL(c.redirectUri);
    } catch {
      throw new TypeError(`${where}.redirectUri must be an absolute URL`);
    }
    if ((redirect.protocol !== 'https:' && redirect.protocol !== 'http:') || redirect.search || redirect.hash) {
      throw new TypeError(`${where}.redirectUri must be an http(s) URL without query or fragment`);
    }
    if (!isStringList(c.acceptedAcr) || c.acceptedAcr.length === 0) {
      throw new TypeError(`${where}.acceptedAcr must list at least one level of assurance`);
    }
    if (c.scope !== undefined && (typeof c.scope !== 'string' || !c.scope.split(' ').includes('openid'))) {
      throw new TypeError(`${where}.scope must include openid`);
    }
    const kind = IDENTITY_KIND_OF_METHOD[method];
    const claimKey = kind === 'hsa' ? 'hsaId' : kind;
    if (c.claims !== undefined) {
      const list = c.claims[claimKey];
      if (list !== undefined && (!isStringList(list) || list.length === 0)) {
        throw new TypeError(`${where}.claims.${claimKey} must be a non-empty list of claim names`);
      }
    }
    if (c.timeoutSeconds !== undefined && !(c.timeoutSeconds > 0 && c.timeoutSeconds <= 60)) {
      throw new TypeError(`${where}.timeoutSeconds must be 1 to 60`);
    }
    out[method] = { ...c };
  }
  return out;
}

/** Checks `CareMeetOptions.allowedReturnOrigins`: each an http(s) origin, nothing after it. Answers them normalised. */
export function checkReturnOrigins(value: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new TypeError('allowedReturnOrigins must be a list of origins');
  return value.map((o, i) => {
    let url: URL;
    try {
      url = new URL(String(o));
    } catch {
      throw new TypeError(`allowedReturnOrigins[${i}] must be an origin such as https://portal.example`);
    }
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== String(o).replace(/\/$/, '')) {
      throw new TypeError(`allowedReturnOrigins[${i}] must be an origin such as https://portal.example, nothing after it`);
    }
    return url.origin;
  });
}

const OIDC_START = oidcStart();

/**
 * Validates `{returnTo, display?, language?}` (the protocol's `oidcStart` schema, unless the handler
 * has already run it). `returnTo` must moreover be an absolute http(s) URL without user info whose
 * origin is one of `allowedOrigins` (so the callback can never redirect elsewhere); its fragment is
 * dropped (the page's own fragment may hold the invitation secret).
 */
export function parseOidcStart(body: unknown, allowedOrigins: readonly string[]): OidcStartInput {
  const start = isParsed<OidcStartInput>(body) ? body : parseBody(OIDC_START, body);
  const refuse = (message: string) => new CareMeetError('BAD_REQUEST', message, { field: 'returnTo' });
  let url: URL;
  try {
    url = new URL(start.returnTo);
  } catch {
    throw refuse('returnTo must be an absolute URL');
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username !== '' || url.password !== '') {
    throw refuse('returnTo must be an http(s) URL without user info');
  }
  if (!allowedOrigins.includes(url.origin)) throw refuse('returnTo is not on an origin this server may return to');
  url.hash = '';
  return { ...start, returnTo: url.href };
}

/** Why a login was refused, for the audit log: a category, never a value from the request or the token. */
export type OidcRefusalReason = 'expired' | 'browser' | 'cancelled' | 'idp-error' | 'token' | 'acr' | 'claim' | 'unavailable';

export type OidcVerification = { ok: true; identity: ProvenIdentity } | { ok: false; error: CareMeetError; reason: OidcRefusalReason };

export interface OidcLoginsOptions {
  providers: IdentityProviders;
  store: MeetingStore;
  now: () => Date;
  log: Logger;
  /** Bind each login to the browser that started it with a cookie. */
  bindToBrowser: boolean;
}

/**
 * The identity-provider logins: starts them (PKCE, state, nonce, stored server-side) and verifies
 * the callbacks. `CareMeet` owns one and does the invitation side (matching, redeeming, auditing).
 */
export class OidcLogins {
  readonly #o: OidcLoginsOptions;
  readonly #configs = new Map<OidcMethod, Promise<client.Configuration>>();

  constructor(options: OidcLoginsOptions) {
    this.#o = options;
  }

  isConfigured(method: OidcMethod): boolean {
    return this.#o.providers[method] !== undefined;
  }

  get bindsToBrowser(): boolean {
    return this.#o.bindToBrowser;
  }

  /** The discovered configuration, fetched once per method (again after a failure). */
  #config(method: OidcMethod): Promise<client.Configuration> {
    let pending = this.#configs.get(method);
    if (!pending) {
      const c = this.#o.providers[method] as IdentityProviderConfig;
      const execute = [client.enableNonRepudiationChecks];
      if (c.allowInsecureRequests) execute.push(client.allowInsecureRequests);
      const metadata: Partial<client.ClientMetadata> = { id_token_signed_response_alg: c.idTokenSigningAlg ?? 'RS256' };
      if (c.clientSecret !== undefined) metadata.client_secret = c.clientSecret;
      const customFetch = c.fetch;
      pending = client.discovery(
        new URL(c.issuer),
        c.clientId,
        metadata,
        c.clientSecret !== undefined ? client.ClientSecretBasic(c.clientSecret) : client.None(),
        {
          execute,
          timeout: c.timeoutSeconds ?? 10,
          ...(customFetch ? { [client.customFetch]: (url: string, init: client.CustomFetchOptions) => customFetch(url, init as RequestInit) } : {}),
        },
      );
      pending.catch(() => this.#configs.delete(method));
      this.#configs.set(method, pending);
    }
    return pending;
  }

  /**
   * Starts a login: makes the PKCE verifier, state and nonce, stores them with where to return,
   * and answers the IdP's authorization URL. `binding` is the browser's binding cookie when it
   * already has a valid one; the answer says which binding to set (or null when not binding).
   */
  async start(input: { invitationHash: string; method: OidcMethod; start: OidcStartInput; binding: string | null }): Promise<{
    authorizationUrl: string;
    binding: string | null;
  }> {
    const c = this.#o.providers[input.method];
    if (!c) throw new CareMeetError('BAD_REQUEST', `this server has no identity provider for ${input.method}`);
    let config: client.Configuration;
    try {
      config = await this.#config(input.method);
    } catch (e) {
      this.#o.log.warn('identity provider discovery failed', { method: input.method, error: errorName(e) });
      throw new CareMeetError('IDP_UNAVAILABLE', 'the identity provider does not answer; try again in a while');
    }
    const now = this.#o.now();
    const state = randomId('', 32);
    const nonce = randomId('', 32);
    const codeVerifier = client.randomPKCECodeVerifier();
    const binding = this.#o.bindToBrowser ? (input.binding !== null && BINDING.test(input.binding) ? input.binding : randomId('', 32)) : null;
    const login: PendingLogin = {
      stateHash: hashSecret(state),
      invitationHash: input.invitationHash,
      method: input.method,
      returnTo: input.start.returnTo,
      display: input.start.display,
      nonce,
      codeVerifier,
      bindingHash: binding === null ? null : hashSecret(binding),
      createdAt: now,
      expiresAt: new Date(now.getTime() + LOGIN_TTL_MS),
    };
    await this.#o.store.savePendingLogin(login);
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: c.redirectUri,
      scope: c.scope ?? 'openid profile',
      response_type: 'code',
      state,
      nonce,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      acr_values: c.acceptedAcr.join(' '),
      // The login page in the element's language (OpenID Connect Core 1.0, section 3.1.2.1).
      ...(input.start.language ? { ui_locales: input.start.language } : {}),
    });
    return { authorizationUrl: url.href, binding };
  }

  /** Takes the pending login a callback's `state` names, once. Null for an unknown, used or malformed state. */
  async take(state: string | null): Promise<PendingLogin | null> {
    if (state === null || state.length === 0 || state.length > 200) return null;
    return this.#o.store.takePendingLogin(hashSecret(state));
  }

  /**
   * Verifies a callback for a pending login: not expired, same browser, no error from the IdP,
   * then the code exchange with every check of rule 11, then the identity claim. Never throws for
   * a refusal: it answers why, so the caller can audit it and tell the person.
   */
  async verify(login: PendingLogin, params: URLSearchParams, binding: string | null): Promise<OidcVerification> {
    const refuse = (code: 'LOGIN_FAILED' | 'ASSURANCE_TOO_LOW' | 'IDP_UNAVAILABLE', message: string, reason: OidcRefusalReason): OidcVerification => ({
      ok: false,
      error: new CareMeetError(code, message),
      reason,
    });
    const now = this.#o.now();
    if (login.expiresAt.getTime() <= now.getTime()) return refuse('LOGIN_FAILED', 'the login took too long; start it again', 'expired');
    if (login.bindingHash !== null && (binding === null || hashSecret(binding) !== login.bindingHash)) {
      return refuse('LOGIN_FAILED', 'the login was not finished in the browser that started it; start it again', 'browser');
    }
    const idpError = params.get('error');
    if (idpError !== null) {
      return idpError === 'access_denied'
        ? refuse('LOGIN_FAILED', 'the login was cancelled', 'cancelled')
        : refuse('LOGIN_FAILED', 'the identity provider could not log you in; try again', 'idp-error');
    }
    const c = this.#o.providers[login.method];
    if (!c) return refuse('LOGIN_FAILED', `this server has no identity provider for ${login.method}`, 'idp-error');
    let config: client.Configuration;
    try {
      config = await this.#config(login.method);
    } catch (e) {
      this.#o.log.warn('identity provider discovery failed', { method: login.method, error: errorName(e) });
      return refuse('IDP_UNAVAILABLE', 'the identity provider does not answer; try again in a while', 'unavailable');
    }
    // The authorization response as it reached the registered redirect URI (not as this request's
    // Host header says: behind a proxy that may differ), so openid-client sends the right redirect_uri.
    const current = new URL(c.redirectUri);
    for (const [k, v] of params) current.searchParams.append(k, v);
    let claims: client.IDToken | undefined;
    try {
      const tokens = await client.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: login.codeVerifier,
        expectedState: params.get('state') ?? '',
        expectedNonce: login.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims();
    } catch (e) {
      const unavailable = isNetworkError(e);
      this.#o.log.warn('identity provider login refused', { method: login.method, error: errorName(e), ...errorCode(e) });
      return unavailable
        ? refuse('IDP_UNAVAILABLE', 'the identity provider does not answer; try again in a while', 'unavailable')
        : refuse('LOGIN_FAILED', "the identity provider's answer could not be verified; try again", 'token');
    }
    if (!claims) return refuse('LOGIN_FAILED', 'the identity provider sent no ID token', 'token');
    if (typeof claims.acr !== 'string' || !c.acceptedAcr.includes(claims.acr)) {
      return refuse(
        'ASSURANCE_TOO_LOW',
        'this login does not have the level of assurance the meeting requires; use an e-legitimation of a higher level',
        'acr',
      );
    }
    const kind = IDENTITY_KIND_OF_METHOD[login.method];
    const names = c.claims?.[kind === 'hsa' ? 'hsaId' : kind] ?? DEFAULT_IDENTITY_CLAIMS[kind === 'hsa' ? 'hsaId' : kind];
    const values = names.map((n) => claims[n]).filter((v) => v !== undefined && v !== null);
    let normalised: string[];
    try {
      normalised = values.map((v) => {
        if (typeof v !== 'string') throw new TypeError('not a string');
        return normalizeClaim(kind, v, now);
      });
    } catch {
      return refuse('LOGIN_FAILED', 'the identity provider sent an identity that is not valid', 'claim');
    }
    const first = normalised[0];
    if (first === undefined) return refuse('LOGIN_FAILED', 'the identity provider did not say who you are', 'claim');
    if (normalised.some((v) => v !== first)) return refuse('LOGIN_FAILED', 'the identity provider sent two different identities', 'claim');
    return { ok: true, identity: provenIdentity(kind, first) };
  }
}

/** A claim's value as the canonical form of `kind`; throws (a CareMeetError) when it is not valid. */
function normalizeClaim(kind: ProvenIdentity['kind'], value: string, now: Date): string {
  switch (kind) {
    case 'pnr':
      return normalizePersonnummer(value, now);
    case 'hsa':
      return validateHsaId(value);
    case 'cpr':
      return normalizeCpr(value, now);
    case 'fnr':
      return normalizeFodselsnummer(value, now);
    case 'hetu':
      return normalizeHenkilotunnus(value, now);
  }
}

/** The proven identity of `kind` with its canonical value. */
function provenIdentity(kind: ProvenIdentity['kind'], value: string): ProvenIdentity {
  switch (kind) {
    case 'pnr':
      return { kind, pnr: value };
    case 'hsa':
      return { kind, hsaId: value };
    case 'cpr':
      return { kind, cpr: value };
    case 'fnr':
      return { kind, fnr: value };
    case 'hetu':
      return { kind, hetu: value };
  }
}

function errorName(e: unknown): string {
  return e instanceof Error ? e.name : 'unknown';
}

/** openid-client's stable error codes (`OAUTH_JWT_CLAIM_COMPARISON_FAILED`, …): safe to log; messages and causes are not. */
function errorCode(e: unknown): { code?: string } {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Z0-9_]{1,64}$/.test(code) ? { code } : {};
}

function isNetworkError(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  if (e.name === 'AbortError' || e.name === 'TimeoutError') return true;
  return e.name === 'TypeError' && /fetch failed/i.test(e.message);
}
