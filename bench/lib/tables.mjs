// Tables the benchmarks write into docs/benchmarks.md.

/** A Markdown table: the first `leftColumns` columns aligned left (the labels), the rest right (the figures). */
export function markdownTable({ head, body }, leftColumns = 2) {
  const align = head.map((_, i) => (i < leftColumns ? '---' : '---:'));
  return [head, align, ...body].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}
