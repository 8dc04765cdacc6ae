import { html, nothing, type TemplateResult } from 'lit';

import type { MeetingSession, MeetingSessionState } from '../../core/meeting-session.js';
import type { RoomState } from '../../core/room-state.js';
import { MeetingEndRequestEvent } from '../../events/meeting-events.js';
import { LocalizeController } from '../../i18n/localize.js';
import { chairActionStrings, type ChairActionStrings } from '../../i18n/strings/chair-actions.js';
import { GUIDE_STEPS, type GuideStep, type MeetingRoomStrings } from '../../i18n/strings/meeting-room.js';
import { CareConfirmDialog, type ConfirmRequest } from '../confirm-dialog/confirm-dialog.js';
import { defineDependencies } from '../dependencies.js';
import { CareRoster } from '../roster/roster.js';
import { lobbyGuests, type LobbyGuest } from './lobby-guests.js';
import type { MeetingViewHost } from './room-view.js';
import { initials, streamOf } from './video-tile.js';

/** A guest waiting in the lobby, as the meeting leader sees them. */
/**
 * The meeting leader's panel: the lobby (each guest's camera and typed name, let in or turn
 * away), `<care-roster>`, the meeting-structure guide from seed 001 as a checklist, and "end the
 * meeting for everyone" behind a confirmation.
 */
export class ChairTools {
  /**
   * What the tools draw, registered when they load: only the meeting leader gets the roster or is
   * asked to confirm anything, so neither comes with the room the individual and guests download.
   * A host that defined `care-roster` itself (through `define/care-roster.js`) keeps its own.
   */
  static readonly dependencies = { 'care-roster': CareRoster, 'care-confirm-dialog': CareConfirmDialog };

  readonly #host: MeetingViewHost;
  readonly #checked = new Set<GuideStep>();
  readonly #busy = new Set<string>();
  #error = '';
  /** The lobby guest whose button had focus when the chair acted, and where they stood in the list. */
  #followFocus: { id: string; index: number } | null = null;

  /**
   * The words the meeting leader's actions share with `<care-roster>`: loaded with the tools, so
   * the individual and the guests, who never get the tools, never download them. On the host, so
   * its update waits for them like for its own words (and again when the language changes).
   */
  readonly #words: LocalizeController<ChairActionStrings>;

  constructor(host: MeetingViewHost) {
    defineDependencies(ChairTools.dependencies);
    this.#host = host;
    this.#words = new LocalizeController(host, chairActionStrings);
  }

  /** The confirmation, drawn in the room (outside the tools' panel, which may be hidden); its parts are `<care-meeting>`'s. */
  renderDialog(): TemplateResult {
    return html`<care-confirm-dialog exportparts="dialog, button, danger-button, cancel-button, confirm-button"></care-confirm-dialog>`;
  }

