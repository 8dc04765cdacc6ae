import assert from 'node:assert/strict';
import { ACR, loginWithoutBrowser, startTestIdp, type LoginChoice, type TestIdp, type TestIdpOptions } from '@care-meet/test-idp';
import type { CareMeetOptions } from '../care-meet.js';
import { createCareMeetHandler, type FetchHandler } from '../http/handler.js';
import type { IdentityProviders } from '../identity/oidc.js';
import type { Logger } from '../logger.js';
import { ORGANIZER_KEY, createHarness, sipMeeting, type Harness } from './harness.js';

export const CALLBACK_URL = 'http://portal.test/api/oidc/callback';
export const RETURN_ORIGIN = 'https://portal.test';
export const RETURN_TO = `${RETURN_ORIGIN}/mote/vantrum?steg=2`;
export const CLIENT_ID = 'care-meet';
export const CLIENT_SECRET = 'care-meet-test-client-secret-0123456789';

export type Booked = {
  meeting: { id: string };
  participants: Array<{ id: string; name: string; role: string; invite: { token: string; url: string; delivery?: string } }>;
};

/** A logger that keeps every line, to scan for what must never be logged. */
export function capturingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const keep = (level: string) => (message: string, fields?: Record<string, unknown>) => lines.push(JSON.stringify({ level, message, ...fields }));
  return { lines, info: keep('info'), warn: keep('warn'), error: keep('error') };
}

export interface RequestOptions {
  body?: unknown;
  rawBody?: string;
  token?: string;
  headers?: Record<string, string>;
}

export interface RequestHelpers {
  /** A request through the handler: a path under `/api`, or a whole URL (the IdP's callback). */
  raw(method: string, pathOrUrl: string, o?: RequestOptions): Promise<Response>;
  /** The same, with the body read as JSON. */
  api(method: string, path: string, o?: RequestOptions): Promise<{ status: number; headers: Headers; json: any }>;
}

/** Requests through a given handler (with its own logger and rate limiters), from one client address. */
export function requestHelpers(handle: FetchHandler, clientAddress: string): RequestHelpers {
  const raw: RequestHelpers['raw'] = async (method, pathOrUrl, r = {}) => {
    const headers: Record<string, string> = { ...r.headers };
    if (r.token) headers.authorization = `Bearer ${r.token}`;
    let body = r.rawBody;
    if (r.body !== undefined) {
      body = JSON.stringify(r.body);
      headers['content-type'] ??= 'application/json';
    }
    const url = pathOrUrl.startsWith('http') ? pathOrUrl : `http://portal.test/api${pathOrUrl}`;
    return handle(new Request(url, { method, headers, ...(body === undefined ? {} : { body }) }), { clientAddress });
  };
  const api: RequestHelpers['api'] = async (method, path, r = {}) => {
    const res = await raw(method, path, r);
    const text = await res.text();
    return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : null };
  };
  return { raw, api };
}

/** Books a meeting through `api` with the organizer key; asserts it was booked. */
export async function bookThrough(api: RequestHelpers['api'], body: Record<string, unknown>): Promise<Booked> {
  const r = await api('POST', '/meetings', { token: ORGANIZER_KEY, body });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  return r.json as Booked;
}

/** The five identity-provider methods, all at one test IdP, as a host would configure its region's IdP. */
export function providersFor(issuer: string, overrides: Partial<Record<keyof IdentityProviders, object>> = {}): IdentityProviders {
  const common = { issuer, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUri: CALLBACK_URL, allowInsecureRequests: true };
  return {
    bankid: { ...common, acceptedAcr: [ACR.loa3, ACR.loa4], ...overrides.bankid },
    siths: { ...common, acceptedAcr: [ACR.loa3, ACR.loa4], ...overrides.siths },
    mitid: { ...common, acceptedAcr: [ACR.nsisSubstantial, ACR.nsisHigh], ...overrides.mitid },
    'bankid-no': { ...common, acceptedAcr: [ACR.bankidNoHigh, ACR.bankidNoBiometric], ...overrides['bankid-no'] },
    suomifi: { ...common, acceptedAcr: [ACR.suomifiLoa2, ACR.suomifiLoa3], ...overrides.suomifi },
  };
}

