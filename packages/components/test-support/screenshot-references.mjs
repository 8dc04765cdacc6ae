// The components' screenshots, compared against committed references (docs/browsers.md, "Screenshots
// and their references").
//
// Every `saveScreenshot(name, selector)` of a test saves test-results/screenshots/[firefox/]<name>.png
// (git-ignored, for people to look at). The pictures `needsReference` picks are also compared with
// test-references/screenshots/<browser>/<name>.png, committed:
//
//   Chromium  every picture in Swedish (the default language) at every width (1280 and 390 px, and
//             those taken at one size); English at 1280 px and at one size; the pictures whose
//             name has no language.
//   Firefox   the Swedish pictures at 1280 px and those taken at one size: a representative
//             subset of its engine's drawing (fonts, form controls, focus rings).
//
// Why not more: every language in Chromium is about 19 MB of PNGs (456 pictures, measured); this rule
// keeps the committed references under 10 MB (the count and size: docs/browsers.md). Danish,
// Norwegian, Finnish and English at 390 px are pictured in the same runs, checked for words that do
// not fit (src/test-support/text-fit.ts) and saved to look at, without a reference; the strings
// themselves are tested on their own (src/i18n/strings/translations.test.ts).
//
// The comparison: same width and height; a pixel differs when its colour is further than THRESHOLD
// from the reference's (pixelmatch's perceptual distance, anti-aliased pixels not counted); the
// picture matches when at most MAX_DIFF_SHARE of its pixels, and no more than MAX_DIFF_PIXELS, differ. What changes on its own (the fake
// camera's video, the microphone's level meter, clock times, round trips) is painted over before the picture is
// saved or compared (MASK and LIVE_TEXT in browsers.mjs), never left to the tolerance.
//
//   CARE_MEET_UPDATE_SCREENSHOTS=1  rewrites the references of the pictures this run takes.
//   CI=true                         a missing reference fails the test; elsewhere it is written, and the
//                                   run says so at its end.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { BROWSER, paintMasks, screenshotElement } from './browsers.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Where the references are: test-references/screenshots/<browser>/. */
export const referenceDir = (browser) => fileURLToPath(new URL(`../test-references/screenshots/${browser}/`, import.meta.url));

/**
 * Per-pixel colour distance (0 to 1, pixelmatch's perceptual one) up to which two pixels count as
 * the same: 0.03. pixelmatch's default, 0.1, lets a real change through: the main button's blue
 * #0b5cab made #1d4e89 differs by less. 0.03 sees that and white made #f3f4f6, not a 3 % darker
 * blue (#0a58a3).
 */
export const THRESHOLD = 0.03;
/**
 * How many pixels may differ beyond that: 0.01 % of the picture, and never more than 20 (so 16 of a
 * 560×280 card, 20 of anything larger than 200 000 pixels). Two runs in the same build differ in
 * none; the room is for a newer build's edges that pixelmatch does not take for anti-aliasing. Not
 * more: an exclamation mark added to a title differs in 26 pixels, two changed digits in about 130.
 */
export const MAX_DIFF_SHARE = 0.0001;
export const MAX_DIFF_PIXELS = 20;

const LANG_AND_WIDTH = /-(sv|da|nb|fi|en)(?:-(\d+))?$/;

/** Whether the picture `name` taken in `browser` is compared with a committed reference (the rule above). */
export function needsReference(browser, name) {
  const match = LANG_AND_WIDTH.exec(name);
  if (!match) return browser === 'chromium';
  const [, lang, width] = match;
  if (browser === 'chromium') return lang === 'sv' || (lang === 'en' && width !== '390');
  // Another engine: a representative subset, Swedish at 1280 px and at one size.
  return lang === 'sv' && width !== '390';
}

/** The references this run wrote, said at its end (`referencesPlugin`). */
const written = [];

/**
 * A plugin that says, when the run ends, which references it wrote (the test runner's own report
 * shows no browser logs of passing tests).
 */
export const referencesPlugin = () => ({
  name: 'care-screenshot-references',
  serverStop() {
    if (!written.length) return;
    const why = updating() ? 'CARE_MEET_UPDATE_SCREENSHOTS' : 'they were missing';
    console.log(`\nScreenshots: wrote ${written.length} references (${why}); look at them and commit them:\n  ${written.join('\n  ')}\n`);
  },
});

const updating = () => /^(1|true|yes)$/i.test(process.env.CARE_MEET_UPDATE_SCREENSHOTS ?? '');
const inCI = () => /^(1|true)$/i.test(process.env.CI ?? '');
const show = (path) => relative(root, path);

