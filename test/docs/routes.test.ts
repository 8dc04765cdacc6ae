// Every route of the protocol's table is documented for the portals' developers: its method and
// path (as `/api/...` with `{name}` for a parameter) on one line of docs/http-api.md or, for the
// identity routes, docs/identity.md. A route added to the table without a word in the docs fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ROUTES } from '@care-meet/protocol/routes';

const ROOT = new URL('../../', import.meta.url);
const lines = ['docs/http-api.md', 'docs/identity.md'].flatMap((f) => readFileSync(new URL(f, ROOT), 'utf8').split('\n'));

test("docs/http-api.md and docs/identity.md name every route of the protocol's table, method and path", () => {
  const missing: string[] = [];
  for (const [name, route] of Object.entries(ROUTES)) {
    const path = `/api${route.path.replace(/:([A-Za-z]+)/g, '{$1}')}`;
    // The path as a whole (not the start of a longer one), with the method on the same line.
    const at = new RegExp(`${path.replace(/[{}]/g, '\\$&')}(?![/A-Za-z{])`);
    if (!lines.some((line) => at.test(line) && line.includes(route.method))) missing.push(`${name}: ${route.method} ${path}`);
  }
  assert.deepEqual(missing, []);
});
