// Whitespace and comments out of the HTML and CSS in Lit's `html`, `svg` and `css` template literals,
// and the terser options every browser build of care-meet uses: shared by the shipped builds
// (tsc's dist/ for bundlers, after `tsc`; rollup's dist/browser/ for script tags) and by the
// size measurements in bench/, so what is measured is what is shipped.
//
//   node build/minify-templates.mjs dist   rewrite dist/**/*.js in place (the package's build does this)
//
// Conservative on purpose, so rendering and behaviour stay exactly the same:
// - HTML: a run of whitespace that holds a line break becomes just the line breaks (its
//   indentation goes). A line break is whitespace to HTML like a space is, so text and inline
//   elements render as before; whitespace inside a line is left as it is.
// - CSS: comments and indentation go, and the spaces around `{ } ; , :` (never inside quotes).
// - Line breaks are all kept, so a source map of the file still points at the right line.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import MagicString from 'magic-string';
import { parseAst } from 'rollup/parseAst';

/** The terser options of every browser build and every size measurement. */
export const TERSER_OPTIONS = { ecma: 2022, module: true, compress: { passes: 2 }, format: { comments: false } };

const TAGS = new Set(['html', 'svg', 'css']);

/** Whitespace holding line breaks, down to the line breaks. */
const keepLineBreaks = (space) => space.replace(/[^\n]/g, '');

/** One piece of HTML between two `${…}` (raw template text). */
export function minifyHtml(raw) {
  return raw.replace(/\s*\n\s*/g, keepLineBreaks);
}

/** One piece of CSS between two `${…}` (raw template text); quoted strings are left alone. */
export function minifyCss(raw) {
  // Strings and comments are found in one pass, so a quote in a comment or `/*` in a string is no trouble.
  return raw
    .split(/('(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|\/\*[\s\S]*?\*\/)/)
    .map((part, i) => {
      if (i % 2) return part.startsWith('/*') ? keepLineBreaks(part) || ' ' : part; // a comment goes, a quoted string stays
      return part
        .replace(/[ \t]*\n\s*/g, keepLineBreaks)
        .replace(/[ \t]+/g, ' ')
        .replace(/\s*([{};,])[ \t]*/g, (match, mark) => keepLineBreaks(match) + mark)
        .replace(/:[ \t]+/g, ':')
        .replace(/;(\s*)}/g, '$1}');
    })
    .join('')
    .replace(/[ \t]*\n[ \t]*/g, '\n'); // where a comment was (no string holds a line break)
}

/**
 * The `[start, end, minified]` of every quasi of every `html`/`svg`/`css` tagged template in a
 * module's JavaScript (positions are into `code`).
 */
export function templateEdits(code, parse = parseAst) {
  if (!/\b(html|svg|css)\s*`/.test(code)) return [];
  const edits = [];
  const visit = (node) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    if (node.type === 'TaggedTemplateExpression' && node.tag.type === 'Identifier' && TAGS.has(node.tag.name)) {
      const minify = node.tag.name === 'css' ? minifyCss : minifyHtml;
      for (const quasi of node.quasi.quasis) {
        const raw = code.slice(quasi.start, quasi.end);
        const minified = minify(raw);
        if (minified !== raw) edits.push([quasi.start, quasi.end, minified]);
      }
    }
    for (const key in node) if (key !== 'type' && key !== 'start' && key !== 'end') visit(node[key]);
  };
  visit(parse(code));
  return edits;
}

/** A rollup plugin: after the TypeScript is compiled, minify the templates of care-meet's own modules (not of its dependencies). */
export function minifyTemplates() {
  return {
    name: 'care-meet-minify-templates',
    transform(code, id) {
      if (id.includes('node_modules') || !/[\\/]packages[\\/]components[\\/]src[\\/]/.test(id)) return null;
      const edits = templateEdits(code, (source) => this.parse(source));
      if (!edits.length) return null;
      const out = new MagicString(code);
      for (const [start, end, text] of edits) out.overwrite(start, end, text);
      return { code: out.toString(), map: out.generateMap({ hires: true }) };
    },
  };
}

/** Rewrites every `.js` file under `dir` (tsc's output) with its templates minified. */
async function minifyDirectory(dir) {
  let files = 0;
  let saved = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.js')) continue;
    const file = join(entry.parentPath ?? entry.path, entry.name);
    const code = await readFile(file, 'utf8');
    const edits = templateEdits(code);
    if (!edits.length) continue;
    let next = code;
    for (const [start, end, text] of [...edits].sort((a, b) => b[0] - a[0])) next = next.slice(0, start) + text + next.slice(end);
    await writeFile(file, next);
    files += 1;
    saved += code.length - next.length;
  }
  console.log(`minify-templates: ${files} files in ${dir}, ${saved} characters less`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: node build/minify-templates.mjs <dir>');
    process.exit(2);
  }
  await minifyDirectory(dir);
}
