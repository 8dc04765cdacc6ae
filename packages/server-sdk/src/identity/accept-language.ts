/**
 * The language a browser asks for (`Accept-Language`), among the languages care-meet writes its
 * messages and pages in.
 */
import { MESSAGE_LANGUAGES, type MessageLanguage } from './messages.js';

/**
 * The first language in `acceptLanguage` (by its q-values, then its order) that care-meet writes
 * in, Norwegian and Nynorsk getting bokmål; null when none is.
 *
 * @example
 * ```ts
 * preferredMessageLanguage('da-DK,da;q=0.9,en;q=0.5'); // 'da'
 * preferredMessageLanguage('nn-NO'); // 'nb'
 * preferredMessageLanguage('de-DE'); // null
 * ```
 */
export function preferredMessageLanguage(acceptLanguage: string | null | undefined): MessageLanguage | null {
  const wanted = (acceptLanguage ?? '')
    .slice(0, 500)
    .split(',')
    .map((part, order) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = Number(
        params
          .find((p) => p.trim().startsWith('q='))
          ?.trim()
          .slice(2) ?? '1',
      );
      return { primary: tag.trim().toLowerCase().split('-')[0] ?? '', q: Number.isFinite(q) ? q : 0, order };
    })
    .filter((w) => w.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order);
  for (const { primary } of wanted) {
    const lang = primary === 'no' || primary === 'nn' ? 'nb' : primary;
    if ((MESSAGE_LANGUAGES as readonly string[]).includes(lang)) return lang as MessageLanguage;
  }
  return null;
}
