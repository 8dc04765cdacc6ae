import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';

import type { RosterEntry } from '@care-meet/protocol/wire';
import { LobbyAdmitRequestEvent, LobbyTurnAwayRequestEvent } from '../../events/lobby-list-events.js';
import { LocalizeController, updateWithStrings } from '../../i18n/localize.js';
import { rosterStrings, type RosterStrings } from '../../i18n/strings/roster.js';
import { initials, streamOf } from '../person-picture.js';
import { styles } from './lobby-list.styles.js';

/** A guest waiting in the lobby: as the roster lists them, with their camera and microphone in the lobby room when there are. */
export interface LobbyListGuest {
  entry: RosterEntry;
  video?: MediaStreamTrack | null;
  /** Their microphone in the lobby room: the meeting leader hears who waits (they do not hear her). */
  audio?: MediaStreamTrack | null;
}

/** The same name, allowing for case, spacing and accents, so "lisa  larare" is not flagged against "Lisa Lärare". */
export const sameName = (a: string, b: string): boolean => {
  const norm = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/\s+/g, ' ').trim().toLocaleLowerCase();
  return norm(a) === norm(b);
};

/**
 * Who waits in the lobby, for the meeting leader to let in or turn away: one card per guest with
 * their name, role, how they proved who they are and their masked id, the name they typed (flagged
 * when it is not the name on the list), and, with `cameras`, their camera picture (or "no picture
 * yet") and their sound, so she sees and hears who it is first. When nobody waits it says so. It draws and asks; it does nothing
 * itself: Let in and Turn away fire requests that its parent (`<care-roster>`) acts on, after its
 * own confirmation and its public, cancelable events.
 *
 * Drawn by `<care-roster>` for its lobby group, inside `<care-meeting>`'s tools with the lobby
 * room's cameras. Not a public tag: its parent registers it (`dependencies`).
 *
 * @summary The lobby's Let in list, shared by `<care-roster>` and `<care-meeting>`.
 *
 * @fires {LobbyAdmitRequestEvent} care-lobby-admit-request - Let in was pressed. Bubbles, not composed.
 * @fires {LobbyTurnAwayRequestEvent} care-lobby-turn-away-request - Turn away was pressed. Bubbles, not composed.
 *
 * @csspart base - The box with the heading, the hint and the list.
 * @csspart list - The `<ul>`.
 * @csspart person - Each guest (`<li>`); also `person-lobby` and `lobby-guest`.
 * @csspart picture - The camera box (with `cameras`).
 * @csspart name - The registered name.
 * @csspart role - The role in words.
 * @csspart proof - How they proved who they are, in a sentence.
 * @csspart identity - How they prove who they are, and the masked id.
 * @csspart typed-name - The name an e-mail or SMS guest typed.
 * @csspart actions - The buttons.
 * @csspart button - Both buttons; also `primary-button admit-button` and `turn-away-button`.
 */
export class CareLobbyList extends LitElement {
  static override styles = styles;

  /** Who waits, in the order to show them. */
  @property({ attribute: false }) guests: readonly LobbyListGuest[] = [];

  /** Guests (by id) with a request under way: their buttons say so and do nothing. */
  @property({ attribute: false }) busy: { has(id: string): boolean } = new Set<string>();

  /** Each guest gets a camera box (their picture, or their initials and "no picture yet"). */
  @property({ type: Boolean, reflect: true }) cameras = false;

  /** No picture will come (no media server): the box shows the initials only. */
  @property({ type: Boolean, attribute: 'no-pictures' }) noPictures = false;

  /** No Let in or Turn away (the meeting has ended). */
  @property({ type: Boolean }) ended = false;

  readonly #localize = new LocalizeController(this, rosterStrings);

  /** The guest whose button had focus before the list changed, and where they stood. */
  #focused: { id: string; index: number } | null = null;

