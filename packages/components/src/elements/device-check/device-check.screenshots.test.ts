// <care-device-check> pictured: in Swedish, Danish and English, and in every language on a desktop
// and on a phone, each step and each problem (test-results/screenshots/device-check-*.png, compared
// with test-references/screenshots/ where the rule in test-support/screenshot-references.mjs asks
// for a reference), every word whole and inside its control. Apart from device-check.test.ts so that
// the runner can run the two files side by side (`--concurrency`), and so that neither runs into the
// runner's two minutes per file.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';

import '../../define/care-device-check.js';
import { DEVICE_PREFERENCES_KEY } from '../../core/device-preferences.js';
import type { CheckName } from '../../core/device-check-results.js';
import { deviceCheckStrings } from '../../test-support/all-strings.js';
import { LANGS } from '../../i18n/localize.js';
import { textMisfits } from '../../test-support/text-fit.js';
import { saveScreenshot, setViewport } from '../../test-support/wtr-commands.js';
import type { CareDeviceCheck } from './device-check.js';

const part = <T extends Element = HTMLElement>(el: CareDeviceCheck, name: string): T | null => el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
const status = (el: CareDeviceCheck, check: CheckName): string | undefined =>
  el.shadowRoot!.querySelector<HTMLElement>(`.check-${check} [part~="status"]`)?.dataset['status'];
const textOf = (node: Node | null | undefined): string => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const video = (el: CareDeviceCheck) => el.shadowRoot!.querySelector('video');

/** Resolves when the preview has just shown a frame: a screenshot then has the picture in it. */
const nextFrame = (preview: HTMLVideoElement) => new Promise((resolve) => preview.requestVideoFrameCallback(resolve));

async function start(el: CareDeviceCheck): Promise<HTMLVideoElement> {
  part(el, 'start-button')!.click();
  await waitUntil(() => (video(el)?.videoWidth ?? 0) > 0 && status(el, 'microphone') !== 'running', 'camera did not start', {
    timeout: 5000,
  });
  return video(el)!;
}

function answer(el: CareDeviceCheck, check: 'camera' | 'speaker', yes: boolean): void {
  const buttons = el.shadowRoot!.querySelectorAll<HTMLButtonElement>(`.check-${check} [part~="answer-button"]`);
  buttons[yes ? 0 : 1]!.click();
}

describe('<care-device-check> pictured', function () {
  this.timeout(20000);

  beforeEach(() => localStorage.removeItem(DEVICE_PREFERENCES_KEY));

  for (const lang of ['sv', 'da', 'en'] as const) {
    it(`looks right in ${lang} (screenshot)`, async () => {
      // Room for the whole element: Chromium paints no video frame into a capture beyond the viewport.
      await setViewport({ width: 960, height: 1000 });
      const wrapper = await fixture<HTMLElement>(html`
        <div style="inline-size: 880px; padding: 8px">
          <care-device-check lang=${lang} api-base="/api"></care-device-check>
        </div>
      `);
      const el = wrapper.querySelector('care-device-check')!;
      await el.updateComplete; // drawn once its words are loaded
      await start(el);
      answer(el, 'camera', true);
      await waitUntil(() => status(el, 'microphone') === 'pass' && status(el, 'connection') === 'pass', 'checks did not pass', {
        timeout: 5000,
      });
      part(el, 'devices-button')!.click();
      await el.updateComplete;
      const strings = deviceCheckStrings[lang];
      expect(textOf(part(el, 'title'))).to.equal(strings.title);
      expect(textOf(part(el, 'finish-button'))).to.equal(strings.finish);
      await nextFrame(video(el)!);
      const path = await saveScreenshot(`device-check-${lang}`, `care-device-check[lang="${lang}"]`);
      expect(path).to.match(new RegExp(`device-check-${lang}\\.png$`));
    });
  }

  // Every language on a desktop and on a phone: each step and each problem pictured
  // (device-check-<state>-<lang>-<width>.png, looked at), and every word whole and inside its
  // control (Finnish compounds break first).
  for (const lang of LANGS) {
    for (const width of [1280, 390]) {
      it(`fits its words in ${lang} at ${width} px: before, during and after the check, and its problems`, async () => {
        await setViewport({ width, height: 1400 });
        const wrapper = await fixture<HTMLElement>(html`
          <div style="inline-size: ${width >= 1000 ? 880 : width - 32}px; padding: 8px">
            <care-device-check lang=${lang} api-base="/api"></care-device-check>
          </div>
        `);
        const el = wrapper.querySelector('care-device-check')!;
        await el.updateComplete;
        const shot = (state: string) => `device-check-${state}-${lang}-${width}`;
        await saveScreenshot(shot('start'), `care-device-check[lang="${lang}"]`);
        expect(textMisfits(el), shot('start')).to.deep.equal([]);

        await start(el);
        answer(el, 'camera', true);
        await waitUntil(() => status(el, 'microphone') === 'pass' && status(el, 'connection') === 'pass', 'checks did not pass', { timeout: 5000 });
        part(el, 'devices-button')!.click();
        await el.updateComplete;
        expect(textOf(el.shadowRoot)).to.contain(deviceCheckStrings[lang].micHeard);
        await nextFrame(video(el)!);
        await saveScreenshot(shot('running'), `care-device-check[lang="${lang}"]`);
        expect(textMisfits(el), shot('running')).to.deep.equal([]);

        // The sound test's question, then everything answered.
        part(el, 'devices-button')!.click();
        part(el, 'play-button')!.click();
        await waitUntil(() => status(el, 'speaker') === 'waiting', 'no question about the sound', { timeout: 5000 });
        await saveScreenshot(shot('speaker'), `care-device-check[lang="${lang}"]`);
        expect(textMisfits(el), shot('speaker')).to.deep.equal([]);
        answer(el, 'speaker', true);
        await waitUntil(() => status(el, 'speaker') === 'pass', 'the sound did not pass');
        await saveScreenshot(shot('done'), `care-device-check[lang="${lang}"]`);
        expect(textMisfits(el), shot('done')).to.deep.equal([]);
        wrapper.remove();

        // Problems: no picture seen, no sound heard, the meeting service down, the media server not answering.
        for (const [state, apiBase] of [
          ['problem-service', '/api-down'],
          ['problem-media', '/api-media-down'],
        ] as const) {
          const broken = await fixture<HTMLElement>(html`
            <div style="inline-size: ${width >= 1000 ? 880 : width - 32}px; padding: 8px">
              <care-device-check lang=${lang} api-base=${apiBase}></care-device-check>
            </div>
          `);
          const problem = broken.querySelector('care-device-check')!;
          await problem.updateComplete;
          await start(problem);
          answer(problem, 'camera', false);
          part(problem, 'play-button')!.click();
          await waitUntil(() => status(problem, 'speaker') === 'waiting', 'no question about the sound', { timeout: 5000 });
          answer(problem, 'speaker', false);
          await waitUntil(
            () => status(problem, 'connection') === 'fail' && status(problem, 'camera') === 'fail' && status(problem, 'speaker') === 'fail',
            `${state}: the problems were not shown`,
            { timeout: 5000 },
          );
          await nextFrame(video(problem)!);
          await saveScreenshot(shot(state), `care-device-check[lang="${lang}"]`);
          expect(textMisfits(problem), shot(state)).to.deep.equal([]);
          broken.remove();
        }
      });
    }
  }
});
