import { css } from 'lit';
import { buttonStyles } from '../../styles/button-styles.js';
import { hostTokens } from '../../styles/host-tokens.js';
import { personWordsStyles } from '../../styles/person-words.js';

/*
 * The lobby box: tinted with the primary colour, as it is what the meeting leader acts on first.
 * Each guest a card: the camera box beside the words when there is one, the buttons under them,
 * each taking half the width (a narrow side panel first).
 */
export const styles = [
  hostTokens,
  buttonStyles,
  personWordsStyles,
  css`
  :host {
    --_warning: var(--care-color-warning, #8a4600);
    --_tile: var(--care-color-tile, #1f2933);

    container-type: inline-size;
  }

  h3,
  p,
  ul {
    margin: 0;
    padding: 0;
    font-size: 1rem;
  }

  h3 {
    font-size: 0.95rem;
  }

  h3:focus:not(:focus-visible) {
    outline: none;
  }

  ul {
    list-style: none;
  }

  .base {
    display: grid;
    gap: 0.5rem;
    padding: 0.75rem;
    border-radius: var(--_radius);
    background: color-mix(in srgb, var(--_primary) 7%, var(--_surface));
    border: 1px solid color-mix(in srgb, var(--_primary) 35%, var(--_surface));
  }

  .count {
    font-weight: 400;
    color: var(--_muted);
    font-variant-numeric: tabular-nums;
  }

  .hint {
    font-size: 0.9rem;
    color: var(--_muted);
  }

  .list {
    display: grid;
    gap: 0.75rem;
  }

  .guest {
    display: grid;
    gap: 0.5rem 0.75rem;
    align-items: center;
    padding: 0.5rem;
    border-radius: var(--_radius);
    background: var(--_surface);
    min-width: 0;
  }

  .guest[data-camera] {
    /* Wide enough for "Ingen kamerabild än" and its Finnish and Danish kin on two lines at most. */
    grid-template-columns: minmax(8rem, 40%) minmax(0, 1fr);
  }

  /* As tall as its words need without a picture ("No camera picture yet" was cut off at 4:3), 4:3 with one. */
  .picture {
    display: grid;
    place-items: center;
    align-content: center;
    gap: 0.2rem;
    min-block-size: 4.5rem;
    padding: 0.35rem 0.25rem;
    overflow: hidden;
    border-radius: calc(var(--_radius) * 0.75);
    background: var(--_tile);
  }

  .picture .hint {
    color: #e4e7eb;
    font-size: 0.75rem;
    line-height: 1.25;
    text-align: center;
    overflow-wrap: break-word;
    hyphens: auto;
  }

  .picture:has(video) {
    padding: 0;
  }

  .picture video {
    display: block;
    inline-size: 100%;
    aspect-ratio: 4 / 3;
    object-fit: cover;
  }

  .avatar {
    display: grid;
    place-items: center;
    inline-size: 2.5rem;
    block-size: 2.5rem;
    border-radius: 50%;
    font-weight: 600;
    color: #fff;
    background: #3e4c59;
  }

  .about {
    display: grid;
    gap: 0.1rem;
    min-width: 0;
    overflow-wrap: anywhere;
  }

  .role,
  .identity,
  .proof,
  .typed-name {
    font-size: 0.875rem;
  }

  .role,
  .identity {
    color: var(--_muted);
  }

  .actions {
    grid-column: 1 / -1;
    display: flex;
    gap: 0.5rem;
  }

  .actions button {
    flex: 1;
  }

  /*
   * Room enough, and no camera box: the buttons beside the guest rather than under them, as in the
   * roster's other groups. With a camera box the words need the width beside the picture.
   */
  @container (min-width: 30rem) {
    .guest:not([data-camera]) {
      grid-template-columns: minmax(0, 1fr) auto;
    }

    .guest:not([data-camera]) .actions {
      grid-column: 2;
      grid-row: 1;
      flex-wrap: wrap;
    }

    .guest:not([data-camera]) .actions button {
      flex: none;
    }
  }

  .danger {
    border-color: var(--_fail);
    color: var(--_fail);
  }

  @media (forced-colors: active) {
    .base,
    .guest {
      border: 1px solid CanvasText;
    }
  }
`,
];
