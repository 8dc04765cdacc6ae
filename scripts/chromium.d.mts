/** The Chromium binary: `CHROMIUM_PATH`, or Debian's. */
export declare const CHROMIUM_PATH: string;
/** Flags for a quiet, headless test browser; each suite adds its own (fake media, permissions). */
export declare const CHROMIUM_ARGS: readonly string[];
