import { ContextProvider } from '@lit/context';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';

import { meetingContext } from '../../context/meeting-context.js';
import { CareApiClient } from '../../core/api-client.js';
import type { EvaluationQuestion, MeetingView, SessionGrant } from '@care-meet/protocol/wire';
import type { MediaRoomFactory } from '../../core/media-room.js';
import { MeetingSession, type MeetingPhase, type MeetingSessionState } from '../../core/meeting-session.js';
import {
  MeetingEndedEvent,
  MeetingErrorEvent,
  MeetingJoinedEvent,
  MeetingLeftEvent,
  MeetingRemovedEvent,
  MeetingWaitingEvent,
} from '../../events/meeting-events.js';
import { LocalizeController, updateWithStrings } from '../../i18n/localize.js';
import { meetingStrings, refusalText } from '../../i18n/strings/meeting.js';
import { styles } from './meeting.styles.js';
import type { MeetingRoomView } from './room-view.js';

/** A session the host page already holds (it vouched for the person with `POST /api/sessions`). */
export interface HostSession extends SessionGrant {
  meetingId: string;
}

/** What `<care-verify-identity>` fires when the person has proven who they are. */
interface VerifiedDetail extends SessionGrant {
  meetingId: string | null;
}

export type MeetingPhaseKind = MeetingPhase['kind'];

/** The phases the room's code (and `livekit-client`) is needed for. */
const ROOM_PHASES: ReadonlySet<MeetingPhaseKind> = new Set(['joining', 'lobby', 'room', 'ended']);

const fragmentParams = (): URLSearchParams => new URLSearchParams(location.hash.slice(1));

