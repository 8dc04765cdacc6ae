import { expect, fixture, html, waitUntil } from '@open-wc/testing';

import { pressKey } from '../../test-support/wtr-commands.js';
import { defineDependencies } from '../dependencies.js';
import { CareConfirmDialog } from './confirm-dialog.js';

// Registered as a parent would: the element has no define/ module of its own.
defineDependencies({ 'care-confirm-dialog': CareConfirmDialog });

const REMOVE = { title: 'Remove Bo Bror?', text: 'He leaves the meeting.', confirm: 'Remove', cancel: 'Cancel' };

async function setUp(): Promise<{ dialog: CareConfirmDialog; opener: HTMLButtonElement; box: HTMLElement }> {
  const box = await fixture<HTMLElement>(html`<div>
    <button id="opener">Remove</button>
    <care-confirm-dialog><ul slot="text"><li>Lisa Lärare</li></ul></care-confirm-dialog>
  </div>`);
  const opener = box.querySelector<HTMLButtonElement>('#opener')!;
  opener.focus();
  return { dialog: box.querySelector<CareConfirmDialog>('care-confirm-dialog')!, opener, box };
}

const dialogOf = (el: CareConfirmDialog) => el.shadowRoot!.querySelector('dialog');
const button = (el: CareConfirmDialog, value: 'cancel' | 'confirm') => el.shadowRoot!.querySelector<HTMLButtonElement>(`[value="${value}"]`)!;

describe('<care-confirm-dialog>', () => {
  it('asks modally with focus on Cancel, passes axe, and resolves true on Confirm with focus back on the opener', async () => {
    const { dialog, opener } = await setUp();
    const answer = dialog.ask(REMOVE);
    await waitUntil(() => dialogOf(dialog)?.open);
    expect(dialog.open).to.equal(true);
    expect(dialogOf(dialog)!.matches(':modal')).to.equal(true);
    expect(dialog.shadowRoot!.activeElement).to.equal(button(dialog, 'cancel'));
    expect(dialogOf(dialog)!.textContent).to.contain('Remove Bo Bror?').and.to.contain('He leaves the meeting.');
    expect(button(dialog, 'confirm').getAttribute('part')).to.equal('button confirm-button danger-button');
    await expect(dialog).shadowDom.to.be.accessible();
    button(dialog, 'confirm').click();
    expect(await answer).to.equal(true);
    expect(document.activeElement).to.equal(opener);
    expect(dialogOf(dialog)!.open).to.equal(false);
    expect(dialog.open).to.equal(false);
  });

  it('resolves false on Escape and on Cancel', async () => {
    const { dialog, opener } = await setUp();
    const escaped = dialog.ask(REMOVE);
    await waitUntil(() => dialogOf(dialog)?.open);
    await pressKey('Escape');
    expect(await escaped).to.equal(false);
    expect(document.activeElement).to.equal(opener);
    const cancelled = dialog.ask(REMOVE);
    await waitUntil(() => dialogOf(dialog)?.open);
    button(dialog, 'cancel').click();
    expect(await cancelled).to.equal(false);
  });

  it('gives focus to the fallback when the opener is gone', async () => {
    const { dialog, opener, box } = await setUp();
    const heading = document.createElement('h2');
    heading.tabIndex = -1;
    box.append(heading);
    const answer = dialog.ask({ ...REMOVE, fallback: () => heading.focus() });
    await waitUntil(() => dialogOf(dialog)?.open);
    opener.remove();
    button(dialog, 'confirm').click();
    expect(await answer).to.equal(true);
    expect(document.activeElement).to.equal(heading);
  });

  it('answers a question replaced by another with false', async () => {
    const { dialog } = await setUp();
    const first = dialog.ask(REMOVE);
    await waitUntil(() => dialogOf(dialog)?.open);
    const second = dialog.ask({ ...REMOVE, title: 'End the meeting?' });
    expect(await first).to.equal(false);
    await dialog.updateComplete;
    expect(dialogOf(dialog)!.open).to.equal(true);
    expect(dialogOf(dialog)!.textContent).to.contain('End the meeting?');
    button(dialog, 'confirm').click();
    expect(await second).to.equal(true);
  });

  it('stays open while `confirming` runs, with Confirm busy, and shows slotted text as the description', async () => {
    const { dialog } = await setUp();
    let settle: (close: boolean) => void = () => undefined;
    let calls = 0;
    const answer = dialog.ask({
      title: 'Did she agree?',
      confirm: 'Confirm',
      cancel: 'Cancel',
      tone: 'primary',
      confirming: () => {
        calls += 1;
        return new Promise<boolean>((resolve) => (settle = resolve));
      },
    });
    await waitUntil(() => dialogOf(dialog)?.open);
    expect(dialog.shadowRoot!.querySelector<HTMLSlotElement>('slot[name="text"]')!.assignedElements()[0]!.textContent).to.contain('Lisa Lärare');
    const confirm = button(dialog, 'confirm');
    expect(confirm.getAttribute('part')).to.equal('button confirm-button primary-button');
    confirm.click();
    await dialog.updateComplete;
    expect(confirm.getAttribute('aria-disabled')).to.equal('true');
    confirm.click();
    expect(calls).to.equal(1);
    // The server said the list changed: still open, Confirm usable again.
    settle(false);
    await waitUntil(() => !confirm.hasAttribute('aria-disabled'));
    expect(dialogOf(dialog)!.open).to.equal(true);
    await expect(dialog).shadowDom.to.be.accessible();
    confirm.click();
    settle(true);
    expect(await answer).to.equal(true);
    expect(calls).to.equal(2);
  });
});