  /** Asks in the room's confirmation; `false` if it is not drawn (nothing is done without a yes). */
  #ask(request: ConfirmRequest): Promise<boolean> {
    const dialog = this.#host.shadowRoot?.querySelector<CareConfirmDialog>('care-confirm-dialog');
    return dialog ? dialog.ask(request) : Promise.resolve(false);
  }

  render(state: MeetingSessionState, lobby: RoomState | null, t: MeetingRoomStrings): TemplateResult {
    const guests = lobbyGuests(state, lobby);
    this.#keepFocus(guests);
    return html`
      <section part="tools" class="side-panel tools" aria-labelledby="tools-title">
        <h3 id="tools-title">${t.toolsTitle}</h3>
        <p class="tools-error" role="alert">${this.#error || nothing}</p>
        <div class="lobby-guests">
          <h4 id="lobby-guests-title" tabindex="-1">${t.lobbyGuests} <span class="count">(${guests.length})</span></h4>
          ${
            guests.length
              ? html`<p class="hint">${this.#words.strings.lobbyHint}</p>
                <ul class="guest-list">
                  ${guests.map((guest) => this.#renderGuest(guest, t))}
                </ul>`
              : html`<p class="hint">${t.noneWaiting}</p>`
          }
        </div>
        <!-- The lobby is above, with each guest's camera: the roster leaves out its own copy of it. -->
        <care-roster hide-lobby></care-roster>
        <fieldset part="guide" class="guide">
          <legend>${t.guideTitle}</legend>
          <ol>
            ${GUIDE_STEPS.map(
              (step) => html`<li>
                <label>
                  <input type="checkbox" .checked=${this.#checked.has(step)} @change=${(e: Event) => this.#tick(step, e)} />
                  <span>${t.guide[step]}</span>
                </label>
              </li>`,
            )}
          </ol>
        </fieldset>
        <button part="button danger-button end-button" class="danger end" @click=${() => this.#end(t)}>${t.endMeeting}</button>
      </section>
    `;
  }

  #renderGuest(guest: LobbyGuest, t: MeetingRoomStrings): TemplateResult {
    const busy = this.#busy.has(guest.id);
    return html`<li part="lobby-guest" class="guest" data-participant=${guest.id}>
      <div class="guest-picture">
        ${
          guest.video
            ? html`<video aria-hidden="true" .srcObject=${streamOf(guest.video)} .muted=${true} muted autoplay playsinline></video>`
            : html`<div class="avatar small" aria-hidden="true">${initials(guest.name)}</div>
              ${this.#host.noMediaServer ? nothing : html`<span class="hint">${t.noPicture}</span>`}`
        }
        ${guest.audio ? html`<audio data-identity=${guest.id} .srcObject=${streamOf(guest.audio)} autoplay></audio>` : nothing}
      </div>
      <div class="guest-name">
        <strong id="guest-${guest.id}">${guest.name}</strong>
        ${guest.role ? html`<span class="role">${t.role[guest.role]}</span>` : nothing}
        ${guest.verify ? html`<span class="proof" data-verify=${guest.verify}>${this.#words.strings.provedBy[guest.verify]}</span>` : nothing}
        ${guest.typedName ? html`<span>${this.#words.strings.typedName}: ${guest.typedName}</span>` : nothing}
      </div>
      <div class="guest-actions">
        <!-- Named "Let in" + the guest's name: the visible words first, as WCAG 2.5.3 asks. -->
        <button
          id="admit-${guest.id}"
          part="button primary-button admit-button"
          class="primary"
          aria-labelledby="admit-${guest.id} guest-${guest.id}"
          ?disabled=${busy}
          @click=${() => this.#act(guest.id, 'admit', t)}
        >
          ${t.admitShort}
        </button>
        <button
          id="turn-away-${guest.id}"
          part="button turn-away-button"
          aria-labelledby="turn-away-${guest.id} guest-${guest.id}"
          ?disabled=${busy}
          @click=${() => this.#turnAway(guest, t)}
        >
          ${t.turnAwayShort}
        </button>
      </div>
    </li>`;
  }

  /**
   * Asks, then turns a lobby guest away: they are told they were not let in, and their page keeps
   * listening, so the meeting leader can still let them in from the roster (Let in again), which
   * takes them into the meeting (the same words as `<care-roster>`'s).
   */
  async #turnAway(guest: LobbyGuest, t: MeetingRoomStrings): Promise<void> {
    const ok = await this.#ask({
      title: this.#words.strings.turnAwayTitle(guest.name),
      text: this.#words.strings.turnAwayText,
      confirm: t.turnAwayShort,
      cancel: t.cancel,
    });
    if (ok) await this.#act(guest.id, 'remove', t);
  }

  /**
   * When the guest whose button had focus leaves the list (let in or turned away), focus goes to the
   * next guest's Let in, or to the lobby's heading when nobody is left, never to the page's body.
   * Nothing moves if the chair has put focus somewhere else meanwhile.
   */
  #keepFocus(guests: readonly LobbyGuest[]): void {
    const followed = this.#followFocus;
    if (!followed || guests.some((g) => g.id === followed.id)) return;
    this.#followFocus = null;
    const next = guests[Math.min(followed.index, guests.length - 1)];
    void this.#host.updateComplete.then(() => {
      const root = this.#host.shadowRoot;
      if (!root || root.activeElement) return;
      root.querySelector<HTMLElement>(next ? `#admit-${CSS.escape(next.id)}` : '#lobby-guests-title')?.focus();
    });
  }

  /**
   * Asks, then removes someone from the meeting (the tile's Remove button). Focus, given back to
   * that button by the dialog, follows the tile: when it goes, to the next tile's Remove (see
   * {@link keepTileFocus}).
   */
  async confirmRemove(participant: { identity: string; name: string }, t: MeetingRoomStrings): Promise<void> {
    const buttons = [...(this.#host.shadowRoot?.querySelectorAll<HTMLElement>('.tile [part~="remove-button"]') ?? [])];
    const index = buttons.findIndex((button) => button.closest<HTMLElement>('.tile')?.dataset['identity'] === participant.identity);
    const ok = await this.#ask({
      title: this.#words.strings.removeTitle(participant.name),
      text: this.#words.strings.removeText,
      confirm: t.removeShort,
      cancel: t.cancel,
    });
    if (!ok) return;
    this.#followTile = { id: participant.identity, index: Math.max(index, 0) };
    await this.#act(participant.identity, 'remove', t);
    if (this.#error) this.#followTile = null;
  }

  /** The tile whose Remove was confirmed, and where its button stood among the others. */
  #followTile: { id: string; index: number } | null = null;

  /**
   * Called with the others in the room (tile order) on every draw: when the person just removed
   * has left, focus goes to the next tile's Remove, or to the room's heading when nobody else is
   * left, never to the page's body. Nothing moves if focus is somewhere else meanwhile.
   */
  keepTileFocus(others: readonly string[]): void {
    const followed = this.#followTile;
    if (!followed || others.includes(followed.id)) return;
    this.#followTile = null;
    const next = others[Math.min(followed.index, others.length - 1)];
    void this.#host.updateComplete.then(() => {
      const root = this.#host.shadowRoot;
      const active = document.activeElement;
      if (!root || root.activeElement || (active && active !== document.body && active !== this.#host)) return;
      const target = next ? root.querySelector<HTMLElement>(`.tile[data-identity="${CSS.escape(next)}"] [part~="remove-button"]`) : null;
      (target ?? root.querySelector<HTMLElement>('#room-title'))?.focus();
    });
  }

  async #act(participantId: string, action: 'admit' | 'remove', t: MeetingRoomStrings): Promise<void> {
    const session: MeetingSession = this.#host.meetingSession;
    // Acting from the lobby box with the keyboard: follow the guest, so focus has somewhere to go when they leave it.
    const guestItem = this.#host.shadowRoot?.activeElement?.closest<HTMLElement>('[part~="lobby-guest"]');
    if (guestItem?.dataset['participant'] === participantId) {
      const items = [...(this.#host.shadowRoot?.querySelectorAll<HTMLElement>('[part~="lobby-guest"]') ?? [])];
      this.#followFocus = { id: participantId, index: items.indexOf(guestItem) };
    }
    this.#busy.add(participantId);
    this.#error = '';
    this.#host.requestUpdate();
    try {
      await (action === 'admit' ? session.admit(participantId) : session.remove(participantId));
    } catch {
      this.#error = t.actionFailed;
    } finally {
      this.#busy.delete(participantId);
      this.#host.requestUpdate();
    }
  }

  async #end(t: MeetingRoomStrings): Promise<void> {
    const ok = await this.#ask({ title: t.endTitle, text: t.endText, confirm: t.endConfirm, cancel: t.cancel });
    if (!ok) return;
    const session = this.#host.meetingSession;
    const request = new MeetingEndRequestEvent({ meetingId: session.value.meetingId ?? '' });
    if (!this.#host.dispatchEvent(request)) return;
    this.#error = '';
    try {
      await session.end();
    } catch {
      this.#error = t.actionFailed;
      this.#host.requestUpdate();
    }
  }

  #tick(step: GuideStep, event: Event): void {
    if ((event.target as HTMLInputElement).checked) this.#checked.add(step);
    else this.#checked.delete(step);
    this.#host.requestUpdate();
  }
}
