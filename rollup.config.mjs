// Browser bundles of @care-meet/components for hosts that load the elements with a plain
// <script type="module"> (no bundler of their own): one module per element plus `care-meet.js`
// defining all of them. livekit-client stays a separate chunk, loaded only when someone joins, and
// each language's words are chunks of their own (chunks/<lang>/), loaded when an element shows it.
// Templates are minified and terser runs as in bench/bundle-size.mjs (build/minify-templates.mjs).
//
//   pnpm run bundle   →   packages/components/dist/browser/
import { readdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import { minifyTemplates, TERSER_OPTIONS } from './packages/components/build/minify-templates.mjs';

const components = fileURLToPath(new URL('./packages/components/', import.meta.url));
const defineDir = join(components, 'src/define');
const defines = readdirSync(defineDir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));

const ALL = '\0care-meet-all';
const input = Object.fromEntries(defines.map((f) => [basename(f, '.ts'), join(defineDir, f)]));
input['care-meet'] = ALL;

/** `care-meet.js`: imports every define module, so one script tag defines every tag. */
function allElements() {
  return {
    name: 'care-meet-all',
    // The define modules exist for their side effect (customElements.define). The package's
    // `sideEffects` names only their built form, so node-resolve would call the sources pure.
    resolveId: (id) => (id === ALL ? { id: ALL, moduleSideEffects: true } : id.startsWith(defineDir) ? { id, moduleSideEffects: true } : null),
    load: (id) => (id === ALL ? defines.map((f) => `import ${JSON.stringify(join(defineDir, f))};`).join('\n') : null),
  };
}

export default {
  input,
  output: {
    dir: join(components, 'dist/browser'),
    format: 'es',
    entryFileNames: '[name].js',
    chunkFileNames: (chunk) => {
      const lang = /[\\/]i18n[\\/]strings[\\/](\w+)[\\/]/.exec(chunk.facadeModuleId ?? '')?.[1];
      return lang ? `chunks/${lang}/[name]-[hash].js` : 'chunks/[name]-[hash].js';
    },
    sourcemap: true,
  },
  plugins: [
    // Chunk names carry content hashes: without this, every rebuild would leave the last one's behind.
    { name: 'clean-output', buildStart: () => rmSync(join(components, 'dist/browser'), { recursive: true, force: true }) },
    allElements(),
    nodeResolve({ browser: true, exportConditions: ['browser', 'production'] }),
    esbuild({ target: 'es2022', tsconfig: join(components, 'tsconfig.json') }),
    minifyTemplates(),
    terser(TERSER_OPTIONS),
  ],
};
