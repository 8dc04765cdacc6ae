import type { CareMeet, Caller } from '../care-meet.js';
import { hashSecret } from '../crypto.js';
import { CareMeetError } from '../errors.js';
import { forParticipant, type MeetingEvent } from '../events.js';
import { silentLogger, type Logger } from '../logger.js';
import type { Role } from '../model.js';
import { oidcCallbackResponse } from '../identity/oidc-callback-page.js';
import { preferredMessageLanguage } from '../identity/accept-language.js';
import { DEFAULT_BODY_LIMIT, readBodyText, readJsonBody } from './body.js';
import { RateLimiter } from './rate-limit.js';
import { rateLimitAddressKey } from './client-address.js';
import { ROUTES, matchRoute, type RouteName, type RouteParams } from '@care-meet/protocol/routes';
import { makeBodySchemas, parseBody, type BodySchema, type JsonRouteName, type Parsed, type RouteBodyOf } from '@care-meet/protocol/schemas';
import { SECURITY_HEADERS, errorBody, errorResponse, json } from './respond.js';

/** A Fetch-API handler: what every route of the server SDK is. */
export type FetchHandler = (request: Request, context?: RequestContext) => Promise<Response>;

export interface RequestContext {
  /**
   * The client's address as the host's proxy reports it; used for rate limits (an IPv6 address
   * counts as its /64, `rateLimitAddressKey`), never logged.
   */
  clientAddress?: string;
}

export interface HandlerOptions {
  /** The path the routes are mounted under. Default `/api`. */
  basePath?: string;
  /** The largest request body accepted, in bytes. Default 64 KiB. */
  bodyLimit?: number;
  logger?: Logger;
  /** Heartbeat interval of event streams, ms. Default 15 s. */
  heartbeatMs?: number;
}

interface RouteInput<N extends RouteName> {
  request: Request;
  params: RouteParams<N>;
  context: RequestContext;
  /**
   * The request's body, read and parsed with the protocol's schema for this route
   * (`BODY_SCHEMAS[N]`), typed accordingly. Called after the caller's credentials are checked, so
   * a stranger learns nothing of what a body must hold; always before anything is stored.
   */
  body: () => Promise<Parsed<RouteBodyOf<N>>>;
}

/** One handler for every route of the protocol's table, each with its own path parameters. */
type RouteHandlers = { [N in RouteName]: (input: RouteInput<N>) => Promise<Response> };

/**
 * The cookie that binds an identity-provider login to the browser that started it. `__Secure-`:
 * browsers keep it only with `Secure` (they accept that on https and on localhost / 127.0.0.1).
 */
export const LOGIN_BINDING_COOKIE = '__Secure-care-meet-login';

