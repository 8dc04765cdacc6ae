import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';

import { SubscribeController } from '../../controllers/subscribe-controller.js';
import { CareApiClient } from '../../core/api-client.js';
import type { OidcDisplay, OidcMethod, SessionGrant } from '@care-meet/protocol/wire';
import { isOidcMethod, VerifyIdentityFlow, type VerifyAction, type VerifyIdentityState, type VerifyPhase } from '../../core/verify-identity-flow.js';
import { MeetingErrorEvent } from '../../events/care-error.js';
import { VerifiedEvent } from '../../events/verify-identity-verified.js';
import { LocalizeController, updateWithStrings } from '../../i18n/localize.js';
import { describeProblem, verifyIdentityStrings, type VerifyIdentityStrings } from '../../i18n/strings/verify-identity.js';
import { styles } from './verify-identity.styles.js';

const icon = (path: string, extra = '') => html`<svg class=${extra} viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d=${path} /></svg>`;

const SPINNER = icon('M12 3a9 9 0 1 1-9 9', 'spinner');
const WARNING = icon('M12 3.5l9.5 17h-19zM12 10v4.5M12 17.5h.01');
const DONE = icon('M5 12.5l4.5 4.5L19 7.5');

/** Where focus goes after the next render. */
type FocusTarget = 'error' | 'code' | 'done';

/**
 * Proves who the person is, in the one way their invitation requires: BankID, SITHS, MitID,
 * BankID Norway (`bankid-no`) or Suomi.fi (`suomifi`) at the region's identity provider (in a
 * popup window, or by redirect when popups are blocked or `display="redirect"`), a six-digit code sent by SMS, or, for an e-mail guest, their typed name.
 * It ends with `care-verified` and the session for `POST /join`. When the host page has already
 * logged the person in, give it that `session`: the element then shows nothing and passes it on.
 *
 * Every problem is said in words with what to do next, announced to screen readers, and shown
 * with the host's support information. The flow itself is `VerifyIdentityFlow` (no UI), so a host
 * can build its own.
 *
 * @tag care-verify-identity
 * @summary Prove who is joining a care meeting: BankID, SITHS, MitID, BankID Norway or Suomi.fi login, SMS code, or a guest's name.
 *
 * @attr {string} invite - The invitation secret.
 * @attr {boolean} invite-from-hash - Read the invitation secret from the page's `#invite=` fragment (when there is no `invite`).
 * @attr {string} api-base - Where the server SDK's routes are mounted. Default `/api`.
 * @attr {'popup' | 'redirect'} display - How the identity provider's login opens. Default `popup`, falling back to `redirect` when the browser blocks the popup.
 * @attr {string} lang - `sv`, `da`, `nb`, `fi` or `en` (`no` and `nn` get `nb`). Without it, the closest `lang` attribute above the element decides; other languages get English.
 *
 * @fires {VerifiedEvent} care-verified - Proven (or vouched for by the host). `detail`: `{ session, participantId, expiresAt, method, meetingId }`. Bubbles and is composed.
 * @fires {MeetingErrorEvent} care-error - The invitation cannot be used on this page (used, expired, unknown or missing link; meeting ended; removed). `detail`: `{ code, message, retryable: false }`. Also `STRINGS_UNAVAILABLE` (`retryable: true`, with `lang`) for each failed try to load its words, while it shows only "Could not load" with Try again. Bubbles and is composed.
 *
 * @slot support - The host's support information (who to call); shown with every problem.
 *
 * @csspart base - The box around everything.
 * @csspart title - The heading.
 * @csspart invitation - Who the invitation is for and when the meeting starts.
 * @csspart method - The panel of the invitation's method; `aria-busy` while a request is under way.
 * @csspart progress - The spinner and what is under way.
 * @csspart error - What went wrong and what to do next, with the support slot.
 * @csspart support - The box around the `support` slot.
 * @csspart form - The code form and the name form.
 * @csspart label - The labels of the code and name inputs.
 * @csspart input - The code and name inputs; also `code-input`, `name-input`.
 * @csspart done - Shown once the person has proven who they are.
 * @csspart button - Every button; also `login-button`, `show-window-button`, `cancel-button`, `send-code-button`, `resend-button`, `submit-button`, `retry-button`.
 *
 * @cssstate busy - A request or a login is under way.
 * @cssstate verified - The person has proven who they are.
 * @cssstate vouched - The host gave a session; nothing is shown.
 * @cssstate failed - Stopped by a problem.
 *
 * @cssproperty [--care-font-family=system-ui, sans-serif] - Font.
 * @cssproperty [--care-color-text=#1b1f24] - Text.
 * @cssproperty [--care-color-text-muted=#49525c] - Secondary text.
 * @cssproperty [--care-color-surface=#ffffff] - Background.
 * @cssproperty [--care-color-border=#d5dae0] - Decorative borders.
 * @cssproperty [--care-color-control-border=#68717b] - Borders of buttons and inputs (3:1 against the background).
 * @cssproperty [--care-color-primary=#0b5cab] - The main button.
 * @cssproperty [--care-color-on-primary=#ffffff] - Text on the primary colour.
 * @cssproperty [--care-color-pass=#146c34] - "Done": text.
 * @cssproperty [--care-color-fail=#b0241b] - Problems: text, the edge, and a light tint of it behind.
 * @cssproperty [--care-color-focus=#0b5cab] - Keyboard focus ring; defaults to the primary colour.
 * @cssproperty [--care-radius=0.5rem] - Corner radius.
 * @cssproperty [--care-space=1rem] - Spacing unit.
 */
