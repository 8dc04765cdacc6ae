import { expect } from '@open-wc/testing';

import { listDevices, openInputs } from './media-devices.js';
import { classifyMediaError } from './media-problem.js';

const failure = (name: string, message = '') => new DOMException(message, name);

/** A MediaDevices whose getUserMedia answers per request, recording what was asked. */
function fakeMediaDevices(answer: (constraints: MediaStreamConstraints) => MediaStream | DOMException) {
  const requests: MediaStreamConstraints[] = [];
  const mediaDevices = {
    async getUserMedia(constraints: MediaStreamConstraints) {
      requests.push(constraints);
      const result = answer(constraints);
      if (result instanceof DOMException) throw result;
      return result;
    },
  } as unknown as MediaDevices;
  return { mediaDevices, requests };
}

function canvasTrack(): MediaStreamTrack {
  return document.createElement('canvas').captureStream().getVideoTracks()[0]!;
}

function audioTrack(context: AudioContext): MediaStreamTrack {
  return context.createMediaStreamDestination().stream.getAudioTracks()[0]!;
}

describe('classifyMediaError', () => {
  it('maps getUserMedia rejections to what the person has to do', () => {
    expect(classifyMediaError(failure('NotAllowedError', 'Permission denied'))).to.equal('permission-denied');
    expect(classifyMediaError(failure('NotAllowedError', 'Permission denied by system'))).to.equal('system-denied');
    expect(classifyMediaError(failure('NotFoundError'))).to.equal('not-found');
    expect(classifyMediaError(failure('OverconstrainedError'))).to.equal('not-found');
    expect(classifyMediaError(failure('NotReadableError', 'Could not start video source'))).to.equal('in-use');
    expect(classifyMediaError(failure('AbortError', 'Starting videoinput failed'))).to.equal('in-use');
    expect(classifyMediaError(new TypeError('nope'))).to.equal('unknown');
    expect(classifyMediaError(undefined)).to.equal('unknown');
  });
});

describe('openInputs', () => {
  const context = new AudioContext();
  after(() => context.close());

  it('opens camera and microphone with one request', async () => {
    const video = canvasTrack();
    const audio = audioTrack(context);
    const { mediaDevices, requests } = fakeMediaDevices(() => new MediaStream([video, audio]));
    const opened = await openInputs(mediaDevices, { camera: undefined, microphone: 'mic-1' });
    expect(opened.camera?.track).to.equal(video);
    expect(opened.microphone?.track).to.equal(audio);
    expect(requests).to.have.length(1);
    expect((requests[0]!.audio as MediaTrackConstraints).deviceId).to.deep.equal({ exact: 'mic-1' });
  });

  it('finds out which device failed when one is held by another program', async () => {
    const audio = audioTrack(context);
    const { mediaDevices, requests } = fakeMediaDevices((constraints) => (constraints.video ? failure('NotReadableError') : new MediaStream([audio])));
    const opened = await openInputs(mediaDevices, { camera: undefined, microphone: undefined });
    expect(opened.camera).to.deep.equal({ problem: 'in-use' });
    expect(opened.microphone?.track).to.equal(audio);
    expect(requests).to.have.length(3);
  });

  it('does not ask again after a block, which would prompt again in Firefox and Safari', async () => {
    const { mediaDevices, requests } = fakeMediaDevices(() => failure('NotAllowedError'));
    const opened = await openInputs(mediaDevices, { camera: undefined, microphone: undefined });
    expect(opened).to.deep.equal({ camera: { problem: 'permission-denied' }, microphone: { problem: 'permission-denied' } });
    expect(requests).to.have.length(1);
  });

  it('falls back to the default device when a remembered one has gone', async () => {
    const video = canvasTrack();
    const { mediaDevices, requests } = fakeMediaDevices((constraints) =>
      (constraints.video as MediaTrackConstraints).deviceId ? failure('OverconstrainedError') : new MediaStream([video]),
    );
    const opened = await openInputs(mediaDevices, { camera: 'unplugged-camera' });
    expect(opened.camera?.track).to.equal(video);
    expect(requests.map((r) => (r.video as MediaTrackConstraints).deviceId)).to.deep.equal([
      { exact: 'unplugged-camera' },
      { exact: 'unplugged-camera' },
      undefined,
    ]);
  });

  it('reports every device as unknown when the browser has no getUserMedia', async () => {
    expect(await openInputs(undefined, { camera: undefined })).to.deep.equal({ camera: { problem: 'unknown' } });
  });
});

describe('listDevices', () => {
  it('lists the fake devices by kind, after access is granted', async () => {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    try {
      const lists = await listDevices(navigator.mediaDevices);
      expect(lists.camera.map((d) => d.label)).to.include('fake_device_0');
      expect(lists.microphone.map((d) => d.label)).to.include('Fake Audio Input 1');
      expect(lists.speaker.map((d) => d.label)).to.include('Fake Audio Output 1');
      expect(lists.microphone.every((d) => d.id.length > 0)).to.equal(true);
    } finally {
      stream.getTracks().forEach((track) => track.stop());
    }
  });
});