/**
 * The care meeting, from invitation to evaluation: it proves who the person is
 * (`<care-verify-identity>`), checks their camera, microphone and sound (`<care-device-check>`),
 * joins, lets a guest wait in the lobby until the meeting leader lets them in, and holds the room:
 * a video grid with each person's name and role, microphone, camera, devices, leave, a standing
 * "must not be recorded" notice, the dial-in numbers, chat and screen share when the meeting allows
 * them, and for the meeting leader the participant list, the lobby, the meeting-structure guide and
 * "end the meeting for everyone". The individual is asked in the room, above the video, for her
 * consent to the meeting and to who takes part while it is missing, withdrawn or does not cover
 * everyone on the list (seed 004); it never keeps anyone out. When the meeting ends everyone sees
 * it, is disconnected, and is offered the evaluation.
 *
 * It provides the meeting session (`meetingContext`) to everything inside it, so a `<care-roster>`
 * placed in it shows the same meeting. `livekit-client` and the room's own code are loaded only
 * when the person joins.
 *
 * The consent card, the chat, the evaluation form and the meeting leader's tools are elements of
 * their own inside the room (`elements/meeting/parts/`, registered when the room's code loads; the
 * tools only for the meeting leader); their parts below (and their `button`, `primary-button`,
 * `danger-button` and `send-button`) are forwarded with `exportparts`, so a host page's
 * `care-meeting::part(consent)` styles them as the meeting's own.
 *
 * @tag care-meeting
 * @summary A secure video care meeting: identity, device check, lobby, room, end and evaluation.
 *
 * @attr {string} invite - The invitation secret. Keep it out of URLs that reach a server: prefer `invite-from-hash`.
 * @attr {boolean} invite-from-hash - Read the invitation from the page's `#invite=…` fragment (which browsers never send to servers).
 * @attr {string} api-base - Where the server SDK's routes are mounted. Default `/api`.
 * @attr {boolean} skip-device-check - Go straight from identity to joining (the host ran its own check).
 * @attr {boolean} no-media-server - The host runs no media server (a sandbox, a demo): the element connects no media, says there is no sound or video where the connection state would be, says chat needs a media server, and checks no connection in the device check. Everything else (identity, lobby, admission, roster, end, evaluation) works as usual.
 * @attr {string} lang - `sv`, `da`, `nb`, `fi` or `en` (`no` and `nn` get `nb`); without it, the closest `lang` above the element; other languages get English.
 * @attr {string} e2ee-unsupported - What happens when the meeting is encrypted end to end and this browser cannot do it (no insertable streams, no `RTCRtpScriptTransform`). Only `refuse` (the default): phase `error` with code `E2EE_UNSUPPORTED`, said before the device check when the meeting is known to be encrypted, and never a connection without encryption.
 * @attr {string} phase - Read-only, reflected: `idle`, `loading-invite` (also while a host-held session's meeting is looked up), `verify`, `device-check`, `joining`, `lobby`, `room`, `left`, `removed`, `turned-away` (a guest the meeting leader did not let in from the lobby), `ended` or `error`; for host CSS.
 *
 * @fires {MeetingWaitingEvent} care-waiting - A guest is in the lobby. `detail`: `{meetingId, participantId}`.
 * @fires {MeetingJoinedEvent} care-joined - The person is in the room. `detail`: `{meetingId, participantId, role, name}`.
 * @fires {MeetingLeaveRequestEvent} care-leave-request - The person pressed Leave. Cancelable: `preventDefault()` keeps them in (call `leave()` later).
 * @fires {MeetingLeftEvent} care-left - The person left. `detail`: `{meetingId, participantId}`.
 * @fires {MeetingEndRequestEvent} care-end-request - The meeting leader confirmed ending the meeting for everyone. Cancelable: `preventDefault()` sends nothing.
 * @fires {MeetingEndedEvent} care-ended - The meeting has ended for everyone. `detail`: `{meetingId}`.
 * @fires {MeetingRemovedEvent} care-removed - The meeting leader removed this person, or turned them away from the lobby (phase `turned-away`). `detail`: `{meetingId, participantId}`.
 * @fires {MeetingErrorEvent} care-error - Something stopped the meeting for this person. `detail`: `{code, message, retryable}`. `STRINGS_UNAVAILABLE` (with `lang`): its words could not be loaded, for each failed try; it shows only "Could not load" with Try again. `NETWORK`, retryable, also when the code of the next step (identity, device check, the room) could not be fetched; it says so with Try again.
 * @fires {MeetingConnectionEvent} care-connection - The media connection changed. `detail`: `{connection, attempt}`.
 * @fires {MeetingEvaluationEvent} care-evaluation-submitted - The evaluation was stored. `detail`: `{meetingId, answers}`.
 *
 * @cssstate idle - Also `loading-invite`, `verify`, `device-check`, `joining`, `lobby`, `room`, `left`, `removed`, `turned-away`, `ended`, `error`: the phase, as `care-meeting:state(room)`.
 * @cssstate reconnecting - The media connection is being restored.
 *
 * @slot support - The host's support information (who to call for what); shown with every problem, and in the device check when a check fails.
 *
 * @csspart base - The box around everything.
 * @csspart panel - The box of a state before or after the room (loading, left, removed, turned away, ended, error).
 * @csspart lobby - The lobby: waiting to be let in.
 * @csspart preview - One's own camera picture in the lobby.
 * @csspart room - The room.
 * @csspart notice - The standing "this meeting must not be recorded" notice (and the "encrypted end to end" mark).
 * @csspart encrypted - The calm "encrypted end to end" mark in the room's header, when the meeting is; `data-key-index` is the index of the key in use.
 * @csspart dial-in - The phone numbers to join by.
 * @csspart consent - The individual's consent card between the header and the video grid (only for her, while her consent is missing, withdrawn or does not cover everyone): a region with a heading, everyone on the list with their role (people it does not cover yet marked new), I agree and Not now. Also `consent-recorded` for the thank-you that replaces it.
 * @csspart consent-changed - In the consent card: the list changed before she agreed, so it is shown again.
 * @csspart consent-agree-button - "I agree" in the consent card.
 * @csspart consent-later-button - "Not now": hides the consent card for this visit to the room.
 * @csspart consent-close-button - Closes the thank-you after her consent is recorded.
 * @csspart connection - The reconnecting message.
 * @csspart grid - The video grid.
 * @csspart tile - One person's tile; also `tile-local`, `tile-speaking`, `tile-muted`, `tile-camera-off`, `tile-screen` by state.
 * @csspart video - A tile's video.
 * @csspart avatar - A tile's initials when the camera is off.
 * @csspart name - A tile's name and role.
 * @csspart role - The role on a tile.
 * @csspart controls - The bar of meeting buttons.
 * @csspart control - A button in the bar; also `control-microphone`, `control-camera`, `control-screen`, `control-devices`, `control-chat`, `control-tools`, `control-leave`.
 * @csspart guidance - What to do when one's camera or microphone cannot be started.
 * @csspart side - The side panels' column.
 * @csspart devices - The device choosers.
 * @csspart chooser - A label with its device select.
 * @csspart device-select - A device `<select>`.
 * @csspart chat - The chat panel.
 * @csspart chat-warning - The chat's standing warning.
 * @csspart chat-log - The chat messages.
 * @csspart chat-error - Why a message was not sent.
 * @csspart tools - The meeting leader's panel.
 * @csspart lobby-guest - A guest waiting in the lobby, in the meeting leader's panel (forwarded from `<care-roster>`'s `<care-lobby-list>`).
 * @csspart guide - The meeting-structure checklist.
 * @csspart end-button - "End the meeting for everyone".
 * @csspart dialog - The confirmation dialog (remove, turn away, end the meeting): the one `<care-roster>` uses too.
 * @csspart evaluation - The evaluation form.
 * @csspart remove-button - "Remove" on another person's tile (the meeting leader's).
 * @csspart admit-button - "Let in" beside a lobby guest (forwarded, as `lobby-guest`).
 * @csspart turn-away-button - "Turn away" beside a lobby guest (forwarded, as `lobby-guest`).
 * @csspart send-button - The chat's Send.
 * @csspart button - Every button; also `primary-button`, `danger-button`, and in the confirmation `cancel-button` and `confirm-button`.
 *
 * @cssproperty [--care-font-family=system-ui, sans-serif] - Font.
 * @cssproperty [--care-color-text=#1b1f24] - Text.
 * @cssproperty [--care-color-text-muted=#49525c] - Secondary text.
 * @cssproperty [--care-color-surface=#ffffff] - Background.
 * @cssproperty [--care-color-surface-raised=#f3f5f7] - Panels.
 * @cssproperty [--care-color-border=#d5dae0] - Decorative borders.
 * @cssproperty [--care-color-control-border=#68717b] - Borders of buttons and fields (3:1 against the background).
 * @cssproperty [--care-color-primary=#0b5cab] - Main buttons, switched-on controls, the consent card's edge and its "new" marks.
 * @cssproperty [--care-color-on-primary=#ffffff] - Text on the primary colour.
 * @cssproperty [--care-color-pass=#146c34] - "Thank you" after the evaluation and after consent is recorded.
 * @cssproperty [--care-color-danger=#b0241b] - Leave, end the meeting, remove, refusals.
 * @cssproperty [--care-color-on-danger=#ffffff] - Text on the danger colour.
 * @cssproperty [--care-color-focus=#0b5cab] - Keyboard focus ring.
 * @cssproperty [--care-color-tile=#1f2933] - Behind a video tile.
 * @cssproperty [--care-color-speaking=#2f9e57] - The ring around whoever is speaking.
 * @cssproperty [--care-radius=0.5rem] - Corner radius.
 * @cssproperty [--care-space=1rem] - Spacing unit.
 */
