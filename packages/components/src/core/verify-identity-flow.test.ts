import { expect, waitUntil } from '@open-wc/testing';

import { CareApiClient, CareApiError } from './api-client.js';
import type { InviteInfo } from '@care-meet/protocol/wire';
import { normalizeCode, PENDING_LOGIN_KEY, toProblem, VerifyIdentityFlow, type LoginWindow, type VerifyEnvironment } from './verify-identity-flow.js';

const PAGE = 'https://portal.test/mote?steg=2';

const invite = (verify: InviteInfo['verify']): InviteInfo => ({
  meeting: { id: 'm_meeting', startsAt: '2026-12-01T09:00:00.000Z', state: 'scheduled' },
  participant: { id: 'p_esther', name: 'Esther Exempel', role: 'individual' },
  verify,
});

type Answer = { status: number; body: unknown } | ((body: unknown) => { status: number; body: unknown });

/** The API, answering `METHOD /path` from a table and recording each request with its JSON body. */
function fakeApi(routes: Record<string, Answer | Answer[]>) {
  const calls: Array<{ route: string; body: unknown; credentials: RequestCredentials | undefined }> = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const route = `${init?.method ?? 'GET'} ${new URL(String(input), PAGE).pathname}`;
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    calls.push({ route, body, credentials: init?.credentials });
    const entry = routes[route];
    const next = Array.isArray(entry) ? entry.shift() : entry;
    if (!next) throw new TypeError('Failed to fetch');
    const { status, body: answer } = typeof next === 'function' ? next(body) : next;
    return new Response(JSON.stringify(answer), { status });
  }) as typeof globalThis.fetch;
  return { api: new CareApiClient({ apiBase: 'https://portal.test/api', fetch }), calls };
}

const refusal = (status: number, code: string, message: string, field?: string) => ({ status, body: { error: { code, message, field } } });

/** A login window that records where it was sent; `closed` as the person leaves it. */
class FakePopup implements LoginWindow {
  closed = false;
  url: string | null = null;
  focused = 0;
  readonly location = { replace: (url: string) => void (this.url = url) };
  close(): void {
    this.closed = true;
  }
  focus(): void {
    this.focused++;
  }
}

