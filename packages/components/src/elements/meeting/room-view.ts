import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';

import type { EvaluationQuestion, JoinAnswer, MeetingView } from '@care-meet/protocol/wire';
import { detectBrowser, detectSinkSupport } from '../../core/browser-support.js';
import { DevicePreferences } from '../../core/device-preferences.js';
import { listDevices, NO_DEVICES, type DeviceKind, type DeviceLists } from '../../core/media-devices.js';
import {
  defaultMediaRoomFactory,
  prepareDefaultMediaRoom,
  prepareEncryptedMediaRoom,
  stopHandedTracks,
  type MediaRoom,
  type MediaRoomFactory,
  type MediaRoomPurpose,
  type HandedTracks,
} from '../../core/media-room.js';
import type { MeetingSession, MeetingSessionState } from '../../core/meeting-session.js';
import type { RoomState } from '../../core/room-state.js';
import { ConsentFlow } from '../../core/consent-flow.js';
import type { Unsubscribe } from '../../core/observable.js';
import { MeetingConnectionEvent, MeetingEndRequestEvent, MeetingLeaveRequestEvent } from '../../events/meeting-events.js';
import { PartAnnounceEvent } from '../../events/room-part-events.js';
import { defineDependencies } from '../dependencies.js';
import { LocalizeController, loadStrings, type Lang } from '../../i18n/localize.js';
import { meetingRoomStrings, type MeetingRoomStrings } from '../../i18n/strings/meeting-room.js';
import { mediaGuidance, mediaGuidanceStrings, type MediaGuidanceStrings } from '../../i18n/strings/media-guidance.js';
import { renderControls, renderDevices, type Panel } from './controls.js';
import { lobbyGuests } from './lobby-guests.js';
import type { ChairRoom } from './chair-room.js';
import { CareChatPanel, CHAT_PANEL_PARTS } from './parts/chat-panel/chat-panel.js';
import { CareConsentCard, CONSENT_CARD_PARTS } from './parts/consent-card/consent-card.js';
import { CareEvaluationForm, EVALUATION_FORM_PARTS } from './parts/evaluation-form/evaluation-form.js';
import { roomStyles } from './room.styles.js';
import { streamOf } from '../person-picture.js';
import { renderScreenTile, renderTile } from './video-tile.js';

export { roomStyles };

/** A padlock, drawn like the controls' icons (icons.ts): decorative, the words beside it say it. */
const LOCK = html`<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M6 11h12v9H6zM8 11V8a4 4 0 0 1 8 0v3" /></svg>`;

/**
 * Gets the room ready ahead of time (`<care-meeting>` does it during the device check): its words
 * in `lang`, and the livekit-client `Room` the default media room factory will use. Then neither
 * comes between the join answer and the connection (bench/media.bench.mjs measures that time).
 */
export function prepareRoom(lang: Lang): Promise<unknown> {
  return Promise.all([loadStrings(meetingRoomStrings, lang), loadStrings(mediaGuidanceStrings, lang), prepareDefaultMediaRoom()]);
}

/** What the room's code needs from `<care-meeting>`. */
export interface MeetingViewHost extends ReactiveControllerHost, HTMLElement {
  readonly meetingSession: MeetingSession;
  readonly mediaRoomFactory?: MediaRoomFactory | undefined;
  readonly evaluationQuestions: readonly EvaluationQuestion[];
  /** The host runs no media server: hold no media rooms, and say so instead of a connection state. */
  readonly noMediaServer: boolean;
  announce(text: string): void;
}

type Admitted = Extract<JoinAnswer, { status: 'admitted' }>;
type Waiting = Extract<JoinAnswer, { status: 'lobby' }>;

/** One media room the view holds, and the token it was connected with. */
interface Held {
  room: MediaRoom;
  /** The join answer it belongs to: a new answer (joining again) means a new connection. */
  answer: JoinAnswer;
  stop: () => void;
}

