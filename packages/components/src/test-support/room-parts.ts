/**
 * Finding things in `<care-meeting>` when some of them are drawn by the room's parts (the consent
 * card, the chat, the evaluation form, the confirmation, the leader's tools, her roster and its lobby list),
 * each an element with a shadow root of its own: a selector
 * is tried in the meeting's shadow root and then in each part's, as one tree.
 */
const PARTS = 'care-consent-card, care-chat-panel, care-evaluation-form, care-chair-tools, care-confirm-dialog, care-roster, care-lobby-list';

function rootsOf(root: ParentNode): ParentNode[] {
  const parts = [...root.querySelectorAll(PARTS)].flatMap((part) => (part.shadowRoot ? rootsOf(part.shadowRoot) : []));
  return [root, ...parts];
}

/** The first element matching `selector` in `root` or in the room's parts drawn in it. */
export function queryRoom<T extends Element = HTMLElement>(root: ParentNode, selector: string): T | null {
  for (const inside of rootsOf(root)) {
    const found = inside.querySelector<T>(selector);
    if (found) return found;
  }
  return null;
}

/** Every element matching `selector` in `root` and in the room's parts drawn in it. */
export function queryRoomAll<T extends Element = HTMLElement>(root: ParentNode, selector: string): T[] {
  return rootsOf(root).flatMap((inside) => [...inside.querySelectorAll<T>(selector)]);
}

/** What has keyboard focus in `root`, looking into a part when the focus is in it. */
export function activeInRoom(root: DocumentOrShadowRoot): Element | null {
  let active = root.activeElement;
  while (active?.shadowRoot?.activeElement && active.matches(PARTS)) active = active.shadowRoot.activeElement;
  return active;
}

/** The text of `root` and of the room's parts drawn in it. */
export function textInRoom(root: ParentNode): string {
  return rootsOf(root)
    .map((inside) => inside.textContent ?? '')
    .join(' ');
}
