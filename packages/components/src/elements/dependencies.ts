/**
 * The elements one of ours draws inside its shadow root, by the tag it uses for them.
 *
 * As Shoelace's `static dependencies`: a parent names its children here and registers them when it
 * is made, so a host that imports only `define/care-meeting.js` still gets the dialog and the
 * cards, and no element module registers anything on import (CONVENTIONS.md: class modules have no
 * side effects; `define/` registers the public tags).
 */
export type ElementDependencies = Readonly<Record<string, CustomElementConstructor>>;

/**
 * Registers each dependency under its tag unless that tag is already taken: a host may have
 * defined it (or bundled us twice), and defining a tag twice throws. A tag taken by another class
 * is left as it is; the parent then draws whatever the host put there, as Shoelace does.
 *
 * @example
 * ```ts
 * class CareMeeting extends LitElement {
 *   static readonly dependencies = { 'care-confirm-dialog': CareConfirmDialog };
 *   constructor() {
 *     super();
 *     defineDependencies(CareMeeting.dependencies);
 *   }
 * }
 * ```
 */
export function defineDependencies(dependencies: ElementDependencies): void {
  for (const [tag, element] of Object.entries(dependencies)) {
    if (!customElements.get(tag)) customElements.define(tag, element);
  }
}
