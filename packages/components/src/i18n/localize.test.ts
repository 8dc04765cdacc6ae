import { expect, fixture, fixtureSync, html, waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';

import type { MeetingErrorEvent } from '../events/care-error.js';
import { unreachableLanguage } from '../test-support/unreachable-language.js';
import { LocalizeController, loadStrings, matchLang, pickText, resolveLang, updateWithStrings, type Catalog } from './localize.js';

interface Greeting {
  hello: string;
}
/** Each language arrives after a macrotask, as a chunk from the network would. */
const later = (hello: string) => () => new Promise<{ strings: Greeting }>((resolve) => setTimeout(() => resolve({ strings: { hello } })));
const loads: string[] = [];
const greetings: Catalog<Greeting> = {
  en: () => (loads.push('en'), later('Hello')()),
  sv: () => (loads.push('sv'), later('Hej')()),
  da: () => (loads.push('da'), later('Hej med dig')()),
  nb: () => (loads.push('nb'), later('Hei')()),
  fi: () => (loads.push('fi'), later('Hei vaan')()),
};

class TestGreeting extends LitElement {
  readonly localize = new LocalizeController(this, greetings);
  protected override scheduleUpdate(): void | Promise<unknown> {
    return updateWithStrings(this, () => super.scheduleUpdate());
  }
  override render() {
    return this.localize.strings.hello;
  }
}
customElements.define('test-greeting', TestGreeting);

/** Words of its own, so which of them are loaded is up to the tests that use it. */
const farewells: Catalog<Greeting> = { en: later('Bye'), sv: later('Hej då'), da: later('Farvel'), nb: later('Ha det'), fi: later('Näkemiin') };

class TestFarewell extends LitElement {
  readonly localize = new LocalizeController(this, farewells);
  protected override scheduleUpdate(): void | Promise<unknown> {
    return updateWithStrings(this, () => super.scheduleUpdate());
  }
  override render() {
    return html`<p>${this.localize.strings.hello}</p>`;
  }
}
customElements.define('test-farewell', TestFarewell);

/** Records `care-error` events and what the controller logs, until `stop()`. */
function watchErrors() {
  const events: MeetingErrorEvent[] = [];
  const logged: unknown[] = [];
  const record = (event: MeetingErrorEvent) => events.push(event);
  const consoleError = console.error;
  document.addEventListener('care-error', record);
  console.error = (...args: unknown[]) => logged.push(args[0]);
  return {
    events,
    logged,
    stop() {
      document.removeEventListener('care-error', record);
      console.error = consoleError;
    },
  };
}

class TestHost extends LitElement {
  override render() {
    return html`<div lang="sv"><test-greeting></test-greeting></div>`;
  }
}
customElements.define('test-greeting-host', TestHost);

describe('localize', () => {
  it('matches BCP 47 tags to the languages we ship', () => {
    expect(matchLang('sv')).to.equal('sv');
    expect(matchLang('sv-FI')).to.equal('sv');
    expect(matchLang('DA_dk')).to.equal('da');
    expect(matchLang('en-GB')).to.equal('en');
    expect(matchLang('nb-NO')).to.equal('nb');
    expect(matchLang('fi-FI')).to.equal('fi');
    // Norwegian as a whole, and Nynorsk, read bokmål.
    expect(matchLang('no')).to.equal('nb');
    expect(matchLang('nn-NO')).to.equal('nb');
    expect(matchLang('de')).to.equal(undefined);
    expect(matchLang('constructor')).to.equal(undefined);
    expect(matchLang('')).to.equal(undefined);
    expect(matchLang(null)).to.equal(undefined);
  });

  it('picks a host’s own text in the reader’s language, else the nearest one the host wrote, never Swedish just because it is there', () => {
    const all = { sv: 'Hörde du?', da: 'Hørte du?', nb: 'Hørte du? (nb)', fi: 'Kuulitko?', en: 'Did you hear?' };
    for (const lang of ['sv', 'da', 'nb', 'fi', 'en'] as const) expect(pickText(all, lang)).to.deep.equal({ text: all[lang], lang });
    // A Danish host's questions reach an English reader in Danish, not in a Swedish they lack.
    expect(pickText({ da: 'Hørte du?' }, 'en')).to.deep.equal({ text: 'Hørte du?', lang: 'da' });
    expect(pickText({ sv: 'Hörde du?', en: 'Did you hear?' }, 'da')).to.deep.equal({ text: 'Hörde du?', lang: 'sv' });
    expect(pickText({ sv: 'Hörde du?', en: 'Did you hear?' }, 'en')).to.deep.equal({ text: 'Did you hear?', lang: 'en' });
    // Bokmål readers read Danish before Swedish; Finnish readers Swedish before English.
    expect(pickText({ sv: 'Hörde du?', da: 'Hørte du?' }, 'nb')).to.deep.equal({ text: 'Hørte du?', lang: 'da' });
    expect(pickText({ en: 'Did you hear?', sv: 'Hörde du?' }, 'fi')).to.deep.equal({ text: 'Hörde du?', lang: 'sv' });
    // Blank is not a text; nothing at all is nothing.
    expect(pickText({ da: '  ', fi: 'Kuulitko?' }, 'da')).to.deep.equal({ text: 'Kuulitko?', lang: 'fi' });
    expect(pickText({}, 'sv')).to.equal(undefined);
  });

  it('takes the closest lang, across shadow roots, and English when it has none we ship', async () => {
    const host = await fixture<TestHost>(html`<test-greeting-host lang="da"></test-greeting-host>`);
    const inner = host.shadowRoot!.querySelector('test-greeting')!;
    expect(resolveLang(inner)).to.equal('sv');
    expect(resolveLang(host)).to.equal('da');
    const orphan = document.createElement('test-greeting');
    expect(resolveLang(orphan)).to.equal('en');
    orphan.lang = 'de';
    expect(resolveLang(orphan)).to.equal('en');
    orphan.lang = 'fi';
    expect(resolveLang(orphan)).to.equal('fi');
    // lang="" means "unknown" in HTML, and stops the search.
    const unknown = await fixture(html`<div lang="sv"><p lang=""><span></span></p></div>`);
    expect(resolveLang(unknown.querySelector('span')!)).to.equal('en');
  });

  it('re-renders when a lang above it changes, inside a shadow root too', async () => {
    const host = await fixture<TestHost>(html`<test-greeting-host></test-greeting-host>`);
    const inner = host.shadowRoot!.querySelector<TestGreeting>('test-greeting')!;
    await inner.updateComplete;
    expect(inner.shadowRoot!.textContent).to.equal('Hej');
    host.shadowRoot!.querySelector('div')!.lang = 'da';
    await new Promise((resolve) => setTimeout(resolve));
    await inner.updateComplete;
    expect(inner.shadowRoot!.textContent).to.equal('Hej med dig');
    expect(inner.localize.list(['a', 'b', 'c'])).to.equal('a, b og c');
  });

  it('draws only once its words are loaded, loads each language once, and tries a failed one again', async () => {
    const el = await fixture<TestGreeting>(html`<test-greeting lang="sv"></test-greeting>`);
    expect(el.shadowRoot!.textContent).to.equal('Hej');
    const second = await fixture<TestGreeting>(html`<test-greeting lang="sv"></test-greeting>`);
    expect(second.shadowRoot!.textContent).to.equal('Hej');
    expect(loads.filter((lang) => lang === 'sv')).to.have.length(1);

    let fail = true;
    const flaky: Catalog<Greeting> = { ...greetings, en: () => (fail ? Promise.reject(new Error('offline')) : later('Hello')()) };
    let error: unknown;
    await loadStrings(flaky, 'en').catch((caught: unknown) => (error = caught));
    expect(error).to.be.an('error');
    fail = false;
    expect(await loadStrings(flaky, 'en')).to.deep.equal({ hello: 'Hello' });
  });

  it('keeps the words it has when another language cannot be loaded, and fires nothing', async () => {
    const errors = watchErrors();
    const chunk = unreachableLanguage(farewells, 'sv');
    try {
      const el = await fixture<TestFarewell>(html`<test-farewell lang="en"></test-farewell>`);
      expect(el.shadowRoot!.textContent).to.equal('Bye');
      el.lang = 'sv';
      await new Promise((resolve) => setTimeout(resolve));
      await el.updateComplete;
      expect(chunk.attempts()).to.equal(1);
      expect(el.shadowRoot!.textContent).to.equal('Bye');
      expect(el.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
      expect(errors.events).to.have.length(0);
      expect(errors.logged).to.deep.equal(['care-meet: could not load the "sv" strings']);
    } finally {
      chunk.restore();
      errors.stop();
    }
  });

  it('says so, with Try again, when its first words cannot be loaded; fires care-error for each failed try; draws once they come', async () => {
    const errors = watchErrors();
    const chunk = unreachableLanguage(farewells, 'da');
    try {
      // Not `fixture()`: it waits for `updateComplete`, which waits for the words.
      const el = fixtureSync<TestFarewell>(html`<test-farewell lang="da"></test-farewell>`);
      let drawn = false;
      void el.updateComplete.then(() => (drawn = true));
      const alert = () => el.shadowRoot!.querySelector<HTMLElement>('[role="alert"]');
      await waitUntil(alert, 'no fallback shown');
      // In the language it could not load: these few words are in the code itself.
      expect(alert()!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Kunne ikke indlæses. Tjek forbindelsen. Prøv igen');
      expect(alert()!.lang).to.equal('da');
      expect(alert()!.part.contains('base')).to.equal(true);
      expect(alert()!.querySelector('slot[name="support"]')).to.exist;
      expect(errors.events.map((event) => event.detail)).to.deep.equal([
        { code: 'STRINGS_UNAVAILABLE', message: 'strings not loaded', retryable: true, lang: 'da' },
      ]);
      expect(errors.events[0]!.target).to.equal(el);
      expect(drawn).to.equal(false);

      const retry = () => alert()!.querySelector('button')!;
      retry().click();
      await waitUntil(() => errors.events.length === 2, 'no care-error for the second failure');
      expect(chunk.attempts()).to.equal(2);
      expect(alert()).to.exist;
      chunk.restore();
      retry().click();
      await el.updateComplete;
      expect(drawn).to.equal(true);
      expect(el.shadowRoot!.textContent).to.equal('Farvel');
      expect(alert()).to.equal(null);
      expect(errors.events).to.have.length(2);
    } finally {
      chunk.restore();
      errors.stop();
    }
  });
});
