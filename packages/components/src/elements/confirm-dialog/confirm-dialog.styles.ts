import { css } from 'lit';
import { buttonStyles } from '../../styles/button-styles.js';
import { hostTokens } from '../../styles/host-tokens.js';

/*
 * The one confirmation's look, wherever it is used (<care-meeting>'s room and <care-roster>): a
 * box over a dimmed page, the question, and Cancel beside the action. Tokens are the host's
 * `--care-*` (host-tokens.ts); they inherit through the parent's shadow root, so a theme set on
 * the parent or the page reaches the dialog too.
 */
export const styles = [
  hostTokens,
  buttonStyles,
  css`
  :host {
    /* The meeting calls it danger, the roster fail; both default to the same red. */
    --_danger: var(--care-color-danger, var(--care-color-fail, #b0241b));
    --_on-danger: var(--care-color-on-danger, var(--care-color-on-primary, #fff));

    display: contents;
  }

  dialog {
    max-inline-size: min(28rem, calc(100vw - 2rem));
    padding: var(--_space);
    border: 1px solid var(--_control);
    border-radius: var(--_radius);
    color: var(--_text);
    background: var(--_surface);
    box-shadow: 0 0.5rem 2rem rgb(0 0 0 / 0.25);
  }

  dialog::backdrop {
    background: rgb(0 0 0 / 0.45);
  }

  form,
  .text {
    display: grid;
    gap: var(--_space);
  }

  h2,
  p {
    margin: 0;
    padding: 0;
    font-size: 1rem;
  }

  h2 {
    font-size: 1.1rem;
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    justify-content: end;
    gap: 0.5rem;
  }

  button:hover {
    background: var(--_raised);
  }

  .primary:hover {
    background: color-mix(in srgb, var(--_primary) 85%, #000);
  }

  .danger {
    border-color: var(--_danger);
    background: var(--_danger);
    color: var(--_on-danger);
  }

  .danger:hover {
    background: color-mix(in srgb, var(--_danger) 85%, #000);
  }
`,
];
