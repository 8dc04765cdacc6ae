import type { ApiErrorCode } from '@care-meet/protocol/wire';
import type { Lang } from '../i18n/localize.js';
import { init } from './event-init.js';

export interface MeetingErrorDetail {
  /** The API's stable code (`NETWORK` when the server could not be reached, `STRINGS_UNAVAILABLE` when the element's words could not be loaded). */
  code: ApiErrorCode;
  /** English words for logs (the server's, for an API code); the person sees the element's translation. */
  message: string;
  /** Trying again may help; the element offers it. */
  retryable: boolean;
  /** With `STRINGS_UNAVAILABLE`: the language whose words could not be loaded. */
  lang?: Lang;
}

/**
 * `care-error`: something stopped the element for this person (the element shows what, with the
 * host's support slot). `<care-meeting>` and `<care-verify-identity>` fire it for what the server
 * refused; every element fires it with `STRINGS_UNAVAILABLE` (and `lang`) when its words could not
 * be loaded at all, once for each failed try.
 *
 * @example
 * document.addEventListener('care-error', (event) => {
 *   if (event.detail.code === 'STRINGS_UNAVAILABLE') report(`care-meet words missing (${event.detail.lang})`);
 * });
 */
export class MeetingErrorEvent extends CustomEvent<MeetingErrorDetail> {
  static readonly type = 'care-error';
  constructor(detail: MeetingErrorDetail) {
    super(MeetingErrorEvent.type, init(detail));
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'care-error': MeetingErrorEvent;
  }
}
