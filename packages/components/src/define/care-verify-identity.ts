import { CareVerifyIdentity } from '../elements/verify-identity/verify-identity.js';

export { CareVerifyIdentity };

// Defining twice throws; a host that bundles us twice (or defined the tag itself) keeps the first.
if (!customElements.get('care-verify-identity')) customElements.define('care-verify-identity', CareVerifyIdentity);

declare global {
  interface HTMLElementTagNameMap {
    'care-verify-identity': CareVerifyIdentity;
  }
}
