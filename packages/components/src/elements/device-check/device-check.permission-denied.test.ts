// Runs in the `permission-denied` group of web-test-runner.config.mjs: Chromium without
// --use-fake-ui-for-media-stream and with --deny-permission-prompts (Firefox: camera and microphone
// permissions set to Block), so getUserMedia rejects with NotAllowedError, as when a person clicks Block.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';

import '../../define/care-device-check.js';
import { deviceCheckStrings } from '../../test-support/all-strings.js';
import { THIS_BROWSER } from '../../test-support/engine.js';
import { pressKey, saveScreenshot, setViewport } from '../../test-support/wtr-commands.js';
import type { CareDeviceCheck } from './device-check.js';

const textOf = (node: Node | null | undefined): string => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const part = (el: CareDeviceCheck, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const status = (el: CareDeviceCheck, check: string) => el.shadowRoot!.querySelector<HTMLElement>(`.check-${check} [part~="status"]`)?.dataset['status'];

async function startBlocked(el: CareDeviceCheck): Promise<void> {
  part(el, 'start-button')!.click();
  await waitUntil(() => status(el, 'camera') === 'fail' && status(el, 'microphone') === 'fail', 'did not fail', { timeout: 5000 });
}

describe('<care-device-check> when camera and microphone are blocked', function () {
  this.timeout(20000);

  it('really is blocked in this browser run', async () => {
    const error = await navigator.mediaDevices.getUserMedia({ video: true, audio: true }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as DOMException | undefined)?.name).to.equal('NotAllowedError');
  });

  it('says exactly what to do in this browser, with the host’s support information', async () => {
    const el = await fixture<CareDeviceCheck>(html`
      <care-device-check><p slot="support">Call the clinic on 010-123 45 67.</p></care-device-check>
    `);
    expect(part(el, 'support')!.hidden).to.equal(true);
    await startBlocked(el);
    const guidance = part(el, 'guidance')!;
    const en = deviceCheckStrings.en;
    // One combined instruction for both devices, with this browser's clicks (Chrome's in Chromium).
    expect(textOf(guidance)).to.contain(en.problemTitle['permission-denied'](en.device.both));
    expect(textOf(guidance)).to.contain(en.blocked[THIS_BROWSER.name](en.device.both));
    expect(textOf(part(el, 'retry-button'))).to.equal(en.tryAgain);
    expect(textOf(el.shadowRoot!.querySelector('.check-camera'))).to.contain(en.problemTitle['permission-denied'](en.device.camera));
    expect(part(el, 'support')!.hidden).to.equal(false);
    expect(textOf(el.shadowRoot!.querySelector('[role="status"]'))).to.contain(en.problemTitle['permission-denied'](en.device.camera));
    expect(el.shadowRoot!.querySelector('video')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('still says so after Try again, and reports the block in the results', async () => {
    const mediaDevices = navigator.mediaDevices;
    const getUserMedia = mediaDevices.getUserMedia;
    let requests = 0;
    mediaDevices.getUserMedia = (constraints) => {
      requests++;
      return getUserMedia.call(mediaDevices, constraints);
    };
    const el = await fixture<CareDeviceCheck>(html`<care-device-check></care-device-check>`);
    try {
      await startBlocked(el);
      const before = requests;
      part(el, 'retry-button')!.click();
      await waitUntil(() => requests > before, 'Try again did not ask again');
      // The state is "starting" now; once rendered, wait for the new answer.
      await el.updateComplete;
      await waitUntil(() => status(el, 'camera') === 'fail', 'did not fail again');
    } finally {
      mediaDevices.getUserMedia = getUserMedia;
    }
    const results = el.complete();
    expect(results.camera).to.deep.equal({ status: 'fail', detail: 'permission-denied' });
    expect(results.microphone).to.deep.equal({ status: 'fail', detail: 'permission-denied' });
    expect(results.devices).to.deep.equal({});
  });

  it('lets the person test the sound anyway', async () => {
    const el = await fixture<CareDeviceCheck>(html`<care-device-check></care-device-check>`);
    await startBlocked(el);
    // A real key press: with no camera or microphone running, Chromium lets audio start only
    // after genuine user activation (a script's click() is not one).
    part(el, 'play-button')!.focus();
    await pressKey('Enter');
    await waitUntil(() => status(el, 'speaker') === 'waiting', 'no question after the tone', { timeout: 5000 });
    expect(textOf(el.shadowRoot!.querySelector('.check-speaker'))).to.contain(deviceCheckStrings.en.speakerQuestion);
  });

  for (const lang of ['sv', 'en'] as const) {
    it(`shows the guidance in ${lang} (screenshot)`, async () => {
      // Room for the whole element: Chromium paints no video frame into a capture beyond the viewport.
      await setViewport({ width: 960, height: 1000 });
      const wrapper = await fixture<HTMLElement>(html`
        <div style="inline-size: 880px; padding: 8px">
          <care-device-check lang=${lang}><p slot="support">1177 · 0771-11 77 00</p></care-device-check>
        </div>
      `);
      const el = wrapper.querySelector('care-device-check')!;
      await el.updateComplete; // drawn once its words are loaded
      await startBlocked(el);
      const strings = deviceCheckStrings[lang];
      expect(textOf(part(el, 'guidance'))).to.contain(strings.blocked[THIS_BROWSER.name](strings.device.both));
      const path = await saveScreenshot(`device-check-denied-${lang}`, `care-device-check[lang="${lang}"]`);
      expect(path).to.match(/\.png$/);
    });
  }
});
