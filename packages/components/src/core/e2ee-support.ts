/**
 * Whether this browser can encrypt a meeting end to end, asked before joining (issue #19): the same
 * test as livekit-client's `isE2EESupported()` (src/e2ee/utils.ts), here so that the pre-join path
 * can ask without loading livekit-client. Chromium has insertable streams
 * (`RTCRtpSender.prototype.createEncodedStreams`); Firefox and Safari have `RTCRtpScriptTransform`.
 *
 * @example
 * if (meeting.e2ee && !e2eeSupported()) showRefusal();
 */
export function e2eeSupported(): boolean {
  if (typeof window === 'undefined') return false;
  const scriptTransform = typeof (window as { RTCRtpScriptTransform?: unknown }).RTCRtpScriptTransform !== 'undefined';
  const insertableStreams =
    typeof window.RTCRtpSender !== 'undefined' &&
    typeof (window.RTCRtpSender.prototype as { createEncodedStreams?: unknown }).createEncodedStreams !== 'undefined';
  return scriptTransform || insertableStreams;
}
