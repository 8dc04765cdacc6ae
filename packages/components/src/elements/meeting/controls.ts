import { html, nothing, type TemplateResult } from 'lit';

import type { DeviceKind, DeviceLists } from '../../core/media-devices.js';
import type { MeetingRoomStrings } from '../../i18n/strings/meeting-room.js';
import { icons } from './icons.js';

export type Panel = 'devices' | 'chat' | 'tools';

export interface ControlsState {
  microphone: boolean;
  camera: boolean;
  screen: boolean;
  allowScreenShare: boolean;
  allowChat: boolean;
  isChair: boolean;
  open: ReadonlySet<Panel>;
  /** Chat messages that came while the chat was closed: drawn on its button, and part of its name. */
  unreadChat: number;
  /** Guests waiting in the lobby (the meeting leader's): drawn on the tools button, and part of its name. */
  waitingGuests: number;
}

export interface ControlsActions {
  toggleMicrophone(): void;
  toggleCamera(): void;
  toggleScreen(): void;
  togglePanel(panel: Panel): void;
  leave(): void;
}

const panelIds: Record<Panel, string> = { devices: 'devices-panel', chat: 'chat-panel', tools: 'tools-panel' };

/**
 * The meeting's buttons. Microphone, camera and screen share are toggle buttons (`aria-pressed`,
 * a fixed name, the state also drawn); the panels' buttons say whether their panel is open
 * (`aria-expanded`). Screen share and chat appear only when the meeting allows them.
 */
export function renderControls(state: ControlsState, t: MeetingRoomStrings, actions: ControlsActions): TemplateResult {
  const toggle = (name: string, label: string, on: boolean, icon: TemplateResult, action: () => void) =>
    html`<button part="control control-${name}" class="control" aria-pressed=${on ? 'true' : 'false'} @click=${action}>
      ${icon}<span>${label}</span>
    </button>`;
  // A count on a panel's button: drawn as a badge, and said after the button's name (the badge itself is hidden, so it is not read twice).
  const badge = (count: number, words: string) =>
    count ? html`<span class="badge" aria-hidden="true">${count}</span><span class="visually-hidden">, ${words}</span>` : nothing;
  const panel = (name: Panel, label: string, icon: TemplateResult, extra: TemplateResult | typeof nothing = nothing) =>
    html`<button
      part="control control-${name}"
      class="control"
      aria-expanded=${state.open.has(name) ? 'true' : 'false'}
      aria-controls=${panelIds[name]}
      @click=${() => actions.togglePanel(name)}
    >
      ${icon}<span>${label}</span>${extra}
    </button>`;
  return html`
    <section part="controls" class="controls" aria-label=${t.controlsRegion}>
      ${toggle('microphone', t.microphone, state.microphone, state.microphone ? icons.mic : icons.micOff, actions.toggleMicrophone)}
      ${toggle('camera', t.camera, state.camera, state.camera ? icons.camera : icons.cameraOff, actions.toggleCamera)}
      ${state.allowScreenShare ? toggle('screen', t.shareScreen, state.screen, icons.screen, actions.toggleScreen) : nothing}
      ${panel('devices', t.devices, icons.gear)}
      ${state.allowChat ? panel('chat', t.chat, icons.chat, badge(state.unreadChat, t.unreadMessages(state.unreadChat))) : nothing}
      ${state.isChair ? panel('tools', t.tools, icons.tools, badge(state.waitingGuests, t.guestsWaiting(state.waitingGuests))) : nothing}
      <button part="control control-leave" class="control leave" @click=${actions.leave}>${icons.leave}<span>${t.leave}</span></button>
    </section>
  `;
}

/** The gear's panel: camera, microphone and (where the browser can choose one) speaker. */
export function renderDevices(
  lists: DeviceLists,
  chosen: Partial<Record<DeviceKind, string>>,
  canChooseSpeaker: boolean,
  t: MeetingRoomStrings,
  onChoose: (kind: DeviceKind, deviceId: string) => void,
): TemplateResult {
  const chooser = (kind: DeviceKind, label: string) => {
    const options = lists[kind];
    return html`<label part="chooser" class="chooser">
      ${label}
      <select
        part="device-select"
        name=${kind}
        ?disabled=${!options.length}
        @change=${(event: Event) => onChoose(kind, (event.target as HTMLSelectElement).value)}
      >
        ${options.map((option, i) => html`<option value=${option.id} ?selected=${option.id === chosen[kind]}>${option.label || `${label} ${i + 1}`}</option>`)}
      </select>
    </label>`;
  };
  return html`
    <section part="devices" class="side-panel devices" aria-labelledby="devices-title">
      <h3 id="devices-title">${t.devices}</h3>
      ${chooser('camera', t.camera)} ${chooser('microphone', t.microphone)}
      ${canChooseSpeaker ? chooser('speaker', t.speaker) : nothing}
    </section>
  `;
}
