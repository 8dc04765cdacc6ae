import { css } from 'lit';
import { buttonStyles } from '../../styles/button-styles.js';
import { hostTokens } from '../../styles/host-tokens.js';
import { personWordsStyles } from '../../styles/person-words.js';

/*
 * Public tokens are `--care-*` and may be set on the element or on any ancestor (one theme for
 * every care-meet element); their defaults are resolved into private `--_*` copies, as in
 * <care-device-check>. The roster is built for a narrow side panel first and spreads out when
 * it has room (container queries on its own width, not the viewport's).
 */
export const styles = [
  hostTokens,
  buttonStyles,
  personWordsStyles,
  css`
  :host {
    --_warning: var(--care-color-warning, #8a4600);

    container-type: inline-size;
  }

  h2,
  h3,
  p,
  ul {
    margin: 0;
    padding: 0;
    font-size: 1rem;
  }

  h2 {
    font-size: 1.2rem;
  }

  h3 {
    font-size: 0.95rem;
  }

  ul {
    list-style: none;
  }

  .base {
    display: grid;
    gap: var(--_space);
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    min-width: 0;
  }

  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem;
  }

  h2:focus:not(:focus-visible) {
    outline: none;
  }

  .badge {
    display: inline-flex;
    align-items: center;
    gap: 0.35rem;
    padding: 0.15rem 0.7rem 0.15rem 0.5rem;
    border-radius: 1rem;
    background: var(--_raised);
    border: 1px solid var(--_control);
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }

  .badge[data-warning] {
    border-color: var(--_fail);
    color: var(--_fail);
    background: color-mix(in srgb, var(--_fail) 9%, var(--_surface));
  }

  .notice {
    padding: 0.5rem 0.75rem;
    border-radius: var(--_radius);
    background: var(--_raised);
  }

  .notice[data-kind='problem'],
  .error {
    color: var(--_fail);
    background: color-mix(in srgb, var(--_fail) 9%, var(--_surface));
    border-inline-start: 0.3rem solid var(--_fail);
  }

  .error {
    padding: 0.5rem 0.75rem;
    border-radius: var(--_radius);
  }

  /* The individual's consent: a quiet line once given, a warning while it is missing or not whole. */
  .consent {
    display: grid;
    justify-items: start;
    gap: 0.4rem;
    padding: 0.5rem 0.75rem;
    border-radius: var(--_radius);
    background: var(--_raised);
  }

  .consent[data-warning] {
    background: color-mix(in srgb, var(--_warning) 10%, var(--_surface));
    border-inline-start: 0.3rem solid var(--_warning);
  }

  /* Focused only from script, when its button goes away; the line is read, no ring needed. */
  .consent:focus {
    outline: none;
  }

  .consent-line,
  .dialog-problem {
    display: flex;
    align-items: flex-start;
    gap: 0.35rem;
    font-weight: 600;
  }

  .consent-line svg,
  .dialog-problem svg {
    margin-block-start: 0.2em;
  }

  .consent-line {
    color: var(--_warning);
  }

  .consent[data-state='given'] > .consent-line {
    color: var(--_pass);
  }

  /* Under the words of the line above, past its icon (1.1em at 1rem, and the gap). */
  .consent-how,
  .not-covered ul {
    padding-inline-start: 1.45rem;
  }

  .consent-how {
    color: var(--_muted);
    font-size: 0.9rem;
  }

  .not-covered {
    display: grid;
    gap: 0.2rem;
  }

  .not-covered ul,
  .consent-people {
    display: grid;
    gap: 0.2rem;
  }

  .not-covered li,
  .consent-people li {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0 0.5rem;
  }

  .consent-people {
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }

  .consent-people .added {
    color: var(--_warning);
    font-size: 0.9rem;
  }

  .dialog-problem {
    padding: 0.5rem 0.75rem;
    border-radius: var(--_radius);
    color: var(--_warning);
    background: color-mix(in srgb, var(--_warning) 10%, var(--_surface));
    border-inline-start: 0.3rem solid var(--_warning);
  }

  .consent-choice {
    display: flex;
    flex-wrap: wrap;
    gap: 0 1.5rem;
    margin: 0;
    padding: 0;
    border: 0;
  }

  .consent-choice legend {
    padding: 0;
    font-weight: 600;
  }

  .consent-choice label {
    display: inline-flex;
    align-items: center;
    gap: 0.5rem;
    min-block-size: 2.75rem;
    cursor: pointer;
  }

  .consent-choice input {
    inline-size: 1.25rem;
    block-size: 1.25rem;
    margin: 0;
    accent-color: var(--_primary);
  }

  .group {
    display: grid;
    gap: 0.4rem;
  }

  .group h3 {
    color: var(--_muted);
    text-transform: none;
  }

  .group-count {
    font-variant-numeric: tabular-nums;
  }

  .list {
    border-block-start: 1px solid var(--_border);
  }

  .person {
    display: grid;
    gap: 0.15rem var(--_space);
    padding: 0.6rem 0;
    border-block-end: 1px solid var(--_border);
    min-width: 0;
  }

  .person > * {
    min-width: 0;
    overflow-wrap: anywhere;
  }

  .name {
    font-weight: 600;
  }

  .role,
  .identity,
  .status,
  .stranger-at {
    color: var(--_muted);
    font-size: 0.9rem;
  }

  .typed-name {
    font-size: 0.9rem;
  }

  .status,
  .strangers h3,
  .call {
    display: inline-flex;
    align-items: center;
    gap: 0.3rem;
  }

  .flag {
    display: inline-flex;
    align-items: flex-start;
    gap: 0.3rem;
  }

  /* On the first line when the words wrap. */
  .flag svg {
    margin-block-start: 0.2em;
  }

  .status[data-status='connected'] {
    color: var(--_pass);
  }

  .status[data-status='removed'] {
    color: var(--_fail);
  }

  .no-show {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.15rem 0.9rem;
    justify-self: start;
    margin-block-start: 0.2rem;
    padding: 0.25rem 0.6rem;
    border-radius: var(--_radius);
    color: var(--_warning);
    background: color-mix(in srgb, var(--_warning) 10%, var(--_surface));
    font-weight: 600;
  }

  .call {
    color: var(--_primary);
    font-weight: 700;
    text-underline-offset: 0.15em;
    white-space: nowrap;
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin-block-start: 0.35rem;
  }

  /* Room enough: the buttons beside the person rather than under them. */
  @container (min-width: 30rem) {
    .person {
      grid-template-columns: minmax(0, 1fr) auto;
    }

    .person > :not(.actions) {
      grid-column: 1;
    }

    .actions {
      grid-column: 2;
      grid-row: 1 / span 5;
      align-self: center;
      margin: 0;
    }
  }

  .strangers {
    display: grid;
    gap: 0.4rem;
    padding: 0.75rem;
    border-radius: var(--_radius);
    color: var(--_fail);
    background: color-mix(in srgb, var(--_fail) 9%, var(--_surface));
    border: 2px solid var(--_fail);
  }

  .strangers h3 {
    font-size: 1rem;
    color: var(--_fail);
  }

  .strangers p {
    color: var(--_text);
  }

  .stranger {
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.5rem;
    align-items: baseline;
    color: var(--_text);
  }

  /* On a line of its own, where the other Remove buttons are. */
  .stranger .actions {
    flex-basis: 100%;
  }

  svg {
    inline-size: 1.1em;
    block-size: 1.1em;
    flex: none;
    fill: none;
    stroke: currentColor;
    stroke-width: 2.2;
    stroke-linecap: round;
    stroke-linejoin: round;
  }

  .danger {
    border-color: var(--_fail);
    color: var(--_fail);
  }

  @media (forced-colors: active) {
    .badge,
    .strangers,
    .no-show,
    .consent,
    .consent-people,
    .dialog-problem {
      border: 1px solid CanvasText;
    }
  }
`,
];