/**
 * Whether the room can play the others' sound on a chosen speaker: the element's `setSinkId`, and
 * not on iOS, where Safari 26 has it but keeps WebRTC audio on the old output (see
 * `detectSinkSupport`).
 */
const canChooseSpeaker = (): boolean => typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype && detectSinkSupport() !== 'none';

/**
 * Everything of `<care-meeting>` from joining on: the lobby, the room, and the evaluation after
 * it. Loaded by the element only when the person joins (with the room's styles), so a page that
 * has not joined carries none of it. It holds the media rooms: the meeting's, a guest's lobby
 * room, and the meeting leader's view into the lobby; connects them as the session's phase says
 * and disconnects them when the phase moves on. When the host runs no media server
 * (`noMediaServer`) it holds none, and says so where the connection state would be.
 */
export class MeetingRoomView implements ReactiveController {
  /**
   * The room's parts that are elements, registered when the room's code loads (not by a define/
   * module: they are not public tags), so a page that never joins registers none of them.
   */
  static readonly dependencies = {
    'care-consent-card': CareConsentCard,
    'care-chat-panel': CareChatPanel,
    'care-evaluation-form': CareEvaluationForm,
  };

  readonly #host: MeetingViewHost;
  readonly #localize: LocalizeController<MeetingRoomStrings>;
  readonly #guidance: LocalizeController<MediaGuidanceStrings>;
  readonly #preferences = new DevicePreferences();
  /**
   * The meeting leader's tools (`<care-chair-tools>`, whose parts are forwarded) and Remove on the
   * tiles, loaded only for her (chair-room.ts: the individual and guests never download them).
   */
  #tools: ChairRoom | null = null;
  #toolsLoading: Promise<void> | null = null;
  /** The individual's consent in this visit to the room, drawn by `<care-consent-card>`. */
  readonly #consent: ConsentFlow;
  #stopConsent: Unsubscribe | null = null;
  #main: Held | null = null;
  /** A guest's own lobby room, or the meeting leader's view into the lobby. */
  #lobby: Held | null = null;
  #open = new Set<Panel>();
  #devices: DeviceLists = NO_DEVICES;
  #soundBlocked = false;
  #startedAudio = new WeakSet<HTMLMediaElement>();
  #known: Map<string, string> | null = null;
  /** Chat messages already seen (by id), and how many of the others' came while the chat was closed. */
  #chatSeen = new Set<string>();
  #unreadChat = 0;
  /** Who waits in the lobby, as last seen (the meeting leader's); null before the first look. */
  #waiting: Set<string> | null = null;
  /** The leader's tools were opened by themselves on coming into the room: once, so closing them sticks. */
  #toolsOpened = false;
  /** Who of the others shares their screen, as last said. */
  #sharing = new Set<string>();
  #lastConnection = '';
  #stopKeys: (() => void) | null = null;
  /** The index of the meeting key the room uses since the last rotation; null: the join answer's. */
  #keyIndex: number | null = null;

