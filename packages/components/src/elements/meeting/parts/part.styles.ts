import { css } from 'lit';
import { buttonStyles } from '../../../styles/buttons.js';
import { hostTokens } from '../../../styles/host-tokens.js';
import { fieldStyles } from '../../../styles/panels.js';

/**
 * What every part of the room (the consent card, the chat, the evaluation form) starts from: the
 * tokens and buttons `<care-meeting>` has, and the same margins reset, so a part looks exactly as
 * it did when it was drawn in the meeting's own shadow root.
 */
export const partStyles = [
  hostTokens,
  buttonStyles,
  fieldStyles,
  css`
    :host {
      --_danger: var(--care-color-danger, #b0241b);
      --_on-danger: var(--care-color-on-danger, #fff);

      /*
       * No box of its own: the part's section is laid out by the room's grid (its gaps, the
       * evaluation's stretch in the end panel) as it was before it became an element, and a part
       * that shows nothing takes no place and no gap.
       */
      display: contents;
    }

    h3,
    p,
    ul,
    ol,
    fieldset {
      margin: 0;
      padding: 0;
    }

    h3 {
      font-size: 1.05rem;
    }

    h3:focus:not(:focus-visible) {
      outline: none;
    }

    .hint {
      color: var(--_muted);
    }
  `,
];
