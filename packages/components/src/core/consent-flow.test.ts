import { expect, waitUntil } from '@open-wc/testing';

import { BO, FakeConsentApi, LIST, request } from '../test-support/fake-consent-api.js';
import { CareApiError } from './api-client.js';
import { asksConsent, ConsentFlow, type ConsentFlowState, type ConsentGrant } from './consent-flow.js';

const GRANT: ConsentGrant = { meetingId: 'm_1', session: 's_self' };

describe('ConsentFlow', () => {
  let api: FakeConsentApi;
  let changed: (() => void) | null;
  let timers: Array<{ fn: () => void; ms: number }>;
  let seen: ConsentFlowState[];

  const make = (grant: ConsentGrant | null = GRANT) => {
    const flow = new ConsentFlow({
      api,
      grant: () => grant,
      onRequestChanged: (listener) => {
        changed = listener;
        return () => (changed = null);
      },
      setTimeout: (fn, ms) => timers.push({ fn, ms }),
      clearTimeout: () => undefined,
    });
    flow.subscribe((state) => seen.push(state));
    return flow;
  };
  /** Each moment the flow announced, once, in order. */
  const moments = () => seen.filter((s, i) => s.moment && s.moment !== seen[i - 1]?.moment).map((s) => s.moment!.kind);

  beforeEach(() => {
    api = new FakeConsentApi();
    changed = null;
    timers = [];
    seen = [];
  });

  it('asks when consent is missing, withdrawn, or does not cover everyone; not when it covers everyone', () => {
    expect(asksConsent({ state: 'missing', notCovered: [] })).to.equal(true);
    expect(asksConsent({ state: 'withdrawn', notCovered: [] })).to.equal(true);
    expect(asksConsent({ state: 'given', notCovered: ['p_bo'] })).to.equal(true);
    expect(asksConsent({ state: 'given', notCovered: [] })).to.equal(false);
    expect(asksConsent({ state: 'none', notCovered: [] })).to.equal(false);
  });

  it('reads her request once per visit with her session, and asks with the uncovered people marked', async () => {
    api.reads = [request('given', [...LIST, BO], ['p_bo'])];
    const flow = make();
    flow.start('p_self');
    expect(flow.value.status).to.equal('reading');
    flow.start('p_self');
    await waitUntil(() => flow.value.status === 'asking');
    expect(api.log).to.deep.equal(['consentRequest m_1 s_self']);
    expect(flow.value.self).to.equal('p_self');
    expect([...flow.value.marked]).to.deep.equal(['p_bo']);
    expect(moments()).to.deep.equal(['asked']);
  });

  it('is settled, and says nothing, when her consent covers everyone', async () => {
    api.reads = [request('given')];
    const flow = make();
    flow.start('p_self');
    await waitUntil(() => flow.value.status === 'settled');
    expect(moments()).to.deep.equal([]);
  });

  it('keeps a failed read, and tries again later only when the failure may pass', async () => {
    api.reads = [new CareApiError('INTERNAL', 'busy', 503), new CareApiError('RATE_LIMITED', 'slow down', 429), request('missing')];
    const flow = make();
    flow.start('p_self');
    await waitUntil(() => flow.value.status === 'unread');
    expect(flow.value.readError?.code).to.equal('INTERNAL');
    expect(timers.map((t) => t.ms)).to.deep.equal([1000]);
    timers[0]!.fn();
    await waitUntil(() => timers.length === 2);
    expect(timers[1]!.ms).to.equal(2000);
    timers[1]!.fn();
    await waitUntil(() => flow.value.status === 'asking');
    expect(flow.value.readError).to.equal(null);

    const refused = make();
    api.reads = [new CareApiError('FORBIDDEN', 'no', 403)];
    timers = [];
    refused.start('p_self');
    await waitUntil(() => refused.value.status === 'unread');
    expect(timers).to.have.length(0);
  });

  it('does nothing without a session', async () => {
    const flow = make(null);
    flow.start('p_self');
    await flow.agree();
    expect(api.log).to.deep.equal([]);
    expect(flow.value.status).to.equal('off');
  });

  it('I agree records exactly the people shown, as her own; Not now waits while it is sent', async () => {
    const flow = make();
    flow.start('p_self');
    await waitUntil(() => flow.value.status === 'asking');
    let release!: () => void;
    api.hold = new Promise<void>((resolve) => (release = resolve));
    const agreeing = flow.agree();
    expect(flow.value.status).to.equal('sending');
    flow.later();
    expect(flow.value.status).to.equal('sending');
    release();
    await agreeing;
    expect(flow.value.status).to.equal('recorded');
    expect(api.recorded).to.deep.equal([['p_anna', 'p_self']]);
    expect(api.log[1]).to.equal('record m_1 self s_self');
    expect(moments()).to.deep.equal(['asked', 'recorded']);
    flow.later();
    expect(flow.value.status).to.equal('closed');
    expect(moments().at(-1)).to.equal('gone');
  });

  it('shows the new list, the newcomer marked, when her answer met a changed list; a failure says why', async () => {
    api.reads = [request('missing'), request('missing', [...LIST, BO])];
    api.posts = [new CareApiError('PARTICIPANTS_CHANGED', 'changed', 409), new CareApiError('NETWORK', 'down', 0)];
    const flow = make();
    flow.start('p_self');
    await waitUntil(() => flow.value.status === 'asking');
    await flow.agree();
    expect(flow.value.status).to.equal('asking');
    expect(flow.value.changed).to.equal(true);
    expect(flow.value.problem).to.equal(null);
    expect(flow.value.request?.participants.map((p) => p.id)).to.deep.equal(['p_anna', 'p_self', 'p_bo']);
    expect([...flow.value.marked]).to.deep.equal(['p_bo']);
    expect(moments()).to.deep.equal(['asked', 'answer-met-change']);
    await flow.agree();
    expect(api.recorded.at(-1)).to.deep.equal(['p_anna', 'p_self', 'p_bo']);
    expect(flow.value.problem).to.equal('NETWORK');
    expect(flow.value.status).to.equal('asking');
  });

  it('follows what her event stream says changed: a new list while asking, the chair recording it, someone added after', async () => {
    api.reads = [request('missing'), request('missing', [...LIST, BO]), request('given', [...LIST, BO])];
    const flow = make();
    flow.start('p_self');
    await waitUntil(() => flow.value.status === 'asking');
    changed!();
    await waitUntil(() => flow.value.changed);
    expect([...flow.value.marked]).to.deep.equal(['p_bo']);
    expect(moments()).to.deep.equal(['asked', 'list-changed']);
    // The chair recorded it meanwhile: nothing left to ask.
    changed!();
    await waitUntil(() => flow.value.status === 'settled');
    expect(moments().at(-1)).to.equal('gone');
    // Someone added whom it does not cover: asked again.
    api.reads = [request('given', [...LIST, BO, { id: 'p_cy', name: 'Cy', role: 'guest' }], ['p_cy'])];
    changed!();
    await waitUntil(() => flow.value.status === 'asking');
    expect(flow.value.changed).to.equal(false);
    expect(moments().at(-1)).to.equal('asked');
  });

  it('Not now keeps it away for the visit; leaving forgets the visit and stops listening', async () => {
    const flow = make();
    flow.start('p_self');
    await waitUntil(() => flow.value.status === 'asking');
    flow.later();
    expect(flow.value.status).to.equal('closed');
    api.reads = [request('missing', [...LIST, BO])];
    changed!();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(flow.value.status).to.equal('closed');
    expect(api.log).to.have.length(1);
    flow.stop();
    expect(changed).to.equal(null);
    expect(flow.value.status).to.equal('off');
    expect(flow.value.request).to.equal(null);
    flow.start('p_self');
    await waitUntil(() => flow.value.status === 'asking');
    expect(api.log).to.have.length(2);
  });
});
