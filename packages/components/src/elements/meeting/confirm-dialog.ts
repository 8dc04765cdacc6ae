import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';

export interface ConfirmRequest {
  title: string;
  text: string;
  confirm: string;
  cancel: string;
}

/**
 * A modal confirmation in a native `<dialog>`: the browser keeps focus inside it and closes it on
 * Escape. Focus starts on Cancel (the safe choice for "remove" and "end the meeting") and goes
 * back to the button that opened it, or to `fallback` when that button is gone.
 */
export class ConfirmDialog {
  readonly #host: ReactiveControllerHost & HTMLElement;
  #request: (ConfirmRequest & { resolve: (ok: boolean) => void }) | null = null;
  #opener: HTMLElement | null = null;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#host = host;
  }

  get open(): boolean {
    return this.#request !== null;
  }

  /** Shows the dialog; resolves `true` when the person confirms. */
  async ask(request: ConfirmRequest): Promise<boolean> {
    this.#request?.resolve(false);
    const root = this.#host.shadowRoot;
    this.#opener = (root?.activeElement as HTMLElement | null) ?? null;
    const answer = new Promise<boolean>((resolve) => {
      this.#request = { ...request, resolve };
    });
    this.#host.requestUpdate();
    await this.#host.updateComplete;
    const dialog = root?.querySelector<HTMLDialogElement>('dialog.confirm');
    if (dialog && !dialog.open) {
      dialog.returnValue = '';
      dialog.showModal();
    }
    dialog?.querySelector<HTMLButtonElement>('[value="cancel"]')?.focus();
    return answer;
  }

  render(): TemplateResult | typeof nothing {
    const request = this.#request;
    if (!request) return nothing;
    return html`
      <dialog part="dialog" class="confirm" aria-labelledby="confirm-title" aria-describedby="confirm-text" @close=${this.#onClose}>
        <form method="dialog" class="dialog-body">
          <h2 id="confirm-title">${request.title}</h2>
          <p id="confirm-text">${request.text}</p>
          <div class="actions">
            <button part="button" value="cancel">${request.cancel}</button>
            <button part="button danger-button" class="danger" value="confirm">${request.confirm}</button>
          </div>
        </form>
      </dialog>
    `;
  }

  readonly #onClose = (event: Event): void => {
    const dialog = event.currentTarget as HTMLDialogElement;
    const request = this.#request;
    this.#request = null;
    request?.resolve(dialog.returnValue === 'confirm');
    const opener = this.#opener;
    this.#opener = null;
    this.#host.requestUpdate();
    if (opener?.isConnected) opener.focus();
  };
}
