import { css } from 'lit';

/**
 * The buttons `<care-roster>` and the confirmation it shares with `<care-meeting>` draw: one
 * outline, 44px high, and the filled primary one. An element adds its own tones (the roster's red
 * outline, the confirmation's filled red) after this in its styles.
 */
export const buttonStyles = css`
  button {
    font: inherit;
    font-weight: 600;
    color: inherit;
    min-block-size: 2.75rem;
    padding: 0.35rem 0.9rem;
    border: 1px solid var(--_control);
    border-radius: var(--_radius);
    background: var(--_surface);
    cursor: pointer;
  }

  /* Busy (waiting for the server): still focusable and named, so it is not lost to a screen reader. */
  button[aria-disabled='true'] {
    cursor: progress;
    opacity: 0.7;
  }

  .primary {
    border-color: var(--_primary);
    background: var(--_primary);
    color: var(--_on-primary);
  }
`;
