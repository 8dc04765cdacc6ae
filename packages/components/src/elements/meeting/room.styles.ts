import { css } from 'lit';
import { fieldStyles, sidePanelStyles } from '../../styles/panels.js';

/*
 * The lobby's and the room's styles, adopted by <care-meeting>'s shadow root when the room's code
 * loads. Tokens (`--_*`) come from meeting.styles.ts. The room's parts that are elements (the
 * consent card, the chat, the evaluation form, the leader's tools: parts/) bring their own.
 */
export const roomStyles = css`
  :host {
    --_tile: var(--care-color-tile, #1f2933);
    --_speaking: var(--care-color-speaking, #2f9e57);
  }

  h4 {
    margin: 0;
    font-size: 1rem;
  }

  .hint {
    color: var(--_muted);
  }

  .icon {
    inline-size: 1.25rem;
    block-size: 1.25rem;
    flex: none;
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
    stroke-linejoin: round;
  }

  /*
   * "Must not be recorded" is a standing rule, not an alarm: a calm note in the text colour, with
   * no red and no round mark that could be read as a recording light.
   */
  .notice {
    display: inline-flex;
    align-items: center;
    padding: 0.2rem 0.6rem;
    border: 1px solid var(--_border);
    border-inline-start: 3px solid var(--_muted);
    border-radius: var(--_radius);
    color: var(--_text);
    background: var(--_raised);
  }

  /* Encrypted end to end: the same calm note, with a padlock. */
  .notice.encrypted {
    gap: 0.4rem;
  }

  /* The lobby */
  .lobby {
    display: grid;
    gap: var(--_space);
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  .lobby-text {
    display: grid;
    gap: 0.75rem;
    justify-items: start;
    align-content: start;
  }

  .waiting {
    display: flex;
    gap: 0.6rem;
    align-items: center;
    font-size: 1.1rem;
    font-weight: 600;
  }

  .pulse {
    inline-size: 0.8rem;
    block-size: 0.8rem;
    flex: none;
    border-radius: 50%;
    background: var(--_primary);
    animation: pulse 1.6s ease-in-out infinite;
  }

  @keyframes pulse {
    50% {
      opacity: 0.25;
    }
  }

  .preview {
    position: relative;
    display: grid;
    /* Rows at the top: stretched rows would squash the 4:3 picture to whatever height is left. */
    align-content: start;
    gap: 0.4rem;
  }

  .preview video,
  .preview .placeholder {
    inline-size: 100%;
    aspect-ratio: 4 / 3;
    object-fit: cover;
    border-radius: var(--_radius);
    background: var(--_tile);
    transform: scaleX(-1);
  }

  .preview figcaption {
    color: var(--_muted);
  }

  @container (min-width: 40rem) {
    .lobby {
      grid-template-columns: 1fr minmax(14rem, 22rem);
    }

    /* No media server: no camera preview beside the text. */
    .lobby[data-media='none'] {
      grid-template-columns: 1fr;
    }
  }

  /* The room */
  .room {
    display: grid;
    gap: calc(var(--_space) * 0.75);
  }

  .room-header {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    align-items: center;
  }

  .room-header h2 {
    margin-inline-end: auto;
  }

  .dial-in {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
    font-size: 0.9rem;
    color: var(--_muted);
  }

  .dial-in div {
    display: flex;
    gap: 0.3rem;
  }

  .dial-in dt::after {
    content: ':';
  }

  .dial-in dd {
    font-weight: 600;
    color: var(--_text);
    font-variant-numeric: tabular-nums;
  }

  .connection:not([data-state]) {
    display: none;
  }

  .connection,
  .guidance,
  .sound-blocked {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    align-items: center;
    padding: 0.6rem var(--_space);
    border-radius: var(--_radius);
    background: color-mix(in srgb, #b7791f 14%, var(--_surface));
    border-inline-start: 0.3rem solid #b7791f;
  }

  .connection[data-connection='disconnected'],
  .guidance {
    background: color-mix(in srgb, var(--_danger) 9%, var(--_surface));
    border-inline-start-color: var(--_danger);
  }

  .connection p {
    display: flex;
    gap: 0.5rem;
    align-items: center;
    font-weight: 600;
  }

  .stage {
    display: grid;
    gap: calc(var(--_space) * 0.75);
    align-items: start;
  }

  @container (min-width: 52rem) {
    .stage:has(.side:not([hidden])) {
      grid-template-columns: minmax(0, 1fr) minmax(17rem, 22rem);
    }

    /*
     * The meeting leader alone in the room while guests wait: her own tile needs little room, and the
     * lobby (whom to let in, their camera, how they proved who they are) is what she looks at, so
     * the panel takes half the width and the guests' pictures grow with it.
     */
    .stage[data-guests-waiting]:has(.grid[data-count='1']):has(#tools-panel:not([hidden])) {
      grid-template-columns: minmax(0, 1fr) minmax(17rem, 1fr);
    }

    /*
     * No pictures at all (a host without a media server): the panel is all there is to look at, so
     * it takes the width instead of leaving two thirds of the screen empty.
     */
    .stage:has(.grid[data-count='0']):has(.side:not([hidden])) {
      grid-template-columns: minmax(0, 1fr) minmax(17rem, 2fr);
    }
  }

  .main {
    display: grid;
    gap: calc(var(--_space) * 0.75);
    min-inline-size: 0;
  }

  .grid {
    display: grid;
    gap: 0.5rem;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 15rem), 1fr));
  }

  .grid[data-count='1'] {
    grid-template-columns: minmax(0, 40rem);
    justify-content: center;
  }

  .tile {
    position: relative;
    display: grid;
    aspect-ratio: 16 / 10;
    overflow: hidden;
    border-radius: var(--_radius);
    color: #fff;
    background: var(--_tile);
    outline: 3px solid transparent;
    outline-offset: -3px;
    transition: outline-color 0.15s;
  }

  .tile.screen {
    grid-column: 1 / -1;
    aspect-ratio: 16 / 9;
  }

  .tile[data-speaking] {
    outline-color: var(--_speaking);
  }

  .tile .video {
    grid-area: 1 / 1;
    inline-size: 100%;
    block-size: 100%;
    object-fit: cover;
  }

  .tile.screen .video {
    object-fit: contain;
  }

  .tile[data-local] .video {
    transform: scaleX(-1);
  }

  .avatar {
    grid-area: 1 / 1;
    display: grid;
    place-items: center;
    align-self: center;
    justify-self: center;
    inline-size: 5rem;
    block-size: 5rem;
    border-radius: 50%;
    font-size: 1.8rem;
    font-weight: 600;
    color: #fff;
    background: #3e4c59;
  }

  .caption {
    position: absolute;
    inset-inline-start: 0.4rem;
    inset-block-end: 0.4rem;
    max-inline-size: calc(100% - 0.8rem);
    display: flex;
    flex-wrap: wrap;
    gap: 0.1rem 0.5rem;
    align-items: center;
    padding: 0.2rem 0.5rem;
    border-radius: calc(var(--_radius) * 0.75);
    font-size: 0.9rem;
    background: rgb(0 0 0 / 0.72);
  }

  .caption .name {
    font-weight: 600;
  }

  .caption .you {
    font-weight: 400;
  }

  .caption .role {
    color: #e4e7eb;
  }

  .states {
    display: inline-flex;
    gap: 0.3rem;
  }

  .state .icon {
    inline-size: 1rem;
    block-size: 1rem;
  }

  .state.speaking {
    color: #7ee2a0;
  }

  .state.muted {
    color: #ffb4ab;
  }

  .tile .remove {
    position: absolute;
    inset-inline-end: 0.4rem;
    inset-block-start: 0.4rem;
    min-block-size: 2.25rem;
    padding: 0.2rem 0.7rem;
    font-size: 0.9rem;
    border-color: transparent;
    color: #fff;
    background: rgb(0 0 0 / 0.72);
  }

  .tile .remove:hover,
  .tile .remove:focus-visible {
    background: var(--_danger);
  }

  /* Side panels */
  .side {
    display: grid;
    gap: calc(var(--_space) * 0.75);
  }

  ${sidePanelStyles}

  ${fieldStyles}

  .devices {
    align-content: start;
  }

  .chooser {
    display: grid;
    gap: 0.25rem;
    font-weight: 600;
  }

  /* Controls */
  .controls {
    display: flex;
    flex-wrap: wrap;
    justify-content: center;
    gap: 0.5rem;
    padding: 0.5rem;
    border-radius: var(--_radius);
    background: var(--_raised);
  }

  .control {
    display: inline-flex;
    flex-direction: column;
    align-items: center;
    gap: 0.15rem;
    min-inline-size: 5.5rem;
    padding: 0.4rem 0.6rem;
    font-size: 0.85rem;
  }

  .control[aria-pressed='true'],
  .control[aria-expanded='true'] {
    border-color: var(--_primary);
    color: var(--_on-primary);
    background: var(--_primary);
  }

  /*
   * Off is an ordinary state (the crossed-out icon says it), not a problem: no red, which is kept for
   * real trouble (leave, refusals, a device that failed). A dashed border tells it apart from on
   * without relying on colour.
   */
  .control[aria-pressed='false'] {
    border-style: dashed;
    color: var(--_text);
  }

  /* A count on a panel's button (unread chat messages, guests waiting). */
  .control {
    position: relative;
  }

  .control .badge {
    position: absolute;
    /* Inside the button's corner, beside the icon: a badge sticking out would make the button scroll. */
    inset-block-start: 0.2rem;
    inset-inline-end: 0.2rem;
    min-inline-size: 1.3rem;
    padding: 0 0.3rem;
    border-radius: 999px;
    color: var(--_on-danger);
    background: var(--_danger);
    font-size: 0.8rem;
    font-weight: 700;
    line-height: 1.25rem;
    text-align: center;
  }

  .control.leave {
    border-color: var(--_danger);
    color: var(--_on-danger);
    background: var(--_danger);
  }

  @media (prefers-reduced-motion: reduce) {
    .pulse {
      animation: none;
    }

    .tile {
      transition: none;
    }
  }
`;