/** The browser around the flow: its fragment, storage, navigations and messages, all in memory. */
function fakeEnvironment(o: { fragment?: string; popup?: FakePopup | null; storage?: Map<string, string> } = {}) {
  const storage = o.storage ?? new Map<string, string>();
  const listeners = new Set<(event: Pick<MessageEvent, 'source' | 'origin' | 'data'>) => void>();
  const state = { fragment: o.fragment ?? '', navigatedTo: null as string | null, opened: 0 };
  const environment: VerifyEnvironment = {
    pageUrl: () => `${PAGE}${state.fragment ? `#${state.fragment}` : ''}`,
    fragment: () => state.fragment,
    replaceFragment: (fragment) => void (state.fragment = fragment),
    openPopup: () => {
      state.opened++;
      return o.popup === undefined ? new FakePopup() : o.popup;
    },
    navigate: (url) => void (state.navigatedTo = url),
    onMessage(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    storage: () => ({
      getItem: (key) => storage.get(key) ?? null,
      setItem: (key, value) => void storage.set(key, value),
      removeItem: (key) => void storage.delete(key),
    }),
    setInterval: (fn, ms) => setInterval(fn, ms),
    clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
    setTimeout: (fn, ms) => setTimeout(fn, ms),
  };
  const post = (source: unknown, origin: string, data: unknown) => {
    for (const listener of [...listeners]) listener({ source: source as MessageEventSource, origin, data });
  };
  return { environment, state, storage, post, listeners };
}

const GRANT = { session: 's_session-secret-0123456789', participantId: 'p_esther', expiresAt: '2026-12-01T10:00:00.000Z' };

describe('normalizeCode', () => {
  it('takes six digits, with spaces, and nothing else', () => {
    expect(normalizeCode('123456')).to.equal('123456');
    expect(normalizeCode(' 123 456 ')).to.equal('123456');
    expect(normalizeCode('12345')).to.equal(null);
    expect(normalizeCode('1234567')).to.equal(null);
    expect(normalizeCode('12345a')).to.equal(null);
    // Full-width digits are not ASCII digits; the server refuses them too.
    expect(normalizeCode('１２３４５６')).to.equal(null);
  });
});

describe('toProblem', () => {
  it('reads the tries left, the minutes to wait, the end of codes and how long a code is valid from the documented messages', () => {
    expect(toProblem(new CareApiError('CODE_INVALID', 'the code is wrong; 3 tries left', 400, 'code'), 'check-code')).to.include({
      code: 'CODE_INVALID',
      triesLeft: 3,
      final: false,
    });
    expect(toProblem(new CareApiError('CODE_INVALID', 'the code is wrong; 1 try left', 400), 'check-code').triesLeft).to.equal(1);
    expect(toProblem(new CareApiError('CODE_INVALID', 'the code is wrong and no tries are left; request a new code', 400), 'check-code').triesLeft).to.equal(0);
    expect(toProblem(new CareApiError('CODE_INVALID', 'no code has been sent for this invitation; request one first', 400), 'check-code').triesLeft).to.equal(
      undefined,
    );
    expect(toProblem(new CareApiError('RATE_LIMITED', 'too many codes sent; you can ask for a new one in 7 minutes', 429), 'send-code')).to.include({
      waitMinutes: 7,
      final: false,
    });
    expect(
      toProblem(new CareApiError('RATE_LIMITED', 'no more codes can be sent for this invitation; contact the meeting leader', 429), 'send-code'),
    ).to.include({ noMoreCodes: true, final: true });
    expect(toProblem(new CareApiError('BAD_REQUEST', 'the code is six digits', 400, 'code'), 'check-code').code).to.equal('CODE_FORMAT');
    expect(
      toProblem(new CareApiError('CODE_EXPIRED', 'the code has expired (a code is valid for 10 minutes); request a new one', 410, 'code'), 'check-code'),
    ).to.include({ validMinutes: 10, final: false });
    expect(toProblem(new CareApiError('CODE_EXPIRED', 'the code has expired', 410, 'code'), 'check-code').validMinutes).to.equal(undefined);
  });

  it('calls a problem final when the invitation cannot be used, whatever was being done', () => {
    for (const code of ['NOT_FOUND', 'INVITE_USED', 'INVITE_EXPIRED', 'MEETING_ENDED', 'REMOVED'] as const) {
      expect(toProblem(new CareApiError(code, '', 410), 'login').final, code).to.equal(true);
    }
    for (const code of ['IDENTITY_MISMATCH', 'ASSURANCE_TOO_LOW', 'LOGIN_FAILED', 'CODE_EXPIRED', 'NETWORK', 'SEND_FAILED'] as const) {
      expect(toProblem(new CareApiError(code, '', 400), 'login').final, code).to.equal(false);
    }
    // Reading the invitation: only what may pass by itself is worth another try.
    expect(toProblem(new CareApiError('NETWORK', '', 0), 'invite').final).to.equal(false);
    expect(toProblem(new CareApiError('BAD_REQUEST', '', 400), 'invite').final).to.equal(true);
    expect(toProblem(new Error('boom'), 'name')).to.include({ code: 'INTERNAL', final: false });
  });
});

describe('VerifyIdentityFlow', () => {
  it('fails at once, finally, without an invitation secret, and asks the server nothing', async () => {
    const { api, calls } = fakeApi({});
    const flow = new VerifyIdentityFlow({ api, environment: fakeEnvironment().environment });
    await flow.open(null);
    expect(flow.value.phase).to.equal('failed');
    expect(flow.value.problem).to.include({ code: 'INVITE_MISSING', final: true });
    expect(calls).to.deep.equal([]);
  });

  it('reads the invitation, and after a network failure reads it again on retry', async () => {
    const { api, calls } = fakeApi({ 'GET /api/invites/tok': [refusal(503, 'NETWORK', 'down'), { status: 200, body: invite('name') }] });
    const flow = new VerifyIdentityFlow({ api, environment: fakeEnvironment().environment });
    const phases: string[] = [];
    flow.subscribe((s) => phases.push(s.phase));
    await flow.open('tok');
    expect(flow.value).to.include({ phase: 'failed', pending: null });
    expect(flow.value.problem).to.include({ code: 'NETWORK', during: 'invite', final: false });
    await flow.retry();
    expect(flow.value.phase).to.equal('ready');
    expect(flow.value.invite?.verify).to.equal('name');
    expect(phases).to.deep.equal(['loading', 'failed', 'loading', 'ready']);
    expect(calls.map((c) => c.route)).to.deep.equal(['GET /api/invites/tok', 'GET /api/invites/tok']);
  });

  it('takes the secret from the page fragment', () => {
    const { api } = fakeApi({});
    const flow = new VerifyIdentityFlow({ api, environment: fakeEnvironment({ fragment: 'x=1&invite=abc' }).environment });
    expect(flow.inviteFromFragment()).to.equal('abc');
  });

  it('logs in in a popup: opens it first, sends it to the IdP, and takes the result only from it and the API origin', async () => {
    const popup = new FakePopup();
    const env = fakeEnvironment({ popup, fragment: 'invite=tok' });
    const { api, calls } = fakeApi({
      'GET /api/invites/tok': { status: 200, body: invite('bankid') },
      'POST /api/invites/tok/oidc': { status: 200, body: { authorizationUrl: 'https://idp.test/auth?state=s' } },
    });
    const flow = new VerifyIdentityFlow({ api, environment: env.environment });
    await flow.open('tok');
    const started = flow.login('popup');
    // Opened synchronously, inside the click, before any request.
    expect(env.state.opened).to.equal(1);
    expect(flow.value).to.include({ pending: 'login', popupOpen: true });
    await started;
    expect(popup.url).to.equal('https://idp.test/auth?state=s');
    const start = calls.find((c) => c.route === 'POST /api/invites/tok/oidc')!;
    // The page without its fragment, which holds the secret.
    expect(start.body).to.deep.equal({ returnTo: PAGE, display: 'popup' });
    expect(start.credentials).to.equal('include');

    const message = { type: 'care-verify-result', ...GRANT };
    env.post({}, 'https://portal.test', message); // another window
    env.post(popup, 'https://evil.test', message); // the popup, but somewhere else
    env.post(popup, 'https://portal.test', { type: 'something-else' });
    expect(flow.value.phase).to.equal('ready');

    env.post(popup, 'https://portal.test', message);
    expect(flow.value.phase).to.equal('verified');
    expect(flow.value.verified).to.deep.equal({ ...GRANT, method: 'bankid', meetingId: 'm_meeting' });
    expect(flow.value).to.include({ pending: null, popupOpen: false });
    expect(env.listeners.size).to.equal(0);
  });

  it('shows the refusal the popup posts, and the invitation stays on offer', async () => {
    const popup = new FakePopup();
    const env = fakeEnvironment({ popup });
    const { api } = fakeApi({
      'GET /api/invites/tok': { status: 200, body: invite('bankid') },
      'POST /api/invites/tok/oidc': { status: 200, body: { authorizationUrl: 'https://idp.test/auth' } },
    });
    const flow = new VerifyIdentityFlow({ api, environment: env.environment });
    await flow.open('tok');
    await flow.login('popup');
    env.post(popup, 'https://portal.test', { type: 'care-verify-result', error: { code: 'IDENTITY_MISMATCH', message: 'someone else' } });
    expect(flow.value.phase).to.equal('ready');
    expect(flow.value.problem).to.include({ code: 'IDENTITY_MISMATCH', during: 'login', final: false });
    expect(flow.value.popupOpen).to.equal(false);
  });

  it('says the login was cancelled when the popup closes without an answer', async () => {
    const popup = new FakePopup();
    const env = fakeEnvironment({ popup });
    const { api } = fakeApi({
      'GET /api/invites/tok': { status: 200, body: invite('mitid') },
      'POST /api/invites/tok/oidc': { status: 200, body: { authorizationUrl: 'https://idp.test/auth' } },
    });
    const flow = new VerifyIdentityFlow({ api, environment: env.environment, popupPollMs: 10 });
    await flow.open('tok');
    await flow.login('popup');
    popup.closed = true;
    await waitUntil(() => flow.value.problem !== null, 'no problem after the popup closed');
    expect(flow.value.problem).to.include({ code: 'LOGIN_CANCELLED', final: false });
    expect(flow.value).to.include({ phase: 'ready', pending: null, popupOpen: false });
  });

  it('closes the popup when the login cannot start, and says why', async () => {
    const popup = new FakePopup();
    const { api } = fakeApi({
      'GET /api/invites/tok': { status: 200, body: invite('siths') },
      'POST /api/invites/tok/oidc': refusal(503, 'IDP_UNAVAILABLE', 'the identity provider did not answer'),
    });
    const flow = new VerifyIdentityFlow({ api, environment: fakeEnvironment({ popup }).environment });
    await flow.open('tok');
    await flow.login('popup');
    expect(popup.closed).to.equal(true);
    expect(flow.value.problem).to.include({ code: 'IDP_UNAVAILABLE', during: 'login' });
  });

  it('falls back to redirect when the popup is blocked, and finishes when the page comes back', async () => {
    const storage = new Map<string, string>();
    const away = fakeEnvironment({ popup: null, fragment: 'invite=tok', storage });
    const { api, calls } = fakeApi({
      'GET /api/invites/tok': { status: 200, body: invite('bankid') },
      'POST /api/invites/tok/oidc': { status: 200, body: { authorizationUrl: 'https://idp.test/auth' } },
    });
    const flow = new VerifyIdentityFlow({ api, environment: away.environment });
    await flow.open(flow.inviteFromFragment(), { fromFragment: true });
    await flow.login('popup');
    expect(calls.at(-1)?.body).to.deep.equal({ returnTo: PAGE, display: 'redirect' });
    expect(away.state.navigatedTo).to.equal('https://idp.test/auth');
    expect(flow.value.pending).to.equal('login');
    expect(JSON.parse(storage.get(PENDING_LOGIN_KEY)!)).to.deep.equal({
      invite: 'tok',
      fromFragment: true,
      method: 'bankid',
      meetingId: 'm_meeting',
      participantId: 'p_esther',
    });

    // The identity provider sent the browser back, with the result in the fragment.
    const back = fakeEnvironment({
      storage,
      fragment: new URLSearchParams({ 'care-session': GRANT.session, 'care-participant': GRANT.participantId, 'care-expires': GRANT.expiresAt }).toString(),
    });
    const returned = new VerifyIdentityFlow({ api: fakeApi({}).api, environment: back.environment });
    expect(returned.resume()).to.equal(true);
    expect(returned.value.phase).to.equal('verified');
    expect(returned.value.verified).to.deep.equal({ ...GRANT, method: 'bankid', meetingId: 'm_meeting' });
    // The session is out of the address at once, and nothing is left in storage.
    expect(back.state.fragment).to.equal('');
    expect(storage.size).to.equal(0);
  });

  it('after a refused redirect login, puts the invitation back in the fragment and offers the method again with the problem', async () => {
    const storage = new Map<string, string>([
      [PENDING_LOGIN_KEY, JSON.stringify({ invite: 'tok', fromFragment: true, method: 'bankid', meetingId: 'm_meeting', participantId: 'p_esther' })],
    ]);
    const back = fakeEnvironment({ storage, fragment: 'care-error=IDENTITY_MISMATCH' });
    const { api } = fakeApi({ 'GET /api/invites/tok': { status: 200, body: invite('bankid') } });
    const flow = new VerifyIdentityFlow({ api, environment: back.environment });
    expect(flow.resume()).to.equal(true);
    expect(back.state.fragment).to.equal('invite=tok');
    await waitUntil(() => flow.value.problem !== null);
    expect(flow.value.phase).to.equal('ready');
    expect(flow.value.problem).to.include({ code: 'IDENTITY_MISMATCH', final: false });
  });

  it('a refused redirect login in a tab that lost its storage is final: only the link can start again', () => {
    const back = fakeEnvironment({ fragment: 'care-error=LOGIN_FAILED' });
    const flow = new VerifyIdentityFlow({ api: fakeApi({}).api, environment: back.environment });
    expect(flow.resume()).to.equal(true);
    expect(flow.value.phase).to.equal('failed');
    expect(flow.value.problem).to.include({ code: 'LOGIN_FAILED', final: true });
    expect(back.state.fragment).to.equal('');
  });

  it('is not a return from a login without a result in the fragment', () => {
    const flow = new VerifyIdentityFlow({ api: fakeApi({}).api, environment: fakeEnvironment({ fragment: 'invite=tok' }).environment });
    expect(flow.resume()).to.equal(false);
    expect(flow.value.phase).to.equal('idle');
  });

  it('sends an SMS code, refuses a malformed one without asking, and counts down wrong ones', async () => {
    const { api, calls } = fakeApi({
      'GET /api/invites/tok': { status: 200, body: invite('sms-code') },
      'POST /api/invites/tok/code': { status: 200, body: { to: '+46****43', expiresAt: '2026-12-01T09:10:00.000Z' } },
      'POST /api/invites/tok/session': [refusal(400, 'CODE_INVALID', 'the code is wrong; 4 tries left', 'code'), { status: 201, body: GRANT }],
    });
    const flow = new VerifyIdentityFlow({ api, environment: fakeEnvironment().environment });
    await flow.open('tok');
    await flow.sendCode();
    expect(flow.value.codeSent).to.deep.equal({ to: '+46****43', expiresAt: '2026-12-01T09:10:00.000Z' });

    await flow.submitCode('12 34');
    expect(flow.value.problem).to.include({ code: 'CODE_FORMAT' });
    expect(calls.filter((c) => c.route === 'POST /api/invites/tok/session')).to.have.length(0);

    await flow.submitCode('111 111');
    expect(flow.value.problem).to.include({ code: 'CODE_INVALID', triesLeft: 4 });
    await flow.submitCode('123456');
    expect(flow.value.phase).to.equal('verified');
    expect(flow.value.verified).to.deep.equal({ ...GRANT, method: 'sms-code', meetingId: 'm_meeting' });
    expect(calls.filter((c) => c.route === 'POST /api/invites/tok/session').map((c) => c.body)).to.deep.equal([{ code: '111111' }, { code: '123456' }]);
    // Only the identity-provider start carries cookies.
    expect(calls.every((c) => c.credentials === 'omit')).to.equal(true);
  });

  it('fails finally when the invitation was used meanwhile', async () => {
    const { api } = fakeApi({
      'GET /api/invites/tok': { status: 200, body: invite('name') },
      'POST /api/invites/tok/session': refusal(410, 'INVITE_USED', 'this invitation has already been used'),
    });
    const flow = new VerifyIdentityFlow({ api, environment: fakeEnvironment().environment });
    await flow.open('tok');
    await flow.submitName('Lisa Lärare');
    expect(flow.value.phase).to.equal('failed');
    expect(flow.value.problem).to.include({ code: 'INVITE_USED', during: 'name', final: true });
  });

  it('passes a host-held session through without asking anything', () => {
    const { api, calls } = fakeApi({});
    const flow = new VerifyIdentityFlow({ api, environment: fakeEnvironment().environment });
    flow.vouch(GRANT);
    expect(flow.value.phase).to.equal('vouched');
    expect(flow.value.verified).to.deep.equal({ ...GRANT, method: 'host', meetingId: null });
    expect(calls).to.deep.equal([]);
  });

  it('cancels what is under way when disposed, and closes the popup', async () => {
    const popup = new FakePopup();
    let release: () => void = () => {};
    const { api } = fakeApi({
      'GET /api/invites/tok': { status: 200, body: invite('bankid') },
    });
    const env = fakeEnvironment({ popup });
    const slow = new VerifyIdentityFlow({
      api: new CareApiClient({
        apiBase: 'https://portal.test/api',
        fetch: (_input, init) =>
          new Promise((_resolve, reject) => {
            release = () => reject(new DOMException('aborted', 'AbortError'));
            init?.signal?.addEventListener('abort', () => release());
          }),
      }),
      environment: env.environment,
    });
    const flow = new VerifyIdentityFlow({ api, environment: env.environment });
    await flow.open('tok');
    void flow.login('popup');
    flow.dispose();
    expect(popup.closed).to.equal(true);
    expect(flow.value).to.include({ pending: null, popupOpen: false });

    const loading = slow.open('tok');
    expect(slow.value.phase).to.equal('loading');
    slow.dispose();
    await loading;
    // The aborted request left nothing behind.
    expect(slow.value.problem).to.equal(null);
  });
});
