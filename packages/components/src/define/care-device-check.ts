import { CareDeviceCheck } from '../elements/device-check/device-check.js';

export { CareDeviceCheck };

// Defining twice throws; a host that bundles us twice (or defined the tag itself) keeps the first.
if (!customElements.get('care-device-check')) customElements.define('care-device-check', CareDeviceCheck);

declare global {
  interface HTMLElementTagNameMap {
    'care-device-check': CareDeviceCheck;
  }
}
