import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';

import '../../define/care-device-check.js';
import { DEVICE_PREFERENCES_KEY } from '../../core/device-preferences.js';
import type { CheckName } from '../../core/device-check-results.js';
import { DeviceCheckCompleteEvent } from '../../events/device-check-complete.js';
import { deviceCheckStrings } from '../../test-support/all-strings.js';
import { exceptIn, FAKE_DEVICES, NOT_IN, THIS_BROWSER } from '../../test-support/engine.js';
import { emulateMedia, pressKey } from '../../test-support/wtr-commands.js';
import { CareDeviceCheck } from './device-check.js';

const en = deviceCheckStrings.en;

const part = <T extends Element = HTMLElement>(el: CareDeviceCheck, name: string): T | null => el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
const status = (el: CareDeviceCheck, check: CheckName): string | undefined =>
  el.shadowRoot!.querySelector<HTMLElement>(`.check-${check} [part~="status"]`)?.dataset['status'];
const textOf = (node: Node | null | undefined): string => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const video = (el: CareDeviceCheck) => el.shadowRoot!.querySelector('video');
const select = (el: CareDeviceCheck, kind: string) => el.shadowRoot!.querySelector<HTMLSelectElement>(`select[name="${kind}"]`)!;
const optionLabels = (el: CareDeviceCheck, kind: string) => [...select(el, kind).options].map((o) => o.text.trim());

async function start(el: CareDeviceCheck): Promise<HTMLVideoElement> {
  part(el, 'start-button')!.click();
  await waitUntil(() => (video(el)?.videoWidth ?? 0) > 0 && status(el, 'microphone') !== 'running', 'camera did not start', {
    timeout: 5000,
  });
  return video(el)!;
}

async function choose(el: CareDeviceCheck, kind: string, label: string): Promise<string> {
  const chooser = select(el, kind);
  const option = [...chooser.options].find((o) => o.text.trim() === label);
  if (!option) throw new Error(`no ${label} among ${optionLabels(el, kind).join(', ')}`);
  chooser.value = option.value;
  chooser.dispatchEvent(new Event('change'));
  return option.value;
}

function answer(el: CareDeviceCheck, check: 'camera' | 'speaker', yes: boolean): void {
  const buttons = el.shadowRoot!.querySelectorAll<HTMLButtonElement>(`.check-${check} [part~="answer-button"]`);
  buttons[yes ? 0 : 1]!.click();
}

/** Records the AudioContexts and media tracks the element opens, to check that it closes them. */
function watchResources() {
  const contexts: AudioContext[] = [];
  const tracks: MediaStreamTrack[] = [];
  const OriginalAudioContext = globalThis.AudioContext;
  const mediaDevices = navigator.mediaDevices;
  const getUserMedia = mediaDevices.getUserMedia;
  const sinks: string[] = [];
  const setSinkId = HTMLMediaElement.prototype.setSinkId;
  HTMLMediaElement.prototype.setSinkId = function (this: HTMLMediaElement, sinkId: string) {
    sinks.push(sinkId);
    return setSinkId.call(this, sinkId);
  };
  globalThis.AudioContext = class extends OriginalAudioContext {
    constructor(options?: AudioContextOptions) {
      super(options);
      contexts.push(this);
    }
  };
  mediaDevices.getUserMedia = async (constraints) => {
    const stream = await getUserMedia.call(mediaDevices, constraints);
    tracks.push(...stream.getTracks());
    return stream;
  };
  return {
    contexts,
    tracks,
    /** Speakers chosen on media elements (`HTMLMediaElement.setSinkId`). */
    sinks,
    restore() {
      HTMLMediaElement.prototype.setSinkId = setSinkId;
      globalThis.AudioContext = OriginalAudioContext;
      mediaDevices.getUserMedia = getUserMedia;
    },
  };
}

