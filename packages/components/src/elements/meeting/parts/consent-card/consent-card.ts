import { html, LitElement, nothing, type TemplateResult } from 'lit';

import type { ApiErrorCode } from '@care-meet/protocol/wire';
import type { ConsentFlow, ConsentMoment } from '../../../../core/consent-flow.js';
import type { Unsubscribe } from '../../../../core/observable.js';
import { PartAnnounceEvent, PartFocusLeaveEvent } from '../../../../events/room-part-events.js';
import { LocalizeController, updateWithStrings } from '../../../../i18n/localize.js';
import { meetingStrings } from '../../../../i18n/strings/meeting.js';
import { meetingRoomStrings } from '../../../../i18n/strings/meeting-room.js';
import { styles } from './consent-card.styles.js';

/** The parts of the card, forwarded by `<care-meeting>` so a host page styles them as the meeting's own (`exportparts`). */
export const CONSENT_CARD_PARTS =
  'consent, consent-recorded, consent-changed, consent-agree-button, consent-later-button, consent-close-button, button, primary-button';

/**
 * The individual's consent card in the room, drawn from a `ConsentFlow` (core/consent-flow.ts),
 * which holds where she is and makes the requests: everyone on the list with their roles, people
 * new to her marked, I agree and Not now; the thank-you after it is recorded. Only for her, and
 * only while she is asked; otherwise it draws nothing and takes no place.
 *
 * A part of `<care-meeting>`, registered by the room (`defineDependencies`), not a public tag.
 * Focus stays its own business: when what had focus goes away inside the card, it moves to what
 * replaced it; when the card goes away with focus in it, it fires `care-part-focus-leave` for the
 * room to take it. What a screen reader must hear (the question appearing, the list changing) it
 * fires as `care-part-announce`, for the room's live region.
 *
 * @csspart consent - The card; also `consent-recorded` for the thank-you that replaces it.
 * @csspart consent-changed - The list changed before she agreed, so it is shown again.
 * @csspart consent-agree-button - "I agree".
 * @csspart consent-later-button - "Not now".
 * @csspart consent-close-button - Closes the thank-you.
 * @csspart button - Every button; also `primary-button`.
 */
export class CareConsentCard extends LitElement {
  static override styles = styles;

  #flow: ConsentFlow | undefined;

  /** The room's consent flow; nothing is drawn without one. A property: the card follows it while connected. */
  get flow(): ConsentFlow | undefined {
    return this.#flow;
  }

  set flow(flow: ConsentFlow | undefined) {
    if (flow === this.#flow) return;
    this.#flow = flow;
    if (this.isConnected) this.#listen();
    this.requestUpdate();
  }

  readonly #words = new LocalizeController(this, meetingRoomStrings);
  /** The meeting's words for the API's refusals, already loaded by `<care-meeting>` itself. */
  readonly #refusals = new LocalizeController(this, meetingStrings);
  #stop: Unsubscribe | null = null;
  #subscribed: ConsentFlow | undefined;
  #lastMoment: ConsentMoment | null = null;

  protected override scheduleUpdate(): void | Promise<unknown> {
    return updateWithStrings(this, () => super.scheduleUpdate());
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#listen();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stop?.();
    this.#stop = null;
    this.#subscribed = undefined;
  }

  /** Follows the flow given: redraws on each change and acts on each moment once. */
  #listen(): void {
    if (this.#subscribed === this.flow && this.#stop) return;
    this.#stop?.();
    this.#subscribed = this.flow;
    this.#lastMoment = this.flow?.value.moment ?? null;
    this.#stop =
      this.flow?.subscribe((state) => {
        this.requestUpdate();
        if (state.moment && state.moment !== this.#lastMoment) void this.#onMoment((this.#lastMoment = state.moment));
      }) ?? null;
  }

  /** Says what happened, and keeps keyboard focus where she can go on from. */
  async #onMoment(moment: ConsentMoment): Promise<void> {
    // Read before the redraw removes what had focus.
    const hadFocus = !!this.shadowRoot?.activeElement;
    // Drawn first (its words are loaded by then): what is said and focused is on the page.
    await this.updateComplete;
    const t = this.#words.strings;
    switch (moment.kind) {
      case 'asked':
        // It appears above the video while she may be elsewhere in the room: say that it is there.
        this.dispatchEvent(new PartAnnounceEvent(`${t.consentTitle}: ${t.consentQuestion}`));
        return;
      case 'list-changed':
        this.dispatchEvent(new PartAnnounceEvent(t.consentChanged));
        return;
      case 'answer-met-change':
        // Read first, before she can agree again: the message, then the new list below it.
        this.#focus('[part~="consent-changed"]');
        return;
      case 'recorded':
        // The button she pressed is gone: the one that closes the confirmation (read after it, politely).
        if (hadFocus) this.#focus('[part~="consent-close-button"]');
        return;
      case 'gone':
        if (hadFocus) this.dispatchEvent(new PartFocusLeaveEvent());
        return;
    }
  }

  #focus(selector: string): void {
    this.shadowRoot?.querySelector<HTMLElement>(selector)?.focus();
  }

  /** A refusal in the meeting's words; theirs for `NOT_FOUND` is about invitation links, not this. */
  #explain(code: ApiErrorCode): string {
    const m = this.#refusals.strings;
    return (code !== 'NOT_FOUND' && m.error[code]) || m.errorOther;
  }

  override render(): TemplateResult | typeof nothing {
    const state = this.flow?.value;
    if (!state) return nothing;
    const { status, request } = state;
    if (!request || (status !== 'asking' && status !== 'sending' && status !== 'recorded')) return nothing;
    const t = this.#words.strings;
    const asking = status !== 'recorded';
    const sending = status === 'sending';
    const parts = `consent${asking ? '' : ' consent-recorded'}`;
    // One element from asking to recorded, so its live region is in the page before the thank-you comes.
    return html`<section part=${parts} class="consent" data-state=${status} aria-labelledby=${asking ? 'consent-title' : nothing}>
      ${
        asking
          ? html`<h3 id="consent-title">${t.consentTitle}</h3>
            ${state.changed ? html`<p part="consent-changed" class="consent-changed" tabindex="-1">${t.consentChanged}</p>` : nothing}
            <p id="consent-question" class="consent-question">${t.consentQuestion}</p>
            <ul class="consent-people" aria-labelledby="consent-question">
              ${request.participants.map(
                (p) => html`<li data-id=${p.id}>
                  <span class="name">${p.name}${p.id === state.self ? html` <span class="you">${t.you}</span>` : nothing}</span>
                  <span class="role">${t.role[p.role]}</span>${state.marked.has(p.id) ? html` <strong class="new">${t.consentNew}</strong>` : nothing}
                </li>`,
              )}
            </ul>
            <p class="consent-refuse">${t.consentRefuse}</p>
            <p class="consent-error" role="alert">${state.problem ? `${t.consentFailed} ${this.#explain(state.problem)}` : nothing}</p>
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

  readonly #agree = (): void => {
    void this.flow?.agree();
  };

  /** Not now, or Close after it was recorded. */
  readonly #later = (): void => {
    this.flow?.later();
  };
}
