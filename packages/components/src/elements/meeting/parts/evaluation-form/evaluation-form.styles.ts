import { css } from 'lit';
import { partStyles } from '../part.styles.js';

/* The evaluation form, moved as it was from the room's styles (room.styles.ts), with the choices and the error line it shared there. */
export const styles = [
  partStyles,
  css`
    .evaluation-error:empty {
      display: none;
    }

    .evaluation-error {
      color: var(--_danger);
      font-weight: 600;
    }

    .choice {
      display: flex;
      gap: 0.5rem;
      align-items: flex-start;
      cursor: pointer;
    }

    input[type='radio'] {
      inline-size: 1.15rem;
      block-size: 1.15rem;
      margin: 0.15rem 0 0;
      flex: none;
      accent-color: var(--_primary);
    }

    .evaluation {
      display: grid;
      gap: var(--_space);
      justify-self: stretch;
      max-inline-size: 44rem;
      padding-block-start: var(--_space);
      border-block-start: 1px solid var(--_border);
    }

    .question {
      display: grid;
      gap: 0.4rem;
      border: 0;
    }

    .question legend,
    .question > label {
      padding: 0;
      margin-block-end: 0.3rem;
      font-weight: 600;
    }

    .choices {
      display: flex;
      flex-wrap: wrap;
      gap: 0.4rem 1.2rem;
    }

    .evaluation-actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1rem;
      align-items: center;
    }

    .evaluation-done {
      font-weight: 600;
      color: var(--_pass);
    }
  `,
];
