import { html, nothing, type TemplateResult } from 'lit';

import type { Participant } from '../../core/room-state.js';
import type { MeetingRoomStrings } from '../../i18n/strings/meeting-room.js';
import { initials, streamOf } from '../person-picture.js';
import { icons } from './icons.js';

export interface TileOptions {
  /** A "Remove" button on the tile (the meeting leader's, on others' tiles). */
  onRemove?: ((participant: Participant) => void) | undefined;
}

/**
 * A person's tile: their picture (or initials), name and role, and whether they speak or have
 * their microphone off, in words for screen readers as well as in the picture. States are also
 * part names (`tile-speaking`, `tile-muted`, …) and `data-*` attributes, for CSS.
 */
export function renderTile(p: Participant, t: MeetingRoomStrings, options: TileOptions = {}): TemplateResult {
  const parts = ['tile', p.isLocal && 'tile-local', p.speaking && 'tile-speaking', p.muted && 'tile-muted', !p.video && 'tile-camera-off']
    .filter(Boolean)
    .join(' ');
  const role = p.role ? t.role[p.role] : '';
  return html`
    <figure
      part=${parts}
      class="tile"
      data-identity=${p.identity}
      ?data-local=${p.isLocal}
      ?data-speaking=${p.speaking}
      ?data-muted=${p.muted}
      ?data-camera-off=${!p.video}
    >
      ${
        p.video
          ? html`<video part="video" class="video" aria-hidden="true" .srcObject=${streamOf(p.video)} .muted=${true} muted autoplay playsinline></video>`
          : html`<div part="avatar" class="avatar" aria-hidden="true">${initials(p.name)}</div>`
      }
      <figcaption part="name" class="caption">
        <span class="name">${p.name}${p.isLocal ? html` <span class="you">${t.you}</span>` : nothing}</span>
        ${role ? html`<span part="role" class="role">${role}</span>` : nothing}
        <span class="states">
          ${p.speaking ? html`<span class="state speaking">${icons.speaking}<span class="visually-hidden">${t.speaking}</span></span>` : nothing}
          ${p.muted ? html`<span class="state muted" title=${t.micOff}>${icons.micOff}<span class="visually-hidden">${t.micOff}</span></span>` : nothing}
          ${p.video ? nothing : html`<span class="visually-hidden">${t.cameraOff}</span>`}
        </span>
      </figcaption>
      ${
        options.onRemove && !p.isLocal
          ? html`<button part="button remove-button" class="remove" aria-label=${t.remove(p.name)} @click=${() => options.onRemove?.(p)}>
            ${t.removeShort}
          </button>`
          : nothing
      }
    </figure>
  `;
}

/** A shared screen, as a wide tile before the others. */
export function renderScreenTile(p: Participant, track: MediaStreamTrack, t: MeetingRoomStrings): TemplateResult {
  return html`
    <figure part="tile tile-screen" class="tile screen" data-identity=${p.identity}>
      <video part="video" class="video" aria-hidden="true" .srcObject=${streamOf(track)} .muted=${true} muted autoplay playsinline></video>
      <figcaption part="name" class="caption"><span class="name">${t.screenOf(p.name)}</span></figcaption>
    </figure>
  `;
}
