import { css } from 'lit';

/**
 * How a person is written in `<care-roster>` and in its `<care-lobby-list>`: the name and role on
 * one line that wraps, the masked identity number's digits aligned and kept together, and a typed
 * name that differs from the proven one in the warning colour (each element sets `--_warning`).
 */
export const personWordsStyles = css`
  .who {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0 0.5rem;
  }

  .identity .masked {
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }

  .typed-name[data-differs] strong {
    color: var(--_warning);
  }
`;
