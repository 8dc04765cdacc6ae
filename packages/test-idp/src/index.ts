/**
 * A test OpenID Connect identity provider for care-meet's tests and demo, built on `oidc-provider`
 * (a certified OpenID Provider library), with BankID-, SITHS- and MitID-like test users. It listens
 * on 127.0.0.1 only. Never for production: anyone can log in as anyone.
 */
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { interactionPolicy, type Account, type AccountClaims, type ClientMetadata, type Configuration, type JWK } from 'oidc-provider';
import { memoryAdapterFactory } from './memory-adapter.js';
import { LOGIN_TEXTS, PAGE_HEADERS, hintedUser, loginLanguage, loginMethodFor, renderErrorPage, renderLoginPage, usersForMethod } from './login-page.js';
import { parseTypedCpr } from './typed-cpr.js';
import { ACR, CLAIM_PROFILES, TEST_USERS, parseTypedHsaId, parseTypedPersonnummer, type IdentityClaimNames, type TestUser } from './users.js';

export { ACR, CLAIM, CLAIM_PROFILES, TEST_USERS, type IdentityClaimNames, type TestUser } from './users.js';
export { loginWithoutBrowser, type LoginChoice } from './login-without-browser.js';
export { LOGIN_TEXTS } from './login-page.js';

/** A client (relying party) registered at the test IdP. */
export interface TestIdpClient {
  clientId: string;
  /** With a secret the client authenticates with `client_secret_basic`; without, it is public (`none`). */
  clientSecret?: string;
  redirectUris: string[];
}

export interface TestIdpOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Default `127.0.0.1`. Only loopback addresses are accepted. */
  host?: string;
  clients: TestIdpClient[];
  /** Default: {@link TEST_USERS}. */
  users?: readonly TestUser[];
  /**
   * Which claim names identities are released under: `'oidc-se'` (default: Swedish OIDC claims),
   * `'saml-bridged'` (the SAML attribute OIDs an OIDC bridge passes on), or an explicit set.
   */
  claims?: 'oidc-se' | 'saml-bridged' | Partial<IdentityClaimNames>;
  /**
   * Private signing keys (JWKs with `kid`). Default: a fresh RSA key. Tests give two IdP instances
   * the same key to show that a relying party checks the issuer, not only the signature.
   */
  jwks?: { keys: JWK[] };
}

export interface TestIdp {
  /** The issuer identifier, `http://127.0.0.1:<port>`. */
  issuer: string;
  users: TestUser[];
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
const MAX_FORM_BYTES = 8 * 1024;

/** A fresh RS256 signing key as a private JWK. */
export function generateSigningJwk(): JWK {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...(privateKey.export({ format: 'jwk' }) as JWK), kid: randomBytes(8).toString('hex'), use: 'sig', alg: 'RS256' };
}

function claimNames(option: TestIdpOptions['claims']): IdentityClaimNames {
  if (option === undefined || option === 'oidc-se') return structuredClone(CLAIM_PROFILES['oidc-se']) as IdentityClaimNames;
  if (option === 'saml-bridged') return structuredClone(CLAIM_PROFILES['saml-bridged']) as IdentityClaimNames;
  return { pnr: option.pnr ?? [], hsaId: option.hsaId ?? [], cpr: option.cpr ?? [], fnr: option.fnr ?? [], hetu: option.hetu ?? [] };
}

/** An account id that names a typed identity, so the IdP can find it again without storing it. */
function typedAccountId(kind: 'pnr' | 'hsa' | 'cpr', value: string): string {
  return `typed-${kind}:${value}`;
}

function userFor(accountId: string, users: readonly TestUser[]): TestUser | undefined {
  const known = users.find((u) => u.id === accountId);
  if (known) return known;
  const typed = /^typed-(pnr|hsa|cpr):(.+)$/.exec(accountId);
  if (typed?.[1] === 'pnr' && parseTypedPersonnummer(typed[2] ?? '')) {
    return { id: accountId, kind: 'bankid', givenName: 'Testperson', familyName: 'Inskriven', pnr: typed[2] as string, acr: ACR.loa3 };
  }
  if (typed?.[1] === 'hsa' && parseTypedHsaId(typed[2] ?? '')) {
    return { id: accountId, kind: 'siths', givenName: 'Testanställd', familyName: 'Inskriven', hsaId: typed[2] as string, acr: ACR.loa3 };
  }
  if (typed?.[1] === 'cpr' && parseTypedCpr(typed[2] ?? '')) {
    return { id: accountId, kind: 'mitid', givenName: 'Testperson', familyName: 'Indtastet', cpr: typed[2] as string, acr: ACR.nsisSubstantial };
  }
  return undefined;
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(type)) throw new Error('form expected');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).byteLength;
    if (size > MAX_FORM_BYTES) throw new Error('form too large');
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

/** The language of a page shown before the request's own parameters are known: the browser's. */
function browserLanguage(req: IncomingMessage) {
  return loginLanguage(undefined, header(req, 'accept-language'), undefined);
}

