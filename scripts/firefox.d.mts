/** The Firefox binary: `FIREFOX_PATH`, or Debian's Firefox ESR. */
export declare const FIREFOX_PATH: string;
/** Preferences for a quiet test Firefox with fake camera and microphone, prompts accepted. */
export declare const FIREFOX_PREFS: Readonly<Record<string, string | number | boolean>>;
/** The same, with camera and microphone blocked (getUserMedia rejects with NotAllowedError). */
export declare const FIREFOX_PREFS_BLOCKED: Readonly<Record<string, string | number | boolean>>;
