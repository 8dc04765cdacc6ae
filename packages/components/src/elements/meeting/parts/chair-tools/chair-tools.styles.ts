import { css } from 'lit';
import { sidePanelStyles } from '../../../../styles/panels.js';
import { partStyles } from '../part.styles.js';

/* The meeting leader's panel, moved as it was from the room's styles (room.styles.ts), with the side panel's box it shared there. */
export const styles = [
  partStyles,
  sidePanelStyles,
  css`
    .tools-error:empty {
      display: none;
    }

    .tools-error {
      color: var(--_danger);
      font-weight: 600;
    }

    .guide {
      display: grid;
      gap: 0.4rem;
      border: 0;
    }

    .guide legend {
      padding: 0;
      margin-block-end: 0.4rem;
      font-weight: 600;
    }

    .guide ol {
      list-style: none;
      display: grid;
      gap: 0.3rem;
    }

    .guide label {
      display: flex;
      gap: 0.5rem;
      align-items: flex-start;
      cursor: pointer;
    }

    input[type='checkbox'] {
      inline-size: 1.15rem;
      block-size: 1.15rem;
      margin: 0.15rem 0 0;
      flex: none;
      accent-color: var(--_primary);
    }

    .guide input:checked + span {
      color: var(--_muted);
      text-decoration: line-through;
    }

    .end {
      justify-self: stretch;
    }
  `,
];
