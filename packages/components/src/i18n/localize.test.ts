import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';

import { LocalizeController, loadStrings, matchLang, resolveLang, updateWithStrings, type Catalog } from './localize.js';

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
    expect(matchLang('nb')).to.equal(undefined);
    expect(matchLang('')).to.equal(undefined);
    expect(matchLang(null)).to.equal(undefined);
  });

  it('takes the closest lang, across shadow roots, and English when it has none we ship', async () => {
    const host = await fixture<TestHost>(html`<test-greeting-host lang="da"></test-greeting-host>`);
    const inner = host.shadowRoot!.querySelector('test-greeting')!;
    expect(resolveLang(inner)).to.equal('sv');
    expect(resolveLang(host)).to.equal('da');
    const orphan = document.createElement('test-greeting');
    expect(resolveLang(orphan)).to.equal('en');
    orphan.lang = 'fi';
    expect(resolveLang(orphan)).to.equal('en');
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
});
