import type { BrowserFeature, BrowserName, BrowserSupport } from './browser-support.js';
import type { ConnectionProblem, ConnectionReport } from './connection-check.js';
import type { MediaCheckState } from './media-check.js';
import type { MediaProblem } from './media-problem.js';

export type CheckName = 'camera' | 'microphone' | 'speaker' | 'connection' | 'browser';
export const CHECK_NAMES: readonly CheckName[] = ['camera', 'microphone', 'speaker', 'connection', 'browser'];

/** The outcome of one check. */
export type CheckStatus = 'pass' | 'fail' | 'skipped';

/**
 * Where a check stands while the person is still at it: not started, being probed, waiting for
 * the person (to answer, or to speak), or an outcome.
 */
export type CheckProgress = 'idle' | 'running' | 'waiting' | CheckStatus;

/** Why a check did not pass; absent on pass. */
export type CameraDetail = MediaProblem | 'not-seen' | 'unanswered' | 'not-started';
export type MicrophoneDetail = MediaProblem | 'silent' | 'not-started';
export type SpeakerDetail = 'not-heard' | 'playback-failed' | 'unanswered';
export type ConnectionDetail = ConnectionProblem | 'not-configured' | 'unfinished';
export type BrowserDetail = 'unsupported' | 'insecure-context';

export interface CheckResult<Detail extends string> {
  status: CheckStatus;
  /** A stable code saying why, when the status is not `pass`. */
  detail?: Detail;
}

/** What `care-device-check-complete` carries. */
export interface DeviceCheckResults {
  camera: CheckResult<CameraDetail>;
  microphone: CheckResult<MicrophoneDetail>;
  speaker: CheckResult<SpeakerDetail>;
  connection: CheckResult<ConnectionDetail> & { rttMs?: number };
  browser: CheckResult<BrowserDetail> & { name: BrowserName; version?: number; missing: BrowserFeature[] };
  /** The devices in use at the end: pass them to the meeting so it opens the same ones. */
  devices: { camera?: string; microphone?: string; speaker?: string };
  /** Round trip to the media server in milliseconds, when it was reached. */
  rttMs?: number;
}

export function cameraProgress({ camera, answers }: MediaCheckState): CheckProgress {
  if (camera.status === 'idle') return 'idle';
  if (camera.status === 'starting') return 'running';
  if (camera.status === 'error') return 'fail';
  return answers.camera === undefined ? 'waiting' : answers.camera ? 'pass' : 'fail';
}

export function microphoneProgress({ microphone, heard }: MediaCheckState): CheckProgress {
  if (microphone.status === 'idle') return 'idle';
  if (microphone.status === 'starting') return 'running';
  if (microphone.status === 'error') return 'fail';
  return heard ? 'pass' : 'waiting';
}

export function speakerProgress({ speaker, answers }: MediaCheckState): CheckProgress {
  if (answers.speaker !== undefined) return answers.speaker ? 'pass' : 'fail';
  if (speaker.tone === 'error') return 'fail';
  if (speaker.tone === 'playing') return 'running';
  return speaker.tone === 'played' ? 'waiting' : 'idle';
}

/** `report` is the last finished check; `pending` while one is under way. */
export function connectionProgress(report: ConnectionReport | undefined, pending: boolean): CheckProgress {
  return pending || !report ? 'running' : report.status;
}

export function browserProgress(support: BrowserSupport): CheckProgress {
  return support.supported ? 'pass' : 'fail';
}

const outcome = <Detail extends string>(progress: CheckProgress, detail: Detail): CheckResult<Detail> =>
  progress === 'pass' ? { status: 'pass' } : { status: progress === 'fail' ? 'fail' : 'skipped', detail };

/**
 * Turns what the person did into the results the element reports: anything still under way
 * when they finish counts as `skipped`, a microphone that never heard them as `fail`.
 *
 * @example
 * collectResults(mediaCheck.value, report, false, checkBrowserSupport()).camera; // { status: 'pass' }
 */
export function collectResults(
  media: MediaCheckState,
  connection: ConnectionReport | undefined,
  connectionPending: boolean,
  browser: BrowserSupport,
): DeviceCheckResults {
  const { camera, microphone, answers, speaker } = media;
  const mic = microphoneProgress(media);
  const link: DeviceCheckResults['connection'] =
    connectionPending || !connection
      ? outcome('skipped', 'unfinished')
      : connection.status === 'skipped'
        ? outcome('skipped', 'not-configured')
        : outcome(connection.status, connection.problem ?? 'server-unreachable');
  const devices = { camera: camera.deviceId, microphone: microphone.deviceId, speaker: speaker.deviceId };
  const results: DeviceCheckResults = {
    camera: outcome(cameraProgress(media), camera.problem ?? (camera.status !== 'live' ? 'not-started' : answers.camera === false ? 'not-seen' : 'unanswered')),
    // Live but never heard: the person was asked to speak, so that is a failure, not a skip.
    microphone: outcome(mic === 'waiting' ? 'fail' : mic, microphone.problem ?? (mic === 'waiting' ? 'silent' : 'not-started')),
    speaker: outcome(speakerProgress(media), answers.speaker === false ? 'not-heard' : speaker.tone === 'error' ? 'playback-failed' : 'unanswered'),
    connection: link,
    browser: {
      ...outcome<BrowserDetail>(browserProgress(browser), browser.secure ? 'unsupported' : 'insecure-context'),
      name: browser.browser.name,
      version: browser.browser.version,
      missing: browser.missing,
    },
    // Leave out what is not known rather than carry `undefined` in the event.
    devices: JSON.parse(JSON.stringify(devices)) as DeviceCheckResults['devices'],
  };
  if (connection?.rttMs !== undefined && link.status === 'pass') results.rttMs = link.rttMs = connection.rttMs;
  return results;
}
