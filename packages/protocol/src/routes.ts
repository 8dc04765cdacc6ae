/**
 * The route table of care-meet's HTTP API (docs/http-api.md): every route's method, path and who
 * may call it, in one place. The server's handler serves exactly these (its handlers are typed
 * against this table, so a route cannot be left out or misspelt), and the elements build their
 * request paths from it.
 */

export type HttpMethod = 'GET' | 'POST' | 'DELETE';

/**
 * Who may call a route:
 * - `anyone`: no credentials (the health check).
 * - `organizer`: the host portal's backend with the organizer key.
 * - `session`: a participant's session (`Authorization: Bearer <session>`).
 * - `organizer-or-session`: either; what each may do is decided per meeting and role.
 * - `invitation`: whoever holds the invitation secret in the path (rate-limited per address and per invitation).
 * - `identity-provider`: the browser sent back by the identity provider (rate-limited per address).
 * - `livekit`: LiveKit's webhook, signed with the API secret.
 */
export type RouteCaller = 'anyone' | 'organizer' | 'session' | 'organizer-or-session' | 'invitation' | 'identity-provider' | 'livekit';

/** What a route reads from the request body: nothing, a JSON object, no body or a JSON object, or the raw text (a signed webhook). */
export type RouteBody = 'none' | 'json' | 'none-or-json' | 'raw';

export interface RouteSpec {
  readonly method: HttpMethod;
  /** Below where the routes are mounted (e.g. `/api`); `:name` stands for one path segment. */
  readonly path: string;
  readonly caller: RouteCaller;
  readonly body: RouteBody;
}

export const ROUTES = {
  health: { method: 'GET', path: '/health', caller: 'anyone', body: 'none' },
  bookMeeting: { method: 'POST', path: '/meetings', caller: 'organizer', body: 'json' },
  meeting: { method: 'GET', path: '/meetings/:id', caller: 'organizer-or-session', body: 'none' },
  addParticipant: { method: 'POST', path: '/meetings/:id/participants', caller: 'organizer', body: 'json' },
  end: { method: 'POST', path: '/meetings/:id/end', caller: 'organizer-or-session', body: 'none' },
  audit: { method: 'GET', path: '/meetings/:id/audit', caller: 'organizer', body: 'none' },
  evaluations: { method: 'GET', path: '/meetings/:id/evaluations', caller: 'organizer', body: 'none' },
  vouchSession: { method: 'POST', path: '/sessions', caller: 'organizer', body: 'json' },
  invitation: { method: 'GET', path: '/invites/:token', caller: 'invitation', body: 'none' },
  redeemInvitation: { method: 'POST', path: '/invites/:token/session', caller: 'invitation', body: 'json' },
  sendCode: { method: 'POST', path: '/invites/:token/code', caller: 'invitation', body: 'none-or-json' },
  startOidc: { method: 'POST', path: '/invites/:token/oidc', caller: 'invitation', body: 'json' },
  oidcCallback: { method: 'GET', path: '/oidc/callback', caller: 'identity-provider', body: 'none' },
  join: { method: 'POST', path: '/join', caller: 'session', body: 'none' },
  roster: { method: 'GET', path: '/meetings/:id/roster', caller: 'organizer-or-session', body: 'none' },
  admit: { method: 'POST', path: '/meetings/:id/admit', caller: 'organizer-or-session', body: 'json' },
  remove: { method: 'POST', path: '/meetings/:id/remove', caller: 'organizer-or-session', body: 'json' },
  recordConsent: { method: 'POST', path: '/meetings/:id/consent', caller: 'organizer-or-session', body: 'json' },
  consentRequest: { method: 'GET', path: '/meetings/:id/consent', caller: 'organizer-or-session', body: 'none' },
  withdrawConsent: { method: 'DELETE', path: '/meetings/:id/consent', caller: 'organizer-or-session', body: 'none' },
  submitEvaluation: { method: 'POST', path: '/meetings/:id/evaluation', caller: 'session', body: 'json' },
  events: { method: 'GET', path: '/meetings/:id/events', caller: 'organizer-or-session', body: 'none' },
  livekitWebhook: { method: 'POST', path: '/livekit/webhook', caller: 'livekit', body: 'raw' },
} as const satisfies Record<string, RouteSpec>;

export type RouteName = keyof typeof ROUTES;

/** The `:name` segments of a path, as an object of strings: `'/meetings/:id/end'` → `{ id: string }`. */
export type PathParams<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? { [K in Name | keyof PathParams<`/${Rest}`>]: string }
  : P extends `${string}:${infer Name}`
    ? { [K in Name]: string }
    : Record<never, never>;

/** The path parameters of the route `N`. */
export type RouteParams<N extends RouteName> = PathParams<(typeof ROUTES)[N]['path']>;

/** The path of route `name` with its parameters filled in, each encoded as one path segment. */
export function routePath<N extends RouteName>(name: N, params: RouteParams<N>): string {
  const values = params as Record<string, string>;
  return ROUTES[name].path.replace(/:([A-Za-z]+)/g, (_, key: string) => {
    const value = values[key];
    if (typeof value !== 'string') throw new TypeError(`routePath(${name}): no value for :${key}`);
    return encodeURIComponent(value);
  });
}

/** What a request's method and path (below the mount point) are, as the table sees them. */
export type RouteMatch =
  | { kind: 'route'; name: RouteName; params: Record<string, string> }
  /** The path is a route's, but not with this method: `allow` lists the methods it takes. */
  | { kind: 'wrong-method'; allow: HttpMethod[] }
  | { kind: 'none' };

interface Compiled {
  name: RouteName;
  method: HttpMethod;
  segments: string[];
}

/** The table split into segments, made on the first match (a browser that only builds paths never needs it). */
let compiled: Compiled[] | null = null;
const compile = (): Compiled[] =>
  (compiled ??= (Object.keys(ROUTES) as RouteName[]).map((name) => ({
    name,
    method: ROUTES[name].method,
    segments: ROUTES[name].path.split('/').filter(Boolean),
  })));

/**
 * Finds the route for `method` and `path` (below the mount point, e.g. `/meetings/m_1/end`). A
 * parameter segment is percent-decoded; one that does not decode matches nothing.
 */
export function matchRoute(method: string, path: string): RouteMatch {
  const parts = path.split('/').filter(Boolean);
  const allow: HttpMethod[] = [];
  for (const route of compile()) {
    const params = matchSegments(route.segments, parts);
    if (!params) continue;
    if (route.method === method) return { kind: 'route', name: route.name, params };
    allow.push(route.method);
  }
  return allow.length > 0 ? { kind: 'wrong-method', allow } : { kind: 'none' };
}

function matchSegments(segments: string[], parts: string[]): Record<string, string> | null {
  if (segments.length !== parts.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const segment = segments[i] as string;
    const part = parts[i] as string;
    if (segment.startsWith(':')) {
      try {
        params[segment.slice(1)] = decodeURIComponent(part);
      } catch {
        return null;
      }
    } else if (segment !== part) {
      return null;
    }
  }
  return params;
}
