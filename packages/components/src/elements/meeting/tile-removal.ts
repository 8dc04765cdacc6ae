import { html, type TemplateResult } from 'lit';

import type { Participant } from '../../core/room-state.js';
import type { CareConfirmDialog } from '../confirm-dialog/confirm-dialog.js';
import { CONFIRM_PARTS, type CareChairTools } from './parts/chair-tools/chair-tools.js';
import type { MeetingViewHost } from './room-view.js';

/**
 * The meeting leader's Remove on the others' tiles: asked in the room's own confirmation, which
 * {@link renderDialog} draws outside the tools' panel (closed, the panel would hide a dialog in
 * it), in the tools' words, and done by the tools (`<care-chair-tools>`), which say on their error
 * line when it failed. Focus, given back to the Remove button by the dialog, follows the tile when
 * that person leaves (see {@link keepFocus}). Part of the room's code that only the meeting leader
 * loads (chair-room.ts).
 */
export class TileRemoval {
  readonly #host: MeetingViewHost;
  /** The tile whose Remove was confirmed, and where its button stood among the others. */
  #followTile: { id: string; index: number } | null = null;

  constructor(host: MeetingViewHost) {
    this.#host = host;
  }

  /** The room's confirmation; its parts are `<care-meeting>`'s. */
  renderDialog(): TemplateResult {
    return html`<care-confirm-dialog class="room-confirm" exportparts=${CONFIRM_PARTS}></care-confirm-dialog>`;
  }

  /** Asks, then has the leader's tools remove someone (a tile's Remove). */
  readonly confirm = async (participant: Participant): Promise<void> => {
    const root = this.#host.shadowRoot;
    const tools = root?.querySelector<CareChairTools>('care-chair-tools');
    const dialog = root?.querySelector<CareConfirmDialog>('.room-confirm');
    if (!root || !tools || !dialog) return;
    const buttons = [...root.querySelectorAll<HTMLElement>('.tile [part~="remove-button"]')];
    const index = buttons.findIndex((button) => button.closest<HTMLElement>('.tile')?.dataset['identity'] === participant.identity);
    if (!(await dialog.ask(await tools.removeQuestion(participant)))) return;
    this.#followTile = { id: participant.identity, index: Math.max(index, 0) };
    if (!(await tools.removeParticipant(participant.identity))) this.#followTile = null;
  };

  /**
   * Called with the others in the room (tile order) on every draw: when the person just removed
   * has left, focus goes to the next tile's Remove, or to the room's heading when nobody else is
   * left, never to the page's body. Nothing moves if focus is somewhere else meanwhile.
   */
  keepFocus(others: readonly string[]): void {
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
}