export class CareMeeting extends LitElement {
  static override styles = styles;

  // Declared without decorators, as <care-device-check> does: the same API in fewer bytes.
  static override properties = {
    invite: {},
    inviteFromHash: { type: Boolean, attribute: 'invite-from-hash' },
    apiBase: { attribute: 'api-base' },
    skipDeviceCheck: { type: Boolean, attribute: 'skip-device-check' },
    noMediaServer: { type: Boolean, attribute: 'no-media-server' },
    e2eeUnsupported: { attribute: 'e2ee-unsupported' },
    session: { attribute: false },
    evaluationQuestions: { attribute: false },
    mediaRoomFactory: { attribute: false },
    phase: { reflect: true },
    _announcement: { state: true, attribute: false },
  };

  /** The invitation secret. */
  invite?: string;

  /** Read the invitation from `#invite=…` in the page's address. */
  inviteFromHash = false;

  /** Where the server SDK's routes are mounted. */
  apiBase = '/api';

  /** Skip the device check (the host ran its own). */
  skipDeviceCheck = false;

  /**
   * The host runs no media server for this meeting (a sandbox): nothing connects to one, and the
   * element says so instead of "could not connect", which would send people to another network.
   */
  noMediaServer = false;

  /**
   * The host's policy for a browser that cannot encrypt an encrypted meeting: `refuse` (the only
   * one so far; joining without encryption would need the meeting leader's leave, issue #19).
   */
  e2eeUnsupported = 'refuse' as const;

