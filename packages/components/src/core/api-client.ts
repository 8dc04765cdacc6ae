import { ROUTES, routePath, type RouteName, type RouteParams } from '@care-meet/protocol/routes';
import type {
  ApiErrorCode,
  CodeSent,
  ConsentHow,
  ConsentView,
  InviteInfo,
  JoinAnswer,
  OidcDisplay,
  OidcStart,
  OwnStanding,
  Roster,
  SessionGrant,
} from '@care-meet/protocol/wire';

/** A refusal from the server (or the network), with the API's stable code. */
export class CareApiError extends Error {
  override readonly name = 'CareApiError';
  readonly code: ApiErrorCode;
  readonly status: number;
  readonly field: string | undefined;

  constructor(code: ApiErrorCode, message: string, status: number, field?: string) {
    super(message);
    this.code = code;
    this.status = status;
    this.field = field;
  }
}

export interface ApiClientOptions {
  /** Where the server SDK's routes are mounted, e.g. `/api` or `https://portal.example/api`. */
  apiBase: string;
  fetch?: typeof fetch;
}

/**
 * The elements' way to the server SDK: one method per route they use, answers typed, refusals
 * thrown as `CareApiError` with the API's code. Holds no state beyond where the API is.
 *
 * @example
 * const api = new CareApiClient({ apiBase: '/api' });
 * const invite = await api.invite(token);
 */
export class CareApiClient {
  readonly apiBase: string;
  readonly #fetch: typeof fetch;

  constructor(options: ApiClientOptions) {
    this.apiBase = options.apiBase.replace(/\/+$/, '');
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  /** Sends one request; answers the parsed JSON or throws `CareApiError`. */
  async request<T>(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    o: { session?: string; body?: unknown; signal?: AbortSignal; credentials?: RequestCredentials } = {},
  ): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (o.session) headers.authorization = `Bearer ${o.session}`;
    if (o.body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await this.#fetch(`${this.apiBase}${path}`, {
        method,
        headers,
        // No cookies unless a route needs one (the identity-provider login's browser binding).
        credentials: o.credentials ?? 'omit',
        referrerPolicy: 'no-referrer',
        cache: 'no-store',
        ...(o.body !== undefined ? { body: JSON.stringify(o.body) } : {}),
        ...(o.signal ? { signal: o.signal } : {}),
      });
    } catch (e) {
      if ((e as Error)?.name === 'AbortError') throw e;
      throw new CareApiError('NETWORK', 'the server could not be reached', 0);
    }
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    if (!res.ok) {
      const err = (json as { error?: { code?: string; message?: string; field?: string } } | null)?.error;
      throw new CareApiError((err?.code as ApiErrorCode) ?? 'INTERNAL', err?.message ?? `HTTP ${res.status}`, res.status, err?.field);
    }
    return json as T;
  }

  /** Sends one request to the route `name` of the protocol's table, with its path parameters filled in. */
  call<T, N extends RouteName = RouteName>(
    name: N,
    params: RouteParams<N>,
    o: { session?: string; body?: unknown; signal?: AbortSignal; credentials?: RequestCredentials } = {},
  ): Promise<T> {
    return this.request<T>(ROUTES[name].method, routePath(name, params), o);
  }

  invite(token: string, signal?: AbortSignal): Promise<InviteInfo> {
    return this.call('invitation', { token }, signal ? { signal } : {});
  }

  join(session: string, signal?: AbortSignal): Promise<JoinAnswer> {
    return this.call('join', {}, { session, ...(signal ? { signal } : {}) });
  }

  /**
   * The meeting and where this person stands in it (`GET /meetings/{id}` with their session): the
   * meeting leader's session gets the whole roster instead. Asks for nothing and changes nothing.
   *
   * @example
   * const standing = await api.standing(meetingId, session);
   * if (standing.meeting.state === 'ended') showEnded();
   */
  standing(meetingId: string, session: string, signal?: AbortSignal): Promise<OwnStanding | Roster> {
    return this.call('meeting', { id: meetingId }, { session, ...(signal ? { signal } : {}) });
  }

  roster(meetingId: string, session: string, signal?: AbortSignal): Promise<Roster> {
    return this.call('roster', { id: meetingId }, { session, ...(signal ? { signal } : {}) });
  }

  admit(meetingId: string, participantId: string, session: string): Promise<{ participantId: string; admittedAt: string }> {
    return this.call('admit', { id: meetingId }, { session, body: { participantId } });
  }

  remove(meetingId: string, participantId: string, session: string): Promise<{ participantId: string; removedAt: string }> {
    return this.call('remove', { id: meetingId }, { session, body: { participantId } });
  }

  /** Records the individual's consent to the meeting and to the people `participantIds` (all not removed, as shown to her). */
  recordConsent(meetingId: string, body: { how: ConsentHow; participantIds: string[] }, session: string): Promise<{ consent: ConsentView }> {
    return this.call('recordConsent', { id: meetingId }, { session, body });
  }

  withdrawConsent(meetingId: string, session: string): Promise<{ consent: ConsentView }> {
    return this.call('withdrawConsent', { id: meetingId }, { session });
  }

  end(meetingId: string, session: string): Promise<{ meeting: { state: string } }> {
    return this.call('end', { id: meetingId }, { session });
  }

  evaluate(meetingId: string, session: string, answers: Record<string, string | number | boolean>): Promise<{ submittedAt: string }> {
    return this.call('submitEvaluation', { id: meetingId }, { session, body: { answers } });
  }

  sessionWithName(token: string, name: string, signal?: AbortSignal): Promise<SessionGrant> {
    return this.call('redeemInvitation', { token }, { body: { name }, ...(signal ? { signal } : {}) });
  }

  /**
   * Sends a phone guest a six-digit code by SMS (`POST /invites/{token}/code`). A new code
   * replaces the one sent before.
   *
   * @example
   * const { to, expiresAt } = await api.requestCode(token); // to: '+46****43'
   */
  requestCode(token: string, signal?: AbortSignal): Promise<CodeSent> {
    return this.call('sendCode', { token }, signal ? { signal } : {});
  }

  /**
   * Redeems a phone guest's invitation with the code from the SMS, and optionally the name they
   * want the meeting leader to see. A wrong code throws `CODE_INVALID`, whose message says how many
   * tries are left.
   *
   * @example
   * const grant = await api.sessionWithCode(token, '123456');
   */
  sessionWithCode(token: string, code: string, name?: string, signal?: AbortSignal): Promise<SessionGrant> {
    const body = name === undefined ? { code } : { code, name };
    return this.call('redeemInvitation', { token }, { body, ...(signal ? { signal } : {}) });
  }

  /**
   * Starts an identity-provider login (BankID, SITHS, MitID) for an invitation: answers the
   * authorization URL to send the browser to. The answer sets a short-lived cookie that binds the
   * login to this browser, so this request carries credentials (the only one that does).
   *
   * @example
   * const { authorizationUrl } = await api.startOidc(token, location.href.split('#')[0], 'redirect');
   * location.assign(authorizationUrl);
   */
  startOidc(token: string, returnTo: string, display: OidcDisplay, signal?: AbortSignal, language?: string): Promise<OidcStart> {
    return this.call(
      'startOidc',
      { token },
      {
        // `language`: the identity provider's login page in the element's language (`ui_locales`).
        body: language ? { returnTo, display, language } : { returnTo, display },
        credentials: 'include',
        ...(signal ? { signal } : {}),
      },
    );
  }
}
