import { ContextProvider } from '@lit/context';
import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';

import { meetingContext } from '../../../../context/meeting-context.js';
import { CareApiClient } from '../../../../core/api-client.js';
import { MeetingSession } from '../../../../core/meeting-session.js';
import { PartEndRequestEvent } from '../../../../events/chair-tools-events.js';
import { chairActionStrings, meetingRoomStrings } from '../../../../test-support/all-strings.js';
import { CHAIR_SESSION, FakeCareServer, MEETING_ID, people } from '../../../../test-support/roster-fixtures.js';
import { pressKey } from '../../../../test-support/wtr-commands.js';
import type { CareConfirmDialog } from '../../../confirm-dialog/confirm-dialog.js';
import { defineDependencies } from '../../../dependencies.js';
import { CareChairTools } from './chair-tools.js';

defineDependencies({ 'care-chair-tools': CareChairTools });

const en = meetingRoomStrings.en;
const cen = chairActionStrings.en;
const textOf = (node: Node | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** What the tools ask of the meeting session (`end`, `remove`): each call, and whether it fails. */
class FakeSession {
  ends = 0;
  removed: string[] = [];
  fail = false;
  async end(): Promise<void> {
    this.ends++;
    if (this.fail) throw new Error('refused');
  }
  async remove(id: string): Promise<void> {
    this.removed.push(id);
    if (this.fail) throw new Error('refused');
  }
}

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** The tools inside a meeting-context provider, as `<care-meeting>` places them (their roster reads the meeting from it). */
async function mount() {
  const server = new FakeCareServer();
  const meeting = new MeetingSession({ api: new CareApiClient({ apiBase: '/api', fetch: server.fetch }), fetch: server.fetch, skipDeviceCheck: true });
  cleanups.push(() => meeting.dispose());
  const wrapper = await fixture<HTMLElement>(html`<div lang="en" style="inline-size: 22rem"><button id="before">Before</button></div>`);
  new ContextProvider(wrapper, { context: meetingContext, initialValue: meeting });
  // The tools end the meeting and remove people through the provided session: counted here.
  const session = new FakeSession();
  meeting.end = () => session.end();
  meeting.remove = (id) => session.remove(id);
  const el = document.createElement('care-chair-tools') as CareChairTools;
  wrapper.append(el);
  meeting.useSession({ session: CHAIR_SESSION, participantId: people.anna.id, expiresAt: '2099-01-01T00:00:00Z' }, MEETING_ID);
  await waitUntil(
    () => el.shadowRoot?.querySelector('care-roster')?.shadowRoot?.querySelector(`[data-person="${people.anna.id}"]`),
    'the roster was not drawn',
  );
  const $ = <T extends Element = HTMLElement>(selector: string) => el.shadowRoot!.querySelector<T>(selector);
  const dialog = () => $<CareConfirmDialog>('care-confirm-dialog')!.shadowRoot!.querySelector('dialog')!;
  return { el, session, $, dialog };
}

/** What has keyboard focus, looking into shadow roots. */
function focused(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

describe('<care-chair-tools>', function () {
  this.timeout(10000);

  it('draws the panel: its title, the roster, the guide as a checklist and End; no box of its own', async () => {
    const { el, $ } = await mount();
    expect(textOf($('#tools-title'))).to.equal(en.toolsTitle);
    expect($('[part~="tools"]')!.getAttribute('aria-labelledby')).to.equal('tools-title');
    expect($('[part~="tools"] care-roster')).to.not.equal(null);
    expect(textOf($('[part~="guide"] legend'))).to.equal(en.guideTitle);
    expect(el.shadowRoot!.querySelectorAll('[part~="guide"] input[type="checkbox"]')).to.have.length(6);
    expect(textOf($('[part~="end-button"]'))).to.equal(en.endMeeting);
    // Nothing to say yet: the error line takes no room.
    expect(getComputedStyle($('.tools-error')!).display).to.equal('none');
    expect(getComputedStyle(el).display).to.equal('contents');
    await expect(el).to.be.accessible();
  });

  it('is used with the keyboard: Tab reaches every step of the guide and End, Space ticks a step', async () => {
    const { el, $ } = await mount();
    const steps = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('[part~="guide"] input')];
    const end = $('[part~="end-button"]')!;
    document.querySelector<HTMLElement>('#before')!.focus();
    const reached: Element[] = [];
    for (let i = 0; i < 30 && focused() !== end; i++) {
      await pressKey('Tab');
      const now = focused();
      if (now) reached.push(now);
    }
    for (const step of steps) expect(reached, 'a step of the guide').to.include(step);
    expect(focused()).to.equal(end);
    // In order: the steps, then End.
    expect(reached.indexOf(steps[5]!)).to.be.greaterThan(reached.indexOf(steps[0]!));
    expect(reached.indexOf(end)).to.be.greaterThan(reached.indexOf(steps[5]!));

    await pressKey('Shift+Tab');
    expect(focused()).to.equal(steps[5]);
    await pressKey('Space');
    await el.updateComplete;
    expect(steps[5]!.checked).to.equal(true);
    // A ticked step reads as done (struck through), and stays ticked when the panel draws again.
    expect(getComputedStyle(steps[5]!.nextElementSibling!).textDecorationLine).to.equal('line-through');
    el.requestUpdate();
    await el.updateComplete;
    expect(steps[5]!.checked).to.equal(true);
    await pressKey('Space');
    await el.updateComplete;
    expect(steps[5]!.checked).to.equal(false);
  });

  it('asks before ending the meeting: Cancel ends nothing, only a yes ends it, from the keyboard', async () => {
    const { el, session, $, dialog } = await mount();
    const end = $<HTMLButtonElement>('[part~="end-button"]')!;
    end.focus();
    await pressKey('Enter');
    await waitUntil(() => dialog().open, 'no confirmation');
    expect(textOf(dialog())).to.contain(en.endTitle).and.contain(en.endText);
    // Focus starts on Cancel, the safe choice.
    expect(focused()?.getAttribute('value')).to.equal('cancel');
    await expect(el).to.be.accessible();
    await pressKey('Enter');
    await waitUntil(() => !dialog().open);
    await aTimeout(20);
    expect(session.ends).to.equal(0);
    expect(focused()).to.equal(end);

    await pressKey('Enter');
    await waitUntil(() => dialog().open);
    await pressKey('Tab');
    expect(focused()?.getAttribute('value')).to.equal('confirm');
    const asked = oneEvent(el, PartEndRequestEvent.type);
    await pressKey('Enter');
    expect((await asked).cancelable).to.equal(true);
    await waitUntil(() => session.ends === 1, 'the meeting was not ended');
  });

  it('ends nothing when the room cancels the request (its host vetoed it), and says when ending failed', async () => {
    const { el, session, $, dialog } = await mount();
    const confirm = async () => {
      $<HTMLButtonElement>('[part~="end-button"]')!.click();
      await waitUntil(() => dialog().open);
      dialog().querySelector<HTMLButtonElement>('[value="confirm"]')!.click();
    };
    el.addEventListener(PartEndRequestEvent.type, (e) => e.preventDefault(), { once: true });
    await confirm();
    await aTimeout(50);
    expect(session.ends).to.equal(0);

    session.fail = true;
    await confirm();
    await waitUntil(() => textOf($('.tools-error')) === en.actionFailed, 'the failure was not said');
    expect($('.tools-error')!.getAttribute('role')).to.equal('alert');
    expect(session.ends).to.equal(1);
  });

  it('gives the words to ask before removing someone, removes them, and says when that failed', async () => {
    const { el, session, $ } = await mount();
    expect(await el.removeQuestion({ name: 'Bo Bror' })).to.deep.equal({
      title: cen.removeTitle('Bo Bror'),
      text: cen.removeText,
      confirm: en.removeShort,
      cancel: en.cancel,
    });
    expect(await el.removeParticipant('p_bo')).to.equal(true);
    expect(session.removed).to.deep.equal(['p_bo']);
    session.fail = true;
    expect(await el.removeParticipant('p_cy')).to.equal(false);
    await el.updateComplete;
    expect(textOf($('.tools-error'))).to.equal(en.actionFailed);
  });
});
