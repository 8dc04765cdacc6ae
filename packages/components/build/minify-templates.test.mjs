// node --test build/minify-templates.test.mjs
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { minifyCss, minifyHtml, templateEdits } from './minify-templates.mjs';

test('CSS: comments, indentation and the spaces around punctuation go; line breaks and quoted strings stay', () => {
  const css = `
  /* the page's "margin" */
  :host {
    font: 1rem/1.45 var(--care-font-family, system-ui, sans-serif);
  }

  .a :focus-visible,
  .b > .c {
    content: ' a ; } ';
    color: red ; /* why */
  }
`;
  assert.equal(
    minifyCss(css),
    "\n\n:host{\nfont:1rem/1.45 var(--care-font-family,system-ui,sans-serif)\n}\n\n.a :focus-visible,\n.b > .c{\ncontent:' a ; } ';\ncolor:red;\n}\n",
  );
});

test('HTML: indentation goes, line breaks and whitespace inside a line stay', () => {
  assert.equal(minifyHtml('\n    <p>\n      a  b\n    </p>\n  '), '\n<p>\na  b\n</p>\n');
  assert.equal(minifyHtml('<b>a</b> <i>b</i>'), '<b>a</b> <i>b</i>');
});

test('only html, svg and css tagged templates are touched, each piece between ${…} on its own', () => {
  const code = 'const a = html`\n  <p>${x}\n  </p>`; const b = `\n  keep`; const c = css`\n  a { color: red; }`;';
  const edits = templateEdits(code);
  let out = code;
  for (const [start, end, text] of [...edits].sort((x, y) => y[0] - x[0])) out = out.slice(0, start) + text + out.slice(end);
  assert.equal(out, 'const a = html`\n<p>${x}\n</p>`; const b = `\n  keep`; const c = css`\na{color:red}`;');
});
