import { html, LitElement, nothing, type TemplateResult } from 'lit';

import { checkChatMessage } from '../../../../core/chat-guard.js';
import type { MediaRoom } from '../../../../core/media-room.js';
import type { ChatMessage } from '../../../../core/room-state.js';
import { LocalizeController, updateWithStrings } from '../../../../i18n/localize.js';
import { meetingRoomStrings } from '../../../../i18n/strings/meeting-room.js';
import { styles } from './chat-panel.styles.js';

/** The parts of the chat, forwarded by `<care-meeting>` so a host page styles them as the meeting's own (`exportparts`). */
export const CHAT_PANEL_PARTS = 'chat, chat-warning, chat-log, chat-error, send-button, button';

/**
 * The chat, shown only when the meeting allows it: a standing warning, the messages, and a field
 * whose text is checked before it leaves the browser (core/chat-guard.ts). A message with a
 * personnummer, samordningsnummer or CPR number is refused, kept in the field, and the person is
 * told why. Without a media server (`noMediaServer`) there is no field, only the words that say
 * chat needs one (rather than a Send that can only fail).
 *
 * A part of `<care-meeting>`, registered by the room (`defineDependencies`), not a public tag.
 *
 * @csspart chat - The panel.
 * @csspart chat-warning - The standing warning.
 * @csspart chat-log - The messages.
 * @csspart chat-error - Why a message was not sent.
 * @csspart send-button - Send; also `button`.
 */
export class CareChatPanel extends LitElement {
  static override styles = styles;
  // Declared here rather than with decorators: `lit/decorators` would then be shared with the
  // roster and travel in the chunk every page loads before joining.
  static override properties = {
    room: { attribute: false },
    messages: { attribute: false },
    noMediaServer: { type: Boolean, attribute: 'no-media-server' },
    _error: { state: true },
    _sending: { state: true },
  };

  /** The meeting's media room, which carries the messages; without one (and with a media server) nothing is drawn. */
  room?: Pick<MediaRoom, 'publishChat'> | undefined;
  /** The messages so far, oldest first. */
  messages: readonly ChatMessage[] = [];
  /** The host runs no media server: no field, only the words that say chat needs one. */
  noMediaServer = false;

  private _error = '';
  private _sending = false;

  readonly #words = new LocalizeController(this, meetingRoomStrings);

  protected override scheduleUpdate(): void | Promise<unknown> {
    return updateWithStrings(this, () => super.scheduleUpdate());
  }

  override render(): TemplateResult | typeof nothing {
    const t = this.#words.strings;
    if (this.noMediaServer) {
      return html`
        <section part="chat" class="side-panel chat" aria-labelledby="chat-title">
          <h3 id="chat-title">${t.chat}</h3>
          <p part="chat-warning" class="chat-warning" data-media="none">${t.chatNoMediaServer}</p>
        </section>
      `;
    }
    if (!this.room) return nothing;
    const time = new Intl.DateTimeFormat(this.#words.lang, { hour: '2-digit', minute: '2-digit' });
    const messages = this.messages;
    return html`
      <section part="chat" class="side-panel chat" aria-labelledby="chat-title">
        <h3 id="chat-title">${t.chat}</h3>
        <p part="chat-warning" class="chat-warning">${t.chatWarning}</p>
        <div role="log" aria-labelledby="chat-title" class="chat-log-box">
        ${
          messages.length
            ? html`<ol part="chat-log" class="chat-log">
              ${messages.map(
                (m) => html`<li class=${m.isLocal ? 'mine' : ''}>
                  <span class="from">${m.isLocal ? `${m.name} ${t.you}` : m.name}</span>
                  <time datetime=${new Date(m.at).toISOString()}>${time.format(m.at)}</time>
                  <p>${m.text}</p>
                </li>`,
              )}
            </ol>`
            : html`<p class="hint">${t.noMessages}</p>`
        }
        </div>
        <form class="chat-form" @submit=${this.#send}>
          <label for="chat-input">${t.chatLabel}</label>
          <div class="chat-row">
            <textarea
              id="chat-input"
              name="message"
              rows="2"
              maxlength="1000"
              aria-invalid=${this._error ? 'true' : 'false'}
              aria-describedby="chat-error"
              @keydown=${this.#onKeydown}
              @input=${this.#onInput}
            ></textarea>
            <button part="button send-button" class="primary" ?disabled=${this._sending}>${t.send}</button>
          </div>
          <p id="chat-error" part="chat-error" class="chat-error" role="alert">${this._error || nothing}</p>
        </form>
      </section>
    `;
  }

  readonly #send = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const room = this.room;
    if (!room) return;
    const t = this.#words.strings;
    const form = event.currentTarget as HTMLFormElement;
    const field = form.elements.namedItem('message') as HTMLTextAreaElement;
    const verdict = checkChatMessage(field.value);
    if (!verdict.ok) {
      if (verdict.reason === 'empty') return;
      this._error =
        verdict.reason === 'national-id'
          ? t.chatRefused(new Intl.ListFormat(this.#words.lang, { type: 'conjunction' }).format(verdict.kinds.map((kind) => t.idKind[kind])))
          : t.chatTooLong;
      field.focus();
      return;
    }
    this._sending = true;
    this._error = '';
    try {
      await room.publishChat(verdict.text);
      field.value = '';
    } catch {
      this._error = t.chatFailed;
    } finally {
      this._sending = false;
    }
    field.focus();
  };

  /** Enter sends, Shift+Enter makes a new line (as in every chat). */
  readonly #onKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    (event.currentTarget as HTMLTextAreaElement).form?.requestSubmit();
  };

  readonly #onInput = (): void => {
    if (this._error) this._error = '';
  };
}