export class CareVerifyIdentity extends LitElement {
  static override styles = styles;

  static override properties = {
    invite: {},
    inviteFromHash: { attribute: 'invite-from-hash', type: Boolean },
    apiBase: { attribute: 'api-base' },
    display: {},
    session: { attribute: false },
    _status: { state: true, attribute: false },
    _alert: { state: true, attribute: false },
    _hasSupport: { state: true, attribute: false },
  };

  /** The invitation secret. Takes precedence over `invite-from-hash`. */
  invite?: string;

  /** Read the invitation secret from the page's `#invite=…` fragment. */
  inviteFromHash = false;

  /** Where the server SDK's routes are mounted. */
  apiBase = '/api';

  /** `popup` (falls back to `redirect` when the popup is blocked) or `redirect`. */
  display: OidcDisplay = 'popup';

  /**
   * A session the host already holds for this person (it logged them in and vouched for them
   * through `POST /sessions`). When set, the element shows nothing and fires `care-verified` with
   * `method: 'host'` at once.
   */
  session?: SessionGrant | null;

  /** What the polite live region says. */
  private _status = '';
  /** What the assertive live region says: the last problem. */
  private _alert = '';
  /** The host gave support information (so its box takes room). */
  private _hasSupport = false;

  readonly #localize = new LocalizeController(this, verifyIdentityStrings);

