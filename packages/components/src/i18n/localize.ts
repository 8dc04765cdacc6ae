import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Text for care-meet elements.
 *
 * Each element has its own string table (`src/i18n/strings/<element>.ts`): a TypeScript interface
 * and one object per language, imported statically by that element only. So an element bundles its
 * own words and no other element's, a missing translation is a compile error, and nothing global
 * is configured: a host page's own i18n library is never touched. Strings several elements need
 * (what to do when the camera is blocked) live in a shared table that those element tables spread in.
 *
 * The language is the nearest `lang` attribute on the element or its ancestors (across shadow
 * roots), the way HTML itself decides, and English when that is not one we have.
 */

/** The languages every care-meet element ships. */
export const LANGS = ['sv', 'da', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'en';

/** One element's strings in every language: leaving one out does not compile. */
export type Translations<Strings> = { readonly [L in Lang]: Strings };

/**
 * The supported language a BCP 47 tag asks for, if any.
 *
 * @example
 * matchLang('sv-FI'); // 'sv'
 * matchLang('nb');    // undefined
 */
export function matchLang(tag: string | null | undefined): Lang | undefined {
  const primary = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return LANGS.find((lang) => lang === primary);
}

/**
 * The language for `element`: its own or its closest ancestor's `lang`, crossing shadow roots.
 * `lang=""` means "unknown" in HTML, and unknown or unsupported languages get English.
 *
 * @example
 * document.documentElement.lang = 'da';
 * resolveLang(document.createElement('care-device-check')); // 'en' until it is in the document, then 'da'
 */
export function resolveLang(element: Element): Lang {
  for (let node: Node | null = element; node; ) {
    if (node instanceof Element && node.hasAttribute('lang')) return matchLang(node.getAttribute('lang')) ?? DEFAULT_LANG;
    node = node instanceof ShadowRoot ? node.host : node.parentNode;
  }
  return DEFAULT_LANG;
}

const LANG_CHANGES: MutationObserverInit = { attributes: true, attributeFilter: ['lang'], subtree: true };

/**
 * Gives an element its strings in the right language and re-renders it when a `lang` attribute
 * on it or above it changes.
 *
 * @example
 * class MyElement extends LitElement {
 *   readonly #localize = new LocalizeController(this, myElementStrings);
 *   render() { return html`<p lang=${this.#localize.lang}>${this.#localize.strings.hello}</p>`; }
 * }
 */
export class LocalizeController<Strings> implements ReactiveController {
  readonly #host: ReactiveControllerHost & Element;
  readonly #translations: Translations<Strings>;
  #observer: MutationObserver | undefined;

  constructor(host: ReactiveControllerHost & Element, translations: Translations<Strings>) {
    this.#host = host;
    this.#translations = translations;
    host.addController(this);
  }

  get lang(): Lang {
    return resolveLang(this.#host);
  }

  get strings(): Strings {
    return this.#translations[this.lang];
  }

  /** "a, b and c" / "a, b och c" / "a, b og c". */
  list(items: readonly string[]): string {
    return new Intl.ListFormat(this.lang, { type: 'conjunction' }).format(items);
  }

  hostConnected(): void {
    this.#observer = new MutationObserver(() => this.#host.requestUpdate());
    this.#observer.observe(document.documentElement, LANG_CHANGES);
    // Inside another element's shadow root the document observer cannot see our ancestors.
    const root = this.#host.getRootNode();
    if (root instanceof ShadowRoot) this.#observer.observe(root, LANG_CHANGES);
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
    this.#observer = undefined;
  }
}