  protected override scheduleUpdate(): void | Promise<unknown> {
    return updateWithStrings(this, () => super.scheduleUpdate());
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('guests')) return;
    const id = this.shadowRoot?.activeElement?.closest<HTMLElement>('[data-person]')?.dataset['person'];
    const before = (changed.get('guests') as readonly LobbyListGuest[] | undefined) ?? [];
    this.#focused = id ? { id, index: before.findIndex((g) => g.entry.id === id) } : null;
  }

  /**
   * When the guest whose button had focus leaves the list (let in or turned away), focus goes to
   * the next guest's Let in, or to the heading when nobody is left, never to the page's body.
   */
  protected override updated(): void {
    const followed = this.#focused;
    this.#focused = null;
    if (!followed || this.shadowRoot?.activeElement || this.guests.some((g) => g.entry.id === followed.id)) return;
    const next = this.guests[Math.min(Math.max(followed.index, 0), this.guests.length - 1)];
    this.renderRoot.querySelector<HTMLElement>(next ? `#admit-${CSS.escape(next.entry.id)}` : '#lobby-guests-title')?.focus();
  }

  protected override render(): TemplateResult {
    const t = this.#localize.strings;
    return html`<section part="base" class="base lobby-guests" aria-labelledby="lobby-guests-title">
      <h3 id="lobby-guests-title" tabindex="-1">${t.lobbyTitle} <span class="count">(${this.guests.length})</span></h3>
      <p class="hint">${this.guests.length ? t.lobbyHint : t.noneWaiting}</p>
      ${
        this.guests.length
          ? html`<ul part="list" class="list">
            ${repeat(
              this.guests,
              (g) => g.entry.id,
              (g) => this.#guest(t, g),
            )}
          </ul>`
          : nothing
      }
    </section>`;
  }

  #guest(t: RosterStrings, { entry, video, audio }: LobbyListGuest): TemplateResult {
    const differs = entry.typedName !== undefined && !sameName(entry.typedName, entry.name);
    const kind = entry.identity.kind === 'guest' ? t.guestContact[entry.verify === 'sms-code' ? 'sms-code' : 'name'] : t.idKind[entry.identity.kind];
    return html`<li part="person person-lobby lobby-guest" class="guest" data-person=${entry.id} ?data-camera=${this.cameras}>
      ${
        this.cameras
          ? html`<div part="picture" class="picture">
            ${
              video
                ? html`<video aria-hidden="true" .srcObject=${streamOf(video)} .muted=${true} muted autoplay playsinline></video>`
                : html`<div class="avatar" aria-hidden="true">${initials(entry.name)}</div>
                  ${this.noPictures ? nothing : html`<span class="hint">${t.noPicture}</span>`}`
            }
            ${audio ? html`<audio data-identity=${entry.id} .srcObject=${streamOf(audio)} autoplay></audio>` : nothing}
          </div>`
          : nothing
      }
      <div class="about">
        <div class="who">
          <strong part="name" class="name" id="guest-${entry.id}">${entry.name}</strong>
          <span part="role" class="role">${t.role[entry.role]}</span>
        </div>
        <div part="proof" class="proof" data-verify=${entry.verify}>${t.provedBy[entry.verify]}</div>
        <div part="identity" class="identity">${t.verify[entry.verify]} · ${kind} <span class="masked">${entry.identity.masked}</span></div>
        ${
          entry.typedName !== undefined
            ? html`<div part="typed-name" class="typed-name" ?data-differs=${differs}>
              ${t.typedName}: <q>${entry.typedName}</q>${differs ? html` <strong>${t.typedNameDiffers}</strong>` : nothing}
            </div>`
            : nothing
        }
      </div>
      ${this.ended ? nothing : this.#actions(t, entry)}
    </li>`;
  }

  #actions(t: RosterStrings, entry: RosterEntry): TemplateResult {
    const busy = this.busy.has(entry.id);
    // Named "Let in Lisa Lärare": the visible words first, as WCAG 2.5.3 asks.
    const button = (action: 'admit' | 'turn-away', label: string, name: string, cls: string, fire: (opener: HTMLElement) => Event) =>
      html`<button
        id="${action}-${entry.id}"
        part="button ${action === 'admit' ? 'primary-button ' : ''}${action}-button"
        class=${cls}
        aria-label=${name}
        aria-disabled=${busy ? 'true' : nothing}
        @click=${(e: Event) => (busy ? undefined : this.dispatchEvent(fire(e.currentTarget as HTMLElement)))}
      >
        ${label}
      </button>`;
    return html`<div part="actions" class="actions">
      ${button('admit', t.admit, t.admitNamed(entry.name), 'primary', (opener) => new LobbyAdmitRequestEvent({ participant: entry, opener }))}
      ${button('turn-away', t.turnAway, t.turnAwayNamed(entry.name), 'danger', (opener) => new LobbyTurnAwayRequestEvent({ participant: entry, opener }))}
    </div>`;
  }
}