/**
 * The bytes of a reference: pngjs at zlib level 9, or the browser's own PNG (`original`, when nothing
 * was painted over) if that is smaller. Chromium's own encoder usually wins (pngjs comes out about a
 * fifth larger); what is compared is the decoded pixels, never the bytes.
 */
export function encodePng(png, original) {
  const ours = PNG.sync.write(png, { deflateLevel: 9, colorType: opaque(png) ? 2 : 6 });
  return original && original.length <= ours.length ? original : ours;
}

const opaque = (png) => {
  for (let i = 3; i < png.data.length; i += 4) if (png.data[i] !== 255) return false;
  return true;
};

/**
 * Compares the picture `name` (decoded, `actual`, already saved at `savedPath`) with its reference.
 * `original`: the browser's PNG bytes when nothing was painted over. Returns `{ failure }` (a message naming the picture) when it does not match or its reference is
 * missing in CI, `{ note }` when a reference was written, `{}` otherwise.
 */
export async function checkAgainstReference({ browser, name, actual, original, savedPath }) {
  const diffPath = savedPath.replace(/\.png$/, '.diff.png');
  await rm(diffPath, { force: true });
  if (!needsReference(browser, name)) return {};
  const referencePath = `${referenceDir(browser)}${name}.png`;
  const write = async (why) => {
    await mkdir(dirname(referencePath), { recursive: true });
    await writeFile(referencePath, encodePng(actual, original));
    written.push(show(referencePath));
    return { note: `screenshot ${browser}/${name}: ${why}, wrote ${show(referencePath)} (commit it)` };
  };
  if (updating()) return write('CARE_MEET_UPDATE_SCREENSHOTS');
  if (!existsSync(referencePath)) {
    if (inCI()) {
      return {
        failure: `screenshot ${browser}/${name}: no reference ${show(referencePath)}; take it locally with CARE_MEET_UPDATE_SCREENSHOTS=1 and commit it (the picture: ${show(savedPath)})`,
      };
    }
    return write('no reference yet');
  }
  const reference = PNG.sync.read(await readFile(referencePath));
  if (reference.width !== actual.width || reference.height !== actual.height) {
    return {
      failure:
        `screenshot ${browser}/${name}: ${actual.width}×${actual.height} px, its reference ${reference.width}×${reference.height} ` +
        `(actual ${show(savedPath)}, reference ${show(referencePath)}; if the change is meant, CARE_MEET_UPDATE_SCREENSHOTS=1)`,
    };
  }
  const { width, height } = actual;
  const diff = new PNG({ width, height });
  const differing = pixelmatch(reference.data, actual.data, diff.data, width, height, { threshold: THRESHOLD });
  const share = differing / (width * height);
  const allowed = Math.min(Math.floor(MAX_DIFF_SHARE * width * height), MAX_DIFF_PIXELS);
  if (differing <= allowed) return {};
  await writeFile(diffPath, PNG.sync.write(diff));
  return {
    failure:
      `screenshot ${browser}/${name}: ${(share * 100).toFixed(3)} % of its pixels differ from the reference (${differing} of ${width * height}; ` +
      `at most ${allowed}). Actual ${show(savedPath)}, diff ${show(diffPath)}, reference ${show(referencePath)}; ` +
      `if the change is meant, CARE_MEET_UPDATE_SCREENSHOTS=1`,
  };
}

/**
 * The `care-screenshot` command (web-test-runner.config.mjs, identity-server-plugin.mjs): takes the
 * element `selector` finds, paints over what changes on its own, saves it as `<dir><name>.png` and
 * compares it with its reference. Answers `{ path, failure?, note? }`; the test throws the failure
 * and logs the note (src/test-support/wtr-commands.ts).
 */
export async function takeScreenshot(session, { name, selector }, dir) {
  const safeName = String(name).replace(/[^a-z0-9-]/gi, '_');
  const path = `${dir}${safeName}.png`;
  await mkdir(dir, { recursive: true });
  const { png, masks } = await screenshotElement(session, selector);
  const actual = PNG.sync.read(png);
  paintMasks(actual, masks);
  // Painted over: encoded again, quickly (these are for looking at; the references are packed harder).
  await writeFile(path, masks.length ? PNG.sync.write(actual, { deflateLevel: 1 }) : png);
  return { path, ...(await checkAgainstReference({ browser: BROWSER, name: safeName, actual, original: masks.length ? undefined : png, savedPath: path })) };
}
