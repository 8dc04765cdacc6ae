import { ContextConsumer } from '@lit/context';
import { html, LitElement, nothing, type TemplateResult } from 'lit';

import { meetingContext } from '../../../../context/meeting-context.js';
import type { RoomState } from '../../../../core/room-state.js';
import { PartEndRequestEvent } from '../../../../events/chair-tools-events.js';
import { LocalizeController, updateWithStrings } from '../../../../i18n/localize.js';
import { chairActionStrings } from '../../../../i18n/strings/chair-actions.js';
import { GUIDE_STEPS, meetingRoomStrings, type GuideStep } from '../../../../i18n/strings/meeting-room.js';
import { CareConfirmDialog, type ConfirmRequest } from '../../../confirm-dialog/confirm-dialog.js';
import { defineDependencies } from '../../../dependencies.js';
import { CareRoster, type LobbyMedia } from '../../../roster/roster.js';
import { styles } from './chair-tools.styles.js';

/** The confirmation's parts, forwarded as `<care-meeting>`'s own (the room's, for a tile's Remove, forwards the same). */
export const CONFIRM_PARTS = 'dialog, button, danger-button, cancel-button, confirm-button';

/**
 * The roster's lobby parts that are `<care-meeting>`'s too: its lobby box was drawn in the meeting
 * before the one lobby list, so a host's styles for them keep working.
 */
const LOBBY_PARTS = 'lobby-guest, admit-button, turn-away-button';

/** The parts of the tools, forwarded by `<care-meeting>` so a host page styles them as the meeting's own (`exportparts`). */
export const CHAIR_TOOLS_PARTS = `tools, guide, end-button, ${CONFIRM_PARTS}, ${LOBBY_PARTS}`;

/**
 * The meeting leader's panel: `<care-roster>`, whose lobby list gets the lobby room's cameras and
 * microphones from here (she sees and hears each guest before letting them in; Let in and Turn
 * away are the roster's), the meeting-structure guide from seed 001 as a checklist, and "end the
 * meeting for everyone" behind a confirmation. A tile's Remove is asked in the room (this panel
 * may be hidden then: tile-removal.ts) with {@link removeQuestion}, and done with
 * {@link removeParticipant}, whose failure is said on the panel's error line like End's.
 *
 * A part of `<care-meeting>`, not a public tag: the room loads it with a dynamic import
 * (chair-room.ts) only when the join answer says `chair` (the individual and guests never download
 * it, nor its words), and registers it (`defineDependencies`).
 *
 * @fires {PartEndRequestEvent} care-part-end-request - She confirmed ending the meeting; cancelable (the room asks its host with `care-end-request`).
 * @csspart tools - The panel.
 * @csspart guide - The meeting-structure checklist.
 * @csspart end-button - "End the meeting for everyone"; also `button`, `danger-button`.
 * @csspart lobby-guest - A guest waiting in the lobby (forwarded from `<care-roster>`, as `admit-button` and `turn-away-button`).
 * @csspart dialog - The confirmation before ending the meeting, with its `cancel-button` and `confirm-button`.
 */
export class CareChairTools extends LitElement {
  /**
   * What the tools draw, registered when they are made: only the meeting leader gets the roster or
   * is asked to confirm anything, so neither comes with the room the individual and guests
   * download. A host that defined `care-roster` itself (through `define/care-roster.js`) keeps its own.
   */
  static readonly dependencies = { 'care-roster': CareRoster, 'care-confirm-dialog': CareConfirmDialog };

  static override styles = styles;
  static override properties = {
    lobby: { attribute: false },
    noMediaServer: { type: Boolean, attribute: 'no-media-server' },
    _checked: { state: true },
    _error: { state: true },
  };

  /** The meeting leader's view into the lobby room: each waiting guest's camera and microphone. */
  lobby: RoomState | null = null;
  /** The host runs no media server: no guest will have a picture. */
  noMediaServer = false;

  private _checked: ReadonlySet<GuideStep> = new Set();
  private _error = '';

