import { css } from 'lit';
import { hostTokens } from '../../styles/host-tokens.js';

/*
 * The same public tokens as every care-meet element (`--care-*`, set on the element or any
 * ancestor), resolved into private `--_*` copies: declaring `--care-*` itself on :host would
 * override what an ancestor sets.
 */
export const styles = [
  hostTokens,
  css`
  /* The host vouched: nothing to show, and no empty box taking room. */
  :host(:state(vouched)) {
    display: none;
  }

  h2,
  h3,
  p {
    margin: 0;
    font-size: 1rem;
  }

  h2 {
    font-size: 1.3rem;
  }

  h3,
  label,
  button {
    font-weight: 600;
  }

  .base,
  .method,
  .form,
  .error,
  .done {
    display: grid;
    gap: calc(var(--_space) * 0.75);
    justify-items: start;
    min-width: 0;
  }

  .base {
    gap: var(--_space);
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  .form {
    gap: 0.35rem;
  }

  .error {
    padding: var(--_space);
    border-radius: var(--_radius);
    border-inline-start: 0.3rem solid var(--_fail);
    background: color-mix(in srgb, var(--_fail) 9%, var(--_surface));
  }

  .error h3,
  .done h3 {
    display: flex;
    align-items: center;
    gap: 0.4rem;
  }

  .error h3 {
    color: var(--_fail);
  }

  .done h3 {
    color: var(--_pass);
  }

  /* A host's <p slot="support"> keeps its page margins otherwise, and the box grows lopsided. */
  ::slotted([slot='support']) {
    margin-block: 0;
  }

  .hint {
    color: var(--_muted);
  }

  .actions,
  .progress {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }

  /* The row's own width, not its content's: an input sized in % of it would otherwise wrap its button. */
  .method,
  .form,
  .actions {
    justify-self: stretch;
  }

  .progress {
    color: var(--_muted);
  }

  svg {
    inline-size: 1.2em;
    block-size: 1.2em;
    flex: none;
    fill: none;
    stroke: currentColor;
    stroke-width: 2.4;
    stroke-linecap: round;
    stroke-linejoin: round;
  }

  .spinner {
    color: var(--_primary);
    animation: spin 0.9s linear infinite;
  }

  @keyframes spin {
    to {
      transform: rotate(1turn);
    }
  }

  button,
  input {
    /* Inputs are content-box by default: the same min-block-size would make them taller than buttons. */
    box-sizing: border-box;
    font: inherit;
    color: inherit;
    min-block-size: 2.75rem;
    border: 1px solid var(--_control);
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  button {
    display: inline-flex;
    align-items: center;
    gap: 0.4rem;
    padding: 0.4rem 1rem;
    cursor: pointer;
  }

  /* Still focusable and announced while a request runs; clicks are ignored until it ends. */
  button[aria-disabled='true'] {
    cursor: progress;
  }

  .primary {
    border-color: var(--_primary);
    background: var(--_primary);
    color: var(--_on-primary);
  }

  input {
    inline-size: min(100%, 20rem);
    padding: 0.4rem 0.75rem;
  }

  #code {
    inline-size: 8.5em;
    font-size: 1.25rem;
    letter-spacing: 0.15em;
    font-variant-numeric: tabular-nums;
  }

  input[aria-invalid='true'] {
    border-color: var(--_fail);
    box-shadow: inset 0 0 0 1px var(--_fail);
  }

  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation: none;
    }
  }
`,
];
