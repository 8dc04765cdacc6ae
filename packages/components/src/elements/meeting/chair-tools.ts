import { html, nothing, type TemplateResult } from 'lit';

import type { MeetingSession } from '../../core/meeting-session.js';
import type { RoomState } from '../../core/room-state.js';
import { MeetingEndRequestEvent } from '../../events/meeting-events.js';
import { LocalizeController } from '../../i18n/localize.js';
import { chairActionStrings, type ChairActionStrings } from '../../i18n/strings/chair-actions.js';
import { GUIDE_STEPS, type GuideStep, type MeetingRoomStrings } from '../../i18n/strings/meeting-room.js';
import { CareConfirmDialog, type ConfirmRequest } from '../confirm-dialog/confirm-dialog.js';
import { defineDependencies } from '../dependencies.js';
import { CareRoster, type LobbyMedia } from '../roster/roster.js';
import type { MeetingViewHost } from './room-view.js';

/**
 * The roster's lobby parts that are `<care-meeting>`'s too: its lobby box was drawn here before
 * the one lobby list, so a host's styles for them keep working.
 */
const LOBBY_PARTS = 'lobby-guest, admit-button, turn-away-button';

/**
 * The meeting leader's panel: `<care-roster>`, whose lobby list gets the lobby room's cameras and
 * microphones from here (she sees and hears each guest before letting them in; Let in and Turn
 * away are the roster's), the meeting-structure guide from seed 001 as a checklist, and "end the
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
  #error = '';
  /** The lobby room's tracks as last given to the roster, kept while the lobby room is unchanged. */
  #lobbyMedia: { from: RoomState | null; noPictures: boolean; media: LobbyMedia } | null = null;

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

  render(lobby: RoomState | null, t: MeetingRoomStrings): TemplateResult {
    return html`
      <section part="tools" class="side-panel tools" aria-labelledby="tools-title">
        <h3 id="tools-title">${t.toolsTitle}</h3>
        <p class="tools-error" role="alert">${this.#error || nothing}</p>
        <!-- The roster draws the lobby (its lobby list) with each guest's camera and sound from the lobby room. -->
        <care-roster exportparts=${LOBBY_PARTS} .lobbyMedia=${this.#media(lobby)}></care-roster>
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

  /** Who is in the lobby room with a camera or microphone: a new object only when the lobby room changed. */
  #media(lobby: RoomState | null): LobbyMedia {
    const noPictures = this.#host.noMediaServer;
    const kept = this.#lobbyMedia;
    if (kept && kept.from === lobby && kept.noPictures === noPictures) return kept.media;
    const tracks = new Map((lobby?.participants ?? []).filter((p) => !p.isLocal).map((p) => [p.identity, { video: p.video, audio: p.audio }]));
    const media: LobbyMedia = { tracks, noPictures };
    this.#lobbyMedia = { from: lobby, noPictures, media };
    return media;
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
    await this.#remove(participant.identity, t);
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

  /** Removes someone from the meeting (a tile's Remove, confirmed); a lobby guest is let in or turned away by the roster. */
  async #remove(participantId: string, t: MeetingRoomStrings): Promise<void> {
    const session: MeetingSession = this.#host.meetingSession;
    this.#error = '';
    this.#host.requestUpdate();
    try {
      await session.remove(participantId);
    } catch {
      this.#error = t.actionFailed;
    } finally {
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
