import { css } from 'lit';

/**
 * The buttons of `<care-meeting>` and of the room's parts drawn inside it (the consent card, the
 * chat, the evaluation form), one set of rules so the parts' buttons look like the room's: plain,
 * `.primary` and `.danger`, which read `--_danger` and `--_on-danger` from the element's own tokens.
 */
export const buttonStyles = css`
  button {
    font: inherit;
    font-weight: 600;
    min-block-size: 2.75rem;
    padding: 0.45rem 1rem;
    border: 1px solid var(--_control);
    border-radius: var(--_radius);
    color: var(--_text);
    background: var(--_surface);
    cursor: pointer;
  }

  button:hover {
    background: var(--_raised);
  }

  button.primary {
    border-color: var(--_primary);
    color: var(--_on-primary);
    background: var(--_primary);
  }

  button.primary:hover {
    background: color-mix(in srgb, var(--_primary) 85%, #000);
  }

  button.danger {
    border-color: var(--_danger);
    color: var(--_on-danger);
    background: var(--_danger);
  }

  button.danger:hover {
    background: color-mix(in srgb, var(--_danger) 85%, #000);
  }

  button:disabled {
    cursor: default;
    opacity: 0.6;
  }
`;