describe('<care-device-check>', function () {
  this.timeout(20000);
  let resources: ReturnType<typeof watchResources> | undefined;

  beforeEach(() => localStorage.removeItem(DEVICE_PREFERENCES_KEY));
  afterEach(() => {
    resources?.restore();
    resources = undefined;
  });

  it('is defined, and shows every check without opening anything until the person starts', async () => {
    const el = await fixture<CareDeviceCheck>(html`<care-device-check></care-device-check>`);
    expect(el).to.be.instanceOf(CareDeviceCheck);
    expect(customElements.get('care-device-check')).to.equal(CareDeviceCheck);
    expect(el.shadowRoot!.querySelectorAll('[part~="check"]')).to.have.length(5);
    expect(video(el)).to.equal(null);
    expect(status(el, 'camera')).to.equal('idle');
    expect(textOf(part(el, 'start'))).to.contain(en.start);
    // The gear appears once there are devices to choose from.
    expect(part(el, 'devices-button')).to.equal(null);
    expect(status(el, 'browser')).to.equal('pass');
    expect(textOf(el.shadowRoot!.querySelector('.check-browser'))).to.match(new RegExp(`${THIS_BROWSER.label.source} works for meetings`));
    // No api-base or media-url: the connection is not checked on this page.
    await waitUntil(() => status(el, 'connection') === 'skipped');
    expect(textOf(el.shadowRoot!.querySelector('.check-connection'))).to.contain(en.notConfigured);
  });

  it('moves the microphone meter above silence and passes the microphone when it hears sound', async () => {
    const el = await fixture<CareDeviceCheck>(html`<care-device-check></care-device-check>`);
    await start(el);
    const meter = part(el, 'meter')!;
    expect(meter.getAttribute('role')).to.equal('meter');
    await waitUntil(() => Number(meter.getAttribute('aria-valuenow')) > 0, 'meter stayed silent', { timeout: 5000 });
    // Watch the bar for two seconds: the fake microphone beeps at an RMS of about 0.3, which is
    // -10 dBFS, about 0.8 of the bar on its -60…0 dBFS scale.
    const fill = part(el, 'meter-fill')!;
    let loudest = 0;
    const until = performance.now() + 2000;
    while (performance.now() < until) {
      loudest = Math.max(loudest, new DOMMatrix(getComputedStyle(fill).transform).a);
      await new Promise(requestAnimationFrame);
    }
    expect(loudest).to.be.within(0.6, 1);
    await waitUntil(() => status(el, 'microphone') === 'pass');
    expect(textOf(el.shadowRoot!.querySelector('.check-microphone'))).to.contain(en.micHeard);
    await waitUntil(() => textOf(el.shadowRoot!.querySelector('[role="status"]')).includes(`${en.check.microphone}: ${en.progress.pass}`));
  });

  it('lists the fake cameras, microphones and speakers in labelled choosers behind the gear', async () => {
    const el = await fixture<CareDeviceCheck>(html`<care-device-check></care-device-check>`);
    await start(el);
    const gear = part(el, 'devices-button')!;
    expect(gear.getAttribute('aria-expanded')).to.equal('false');
    expect(part(el, 'devices')!.hidden).to.equal(true);
    gear.click();
    await el.updateComplete;
    expect(gear.getAttribute('aria-expanded')).to.equal('true');
    expect(part(el, 'devices')!.hidden).to.equal(false);
    expect(optionLabels(el, 'camera')).to.include.members([...FAKE_DEVICES.camera]);
    expect(optionLabels(el, 'microphone')).to.include.members([...FAKE_DEVICES.microphone]);
    expect(optionLabels(el, 'speaker')).to.include.members([...FAKE_DEVICES.speaker]);
    expect(textOf(select(el, 'microphone').closest('label'))).to.contain(en.check.microphone);
    expect(textOf(select(el, 'speaker').closest('label'))).to.contain(en.speakerDevice);
  });

  exceptIn(['firefox'], NOT_IN.oneFakeDevice)('switches to the chosen microphone and remembers it on this device for next time', async () => {
    const first = await fixture<CareDeviceCheck>(html`<care-device-check></care-device-check>`);
    await start(first);
    const id = await choose(first, 'microphone', 'Fake Audio Input 1');
    await waitUntil(() => select(first, 'microphone').selectedOptions[0]?.value === id && status(first, 'microphone') !== 'running');
    expect(JSON.parse(localStorage.getItem(DEVICE_PREFERENCES_KEY)!)).to.deep.equal({ microphone: id });
    first.remove();

    const next = await fixture<CareDeviceCheck>(html`<care-device-check></care-device-check>`);
    await start(next);
    expect(select(next, 'microphone').selectedOptions[0]?.value).to.equal(id);
  });

  it('plays the test sound on the chosen speaker and asks whether it was heard', async () => {
    resources = watchResources();
    const el = await fixture<CareDeviceCheck>(html`<care-device-check></care-device-check>`);
    await start(el);
    const speakerId = await choose(el, 'speaker', FAKE_DEVICES.speaker.at(-1)!);
    const play = part<HTMLButtonElement>(el, 'play-button')!;
    play.click();
    await waitUntil(() => textOf(play) === en.playing, 'tone did not start');
    expect(status(el, 'speaker')).to.equal('running');
    // The tone went to the chosen output: through AudioContext.setSinkId, or where a browser has
    // only HTMLMediaElement.setSinkId, through an <audio> (test-tone.ts).
    const sinks = [...resources.contexts.map((context) => (context as AudioContext & { sinkId?: unknown }).sinkId), ...resources.sinks];
    expect(sinks).to.include(speakerId);
    await waitUntil(() => status(el, 'speaker') === 'waiting', 'no question after the tone', { timeout: 5000 });
    expect(textOf(el.shadowRoot!.querySelector('.check-speaker'))).to.contain(en.speakerQuestion);
    answer(el, 'speaker', false);
    await el.updateComplete;
    expect(status(el, 'speaker')).to.equal('fail');
    expect(textOf(el.shadowRoot!.querySelector('.check-speaker'))).to.contain(en.speakerNotHeard);
  });

  it('reports every result in care-device-check-complete and turns camera, microphone and audio off', async () => {
    resources = watchResources();
    const el = await fixture<CareDeviceCheck>(html`<care-device-check api-base="/api"></care-device-check>`);
    await start(el);
    answer(el, 'camera', true);
    await waitUntil(() => status(el, 'microphone') === 'pass', 'microphone did not pass', { timeout: 5000 });
    part(el, 'play-button')!.click();
    await waitUntil(() => status(el, 'speaker') === 'waiting', 'no speaker question', { timeout: 5000 });
    answer(el, 'speaker', true);
    await waitUntil(() => status(el, 'connection') === 'pass');
    expect(resources.tracks.map((track) => track.readyState)).to.include('live');

    const fired = oneEvent(document, 'care-device-check-complete');
    part(el, 'finish-button')!.click();
    const event = await fired;

    expect(event).to.be.instanceOf(DeviceCheckCompleteEvent);
    // Finishing again changes nothing and fires nothing.
    let again = 0;
    const count = () => again++;
    document.addEventListener('care-device-check-complete', count);
    expect(el.complete()).to.equal(event.detail);
    document.removeEventListener('care-device-check-complete', count);
    expect(again).to.equal(0);
    expect(event.bubbles && event.composed).to.equal(true);
    const { detail } = event;
    expect(detail.camera).to.deep.equal({ status: 'pass' });
    expect(detail.microphone).to.deep.equal({ status: 'pass' });
    expect(detail.speaker).to.deep.equal({ status: 'pass' });
    expect(detail.connection.status).to.equal('pass');
    expect(detail.rttMs).to.be.a('number').and.to.be.at.least(0);
    expect(detail.connection.rttMs).to.equal(detail.rttMs);
    expect(detail.browser).to.include({ status: 'pass', name: THIS_BROWSER.name });
    expect(detail.browser.missing).to.deep.equal([]);
    expect(detail.devices.camera).to.be.a('string').and.not.empty;
    expect(detail.devices.microphone).to.be.a('string').and.not.empty;

    // No camera light left on, no audio left running.
    expect(resources.tracks.length).to.be.at.least(2);
    expect(resources.tracks.every((track) => track.readyState === 'ended')).to.equal(true);
    await waitUntil(() => resources!.contexts.length > 0 && resources!.contexts.every((c) => c.state === 'closed'), 'audio not closed');
    expect(video(el)).to.equal(null);
    expect(textOf(part(el, 'done'))).to.contain(en.doneTitle);
    expect(el.shadowRoot!.querySelectorAll('[part~="done"] [part~="status-pass"]')).to.have.length(5);
  });

  it('reports checks the person did not do as skipped, and a "no" as failed, from complete()', async () => {
    const untouched = await fixture<CareDeviceCheck>(html`<care-device-check></care-device-check>`);
    await waitUntil(() => status(untouched, 'connection') === 'skipped');
    const results = untouched.complete();
    expect(results.camera).to.deep.equal({ status: 'skipped', detail: 'not-started' });
    expect(results.microphone).to.deep.equal({ status: 'skipped', detail: 'not-started' });
    expect(results.speaker).to.deep.equal({ status: 'skipped', detail: 'unanswered' });
    expect(results.connection).to.deep.equal({ status: 'skipped', detail: 'not-configured' });
    expect(results.rttMs).to.equal(undefined);

    const el = await fixture<CareDeviceCheck>(html`<care-device-check></care-device-check>`);
    await start(el);
    answer(el, 'camera', false);
    await el.updateComplete;
    expect(textOf(el.shadowRoot!.querySelector('.check-camera'))).to.contain(en.cameraNotSeen);
    expect(el.complete().camera).to.deep.equal({ status: 'fail', detail: 'not-seen' });
  });

  it('releases camera, microphone and audio when it is taken out of the page', async () => {
    resources = watchResources();
    const el = await fixture<CareDeviceCheck>(html`<care-device-check></care-device-check>`);
    await start(el);
    await waitUntil(() => status(el, 'microphone') === 'pass', 'microphone did not pass', { timeout: 5000 });
    expect(resources.tracks.every((track) => track.readyState === 'live')).to.equal(true);
    el.remove();
    expect(resources.tracks.length).to.be.at.least(2);
    expect(resources.tracks.every((track) => track.readyState === 'ended')).to.equal(true);
    await waitUntil(() => resources!.contexts.every((c) => c.state === 'closed'), 'audio not closed');
  });

  it('reaches the meeting service and the media server, and shows the round trip', async () => {
    const el = await fixture<CareDeviceCheck>(html`<care-device-check api-base="/api"></care-device-check>`);
    await waitUntil(() => status(el, 'connection') === 'pass', 'connection did not pass');
    const rows = [...el.shadowRoot!.querySelectorAll('.check-connection dd')];
    expect(rows.map((row) => (row as HTMLElement).dataset['status'])).to.deep.equal(['pass', 'pass']);
    expect(textOf(rows[1])).to.match(/^Reached, \d+ ms round trip$/);
  });

  it('shows progress while the connection is being checked', async () => {
    const el = await fixture<CareDeviceCheck>(html`<care-device-check api-base="/api-slow"></care-device-check>`);
    expect(status(el, 'connection')).to.equal('running');
    expect(textOf(el.shadowRoot!.querySelector('.check-connection [part~="status"]'))).to.equal(en.progress.running);
    await waitUntil(() => status(el, 'connection') === 'pass', 'connection did not pass');
  });

  it('says what is wrong when the meeting service fails', async () => {
    const el = await fixture<CareDeviceCheck>(html`<care-device-check api-base="/api-down"></care-device-check>`);
    await waitUntil(() => status(el, 'connection') === 'fail', 'connection did not fail');
    expect(textOf(el.shadowRoot!.querySelector('.check-connection'))).to.contain(en.connection['server-error']);
    expect(el.complete().connection).to.deep.equal({ status: 'fail', detail: 'server-error' });
  });

  it('says the video service is not answering when nothing listens at the media server (not the network), and checks again on request', async () => {
    const el = await fixture<CareDeviceCheck>(html`<care-device-check api-base="/api-media-down"></care-device-check>`);
    await waitUntil(() => status(el, 'connection') === 'fail', 'connection did not fail');
    const rows = [...el.shadowRoot!.querySelectorAll<HTMLElement>('.check-connection dd')];
    expect(rows.map((row) => row.dataset['status'])).to.deep.equal(['pass', 'fail']);
    // A closed port on 127.0.0.1 refuses at once: the media server is not running, and the words do not blame the network.
    expect(textOf(el.shadowRoot!.querySelector('.check-connection')))
      .to.contain(en.connection['media-refused'])
      .and.not.contain(en.connection['media-unreachable']);
    el.apiBase = '/api';
    await waitUntil(() => status(el, 'connection') === 'pass', 'changing api-base did not check again');
  });

  it('checks a media-url on its own when there is no api-base', async () => {
    const el = await fixture<CareDeviceCheck>(html`<care-device-check media-url="ws://${location.host}"></care-device-check>`);
    await waitUntil(() => status(el, 'connection') === 'pass', 'connection did not pass');
    const rows = [...el.shadowRoot!.querySelectorAll<HTMLElement>('.check-connection dd')];
    expect(rows.map((row) => row.dataset['status'])).to.deep.equal(['skipped', 'pass']);
  });

  it('speaks the language of its lang attribute, else of the closest [lang] ancestor, else English', async () => {
    const sv = await fixture<CareDeviceCheck>(html`<care-device-check lang="sv"></care-device-check>`);
    expect(textOf(part(sv, 'title'))).to.equal(deviceCheckStrings.sv.title);
    expect(part(sv, 'base')!.lang).to.equal('sv');

    const wrapper = await fixture<HTMLElement>(html`<div lang="da-DK"><care-device-check></care-device-check></div>`);
    const da = wrapper.querySelector('care-device-check')!;
    await da.updateComplete;
    expect(textOf(part(da, 'title'))).to.equal(deviceCheckStrings.da.title);
    wrapper.lang = 'sv';
    await waitUntil(() => textOf(part(da, 'title')) === deviceCheckStrings.sv.title, 'did not follow the ancestor');
    da.setAttribute('lang', 'en');
    await waitUntil(() => textOf(part(da, 'title')) === en.title, 'did not follow its own lang');

    const german = await fixture<CareDeviceCheck>(html`<care-device-check lang="de"></care-device-check>`);
    expect(textOf(part(german, 'title'))).to.equal(en.title);
    // Marked up as English, so a screen reader pronounces it as English.
    expect(part(german, 'base')!.lang).to.equal('en');
    // Norwegian as a whole gets bokmål.
    const norwegian = await fixture<CareDeviceCheck>(html`<care-device-check lang="no"></care-device-check>`);
    expect(textOf(part(norwegian, 'title'))).to.equal(deviceCheckStrings.nb.title);
    expect(part(norwegian, 'base')!.lang).to.equal('nb');
  });

  it('is accessible before, during and after the check', async () => {
    const el = await fixture<CareDeviceCheck>(html`<care-device-check api-base="/api"></care-device-check>`);
    await waitUntil(() => status(el, 'connection') === 'pass');
    await expect(el).to.be.accessible();
    await start(el);
    part(el, 'devices-button')!.click();
    part(el, 'play-button')!.click();
    await waitUntil(() => status(el, 'speaker') === 'waiting', 'no speaker question', { timeout: 5000 });
    await expect(el).to.be.accessible();
    el.complete();
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  exceptIn(['firefox'], NOT_IN.reducedMotion)('stops animating when the person prefers reduced motion', async () => {
    const el = await fixture<CareDeviceCheck>(html`<care-device-check api-base="/api-slow"></care-device-check>`);
    const spinner = el.shadowRoot!.querySelector('.check-connection .spinner')!;
    expect(getComputedStyle(spinner).animationName).to.equal('spin');
    await emulateMedia({ reducedMotion: 'reduce' });
    try {
      expect(getComputedStyle(spinner).animationName).to.equal('none');
      expect(getComputedStyle(el.shadowRoot!.querySelector('.meter-fill')!).transitionDuration).to.equal('0s');
    } finally {
      await emulateMedia({ reducedMotion: 'no-preference' });
    }
  });

  // Last: a real key press leaves sticky user activation on the page, which would let the
  // tests above pass even if audio needed a gesture.
  it('starts from the keyboard, plays the camera preview and moves focus on to the camera', async () => {
    const el = await fixture<CareDeviceCheck>(html`<care-device-check></care-device-check>`);
    await pressKey('Tab');
    const startButton = part(el, 'start-button')!;
    expect(el.shadowRoot!.activeElement).to.equal(startButton);
    // A focus ring you can see: 3px, solid.
    expect(getComputedStyle(startButton).outlineStyle).to.equal('solid');
    expect(getComputedStyle(startButton).outlineWidth).to.equal('3px');
    await pressKey('Enter');
    await waitUntil(() => (video(el)?.videoWidth ?? 0) > 0, 'preview has no picture', { timeout: 5000 });
    const preview = video(el)!;
    expect(preview.videoWidth).to.be.greaterThan(0);
    expect(preview.videoHeight).to.be.greaterThan(0);
    await waitUntil(() => !preview.paused && preview.currentTime > 0, 'preview is not playing');
    expect(el.shadowRoot!.activeElement?.id).to.equal('camera-heading');
    expect(status(el, 'camera')).to.equal('waiting');
    expect(textOf(part(el, 'question'))).to.contain(en.cameraQuestion);
  });
});
