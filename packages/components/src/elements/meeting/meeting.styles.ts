import { css } from 'lit';
import { buttonStyles } from '../../styles/buttons.js';
import { hostTokens } from '../../styles/host-tokens.js';

/*
 * The shell's styles: tokens, the panels before and after the room. The room's own styles
 * (room.styles.ts) come with the room's code when the person joins.
 *
 * Public tokens are `--care-*` and may be set on the element or any ancestor (one theme for every
 * care-meet element); their defaults resolve into private `--_*` copies here, so declaring a
 * default on :host never overrides what an ancestor sets.
 */
export const styles = [
  hostTokens,
  buttonStyles,
  css`
  :host {
    --_danger: var(--care-color-danger, #b0241b);
    --_on-danger: var(--care-color-on-danger, #fff);

    container-type: inline-size;
  }

  h2,
  h3,
  p,
  ul,
  ol,
  dl,
  dd,
  figure,
  fieldset {
    margin: 0;
    padding: 0;
  }

  h2 {
    font-size: 1.3rem;
  }

  h3 {
    font-size: 1.05rem;
  }

  /* A heading that takes focus (after join, in the lobby, at the end) shows the ring when the keyboard is in use. */
  h2:focus:not(:focus-visible),
  h3:focus:not(:focus-visible) {
    outline: none;
  }

  .base {
    display: grid;
    gap: var(--_space);
  }

  .panel {
    display: grid;
    gap: calc(var(--_space) * 0.75);
    justify-items: start;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  .panel.problem {
    border-inline-start: 0.3rem solid var(--_danger);
  }

  .status-line {
    display: flex;
    gap: 0.5rem;
    align-items: center;
    color: var(--_muted);
  }

  .spinner {
    inline-size: 1.1rem;
    block-size: 1.1rem;
    border: 0.18rem solid var(--_border);
    border-block-start-color: var(--_primary);
    border-radius: 50%;
    animation: spin 0.9s linear infinite;
  }

  @keyframes spin {
    to {
      transform: rotate(1turn);
    }
  }

  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation: none;
    }
  }

  /* The shared .visually-hidden, made safe for the controls it is also used on here. */
  .visually-hidden {
    margin: -1px;
    padding: 0;
    border: 0;
  }
`,
];
