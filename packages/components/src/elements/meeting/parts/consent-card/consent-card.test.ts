import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';

import { CareApiError } from '../../../../core/api-client.js';
import { PartAnnounceEvent, PartFocusLeaveEvent } from '../../../../events/room-part-events.js';
import { meetingRoomStrings } from '../../../../test-support/all-strings.js';
import { BO, FakeConsentApi, fakeConsentFlow, LIST, request } from '../../../../test-support/fake-consent-api.js';
import { defineDependencies } from '../../../dependencies.js';
import { CareConsentCard, CONSENT_CARD_PARTS } from './consent-card.js';

defineDependencies({ 'care-consent-card': CareConsentCard });

const en = meetingRoomStrings.en;
const textOf = (node: Node | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

async function mount(api: FakeConsentApi, lang = 'en') {
  const { flow, changed } = fakeConsentFlow(api);
  const wrapper = await fixture<HTMLElement>(html`<div lang=${lang}><care-consent-card .flow=${flow}></care-consent-card></div>`);
  const card = wrapper.querySelector<CareConsentCard>('care-consent-card')!;
  const $ = <T extends Element = HTMLElement>(selector: string) => card.shadowRoot!.querySelector<T>(selector);
  return { card, flow, changed, $ };
}

describe('<care-consent-card>', function () {
  this.timeout(10000);

  it('draws nothing and takes no room until she is asked', async () => {
    const api = new FakeConsentApi();
    api.reads = [request('given')];
    const { card, flow, $ } = await mount(api);
    expect($('section')).to.equal(null);
    flow.start('p_self');
    await waitUntil(() => flow.value.status === 'settled');
    await card.updateComplete;
    expect($('section')).to.equal(null);
    // No box of its own: the room's grid lays out its section, and no empty gap when there is none.
    expect(getComputedStyle(card).display).to.equal('contents');
  });

  it('asks: a region with its heading, everyone with their role and herself marked, the newcomer marked; says that it is there', async () => {
    const api = new FakeConsentApi();
    api.reads = [request('given', [...LIST, BO], ['p_bo'])];
    const { card, flow, $ } = await mount(api);
    const announced = oneEvent(card, PartAnnounceEvent.type) as Promise<PartAnnounceEvent>;
    flow.start('p_self');
    expect((await announced).text).to.equal(`${en.consentTitle}: ${en.consentQuestion}`);
    await card.updateComplete;
    const region = $('[part~="consent"]')!;
    expect(region.getAttribute('aria-labelledby')).to.equal('consent-title');
    expect(textOf($('#consent-title'))).to.equal(en.consentTitle);
    const items = [...card.shadowRoot!.querySelectorAll('.consent-people li')].map(textOf);
    expect(items[1]).to.contain('Esther Exempel').and.contain(en.you);
    expect(items[2]).to.contain('Bo Bror').and.contain(en.consentNew);
    expect(textOf($('[part~="consent-agree-button"]'))).to.equal(en.consentAgree);
    await expect(card).to.be.accessible();
  });

  it('moves focus to Close when her consent is recorded, and hands it to the room when the card goes', async () => {
    const api = new FakeConsentApi();
    const { card, flow, $ } = await mount(api);
    flow.start('p_self');
    await waitUntil(() => $('[part~="consent-agree-button"]'));
    $('[part~="consent-agree-button"]')!.focus();
    $('[part~="consent-agree-button"]')!.click();
    await waitUntil(() => $('[part~="consent-close-button"]') && card.shadowRoot!.activeElement === $('[part~="consent-close-button"]'), 'focus not on Close');
    expect(textOf($('[part~="consent-recorded"] [role="status"]'))).to.equal(en.consentRecorded);
    await expect(card).to.be.accessible();
    const left = oneEvent(card, PartFocusLeaveEvent.type);
    $('[part~="consent-close-button"]')!.click();
    await left;
    expect($('section')).to.equal(null);
  });

  it('shows the new list after her answer met a change, the message focused first; says a change while asking', async () => {
    const api = new FakeConsentApi();
    api.reads = [request('missing'), request('missing', [...LIST, BO])];
    api.posts = [new CareApiError('PARTICIPANTS_CHANGED', 'changed', 409), null];
    const { card, flow, $ } = await mount(api);
    flow.start('p_self');
    await waitUntil(() => $('[part~="consent-agree-button"]'));
    $('[part~="consent-agree-button"]')!.click();
    await waitUntil(() => $('[part~="consent-changed"]') && card.shadowRoot!.activeElement === $('[part~="consent-changed"]'), 'focus not on the message');
    expect(textOf($('[part~="consent-changed"]'))).to.equal(en.consentChanged);
    expect(textOf($('.consent-error'))).to.equal('');
    await expect(card).to.be.accessible();
  });

  it('names its parts for <care-meeting> to forward, and speaks Swedish', async () => {
    expect(CONSENT_CARD_PARTS.split(', ')).to.include.members([
      'consent',
      'consent-recorded',
      'consent-changed',
      'consent-agree-button',
      'button',
      'primary-button',
    ]);
    const api = new FakeConsentApi();
    const { card, flow, $ } = await mount(api, 'sv');
    flow.start('p_self');
    await waitUntil(() => $('section'));
    const sv = meetingRoomStrings.sv;
    expect(textOf(card.shadowRoot!)).to.contain(sv.consentTitle).and.contain(sv.consentAgree).and.contain(sv.consentNotNow);
  });
});
