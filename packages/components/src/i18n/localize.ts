import type { LitElement, ReactiveController, ReactiveControllerHost } from 'lit';

import { showStringsUnavailable } from './strings-unavailable.js';

/**
 * Text for care-meet elements.
 *
 * Each element has its own string table: a TypeScript interface in `src/i18n/strings/<table>.ts`
 * and one module per language in `src/i18n/strings/<lang>/<table>.ts`, which the table's
 * {@link Catalog} imports dynamically. A page loads the words of the language it shows and no
 * other (a bundler makes each language a chunk of its own); a missing translation is still a
 * compile error, and nothing global is configured: a host page's own i18n library is never touched.
 * Strings several elements need (what to do when the camera is blocked) live in a shared table
 * that those element tables spread in.
 *
 * The language is the nearest `lang` attribute on the element or its ancestors (across shadow
 * roots), the way HTML itself decides, and English when that is not one we have. An element waits
 * for its words before it draws (see {@link updateWithStrings}), so it never shows a half-translated
 * or empty state; when the language changes it keeps the old words until the new ones are there
 * (and for good if they cannot be loaded). When its very first words cannot be loaded it says so
 * in a few built-in words, with Try again, and fires `care-error` (`STRINGS_UNAVAILABLE`).
 */

/** The languages every care-meet element ships: Swedish, Danish, Norwegian bokmål, Finnish, English. */
export const LANGS = ['sv', 'da', 'nb', 'fi', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'en';

/**
 * `one` when `n` is 1, else `many`: enough for "1 try / 3 tries" in all five languages (Finnish
 * "1 yritys / 3 yritystä" too: after a number it takes the partitive singular, one form).
 *
 * @example
 * `${n} ${plural(n, 'minute', 'minutes')}`;
 */
export const plural = (n: number, one: string, many: string): string => (n === 1 ? one : many);

/** One element's strings in every language: leaving one out does not compile. */
export type Translations<Strings> = { readonly [L in Lang]: Strings };

/**
 * One element's strings, each language loaded on demand: `() => import('./sv/<table>.js')`.
 * Leaving a language out does not compile.
 */
export type Catalog<Strings> = { readonly [L in Lang]: () => Promise<{ readonly strings: Strings }> };

const loadedStrings = new WeakMap<Catalog<unknown>, Map<Lang, unknown>>();
const pendingStrings = new WeakMap<Catalog<unknown>, Map<Lang, Promise<unknown>>>();

/** `catalog`'s strings in `lang` if they are loaded already. */
function loaded<Strings>(catalog: Catalog<Strings>, lang: Lang): Strings | undefined {
  return loadedStrings.get(catalog)?.get(lang) as Strings | undefined;
}

/**
 * `catalog`'s strings in `lang`, loaded once per page (a failed load is tried again next time).
 *
 * @example
 * const strings = await loadStrings(deviceCheckStrings, 'sv');
 */
export function loadStrings<Strings>(catalog: Catalog<Strings>, lang: Lang): Promise<Strings> {
  const done = loaded(catalog, lang);
  if (done) return Promise.resolve(done);
  let pending = pendingStrings.get(catalog);
  if (!pending) pendingStrings.set(catalog, (pending = new Map()));
  let loading = pending.get(lang) as Promise<Strings> | undefined;
  if (!loading) {
    loading = catalog[lang]().then(
      ({ strings }) => {
        let map = loadedStrings.get(catalog);
        if (!map) loadedStrings.set(catalog, (map = new Map()));
        map.set(lang, strings);
        pending.delete(lang);
        return strings;
      },
      (error: unknown) => {
        pending.delete(lang);
        throw error;
      },
    );
    pending.set(lang, loading);
  }
  return loading;
}

const controllersOf = new WeakMap<Element, Set<LocalizeController<unknown>>>();

/**
 * What an element's `scheduleUpdate` waits for: the strings, in the current language, of every
 * `LocalizeController` on it; `undefined` when they are all there (the update then runs as usual,
 * without a pause). If loading fails the update goes ahead with the words it had (see
 * {@link updateWithStrings} for an element that had none).
 *
 * @example
 * if (stringsLoading(element)) await element.updateComplete;
 */
export function stringsLoading(host: Element): Promise<Array<Lang | undefined>> | undefined {
  const waits = [...(controllersOf.get(host) ?? [])].map((controller) => controller.loading()).filter((wait) => wait !== undefined);
  return waits.length ? Promise.all(waits) : undefined;
}

/**
 * An element's `scheduleUpdate`: `update` (its `super.scheduleUpdate()`) right away when its words
 * are loaded, else once they are (see {@link stringsLoading}).
 *
 * When an element has no words at all (the first load of its language failed), the update waits:
 * the element shows a short fallback in its language with Try again (`role="alert"`, part
 * `strings-unavailable`, the `support` slot) and fires `care-error` with code `STRINGS_UNAVAILABLE`
 * and `lang`; Try again loads the words again, and the update goes ahead once they are there (or
 * the fallback and the event come again). `updateComplete` resolves only then.
 *
 * @example
 * protected override scheduleUpdate(): void | Promise<unknown> {
 *   return updateWithStrings(this, () => super.scheduleUpdate());
 * }
 */
export function updateWithStrings(host: LitElement, update: () => void | Promise<unknown>, retried = false): void | Promise<unknown> {
  // After Try again, keyboard focus stays where the person is: on Try again if it failed again,
  // else in the element (its first focusable part), never dropped to the page.
  const draw = () => {
    const done = update();
    if (retried) host.renderRoot.querySelector<HTMLElement>('[tabindex="-1"],button,[href],input,select')?.focus();
    return done;
  };
  const loading = stringsLoading(host);
  return loading
    ? loading.then((failed) => {
        const lang = failed.find((lang) => lang);
        return lang ? showStringsUnavailable(host, lang, retried).then(() => updateWithStrings(host, update, true)) : draw();
      })
    : draw();
}

/**
 * Norwegian as a whole (`no`) and Nynorsk (`nn`) get bokmål: a Nynorsk reader reads bokmål as
 * easily as her own, far more easily than English, and Norwegian public services write both.
 */
const SAME_WRITTEN_LANGUAGE: ReadonlyMap<string, Lang> = new Map<string, Lang>([
  ['no', 'nb'],
  ['nn', 'nb'],
]);

/**
 * The supported language a BCP 47 tag asks for, if any.
 *
 * @example
 * matchLang('sv-FI'); // 'sv'
 * matchLang('no');    // 'nb'
 * matchLang('de');    // undefined
 */
export function matchLang(tag: string | null | undefined): Lang | undefined {
  const primary = tag?.trim().toLowerCase().split(/[-_]/)[0];
  if (primary === undefined) return undefined;
  return LANGS.find((lang) => lang === primary) ?? SAME_WRITTEN_LANGUAGE.get(primary);
}

/**
 * Where to look, in order, for text a host wrote itself (evaluation questions) in `lang`: the
 * Scandinavian languages are read across their borders (bokmål and Danish most easily), Swedish is
 * Finland's second national language, English comes after those, and only then whatever the host
 * wrote first (see {@link pickText}). Never Swedish for an English or Danish reader just because
 * Swedish happens to be there first.
 */
const READ_NEXT: { readonly [L in Lang]: readonly Lang[] } = {
  sv: ['sv', 'nb', 'da', 'en'],
  da: ['da', 'nb', 'sv', 'en'],
  nb: ['nb', 'da', 'sv', 'en'],
  fi: ['fi', 'sv', 'en'],
  en: ['en'],
};

/**
 * The text for a reader of `lang` among a host's own translations, and the language it is in (for
 * a `lang` attribute when it is not the reader's); `undefined` when there is none at all.
 *
 * @example
 * pickText({ da: 'Hvor godt kunne du høre?' }, 'en'); // { text: 'Hvor godt kunne du høre?', lang: 'da' }
 * pickText({ sv: 'Hörde du?', da: 'Hørte du?' }, 'nb'); // { text: 'Hørte du?', lang: 'da' }
 */
export function pickText(texts: { readonly [L in Lang]?: string }, lang: Lang): { text: string; lang: Lang } | undefined {
  const given = (l: Lang) => (typeof texts[l] === 'string' && texts[l].trim() ? texts[l] : undefined);
  for (const l of [...READ_NEXT[lang], ...(Object.keys(texts) as Lang[]).filter((key) => LANGS.includes(key))]) {
    const text = given(l);
    if (text !== undefined) return { text, lang: l };
  }
  return undefined;
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
  for (let node: Node | null = element; node;) {
    if (node instanceof Element && node.hasAttribute('lang')) return matchLang(node.getAttribute('lang')) ?? DEFAULT_LANG;
    node = node instanceof ShadowRoot ? node.host : node.parentNode;
  }
  return DEFAULT_LANG;
}

const LANG_CHANGES: MutationObserverInit = { attributes: true, attributeFilter: ['lang'], subtree: true };

/**
 * Gives an element its strings in the right language and re-renders it when a `lang` attribute
 * on it or above it changes. The element's `scheduleUpdate` waits for its words
 * ({@link updateWithStrings}), so `strings` is there whenever it renders.
 *
 * @example
 * class MyElement extends LitElement {
 *   readonly #localize = new LocalizeController(this, myElementStrings);
 *   protected override scheduleUpdate(): void | Promise<unknown> {
 *     return updateWithStrings(this, () => super.scheduleUpdate());
 *   }
 *   render() { return html`<p lang=${this.#localize.lang}>${this.#localize.strings.hello}</p>`; }
 * }
 */
export class LocalizeController<Strings> implements ReactiveController {
  readonly #host: ReactiveControllerHost & Element;
  readonly #catalog: Catalog<Strings>;
  /** The words last loaded for this element: shown while another language loads, or if it fails to. */
  #last: Strings | undefined;
  #observer: MutationObserver | undefined;

  constructor(host: ReactiveControllerHost & Element, catalog: Catalog<Strings>) {
    this.#host = host;
    this.#catalog = catalog;
    host.addController(this);
    let controllers = controllersOf.get(host);
    if (!controllers) controllersOf.set(host, (controllers = new Set()));
    controllers.add(this as LocalizeController<unknown>);
  }

  get lang(): Lang {
    return resolveLang(this.#host);
  }

  get strings(): Strings {
    const strings = loaded(this.#catalog, this.lang) ?? this.#last;
    if (!strings) throw new Error(`care-meet: the "${this.lang}" strings are not loaded yet; wait for stringsLoading(host) before rendering`);
    return (this.#last = strings);
  }

  /**
   * A promise while the current language's strings are loading, else `undefined`. Never rejects:
   * if they cannot be loaded it resolves to their language when the element has no words to show
   * instead (its first load failed), else to `undefined`.
   */
  loading(): Promise<Lang | undefined> | undefined {
    const lang = this.lang;
    const strings = loaded(this.#catalog, lang);
    if (strings) {
      this.#last = strings;
      return undefined;
    }
    return loadStrings(this.#catalog, lang).then(
      (loadedNow) => {
        this.#last = loadedNow;
        return undefined;
      },
      (error: unknown) => {
        // Keep the words we had; say why the others are missing.
        console.error(`care-meet: could not load the "${lang}" strings`, error);
        return this.#last ? undefined : lang;
      },
    );
  }

  /** "a, b and c" / "a, b och c" / "a, b og c" / "a, b ja c". */
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
