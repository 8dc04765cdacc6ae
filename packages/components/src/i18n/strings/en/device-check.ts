import type { DeviceCheckStrings } from '../device-check.js';
import { strings as guidance } from './media-guidance.js';

/** English: see `DeviceCheckStrings` in ../device-check.ts. */
export const strings: DeviceCheckStrings = {
  ...guidance,
  title: 'Check your camera, microphone and sound',
  intro: 'It takes a minute, and nothing is recorded.',
  start: 'Start the check',
  startHint: 'Your browser will ask to use the camera and microphone. Choose Allow.',
  check: { camera: 'Camera', microphone: 'Microphone', speaker: 'Sound', connection: 'Connection', browser: 'Browser' },
  progress: {
    idle: 'Not started',
    running: 'Checking…',
    waiting: 'Waiting for you',
    pass: 'Works',
    fail: 'Does not work',
    skipped: 'Not checked',
  },
  yes: 'Yes',
  no: 'No',

  cameraIdle: 'Your picture shows here.',
  cameraQuestion: 'Do you see yourself?',
  cameraNotSeen: 'Check that nothing covers the camera, or choose another one under Choose devices.',

  micPrompt: 'Say something. The bar moves when we hear you.',
  micHeard: 'We can hear you.',
  micHint: 'Not moving? Check that the microphone is not muted, or choose another one under Choose devices.',

  play: 'Play test sound',
  playing: 'Playing…',
  speakerQuestion: 'Did you hear the sound?',
  speakerNotHeard: 'Turn the sound up, or choose another speaker under Choose devices, and play it again.',
  speakerFailed: 'The sound could not be played. Reload the page.',
  noSinkChoice: "This browser plays sound on the default speaker. To use another, change it in your device's sound settings.",

  server: 'Meeting service',
  media: 'Media server',
  reached: (ms) => `Reached, ${ms} ms round trip`,
  slow: 'The connection is slow, so video may stutter.',
  notConfigured: 'Not checked on this page.',
  connection: {
    'server-unreachable': 'We cannot reach the meeting service. Check that you are online.',
    'server-error': 'The meeting service has a problem. Try again in a minute.',
    'server-unhealthy': 'The meeting service has a problem. Try again in a minute.',
    'no-media-url': 'The meeting service is set up wrongly. Contact support.',
    'insecure-media-url': 'The meeting service is set up wrongly. Contact support.',
    'media-refused': 'The video service is not answering: it may be down. This is not your network: try again in a few minutes.',
    'media-unreachable': 'We cannot reach the media server. A firewall or VPN may block it: try another network.',
  },

  browserOk: (name) => `${name} works for meetings.`,
  browserLacks: (features) => `This browser lacks ${features}, which meetings need.`,
  feature: { getUserMedia: 'camera access', RTCPeerConnection: 'video calls', WebAudio: 'sound' },
  insecurePage: 'The page is not opened over https, so calls are not allowed.',
  advice: {
    ios: 'Update iOS and open the link in Safari.',
    android: 'Update Chrome and open the link in it.',
    desktop: 'Use the latest Chrome, Edge, Firefox or Safari.',
  },

  devices: 'Choose devices',
  speakerDevice: 'Speaker',

  finish: 'Finish',
  doneTitle: 'Check finished',
  doneText: 'The camera and microphone are off now.',
};