function readCookie(request: Request, name: string): string | null {
  const header = request.headers.get('cookie');
  if (!header || header.length > 8192) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/** The token of an `Authorization: Bearer …` header, or null. */
function parseBearer(header: string | null | undefined): string | null {
  const m = header ? /^Bearer ([A-Za-z0-9._~+/=-]{1,512})$/.exec(header) : null;
  return m ? (m[1] as string) : null;
}

function bearer(request: Request): string | null {
  return parseBearer(request.headers.get('authorization'));
}

/**
 * Builds the Fetch-API handler of every route in HTTP-API.md, over one `CareMeet`. Mount it in any
 * framework that speaks `Request -> Response`, or through `toNodeListener` in plain `node:http`.
 *
 * Proving identity (docs/identity.md has the bodies and codes):
 * - `POST /invites/{token}/oidc {returnTo, display?: 'redirect'|'popup'}` -> `{authorizationUrl}`,
 *   and sets the login's browser-binding cookie (`bankid`, `siths`, `mitid`, `bankid-no`, `suomifi` invitations).
 * - `GET /oidc/callback?code&state&iss` (the identity provider sends the browser here) -> a 303 to
 *   `returnTo#care-session=…&care-participant=…&care-expires=…` (or `#care-error=CODE`), or for a
 *   popup a page that posts `{type: 'care-verify-result', …}` to its opener and closes.
 * - `POST /invites/{token}/code` (no body, or `{lang?}`) -> `{to, expiresAt}`: an SMS code to a phone guest.
 * - `POST /invites/{token}/session {code, name?}` (phone guest) or `{name}` (e-mail guest) ->
 *   `{session, participantId, expiresAt}`.
 *
 * @example
 * ```ts
 * const handle = createCareMeetHandler(careMeet, { basePath: '/api' });
 * const response = await handle(new Request('http://portal/api/health'));
 * ```
 */
export function createCareMeetHandler(careMeet: CareMeet, options: HandlerOptions = {}): FetchHandler {
  const base = (options.basePath ?? '/api').replace(/\/+$/, '');
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const log = options.logger ?? silentLogger;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  // Counted in the store: every instance on it counts into the same windows (and a restart is no fresh start).
  const invitesPerAddress = new RateLimiter({ limit: 30, windowMs: 60_000, store: careMeet.store, name: 'invites-per-address' });
  const invitesPerToken = new RateLimiter({ limit: 10, windowMs: 60_000, store: careMeet.store, name: 'invites-per-token' });
  const loginBindingCookie = (value: string) => `${LOGIN_BINDING_COOKIE}=${value}; Path=${base}/; Max-Age=600; HttpOnly; Secure; SameSite=Lax`;

  async function organizer(request: Request): Promise<void> {
    const key = bearer(request);
    if (key === null || !careMeet.isOrganizerKey(key)) throw new CareMeetError('UNAUTHENTICATED', 'the organizer key is missing or wrong');
  }

  async function session(request: Request) {
    const token = bearer(request);
    if (token === null) throw new CareMeetError('UNAUTHENTICATED', 'this needs a session');
    return careMeet.sessionFromToken(token);
  }

  /** The organizer key or a participant's session, for routes open to both. */
  async function caller(request: Request): Promise<Caller> {
    const token = bearer(request);
    if (token === null) throw new CareMeetError('UNAUTHENTICATED', 'this needs the organizer key or a session');
    if (careMeet.isOrganizerKey(token)) return { kind: 'organizer' };
    return { kind: 'session', session: await careMeet.sessionFromToken(token) };
  }

  /** Rate limit per client address only (the identity-provider callback carries no invitation). */
  async function limitAddress(context: RequestContext): Promise<void> {
    if (!(await invitesPerAddress.take(rateLimitAddressKey(context.clientAddress)))) {
      throw new CareMeetError('RATE_LIMITED', 'too many attempts; wait a minute and try again');
    }
  }

  /** Rate limits per client address and per invitation, with one error for both. */
  async function limitInvite(token: string, context: RequestContext): Promise<void> {
    if (!(await invitesPerAddress.take(rateLimitAddressKey(context.clientAddress))) || !(await invitesPerToken.take(hashSecret(token)))) {
      throw new CareMeetError('RATE_LIMITED', 'too many attempts; wait a minute and try again');
    }
  }

  // Each route's body schema, made once, judging times and identity numbers by the service's clock.
  const bodies = makeBodySchemas({ now: () => careMeet.now() });

  const readsJson = (name: RouteName): name is JsonRouteName => Object.hasOwn(bodies, name);

  /**
   * Reads and parses the body of route `name` with its schema. A route that may go without a body
   * (`none-or-json`) takes none when no Content-Type is sent: its schema then parses `{}`, so that
   * its defaults are the schema's too.
   */
  async function readBody(name: RouteName, request: Request): Promise<unknown> {
    if (!readsJson(name)) throw new TypeError(`route ${name} reads no JSON body`);
    let json: unknown;
    if (ROUTES[name].body === 'none-or-json' && request.headers.get('content-type') === null) {
      if ((await readBodyText(request, bodyLimit)) !== '')
        throw new CareMeetError('UNSUPPORTED_MEDIA_TYPE', 'send no body, or a JSON object as application/json');
      json = {};
    } else {
      json = await readJsonBody(request, bodyLimit);
    }
    // This route's own schema (readsJson narrowed the name): what it produces is RouteBodyOf<name>.
    const schema: BodySchema<object> = bodies[name];
    return parseBody(schema, json);
  }

  // Every route of the protocol's table (@care-meet/protocol/routes), by name: the compiler holds each
  // handler to its route's parameters, and a route of the table with no handler here does not compile.
  const handlers: RouteHandlers = {
    health: async () => json(200, { ok: true, livekitUrl: careMeet.livekitUrl }),
    bookMeeting: async ({ request, body }) => {
      await organizer(request);
      return json(201, await careMeet.bookMeeting(await body()));
    },
    meeting: async ({ request, params }) => json(200, await careMeet.getMeeting(params.id, await caller(request))),
    addParticipant: async ({ request, params, body }) => {
      await organizer(request);
      return json(201, { participant: await careMeet.addParticipant(params.id, await body()) });
    },
    end: async ({ request, params }) => json(200, await careMeet.end(params.id, await caller(request))),
    audit: async ({ request, params }) => {
      await organizer(request);
      const entries = await careMeet.audit(params.id);
      return json(200, { entries: entries.map((e) => ({ ...e, at: e.at.toISOString() })) });
    },
    evaluations: async ({ request, params }) => {
      await organizer(request);
      const list = await careMeet.evaluations(params.id);
      return json(200, { evaluations: list.map((e) => ({ ...e, submittedAt: e.submittedAt.toISOString() })) });
    },
    vouchSession: async ({ request, body }) => {
      await organizer(request);
      const { meetingId, identity, method } = await body();
      return json(201, await careMeet.vouchSession(meetingId, identity, method));
    },
    invitation: async ({ params, context }) => {
      await limitInvite(params.token, context);
      return json(200, await careMeet.inspectInvitation(params.token));
    },
    // The schema has made sure of a code or a name; their values are the redemption's to check.
    redeemInvitation: async ({ params, context, body }) => {
      await limitInvite(params.token, context);
      const { code, name } = await body();
      if (code !== undefined) return json(201, await careMeet.redeemInvitationWithCode(params.token, code, name));
      return json(201, await careMeet.redeemInvitationWithName(params.token, name));
    },
    // Sends an SMS one-time code to a phone guest. Body: none, `{}`, or `{"lang"}`: the language
    // of the SMS; without it the browser's Accept-Language, else the deployment's default.
    sendCode: async ({ request, params, context, body }) => {
      await limitInvite(params.token, context);
      const { lang } = await body();
      return json(200, await careMeet.sendSmsCode(params.token, lang ?? preferredMessageLanguage(request.headers.get('accept-language'))));
    },
    // Starts an identity-provider login: `{returnTo, display?}` -> `{authorizationUrl}`.
    startOidc: async ({ request, params, context, body }) => {
      await limitInvite(params.token, context);
      const started = await careMeet.startOidcLogin(params.token, await body(), readCookie(request, LOGIN_BINDING_COOKIE));
      return json(200, { authorizationUrl: started.authorizationUrl }, started.binding === null ? {} : { 'set-cookie': loginBindingCookie(started.binding) });
    },
    // The identity provider sends the browser back here: a 303 to returnTo, or the popup page.
    oidcCallback: async ({ request, context }) => {
      await limitAddress(context);
      const params = new URL(request.url).searchParams;
      return oidcCallbackResponse(await careMeet.finishOidcLogin(params, readCookie(request, LOGIN_BINDING_COOKIE)), request.headers.get('accept-language'));
    },
    join: async ({ request }) => {
      const token = bearer(request);
      if (token === null) throw new CareMeetError('UNAUTHENTICATED', 'this needs a session');
      return json(200, await careMeet.joinWithToken(token));
    },
    roster: async ({ request, params }) => json(200, await careMeet.roster(params.id, await caller(request))),
    admit: async ({ request, params, body }) => {
      const who = await caller(request);
      return json(200, await careMeet.admit(params.id, (await body()).participantId, who));
    },
    // A registration's id, or the LiveKit identity of someone connected who is not on the list.
    remove: async ({ request, params, body }) => {
      const who = await caller(request);
      return json(200, await careMeet.remove(params.id, (await body()).participantId, who));
    },
    recordConsent: async ({ request, params, body }) => {
      const who = await caller(request);
      return json(201, await careMeet.recordConsent(params.id, await body(), who));
    },
    consentRequest: async ({ request, params }) => json(200, await careMeet.consentRequest(params.id, await caller(request))),
    withdrawConsent: async ({ request, params }) => json(200, await careMeet.withdrawConsent(params.id, await caller(request))),
    submitEvaluation: async ({ request, params, body }) => {
      const s = await session(request);
      return json(201, await careMeet.submitEvaluation(s, params.id, (await body()).answers));
    },
    events: async ({ request, params }) => eventStream(request, params.id),
    livekitWebhook: async ({ request }) => {
      const raw = await readBodyText(request, bodyLimit);
      return json(200, await careMeet.handleWebhook(raw, request.headers.get('authorization')));
    },
  };

  /**
   * Server-Sent Events. The chair (or organizer) gets every event and a fresh roster after each;
   * anyone else gets only the events about themselves, and the end; the individual also learns that
   * what she is asked to consent to changed (`consent-request`, see `forParticipant`).
   */
  async function eventStream(request: Request, meetingId: string): Promise<Response> {
    const who = await caller(request);
    let isChair = who.kind === 'organizer';
    let own: { id: string; role: Role } | null = null;
    if (who.kind === 'session') {
      if (who.session.meetingId !== meetingId) throw new CareMeetError('FORBIDDEN', 'this session belongs to another meeting');
      const p = await careMeet.store.getParticipant(who.session.participantId);
      if (!p) throw new CareMeetError('UNAUTHENTICATED', 'the registration no longer exists');
      isChair = p.role === 'chair' && p.removedAt === null;
      own = { id: p.id, role: p.role };
    }
    const first = isChair ? await careMeet.roster(meetingId, who) : null;
    const encoder = new TextEncoder();
    let cleanup = () => {};
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        const send = (event: string, data: unknown) => {
          try {
            controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
          } catch {
            cleanup();
          }
        };
        controller.enqueue(encoder.encode(`retry: 3000\n\n`));
        if (first) send('roster', first);
        let rosterPending = false;
        const unsubscribe = careMeet.events.subscribe(meetingId, (event: MeetingEvent) => {
          if (!isChair) {
            if (event.type === 'key-rotated') {
              // Only to someone admitted and not removed as they stand now (a removal rotates the key:
              // the person removed must not be the one told to fetch the new one).
              careMeet.store.getParticipant((own as { id: string }).id).then(
                (p) => {
                  const mine = p && forParticipant(event, { id: p.id, role: p.role, admitted: p.admittedAt !== null, removed: p.removedAt !== null });
                  if (mine) send(mine.type, mine);
                },
                () => {},
              );
              return;
            }
            const mine = forParticipant(event, own as { id: string; role: Role });
            if (mine) send(mine.type, mine);
            return;
          }
          send(event.type, event);
          if (!rosterPending) {
            rosterPending = true;
            setTimeout(() => {
              rosterPending = false;
              careMeet.roster(meetingId, who).then(
                (r) => send('roster', r),
                () => {},
              );
            }, 50);
          }
        });
        // Events from other instances may have been missed (the PostgreSQL listener reconnected):
        // the chair gets the roster as it stands now, which is what her screen is drawn from.
        const stopResync = isChair
          ? careMeet.events.onResync((concerned) => {
              if (concerned !== null && concerned !== meetingId) return;
              careMeet.roster(meetingId, who).then(
                (r) => send('roster', r),
                () => {},
              );
            })
          : () => {};
        const heartbeat = setInterval(() => {
          try {
            controller.enqueue(encoder.encode(`: keep-alive\n\n`));
          } catch {
            cleanup();
          }
        }, heartbeatMs);
        cleanup = () => {
          unsubscribe();
          stopResync();
          clearInterval(heartbeat);
        };
        request.signal.addEventListener('abort', () => {
          cleanup();
          try {
            controller.close();
          } catch {
            // already closed
          }
        });
      },
      cancel() {
        cleanup();
      },
    });
    return new Response(stream, {
      status: 200,
      headers: { ...SECURITY_HEADERS, 'content-type': 'text/event-stream; charset=utf-8', connection: 'keep-alive' },
    });
  }

  const handle = async function handle(request: Request, context: RequestContext = {}): Promise<Response> {
    const started = performance.now();
    const url = new URL(request.url);
    let matched: string = 'unmatched';
    let allow: string | null = null;
    let response: Response;
    try {
      if (!url.pathname.startsWith(base + '/')) throw new CareMeetError('NOT_FOUND', 'no such route');
      const found = matchRoute(request.method, url.pathname.slice(base.length));
      if (found.kind === 'wrong-method') {
        allow = found.allow.join(', ');
        throw new CareMeetError('METHOD_NOT_ALLOWED', 'this route does not take that method');
      }
      if (found.kind === 'none') throw new CareMeetError('NOT_FOUND', 'no such route');
      matched = ROUTES[found.name].path;
      // The table's own parameters and body schema for this name: matchRoute filled in exactly those
      // parameters, and readBody parses with exactly that schema.
      const name = found.name;
      const run = handlers[name] as (input: {
        request: Request;
        params: Record<string, string>;
        context: RequestContext;
        body: () => Promise<unknown>;
      }) => Promise<Response>;
      response = await run({ request, params: found.params, context, body: () => readBody(name, request) });
    } catch (e) {
      if (e instanceof CareMeetError) {
        response = errorResponse(e);
      } else {
        log.error('unexpected error', { route: matched, error: e instanceof Error ? e.name : 'unknown' });
        response = errorResponse(new CareMeetError('INTERNAL', 'something went wrong on the server'));
      }
    }
    // A 405 says which methods the path takes (RFC 9110, 15.5.6).
    if (allow !== null) response.headers.set('allow', allow);
    // The route pattern, never the path: a path may hold an invitation secret.
    log.info('request', { method: request.method, route: matched, status: response.status, ms: Math.round(performance.now() - started) });
    return response;
  };

  /**
   * The join route without the Fetch objects, for the `node:http` adapter: `POST /join` with no
   * body is the hot path of every connect and reconnect, and on Node 20 building a `Request` and a
   * `Response` costs as much as the join itself. Same decision, same answer, same log line.
   */
  const joinFastPath: NodeFastPath = (method, pathname, authorization) => {
    if (method !== ROUTES.join.method || pathname !== `${base}${ROUTES.join.path}`) return null;
    return (async () => {
      const started = performance.now();
      let status = 200;
      let body: string;
      try {
        const token = parseBearer(authorization);
        if (token === null) throw new CareMeetError('UNAUTHENTICATED', 'this needs a session');
        body = JSON.stringify(await careMeet.joinWithToken(token));
      } catch (e) {
        const error = e instanceof CareMeetError ? e : new CareMeetError('INTERNAL', 'something went wrong on the server');
        if (!(e instanceof CareMeetError)) log.error('unexpected error', { route: '/join', error: e instanceof Error ? e.name : 'unknown' });
        status = error.status;
        body = JSON.stringify(errorBody(error));
      }
      log.info('request', { method, route: '/join', status, ms: Math.round(performance.now() - started) });
      return { status, body };
    })();
  };
  Object.defineProperty(handle, NODE_FAST_PATH, { value: joinFastPath });
  return handle;
}

/** Where the `node:http` adapter finds a handler's fast path (a symbol, so it is not part of the Fetch contract). */
export const NODE_FAST_PATH = Symbol.for('care-meet.node-fast-path');

/** A route answered without Fetch objects; null when the request is not one it takes. */
export type NodeFastPath = (method: string, pathname: string, authorization: string | undefined) => Promise<{ status: number; body: string }> | null;
