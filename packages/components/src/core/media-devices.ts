import { classifyMediaError, type MediaProblem } from './media-problem.js';

/** The three devices a person chooses; named for people, not for `MediaDeviceKind`. */
export type DeviceKind = 'camera' | 'microphone' | 'speaker';
export type InputKind = Exclude<DeviceKind, 'speaker'>;

export interface DeviceOption {
  readonly id: string;
  /** Empty until the person has granted access; the element then shows "Camera 1". */
  readonly label: string;
}

export type DeviceLists = Readonly<Record<DeviceKind, readonly DeviceOption[]>>;

export const NO_DEVICES: DeviceLists = { camera: [], microphone: [], speaker: [] };

const KIND_OF: Readonly<Record<MediaDeviceKind, DeviceKind>> = {
  videoinput: 'camera',
  audioinput: 'microphone',
  audiooutput: 'speaker',
};

/**
 * Lists cameras, microphones and speakers. Before access is granted browsers list anonymous
 * placeholders without ids; those are left out, so the lists are empty until then.
 *
 * @example
 * const { camera } = await listDevices(navigator.mediaDevices);
 */
export async function listDevices(mediaDevices: MediaDevices): Promise<DeviceLists> {
  const lists: Record<DeviceKind, DeviceOption[]> = { camera: [], microphone: [], speaker: [] };
  for (const device of await mediaDevices.enumerateDevices()) {
    if (device.deviceId) lists[KIND_OF[device.kind]].push({ id: device.deviceId, label: device.label });
  }
  return lists;
}

/** One opened input: its live track, or why it could not be opened. */
export type OpenedInput = { track: MediaStreamTrack; problem?: undefined } | { track?: undefined; problem: MediaProblem };

/** Which inputs to open, each with a device id or `undefined` for the browser's default. */
export type InputRequest = Partial<Record<InputKind, string | undefined>>;

// The browser's default resolution is plenty for "do you see yourself?", and light on slow devices.
const constraints = (deviceId: string | undefined): MediaTrackConstraints => (deviceId ? { deviceId: { exact: deviceId } } : {});

async function request(mediaDevices: MediaDevices, wanted: InputRequest): Promise<Partial<Record<InputKind, OpenedInput>>> {
  const stream = await mediaDevices.getUserMedia({
    video: 'camera' in wanted && constraints(wanted.camera),
    audio: 'microphone' in wanted && constraints(wanted.microphone),
  });
  const opened: Partial<Record<InputKind, OpenedInput>> = {};
  for (const track of stream.getTracks()) opened[track.kind === 'video' ? 'camera' : 'microphone'] = { track };
  return opened;
}

async function openOne(mediaDevices: MediaDevices, kind: InputKind, deviceId: string | undefined): Promise<OpenedInput> {
  try {
    const opened = (await request(mediaDevices, { [kind]: deviceId }))[kind];
    return opened ?? { problem: 'not-found' };
  } catch (error) {
    const problem = classifyMediaError(error);
    // A remembered device that has since been unplugged: fall back to the default one.
    if (deviceId && problem === 'not-found') return openOne(mediaDevices, kind, undefined);
    return { problem };
  }
}

/**
 * Opens camera and/or microphone with one permission prompt, and says per device what went wrong.
 * When the joint request fails for a reason other than a block, each device is tried alone to
 * find out which one failed (a camera held by another program should not cost the microphone).
 * A block is not retried: asking again would show Firefox's and Safari's prompt again. One
 * request for both also means one prompt: Safari asks again on every page load unless the person
 * chose "Allow" in its website settings (https://webkit.org/blog/7763/a-closer-look-into-webrtc/),
 * so every separate request there can be one more prompt.
 *
 * @example
 * const { camera, microphone } = await openInputs(navigator.mediaDevices, { camera: undefined, microphone: savedId });
 * if (camera?.problem) showGuidance(camera.problem);
 */
export async function openInputs(mediaDevices: MediaDevices | undefined, wanted: InputRequest): Promise<Partial<Record<InputKind, OpenedInput>>> {
  const kinds = Object.keys(wanted) as InputKind[];
  const all = (problem: MediaProblem) => Object.fromEntries(kinds.map((kind) => [kind, { problem }]));
  // No `navigator.mediaDevices`: an old browser, or a page that is not https. The browser check says which.
  if (!mediaDevices) return all('unknown');
  try {
    return { ...all('not-found'), ...(await request(mediaDevices, wanted)) };
  } catch (error) {
    const problem = classifyMediaError(error);
    if (problem === 'permission-denied' || problem === 'system-denied') {
      return all(problem);
    }
  }
  const opened: Partial<Record<InputKind, OpenedInput>> = {};
  for (const kind of kinds) opened[kind] = await openOne(mediaDevices, kind, wanted[kind]);
  return opened;
}
