/**
 * Why a camera or microphone could not be started. A stable code: the text a person reads is
 * chosen from it (and the browser) in the element's translations.
 *
 * - `permission-denied`: the person (or a policy) blocked the site in the browser.
 * - `system-denied`: the operating system blocks the browser (macOS/Windows privacy settings).
 * - `not-found`: no such device is connected.
 * - `in-use`: another program or tab holds the device (Windows cameras are exclusive).
 * - `unknown`: anything else, including a browser without `getUserMedia` (or a page that is not
 *   https, where browsers hide it): the browser check explains that case.
 */
export type MediaProblem = 'permission-denied' | 'system-denied' | 'not-found' | 'in-use' | 'unknown';

/**
 * Maps a `getUserMedia` rejection to a `MediaProblem`.
 *
 * @example
 * try { await navigator.mediaDevices.getUserMedia({ video: true }); }
 * catch (error) { classifyMediaError(error); } // 'permission-denied'
 */
export function classifyMediaError(error: unknown): MediaProblem {
  const { name = '', message = '' } = (error ?? {}) as { name?: string; message?: string };
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      // Chrome reports the operating system's privacy block as "Permission denied by system"
      // (seen in https://github.com/webrtc/samples/issues/1191).
      return /by system/i.test(message) ? 'system-denied' : 'permission-denied';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return 'not-found';
    // Firefox on Windows rejects with AbortError "Starting videoinput failed" when another app has the camera.
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return 'in-use';
    default:
      return 'unknown';
  }
}
