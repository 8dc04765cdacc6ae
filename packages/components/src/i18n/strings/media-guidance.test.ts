import { expect } from '@open-wc/testing';

import type { BrowserInfo } from '../../core/browser-support.js';
import type { MediaProblem } from '../../core/media-problem.js';
import { LANGS } from '../localize.js';
import { mediaGuidanceStrings } from '../../test-support/all-strings.js';
import { mediaGuidance } from './media-guidance.js';

const browsers: Record<string, BrowserInfo> = {
  chrome: { name: 'chrome', label: 'Google Chrome', os: 'windows' },
  edge: { name: 'edge', label: 'Microsoft Edge', os: 'windows' },
  firefox: { name: 'firefox', label: 'Firefox', os: 'macos' },
  safari: { name: 'safari', label: 'Safari', os: 'macos' },
  'safari-ios': { name: 'safari', label: 'Safari', os: 'ios' },
  'ios-app': { name: 'chrome', label: 'Google Chrome', os: 'ios' },
  other: { name: 'other', label: '', os: 'linux' },
};
const problems: MediaProblem[] = ['permission-denied', 'system-denied', 'not-found', 'in-use', 'unknown'];

describe('media guidance', () => {
  it('gives different, browser-specific steps to unblock the camera in every language', () => {
    for (const lang of LANGS) {
      const steps = Object.values(browsers).map((browser) => mediaGuidance(mediaGuidanceStrings[lang], 'permission-denied', browser, 'camera').steps);
      expect(new Set(steps).size, lang).to.equal(Object.keys(browsers).length);
    }
    const en = mediaGuidanceStrings.en;
    expect(mediaGuidance(en, 'permission-denied', browsers['firefox']!, 'camera').steps).to.contain('crossed-out camera icon');
    expect(mediaGuidance(en, 'permission-denied', browsers['safari']!, 'both').steps).to.contain('Settings for This Website');
    expect(mediaGuidance(en, 'permission-denied', browsers['edge']!, 'microphone').steps).to.contain('Permissions for this site, allow the microphone');
  });

  it('points at the operating system for a system block, and names the browser to allow', () => {
    const sv = mediaGuidanceStrings.sv;
    expect(mediaGuidance(sv, 'system-denied', browsers['firefox']!, 'camera').steps)
      .to.contain('Systeminställningar > Integritet och säkerhet')
      .and.contain('Firefox');
    expect(mediaGuidance(sv, 'system-denied', browsers['chrome']!, 'camera').steps)
      .to.contain('Inställningar > Sekretess och säkerhet')
      .and.contain('Google Chrome');
    expect(mediaGuidance(sv, 'system-denied', browsers['other']!, 'camera').steps).to.contain('din webbläsare');
  });

  it('says what to close when another program has the device, per browser', () => {
    const da = mediaGuidanceStrings.da;
    expect(mediaGuidance(da, 'in-use', browsers['chrome']!, 'camera').steps).to.contain('rød prik');
    expect(mediaGuidance(da, 'in-use', browsers['firefox']!, 'camera').steps).to.contain('kameraikon');
    expect(mediaGuidance(da, 'in-use', browsers['safari-ios']!, 'camera').steps).to.contain('apps');
  });

  it('has a headline and steps for every problem, browser and language', () => {
    for (const lang of LANGS) {
      for (const problem of problems) {
        for (const browser of Object.values(browsers)) {
          const { title, steps } = mediaGuidance(mediaGuidanceStrings[lang], problem, browser, 'both');
          expect(title.length, `${lang} ${problem}`).to.be.greaterThan(10);
          expect(steps.length, `${lang} ${problem}`).to.be.greaterThan(20);
          expect(`${title} ${steps}`, `${lang} ${problem}`).not.to.contain('undefined');
        }
      }
    }
  });
});
