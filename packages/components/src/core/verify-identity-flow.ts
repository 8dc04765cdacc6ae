import { CareApiError, type CareApiClient } from './api-client.js';
import type { ApiErrorCode, CodeSent, InviteInfo, OidcDisplay, OidcMethod, SessionGrant, VerifyMethod, VerifyResultMessage } from '@care-meet/protocol/wire';
import { Store, type Readable, type Unsubscribe } from './observable.js';

/** What the flow is doing when something goes wrong, or while it waits. */
export type VerifyAction = 'invite' | 'login' | 'send-code' | 'check-code' | 'name';

/** Why proving identity stopped, with what the person needs to know to go on. */
export interface VerifyProblem {
  /** The API's stable code, or a browser-side one (`INVITE_MISSING`, `LOGIN_CANCELLED`, `CODE_FORMAT`). */
  code: ApiErrorCode;
  /** What was being done. */
  during: VerifyAction;
  /** The server's own words (English), for logs; people see the element's translation of `code`. */
  message: string;
  /** Nothing the person can do on this page helps: the invitation cannot be used (`care-error`). */
  final: boolean;
  /** `CODE_INVALID`: tries left for this code, when the server said. */
  triesLeft?: number;
  /** `RATE_LIMITED` when sending a code: minutes until a new one can be sent, when the server said. */
  waitMinutes?: number;
  /** `RATE_LIMITED` when sending a code: no more codes can ever be sent for this invitation. */
  noMoreCodes?: boolean;
  /** `CODE_EXPIRED`: how many minutes a code is valid, when the server said. */
  validMinutes?: number;
}

/**
 * - `idle`: nothing asked yet.
 * - `loading`: reading the invitation, or the answer of an identity-provider login.
 * - `ready`: the invitation's one method is on offer (perhaps with a `problem` to fix first).
 * - `verified`: proven; `verified` holds the session.
 * - `vouched`: the host page gave a session it holds; nothing to show.
 * - `failed`: a `problem` stops the flow; `final` says whether trying again can help.
 */
export type VerifyPhase = 'idle' | 'loading' | 'ready' | 'verified' | 'vouched' | 'failed';

/** A proven person: the session and how it was proven. */
export interface VerifiedIdentity extends SessionGrant {
  /**
   * How the person proved who they are; `host` when the host page vouched. `null` only when an
   * identity-provider login came back to a tab that had lost its session storage.
   */
  method: VerifyMethod | 'host' | null;
  /** The meeting, when known: from the invitation. `null` for a host-held session. */
  meetingId: string | null;
}

export interface VerifyIdentityState {
  phase: VerifyPhase;
  invite: InviteInfo | null;
  /** The action under way, if any. */
  pending: VerifyAction | null;
  /** An identity-provider login is open in a popup window. */
  popupOpen: boolean;
  /** Where the last SMS code went. */
  codeSent: CodeSent | null;
  problem: VerifyProblem | null;
  verified: VerifiedIdentity | null;
}

/** The window an identity-provider login runs in (a `Window` in browsers). */
export interface LoginWindow {
  readonly closed: boolean;
  close(): void;
  focus(): void;
  readonly location: { replace(url: string): void };
}

/**
 * Everything the flow needs from the browser, so it runs (and is tested) without a real page.
 * `browserEnvironment()` gives the real one.
 */
