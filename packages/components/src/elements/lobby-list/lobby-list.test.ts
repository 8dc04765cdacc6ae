import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';

import { defineDependencies } from '../dependencies.js';
import type { LobbyAdmitRequestEvent, LobbyTurnAwayRequestEvent } from '../../events/lobby-list-events.js';
import { chairActionStrings, rosterStrings } from '../../test-support/all-strings.js';
import { people } from '../../test-support/roster-fixtures.js';
import { CareLobbyList, type LobbyListGuest } from './lobby-list.js';

// Not a public tag: its parents register it (see dependencies.ts); the test does the same.
defineDependencies({ 'care-lobby-list': CareLobbyList });

const en = rosterStrings.en;
const textOf = (node: Node | null | undefined): string => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const $ = <T extends Element = HTMLElement>(el: CareLobbyList, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const kurt: LobbyListGuest = { entry: people.kurt };
const lisa: LobbyListGuest = { entry: { ...people.lisa, status: 'lobby' } };

async function list(guests: LobbyListGuest[], attrs: { cameras?: boolean; noPictures?: boolean } = {}): Promise<CareLobbyList> {
  const el = await fixture<CareLobbyList>(
    html`<care-lobby-list lang="en" .guests=${guests} ?cameras=${attrs.cameras ?? false} ?no-pictures=${attrs.noPictures ?? false}></care-lobby-list>`,
  );
  await waitUntil(() => $(el, 'h3'), 'not drawn');
  return el;
}

describe('<care-lobby-list>', () => {
  it('shows each guest with role, how they proved who they are, the masked id and a typed name that differs; no camera unless asked', async () => {
    const el = await list([kurt, lisa]);
    expect(textOf($(el, 'h3'))).to.equal(`${en.lobbyTitle} (2)`);
    expect(textOf($(el, '.hint'))).to.equal(en.lobbyHint);
    const card = textOf($(el, '[data-person="p_kurt"]'));
    expect(card).to.contain('Kurt Kurator').and.contain(en.role.guest).and.contain(chairActionStrings.en.provedBy.name);
    expect(card).to.contain('E-mail and own name · e-mail k***@example.se').and.contain(`${en.typedName}: Kurt K.`).and.contain(en.typedNameDiffers);
    expect($(el, '[part~="picture"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('names Let in and Turn away per guest and asks its parent through events, doing nothing itself', async () => {
    const el = await list([kurt]);
    const admit = $<HTMLButtonElement>(el, '[part~="admit-button"]')!;
    const turnAway = $<HTMLButtonElement>(el, '[part~="turn-away-button"]')!;
    expect(admit.getAttribute('aria-label')).to.equal('Let in Kurt Kurator');
    expect(textOf(admit)).to.equal(en.admit);
    expect(turnAway.getAttribute('aria-label')).to.equal('Turn away Kurt Kurator');
    const admitted = oneEvent(el, 'care-lobby-admit-request') as Promise<LobbyAdmitRequestEvent>;
    admit.click();
    expect((await admitted).detail.participant.id).to.equal('p_kurt');
    const turned = oneEvent(el, 'care-lobby-turn-away-request') as Promise<LobbyTurnAwayRequestEvent>;
    turnAway.click();
    const event = await turned;
    expect(event.detail.opener).to.equal(turnAway);
    expect(event.composed).to.equal(false);

    // Busy: still focusable and named, but it asks for nothing.
    el.busy = new Set(['p_kurt']);
    await el.updateComplete;
    expect(admit.getAttribute('aria-disabled')).to.equal('true');
    let asked = false;
    el.addEventListener('care-lobby-admit-request', () => (asked = true));
    admit.click();
    expect(asked).to.equal(false);
  });

  it('with cameras: a camera box per guest, "no picture yet" until there is one, and nothing said with no pictures to come', async () => {
    const el = await list([kurt], { cameras: true });
    expect(textOf($(el, '[part~="picture"] .hint'))).to.equal(chairActionStrings.en.noPicture);
    expect(textOf($(el, '[part~="picture"] .avatar'))).to.equal('KK');
    el.noPictures = true;
    await el.updateComplete;
    expect($(el, '[part~="picture"] .hint')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('says when nobody waits, and keeps keyboard focus in the list as guests leave it: the next guest, then the heading', async () => {
    const el = await list([kurt, lisa]);
    $<HTMLButtonElement>(el, '#admit-p_kurt')!.focus();
    el.guests = [lisa];
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement?.id).to.equal('admit-p_lisa');
    el.guests = [];
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement?.id).to.equal('lobby-guests-title');
    expect(textOf($(el, '.hint'))).to.equal(chairActionStrings.en.noneWaiting);
    await expect(el).to.be.accessible();
  });
});