  /**
   * A session the host page holds for this person, with its meeting: identity is not asked
   * again. Set it before the element is connected (or while it waits for an invitation).
   */
  session?: HostSession;

  /** The host's evaluation questions, offered when the meeting has ended. None: no form. */
  evaluationQuestions: EvaluationQuestion[] = [];

  /**
   * Where media rooms come from. Default: LiveKit, loaded on join. Tests and hosts with special
   * needs give their own (see `MediaRoomFactory`).
   */
  mediaRoomFactory?: MediaRoomFactory;

  /** Where the person is (read-only; reflected as the `phase` attribute for host CSS). */
  phase: MeetingPhaseKind = 'idle';

  private _announcement = '';

  readonly #localize = new LocalizeController(this, meetingStrings);

  /** Draws once this element's words are loaded in its language (each language is a chunk of its own). The room view, once loaded, adds its own. */
  protected override scheduleUpdate(): void | Promise<unknown> {
    if (this.#connectBeforeDrawing) {
      // The room's connection was started in #onState; drawing the room takes the main thread for
      // a while (about 100 ms on a busy 2-core machine), and waiting one task lets the connection
      // get as far as the browser's own work (the peer connection's offer, the signalling socket),
      // which then goes on while the room is drawn. bench/media.bench.mjs measured the draw coming
      // first as most of care-meet's extra time before the socket.
      this.#connectBeforeDrawing = false;
      return new Promise<void>((resolve) => setTimeout(resolve, 0)).then(() => updateWithStrings(this, () => super.scheduleUpdate()));
    }
    return updateWithStrings(this, () => super.scheduleUpdate());
  }

  #connectBeforeDrawing = false;
  readonly #internals: ElementInternals = this.attachInternals();
  #stateName = '';
  readonly #provider = new ContextProvider(this, { context: meetingContext });
  #meeting: MeetingSession | undefined;
  #unsubscribe: (() => void) | undefined;
  #previous: MeetingSessionState | undefined;
  #resuming = false;
  #missingInvite = false;
  #view: MeetingRoomView | undefined;
  #viewLoading: Promise<void> | undefined;
  #focusPending = false;
  /** Waiting in the lobby, until in the room (then "let in" is said) or out of the meeting. */
  #waitedInLobby = false;