export interface IdentityHarness extends Harness {
  idp: TestIdp;
  log: Logger & { lines: string[] };
  raw: RequestHelpers['raw'];
  api: RequestHelpers['api'];
  book(body?: Record<string, unknown>): Promise<Booked>;
  /** `POST /invites/{token}/oidc`: the authorization URL and the binding cookie (`name=value`). */
  startLogin(token: string, o?: { display?: 'redirect' | 'popup'; returnTo?: string }): Promise<{ authorizationUrl: URL; cookie: string | null }>;
  /** The browser comes back to the callback URL the IdP sent it to, with (or without) the cookie. */
  finish(callback: URL, cookie: string | null): Promise<Response>;
  /** Start, log in at the test IdP as `choice`, finish: the callback's answer. */
  login(token: string, choice: LoginChoice, o?: { display?: 'redirect' | 'popup'; returnTo?: string }): Promise<Response>;
  close(): Promise<void>;
}

/**
 * A CareMeet harness with a real test IdP on 127.0.0.1 behind all three methods, and its own handler
 * with a capturing logger. `providers` replaces the provider configuration (given the IdP's issuer).
 */
export async function createIdentityHarness(
  o: { idp?: Partial<TestIdpOptions>; careMeet?: Partial<CareMeetOptions>; providers?: (issuer: string) => IdentityProviders } = {},
): Promise<IdentityHarness> {
  const idp = await startTestIdp({
    clients: [
      { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [CALLBACK_URL] },
      { clientId: 'other-portal', clientSecret: 'other-portal-secret-0123456789ab', redirectUris: [CALLBACK_URL] },
    ],
    ...o.idp,
  });
  const log = capturingLogger();
  const h = await createHarness({
    identityProviders: o.providers ? o.providers(idp.issuer) : providersFor(idp.issuer),
    allowedReturnOrigins: [RETURN_ORIGIN],
    logger: log,
    ...o.careMeet,
  });
  const { raw, api } = requestHelpers(createCareMeetHandler(h.careMeet, { logger: log }), '192.0.2.10');
  const startLogin: IdentityHarness['startLogin'] = async (token, s = {}) => {
    const r = await api('POST', `/invites/${token}/oidc`, { body: { returnTo: s.returnTo ?? RETURN_TO, ...(s.display ? { display: s.display } : {}) } });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    const setCookie = r.headers.get('set-cookie');
    return { authorizationUrl: new URL(r.json.authorizationUrl as string), cookie: setCookie ? (setCookie.split(';')[0] as string) : null };
  };
  const finish: IdentityHarness['finish'] = (callback, cookie) => raw('GET', callback.href, cookie ? { headers: { cookie } } : {});
  return {
    ...h,
    idp,
    log,
    raw,
    api,
    book: (body = sipMeeting()) => bookThrough(api, body),
    startLogin,
    finish,
    async login(token, choice, s = {}) {
      const { authorizationUrl, cookie } = await startLogin(token, s);
      const callback = await loginWithoutBrowser(authorizationUrl, choice);
      return finish(callback, cookie);
    },
    async close() {
      await h.close();
      await idp.close();
    },
  };
}

/** The result parameters of a redirect-display callback: its 303's fragment. */
export function fragmentOf(res: Response): URLSearchParams {
  assert.equal(res.status, 303, `expected a 303, got ${res.status}`);
  const location = new URL(res.headers.get('location') ?? '');
  return new URLSearchParams(location.hash.slice(1));
}

/** The JSON a popup page posts to its opener, read out of its script. */
export function popupMessageOf(html: string): { message: Record<string, unknown>; targetOrigin: string } {
  const message = /var message = (\{.*?\});\n/.exec(html)?.[1];
  const target = /var targetOrigin = ("[^"]*");/.exec(html)?.[1];
  assert.ok(message && target, 'the popup page carries the message and its target origin');
  return { message: JSON.parse(message) as Record<string, unknown>, targetOrigin: JSON.parse(target) as string };
}
