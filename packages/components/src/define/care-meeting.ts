import { CareMeeting } from '../elements/meeting/meeting.js';

export { CareMeeting };

// Defining twice throws; a host that bundles us twice (or defined the tag itself) keeps the first.
if (!customElements.get('care-meeting')) customElements.define('care-meeting', CareMeeting);

declare global {
  interface HTMLElementTagNameMap {
    'care-meeting': CareMeeting;
  }
}
