import { CareRoster } from '../elements/roster/roster.js';

export { CareRoster };

// Defining twice throws; a host that bundles us twice (or defined the tag itself) keeps the first.
if (!customElements.get('care-roster')) customElements.define('care-roster', CareRoster);

declare global {
  interface HTMLElementTagNameMap {
    'care-roster': CareRoster;
  }
}