  constructor(host: MeetingViewHost) {
    this.#host = host;
    this.#localize = new LocalizeController(host, meetingRoomStrings);
    this.#guidance = new LocalizeController(host, mediaGuidanceStrings);
    const session = host.meetingSession;
    this.#consent = new ConsentFlow({
      api: session.api,
      grant: () => {
        const { session: grant, meetingId } = session.value;
        return grant && meetingId ? { meetingId, session: grant.session } : null;
      },
      onRequestChanged: (listener) =>
        session.onEvent((event) => {
          if (event.type === 'consent-request') listener();
        }),
    });
    defineDependencies(MeetingRoomView.dependencies);
    host.addController(this);
  }

  hostConnected(): void {
    // The room shows where the card is (`data-consent`).
    this.#stopConsent ??= this.#consent.subscribe(() => this.#host.requestUpdate());
    // `sync`, on the next update, connects what the phase needs. A rotated meeting key (someone
    // was removed) goes to the meeting's room, which encrypts and decrypts with it from then on.
    this.#stopKeys ??= this.#host.meetingSession.onKey((key) => {
      const room = this.#main?.room;
      if (!room?.setE2EEKey) return;
      room.setE2EEKey(key).then(
        () => {
          if (this.#main?.room !== room) return;
          this.#keyIndex = key.keyIndex;
          this.#host.requestUpdate();
        },
        () => undefined,
      );
    });
  }

  hostDisconnected(): void {
    this.#stopKeys?.();
    this.#stopKeys = null;
    this.#release('main');
    this.#release('lobby');
    this.#consent.stop();
    this.#stopConsent?.();
    this.#stopConsent = null;
  }

  hostUpdated(): void {
    this.#playAudio();
  }

  /** Connects and disconnects media rooms to match the session's phase. */
  sync(state: MeetingSessionState): void {
    if (!this.#host.isConnected) return;
    const phase = state.phase;
    if (phase.kind === 'room') {
      // Let in: the guest's camera and microphone go on capturing into the meeting's room, which
      // starts connecting while the lobby's room is left.
      const handed = this.#lobby?.room.purpose === 'lobby' ? this.#release('lobby', { handOver: true }) : undefined;
      this.#hold('main', 'room', phase.answer, handed);
      // The individual is asked for her consent, once per visit.
      if (phase.answer.role === 'individual') this.#consent.start(phase.answer.participantId);
      else this.#consent.stop();
      if (phase.answer.role === 'chair' && phase.answer.lobbyToken) {
        this.#hold('lobby', 'lobby-observer', phase.answer);
        // A failed load is tried again on the next update (the panel shows its title meanwhile). The
        // tools bring the roster and the confirmation they draw, and register them (defineDependencies).
        this.#toolsLoading ??= import('./chair-room.js')
          .then(({ chairRoom }) => chairRoom(this.#host))
          .then(
            (tools) => {
              this.#tools = tools;
              this.#host.requestUpdate();
            },
            () => {
              this.#toolsLoading = null;
            },
          );
        if (!this.#toolsOpened) {
          this.#toolsOpened = true;
          if (this.#open.size === 0) this.#open.add('tools');
        }
        this.#noteWaiting(state);
      }
    } else if (phase.kind === 'lobby') {
      this.#release('main');
      this.#hold('lobby', 'lobby', phase.answer);
      this.#consent.stop();
    } else {
      this.#release('main');
      // Asking the server (`joining`), as right after Let in: a guest's lobby room stays until the
      // answer, so that its camera and microphone go on capturing into the meeting's room.
      if (phase.kind !== 'joining') this.#release('lobby');
      this.#known = null;
      this.#sharing.clear();
      this.#waiting = null;
      this.#toolsOpened = false;
      this.#chatSeen.clear();
      this.#unreadChat = 0;
      this.#consent.stop();
    }
  }

  #hold(slot: 'main' | 'lobby', purpose: MediaRoomPurpose, answer: JoinAnswer, handed?: Promise<HandedTracks>): void {
    // Nothing to connect to: no room, so no "could not connect" either.
    if (this.#host.noMediaServer) return;
    const held = slot === 'main' ? this.#main : this.#lobby;
    if (held && held.answer === answer && held.room.purpose === purpose) {
      void handed?.then(stopHandedTracks, () => undefined);
      return;
    }
    this.#release(slot);
    const factory = this.#host.mediaRoomFactory ?? defaultMediaRoomFactory;
    const room = factory(purpose);
    const stop = room.subscribe((value) => this.#onRoom(slot, value));
    const next: Held = { room, answer, stop };
    if (slot === 'main') this.#keyIndex = null;
    if (slot === 'main') this.#main = next;
    else this.#lobby = next;
    const session = this.#host.meetingSession;
    const devices = this.#preferences.value;
    let connecting: Promise<void>;
    if (purpose === 'room') {
      const e2ee = (answer as Admitted).e2ee;
      connecting = room.connect(answer.livekitUrl, answer.token, {
        publish: { camera: true, microphone: true },
        devices,
        ...(e2ee ? { e2ee } : {}),
        ...(handed ? { handedTracks: handed } : {}),
        refreshToken: async () => {
          const fresh = await session.refreshJoin({ retrying: true });
          if (!fresh) return null;
          // Not let into the room any more (the server says lobby): the phase machine decides what next.
          if (fresh.status !== 'admitted') {
            void session.join();
            return null;
          }
          // The key may have changed while the connection was down (someone was removed meanwhile).
          if (fresh.e2ee) await room.setE2EEKey?.(fresh.e2ee);
          return fresh.token;
        },
      });
    } else if (purpose === 'lobby-observer') {
      connecting = room.connect(answer.livekitUrl, (answer as Admitted).lobbyToken ?? '', {
        refreshToken: async () => {
          const fresh = await session.refreshJoin({ retrying: true });
          return fresh?.status === 'admitted' ? (fresh.lobbyToken ?? null) : null;
        },
      });
    } else {
      // A waiting guest shows the meeting leader their camera and microphone (she sees and hears who
      // it is before letting them in); nobody else is in the lobby room, and they receive nothing.
      connecting = room.connect(answer.livekitUrl, (answer as Waiting).token, { publish: { camera: true, microphone: true }, devices });
    }
    connecting.catch(() => {
      // Drawn from the room state (`disconnected`/`lost`), with a way to try again.
    });
    this.#host.requestUpdate();
  }

  /** Leaves the room in `slot`; with `handOver`, keeps its camera and microphone capturing and gives them back. */
  #release(slot: 'main' | 'lobby', options: { handOver?: boolean } = {}): Promise<HandedTracks> | undefined {
    const held = slot === 'main' ? this.#main : this.#lobby;
    if (!held) return undefined;
    held.stop();
    if (slot === 'main') this.#main = null;
    else this.#lobby = null;
    if (options.handOver && held.room.handOver) return held.room.handOver();
    void held.room.disconnect();
    return undefined;
  }

  #onRoom(slot: 'main' | 'lobby', value: RoomState): void {
    this.#host.requestUpdate();
    // A guest in the lobby: make the meeting room's livekit-client Room now, not after Let in.
    if (slot === 'lobby' && value.connection === 'connected' && this.#lobby?.room.purpose === 'lobby' && !this.#host.mediaRoomFactory) {
      // An encrypted meeting's room is made encrypted: that one ahead (its worker started), not the plain one.
      if (this.#host.meetingSession.value.meeting?.e2ee) void prepareEncryptedMediaRoom();
      else void prepareDefaultMediaRoom();
    }
    if (slot !== 'main') return;
    const connectionKey = `${value.connection}:${value.recovering}`;
    if (connectionKey !== this.#lastConnection) {
      this.#lastConnection = connectionKey;
      this.#host.dispatchEvent(new MeetingConnectionEvent({ connection: value.connection, attempt: value.recovering }));
    }
    this.#noteMessages(value);
    this.#announceArrivals(value);
  }

  /**
   * A guest who starts waiting is said through the element's live region while the leader's tools
   * are closed: the roster in them says it too, but a live region in a hidden panel is not read.
   */
  #noteWaiting(state: MeetingSessionState): void {
    const guests = lobbyGuests(state, this.#lobby?.room.value ?? null);
    const before = this.#waiting;
    this.#waiting = new Set(guests.map((guest) => guest.id));
    if (!before || this.#open.has('tools')) return;
    const t = this.#localize.strings;
    for (const guest of guests) if (!before.has(guest.id)) this.#host.announce(t.guestWaiting(guest.name));
  }

  /**
   * While the chat is closed (as it is at first), a message from someone else is said through the
   * element's live region and counted on the Chat button; an open chat's log says it itself.
   */
  #noteMessages(value: RoomState): void {
    const t = this.#localize.strings;
    const closed = !this.#open.has('chat');
    for (const message of value.messages) {
      if (this.#chatSeen.has(message.id)) continue;
      this.#chatSeen.add(message.id);
      if (message.isLocal || !closed) continue;
      this.#unreadChat += 1;
      this.#host.announce(t.newMessage(message.name));
    }
  }

  /** Says who joined and who left, and who started sharing their screen, through the element's live region. */
  #announceArrivals(value: RoomState): void {
    if (value.connection !== 'connected') return;
    const t = this.#localize.strings;
    const others = value.participants.filter((p) => !p.isLocal);
    const now = new Map(others.map((p) => [p.identity, p.name]));
    const before = this.#known;
    this.#known = now;
    const news: string[] = [];
    if (!before) news.push(this.#encrypted() ? `${t.inRoom} ${t.encryptedAnnounce}` : t.inRoom);
    else {
      for (const [identity, name] of now) if (!before.has(identity)) news.push(t.joined(name));
      for (const [identity, name] of before) if (!now.has(identity)) news.push(t.left(name));
    }
    const sharing = new Set(others.filter((p) => p.screen).map((p) => p.identity));
    for (const p of others) if (p.screen && !this.#sharing.has(p.identity)) news.push(t.screenShared(p.name));
    this.#sharing = sharing;
    if (news.length) this.#host.announce(news.join(' '));
  }

  render(state: MeetingSessionState): TemplateResult {
    const phase = state.phase;
    if (phase.kind === 'lobby') return this.#renderLobby();
    if (phase.kind === 'room') return this.#renderRoom(state, phase.answer);
    return html``;
  }

  /** The evaluation form; `alreadySent` (the server or this tab says so): only that it was sent, not the form again. */
  renderEvaluation(alreadySent = false): TemplateResult | typeof nothing {
    const questions = this.#host.evaluationQuestions;
    if (!questions.length) return nothing;
    return html`<care-evaluation-form
      exportparts=${EVALUATION_FORM_PARTS}
      .questions=${questions}
      .session=${this.#host.meetingSession}
      ?already-sent=${alreadySent}
    ></care-evaluation-form>`;
  }

  #renderLobby(): TemplateResult {
    const t = this.#localize.strings;
    const room = this.#lobby?.room.value;
    const self = room?.participants.find((p) => p.isLocal);
    // Without a media server nobody sees or hears a waiting guest: no preview, and no word that the leader does.
    const noMedia = this.#host.noMediaServer;
    return html`
      <section part="lobby" class="lobby" aria-labelledby="lobby-title" data-media=${noMedia ? 'none' : nothing}>
        <div class="lobby-text">
          <h2 id="lobby-title" tabindex="-1" data-focus>${t.lobbyTitle}</h2>
          <p class="waiting"><span class="pulse" aria-hidden="true"></span>${noMedia ? t.lobbyTextNoMedia : t.lobbyText}</p>
          ${noMedia ? nothing : html`<p class="hint">${t.lobbyCamera}</p>`}
          <p part="notice" class="notice">${t.noRecording}</p>
          ${this.#renderConnection(room, t)} ${this.#renderProblems(room)}
          <button part="button" class="leave-lobby" @click=${this.#leave}>${t.leave}</button>
        </div>
        ${
          noMedia
            ? nothing
            : html`<figure part="preview" class="preview">
              ${
                self?.video
                  ? html`<video aria-hidden="true" .srcObject=${streamOf(self.video)} .muted=${true} muted autoplay playsinline></video>`
                  : html`<div class="placeholder" aria-hidden="true"></div>`
              }
              <figcaption>${t.yourCamera}</figcaption>
            </figure>`
        }
      </section>
    `;
  }

  #renderRoom(state: MeetingSessionState, answer: Admitted): TemplateResult {
    const t = this.#localize.strings;
    const meeting: MeetingView = state.meeting ?? answer.meeting;
    const main = this.#main;
    const room = main?.room.value;
    const participants = room?.participants ?? [];
    const self = participants.find((p) => p.isLocal);
    const isChair = answer.role === 'chair';
    const tools = isChair ? this.#tools : null;
    const onRemove = tools?.removal.confirm;
    const screens = participants.filter((p) => p.screen);
    tools?.removal.keepFocus(participants.filter((p) => !p.isLocal).map((p) => p.identity));
    // Where the individual's consent card is (`unread` when reading it failed): for tests and diagnostics.
    const consent = this.#consent.value.status;
    return html`
      <section part="room" class="room" aria-labelledby="room-title" data-consent=${consent === 'off' ? nothing : consent}>
        <header class="room-header">
          <h2 id="room-title" tabindex="-1" data-focus>${meeting.title}</h2>
          <p part="notice" class="notice">${t.noRecording}</p>
          ${
            answer.e2ee && !this.#host.noMediaServer
              ? html`<p part="notice encrypted" class="notice encrypted" data-key-index=${this.#keyIndex ?? answer.e2ee.keyIndex}>${LOCK}<span>${t.encrypted}</span></p>`
              : nothing
          }
          ${
            meeting.dialIn
              ? html`<dl part="dial-in" class="dial-in" aria-label=${t.dialInTitle}>
                <div><dt>${t.dialInTitle}</dt><dd>${meeting.dialIn.number}</dd></div>
                <div><dt>${t.meetingNumber}</dt><dd>${meeting.dialIn.meetingNumber}</dd></div>
                <div><dt>${t.pin}</dt><dd>${meeting.dialIn.pin}</dd></div>
              </dl>`
              : nothing
          }
        </header>
        <care-consent-card
          exportparts=${CONSENT_CARD_PARTS}
          .flow=${this.#consent}
          @care-part-announce=${this.#onPartAnnounce}
          @care-part-focus-leave=${this.#focusRoomTitle}
        ></care-consent-card>
        ${this.#renderConnection(room, t)}
        ${
          this.#soundBlocked
            ? html`<p class="sound-blocked">${t.soundBlocked}
              <button part="button" @click=${this.#startSound}>${t.turnOnSound}</button></p>`
            : nothing
        }
        ${this.#renderProblems(room)}
        <!-- Guests waiting for the meeting leader: her lobby list (in the roster's shadow root) wants room. -->
        <div class="stage" ?data-guests-waiting=${isChair && Boolean(this.#waiting?.size)}>
          <div class="main">
            <section part="grid" class="grid" aria-label=${t.videoRegion} data-count=${participants.length + screens.length}>
              ${screens.map((p) => renderScreenTile(p, p.screen!, t))}
              ${participants.map((p) => renderTile(p, t, { onRemove }))}
            </section>
            ${renderControls(
              {
                microphone: !!self && !self.muted,
                camera: !!self?.cameraOn,
                screen: !!self?.screen,
                allowScreenShare: meeting.allowScreenShare,
                allowChat: meeting.allowChat,
                isChair,
                open: this.#open,
                unreadChat: this.#unreadChat,
                waitingGuests: isChair ? (this.#waiting?.size ?? 0) : 0,
              },
              t,
              {
                toggleMicrophone: () => void main?.room.setMicrophone(!!self?.muted),
                toggleCamera: () => void main?.room.setCamera(!self?.cameraOn),
                toggleScreen: () => void main?.room.setScreenShare(!self?.screen),
                togglePanel: this.#togglePanel,
                leave: this.#leave,
              },
            )}
          </div>
          <div part="side" class="side" ?hidden=${this.#open.size === 0}>
            <div id="tools-panel" ?hidden=${!this.#open.has('tools') || !isChair}>
              ${
                tools
                  ? html`<care-chair-tools
                    exportparts=${tools.parts}
                    .lobby=${this.#lobby?.room.value ?? null}
                    ?no-media-server=${this.#host.noMediaServer}
                    @care-part-end-request=${this.#onEndRequest}
                  ></care-chair-tools>`
                  : isChair
                    ? html`<section part="tools" class="side-panel tools" aria-labelledby="tools-title" aria-busy="true"><h3 id="tools-title">${t.toolsTitle}</h3></section>`
                    : nothing
              }
            </div>
            <div id="chat-panel" ?hidden=${!this.#open.has('chat') || !meeting.allowChat}>
              ${meeting.allowChat ? this.#renderChat(main?.room, room?.messages ?? []) : nothing}
            </div>
            <div id="devices-panel" ?hidden=${!this.#open.has('devices')}>
              ${renderDevices(this.#devices, this.#chosenDevices(), canChooseSpeaker(), t, this.#choose)}
            </div>
          </div>
        </div>
        <div class="audio" hidden>
          ${participants.filter((p) => p.audio).map((p) => html`<audio data-identity=${p.identity} .srcObject=${streamOf(p.audio!)} autoplay></audio>`)}
        </div>
        ${tools?.removal.renderDialog() ?? nothing}
      </section>
    `;
  }

  /** The leader confirmed ending the meeting in her tools: the host is asked (`care-end-request`, cancelable), as for Leave. */
  readonly #onEndRequest = (event: Event): void => {
    const request = new MeetingEndRequestEvent({ meetingId: this.#host.meetingSession.value.meetingId ?? '' });
    if (!this.#host.dispatchEvent(request)) event.preventDefault();
  };

  /** Whether the meeting's room was connected with the meeting key. */
  #encrypted(): boolean {
    const phase = this.#host.meetingSession.value.phase;
    return phase.kind === 'room' && !!phase.answer.e2ee && !this.#host.noMediaServer;
  }

  /** The chat panel: without a media server, only the words that say chat needs one. */
  #renderChat(room: MediaRoom | undefined, messages: RoomState['messages']): TemplateResult {
    return html`<care-chat-panel
      exportparts=${CHAT_PANEL_PARTS}
      .room=${room}
      .messages=${messages}
      ?no-media-server=${this.#host.noMediaServer}
    ></care-chat-panel>`;
  }

  /** What a part of the room has to say, through the element's one live region. */
  readonly #onPartAnnounce = (event: PartAnnounceEvent): void => {
    this.#host.announce(event.text);
  };

  /** Focus was in a part that went away: to the room's heading, as when the room opens. */
  readonly #focusRoomTitle = async (): Promise<void> => {
    await this.#host.updateComplete;
    this.#host.shadowRoot?.querySelector<HTMLElement>('#room-title')?.focus();
  };

  #renderConnection(room: RoomState | undefined, t: MeetingRoomStrings): TemplateResult {
    if (this.#host.noMediaServer) {
      return html`<div part="connection" class="connection" role="status" data-state data-connection="none"><p>${t.noMediaServer}</p></div>`;
    }
    let text = '';
    let retry = false;
    if (room?.connection === 'connecting' || room?.connection === 'idle') text = t.connecting;
    else if (room?.connection === 'reconnecting') text = room.recovering > 1 ? t.reconnectingFresh(room.recovering) : t.reconnecting;
    else if (room?.connection === 'disconnected') {
      const cause = room.disconnectCause;
      text = cause === 'duplicate' ? t.duplicate : cause === 'service-down' ? t.serviceDown : cause === 'unreachable' ? t.unreachable : t.connectionLost;
      retry = true;
    }
    // Always in the page, so a screen reader reads the text the moment it appears.
    return html`<div part="connection" class="connection" role="status" ?data-state=${!!text} data-connection=${room?.connection ?? 'idle'}>
      ${
        text
          ? html`<p>${room?.connection === 'disconnected' ? nothing : html`<span class="spinner" aria-hidden="true"></span>`}${text}</p>
            ${retry ? html`<button part="button primary-button" class="primary" @click=${this.#rejoin}>${t.reconnect}</button>` : nothing}`
          : nothing
      }
    </div>`;
  }

  #renderProblems(room: RoomState | undefined): TemplateResult | typeof nothing {
    const problems = room?.problems;
    if (!problems || (!problems.camera && !problems.microphone)) return nothing;
    const g = this.#guidance.strings;
    const browser = detectBrowser();
    const items: Array<['camera' | 'microphone' | 'both', NonNullable<typeof problems.camera>]> = [];
    if (problems.camera && problems.camera === problems.microphone) items.push(['both', problems.camera]);
    else {
      if (problems.camera) items.push(['camera', problems.camera]);
      if (problems.microphone) items.push(['microphone', problems.microphone]);
    }
    return html`<div part="guidance" class="guidance" role="alert">
      ${items.map(([noun, problem]) => {
        const { title, steps } = mediaGuidance(g, problem, browser, noun);
        return html`<p><strong>${title}</strong> ${steps}</p>`;
      })}
    </div>`;
  }

  #chosenDevices(): Partial<Record<DeviceKind, string>> {
    return this.#preferences.value;
  }

  readonly #choose = (kind: DeviceKind, deviceId: string): void => {
    this.#preferences.remember(kind, deviceId);
    if (kind === 'speaker') this.#applySpeaker();
    else void this.#main?.room.switchDevice(kind, deviceId);
    this.#host.requestUpdate();
  };

  readonly #togglePanel = (panel: Panel): void => {
    if (this.#open.has(panel)) this.#open.delete(panel);
    else {
      this.#open.add(panel);
      if (panel === 'devices') void this.#refreshDevices();
      if (panel === 'chat') this.#unreadChat = 0;
    }
    this.#host.requestUpdate();
  };

  async #refreshDevices(): Promise<void> {
    try {
      this.#devices = await listDevices(navigator.mediaDevices);
    } catch {
      this.#devices = NO_DEVICES;
    }
    this.#host.requestUpdate();
  }

  readonly #leave = (): void => {
    const session = this.#host.meetingSession;
    const request = new MeetingLeaveRequestEvent({ meetingId: session.value.meetingId ?? '' });
    if (!this.#host.dispatchEvent(request)) return;
    session.leave();
  };

  readonly #rejoin = (): void => {
    void this.#host.meetingSession.join();
  };

  /** Starts the others' sound; a browser that blocks autoplay gets a button to allow it. */
  #playAudio(): void {
    const elements = this.#host.shadowRoot?.querySelectorAll<HTMLAudioElement>('.audio audio') ?? [];
    for (const element of elements) {
      if (this.#startedAudio.has(element)) continue;
      this.#startedAudio.add(element);
      this.#applySpeakerTo(element);
      this.#play(element, 0);
    }
  }

  /**
   * Plays one of the others' `<audio>`. Only a refusal to play without a gesture is "blocked"
   * (`NotAllowedError`, as the HTML standard says). A play() that a new stream interrupted
   * (`AbortError`: the track was set again) is tried again on the new one, a few times: Chromium
   * then says whether it is blocked, and Firefox plays (it showed the banner while the sound went on).
   */
  #play(element: HTMLAudioElement, retries: number): void {
    element.play().catch((error: unknown) => {
      const name = (error as Error | undefined)?.name;
      if (name === 'AbortError' && retries < 3 && element.isConnected) {
        this.#play(element, retries + 1);
        return;
      }
      if (this.#soundBlocked || name !== 'NotAllowedError') return;
      this.#soundBlocked = true;
      this.#host.requestUpdate();
    });
  }

  readonly #startSound = (): void => {
    const elements = this.#host.shadowRoot?.querySelectorAll<HTMLAudioElement>('.audio audio') ?? [];
    void Promise.all([...elements].map((element) => element.play())).then(
      () => {
        this.#soundBlocked = false;
        this.#host.requestUpdate();
      },
      () => undefined,
    );
  };

  #applySpeaker(): void {
    for (const element of this.#host.shadowRoot?.querySelectorAll<HTMLAudioElement>('.audio audio') ?? []) this.#applySpeakerTo(element);
  }

  #applySpeakerTo(element: HTMLAudioElement): void {
    const speaker = this.#preferences.value.speaker;
    if (speaker && canChooseSpeaker()) void element.setSinkId(speaker).catch(() => undefined);
  }
}
