/**
 * Whether an element's words fit where they are drawn: what a screenshot at a narrow width shows a
 * person, as something a test can assert. Long words (Finnish compounds like
 * "tunnistautumisikkuna") are what break first.
 */

/** Everything in `root`, through open shadow roots, in document order. */
function* deep(root: Element | ShadowRoot): Generator<Element> {
  for (const child of root.children) {
    yield child;
    if (child.shadowRoot) yield* deep(child.shadowRoot);
    yield* deep(child);
  }
}

/** The controls and labels whose words must stay whole and inside them. */
const CONTROLS = 'button, a, summary, label, legend, [role="button"], [part~="flag"], h2, h3';

/**
 * Whether `el` is drawn inside a `<dialog>`: through the flat tree, since what an element puts in
 * `<care-confirm-dialog>`'s slots is in its own tree and the dialog in the child's shadow root.
 */
function inDialog(el: Element): boolean {
  for (let node: Element | null = el; node; node = node.assignedSlot ?? node.parentElement ?? ((node.getRootNode() as ShadowRoot).host || null)) {
    if (node.localName === 'dialog') return true;
  }
  return false;
}

const visible = (el: Element) => {
  const box = el.getBoundingClientRect();
  return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden';
};

/** The words of `el` cut across two lines in the middle ("Tunnistautumis|ikkuna"). */
function brokenWords(el: Element): string[] {
  const broken: string[] = [];
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent ?? '';
    for (const match of text.matchAll(/\S+/g)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (lines.size > 1) broken.push(match[0]);
    }
  }
  return broken;
}

/**
 * What does not fit in `host` (and the shadow roots in it), as readable lines, `[]` when it all
 * fits: a control or label whose words overflow its box, a word cut in two across lines, or
 * anything that sticks out past `host`'s right edge (a page that would scroll sideways; for a modal
 * dialog, past the viewport's).
 *
 * @example
 * expect(textMisfits(el)).to.deep.equal([]);
 */
export function textMisfits(host: Element): string[] {
  const misfits: string[] = [];
  const right = host.getBoundingClientRect().right;
  const name = (el: Element) =>
    `<${el.localName}${el.getAttribute('part') ? ` part="${el.getAttribute('part')}"` : ''}> "${(el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 60)}"`;
  for (const el of deep(host.shadowRoot ?? host)) {
    if (!visible(el) || el.closest('.visually-hidden')) continue;
    const box = el.getBoundingClientRect();
    // A modal dialog is drawn over the page, in the viewport's box rather than the element's.
    const edge = inDialog(el) ? document.documentElement.clientWidth : right;
    if (box.right > edge + 1) misfits.push(`past the edge by ${Math.round(box.right - edge)} px: ${name(el)}`);
    if (!el.matches(CONTROLS)) continue;
    // Inline boxes have no width of their own to overflow; any other box whose words are wider
    // than it is either clips them or lets them spill over its border.
    if (getComputedStyle(el).display !== 'inline' && el.scrollWidth > el.clientWidth + 1) misfits.push(`too narrow for its words: ${name(el)}`);
    for (const word of brokenWords(el)) misfits.push(`"${word}" cut across lines in ${name(el)}`);
  }
  return [...new Set(misfits)];
}
