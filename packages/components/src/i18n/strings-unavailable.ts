import { html, render, type LitElement } from 'lit';

import { MeetingErrorEvent } from '../events/care-error.js';
import type { Lang } from './localize.js';

/**
 * The only words an element carries in its own code, in every language: they are needed exactly
 * when its language's chunk did not come. Short, since every element pays for them.
 */
const WORDS: { readonly [L in Lang]: readonly [text: string, retry: string] } = {
  sv: ['Kunde inte laddas. Kontrollera anslutningen.', 'Försök igen'],
  da: ['Kunne ikke indlæses. Tjek forbindelsen.', 'Prøv igen'],
  nb: ['Kunne ikke lastes inn. Sjekk tilkoblingen.', 'Prøv igjen'],
  fi: ['Lataus ei onnistunut. Tarkista verkkoyhteys.', 'Yritä uudelleen'],
  en: ['Could not load. Check your connection.', 'Try again'],
};

/**
 * Shows, in place of `host`'s content and in its box (class and part `base`; `panel` in
 * `<care-meeting>`), that its words in `lang` could not be loaded, in that language, with Try
 * again (focused when `focus`: the person pressed the last one) and the `support` slot; fires
 * `care-error` (`STRINGS_UNAVAILABLE`, with `lang`); resolves when the person presses Try again.
 * The element's next render replaces it.
 *
 * @example
 * await showStringsUnavailable(element, 'sv', false); // the person pressed Try again: load the words again
 */
export function showStringsUnavailable(host: LitElement, lang: Lang, focus: boolean): Promise<unknown> {
  const [text, retry] = WORDS[lang];
  return new Promise((resolve) => {
    render(
      html`<p part="base" class="base panel" role="alert" lang=${lang}>
        ${text} <span><button part="button" class="primary" @click=${resolve}>${retry}</button></span><slot name="support"></slot>
      </p>`,
      host.renderRoot,
      host.renderOptions,
    );
    if (focus) host.renderRoot.querySelector('button')?.focus();
    host.dispatchEvent(new MeetingErrorEvent({ code: 'STRINGS_UNAVAILABLE', message: 'strings not loaded', retryable: true, lang }));
  });
}
