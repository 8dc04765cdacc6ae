import type { DeviceCheckResults } from '../core/device-check-results.js';

export type { DeviceCheckResults } from '../core/device-check-results.js';

/**
 * `care-device-check-complete`: the person finished the pre-call check. Bubbles and crosses
 * shadow roots, so `<care-meeting>` (or the host page) can listen above the element.
 *
 * @example
 * document.addEventListener('care-device-check-complete', (event) => {
 *   if (event.detail.camera.status === 'pass') joinWith(event.detail.devices);
 * });
 */
export class DeviceCheckCompleteEvent extends CustomEvent<DeviceCheckResults> {
  static readonly type = 'care-device-check-complete';

  constructor(results: DeviceCheckResults) {
    super(DeviceCheckCompleteEvent.type, { detail: results, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'care-device-check-complete': DeviceCheckCompleteEvent;
  }
}
