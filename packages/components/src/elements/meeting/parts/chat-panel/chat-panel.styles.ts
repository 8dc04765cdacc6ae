import { css } from 'lit';
import { sidePanelStyles } from '../../../../styles/panels.js';
import { partStyles } from '../part.styles.js';

/* The chat, moved as it was from the room's styles (room.styles.ts), with the side panel's box and the error line it shared there. */
export const styles = [
  partStyles,
  sidePanelStyles,
  css`
    .chat-error:empty {
      display: none;
    }

    .chat-error {
      color: var(--_danger);
      font-weight: 600;
    }

    .chat-warning {
      padding: 0.4rem 0.6rem;
      border-radius: var(--_radius);
      font-size: 0.9rem;
      background: color-mix(in srgb, #b7791f 14%, var(--_surface));
    }

    .chat-log {
      list-style: none;
      display: grid;
      gap: 0.5rem;
      max-block-size: 18rem;
      overflow-y: auto;
    }

    .chat-log li {
      display: grid;
      grid-template-columns: 1fr auto;
      gap: 0 0.5rem;
      padding: 0.4rem 0.6rem;
      border-radius: var(--_radius);
      background: var(--_raised);
    }

    .chat-log li.mine {
      background: color-mix(in srgb, var(--_primary) 10%, var(--_surface));
    }

    .chat-log .from {
      font-weight: 600;
      font-size: 0.9rem;
    }

    .chat-log time {
      font-size: 0.8rem;
      color: var(--_muted);
    }

    .chat-log p {
      grid-column: 1 / -1;
      overflow-wrap: anywhere;
      white-space: pre-wrap;
    }

    .chat-form {
      display: grid;
      gap: 0.3rem;
    }

    .chat-form label {
      font-weight: 600;
    }

    .chat-row {
      display: flex;
      gap: 0.5rem;
      align-items: stretch;
    }

    .chat-row textarea {
      flex: 1;
      /* Its width is the row's, not its default 20 columns: those, beside a long Send ("Lähetä"),
         made the whole room wider than a 320 px phone. */
      inline-size: 0;
      resize: vertical;
    }

    textarea[aria-invalid='true'] {
      border-color: var(--_danger);
      outline: 1px solid var(--_danger);
    }
  `,
];