  /** Draws once this element's words are loaded in its language (each language is a chunk of its own). */
  protected override scheduleUpdate(): void | Promise<unknown> {
    return updateWithStrings(this, () => super.scheduleUpdate());
  }
  readonly #flow = new VerifyIdentityFlow({ api: new CareApiClient({ apiBase: '/api' }) });
  readonly #state = new SubscribeController(this, this.#flow, (state) => this.#changed(state));
  readonly #internals: ElementInternals = this.attachInternals();
  #previous: VerifyIdentityState = this.#flow.value;
  #focusNext: FocusTarget | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    // Put back into the page after being taken out mid-way: what was under way was cancelled.
    if (this.hasUpdated && (this.#flow.value.phase === 'idle' || this.#flow.value.phase === 'loading')) this.#begin();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#flow.dispose();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.hasUpdated || changed.has('apiBase')) this.#flow.api = new CareApiClient({ apiBase: this.apiBase || '/api' });
    if (!this.hasUpdated || changed.has('invite') || changed.has('inviteFromHash') || changed.has('apiBase') || changed.has('session')) {
      this.#begin();
    }
  }

  protected override updated(): void {
    const target = this.#focusNext;
    this.#focusNext = null;
    if (target) this.renderRoot.querySelector<HTMLElement>(target === 'code' ? '#code' : target === 'done' ? '#done-heading' : '#error')?.focus();
  }

  protected override render(): TemplateResult | typeof nothing {
    const state = this.#state.value;
    if (state.phase === 'vouched') return nothing;
    const t = this.#localize.strings;
    const { invite, pending, popupOpen } = state;
    return html`
      <section part="base" class="base" lang=${this.#localize.lang} aria-labelledby="title">
        <h2 id="title" part="title">${t.title}</h2>
        ${
          invite && state.phase !== 'verified'
            ? html`<p part="invitation" class="hint">
              ${t.invitationFor(invite.participant.name)} ${t.meetingAt(this.#format(invite.meeting.startsAt, 'day'))}
            </p>`
            : nothing
        }
        <div class="visually-hidden" role="status">${this._status}</div>
        <div class="visually-hidden" role="alert">${this._alert}</div>
        ${state.problem ? this.#renderProblem(t, state) : nothing}
        ${
          state.phase === 'ready' || state.phase === 'verified' || pending
            ? html`<div part="method" class="method" aria-busy=${pending !== null && !popupOpen ? 'true' : 'false'}>
              ${this.#renderMethod(t, state)} ${pending ? this.#renderProgress(t, pending) : nothing}
            </div>`
            : nothing
        }
      </section>
    `;
  }

  #renderProgress(t: VerifyIdentityStrings, pending: VerifyAction): TemplateResult {
    return html`<p part="progress" class="progress">${SPINNER}<span>${t.progress[pending]}</span></p>`;
  }

  #renderProblem(t: VerifyIdentityStrings, state: VerifyIdentityState): TemplateResult {
    const problem = state.problem!;
    const { title, text } = describeProblem(t, problem, this.#oidcMethod(state));
    const canRetry = state.phase === 'failed' && !problem.final;
    return html`
      <div id="error" part="error" class="error" role="group" aria-labelledby="error-title" tabindex="-1">
        <h3 id="error-title">${WARNING}${title}</h3>
        <p id="error-text">${text}</p>
        ${canRetry ? html`<div><button part="button retry-button" class="primary" @click=${() => this.#flow.retry()}>${t.tryAgain}</button></div>` : nothing}
        <div part="support" class="support" ?hidden=${!this._hasSupport}>
          <slot name="support" @slotchange=${this.#supportChanged}></slot>
        </div>
      </div>
    `;
  }

  #renderMethod(t: VerifyIdentityStrings, state: VerifyIdentityState): unknown {
    if (state.phase === 'verified') {
      return html`<div part="done" class="done">
        <h3 id="done-heading" tabindex="-1">${DONE}${t.verifiedTitle}</h3>
        <p>${t.verifiedText}</p>
      </div>`;
    }
    if (state.phase !== 'ready' || !state.invite) return nothing;
    const method = state.invite.verify;
    if (isOidcMethod(method)) return this.#renderLogin(t, state, method);
    if (method === 'sms-code') return this.#renderCode(t, state);
    return this.#renderName(t, state);
  }

  #renderLogin(t: VerifyIdentityStrings, state: VerifyIdentityState, method: OidcMethod): TemplateResult {
    const name = t.method[method];
    if (state.popupOpen) {
      return html`
        <p>${t.loginWaiting}</p>
        <div class="actions">
          <button part="button show-window-button" @click=${() => this.#flow.focusPopup()}>${t.showWindow}</button>
          <button part="button cancel-button" @click=${() => this.#flow.cancelLogin()}>${t.cancel}</button>
        </div>
      `;
    }
    const popup = this.display !== 'redirect';
    return html`
      <p>${t.loginIntro(name)}</p>
      <div class="actions">
        <button
          part="button login-button"
          class="primary"
          aria-disabled=${state.pending ? 'true' : 'false'}
          aria-describedby=${popup ? 'popup-hint' : nothing}
          @click=${this.#login}
        >
          ${t.loginButton(name)}
        </button>
      </div>
      ${popup ? html`<p id="popup-hint" class="hint">${t.popupHint}</p>` : nothing}
    `;
  }

  #renderCode(t: VerifyIdentityStrings, state: VerifyIdentityState): TemplateResult {
    const { codeSent, problem, pending } = state;
    const busy = pending ? 'true' : 'false';
    if (!codeSent) {
      return html`
        <p>${t.smsIntro}</p>
        <div class="actions">
          <button part="button send-code-button" class="primary" aria-disabled=${busy} @click=${() => this.#flow.sendCode()}>
            ${t.sendCode}
          </button>
        </div>
      `;
    }
    // After these only a new code helps, so that becomes the main button.
    const needsNewCode =
      problem?.code === 'CODE_EXPIRED' ||
      (problem?.code === 'CODE_INVALID' && problem.triesLeft === 0) ||
      (problem?.code === 'RATE_LIMITED' && problem.during === 'check-code');
    return html`
      <p>${t.codeSent(codeSent.to, this.#format(codeSent.expiresAt, 'time'))}</p>
      ${this.#form(state, {
        field: 'code',
        during: 'check-code',
        label: t.codeLabel,
        hint: t.codeHint,
        submit: t.submitCode,
        primary: !needsNewCode,
        autocomplete: 'one-time-code',
        inputmode: 'numeric',
        onSubmit: this.#submitCode,
      })}
      <div class="actions">
        <button part="button resend-button" class=${needsNewCode ? 'primary' : ''} aria-disabled=${busy} @click=${() => this.#flow.sendCode()}>
          ${t.resendCode}
        </button>
      </div>
    `;
  }

  #renderName(t: VerifyIdentityStrings, state: VerifyIdentityState): TemplateResult {
    return this.#form(state, {
      field: 'name',
      during: 'name',
      label: t.nameLabel,
      hint: t.nameHint,
      submit: t.submitName,
      primary: true,
      autocomplete: 'name',
      maxlength: 200,
      onSubmit: this.#submitName,
    });
  }

  /** A labelled input with its hint and submit button; described by the problem when it is about this input. */
  #form(
    state: VerifyIdentityState,
    o: {
      field: 'code' | 'name';
      during: VerifyAction;
      label: string;
      hint: string;
      submit: string;
      primary: boolean;
      autocomplete: string;
      inputmode?: string;
      maxlength?: number;
      onSubmit: (event: SubmitEvent) => void;
    },
  ): TemplateResult {
    const invalid = state.problem?.during === o.during;
    const hint = `${o.field}-hint`;
    return html`
      <form part="form" class="form" novalidate @submit=${o.onSubmit}>
        <label part="label" for=${o.field}>${o.label}</label>
        <span id=${hint} class="hint">${o.hint}</span>
        <div class="actions">
          <input
            id=${o.field}
            part="input ${o.field}-input"
            name=${o.field}
            type="text"
            autocomplete=${o.autocomplete}
            inputmode=${o.inputmode ?? nothing}
            maxlength=${o.maxlength ?? nothing}
            spellcheck="false"
            aria-describedby=${invalid ? `${hint} error-title error-text` : hint}
            aria-invalid=${invalid ? 'true' : 'false'}
          />
          <button part="button submit-button" class=${o.primary ? 'primary' : ''} type="submit" aria-disabled=${state.pending ? 'true' : 'false'}>
            ${o.submit}
          </button>
        </div>
      </form>
    `;
  }

  readonly #supportChanged = (event: Event): void => {
    this._hasSupport = (event.target as HTMLSlotElement).assignedNodes({ flatten: true }).length > 0;
  };

  // In the click itself: the popup must open before anything is awaited, or browsers block it.
  readonly #login = (): void => {
    // The identity provider's page in this element's language (it is asked; not every provider can).
    void this.#flow.login(this.display === 'redirect' ? 'redirect' : 'popup', this.#localize.lang);
  };

  readonly #submitCode = (event: SubmitEvent): void => {
    event.preventDefault();
    void this.#flow.submitCode(this.renderRoot.querySelector<HTMLInputElement>('#code')?.value ?? '');
  };

  readonly #submitName = (event: SubmitEvent): void => {
    event.preventDefault();
    void this.#flow.submitName(this.renderRoot.querySelector<HTMLInputElement>('#name')?.value ?? '');
  };

  #begin(): void {
    if (this.session) {
      this.#flow.vouch(this.session);
      return;
    }
    if (this.#flow.resume()) return;
    const fromFragment = !this.invite && this.inviteFromHash ? this.#flow.inviteFromFragment() : null;
    void this.#flow.open(this.invite || fromFragment, { fromFragment: fromFragment !== null });
  }

  /** Reacts to the flow: events, what the live regions say, where focus goes. */
  #changed(state: VerifyIdentityState): void {
    const before = this.#previous;
    this.#previous = state;
    const t = this.#localize.strings;
    const hadFocus = this.matches(':focus-within');
    if (state.problem !== before.problem) {
      this._alert = '';
      if (state.problem) {
        const { title, text } = describeProblem(t, state.problem, this.#oidcMethod(state));
        this._alert = `${title}. ${text}`;
        // After the person did something (or came back from the login): straight to what went wrong.
        if (hadFocus || state.problem.during === 'login') this.#focusNext = 'error';
        if (state.phase === 'failed' && state.problem.final) {
          this.dispatchEvent(new MeetingErrorEvent({ code: state.problem.code, message: state.problem.message, retryable: false }));
        }
      }
    }
    if (state.codeSent && state.codeSent !== before.codeSent) {
      this._status = t.codeSent(state.codeSent.to, this.#format(state.codeSent.expiresAt, 'time'));
      const input = this.renderRoot?.querySelector<HTMLInputElement>('#code');
      if (input) input.value = '';
      this.#focusNext = 'code';
    }
    if (state.popupOpen && !before.popupOpen) this._status = t.loginWaiting;
    if (state.verified && state.verified !== before.verified) {
      if (state.phase === 'verified') {
        this._status = t.verifiedTitle;
        if (hadFocus || before.pending === 'login') this.#focusNext = 'done';
      }
      this.dispatchEvent(new VerifiedEvent(state.verified));
    }
    this.#showState(state.phase, state.pending !== null);
    this.requestUpdate();
  }

  #showState(phase: VerifyPhase, busy: boolean): void {
    const states = { busy, verified: phase === 'verified', vouched: phase === 'vouched', failed: phase === 'failed' };
    for (const [name, on] of Object.entries(states)) {
      try {
        if (on) this.#internals.states.add(name);
        else this.#internals.states.delete(name);
      } catch {
        // Browsers before custom states (`:state()`) only miss the styling hook.
      }
    }
  }

  #oidcMethod(state: VerifyIdentityState): OidcMethod | null {
    const method = state.invite?.verify;
    return isOidcMethod(method) ? method : null;
  }

  /** A meeting's start as a person reads it, or a time of day, in the element's language. */
  #format(iso: string, what: 'day' | 'time'): string {
    const options: Intl.DateTimeFormatOptions =
      what === 'day' ? { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' } : { hour: '2-digit', minute: '2-digit' };
    return new Intl.DateTimeFormat(this.#localize.strings.locale, options).format(new Date(iso));
  }
}
