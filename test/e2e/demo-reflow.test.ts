// The demo's pages at 320 CSS px wide (WCAG 1.4.10, Reflow): everything fits the window, with no
// horizontal scrolling, in Swedish, Danish and English. The booking form and the outbox (long
// invitation links and message texts) are the widest pages.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, shot, startDemo, type Demo } from './harness.js';

/** How far the page reaches past the window's width, in CSS px (0: it reflows). */
// Expressions run in the page (this package is typed for Node, without the DOM's types).
const overflow = (page: Page): Promise<number> =>
  page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth') as Promise<number>;

describe('the demo reflows at 320 px', { timeout: 120_000 }, () => {
  let demo: Demo;
  let browser: Browser;
  before(async () => {
    demo = await startDemo();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await demo?.close();
  });

  test('home, booking form, booked meetings, inbox and outbox fit 320 px without horizontal scrolling (sv, da, en)', async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    // One meeting booked, so the booking page lists its invitation links and the outbox holds its texts.
    await page.goto(`${demo.url}/ehr?lang=en`);
    await page.locator('form[action^="/ehr/book"] button[type="submit"]').click();
    await page.locator('article[data-meeting]').first().waitFor({ timeout: 20_000 });
    const wide: string[] = [];
    for (const lang of ['sv', 'da', 'en']) {
      for (const path of ['/', '/ehr', '/inbox', '/outbox']) {
        await page.goto(`${demo.url}${path}?lang=${lang}`);
        // The invitation links are inside <details>: open them, as a person reading them would.
        await page.evaluate("document.querySelectorAll('details').forEach((d) => (d.open = true))");
        const by = await overflow(page);
        if (by > 0) wide.push(`${lang} ${path}: ${by} px too wide`);
        if (lang !== 'sv' || path === '/ehr' || path === '/outbox') await shot(page, `reflow-320-${lang}${path.replace(/\//g, '-')}`);
      }
    }
    assert.deepEqual(wide, []);
    await context.close();
  });
});
