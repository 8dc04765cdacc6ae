import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';

import { styles } from './confirm-dialog.styles.js';

/** What a confirmation asks, in the words of the element that asks. */
export interface ConfirmRequest {
  /** The question, the dialog's heading and name. */
  title: string;
  /**
   * The sentence under it, the dialog's description. Leave it out when the asker puts richer
   * content in the `text` slot (the roster's list of people a consent covers).
   */
  text?: string;
  /** The action's button, e.g. "Remove". */
  confirm: string;
  /** The button's accessible name when the label alone is not enough ("Remove Bo Bror"). */
  confirmName?: string;
  cancel: string;
  /** `danger` (the default: remove, turn away, end) or `primary` (recording consent). */
  tone?: 'danger' | 'primary';
  /**
   * Where focus goes back to when the dialog closes. Default: what had focus when it was asked
   * (looked up through shadow roots).
   */
  opener?: HTMLElement | null;
  /** Called when the dialog closes and the opener is gone (let in, removed, re-drawn), to put focus somewhere sensible. */
  fallback?: () => void;
  /**
   * For a question whose answer goes to a server while the dialog stays open: called on Confirm,
   * with Confirm marked busy and further presses ignored until it settles. Resolve `true` to close
   * as confirmed; `false` to keep the dialog open (the asker may have changed what it shows, or
   * closed it with {@link CareConfirmDialog.close}).
   */
  confirming?: () => Promise<boolean>;
}

interface Pending extends ConfirmRequest {
  resolve: (confirmed: boolean) => void;
}

/** What has focus, inside open shadow roots too: the button in a parent's shadow root that opened the dialog. */
function deepActiveElement(): HTMLElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : null;
}

/**
 * One modal confirmation in a native `<dialog>`, for every element of ours that asks before it
 * acts (`<care-meeting>`'s Remove, Turn away and End the meeting; `<care-roster>`'s remove, turn
 * away, and recording or withdrawing consent). The browser keeps focus inside it and closes it on
 * Escape. Focus starts on Cancel (the safe choice: Enter should not remove anyone by accident) and
 * goes back to the button that opened it, or to the asker's fallback when that button is gone.
 *
 * Not a public tag: a parent registers it through `defineDependencies` and forwards its parts
 * with `exportparts`, so a host styles it as the parent's `dialog` and buttons.
 *
 * @summary The confirmation before an action that cannot be undone.
 *
 * @slot notice - Above the description, e.g. "the list changed while you were confirming".
 * @slot text - The description, instead of `text`: e.g. the people a consent covers.
 * @slot - Below the description, before the buttons: e.g. a choice that goes with the answer.
 *
 * @csspart dialog - The `<dialog>`.
 * @csspart title - The question.
 * @csspart text - The description.
 * @csspart button - Both buttons; also `cancel-button`, `confirm-button`, and `danger-button` or `primary-button` by tone.
 */
export class CareConfirmDialog extends LitElement {
  static override styles = styles;

  @state() private _request: Pending | null = null;
  @state() private _busy = false;

  #opener: HTMLElement | null = null;

  /** Whether a question is showing. */
  get open(): boolean {
    return Boolean(this.#dialog?.open);
  }

  /**
   * Shows the question; resolves `true` when the person confirms, `false` on Cancel or Escape. A
   * question asked while another shows replaces it, and the first resolves `false`.
   *
   * @example
   * ```ts
   * const ok = await dialog.ask({ title: 'Remove Bo Bror?', text: 'He leaves the meeting.', confirm: 'Remove', cancel: 'Cancel' });
   * if (ok) await session.remove(id);
   * ```
   */
  async ask(request: ConfirmRequest): Promise<boolean> {
    const opener = request.opener ?? deepActiveElement();
    const shown = this.#dialog;
    // Closed, its close event not come yet (a quick second click): answer the first as it closed.
    if (shown && !shown.open) this.#finish(shown);
    // Still open: the new question replaces it, unanswered.
    else this._request?.resolve(false);
    const answer = new Promise<boolean>((resolve) => {
      this._request = { ...request, resolve };
    });
    this.#opener = opener;
    this._busy = false;
    await this.updateComplete;
    const dialog = this.#dialog;
    if (dialog && !dialog.open) {
      dialog.returnValue = '';
      dialog.showModal();
    }
    dialog?.querySelector<HTMLButtonElement>('[value="cancel"]')?.focus();
    return answer;
  }

  /** Closes the question showing, if any: confirmed (`true`) or not. */
  close(confirmed = false): void {
    const dialog = this.#dialog;
    if (dialog?.open) dialog.close(confirmed ? 'confirm' : '');
  }

  get #dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  protected override render(): TemplateResult {
    const request = this._request;
    const tone = request?.tone ?? 'danger';
    // Always in the page, closed between questions: a parent's tests and hosts can hold on to it.
    return html`
      <dialog part="dialog" class="confirm" aria-labelledby="title" aria-describedby="text" @close=${this.#onClose}>
        ${
          request
            ? html`<form method="dialog" @submit=${this.#onSubmit}>
              <h2 id="title" part="title">${request.title}</h2>
              <slot name="notice"></slot>
              <div id="text" part="text" class="text">${request.text === undefined ? html`<slot name="text"></slot>` : html`<p>${request.text}</p>`}</div>
              <slot></slot>
              <div class="actions">
                <button part="button cancel-button" value="cancel" autofocus>${request.cancel}</button>
                <button
                  part="button confirm-button ${tone}-button"
                  class=${tone}
                  value="confirm"
                  aria-label=${request.confirmName ?? nothing}
                  aria-disabled=${this._busy ? 'true' : nothing}
                >
                  ${request.confirm}
                </button>
              </div>
            </form>`
            : nothing
        }
      </dialog>
    `;
  }

  /** Confirm on a question that waits for its answer: the dialog stays open until `confirming` settles. */
  readonly #onSubmit = (event: SubmitEvent): void => {
    const request = this._request;
    // Cancel closes the dialog as any `method="dialog"` form does.
    if (!request?.confirming || (event.submitter as HTMLButtonElement | null)?.value !== 'confirm') return;
    event.preventDefault();
    if (this._busy) return;
    this._busy = true;
    const done = (close: boolean) => {
      if (this._request !== request) return;
      this._busy = false;
      if (close) this.close(true);
    };
    request.confirming().then(done, () => done(false));
  };

  readonly #onClose = (): void => {
    const dialog = this.#dialog;
    // A close event comes a task after the dialog closed: if another question has opened it since
    // (a quick second click), this event is about the first one, answered then (see ask).
    if (dialog && !dialog.open) this.#finish(dialog);
  };

  /** Gives focus back and answers the question that `dialog` closed on. */
  #finish(dialog: HTMLDialogElement): void {
    const request = this._request;
    if (!request) return;
    this._request = null;
    this._busy = false;
    const opener = this.#opener;
    this.#opener = null;
    if (opener?.isConnected) opener.focus();
    else request.fallback?.();
    request.resolve(dialog.returnValue === 'confirm');
  }
}
