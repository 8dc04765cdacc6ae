import type { Catalog, Lang } from '../i18n/localize.js';

/**
 * Makes `lang`'s chunk of `catalog` fail to load as it does on a page whose network or CSP blocks
 * it: a real dynamic `import()` of a URL the test server answers with 404, so the browser rejects
 * it with its own TypeError. `restore()` puts the real chunk back (a failed load is tried again
 * next time, so the element can still get its words).
 *
 * Only for a language no element on the test page has loaded yet: loaded words stay loaded.
 *
 * @example
 * const chunk = unreachableLanguage(deviceCheckStrings, 'da');
 * // … the element shows that its words could not be loaded …
 * chunk.restore();
 */
export function unreachableLanguage<Strings>(catalog: Catalog<Strings>, lang: Lang): { attempts: () => number; restore(): void } {
  const loaders = catalog as { -readonly [L in Lang]: Catalog<Strings>[L] };
  const real = loaders[lang];
  let attempts = 0;
  // A variable, so esbuild leaves the import to the browser.
  const missing = `/__no-such-chunk__/${lang}.js`;
  loaders[lang] = () => {
    attempts += 1;
    return import(missing) as Promise<{ strings: Strings }>;
  };
  return {
    attempts: () => attempts,
    restore: () => {
      loaders[lang] = real;
    },
  };
}
