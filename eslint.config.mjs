// @ts-check
// ESLint for the whole repository (`pnpm run lint`, part of `pnpm run test`): ESLint's and
// typescript-eslint's recommended rules everywhere (without type information, so it stays fast),
// and the Lit and web-component rules on the elements. Formatting is Prettier's (`pnpm run format`).
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';
import { configs as lit } from 'eslint-plugin-lit';
import { configs as wc } from 'eslint-plugin-wc';
import globals from 'globals';

export default defineConfig(
  globalIgnores([
    '**/node_modules/',
    '**/dist/',
    '**/build/',
    // The components' build scripts are sources, not build output.
    '!packages/components/build/',
    '**/coverage/',
    '**/.livekit/',
    '**/.postgres/',
    '**/.care-meet/',
    '**/test-results/',
    'bench/.tmp/',
    'docs/api/',
    'test/e2e/screenshots/',
    'packages/components/custom-elements.json',
  ]),
  {
    files: ['**/*.{ts,mts,js,mjs}'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: globals.node,
    },
    rules: {
      // Best-effort steps (cleanup, optional probes) swallow their errors on purpose with `catch {}`.
      'no-empty': ['error', { allowEmptyCatch: true }],
      // A leading underscore marks a parameter an interface requires, and a rest sibling is how a key is left out.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // A variable a callback reads before it is assigned stays `let` (as `const` it would throw if the callback ran first).
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  {
    // Scripts that drive a browser: the callbacks they hand to page.evaluate run in the page.
    files: ['bench/media.bench.mjs', 'packages/components/test-support/identity-server-plugin.mjs', 'packages/components/test-support/browsers.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: ['**/*.test.ts', '**/test-support/**', 'test/**'],
    rules: {
      // The tests read JSON answers and events as `any` to assert on them tersely.
      '@typescript-eslint/no-explicit-any': 'off',
      // Chai's property assertions (`expect(x).to.exist`) are expressions by design.
      '@typescript-eslint/no-unused-expressions': 'off',
    },
  },
  {
    // What runs in the browser: the elements, the demo's pages and the probes the tests load there.
    files: ['packages/components/src/**/*.ts', 'packages/demo/src/**/*.ts', '**/*.browser.js'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['packages/components/src/**/*.ts'],
    // wc's best-practice config is its recommended one plus more.
    extends: [lit['flat/recommended'], wc['flat/best-practice']],
    settings: {
      wc: { elementBaseClasses: ['LitElement'] },
    },
    rules: {
      // LitElement implements every lifecycle callback, so an unguarded super call is safe.
      'wc/guard-super-call': 'off',
      // `this.#loading ??= import(...)` reads the field to load once; the rule counts it as never read.
      'no-unused-private-class-members': 'off',
    },
  },
);