export interface VerifyEnvironment {
  /** The page's address: the identity provider sends the person back here. */
  pageUrl(): string;
  /** The page's URL fragment, without `#`. */
  fragment(): string;
  /** Replaces the fragment (empty: removes it) without a navigation or a history entry. */
  replaceFragment(fragment: string): void;
  /** Opens an empty login window; must run inside the click. `null` when the browser blocked it. */
  openPopup(): LoginWindow | null;
  /** Sends this tab elsewhere. */
  navigate(url: string): void;
  /** Listens for `postMessage` events on this window. */
  onMessage(listener: (event: Pick<MessageEvent, 'source' | 'origin' | 'data'>) => void): Unsubscribe;
  /** Per-tab storage that survives the identity provider's redirect; `null` when blocked. */
  storage(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
  setTimeout(fn: () => void, ms: number): unknown;
}

/** The popup's name and size: big enough for BankID's QR code and the identity provider's pages. */
const POPUP_NAME = 'care-verify-identity';
const POPUP_FEATURES = 'popup,width=520,height=720';

/** The real browser: `window`, `location`, `history`, `sessionStorage`. */
export function browserEnvironment(): VerifyEnvironment {
  return {
    pageUrl: () => location.href,
    fragment: () => location.hash.replace(/^#/, ''),
    replaceFragment: (fragment) => history.replaceState(history.state, '', `${location.pathname}${location.search}${fragment ? `#${fragment}` : ''}`),
    openPopup: () => window.open('', POPUP_NAME, POPUP_FEATURES),
    navigate: (url) => location.assign(url),
    onMessage(listener) {
      window.addEventListener('message', listener);
      return () => window.removeEventListener('message', listener);
    },
    storage() {
      try {
        return window.sessionStorage;
      } catch {
        // Blocked site data, sandboxed iframe: the redirect comes back without what we kept.
        return null;
      }
    },
    setInterval: (fn, ms) => window.setInterval(fn, ms),
    clearInterval: (handle) => window.clearInterval(handle as number),
    setTimeout: (fn, ms) => window.setTimeout(fn, ms),
  };
}

/** What an identity-provider redirect needs to find again when the page comes back. */
interface PendingLogin {
  invite: string;
  /** The secret came from the page's `#invite=`: put it back there if the login failed. */
  fromFragment: boolean;
  method: OidcMethod;
  meetingId: string;
  participantId: string;
}

/** sessionStorage key of a login under way in redirect display. */
export const PENDING_LOGIN_KEY = 'care-meet:verify-identity-login';

/** Codes after which this invitation cannot be used on this page at all. */
const FINAL_CODES: ReadonlySet<ApiErrorCode> = new Set(['NOT_FOUND', 'INVITE_MISSING', 'INVITE_USED', 'INVITE_EXPIRED', 'MEETING_ENDED', 'REMOVED']);

/** Reading the invitation again can help after these (and only these). */
const TRANSIENT_CODES: ReadonlySet<ApiErrorCode> = new Set(['NETWORK', 'RATE_LIMITED', 'INTERNAL', 'IDP_UNAVAILABLE']);

const OIDC_METHODS: ReadonlySet<VerifyMethod> = new Set(['bankid', 'siths', 'mitid', 'bankid-no', 'suomifi']);

export function isOidcMethod(method: VerifyMethod | null | undefined): method is OidcMethod {
  return method !== null && method !== undefined && OIDC_METHODS.has(method);
}

/**
 * Six digits, as the SMS has them; spaces (`123 456`) are allowed and dropped. `null` for
 * anything else, which then costs no try at the server.
 *
 * @example
 * normalizeCode(' 123 456 '); // '123456'
 * normalizeCode('12345');     // null
 */
export function normalizeCode(input: string): string | null {
  const code = input.replace(/\s+/g, '');
  return /^[0-9]{6}$/.test(code) ? code : null;
}

/**
 * A refusal as the flow keeps it. The server's message says how many tries are left, how long
 * to wait and how long a code is valid (docs/identity.md words them so), and its code says the rest.
 *
 * @example
 * toProblem(new CareApiError('CODE_INVALID', 'the code is wrong; 3 tries left', 400, 'code'), 'check-code').triesLeft; // 3
 */
export function toProblem(error: unknown, during: VerifyAction): VerifyProblem {
  const code: ApiErrorCode = error instanceof CareApiError ? error.code : 'INTERNAL';
  const message = error instanceof Error ? error.message : String(error);
  const problem: VerifyProblem = { code, during, message, final: false };
  if (code === 'CODE_INVALID') {
    const left = /(\d+) tr(?:y|ies) left/.exec(message);
    if (left) problem.triesLeft = Number(left[1]);
    else if (/no tries are left/.test(message)) problem.triesLeft = 0;
  }
  if (code === 'CODE_EXPIRED') {
    const valid = /valid for (\d+) minute/.exec(message);
    if (valid) problem.validMinutes = Number(valid[1]);
  }
  if (code === 'BAD_REQUEST' && during === 'check-code' && error instanceof CareApiError && error.field === 'code') {
    problem.code = 'CODE_FORMAT';
  }
  if (code === 'RATE_LIMITED' && during === 'send-code') {
    const wait = /in (\d+) minute/.exec(message);
    if (wait) problem.waitMinutes = Number(wait[1]);
    if (/no more codes/.test(message)) problem.noMoreCodes = true;
  }
  problem.final = FINAL_CODES.has(problem.code) || problem.noMoreCodes === true || (during === 'invite' && !TRANSIENT_CODES.has(problem.code));
  return problem;
}

const INITIAL: VerifyIdentityState = {
  phase: 'idle',
  invite: null,
  pending: null,
  popupOpen: false,
  codeSent: null,
  problem: null,
  verified: null,
};

export interface VerifyIdentityFlowOptions {
  api: CareApiClient;
  /** Default: the real browser. */
  environment?: VerifyEnvironment;
  /** How often a login popup is checked for having been closed, ms. Default 400. */
  popupPollMs?: number;
}

/**
 * Proving who a person is, the way their invitation says (docs/identity.md), as a state machine
 * without any UI: reads the invitation, then runs its one method (an identity-provider login in a
 * popup or by redirect, an SMS code, or a typed name) and ends `verified` with a session, or with a
 * problem the UI explains. `<care-verify-identity>` draws it; another UI can too.
 *
 * @example
 * const flow = new VerifyIdentityFlow({ api: new CareApiClient({ apiBase: '/api' }) });
 * flow.subscribe((state) => render(state));
 * if (!flow.resume()) await flow.open(new URLSearchParams(location.hash.slice(1)).get('invite'));
 * button.onclick = () => flow.login('popup'); // in the click: the popup must open at once
 */
export class VerifyIdentityFlow implements Readable<VerifyIdentityState> {
  /** The API the flow talks to; replace it when the element's `api-base` changes, then `open` again. */
  api: CareApiClient;
  readonly #env: VerifyEnvironment;
  readonly #pollMs: number;
  readonly #store = new Store<VerifyIdentityState>(INITIAL);
  #token: string | null = null;
  #fromFragment = false;
  #controller = new AbortController();
  #popup: LoginWindow | null = null;
  #stopPopup: () => void = () => {};

  constructor(options: VerifyIdentityFlowOptions) {
    this.api = options.api;
    this.#env = options.environment ?? browserEnvironment();
    this.#pollMs = options.popupPollMs ?? 400;
  }

  get value(): VerifyIdentityState {
    return this.#store.value;
  }

  subscribe(listener: (value: VerifyIdentityState) => void): Unsubscribe {
    return this.#store.subscribe(listener);
  }

  /** The invitation's method, once it is known. */
  get method(): VerifyMethod | null {
    return this.value.invite?.verify ?? null;
  }

  /**
   * The secret in the page's fragment (`#invite=…`), if any.
   *
   * @example
   * // on https://portal.example/mote#invite=abc
   * flow.inviteFromFragment(); // 'abc'
   */
  inviteFromFragment(): string | null {
    return new URLSearchParams(this.#env.fragment()).get('invite') || null;
  }

  /** The host vouched for the person: the flow ends at once with the host's session. */
  vouch(grant: SessionGrant): void {
    this.#reset();
    this.#store.set({ ...INITIAL, phase: 'vouched', verified: { ...grant, method: 'host', meetingId: null } });
  }

  /**
   * Reads the invitation and offers its method. `fromFragment` says the secret came from the
   * page's `#invite=` (so it is put back there if an identity-provider redirect fails).
   */
  async open(token: string | null | undefined, options: { fromFragment?: boolean } = {}): Promise<void> {
    this.#reset();
    this.#token = token || null;
    this.#fromFragment = options.fromFragment ?? false;
    if (!this.#token) {
      this.#fail(toProblemOf('INVITE_MISSING', 'invite', 'there is no invitation secret on this page'));
      return;
    }
    this.#store.set({ ...INITIAL, phase: 'loading', pending: 'invite' });
    const signal = this.#controller.signal;
    try {
      const invite = await this.api.invite(this.#token, signal);
      if (signal.aborted) return;
      this.#store.set({ ...INITIAL, phase: 'ready', invite });
    } catch (e) {
      if (signal.aborted) return;
      this.#fail(toProblem(e, 'invite'));
    }
  }

  /**
   * Handles the page coming back from the identity provider in redirect display: the result in
   * the fragment (`#care-session=…` or `#care-error=…`). Removes it from the address at once.
   * Returns `false` when the page did not come back from a login.
   */
  resume(): boolean {
    const params = new URLSearchParams(this.#env.fragment());
    const session = params.get('care-session');
    const error = params.get('care-error');
    if (!session && !error) return false;
    const pending = this.#takePendingLogin();
    // Out of the address bar and history at once: a session is a bearer secret. After a failed
    // login the invitation goes back where it came from, so a reload still works.
    const restore = !session && pending?.fromFragment;
    this.#env.replaceFragment(restore ? new URLSearchParams({ invite: pending.invite }).toString() : '');
    this.#reset();
    const participantId = params.get('care-participant');
    const expiresAt = params.get('care-expires');
    if (session && participantId && expiresAt) {
      const known = pending?.participantId === participantId;
      this.#verified({
        session,
        participantId,
        expiresAt,
        method: known ? pending.method : null,
        meetingId: known ? pending.meetingId : null,
      });
      return true;
    }
    const problem = toProblem(new CareApiError((error ?? 'LOGIN_FAILED') as ApiErrorCode, 'the identity provider login was refused', 0), 'login');
    if (!pending) {
      // Without the invitation there is nothing to try again with on this page.
      this.#fail({ ...problem, final: true });
      return true;
    }
    void this.open(pending.invite, { fromFragment: pending.fromFragment }).then(() => {
      if (this.value.phase === 'ready') this.#store.set({ ...this.value, problem });
    });
    return true;
  }

  /**
   * Starts the identity-provider login. Call it in the click handler itself: a popup opens
   * before anything is awaited, or browsers block it. A blocked popup falls back to redirect.
   */
  login(display: OidcDisplay = 'popup', language?: string): Promise<void> {
    const { invite } = this.value;
    const method = invite?.verify;
    if (this.#busy() || !invite || !isOidcMethod(method) || !this.#token) return Promise.resolve();
    this.#closePopup();
    const popup = display === 'popup' ? this.#env.openPopup() : null;
    return this.#startLogin(this.#token, invite, method, popup, language);
  }

  /** Gives up a login under way in the popup (the person pressed Cancel). */
  cancelLogin(): void {
    if (!this.value.popupOpen) return;
    this.#closePopup();
    this.#store.set({ ...this.value, pending: null, popupOpen: false, problem: null });
  }

  /** Brings the login popup to the front again. */
  focusPopup(): void {
    this.#popup?.focus();
  }

  /** Sends (or sends again) the SMS code. */
  async sendCode(): Promise<void> {
    const token = this.#token;
    if (this.#busy() || !token || this.method !== 'sms-code') return;
    await this.#act('send-code', async (signal) => {
      const codeSent = await this.api.requestCode(token, signal);
      this.#store.set({ ...this.value, codeSent });
    });
  }

  /** Checks the code the person typed; spaces are fine, anything but six digits costs no try. */
  async submitCode(input: string): Promise<void> {
    const token = this.#token;
    if (this.#busy() || !token || this.method !== 'sms-code') return;
    const code = normalizeCode(input);
    if (!code) {
      this.#store.set({ ...this.value, problem: toProblemOf('CODE_FORMAT', 'check-code', 'the code is six digits') });
      return;
    }
    await this.#act('check-code', async (signal) => {
      this.#redeemed(await this.api.sessionWithCode(token, code, undefined, signal));
    });
  }

  /** An e-mail guest's typed name. */
  async submitName(input: string): Promise<void> {
    const token = this.#token;
    if (this.#busy() || !token || this.method !== 'name') return;
    const name = input.trim();
    if (!name) {
      this.#store.set({ ...this.value, problem: toProblemOf('INVALID_NAME', 'name', 'type your name') });
      return;
    }
    await this.#act('name', async (signal) => {
      this.#redeemed(await this.api.sessionWithName(token, name, signal));
    });
  }

  /** After a failure that trying again can help: reads the invitation again. */
  async retry(): Promise<void> {
    const { phase, problem } = this.value;
    if (phase === 'failed' && problem && !problem.final) await this.open(this.#token, { fromFragment: this.#fromFragment });
  }

  /** Stops everything under way (the element left the page): requests, the popup, its listener. */
  dispose(): void {
    this.#reset();
    if (this.value.pending) this.#store.set({ ...this.value, pending: null, popupOpen: false });
  }

  #busy(): boolean {
    const { phase, pending } = this.value;
    return pending !== null || phase !== 'ready';
  }

  async #act(action: VerifyAction, work: (signal: AbortSignal) => Promise<void>): Promise<void> {
    const signal = this.#controller.signal;
    this.#store.set({ ...this.value, pending: action, problem: null });
    try {
      await work(signal);
      if (signal.aborted) return;
      if (this.value.pending === action) this.#store.set({ ...this.value, pending: null });
    } catch (e) {
      if (signal.aborted) return;
      this.#problem(toProblem(e, action));
    }
  }

  async #startLogin(token: string, invite: InviteInfo, method: OidcMethod, popup: LoginWindow | null, language?: string): Promise<void> {
    const signal = this.#controller.signal;
    this.#store.set({ ...this.value, pending: 'login', problem: null });
    if (popup) this.#watchPopup(popup);
    try {
      const returnTo = this.#env.pageUrl().split('#')[0] as string;
      const { authorizationUrl } = await this.api.startOidc(token, returnTo, popup ? 'popup' : 'redirect', signal, language);
      if (signal.aborted) return;
      if (popup) {
        // Unless the person closed or cancelled it meanwhile; then the poll has said so already.
        if (this.#popup === popup) popup.location.replace(authorizationUrl);
        return;
      }
      this.#keepPendingLogin({
        invite: token,
        fromFragment: this.#fromFragment,
        method,
        meetingId: invite.meeting.id,
        participantId: invite.participant.id,
      });
      // `pending` stays `login` until the page has gone.
      this.#env.navigate(authorizationUrl);
    } catch (e) {
      if (signal.aborted) return;
      this.#closePopup();
      this.#problem(toProblem(e, 'login'));
    }
  }

  #watchPopup(popup: LoginWindow): void {
    this.#popup = popup;
    const origin = new URL(this.api.apiBase || '/', this.#env.pageUrl()).origin;
    let seenClosed = false;
    const stopListening = this.#env.onMessage((event) => {
      // Only the window we opened, and only once it is back on the API's own origin.
      if (event.source !== (popup as unknown) || event.origin !== origin) return;
      const data = event.data as Partial<VerifyResultMessage> | null;
      if (data?.type !== 'care-verify-result') return;
      this.#closePopup();
      if (typeof data.session === 'string' && typeof data.participantId === 'string' && typeof data.expiresAt === 'string') {
        this.#redeemed({ session: data.session, participantId: data.participantId, expiresAt: data.expiresAt });
      } else {
        const code = (typeof data.error?.code === 'string' ? data.error.code : 'LOGIN_FAILED') as ApiErrorCode;
        this.#problem(toProblem(new CareApiError(code, String(data.error?.message ?? ''), 0), 'login'));
      }
    });
    const poll = this.#env.setInterval(() => {
      if (!popup.closed) return;
      // The callback page posts its message and closes itself at once: give that message one
      // more beat to arrive before calling the login abandoned.
      if (!seenClosed) {
        seenClosed = true;
        return;
      }
      this.#closePopup();
      this.#problem(toProblemOf('LOGIN_CANCELLED', 'login', 'the login window was closed before the login finished'));
    }, this.#pollMs);
    this.#stopPopup = () => {
      stopListening();
      this.#env.clearInterval(poll);
    };
    this.#store.set({ ...this.value, popupOpen: true });
  }

  #closePopup(): void {
    this.#stopPopup();
    this.#stopPopup = () => {};
    const popup = this.#popup;
    this.#popup = null;
    if (popup && !popup.closed) popup.close();
  }

  #redeemed(grant: SessionGrant): void {
    const invite = this.value.invite;
    this.#verified({ ...grant, method: invite?.verify ?? null, meetingId: invite?.meeting.id ?? null });
  }

  #verified(verified: VerifiedIdentity): void {
    this.#closePopup();
    this.#store.set({ ...this.value, phase: 'verified', pending: null, popupOpen: false, problem: null, verified });
  }

  #problem(problem: VerifyProblem): void {
    if (problem.final) {
      this.#fail(problem);
      return;
    }
    this.#store.set({ ...this.value, pending: null, popupOpen: false, problem });
  }

  #fail(problem: VerifyProblem): void {
    this.#closePopup();
    this.#store.set({ ...this.value, phase: 'failed', pending: null, popupOpen: false, problem });
  }

  #reset(): void {
    this.#controller.abort();
    this.#controller = new AbortController();
    this.#closePopup();
  }

  #keepPendingLogin(login: PendingLogin): void {
    try {
      this.#env.storage()?.setItem(PENDING_LOGIN_KEY, JSON.stringify(login));
    } catch {
      // Full or blocked: the login still works; the way back then knows less (see VerifiedIdentity).
    }
  }

  #takePendingLogin(): PendingLogin | null {
    try {
      const storage = this.#env.storage();
      const raw = storage?.getItem(PENDING_LOGIN_KEY);
      storage?.removeItem(PENDING_LOGIN_KEY);
      const login = raw ? (JSON.parse(raw) as Partial<PendingLogin>) : null;
      if (
        login &&
        typeof login.invite === 'string' &&
        typeof login.meetingId === 'string' &&
        typeof login.participantId === 'string' &&
        isOidcMethod(login.method)
      ) {
        return {
          invite: login.invite,
          fromFragment: login.fromFragment === true,
          method: login.method,
          meetingId: login.meetingId,
          participantId: login.participantId,
        };
      }
    } catch {
      // Blocked storage or a damaged entry: as if nothing was kept.
    }
    return null;
  }
}

function toProblemOf(code: ApiErrorCode, during: VerifyAction, message: string): VerifyProblem {
  return { code, during, message, final: FINAL_CODES.has(code) };
}
