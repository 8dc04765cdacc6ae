import { css } from 'lit';
import { hostTokens } from '../../styles/host-tokens.js';

/*
 * Public tokens are `--care-*` and may be set on the element or on any ancestor (one theme for
 * every care-meet element). Their defaults are resolved here into private `--_*` copies: declaring
 * `--care-*` itself on :host would override what an ancestor sets.
 */
export const styles = [
  hostTokens,
  css`
  :host {
    /* Lay out by the element's own width: hosts embed it in columns and dialogs. */
    container-type: inline-size;
  }

  h2,
  h3,
  p,
  dl,
  dd,
  ul {
    margin: 0;
    padding: 0;
    font-size: 1rem;
  }

  h2 {
    font-size: 1.3rem;
  }

  h3,
  dt,
  button,
  .chooser,
  .question p,
  .status {
    font-weight: 600;
  }

  .base,
  .check,
  .start,
  .guidance,
  .done,
  .checks,
  .devices,
  .chooser,
  .rows,
  .results {
    display: grid;
    gap: var(--_space);
    align-items: start;
    min-width: 0;
  }

  .base,
  .check,
  .start,
  .guidance,
  .done,
  .devices {
    padding: var(--_space);
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  .base,
  .check {
    border: 1px solid var(--_border);
  }

  .start,
  .done,
  .devices {
    background: var(--_raised);
  }

  .guidance {
    background: color-mix(in srgb, var(--_fail) 9%, var(--_surface));
    border-inline-start: 0.3rem solid var(--_fail);
  }

  .check,
  .chooser,
  .rows,
  .results {
    gap: 0.5rem;
  }

  .start,
  .guidance,
  .done {
    justify-items: start;
  }

  .devices {
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 12rem), 1fr));
  }

  /* Wide enough: the picture on the left, the other checks stacked beside it. */
  @container (min-width: 38rem) {
    .checks {
      grid-template-columns: 1fr 1fr;
    }

    .check-camera {
      grid-row: span 4;
    }
  }

  .header,
  .check-head,
  .question,
  .footer,
  .rows div {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem var(--_space);
  }

  .header > div {
    flex: 1 1 18rem;
  }

  .question {
    justify-content: start;
  }

  .footer {
    justify-content: end;
  }

  .hint {
    color: var(--_muted);
  }

  .status,
  dd {
    display: inline-flex;
    align-items: center;
    gap: 0.3rem;
    color: var(--_on, var(--_muted));
  }

  .status {
    padding: 0.1rem 0.6rem 0.1rem 0.4rem;
    border-radius: 1rem;
    background: color-mix(in srgb, var(--_on, var(--_muted)) 11%, var(--_surface));
  }

  [data-status='pass'] {
    --_on: var(--_pass);
  }

  [data-status='fail'] {
    --_on: var(--_fail);
  }

  [data-status='waiting'] {
    --_on: var(--_primary);
    box-shadow: inset 0 0 0 1px;
  }

  svg {
    inline-size: 1.1em;
    block-size: 1.1em;
    flex: none;
    fill: none;
    stroke: currentColor;
    stroke-width: 2.6;
    stroke-linecap: round;
  }

  .spinner {
    animation: spin 0.9s linear infinite;
  }

  @keyframes spin {
    to {
      transform: rotate(1turn);
    }
  }

  .frame {
    display: grid;
    place-items: center;
    aspect-ratio: 4 / 3;
    border-radius: var(--_radius);
    overflow: hidden;
    background: #1b1f24;
    color: #fff;
    text-align: center;
  }

  .frame p {
    padding: var(--_space);
  }

  video {
    inline-size: 100%;
    block-size: 100%;
    object-fit: cover;
    /* A mirror image, as people expect to see themselves. */
    transform: scaleX(-1);
  }

  .advice {
    padding-inline-start: 0.6rem;
    border-inline-start: 0.2rem solid var(--_control);
  }

  .meter {
    block-size: 1.25rem;
    border: 1px solid var(--_control);
    border-radius: 1rem;
    overflow: hidden;
  }

  .meter-fill {
    block-size: 100%;
    background: var(--_primary);
    transform-origin: left;
    transform: scaleX(0);
    transition: transform 80ms linear;
  }

  ul {
    list-style: none;
  }

  .results li {
    display: grid;
    grid-template-columns: 9rem auto;
    align-items: center;
    justify-items: start;
  }

  button,
  select {
    font: inherit;
    color: inherit;
    min-block-size: 2.75rem;
    padding: 0.4rem 1rem;
    border: 1px solid var(--_control);
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  select {
    inline-size: 100%;
  }

  button {
    display: inline-flex;
    align-items: center;
    gap: 0.4rem;
    cursor: pointer;
  }

  .primary,
  [aria-pressed='true'] {
    border-color: var(--_primary);
    background: var(--_primary);
    color: var(--_on-primary);
  }

  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation: none;
    }

    .meter-fill {
      transition: none;
    }
  }

  @media (forced-colors: active) {
    .meter-fill {
      background: Highlight;
    }
  }
`,
];
