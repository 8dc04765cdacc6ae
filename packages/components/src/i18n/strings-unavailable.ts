import { html, render, type LitElement } from 'lit';

import { MeetingErrorEvent } from '../events/care-error.js';
import type { Lang } from './localize.js';

/**
 * Shows, in place of `host`'s content and in its box (class and part `base`; `panel` in
 * `<care-meeting>`), that its words in `lang` could not be loaded, with Try
 * again (focused when `focus`: the person pressed the last one) and the `support` slot; fires
 * `care-error` (`STRINGS_UNAVAILABLE`, with `lang`); resolves when the person presses Try again.
 * The element's next render replaces it.
 *
 * These are the only words an element carries in its own code (they are needed exactly when its
 * language's chunk did not come), so they are one short English sentence: every element pays for
 * them, and the pre-join bundle is close to its 30 KiB goal.
 *
 * @example
 * await showStringsUnavailable(element, 'sv', false); // the person pressed Try again: load the words again
 */
export function showStringsUnavailable(host: LitElement, lang: Lang, focus: boolean): Promise<unknown> {
  return new Promise((resolve) => {
    render(
      html`<p part="base" class="base panel" role="alert" lang="en">
        Could not load. Check your connection. <span><button part="button" class="primary" @click=${resolve}>Try again</button></span><slot name="support"></slot>
      </p>`,
      host.renderRoot,
      host.renderOptions,
    );
    if (focus) host.renderRoot.querySelector('button')?.focus();
    host.dispatchEvent(new MeetingErrorEvent({ code: 'STRINGS_UNAVAILABLE', message: 'strings not loaded', retryable: true, lang }));
  });
}
