import { consume } from '@lit/context';
import { html, LitElement, nothing, svg, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';

import { meetingContext, requireSession } from '../../context/meeting-context.js';
import { CareApiError } from '../../core/api-client.js';
import type { ConsentHow, RosterEntry } from '@care-meet/protocol/wire';
import type { MeetingSession } from '../../core/meeting-session.js';
import type { Unsubscribe } from '../../core/observable.js';
import { RosterFeed, sessionRosterSource, type RosterFeedState, type RosterSource } from '../../core/roster-feed.js';
import { deriveRosterView, flaggedAheadOfServer, NO_SHOW_AFTER_MS, type RosterConsent, type RosterPerson, type RosterView } from '../../core/roster-view.js';
import type { LobbyAdmitRequestEvent, LobbyTurnAwayRequestEvent } from '../../events/lobby-list-events.js';
import { RosterAdmitEvent, RosterConsentEvent, RosterConsentWithdrawEvent, RosterRemoveEvent, type RosterStranger } from '../../events/roster-events.js';
import { LocalizeController, updateWithStrings } from '../../i18n/localize.js';
import { rosterStrings, type ActionProblem, type RosterProblem, type RosterStrings } from '../../i18n/strings/roster.js';
import { CareConfirmDialog, type ConfirmRequest } from '../confirm-dialog/confirm-dialog.js';
import { defineDependencies } from '../dependencies.js';
import { CareLobbyList, sameName, type LobbyListGuest } from '../lobby-list/lobby-list.js';
import { styles } from './roster.styles.js';

/** The view is worked out again at least this often, so flags that depend on the time appear without a server event. */
const TICK_MS = 15_000;
/** Reading the roster again for a no-show's phone number: at most this often. */
const REFRESH_MS = 15_000;

const icon = (body: unknown) => html`<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">${body}</svg>`;
const ICONS = {
  person: icon(svg`<circle cx="12" cy="8" r="3.6" /><path d="M4.5 20c.8-4 3.8-6 7.5-6s6.7 2 7.5 6" />`),
  check: icon(svg`<path d="M5 12.5l4.5 4.5L19 7.5" />`),
  alert: icon(svg`<path d="M12 3.5l9.5 17h-19z M12 10v4.5 M12 17.6v.1" />`),
  phone: icon(svg`<path d="M6.6 3.5h3l1.5 4.2-2.1 1.4a11 11 0 0 0 5.9 5.9l1.4-2.1 4.2 1.5v3a2 2 0 0 1-2.2 2A17 17 0 0 1 4.5 5.7a2 2 0 0 1 2.1-2.2z" />`),
  clock: icon(svg`<circle cx="12" cy="12" r="8.5" /><path d="M12 7.5V12l3 2" />`),
};

/** What a page that sees into the lobby room gives the roster's lobby list: see `CareRoster.lobbyMedia`. */
export interface LobbyMedia {
  /** Each waiting guest's camera and microphone in the lobby room, by participant id; a guest not in it has no picture yet. */
  readonly tracks: ReadonlyMap<string, { readonly video: MediaStreamTrack | null; readonly audio: MediaStreamTrack | null }>;
  /** No picture will ever come (the host runs no media server): a guest's initials are not captioned "no picture yet". */
  readonly noPictures?: boolean;
}

/** The consent confirmation: who is asked about, exactly as shown (their ids are what is recorded). */
interface ConsentAsk {
  /** The individual's name, or words for her when no one is registered as the individual. */
  individual: string;
  /** Everyone registered and not removed when the confirmation was drawn. */
  people: RosterEntry[];
  /** People new on the list since the chair last saw it: the server said it had changed. */
  added: ReadonlySet<string>;
  /** Shown again because the server said the list had changed (`PARTICIPANTS_CHANGED`). */
  changed: boolean;
}

/** The withdrawal confirmation: whose consent, as the roster showed it when the chair asked. */
interface WithdrawalAsk {
  individual: RosterEntry | null;
}

type Confirm =
  | { entry: RosterEntry; turnAway: boolean; stranger?: undefined; consent?: undefined; withdrawal?: undefined }
  | { stranger: RosterStranger; entry?: undefined; consent?: undefined; withdrawal?: undefined }
  | { consent: ConsentAsk; entry?: undefined; stranger?: undefined; withdrawal?: undefined }
  | { withdrawal: WithdrawalAsk; entry?: undefined; stranger?: undefined; consent?: undefined };
type Action = 'admit' | 'readmit' | 'remove' | 'turn-away' | 'consent' | 'withdraw-consent';
/**
 * The consent buttons' key among pending actions (beside participant ids and strangers'
 * identities, so it can equal none): one change to consent at a time, recorded or withdrawn.
 */
const CONSENT = Symbol('consent');

/** A phone number as a `tel:` URL: digits and a leading plus only. */
const telHref = (phone: string) => `tel:${phone.replace(/[^\d+]/g, '').replace(/(?!^)\+/g, '')}`;

/**
 * The chair's roster: everyone registered (name, role, how they prove who they are, with the
 * masked id) against who is connected now, live from the meeting's event stream. A badge counts
 * connected of registered (the person icon with a count of seed 001) and is announced when it
 * changes. People waiting in the lobby (drawn by `<care-lobby-list>`, with their cameras when
 * given `lobbyMedia`) can be let in or turned away; anyone not connected five
 * minutes after the start is flagged with the number to call (seed 002); anyone connected who is
 * not on the list is flagged first of all. The chair can remove a participant, or someone connected
 * who is not on the list (after a confirmation), and let a removed person in again.
 *
 * Under the header it says where the individual's consent to the meeting and to who takes part
 * stands (seed 004): nothing when no individual is registered; a warning with Record consent while
 * it is missing or after she withdrew it; when it was given and how, with a warning naming anyone
 * added since, whom it does not cover. Record consent asks the chair whether the individual agreed
 * to the meeting and to everyone on the list now (named with their roles), and how (verbally or in
 * writing), and records exactly the people it showed. If the list changed meanwhile, the dialog
 * stays open and shows it again with the new people marked. While consent is in force, Record
 * withdrawal is for when she told the chair she withdraws it: after a confirmation it records the
 * withdrawal, and the line then says consent was withdrawn. Recording is information, not a gate:
 * nobody is kept out of the meeting by it.
 *
 * Inside `<care-meeting>` it uses the page's meeting session (through `meetingContext`). On its
 * own, give it `meeting`, `api-base` and the chair's `session`: it then reads the roster and
 * follows the event stream itself.
 *
 * @tag care-roster
 * @summary The meeting leader's participant list: who is here, who waits, who has not come.
 *
 * @attr {string} lang - `sv`, `da`, `nb`, `fi` or `en` (`no` and `nn` get `nb`). Without it, the closest `lang` attribute above the element decides; unsupported languages get English.
 *
 * @fires {RosterAdmitEvent} care-roster-admit - The chair asked to let someone in (from the lobby, or again after a removal). Cancelable: `preventDefault()` stops the request. Bubbles and is composed.
 * @fires {RosterConsentEvent} care-roster-consent - The chair confirmed the individual's consent (how, and to whom). Cancelable: `preventDefault()` stops the request and closes the confirmation. Bubbles and is composed.
 * @fires {RosterConsentWithdrawEvent} care-roster-consent-withdraw - The chair confirmed that the individual withdrew her consent. Cancelable: `preventDefault()` stops the request and closes the confirmation. Bubbles and is composed.
 * @fires {RosterRemoveEvent} care-roster-remove - The chair confirmed removing someone or turning a lobby guest away. Cancelable: `preventDefault()` stops the request. Bubbles and is composed.
 * @fires {MeetingErrorEvent} care-error - Its words could not be loaded (`STRINGS_UNAVAILABLE`: the language's chunk did not come): it shows only "Could not load" with Try again, which loads them again, and fires this for each failed try. `detail`: `{ code: 'STRINGS_UNAVAILABLE', message, retryable: true, lang }`. Bubbles and is composed.
 *
 * @csspart base - The box around everything.
 * @csspart header - The title and the badge.
 * @csspart title - The heading.
 * @csspart badge - The connected/registered count with the person icon.
 * @csspart consent - The individual's consent under the header; also `consent-missing`, `consent-given`, `consent-withdrawn`, and `consent-not-covered` when people were added after it was given.
 * @csspart consent-changed - In the consent confirmation: the list changed while the chair was confirming.
 * @csspart notice - Loading, reconnecting, ended or a problem; also `notice-problem`.
 * @csspart error - What went wrong with the last admit, remove, or change to consent.
 * @csspart strangers - The warning box for people connected who are not on the list.
 * @csspart stranger - One such person.
 * @csspart group - Each group with its heading: also `group-lobby` (the `<care-lobby-list>` element, its parts forwarded), `group-connected`, `group-not-connected`, `group-removed`.
 * @csspart lobby - The lobby list's tinted box, with its heading and hint.
 * @csspart lobby-picture - A waiting guest's camera box (with `lobbyMedia`).
 * @csspart list - Each group's `<ul>`.
 * @csspart person - Each registered person (`<li>`); also `person-connected`, `person-lobby`, `person-absent`, `person-left`, `person-removed`, `person-no-show`.
 * @csspart lobby-guest - Each waiting guest's card in the lobby list (also `person person-lobby`).
 * @csspart name - A person's registered name.
 * @csspart role - Their role in words.
 * @csspart proof - How a waiting guest proved who they are, in a sentence.
 * @csspart identity - How they prove who they are, and the masked id.
 * @csspart typed-name - The name an e-mail or SMS guest typed.
 * @csspart status - Connected since, or why not.
 * @csspart no-show - The "not here five minutes after the start" flag.
 * @csspart call - The `tel:` link to call a no-show.
 * @csspart actions - A person's buttons.
 * @csspart button - Every button; also `primary-button` (Let in), `admit-button`, `turn-away-button`, `remove-button`, `readmit-button`, `consent-button`, `withdraw-consent-button`, `cancel-button`, `confirm-button`.
 * @csspart dialog - The confirmation `<dialog>` (remove, turn away, record consent, record its withdrawal): the one `<care-meeting>` uses too, with its buttons' parts forwarded.
 *
 * @cssproperty [--care-font-family=system-ui, sans-serif] - Font.
 * @cssproperty [--care-color-text=#1b1f24] - Text.
 * @cssproperty [--care-color-text-muted=#49525c] - Roles, ids, times and group headings.
 * @cssproperty [--care-color-surface=#ffffff] - Background.
 * @cssproperty [--care-color-surface-raised=#f3f5f7] - The badge, notices and the consent line.
 * @cssproperty [--care-color-border=#d5dae0] - Lines between people.
 * @cssproperty [--care-color-control-border=#68717b] - Borders of buttons and the badge (3:1 against the background).
 * @cssproperty [--care-color-primary=#0b5cab] - The Let in and Record consent buttons, the lobby box and call links.
 * @cssproperty [--care-color-on-primary=#ffffff] - Text on the primary and fail colours.
 * @cssproperty [--care-color-pass=#146c34] - "Connected" and "Consent given".
 * @cssproperty [--care-color-fail=#b0241b] - People not on the list, Remove and Turn away, errors.
 * @cssproperty [--care-color-warning=#8a4600] - The no-show flag, a typed name that differs from the list, and consent missing, withdrawn or not covering everyone.
 * @cssproperty [--care-color-focus=#0b5cab] - Keyboard focus ring; defaults to the primary colour.
 * @cssproperty [--care-radius=0.5rem] - Corner radius.
 * @cssproperty [--care-space=1rem] - Spacing unit.
 *
 * @cssstate live - The roster is arriving live from the event stream.
 * @cssstate waiting - Someone waits in the lobby.
 * @cssstate no-show - Someone has not come five minutes after the start.
 * @cssstate strangers - Someone connected is not on the list.
 * @cssstate ended - The meeting has ended.
 */
export class CareRoster extends LitElement {
  static override styles = styles;
  static readonly dependencies = { 'care-confirm-dialog': CareConfirmDialog, 'care-lobby-list': CareLobbyList };

  constructor() {
    super();
    defineDependencies(CareRoster.dependencies);
  }

  /** The meeting's id, when the element stands alone (outside `<care-meeting>`). */
  @property() meeting?: string;

  /** Where the server SDK's routes are mounted, when the element stands alone. Default `/api`. */
  @property({ attribute: 'api-base' }) apiBase?: string;

  /**
   * The chair's (or organizer's) bearer session, when the element stands alone. A property only,
   * never an attribute: a secret does not belong in the DOM, where other scripts and tools read it.
   */
  @property({ attribute: false }) session?: string;

  /**
   * Where the time comes from, for the no-show flag. Tests and demos pass a controllable clock;
   * setting it re-evaluates at once.
   */
  @property({ attribute: false }) clock: () => Date = () => new Date();

  /**
   * Leaves out the "Waiting in the lobby" group, for a page that shows the lobby itself: `<care-meeting>`
   * does, with each guest's camera, so the chair does not see the same people twice. The badge, the
   * counts and the announcement that someone is waiting stay.
   */
  @property({ type: Boolean, attribute: 'hide-lobby' }) hideLobby = false;

  /**
   * The lobby room's cameras and microphones, from a page that looks into it (`<care-meeting>`'s
   * tools do): each waiting guest then gets a camera box (their picture, or "no picture yet") and
   * is heard, and the lobby group is shown also when nobody waits, so the meeting leader sees that
   * it is empty. Without it, the lobby group lists who waits, without pictures, when someone does.
   */
  @property({ attribute: false }) lobbyMedia?: LobbyMedia;

  /** The page's meeting session, when the element is inside `<care-meeting>` (or another provider). */
  @consume({ context: meetingContext, subscribe: true })
  @state()
  private _meetingSession?: MeetingSession;

  @state() private _confirm: Confirm | null = null;
  @state() private _pending: ReadonlySet<string | typeof CONSENT> = new Set();
  @state() private _error = '';

  @query('care-confirm-dialog') private _dialog?: CareConfirmDialog;

  readonly #localize = new LocalizeController(this, rosterStrings);

  /** Draws once this element's words are loaded in its language (each language is a chunk of its own). */
  protected override scheduleUpdate(): void | Promise<unknown> {
    return updateWithStrings(this, () => super.scheduleUpdate());
  }
  readonly #internals = this.attachInternals();

  #source: RosterSource | null = null;
  #sourceKey: unknown = null;
  #feed: RosterFeed | null = null;
  #unsubscribe: Unsubscribe | undefined;
  #state: RosterFeedState | null = null;
  #view: RosterView | null = null;
  #polite = '';
  #assertive = '';
  #timer: ReturnType<typeof setTimeout> | undefined;
  #refreshedAt = -Infinity;
  /** Counts confirmations asked, so one that closes does not clear the next one's content. */
  #asking = 0;
  #focus: { had: boolean; person: string | null; consent: boolean; lobby: boolean } = { had: false, person: null, consent: false, lobby: false };

  override connectedCallback(): void {
    super.connectedCallback();
    // Put back into the page: reopen the feed that was closed when it was taken out.
    if (this.hasUpdated) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#dropSource();
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  protected override willUpdate(): void {
    this.#useSource();
    const state = this.#source?.value ?? null;
    const view = state?.roster ? deriveRosterView(state.roster, this.clock(), { ended: state.ended }) : null;
    this.#announce(this.#view, view);
    this.#state = state;
    this.#view = view;
    const active = this.shadowRoot?.activeElement ?? null;
    // Focus on a lobby guest's button is in the lobby list's shadow root: the guest is found there.
    const inLobby = active?.matches('care-lobby-list') ? (active.shadowRoot?.activeElement ?? null) : null;
    this.#focus = {
      had: active !== null,
      person: (inLobby ?? active)?.closest<HTMLElement>('[data-person]')?.dataset['person'] ?? null,
      consent: Boolean(active?.closest('[part~="consent"]')),
      lobby: Boolean(active?.matches('care-lobby-list')),
    };
  }

  protected override firstUpdated(): void {
    // Properties a host sets just after adding the element arrive in the same task: judge after it.
    setTimeout(() => {
      if (this.isConnected && !this.#source) {
        try {
          requireSession(undefined, this.localName);
        } catch (e) {
          console.error(e);
        }
      }
    });
  }

  protected override updated(): void {
    this.#schedule();
    this.#askForPhones();
    this.#keepFocus();
    this.#setStates();
  }

  protected override render(): TemplateResult {
    const t = this.#localize.strings;
    const view = this.#view;
    return html`
      <section part="base" class="base" lang=${this.#localize.lang} aria-labelledby="title">
        <header part="header" class="header">
          <h2 id="title" part="title" tabindex="-1">${t.title}</h2>
          ${view ? this.#badge(t, view) : nothing}
        </header>
        ${view ? this.#renderConsent(t, view) : nothing}
        <div class="visually-hidden" role="status">${this.#polite}</div>
        <div class="visually-hidden" role="alert">${this.#assertive}</div>
        ${this.#notice(t)}
        ${this._error ? html`<p part="error" class="error">${this._error}</p>` : nothing}
        ${view ? this.#renderView(t, view) : nothing}
        <care-confirm-dialog exportparts="dialog, button, cancel-button, confirm-button">
          ${this._confirm?.consent ? this.#renderConsentConfirm(t, this._confirm.consent) : nothing}
        </care-confirm-dialog>
      </section>
    `;
  }

  #badge(t: RosterStrings, view: RosterView): TemplateResult {
    const { connected, registered, strangers } = view.counts;
    return html`<span part="badge" class="badge" ?data-warning=${strangers > 0}>
      ${ICONS.person}<span class="count" aria-hidden="true">${connected}/${registered}</span><span class="visually-hidden">${t.count(connected, registered)}</span>
    </span>`;
  }

  #notice(t: RosterStrings): TemplateResult | typeof nothing {
    const state = this.#state;
    const say = (text: string, kind = 'info') =>
      html`<p part="notice${kind === 'problem' ? ' notice-problem' : ''}" class="notice" data-kind=${kind}>${text}</p>`;
    if (!this.#source) return say(t.noMeeting);
    if (!state?.roster) {
      if (state?.error) {
        const code = state.error.code as RosterProblem;
        return say(t.problem[code in t.problem ? code : 'other'], 'problem');
      }
      return say(t.loading);
    }
    if (this.#view?.ended) return say(t.ended);
    if (!state.live) return say(t.reconnecting);
    return nothing;
  }

  /** The individual's consent, for the chair: nothing to say (`none`), a warning with a way to record it, or when it was given. */
  #renderConsent(t: RosterStrings, view: RosterView): TemplateResult | typeof nothing {
    const consent = view.consent;
    if (consent.state === 'none') return nothing;
    const time = consent.at ? this.#time(consent.at) : '';
    const warning = consent.state !== 'given' || consent.notCovered.length > 0;
    const button = (label: string) => (view.ended ? nothing : this.#button(CONSENT, 'consent', label, label, 'primary', (opener) => this.#askConsent(opener)));
    // Secondary: recording a withdrawal she told the chair about is not what the line asks for.
    const withdraw = view.ended
      ? nothing
      : this.#button(CONSENT, 'withdraw-consent', t.recordWithdrawal, t.recordWithdrawal, '', (opener) => this.#askWithdrawal(opener));
    const line = (icon: TemplateResult, text: string) => html`<p class="consent-line">${icon}<span>${text}</span></p>`;
    let body: unknown;
    if (consent.state === 'missing') body = [line(ICONS.alert, t.consentMissing), button(t.recordConsent)];
    else if (consent.state === 'withdrawn') body = [line(ICONS.alert, t.consentWithdrawn(time)), button(t.recordConsent)];
    else {
      body = html`${line(ICONS.check, t.consentGiven(time))}
        ${consent.how ? html`<p class="consent-how">${t.consentHow(consent.how, consent.by)}</p>` : nothing}
        ${
          consent.notCovered.length
            ? html`<div class="not-covered">
                ${line(ICONS.alert, t.consentNotCovered)}
                <ul>
                  ${consent.notCovered.map((entry) => html`<li><span class="name">${entry.name}</span> <span class="role">${t.role[entry.role]}</span></li>`)}
                </ul>
              </div>
              ${button(t.recordConsentAgain)}`
            : nothing
        }
        ${withdraw}`;
    }
    const parts = `consent consent-${consent.state}${consent.notCovered.length ? ' consent-not-covered' : ''}`;
    // Focusable from script only: where focus goes when the button it had goes away (consent recorded or withdrawn).
    return html`<div part=${parts} class="consent" data-state=${consent.state} ?data-warning=${warning} tabindex="-1">${body}</div>`;
  }

  #renderView(t: RosterStrings, view: RosterView): TemplateResult {
    return html`
      ${view.strangers.length ? this.#renderStrangers(t, view) : nothing}
      ${this.hideLobby ? nothing : this.#lobby(view)}
      ${this.#group(t, 'connected', t.connectedTitle, view.connected)}
      ${this.#group(t, 'not-connected', t.notConnectedTitle, view.notConnected)}
      ${this.#group(t, 'removed', t.removedTitle, view.removed)}
    `;
  }

  #renderStrangers(t: RosterStrings, view: RosterView): TemplateResult {
    return html`<section part="strangers" class="strangers" aria-labelledby="strangers-title">
      <h3 id="strangers-title">${ICONS.alert}${t.strangersTitle} (${view.strangers.length})</h3>
      <p>${t.strangersText}</p>
      <ul>
        ${view.strangers.map((s) => {
          const name = s.name || s.identity;
          return html`<li part="stranger" class="stranger" data-person=${s.identity}>
            <span class="name">${name}</span>
            <span class="stranger-at">${t.strangerAt(this.#time(s.connectedAt))}</span>
            ${
              view.ended
                ? nothing
                : html`<div part="actions" class="actions">
                  ${this.#button(s.identity, 'remove', t.remove, t.removeNamed(name), 'danger', (opener) => this.#confirm({ stranger: s }, opener))}
                </div>`
            }
          </li>`;
        })}
      </ul>
    </section>`;
  }

  /**
   * Who waits, drawn by `<care-lobby-list>` (the one lobby list, with the lobby room's cameras when
   * given them). Its Let in and Turn away come back here as requests: this is the one place that
   * fires `care-roster-admit` / `care-roster-remove` and asks the server.
   */
  #lobby(view: RosterView): TemplateResult | typeof nothing {
    const media = this.lobbyMedia;
    if (!view.lobby.length && !media) return nothing;
    const guests: LobbyListGuest[] = view.lobby.map(({ entry }) => {
      const tracks = media?.tracks.get(entry.id);
      return { entry, video: tracks?.video ?? null, audio: tracks?.audio ?? null };
    });
    return html`<care-lobby-list
      part="group group-lobby"
      exportparts="base: lobby, list, person, person-lobby, lobby-guest, picture: lobby-picture, name, role, proof, identity, typed-name, actions, button, primary-button, admit-button, turn-away-button"
      .guests=${guests}
      .busy=${this._pending}
      ?cameras=${Boolean(media)}
      ?no-pictures=${Boolean(media?.noPictures)}
      ?ended=${view.ended}
      @care-lobby-admit-request=${(e: LobbyAdmitRequestEvent) => this.#admit(e.detail.participant, false)}
      @care-lobby-turn-away-request=${(e: LobbyTurnAwayRequestEvent) => void this.#confirm({ entry: e.detail.participant, turnAway: true }, e.detail.opener)}
    ></care-lobby-list>`;
  }

  #group(t: RosterStrings, name: string, title: string, people: RosterPerson[], extra: unknown = nothing): TemplateResult | typeof nothing {
    if (!people.length) return nothing;
    return html`<section part="group group-${name}" class="group" aria-labelledby="${name}-title">
      <h3 id="${name}-title">${title} <span class="group-count">(${people.length})</span></h3>
      ${extra}
      <ul part="list" class="list">
        ${repeat(
          people,
          (p) => p.entry.id,
          (p) => this.#person(t, p),
        )}
      </ul>
    </section>`;
  }

  #person(t: RosterStrings, { entry, noShow }: RosterPerson): TemplateResult {
    const parts = `person person-${entry.status}${noShow ? ' person-no-show' : ''}`;
    const differs = entry.typedName !== undefined && !sameName(entry.typedName, entry.name);
    return html`<li part=${parts} class="person" data-person=${entry.id} data-status=${entry.status}>
      <div class="who">
        <span part="name" class="name">${entry.name}</span>
        <span part="role" class="role">${t.role[entry.role]}</span>
      </div>
      <div part="identity" class="identity">${this.#identity(t, entry)}</div>
      ${
        entry.typedName !== undefined
          ? html`<div part="typed-name" class="typed-name" ?data-differs=${differs}>
            ${t.typedName}: <q>${entry.typedName}</q>${differs ? html` <strong>${t.typedNameDiffers}</strong>` : nothing}
          </div>`
          : nothing
      }
      ${
        // Said already: by the no-show flag below.
        noShow ? nothing : this.#status(t, entry)
      }
      ${
        noShow
          ? html`<div part="no-show" class="no-show">
            <span class="flag">${ICONS.clock}<span>${t.noShow(NO_SHOW_AFTER_MS / 60_000)}</span></span>
            ${
              entry.phone
                ? html`<a part="call" class="call" href=${telHref(entry.phone)} aria-label=${t.callNamed(entry.phone, entry.name)}
                  >${ICONS.phone}${t.call(entry.phone)}</a
                >`
                : nothing
            }
          </div>`
          : nothing
      }
      ${this.#actions(t, entry)}
    </li>`;
  }

  #identity(t: RosterStrings, entry: RosterEntry): TemplateResult {
    const kind = entry.identity.kind === 'guest' ? t.guestContact[entry.verify === 'sms-code' ? 'sms-code' : 'name'] : t.idKind[entry.identity.kind];
    return html`${t.verify[entry.verify]} · ${kind} <span class="masked">${entry.identity.masked}</span>`;
  }

  #status(t: RosterStrings, entry: RosterEntry): TemplateResult {
    const text = entry.status === 'connected' && entry.connectedAt ? t.connectedAt(this.#time(entry.connectedAt)) : t.status[entry.status];
    return html`<div part="status" class="status" data-status=${entry.status}>
      ${entry.status === 'connected' ? ICONS.check : nothing}${text}
    </div>`;
  }

  /**
   * One action button for the person `id` (a registration, or a stranger's identity): named
   * `name`, and inert while an action on that person is under way. `onClick` gets the button.
   */
  #button(id: string | typeof CONSENT, action: Action, label: string, name: string, cls: string, onClick: (opener: HTMLElement) => void): TemplateResult {
    const pending = this._pending.has(id);
    return html`<button
      part="button ${action}-button"
      class=${cls}
      aria-label=${name}
      aria-disabled=${pending ? 'true' : nothing}
      @click=${(e: Event) => (pending ? undefined : onClick(e.currentTarget as HTMLElement))}
    >
      ${label}
    </button>`;
  }

  #actions(t: RosterStrings, entry: RosterEntry): TemplateResult | typeof nothing {
    if (this.#view?.ended) return nothing;
    const button = (action: Action, label: string, name: string, cls: string, onClick: (opener: HTMLElement) => void) =>
      this.#button(entry.id, action, label, name, cls, onClick);
    switch (entry.status) {
      case 'connected':
      case 'absent':
      case 'left':
        // Anyone on the list may be removed, connected or not (an admitted guest who has not
        // connected yet, someone who should not come back). The chair cannot be removed: they end
        // the meeting instead.
        if (entry.role === 'chair') return nothing;
        return html`<div part="actions" class="actions">
          ${button('remove', t.remove, t.removeNamed(entry.name), 'danger', (opener) => this.#confirm({ entry, turnAway: false }, opener))}
        </div>`;
      case 'removed':
        return html`<div part="actions" class="actions">
          ${button('readmit', t.readmit, t.readmitNamed(entry.name), '', () => this.#admit(entry, true))}
        </div>`;
      default:
        return nothing;
    }
  }

  /** What the confirmation asks for `confirm`, in the roster's words. */
  #question(t: RosterStrings, confirm: Confirm): Omit<ConfirmRequest, 'opener' | 'fallback' | 'confirming'> {
    if (confirm.consent) return { title: t.consentQuestion(confirm.consent.individual), confirm: t.confirm, cancel: t.cancel, tone: 'primary' };
    if (confirm.withdrawal) {
      const title = t.withdrawalQuestion(confirm.withdrawal.individual?.name ?? t.consentIndividual);
      return { title, text: t.withdrawalText, confirm: t.confirm, cancel: t.cancel, tone: 'primary' };
    }
    const who = confirm.stranger ? confirm.stranger.name || confirm.stranger.identity : confirm.entry.name;
    const [title, text, label, name] = confirm.stranger
      ? [t.removeTitle(who), t.confirmRemoveStrangerText, t.remove, t.removeNamed(who)]
      : confirm.turnAway
        ? [t.turnAwayTitle(who), t.turnAwayText, t.turnAway, t.turnAwayNamed(who)]
        : [t.removeTitle(who), t.removeText, t.remove, t.removeNamed(who)];
    return { title, text, confirm: label, confirmName: name, cancel: t.cancel };
  }

  /**
   * What the consent question shows besides its title, in the confirmation's slots: everyone it
   * covers and how she agreed. Confirm keeps the dialog open until the server has answered: it
   * closes when consent is recorded, and shows the list again with a message when the list changed
   * meanwhile. The radio buttons are ours, outside the dialog's form: Enter on one submits nothing.
   */
  #renderConsentConfirm(t: RosterStrings, ask: ConsentAsk): TemplateResult {
    return html`${ask.changed ? html`<p slot="notice" part="consent-changed" class="dialog-problem" tabindex="-1">${ICONS.alert}<span>${t.consentChanged}</span></p>` : nothing}
      <ul slot="text" class="consent-people">
        ${repeat(
          ask.people,
          (entry) => entry.id,
          (entry) =>
            html`<li data-id=${entry.id}>
              <span class="name">${entry.name}</span> <span class="role">${t.role[entry.role]}</span>${
                ask.added.has(entry.id) ? html` <strong class="added">${t.consentAdded}</strong>` : nothing
              }
            </li>`,
        )}
      </ul>
      <fieldset class="consent-choice">
        <legend>${t.consentHowLegend}</legend>
        <label><input type="radio" name="how" value="verbal" checked />${t.consentVerbal}</label>
        <label><input type="radio" name="how" value="written" />${t.consentWritten}</label>
      </fieldset>`;
  }

  // ---- actions -------------------------------------------------------------------------------

  #admit(entry: RosterEntry, readmit: boolean): void {
    const request = new RosterAdmitEvent({ participant: entry, readmit });
    if (!this.dispatchEvent(request)) return;
    void this.#act(entry.id, entry.name, readmit ? 'readmit' : 'admit', (source) => source.admit(entry.id));
  }

  async #confirm(confirm: Confirm, opener: HTMLElement): Promise<void> {
    const dialog = this._dialog;
    if (!dialog || dialog.open) return;
    // Drawn first, so the consent question's list is in its slot when the dialog shows.
    const asking = ++this.#asking;
    this._confirm = confirm;
    await this.updateComplete;
    const confirmed = await dialog.ask({
      ...this.#question(this.#localize.strings, confirm),
      opener,
      // The roster that came with the recorded (or withdrawn) consent has taken the button away: the line that says so.
      fallback: () =>
        confirm.consent || confirm.withdrawal
          ? (this.renderRoot.querySelector<HTMLElement>('[part~="consent"]') ?? this.renderRoot.querySelector<HTMLElement>('#title'))?.focus()
          : undefined,
      // Consent is recorded or withdrawn while the dialog is open, not after it closed.
      ...(confirm.consent || confirm.withdrawal ? { confirming: () => this.#onConsentConfirm() } : {}),
    });
    // Unless a second confirmation opened as this one closed (a quick second click), and shows now.
    if (this.#asking === asking) this._confirm = null;
    if (!confirmed || confirm.consent || confirm.withdrawal) return;
    if (confirm.stranger) {
      const { stranger } = confirm;
      if (!this.dispatchEvent(new RosterRemoveEvent({ stranger, turnAway: false }))) return;
      void this.#act(stranger.identity, stranger.name || stranger.identity, 'remove', (source) => source.remove(stranger.identity));
      return;
    }
    const { entry, turnAway } = confirm;
    const request = new RosterRemoveEvent({ participant: entry, turnAway });
    if (!this.dispatchEvent(request)) return;
    void this.#act(entry.id, entry.name, turnAway ? 'turn-away' : 'remove', (source) => source.remove(entry.id));
  }

  #askConsent(opener: HTMLElement): void {
    const consent = this.#view?.consent;
    if (consent) void this.#confirm({ consent: this.#consentAsk(consent, null) }, opener);
  }

  #askWithdrawal(opener: HTMLElement): void {
    const consent = this.#view?.consent;
    if (consent?.state === 'given') void this.#confirm({ withdrawal: { individual: consent.individual } }, opener);
  }

  /** What the confirmation shows for `consent` now; `before` is what it showed, when the list changed since. */
  #consentAsk(consent: RosterConsent, before: ConsentAsk | null): ConsentAsk {
    const shown = new Set(before?.people.map((entry) => entry.id));
    return {
      individual: consent.individual?.name ?? this.#localize.strings.consentIndividual,
      people: consent.covers,
      added: new Set(before ? consent.covers.filter((entry) => !shown.has(entry.id)).map((entry) => entry.id) : []),
      changed: before !== null,
    };
  }

  /** Confirm in the consent or the withdrawal confirmation: `true` closes it, as recorded. */
  #onConsentConfirm(): Promise<boolean> {
    const confirm = this._confirm;
    if (!confirm || this._pending.has(CONSENT)) return Promise.resolve(false);
    if (confirm.withdrawal) return this.#withdrawConsent(confirm.withdrawal);
    if (!confirm.consent) return Promise.resolve(false);
    const how = this.renderRoot.querySelector<HTMLInputElement>('input[name="how"]:checked')?.value === 'written' ? 'written' : 'verbal';
    return this.#recordConsent(confirm.consent, how);
  }

  /**
   * Records consent to exactly the people `ask` showed, closing the confirmation itself; on
   * `PARTICIPANTS_CHANGED`, shows the list as it is now instead and keeps it open. Resolves `false`:
   * the confirmation has nothing more to close.
   */
  async #recordConsent(ask: ConsentAsk, how: Exclude<ConsentHow, 'self'>): Promise<boolean> {
    const source = this.#source;
    const dialog = this._dialog;
    if (!source || !dialog) return false;
    const showing = () => dialog.open && this._confirm?.consent === ask;
    const request = new RosterConsentEvent({ how, participants: ask.people });
    if (!this.dispatchEvent(request)) {
      dialog.close();
      return false;
    }
    this._error = '';
    this._pending = new Set([...this._pending, CONSENT]);
    try {
      await source.recordConsent(
        how,
        ask.people.map((entry) => entry.id),
      );
      if (showing()) dialog.close(true);
    } catch (e) {
      const t = this.#localize.strings;
      const code = e instanceof CareApiError ? e.code : 'other';
      if (code === 'PARTICIPANTS_CHANGED' && showing()) {
        // The stream may not have brought the change yet: read the list, then ask about it again.
        await source.refresh().catch(() => undefined);
        await this.updateComplete;
        const consent = this.#view?.consent;
        if (!showing() || !consent) return false;
        this._confirm = { consent: this.#consentAsk(consent, ask) };
        await this.updateComplete;
        // Read first, before anything can be confirmed again: the message, then the list below it.
        this.renderRoot.querySelector<HTMLElement>('[part~="consent-changed"]')?.focus();
        return false;
      }
      if (showing()) dialog.close();
      this._error = code === 'PARTICIPANTS_CHANGED' ? t.consentChanged : `${t.failedConsent} ${this.#consentProblem(code)}`;
      this.#assertive = this._error;
    } finally {
      const pending = new Set(this._pending);
      pending.delete(CONSENT);
      this._pending = pending;
    }
    // Closed above, as confirmed or not: nothing left for the dialog to do.
    return false;
  }

  /** Records that the individual withdrew her consent, as the chair confirmed; a refusal shows as for recording it. */
  async #withdrawConsent(ask: WithdrawalAsk): Promise<boolean> {
    const source = this.#source;
    const dialog = this._dialog;
    if (!source || !dialog) return false;
    const showing = () => dialog.open && this._confirm?.withdrawal === ask;
    if (!this.dispatchEvent(new RosterConsentWithdrawEvent({ individual: ask.individual }))) {
      dialog.close();
      return false;
    }
    this._error = '';
    this._pending = new Set([...this._pending, CONSENT]);
    try {
      await source.withdrawConsent();
      if (showing()) dialog.close(true);
    } catch (e) {
      const t = this.#localize.strings;
      const code = e instanceof CareApiError ? e.code : 'other';
      if (showing()) dialog.close();
      // CONFLICT: none in force to withdraw (she withdrew it herself meanwhile); trying again would not help.
      this._error = `${t.failedWithdrawal} ${code === 'CONFLICT' ? t.withdrawalNotInForce : this.#consentProblem(code)}`;
      this.#assertive = this._error;
    } finally {
      const pending = new Set(this._pending);
      pending.delete(CONSENT);
      this._pending = pending;
    }
    // Closed above, as confirmed or not: nothing left for the dialog to do.
    return false;
  }

  /** Why the server refused a change to consent, in words. */
  #consentProblem(code: string): string {
    const t = this.#localize.strings;
    // NOT_FOUND says "they are no longer connected", which is about a person, not about consent.
    return t.actionProblem[code === 'NOT_FOUND' || !(code in t.actionProblem) ? 'other' : (code as ActionProblem)];
  }

  /** Runs an admit or remove for the person `id` (a registration, or a stranger's identity), named `name` in any error. */
  async #act(id: string, name: string, action: Action, call: (source: RosterSource) => Promise<void>): Promise<void> {
    const source = this.#source;
    if (!source) return;
    this._error = '';
    this._pending = new Set([...this._pending, id]);
    try {
      await call(source);
    } catch (e) {
      const t = this.#localize.strings;
      const failed = action === 'remove' ? t.failedRemove : action === 'turn-away' ? t.failedTurnAway : t.failedAdmit;
      const code = (e instanceof CareApiError ? e.code : 'other') as ActionProblem;
      this._error = `${failed(name)} ${t.actionProblem[code in t.actionProblem ? code : 'other']}`;
      this.#assertive = this._error;
    } finally {
      const pending = new Set(this._pending);
      pending.delete(id);
      this._pending = pending;
    }
  }

  // ---- where the roster comes from -------------------------------------------------------------

  /** The page's meeting session when there is one, else a feed of our own from the attributes. */
  #useSource(): void {
    // Nothing while out of the page: no stream open, no subscription held.
    const context = this.isConnected ? this._meetingSession : undefined;
    const standalone = this.isConnected && this.meeting && this.session ? `${this.#apiBase}\n${this.meeting}\n${this.session}` : null;
    const key = context ?? standalone;
    if (key === this.#sourceKey && (key === null || this.#source)) return;
    this.#dropSource();
    this.#sourceKey = key;
    if (context) {
      this.#source = sessionRosterSource(context);
    } else if (key !== null) {
      const feed = new RosterFeed({ apiBase: this.#apiBase, meetingId: this.meeting!, session: this.session! });
      feed.start();
      this.#feed = feed;
      this.#source = feed;
    }
    this.#unsubscribe = this.#source?.subscribe(() => this.requestUpdate());
  }

  get #apiBase(): string {
    return this.apiBase || '/api';
  }

  #dropSource(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#feed?.close();
    this.#feed = null;
    this.#source = null;
    this.#sourceKey = null;
    // Another meeting (or the same one again) starts a new baseline: nothing to announce about it.
    this.#view = null;
    this.#refreshedAt = -Infinity;
  }

  // ---- time, announcements, focus --------------------------------------------------------------

  /** Wakes up in time for the next flag that depends on the clock, and at least every 15 s. */
  #schedule(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const view = this.#view;
    if (!this.isConnected || !view || view.ended) return;
    const due = view.nextChangeAt;
    // A little after the moment, so the clock has certainly passed it when we look.
    const delay = due === null ? TICK_MS : Math.min(TICK_MS, Math.max(0, due - this.clock().getTime()) + 50);
    this.#timer = setTimeout(() => this.requestUpdate(), delay);
  }

  /** The clock flagged a no-show before the server did; the server adds the phone number only once it agrees. */
  #askForPhones(): void {
    const view = this.#view;
    if (!view || !this.#source || !flaggedAheadOfServer(view).length) return;
    if (performance.now() - this.#refreshedAt < REFRESH_MS) return;
    this.#refreshedAt = performance.now();
    // A failed read costs nothing: the flag shows, the stream goes on, and we ask again later.
    this.#source.refresh().catch(() => undefined);
  }

  #announce(before: RosterView | null, after: RosterView | null): void {
    // Only changes are news; the first roster is what the chair opens the panel to read.
    if (!before || !after) return;
    const t = this.#localize.strings;
    const polite: string[] = [];
    const { connected, registered } = after.counts;
    if (connected !== before.counts.connected || registered !== before.counts.registered) polite.push(t.count(connected, registered));
    const waiting = new Set(before.lobby.map((p) => p.entry.id));
    for (const p of after.lobby) if (!waiting.has(p.entry.id)) polite.push(t.announceWaiting(p.entry.name));
    const late = new Set(before.notConnected.filter((p) => p.noShow).map((p) => p.entry.id));
    for (const p of after.notConnected) if (p.noShow && !late.has(p.entry.id)) polite.push(t.announceNoShow(p.entry.name));
    const assertive: string[] = [];
    const was = before.consent;
    const now = after.consent;
    if (now.state !== was.state || now.at !== was.at) {
      const time = now.at ? this.#time(now.at) : '';
      if (now.state === 'withdrawn') assertive.push(t.consentWithdrawn(time));
      else if (now.state === 'given') polite.push(`${t.consentGiven(time)}.`);
      else if (now.state === 'missing') polite.push(t.consentMissing);
    }
    const covered = new Set(was.notCovered.map((entry) => entry.id));
    const uncovered = now.notCovered.filter((entry) => !covered.has(entry.id));
    if (uncovered.length) polite.push(`${t.consentNotCovered} ${uncovered.map((entry) => entry.name).join(', ')}.`);
    if (polite.length) this.#polite = polite.join(' ');
    const known = new Set(before.strangers.map((s) => s.identity));
    const strangers = after.strangers.filter((s) => !known.has(s.identity));
    assertive.unshift(...strangers.map((s) => t.announceStranger(s.name || s.identity)));
    if (assertive.length) this.#assertive = assertive.join(' ');
  }

  /**
   * A roster change can take away the button that had focus (the person was let in, removed,
   * left): put focus on that person's next button, or the heading, never on the page's <body>.
   */
  #keepFocus(): void {
    const { had, person, consent, lobby } = this.#focus;
    if (!had || this._dialog?.open) return;
    const list = lobby ? this.renderRoot.querySelector<CareLobbyList>('care-lobby-list') : null;
    if (list) {
      // The lobby list keeps focus in itself when a guest leaves it (the next guest, its heading);
      // someone let in is followed to their row in another group, once the list has drawn.
      void list.updateComplete.then(() => {
        if (person)
          this.renderRoot
            .querySelector<HTMLElement>(`[data-person="${CSS.escape(person)}"]`)
            ?.querySelector<HTMLElement>('button, a')
            ?.focus();
      });
      return;
    }
    if (this.shadowRoot?.activeElement) return;
    // The consent line itself when its button went (consent recorded or withdrawn), to be read
    // rather than another of its buttons pressed by mistake; a person's next button.
    const target = consent
      ? this.renderRoot.querySelector<HTMLElement>('[part~="consent"]')
      : person
        ? this.renderRoot.querySelector<HTMLElement>(`[data-person="${CSS.escape(person)}"]`)?.querySelector<HTMLElement>('button, a')
        : null;
    (target ?? this.renderRoot.querySelector<HTMLElement>('#title'))?.focus();
  }

  #setStates(): void {
    const view = this.#view;
    const states = this.#internals.states;
    const set = (name: string, on: boolean) => (on ? states.add(name) : states.delete(name));
    set('live', Boolean(view && this.#state?.live));
    set('waiting', Boolean(view?.counts.lobby));
    set('no-show', Boolean(view?.counts.noShow));
    set('strangers', Boolean(view?.counts.strangers));
    set('ended', Boolean(view?.ended));
  }

  #time(iso: string): string {
    const date = new Date(iso);
    return Number.isNaN(date.getTime())
      ? ''
      : new Intl.DateTimeFormat(this.#localize.lang, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date);
  }
}
