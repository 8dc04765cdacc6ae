#!/usr/bin/env node
// How many bytes <care-device-check> costs a page that loads it on its own, Lit included.
//
//   node bench/device-check-size.mjs          measure, fail over budget, update the docs page
//   node bench/device-check-size.mjs --check  measure and fail over budget; leave the docs alone
//
// Bundles packages/components/src/define/care-device-check.ts the way a host's bundler would
// (browser resolution, minified) with one language's words (each language is a chunk of its own,
// loaded when the element shows it; the largest language counts), gzips it at level 9, and fails (exit 1) when the result is over
// 20 KiB or when livekit-client got into the bundle: the check must load long before the meeting.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import { minifyTemplates, TERSER_OPTIONS } from '../packages/components/build/minify-templates.mjs';

const BUDGET_BYTES = 20 * 1024;
const root = new URL('../', import.meta.url);
const entry = fileURLToPath(new URL('packages/components/src/define/care-device-check.ts', root));
const tsconfig = fileURLToPath(new URL('packages/components/tsconfig.json', root));
const docs = new URL('docs/elements/device-check.md', root);
const command = 'node bench/device-check-size.mjs';

/** The element with one language's words (its string tables' chunks for `lang`, and no other's). */
async function measure(lang) {
  const bundle = await rollup({
    input: entry,
    plugins: [
      {
        name: 'one-language',
        resolveDynamicImport: (specifier, importer) =>
          /[\\/]i18n[\\/]strings[\\/][\w-]+\.ts$/.test(importer) && typeof specifier === 'string' && !specifier.startsWith(`./${lang}/`) ? false : null,
      },
      nodeResolve({ browser: true }),
      esbuild({ tsconfig, target: 'es2022' }),
      minifyTemplates(),
      terser(TERSER_OPTIONS),
    ],
    onwarn(warning, warn) {
      // Lit's modules say `this` at the top level; harmless, and not ours to fix.
      if (warning.code !== 'THIS_IS_UNDEFINED') warn(warning);
    },
  });
  const { output } = await bundle.generate({ format: 'es', inlineDynamicImports: true });
  await bundle.close();
  const chunk = output.find((item) => item.type === 'chunk');
  return { lang, code: chunk.code, modules: Object.keys(chunk.modules) };
}

// Each language is a chunk of its own, loaded when the element shows it: the largest one counts.
const results = [];
for (const lang of ['sv', 'da', 'nb', 'fi', 'en']) results.push(await measure(lang));
const sizes = results.map((result) => ({ ...result, raw: Buffer.byteLength(result.code), gzip: gzipSync(result.code, { level: 9 }).length }));
const { lang, modules, raw, gzip } = sizes.reduce((a, b) => (b.gzip > a.gzip ? b : a));
const kib = (bytes) => (bytes / 1024).toFixed(2);
const livekit = modules.filter((id) => /[\\/]livekit-client[\\/]/.test(id));
const perLang = sizes.map((size) => `${size.lang} ${kib(size.gzip)}`).join(', ');

console.log(
  `care-device-check: ${kib(raw)} KiB minified, ${kib(gzip)} KiB gzip (${gzip} bytes, in ${lang}, the largest of ${perLang}; budget ${kib(BUDGET_BYTES)} KiB), ${modules.length} modules`,
);

const problems = [];
if (gzip > BUDGET_BYTES) problems.push(`over budget by ${gzip - BUDGET_BYTES} bytes`);
if (livekit.length) problems.push(`livekit-client is in the bundle:\n  ${livekit.join('\n  ')}`);
if (!modules.some((id) => new RegExp(`[\\\\/]i18n[\\\\/]strings[\\\\/]${lang}[\\\\/]`).test(id)))
  problems.push(`the ${lang} strings are missing from the bundle: the measurement is wrong`);

if (!process.argv.includes('--check') && !problems.length) {
  const start = '<!-- size:start -->';
  const end = '<!-- size:end -->';
  const page = await readFile(docs, 'utf8');
  const from = page.indexOf(start);
  const to = page.indexOf(end);
  if (from < 0 || to < from) {
    problems.push(`${fileURLToPath(docs)} lacks the ${start} … ${end} markers`);
  } else {
    const figure = `${start}\n**${kib(gzip)} KiB gzip** (${gzip} bytes; ${kib(raw)} KiB minified), Lit included and no \`livekit-client\`, with the words of one language (each is a chunk of its own; the largest, ${lang}, counts: ${perLang}), against a budget of 20 KiB. Measured with \`${command}\`.\n${end}`;
    const next = page.slice(0, from) + figure + page.slice(to + end.length);
    if (next !== page) {
      await writeFile(docs, next);
      console.log(`updated ${fileURLToPath(docs)}`);
    }
  }
}

if (problems.length) {
  for (const problem of problems) console.error(`FAIL: ${problem}`);
  process.exit(1);
}
