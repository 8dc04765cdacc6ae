import { html, nothing, type TemplateResult } from 'lit';

import { CareApiError } from '../../core/api-client.js';
import type { ApiErrorCode, ConsentRequest, ConsentView, JoinAnswer } from '@care-meet/protocol/wire';
import { LocalizeController } from '../../i18n/localize.js';
import { meetingStrings, type MeetingStrings } from '../../i18n/strings/meeting.js';
import type { MeetingRoomStrings } from '../../i18n/strings/meeting-room.js';
import type { MeetingViewHost } from './room-view.js';

type Admitted = Extract<JoinAnswer, { status: 'admitted' }>;

/** The wait before reading again after a failed first read, doubled each time up to the most. */
const RETRY_FIRST_MS = 1_000;
const RETRY_MAX_MS = 30_000;

/**
 * Whether the individual is asked for her consent: it was never recorded, she withdrew it, or it
 * was given before people were added whom it does not cover.
 */
export const asksConsent = (consent: ConsentView): boolean =>
  consent.state === 'missing' || consent.state === 'withdrawn' || (consent.state === 'given' && consent.notCovered.length > 0);

/** Whether two reads of the request list the same people. */
const sameList = (a: ConsentRequest, b: ConsentRequest): boolean =>
  a.participants.length === b.participants.length && a.participants.every((p, i) => p.id === b.participants[i]?.id);

/**
 * Where the card is in one visit to the room:
 * `off` (not the individual, or not in the room), `reading` the request, `unread` (the read failed:
 * nothing is shown, the error is kept in `readError`), `settled` (nothing to ask), `asking`,
 * `sending` her consent, `recorded` (the confirmation shows), `closed` (Not now, or the
 * confirmation was closed).
 */
export type ConsentCardStatus = 'off' | 'reading' | 'unread' | 'settled' | 'asking' | 'sending' | 'recorded' | 'closed';

/**
 * The individual's own consent to the meeting and to who takes part (seed 004), asked in the room:
 * everyone on the list with their roles, I agree (which records exactly the people shown, `how:
 * "self"`) and Not now. Read when she comes into the room, and again when her event stream says
 * what she is asked changed (`consent-request`: someone added or removed, consent recorded by the
 * chair) or when the server refused her answer because the list changed (`PARTICIPANTS_CHANGED`);
 * the new list is shown with the new people marked. It never stands in
 * the way of the meeting: a failed read shows nothing (and is tried again while she stays, when
 * the failure may pass), and Not now hides it for this visit.
 *
 * The requests go straight through the API client, not through `MeetingSession`, which every
 * participant's page loads before joining.
 */
export class ConsentCard {
  readonly #host: MeetingViewHost;
  readonly #words: () => MeetingRoomStrings;
  /** The meeting's words for the API's refusals, already loaded by `<care-meeting>` itself. */
  readonly #refusals: LocalizeController<MeetingStrings>;
  #status: ConsentCardStatus = 'off';
  #request: ConsentRequest | null = null;
  #self = '';
  /** People marked new: not covered by the consent in force, or added since the list was shown. */
  #marked: ReadonlySet<string> = new Set();
  #changed = false;
  /** Why the last attempt to record failed, when it did. */
  #problem: ApiErrorCode | null = null;
  #reading: AbortController | null = null;
  #readError: CareApiError | null = null;
  /** Stops listening to her event stream. */
  #unlisten: (() => void) | null = null;
  /** The next read after a failed one, and how many reads have failed in a row this visit. */
  #retry: ReturnType<typeof setTimeout> | null = null;
  #failures = 0;

  /** `words`: the room's strings (the room view's own localize controller). */
  constructor(host: MeetingViewHost, words: () => MeetingRoomStrings) {
    this.#host = host;
    this.#words = words;
    this.#refusals = new LocalizeController(host, meetingStrings);
  }

  get status(): ConsentCardStatus {
    return this.#status;
  }

  /** Why the last read failed, kept: the card stays away rather than disturb the meeting, but the failure is not lost. */
  get readError(): CareApiError | null {
    return this.#readError;
  }

