// Rewrites one benchmark's section of docs/benchmarks.md, between its own marker comments, and
// leaves everything else in the file alone, so several benchmarks can share the page.
import { readFile, writeFile } from 'node:fs/promises';

const PAGE_HEAD = `# Benchmarks

Each benchmark under [\`bench/\`](../bench) measures care-meet against a baseline loaded in the same
run on the same machine, and writes its own section of this page between its marker comments. The
absolute figures depend on the machine; the ratios are what the goals are about.
`;

/**
 * Puts `markdown` between `<!-- bench:<id>:start -->` and `<!-- bench:<id>:end -->` in `file` (a
 * path or file URL): replaces what is there, or appends the section when it is missing, or creates
 * the page when the file does not exist.
 */
export async function writeDocSection(file, id, markdown) {
  const start = `<!-- bench:${id}:start -->`;
  const end = `<!-- bench:${id}:end -->`;
  const block = `${start}\n<!-- Written by the benchmark script; edits between these markers are overwritten. -->\n${markdown.trim()}\n${end}`;
  let page;
  try {
    page = await readFile(file, 'utf8');
  } catch (e) {
    if (e.code !== 'ENOENT') throw e;
    page = PAGE_HEAD;
  }
  const from = page.indexOf(start);
  const to = page.indexOf(end);
  if (from !== -1 && to > from) {
    page = page.slice(0, from) + block + page.slice(to + end.length);
  } else if (from !== -1 || to !== -1) {
    throw new Error(`${String(file)}: the markers of section "${id}" are broken; fix them by hand`);
  } else {
    page = `${page.trimEnd()}\n\n${block}\n`;
  }
  await writeFile(file, page);
}