function sendPage(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, PAGE_HEADERS);
  res.end(html);
}

/**
 * Starts the test identity provider on 127.0.0.1 (a free port unless `port` is given).
 * Authorization code flow only, PKCE (S256) required, no consent screen, a login page on every
 * authorization request (no single sign-on between tests). The ID token carries the identity claims
 * (`conformIdTokenClaims: false`) with the `acr` the login chose.
 *
 * @example
 * ```ts
 * const idp = await startTestIdp({
 *   clients: [{ clientId: 'care-meet', clientSecret: 'a-long-test-secret', redirectUris: ['http://127.0.0.1:8080/api/oidc/callback'] }],
 * });
 * console.log(idp.issuer); // http://127.0.0.1:54321
 * await idp.close();
 * ```
 */
export async function startTestIdp(options: TestIdpOptions = { clients: [] }): Promise<TestIdp> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host)) throw new TypeError('startTestIdp: host must be a loopback address; this IdP logs anyone in');
  const users = [...(options.users ?? TEST_USERS)];
  const names = claimNames(options.claims);
  const identityClaims = [...new Set([...names.pnr, ...names.hsaId, ...names.cpr, ...names.fnr, ...names.hetu])];
  const nameClaims = ['name', 'given_name', 'family_name'];

  let provider: Provider | undefined;
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path.startsWith('/interaction/')) {
      interaction(req, res, path).catch(() => {
        const L = browserLanguage(req);
        if (!res.headersSent) sendPage(res, 500, renderErrorPage(LOGIN_TEXTS[L].pages.failed, LOGIN_TEXTS[L].pages.failedDetail, L));
        else res.end();
      });
      return;
    }
    (provider as Provider).callback()(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const issuer = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;

  const base = interactionPolicy.base();
  // Ask every time (never reuse an IdP session), without looping once this request has logged in.
  base
    .get('login')
    ?.checks.add(
      new interactionPolicy.Check('always_login', 'the test IdP asks on every authorization request', (ctx) =>
        ctx.oidc.result?.login ? interactionPolicy.Check.NO_NEED_TO_PROMPT : interactionPolicy.Check.REQUEST_PROMPT,
      ),
    );

  const clients: ClientMetadata[] = options.clients.map((c) => ({
    client_id: c.clientId,
    ...(c.clientSecret ? { client_secret: c.clientSecret, token_endpoint_auth_method: 'client_secret_basic' } : { token_endpoint_auth_method: 'none' }),
    redirect_uris: c.redirectUris,
    grant_types: ['authorization_code'],
    response_types: ['code'],
  }));

  const configuration: Configuration = {
    adapter: memoryAdapterFactory(),
    clients,
    jwks: options.jwks ?? { keys: [generateSigningJwk()] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    pkce: { methods: ['S256'], required: () => true },
    responseTypes: ['code'],
    acrValues: Object.values(ACR),
    scopes: ['openid', 'profile', 'https://id.oidc.se/scope/naturalPersonNumber', 'https://id.oidc.se/scope/naturalPersonInfo'],
    claims: {
      acr: null,
      auth_time: null,
      sid: null,
      iss: null,
      // Identity claims and the level of assurance come with `openid`, as Swedish IdPs always send
      // them; the Swedish scopes work too.
      openid: ['sub', 'acr', ...identityClaims],
      profile: nameClaims,
      'https://id.oidc.se/scope/naturalPersonNumber': [...names.pnr, ...nameClaims],
      'https://id.oidc.se/scope/naturalPersonInfo': nameClaims,
    },
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false }, userinfo: { enabled: true } },
    interactions: { policy: base, url: (_ctx, i) => `/interaction/${i.uid}` },
    ttl: { AccessToken: 300, AuthorizationCode: 60, IdToken: 300, Interaction: 600, Session: 600, Grant: 600 },
    // No consent screen: every authorization request gets a grant for exactly what it asked.
    async loadExistingGrant(ctx) {
      const oidc = ctx.oidc;
      const grant = new oidc.provider.Grant({ clientId: oidc.client!.clientId, accountId: oidc.session!.accountId! });
      grant.addOIDCScope([...oidc.requestParamScopes].join(' '));
      const claims = [...oidc.requestParamClaims];
      if (claims.length) grant.addOIDCClaims(claims);
      await grant.save();
      return grant;
    },
    async findAccount(_ctx, sub): Promise<Account | undefined> {
      const user = userFor(sub, users);
      if (!user) return undefined;
      return {
        accountId: sub,
        async claims(): Promise<AccountClaims> {
          // An opaque subject, as real IdPs give: never the personnummer itself.
          const claims: AccountClaims = { sub: createHash('sha256').update(`test-idp:${sub}`).digest('hex').slice(0, 32) };
          claims.given_name = user.givenName;
          claims.family_name = user.familyName;
          claims.name = `${user.givenName} ${user.familyName}`;
          if (user.pnr) for (const n of names.pnr) claims[n] = user.pnr;
          if (user.hsaId) for (const n of names.hsaId) claims[n] = user.hsaId;
          if (user.cpr) for (const n of names.cpr) claims[n] = user.cpr;
          if (user.fnr) for (const n of names.fnr) claims[n] = user.fnr;
          if (user.hetu) for (const n of names.hetu) claims[n] = user.hetu;
          return claims;
        },
      };
    },
    async renderError(ctx, out) {
      ctx.type = 'html';
      ctx.set('content-security-policy', PAGE_HEADERS['content-security-policy'] as string);
      const L = loginLanguage(undefined, ctx.get('accept-language'), undefined);
      ctx.body = renderErrorPage(LOGIN_TEXTS[L].pages.loginFailed, Object.values(out).map(String).join(': '), L);
    },
  };
  provider = new Provider(issuer, configuration);

  async function interaction(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const p = provider as Provider;
    const m = /^\/interaction\/([A-Za-z0-9_-]{1,100})(?:\/(login|abort))?$/.exec(path);
    const early = LOGIN_TEXTS[browserLanguage(req)].pages;
    if (!m) return sendPage(res, 404, renderErrorPage(early.notFound, early.notFoundDetail, browserLanguage(req)));
    let details;
    try {
      details = await p.interactionDetails(req, res);
    } catch {
      return sendPage(res, 400, renderErrorPage(early.expired, early.startOver, browserLanguage(req)));
    }
    if (details.uid !== m[1]) return sendPage(res, 400, renderErrorPage(early.wrongLogin, early.startOver, browserLanguage(req)));
    const clientId = String(details.params.client_id ?? '');
    const requestedAcr = typeof details.params.acr_values === 'string' ? details.params.acr_values : undefined;
    // Who may log in here and in which language: the method the request's acr asks for, its
    // ui_locales (or the browser's languages), and the person its login_hint names.
    const method = loginMethodFor(requestedAcr);
    const lang = loginLanguage(typeof details.params.ui_locales === 'string' ? details.params.ui_locales : undefined, header(req, 'accept-language'), method);
    const t = LOGIN_TEXTS[lang];
    const offered = usersForMethod(users, method);
    const expectedUser = hintedUser(typeof details.params.login_hint === 'string' ? details.params.login_hint : undefined, offered)?.id;
    const pageInput = { uid: details.uid, clientId, users: offered, requestedAcr, lang, method, expectedUser };
    const action = m[2];
    if (!action) {
      if (req.method !== 'GET') return sendPage(res, 405, renderErrorPage(t.pages.wrongMethod, t.pages.useForm, lang));
      return sendPage(res, 200, renderLoginPage(pageInput));
    }
    if (req.method !== 'POST') return sendPage(res, 405, renderErrorPage(t.pages.wrongMethod, t.pages.useForm, lang));
    let form: URLSearchParams;
    try {
      form = await readForm(req);
    } catch {
      return sendPage(res, 400, renderErrorPage(t.pages.badForm, t.pages.useForm, lang));
    }
    if (action === 'abort') {
      await p.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: 'the person cancelled the login' },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    const values = {
      user: form.get('user') ?? '',
      pnr: form.get('pnr') ?? '',
      cpr: form.get('cpr') ?? '',
      hsaId: form.get('hsaId') ?? '',
      acr: form.get('acr') ?? '',
    };
    const again = (field: 'pnr' | 'cpr' | 'hsaId' | 'user') =>
      sendPage(res, 400, renderLoginPage({ ...pageInput, error: { field, message: t.errors[field] }, values }));
    let accountId: string;
    if (values.pnr.trim() !== '') {
      const pnr = parseTypedPersonnummer(values.pnr);
      if (!pnr) return again('pnr');
      accountId = typedAccountId('pnr', pnr);
    } else if (values.cpr.trim() !== '') {
      const cpr = parseTypedCpr(values.cpr);
      if (!cpr) return again('cpr');
      accountId = typedAccountId('cpr', cpr);
    } else if (values.hsaId.trim() !== '') {
      const hsaId = parseTypedHsaId(values.hsaId);
      if (!hsaId) return again('hsaId');
      accountId = typedAccountId('hsa', hsaId);
    } else {
      if (!users.some((u) => u.id === values.user)) return again('user');
      accountId = values.user;
    }
    const user = userFor(accountId, users) as TestUser;
    if (values.acr !== '' && !(Object.values(ACR) as string[]).includes(values.acr)) {
      return sendPage(res, 400, renderErrorPage(t.pages.unknownAcr, values.acr, lang));
    }
    await p.interactionFinished(
      req,
      res,
      { login: { accountId, acr: values.acr || user.acr, amr: [user.kind === 'siths' ? 'smartcard' : user.kind] } },
      { mergeWithLastSubmission: false },
    );
  }

  return {
    issuer,
    users,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
