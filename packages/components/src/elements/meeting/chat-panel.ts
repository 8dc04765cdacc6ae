import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';

import { checkChatMessage } from '../../core/chat-guard.js';
import type { MediaRoom } from '../../core/media-room.js';
import type { ChatMessage } from '../../core/room-state.js';
import type { MeetingRoomStrings } from '../../i18n/strings/meeting-room.js';

/**
 * The chat, shown only when the meeting allows it: a standing warning, the messages, and a field
 * whose text is checked before it leaves the browser. A message with a personnummer,
 * samordningsnummer or CPR number is refused, kept in the field, and the person is told why.
 */
export class ChatPanel {
  readonly #host: ReactiveControllerHost & HTMLElement;
  #error = '';
  #sending = false;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#host = host;
  }

  render(room: MediaRoom, messages: readonly ChatMessage[], t: MeetingRoomStrings, lang: string): TemplateResult {
    const time = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit' });
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
        <form class="chat-form" @submit=${(event: SubmitEvent) => this.#send(event, room, t, lang)}>
          <label for="chat-input">${t.chatLabel}</label>
          <div class="chat-row">
            <textarea
              id="chat-input"
              name="message"
              rows="2"
              maxlength="1000"
              aria-invalid=${this.#error ? 'true' : 'false'}
              aria-describedby="chat-error"
              @keydown=${this.#onKeydown}
              @input=${this.#onInput}
            ></textarea>
            <button part="button send-button" class="primary" ?disabled=${this.#sending}>${t.send}</button>
          </div>
          <p id="chat-error" part="chat-error" class="chat-error" role="alert">${this.#error || nothing}</p>
        </form>
      </section>
    `;
  }

  /**
   * The chat when the host runs no media server: its messages would go through one, so there is
   * no field, only the words that say so (rather than a Send that can only fail).
   */
  renderWithoutMedia(t: MeetingRoomStrings): TemplateResult {
    return html`
      <section part="chat" class="side-panel chat" aria-labelledby="chat-title">
        <h3 id="chat-title">${t.chat}</h3>
        <p part="chat-warning" class="chat-warning" data-media="none">${t.chatNoMediaServer}</p>
      </section>
    `;
  }

  async #send(event: SubmitEvent, room: MediaRoom, t: MeetingRoomStrings, lang: string): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const field = form.elements.namedItem('message') as HTMLTextAreaElement;
    const verdict = checkChatMessage(field.value);
    if (!verdict.ok) {
      if (verdict.reason === 'empty') return;
      this.#error =
        verdict.reason === 'national-id'
          ? t.chatRefused(new Intl.ListFormat(lang, { type: 'conjunction' }).format(verdict.kinds.map((kind) => t.idKind[kind])))
          : t.chatTooLong;
      this.#host.requestUpdate();
      field.focus();
      return;
    }
    this.#sending = true;
    this.#error = '';
    this.#host.requestUpdate();
    try {
      await room.publishChat(verdict.text);
      field.value = '';
    } catch {
      this.#error = t.chatFailed;
    } finally {
      this.#sending = false;
      this.#host.requestUpdate();
    }
    field.focus();
  }

  /** Enter sends, Shift+Enter makes a new line (as in every chat). */
  readonly #onKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    (event.currentTarget as HTMLTextAreaElement).form?.requestSubmit();
  };

  readonly #onInput = (): void => {
    if (!this.#error) return;
    this.#error = '';
    this.#host.requestUpdate();
  };
}