  /** The meeting session this element provides to its subtree (created when first connected). */
  get meetingSession(): MeetingSession {
    if (!this.#meeting) {
      this.#meeting = new MeetingSession({
        api: new CareApiClient({ apiBase: this.apiBase }),
        skipDeviceCheck: this.skipDeviceCheck,
      });
      this.#provider.setValue(this.#meeting);
    }
    return this.#meeting;
  }

  constructor() {
    super();
    this.addEventListener('care-connection', (event) => this.#toggleState('reconnecting', event.detail.connection === 'reconnecting'));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const meeting = this.meetingSession;
    this.#unsubscribe ??= meeting.subscribe((state) => this.#onState(state));
    // Put back into the page while in the meeting: join again for fresh tokens and the event stream.
    const kind = meeting.value.phase.kind;
    if (this.hasUpdated && (kind === 'room' || kind === 'lobby')) void meeting.join();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    // Taken off the page: the person is no longer in the meeting here (media goes with the view).
    this.#meeting?.dispose();
  }

  /** Leaves the meeting (as the Leave button does, without asking `care-leave-request`). */
  leave(): void {
    this.#focusPending = true;
    this.meetingSession.leave();
  }

  /**
   * Announces `text` to screen readers through the element's one polite live region. The room
   * uses it for people joining and leaving and for chat.
   */
  announce(text: string): void {
    // Cleared first, so the same words twice in a row are read again; what is said in one task is said together.
    if (!this.#pendingAnnouncements.length) {
      this._announcement = '';
      void this.updateComplete.then(() => {
        this._announcement = this.#pendingAnnouncements.join(' ');
        this.#pendingAnnouncements = [];
      });
    }
    this.#pendingAnnouncements.push(text);
  }

  #pendingAnnouncements: string[] = [];

  protected override willUpdate(changed: PropertyValues<this>): void {
    const meeting = this.meetingSession;
    if (!this.hasUpdated) this.#start(meeting);
    else if (changed.has('session') && this.session && ['idle', 'verify', 'error'].includes(meeting.value.phase.kind) && !meeting.value.session) {
      this.#resuming = false;
      this.#missingInvite = false;
      meeting.useSession(this.session, this.session.meetingId);
    } else if (changed.has('invite') && this.invite && meeting.value.phase.kind === 'idle') {
      this.#missingInvite = false;
      void meeting.openInvite(this.invite);
    }
    this.phase = meeting.value.phase.kind;
    if (this.#stateName !== this.phase) {
      this.#toggleState(this.#stateName, false);
      this.#toggleState(this.phase, true);
      this.#stateName = this.phase;
      if (this.phase !== 'room') this.#toggleState('reconnecting', false);
    }
    // After a failed fetch, nothing is fetched again until the person presses Try again: offline, a
    // fetch fails at once, and trying on every update would go round and round.
    if (!this.#loadFailed) {
      if (ROOM_PHASES.has(this.phase)) this.#loadView();
      // Fetch the next step's code while the person is busy with this one.
      // (A host-held session is looked up in `loading-invite` too: it never needs the identity step.)
      if (this.phase === 'loading-invite' && !meeting.value.session) this.#loadStep('verify');
      if ((this.phase === 'verify' || this.session) && !this.skipDeviceCheck) this.#loadStep('device-check');
      if (this.phase === 'device-check' && !this.noMediaServer) this.#prefetchRoom();
    }
    this.#view?.sync(meeting.value);
  }

  protected override updated(): void {
    if (!this.#focusPending) return;
    const check =
      this.phase === 'device-check' ? this.renderRoot.querySelector<HTMLElement & { updateComplete?: Promise<unknown> }>('care-device-check') : null;
    if (check) {
      // Its heading is in its own shadow root, and its code may still be on the way: focus it once it has drawn.
      this.#focusPending = false;
      void customElements
        .whenDefined(check.localName)
        .then(() => check.updateComplete)
        .then(() => {
          if (check.isConnected && this.phase === 'device-check') check.focus();
        });
      return;
    }
    const heading = this.renderRoot.querySelector<HTMLElement>('[data-focus]');
    if (heading) {
      this.#focusPending = false;
      heading.focus();
    }
  }

  protected override render(): TemplateResult {
    const state = this.meetingSession.value;
    return html`
      <div part="base" class="base" lang=${this.#localize.lang}>
        ${this.#renderPhase(state)}
        <div class="visually-hidden" role="status">${this._announcement}</div>
      </div>
    `;
  }

  #start(meeting: MeetingSession): void {
    if (this.session) {
      meeting.useSession(this.session, this.session.meetingId);
      return;
    }
    const params = fragmentParams();
    const token = this.invite || (this.inviteFromHash ? params.get('invite') : null);
    if (token) void meeting.openInvite(token);
    // Back from the identity provider's login page: <care-verify-identity> reads the result.
    else if (params.has('care-session') || params.has('care-error')) this.#resuming = true;
    else this.#missingInvite = true;
  }

  #onState(state: MeetingSessionState): void {
    const before = this.#previous;
    this.#previous = state;
    const kind = state.phase.kind;
    if (before?.phase.kind !== kind && (kind === 'room' || kind === 'lobby') && this.#view && this.isConnected) {
      // Into the room or the lobby: connect now, before the update that draws it (see scheduleUpdate).
      this.#view.sync(state);
      this.#connectBeforeDrawing = true;
    }
    this.requestUpdate();
    if (before?.phase.kind === kind) return;
    // Focus follows the person into the next step when they were using the element.
    if (this.matches(':focus-within')) this.#focusPending = true;
    const meetingId = state.meetingId ?? '';
    const participantId = state.participantId ?? '';
    const phase = state.phase;
    // Let in goes lobby, joining (a fresh join answer), room.
    if (kind === 'lobby') this.#waitedInLobby = true;
    else if (kind !== 'joining' && kind !== 'room') this.#waitedInLobby = false;
    switch (phase.kind) {
      case 'lobby':
        this.#fire(new MeetingWaitingEvent({ meetingId, participantId }));
        break;
      case 'room':
        if (this.#waitedInLobby) this.announce(this.#localize.strings.letIn);
        this.#waitedInLobby = false;
        this.#fire(new MeetingJoinedEvent({ meetingId, participantId, role: phase.answer.role, name: phase.answer.name }));
        break;
      case 'left':
        this.#fire(new MeetingLeftEvent({ meetingId, participantId }));
        break;
      case 'ended':
        this.announce(this.#localize.strings.endedTitle);
        this.#fire(new MeetingEndedEvent({ meetingId }));
        break;
      case 'removed':
      case 'turned-away':
        this.announce(kind === 'removed' ? this.#localize.strings.removedTitle : this.#localize.strings.turnedAwayTitle);
        this.#fire(new MeetingRemovedEvent({ meetingId, participantId }));
        break;
      case 'error':
        this.#fire(new MeetingErrorEvent({ code: phase.code, message: phase.message, retryable: phase.retryable }));
        break;
    }
  }

  /** Events go out through here: their names and details are in the class JSDoc (`@fires`). */
  #fire(event: Event): void {
    this.dispatchEvent(event);
  }

  /** A custom state for host CSS (`care-meeting:state(room)`); browsers without them just lack the styling hook. */
  #toggleState(name: string, on: boolean): void {
    if (!name) return;
    try {
      if (on) this.#internals.states.add(name);
      else this.#internals.states.delete(name);
    } catch {
      // Chromium before 125 accepted only `--dashed` names: no state there, the `phase` attribute still works.
    }
  }

  #loadView(): void {
    this.#viewLoading ??= import('./room-view.js').then(
      ({ MeetingRoomView, roomStyles }) => {
        const root = this.renderRoot as ShadowRoot;
        if (roomStyles.styleSheet) root.adoptedStyleSheets = [...root.adoptedStyleSheets, roomStyles.styleSheet];
        this.#view = new MeetingRoomView(this);
        this.requestUpdate();
      },
      () => {
        this.#viewLoading = undefined;
        this.#codeFailed();
      },
    );
  }

  /** Code for the next step could not be fetched (offline, a deploy in between): say so, offer to retry, tell the host. */
  #codeFailed(): void {
    this.#loadFailed = true;
    this.requestUpdate();
    this.#fire(new MeetingErrorEvent({ code: 'NETWORK', message: 'code not loaded', retryable: true }));
  }

  #loadFailed = false;

  #renderPhase(state: MeetingSessionState): unknown {
    const t = this.#localize.strings;
    const phase = state.phase;
    if (this.#loadFailed && phase.kind !== 'ended') {
      return this.#problem(t.errorTitle, t.error.NETWORK ?? t.errorOther, () => {
        this.#loadFailed = false;
        this.requestUpdate();
      });
    }
    switch (phase.kind) {
      case 'idle':
        if (this.#resuming) return this.#renderVerify();
        if (this.#missingInvite) return this.#problem(t.errorTitle, t.noInvite);
        return this.#busy(t.loading);
      case 'loading-invite':
        return this.#busy(t.loading);
      case 'verify':
        return this.#renderVerify();
      case 'device-check':
        this.#loadStep('device-check');
        // Without a media server there is no connection to check: given the API, the check would
        // report the media server unreachable and blame the network.
        return html`<care-device-check api-base=${this.noMediaServer ? nothing : this.apiBase} @care-device-check-complete=${this.#onDeviceCheckDone}>
          <slot name="support" slot="support"></slot>
        </care-device-check>`;
      case 'joining':
        return this.#busy(t.joining);
      case 'lobby':
      case 'room':
        return this.#view ? this.#view.render(state) : this.#busy(t.joining);
      case 'left':
        return html`<section part="panel" class="panel" aria-labelledby="left-title">
          <h2 id="left-title" tabindex="-1" data-focus>${t.leftTitle}</h2>
          <p>${t.leftText}</p>
          <button part="button primary-button" class="primary" @click=${this.#joinAgain}>${t.joinAgain}</button>
        </section>`;
      case 'removed':
        return html`<section part="panel" class="panel problem" aria-labelledby="removed-title">
          <h2 id="removed-title" tabindex="-1" data-focus>${t.removedTitle}</h2>
          <p>${t.removedText}</p>
          <slot name="support"></slot>
        </section>`;
      case 'turned-away':
        return html`<section part="panel" class="panel" aria-labelledby="turned-away-title">
          <h2 id="turned-away-title" tabindex="-1" data-focus>${t.turnedAwayTitle}</h2>
          <p>${t.turnedAwayText}</p>
          <p>${t.turnedAwayWait}</p>
          <slot name="support"></slot>
        </section>`;
      case 'ended':
        return html`<section part="panel" class="panel" aria-labelledby="ended-title">
          <h2 id="ended-title" tabindex="-1" data-focus>${t.endedTitle}</h2>
          <p>${phase.bySelf ? t.endedBySelfText : endedByTime(state.meeting) ? t.endedByTimeText : t.endedText}</p>
          ${this.#view && this.#offersEvaluation(state) ? this.#view.renderEvaluation(state.evaluation === 'submitted') : nothing}
        </section>`;
      case 'error':
        return this.#problem(t.errorTitle, refusalText(t, phase.code, phase.message), phase.retryable ? this.#retry : undefined);
    }
  }

  /**
   * The evaluation is for those who took part, once: not without a session (an invitation opened
   * after the end: nothing could be sent), not for the meeting leader (its questions are about
   * taking part; she led it), not for someone who never took part. Already sent: it says so.
   */
  #offersEvaluation(state: MeetingSessionState): boolean {
    return !!state.session && state.role !== 'chair' && state.evaluation !== 'none';
  }

  /** The same invitation the session read, from the same place (so a failed login can put it back in the fragment). */
  #renderVerify(): TemplateResult {
    this.#loadStep('verify');
    return html`<care-verify-identity
      invite=${this.invite || nothing}
      ?invite-from-hash=${!this.invite && this.inviteFromHash}
      api-base=${this.apiBase}
      @care-verified=${this.#onVerified}
    >
      <slot name="support" slot="support"></slot>
    </care-verify-identity>`;
  }

  /**
   * Each step's element is loaded when the step comes (a person with a host-held session never
   * loads the identity step, and one who skips the device check never loads that), and the next
   * step's while the person is on this one. The tags upgrade when their modules arrive.
   */
  #loadStep(step: 'verify' | 'device-check'): void {
    const failed = (): void => {
      if (step === 'verify') this.#verifyLoading = undefined;
      else this.#deviceCheckLoading = undefined;
      // Only a step the person is on needs saying; a prefetch that failed is tried again when the step comes.
      if (this.phase === step || (step === 'verify' && this.#resuming)) this.#codeFailed();
    };
    if (step === 'verify') this.#verifyLoading ??= import('../../define/care-verify-identity.js').catch(failed);
    else this.#deviceCheckLoading ??= import('../../define/care-device-check.js').catch(failed);
  }

  /**
   * While the person checks camera and microphone, fetch the room's code, its words in this
   * language and livekit-client (the largest part, about 140 KiB gzip), and make the room view and
   * a livekit-client `Room`, so that pressing Finish waits for none of them: measured in
   * bench/media.bench.mjs, they were most of the time between Finish and the first picture. Nothing
   * connects before the join answer; a failure here is tried again, and said, when the room comes.
   */
  #prefetchRoom(): void {
    if (this.#roomPrefetched || this.mediaRoomFactory) return;
    this.#roomPrefetched = true;
    const lang = this.#localize.lang;
    void import('./room-view.js')
      .then((view) => view.prepareRoom(lang))
      .then(
        // The room view is made now, not when Join is pressed, so it is there to connect the room as soon as the answer comes.
        () => this.#loadView(),
        () => {
          this.#roomPrefetched = false;
        },
      );
  }

  #roomPrefetched = false;
  #verifyLoading: Promise<unknown> | undefined;
  #deviceCheckLoading: Promise<unknown> | undefined;

  #busy(text: string): TemplateResult {
    return html`<div part="panel" class="panel">
      <p class="status-line" role="status"><span class="spinner" aria-hidden="true"></span>${text}</p>
    </div>`;
  }

  #problem(title: string, text: string, retry?: () => void): TemplateResult {
    const t = this.#localize.strings;
    return html`<section part="panel" class="panel problem" aria-labelledby="problem-title">
      <h2 id="problem-title" tabindex="-1" data-focus>${title}</h2>
      <p>${text}</p>
      ${retry ? html`<button part="button primary-button" class="primary" @click=${retry}>${t.tryAgain}</button>` : nothing}
      <slot name="support"></slot>
    </section>`;
  }

  readonly #onVerified = (event: CustomEvent<VerifiedDetail>): void => {
    const { session, participantId, expiresAt } = event.detail;
    const state = this.meetingSession.value;
    const meetingId = event.detail.meetingId ?? state.meetingId;
    this.#resuming = false;
    if (!meetingId) {
      // Back from a redirect login in a tab that lost what it kept: start again from the invitation.
      this.#missingInvite = true;
      this.requestUpdate();
      return;
    }
    this.#focusPending = true;
    // Said here, in the live region that stays: the identity element that showed it goes away now.
    this.announce(this.#localize.strings.verified);
    this.meetingSession.useSession({ session, participantId, expiresAt }, meetingId);
  };

  readonly #onDeviceCheckDone = (): void => {
    this.#focusPending = true;
    void this.meetingSession.deviceCheckDone();
  };

  readonly #joinAgain = (): void => {
    this.#focusPending = true;
    void this.meetingSession.join();
  };

  readonly #retry = (): void => {
    const meeting = this.meetingSession;
    this.#focusPending = true;
    if (meeting.value.session) void meeting.join();
    else if (this.invite || this.inviteFromHash) this.#start(meeting);
  };
}

/** Ended without anyone ending it: the server says ended, with no `endedAt` (its time ran out). */
function endedByTime(meeting: MeetingView | null): boolean {
  return meeting !== null && meeting.state === 'ended' && !meeting.endedAt;
}
