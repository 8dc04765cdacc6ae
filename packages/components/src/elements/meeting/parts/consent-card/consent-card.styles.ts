import { css } from 'lit';
import { partStyles } from '../part.styles.js';

/* The individual's consent card, moved as it was from the room's styles (room.styles.ts). */
export const styles = [
  partStyles,
  css`
    .consent {
      position: relative;
      display: grid;
      gap: 0.6rem;
      justify-items: start;
      padding: var(--_space);
      border: 1px solid var(--_border);
      border-inline-start: 0.3rem solid var(--_primary);
      border-radius: var(--_radius);
      background: var(--_surface);
    }

    .consent[data-state='recorded'] {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1rem;
      align-items: center;
      justify-content: space-between;
      padding-block: 0.5rem;
      border-inline-start-color: var(--_pass);
    }

    .consent-changed {
      justify-self: stretch;
      padding: 0.4rem 0.75rem;
      border-radius: var(--_radius);
      font-weight: 600;
      background: color-mix(in srgb, #b7791f 14%, var(--_surface));
      border-inline-start: 0.3rem solid #b7791f;
    }

    .consent h3 {
      font-size: 1.15rem;
    }

    .consent-question {
      font-size: 1.05rem;
    }

    .consent-people {
      list-style: none;
      display: grid;
      gap: 0.3rem;
      justify-self: stretch;
      max-inline-size: 40rem;
    }

    .consent-people li {
      display: flex;
      flex-wrap: wrap;
      gap: 0.1rem 0.6rem;
      align-items: baseline;
      padding: 0.35rem 0.75rem;
      border-radius: var(--_radius);
      background: var(--_raised);
    }

    .consent-people .name {
      font-weight: 600;
    }

    .consent-people .you {
      font-weight: 400;
    }

    .consent-people .role {
      color: var(--_muted);
    }

    .consent-people .new {
      padding: 0 0.5rem;
      border-radius: 1rem;
      font-size: 0.85rem;
      color: var(--_on-primary);
      background: var(--_primary);
    }

    .consent-error:empty {
      display: none;
    }

    .consent-error {
      color: var(--_danger);
      font-weight: 600;
    }

    .consent-actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }

    /* Empty until consent is recorded, yet in the page from the start so the thank-you is read out. */
    .consent-done:empty {
      position: absolute;
      inline-size: 1px;
      block-size: 1px;
      overflow: hidden;
      clip-path: inset(50%);
    }

    .consent-done {
      font-weight: 600;
      color: var(--_pass);
    }

    button[aria-disabled='true'] {
      cursor: default;
      opacity: 0.6;
    }
  `,
];
