import { css } from 'lit';

/**
 * What every care-meet element's styles start from: the colour, shape and type tokens a host
 * overrides with `--care-*` custom properties (each element documents them in its JSDoc), read
 * inside through private `--_*` names; the `[hidden]` rule; the focus ring; and the
 * `.visually-hidden` text for screen readers. An element adds the tokens only it uses (warning,
 * danger) in its own styles.
 */
export const hostTokens = css`
  :host {
    --_text: var(--care-color-text, #1b1f24);
    --_muted: var(--care-color-text-muted, #49525c);
    --_surface: var(--care-color-surface, #fff);
    --_border: var(--care-color-border, #d5dae0);
    --_control: var(--care-color-control-border, #68717b);
    --_primary: var(--care-color-primary, #0b5cab);
    --_on-primary: var(--care-color-on-primary, #fff);
    --_pass: var(--care-color-pass, #146c34);
    --_fail: var(--care-color-fail, #b0241b);
    --_raised: var(--care-color-surface-raised, #f3f5f7);
    --_radius: var(--care-radius, 0.5rem);
    --_space: var(--care-space, 1rem);

    display: block;
    color: var(--_text);
    font: 1rem/1.45 var(--care-font-family, system-ui, sans-serif);
  }

  [hidden] {
    display: none !important;
  }

  :focus-visible {
    outline: 3px solid var(--care-color-focus, var(--_primary));
    outline-offset: 2px;
  }

  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