  /** The meeting session `<care-meeting>` provides (`meetingContext`), where a removal and the end of the meeting go. */
  readonly #meeting = new ContextConsumer(this, { context: meetingContext, subscribe: true });
  readonly #words = new LocalizeController(this, meetingRoomStrings);
  /**
   * The words the meeting leader's actions share with `<care-roster>`: loaded with the tools, so
   * the individual and the guests, who never get the tools, never download them.
   */
  readonly #actions = new LocalizeController(this, chairActionStrings);
  /** The lobby room's tracks as last given to the roster, kept while the lobby room is unchanged. */
  #lobbyMedia: { from: RoomState | null; noPictures: boolean; media: LobbyMedia } | null = null;

  constructor() {
    super();
    defineDependencies(CareChairTools.dependencies);
  }

  protected override scheduleUpdate(): void | Promise<unknown> {
    return updateWithStrings(this, () => super.scheduleUpdate());
  }

  /**
   * What to ask before removing `participant` (a tile's Remove), once the tools' words are there.
   *
   * @example
   * ```ts
   * if (await dialog.ask(await tools.removeQuestion(participant))) await tools.removeParticipant(participant.identity);
   * ```
   */
  async removeQuestion(participant: { name: string }): Promise<ConfirmRequest> {
    await this.updateComplete;
    const t = this.#words.strings;
    const a = this.#actions.strings;
    return { title: a.removeTitle(participant.name), text: a.removeText, confirm: t.removeShort, cancel: t.cancel };
  }

  /** Removes someone from the meeting (confirmed); `false` when it failed, which the panel's error line says. */
  async removeParticipant(participantId: string): Promise<boolean> {
    const session = this.#meeting.value;
    if (!session) return false;
    this._error = '';
    try {
      await session.remove(participantId);
      return true;
    } catch {
      this._error = this.#words.strings.actionFailed;
      return false;
    }
  }

  protected override render(): TemplateResult {
    const t = this.#words.strings;
    return html`
      <section part="tools" class="side-panel tools" aria-labelledby="tools-title">
        <h3 id="tools-title">${t.toolsTitle}</h3>
        <p class="tools-error" role="alert">${this._error || nothing}</p>
        <!-- The roster draws the lobby (its lobby list) with each guest's camera and sound from the lobby room. -->
        <care-roster exportparts=${LOBBY_PARTS} .lobbyMedia=${this.#media()}></care-roster>
        <fieldset part="guide" class="guide">
          <legend>${t.guideTitle}</legend>
          <ol>
            ${GUIDE_STEPS.map(
              (step) => html`<li>
                <label>
                  <input type="checkbox" .checked=${this._checked.has(step)} @change=${(e: Event) => this.#tick(step, e)} />
                  <span>${t.guide[step]}</span>
                </label>
              </li>`,
            )}
          </ol>
        </fieldset>
        <button part="button danger-button end-button" class="danger end" @click=${this.#end}>${t.endMeeting}</button>
      </section>
      <care-confirm-dialog exportparts=${CONFIRM_PARTS}></care-confirm-dialog>
    `;
  }

  /** Who is in the lobby room with a camera or microphone: a new object only when the lobby room changed. */
  #media(): LobbyMedia {
    const { lobby, noMediaServer: noPictures } = this;
    const kept = this.#lobbyMedia;
    if (kept && kept.from === lobby && kept.noPictures === noPictures) return kept.media;
    const tracks = new Map((lobby?.participants ?? []).filter((p) => !p.isLocal).map((p) => [p.identity, { video: p.video, audio: p.audio }]));
    const media: LobbyMedia = { tracks, noPictures };
    this.#lobbyMedia = { from: lobby, noPictures, media };
    return media;
  }

  /** Asks; on a yes, and when the room's host does not veto it, ends the meeting for everyone. */
  readonly #end = async (): Promise<void> => {
    const t = this.#words.strings;
    const dialog = this.renderRoot.querySelector<CareConfirmDialog>('care-confirm-dialog');
    const ok = await (dialog?.ask({ title: t.endTitle, text: t.endText, confirm: t.endConfirm, cancel: t.cancel }) ?? false);
    if (!ok || !this.dispatchEvent(new PartEndRequestEvent())) return;
    this._error = '';
    try {
      await this.#meeting.value?.end();
    } catch {
      this._error = t.actionFailed;
    }
  };

  #tick(step: GuideStep, event: Event): void {
    const checked = new Set(this._checked);
    if ((event.target as HTMLInputElement).checked) checked.add(step);
    else checked.delete(step);
    this._checked = checked;
  }
}
