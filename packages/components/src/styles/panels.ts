import { css } from 'lit';

/**
 * The room's side panels (the leader's tools, the device settings, the chat) and its form fields,
 * one set of rules for the room's own shadow root and for its parts that are elements (the leader's
 * tools, the chat's panel, the chat's and the evaluation's text boxes), so they stay alike.
 */
export const sidePanelStyles = css`
  .side-panel {
    display: grid;
    gap: 0.75rem;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
`;

export const fieldStyles = css`
  select,
  textarea {
    font: inherit;
    min-inline-size: 0;
    padding: 0.4rem 0.5rem;
    border: 1px solid var(--_control);
    border-radius: var(--_radius);
    color: var(--_text);
    background: var(--_surface);
  }
`;
