import { expect, waitUntil } from '@open-wc/testing';

import { checkConnection, ConnectionCheck, toHttpUrl } from './connection-check.js';

type Answer = Response | Error | ((url: string, init?: RequestInit) => Promise<Response>);

/** A fetch answering by path, recording each request. */
function fakeFetch(routes: Record<string, Answer>) {
  const calls: Array<{ url: string; init?: RequestInit }> = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    calls.push({ url, init });
    const answer = routes[new URL(url, 'http://page.test').pathname];
    if (!answer) throw new TypeError('Failed to fetch');
    if (answer instanceof Error) throw answer;
    if (typeof answer === 'function') return answer(url, init);
    return answer.clone();
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status });
const healthy = json({ ok: true, livekitUrl: 'wss://media.test' });
const unauthorized = new Response('', { status: 401 });

/** A clock reading the given times, one per call. */
const clock = (times: number[]) => () => times.shift() ?? 0;

describe('toHttpUrl', () => {
  it('turns LiveKit websocket URLs into HTTP ones', () => {
    expect(toHttpUrl('wss://media.example.org')?.href).to.equal('https://media.example.org/');
    expect(toHttpUrl('ws://127.0.0.1:7880')?.href).to.equal('http://127.0.0.1:7880/');
    expect(toHttpUrl('https://media.example.org/lk')?.href).to.equal('https://media.example.org/lk');
    expect(toHttpUrl('ftp://media.example.org')).to.equal(undefined);
    expect(toHttpUrl('not a url')).to.equal(undefined);
  });
});

describe('checkConnection', () => {
  it('passes when the server SDK is healthy and the media server answers, with the median round trip', async () => {
    const { fetch, calls } = fakeFetch({ '/api/health': healthy, '/rtc/validate': unauthorized });
    const report = await checkConnection({ apiBase: '/api/', fetch, now: clock([0, 500, 540, 540, 560, 560, 590]), pageUrl: 'https://page.test/' });
    expect(report).to.deep.equal({ status: 'pass', server: 'pass', media: 'pass', mediaUrl: 'https://media.test/', rttMs: 30 });
    expect(calls[0]!.url).to.equal('/api/health');
    // One warm-up request (DNS, TLS) and three timed ones; no-cors, so no CORS setup is needed.
    expect(calls.slice(1).map((c) => c.url)).to.deep.equal(Array(4).fill('https://media.test/rtc/validate'));
    expect(calls[1]!.init).to.include({ mode: 'no-cors', credentials: 'omit', cache: 'no-store' });
  });

  it('prefers the media-url it is given over the one the server names', async () => {
    const { fetch, calls } = fakeFetch({ '/api/health': healthy, '/lk/rtc/validate': unauthorized });
    const report = await checkConnection({ apiBase: '/api', mediaUrl: 'wss://other.test/lk', fetch, samples: 1 });
    expect(report.status).to.equal('pass');
    expect(calls.at(-1)!.url).to.equal('https://other.test/lk/rtc/validate');
  });

  it('says which step failed and why', async () => {
    const cases: Array<[Record<string, Answer>, string, 'fail' | 'pass']> = [
      [{}, 'server-unreachable', 'fail'],
      [{ '/api/health': new Response('', { status: 503 }) }, 'server-error', 'fail'],
      [{ '/api/health': json({ ok: false }) }, 'server-unhealthy', 'fail'],
      [{ '/api/health': new Response('<html>', { status: 200 }) }, 'server-unhealthy', 'fail'],
      [{ '/api/health': json({ ok: true }) }, 'no-media-url', 'pass'],
      // Nothing listens at the media server's address: the fetch fails at once (not the person's network).
      [{ '/api/health': healthy }, 'media-refused', 'pass'],
    ];
    for (const [routes, problem, server] of cases) {
      const report = await checkConnection({ apiBase: '/api', fetch: fakeFetch(routes).fetch, samples: 1 });
      expect(report, problem).to.include({ status: 'fail', problem, server });
      expect(report.media, problem).to.equal(server === 'fail' ? 'skipped' : 'fail');
    }
  });

  it('tells a media server that does not answer in time (dropped on the way) from one that refuses at once (not running)', async () => {
    const slow = (_url: string, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason)));
    const dropped = await checkConnection({ apiBase: '/api', fetch: fakeFetch({ '/api/health': healthy, '/rtc/validate': slow }).fetch, timeoutMs: 50 });
    expect(dropped).to.include({ status: 'fail', problem: 'media-unreachable', server: 'pass', media: 'fail' });
    const refused = await checkConnection({
      apiBase: '/api',
      fetch: fakeFetch({ '/api/health': healthy, '/rtc/validate': new TypeError('Failed to fetch') }).fetch,
    });
    expect(refused).to.include({ status: 'fail', problem: 'media-refused', server: 'pass', media: 'fail' });
  });

  it('spots a plain-http media server from an https page, which the browser would block', async () => {
    const { fetch, calls } = fakeFetch({ '/api/health': json({ ok: true, livekitUrl: 'ws://media.test' }) });
    const report = await checkConnection({ apiBase: '/api', fetch, pageUrl: 'https://portal.test/' });
    expect(report).to.include({ status: 'fail', problem: 'insecure-media-url' });
    expect(calls).to.have.length(1);
  });

  it('skips the check when there is nothing to check', async () => {
    expect(await checkConnection({ fetch: fakeFetch({}).fetch })).to.deep.equal({ status: 'skipped', server: 'skipped', media: 'skipped' });
  });

  it('gives up on a server that does not answer in time', async () => {
    const slow = (_url: string, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason)));
    expect(await checkConnection({ apiBase: '/api', fetch: fakeFetch({ '/api/health': slow }).fetch, timeoutMs: 50 })).to.include({
      problem: 'server-unreachable',
    });
  });

  it('rejects, rather than reporting a failure, when the caller aborts', async () => {
    const slow = (_url: string, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason)));
    const controller = new AbortController();
    const checking = checkConnection({ apiBase: '/api', fetch: fakeFetch({ '/api/health': slow }).fetch, signal: controller.signal });
    controller.abort(new DOMException('gone', 'AbortError'));
    const error = await checking.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as DOMException).name).to.equal('AbortError');
  });

  it('reaches the stub served by the test runner', async () => {
    const report = await checkConnection({ apiBase: '/api' });
    expect(report).to.include({ status: 'pass', server: 'pass', media: 'pass' });
    expect(report.rttMs).to.be.a('number');
  });
});

describe('ConnectionCheck', () => {
  it('holds pending and the report, and lets a new run replace one under way', async () => {
    const connection = new ConnectionCheck();
    const states: boolean[] = [];
    connection.subscribe(({ pending }) => states.push(pending));
    const first = connection.run({ apiBase: '/api-slow' });
    expect(connection.value.pending).to.equal(true);
    const second = connection.run({ apiBase: '/api-down' });
    await Promise.all([first, second]);
    expect(connection.value).to.deep.include({ pending: false });
    expect(connection.value.report).to.include({ status: 'fail', problem: 'server-error' });
    connection.abort();
    expect(states.at(-1)).to.equal(false);
  });

  it('abort() ends a pending run without a report', async () => {
    const connection = new ConnectionCheck();
    const run = connection.run({ apiBase: '/api-slow' });
    connection.abort();
    await run;
    await waitUntil(() => !connection.value.pending);
    expect(connection.value.report).to.equal(undefined);
  });
});
