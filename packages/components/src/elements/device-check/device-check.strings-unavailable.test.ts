import { expect, fixtureSync, html, waitUntil } from '@open-wc/testing';

import '../../define/care-device-check.js';
import type { MeetingErrorEvent } from '../../events/care-error.js';
import { deviceCheckStrings as catalog } from '../../i18n/strings/device-check.js';
import { deviceCheckStrings } from '../../test-support/all-strings.js';
import { unreachableLanguage } from '../../test-support/unreachable-language.js';
import { saveScreenshot, setViewport } from '../../test-support/wtr-commands.js';
import type { CareDeviceCheck } from './device-check.js';

const textOf = (node: Node | null | undefined): string => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

// Its own test file, so its own page: no element here has loaded the Danish words before.
describe('<care-device-check> whose words cannot be loaded', function () {
  this.timeout(20000);

  it('says so with Try again, fires care-error for each failed load, and draws itself once the words come', async () => {
    const chunk = unreachableLanguage(catalog, 'da');
    const errors: MeetingErrorEvent[] = [];
    const record = (event: MeetingErrorEvent) => errors.push(event);
    document.addEventListener('care-error', record);
    const logged: unknown[] = [];
    const consoleError = console.error;
    console.error = (...args: unknown[]) => logged.push(args[0]);
    try {
      await setViewport({ width: 640, height: 400 });
      // Not `fixture()`: it waits for `updateComplete`, which waits for the words.
      const wrapper = fixtureSync<HTMLElement>(html`<div style="inline-size: 560px; padding: 8px">
        <care-device-check lang="da"><p slot="support">IT-support: 0771-11 22 33</p></care-device-check>
      </div>`);
      const el = wrapper.querySelector<CareDeviceCheck>('care-device-check')!;
      const fallback = () => el.shadowRoot!.querySelector<HTMLElement>('[part~="base"][role="alert"]');
      await waitUntil(fallback, 'no fallback shown');
      expect(textOf(fallback())).to.equal('Kunne ikke indlæses. Tjek forbindelsen. Prøv igen');
      expect(fallback()!.lang).to.equal('da');
      expect(errors).to.have.length(1);
      expect(errors[0]!.detail).to.deep.equal({ code: 'STRINGS_UNAVAILABLE', message: 'strings not loaded', retryable: true, lang: 'da' });
      expect(errors[0]!.target).to.equal(el);
      expect(errors[0]!.bubbles && errors[0]!.composed).to.equal(true);
      expect(logged).to.deep.equal(['care-meet: could not load the "da" strings']);
      // The host's support information shows with it, as with every problem.
      expect(el.shadowRoot!.querySelector<HTMLSlotElement>('slot[name="support"]')!.assignedElements()).to.have.length(1);
      await expect(el).to.be.accessible();
      await saveScreenshot('device-check-strings-unavailable', 'care-device-check');

      // Still unreachable: Try again fails too, and says so again.
      const retry = fallback()!.querySelector('button')!;
      expect(textOf(retry)).to.equal('Prøv igen');
      retry.focus();
      retry.click();
      await waitUntil(() => errors.length === 2, 'no care-error for the second failure');
      expect(chunk.attempts()).to.equal(2);
      expect(fallback()).to.exist;
      // Keyboard focus is on the new Try again, not lost to the page.
      expect(el.shadowRoot!.activeElement).to.equal(fallback()!.querySelector('button'));

      chunk.restore();
      fallback()!.querySelector('button')!.click();
      await el.updateComplete;
      expect(fallback()).to.equal(null);
      expect(textOf(el.shadowRoot!.querySelector('[part~="title"]'))).to.equal(deviceCheckStrings.da.title);
      expect(el.shadowRoot!.querySelectorAll('[part~="check"]')).to.have.length(5);
      expect(errors).to.have.length(2);
      // Focus went into the element's drawn content, not to the page's body.
      expect(document.activeElement).to.equal(el);
      expect(el.shadowRoot!.activeElement).to.not.equal(null);
    } finally {
      chunk.restore();
      document.removeEventListener('care-error', record);
      console.error = consoleError;
    }
  });
});