  /** In the room as `answer` says: the individual gets her consent request read, once per visit. */
  sync(answer: Admitted): void {
    if (answer.role !== 'individual') return this.reset();
    this.#self = answer.participantId;
    if (this.#status !== 'off') return;
    this.#unlisten ??= this.#host.meetingSession.onEvent((event) => {
      if (event.type === 'consent-request') void this.#refresh();
    });
    void this.#read(null);
  }

  /** Out of the room (or not the individual): forgets this visit and stops a read under way. */
  reset(): void {
    this.#unlisten?.();
    this.#unlisten = null;
    this.#reading?.abort();
    this.#reading = null;
    if (this.#retry) clearTimeout(this.#retry);
    this.#retry = null;
    this.#failures = 0;
    this.#status = 'off';
    this.#request = null;
    this.#marked = new Set();
    this.#changed = false;
    this.#problem = null;
  }

  /**
   * Reads what she is asked. `shown`: the request the card showed when the server said the list
   * had changed; the new list is shown with the people added since marked. Answers whether it read.
   */
  async #read(shown: ConsentRequest | null): Promise<boolean> {
    const { session, meetingId } = this.#host.meetingSession.value;
    if (!session || !meetingId) return false;
    this.#reading?.abort();
    const reading = (this.#reading = new AbortController());
    if (!shown) this.#status = 'reading';
    try {
      const request = await this.#host.meetingSession.api.call<ConsentRequest>(
        'consentRequest',
        { id: meetingId },
        {
          session: session.session,
          signal: reading.signal,
        },
      );
      if (reading.signal.aborted) return false;
      const { consent, participants } = request;
      const before = new Set(shown?.participants.map((p) => p.id));
      this.#marked = new Set([
        ...(consent.state === 'given' ? consent.notCovered : []),
        ...(shown ? participants.filter((p) => !before.has(p.id)).map((p) => p.id) : []),
      ]);
      this.#request = request;
      this.#readError = null;
      this.#failures = 0;
      // Read again after the list changed: shown as it is now, even if someone else recorded consent meanwhile.
      if (shown) return true;
      this.#status = asksConsent(consent) ? 'asking' : 'settled';
      if (this.#status === 'asking') {
        // It appears above the video while she may be elsewhere in the room: say that it is there.
        const t = this.#words();
        this.#host.announce(`${t.consentTitle}: ${t.consentQuestion}`);
      }
      return true;
    } catch (error) {
      if (reading.signal.aborted) return false;
      const failure = (this.#readError = error instanceof CareApiError ? error : new CareApiError('INTERNAL', String(error), 0));
      if (!shown) {
        this.#status = 'unread';
        this.#retryLater(failure);
      }
      return false;
    } finally {
      if (this.#reading === reading) this.#reading = null;
      this.#host.requestUpdate();
    }
  }

  /**
   * A first read that failed for a passing reason (no answer, the server busy or down, too many
   * requests) is tried again, 1 s later and then twice as long each time up to 30 s, for as long as
   * she stays: a moment's outage as she came in must not take the question away for the whole visit.
   * A refusal (403, 404) stands.
   */
  #retryLater(failure: CareApiError): void {
    const passing = failure.status === 0 || failure.status === 429 || failure.status >= 500;
    if (!passing || this.#retry) return;
    const delay = Math.min(RETRY_FIRST_MS * 2 ** this.#failures++, RETRY_MAX_MS);
    this.#retry = setTimeout(() => {
      this.#retry = null;
      if (this.#status === 'unread') void this.#read(null);
    }, delay);
  }

  /**
   * What she is asked changed while she is in the room (`consent-request` on her stream: someone was
   * added or removed, or consent was recorded or withdrawn by someone else). While the card asks, it
   * shows the list as it is now with the newcomers marked and says the list changed (or goes away when
   * the chair recorded her consent meanwhile); when it had nothing to ask or had thanked her, it asks
   * again only if the consent in force no longer covers everyone. Not now keeps it away for this visit;
   * while her own answer is being sent, that answer tells.
   */
  async #refresh(): Promise<void> {
    const status = this.#status;
    // Never read yet: the change is a good moment to try again.
    if (status === 'unread') {
      if (this.#retry) clearTimeout(this.#retry);
      this.#retry = null;
      await this.#read(null);
      return;
    }
    const shown = this.#request;
    if (!shown || (status !== 'asking' && status !== 'settled' && status !== 'recorded')) return;
    if (!(await this.#read(shown)) || this.#status !== status) return;
    const request = this.#request as ConsentRequest;
    const t = this.#words();
    if (status === 'asking') {
      if (!asksConsent(request.consent)) {
        // Recorded by the chair meanwhile: nothing left to ask. Focus, if it was here, goes where Not now sends it.
        const hadFocus = this.#hasFocus();
        this.#status = 'settled';
        this.#host.requestUpdate();
        if (hadFocus) await this.#focus('#room-title');
        return;
      }
      if (!sameList(shown, request)) {
        this.#changed = true;
        this.#problem = null;
        this.#host.announce(t.consentChanged);
      }
    } else if (asksConsent(request.consent)) {
      this.#status = 'asking';
      this.#changed = false;
      this.#problem = null;
      this.#host.announce(`${t.consentTitle}: ${t.consentQuestion}`);
    }
    this.#host.requestUpdate();
  }

  render(t: MeetingRoomStrings): TemplateResult | typeof nothing {
    const status = this.#status;
    const request = this.#request;
    if (!request || (status !== 'asking' && status !== 'sending' && status !== 'recorded')) return nothing;
    const asking = status !== 'recorded';
    const sending = status === 'sending';
    const parts = `consent${asking ? '' : ' consent-recorded'}`;
    // One element from asking to recorded, so its live region is in the page before the thank-you comes.
    return html`<section part=${parts} class="consent" data-state=${status} aria-labelledby=${asking ? 'consent-title' : nothing}>
      ${
        asking
          ? html`<h3 id="consent-title">${t.consentTitle}</h3>
            ${this.#changed ? html`<p part="consent-changed" class="consent-changed" tabindex="-1">${t.consentChanged}</p>` : nothing}
            <p id="consent-question" class="consent-question">${t.consentQuestion}</p>
            <ul class="consent-people" aria-labelledby="consent-question">
              ${request.participants.map(
                (p) => html`<li data-id=${p.id}>
                  <span class="name">${p.name}${p.id === this.#self ? html` <span class="you">${t.you}</span>` : nothing}</span>
                  <span class="role">${t.role[p.role]}</span>${this.#marked.has(p.id) ? html` <strong class="new">${t.consentNew}</strong>` : nothing}
                </li>`,
              )}
            </ul>
            <p class="consent-refuse">${t.consentRefuse}</p>
            <p class="consent-error" role="alert">${this.#problem ? `${t.consentFailed} ${this.#explain(this.#problem)}` : nothing}</p>
            <div class="consent-actions">
              <button
                part="button primary-button consent-agree-button"
                class="primary"
                aria-disabled=${sending ? 'true' : nothing}
                aria-busy=${sending ? 'true' : nothing}
                @click=${this.#agree}
              >
                ${sending ? t.sending : t.consentAgree}
              </button>
              <button part="button consent-later-button" aria-disabled=${sending ? 'true' : nothing} @click=${this.#later}>${t.consentNotNow}</button>
            </div>`
          : nothing
      }
      <p class="consent-done" role="status">${asking ? nothing : t.consentRecorded}</p>
      ${asking ? nothing : html`<button part="button consent-close-button" @click=${this.#later}>${t.consentClose}</button>`}
    </section>`;
  }

  /** A refusal in the meeting's words; theirs for `NOT_FOUND` is about invitation links, not this. */
  #explain(code: ApiErrorCode): string {
    const m = this.#refusals.strings;
    return (code !== 'NOT_FOUND' && m.error[code]) || m.errorOther;
  }

  #card(): HTMLElement | null {
    return this.#host.shadowRoot?.querySelector<HTMLElement>('.consent') ?? null;
  }

  /** Whether keyboard focus is in the card (so it must be put somewhere when the card changes). */
  #hasFocus(): boolean {
    const active = this.#host.shadowRoot?.activeElement;
    return !!active && !!this.#card()?.contains(active);
  }

  async #focus(selector: string): Promise<void> {
    await this.#host.updateComplete;
    this.#host.shadowRoot?.querySelector<HTMLElement>(selector)?.focus();
  }

  /** I agree: records her consent to exactly the people shown. */
  readonly #agree = async (): Promise<void> => {
    const shown = this.#request;
    const { session, meetingId } = this.#host.meetingSession.value;
    if (this.#status !== 'asking' || !shown || !session || !meetingId) return;
    // A read of a changed list under way is dropped: her answer is about the list she sees, and the server says if it changed.
    this.#reading?.abort();
    this.#status = 'sending';
    this.#problem = null;
    this.#host.requestUpdate();
    const participantIds = shown.participants.map((p) => p.id);
    let problem: ApiErrorCode | null = null;
    try {
      await this.#host.meetingSession.api.recordConsent(meetingId, { how: 'self', participantIds }, session.session);
    } catch (error) {
      problem = error instanceof CareApiError ? error.code : 'INTERNAL';
    }
    // Left the room (or another visit began) while it was sent: nothing here to update.
    if (this.#status !== 'sending' || this.#request !== shown) return;
    if (!problem) {
      const hadFocus = this.#hasFocus();
      this.#status = 'recorded';
      this.#host.requestUpdate();
      // The button she pressed is gone: the one that closes the confirmation (read after it, politely).
      if (hadFocus) await this.#focus('[part~="consent-close-button"]');
      return;
    }
    if (problem === 'PARTICIPANTS_CHANGED') {
      const read = await this.#read(shown);
      if (this.#status !== 'sending') return;
      this.#changed = true;
      if (!read) problem = this.#readError?.code ?? 'INTERNAL';
      else problem = null;
    }
    this.#problem = problem;
    this.#status = 'asking';
    this.#host.requestUpdate();
    // Read first, before she can agree again: the message, then the new list below it.
    if (this.#changed && !problem) await this.#focus('[part~="consent-changed"]');
  };

  /** Not now, or Close after it was recorded: gone for this visit; focus to the room's heading if it was here. */
  readonly #later = async (): Promise<void> => {
    // While her answer is on its way, it is not set aside unseen: the card waits for it.
    if (this.#status === 'sending') return;
    const hadFocus = this.#hasFocus();
    this.#status = 'closed';
    this.#host.requestUpdate();
    if (hadFocus) await this.#focus('#room-title');
  };
}
