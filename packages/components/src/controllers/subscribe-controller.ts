import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Readable, Unsubscribe } from '../core/observable.js';

/**
 * Adapts a core `Readable` to a Lit element: subscribes while the element is connected and, on
 * every change, asks it to re-render. The element reads `controller.value` in `render()`.
 * For values that change many times a second, pass `onChange` to draw them without a re-render.
 *
 * @example
 * class MyElement extends LitElement {
 *   #devices = new SubscribeController(this, devicesStore);
 *   render() { return html`${this.#devices.value.length} devices`; }
 * }
 */
export class SubscribeController<T> implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #source: Readable<T>;
  readonly #onChange: (value: T) => void;
  #unsubscribe: Unsubscribe | undefined;

  constructor(host: ReactiveControllerHost, source: Readable<T>, onChange?: (value: T) => void) {
    this.#host = host;
    this.#source = source;
    this.#onChange = onChange ?? (() => host.requestUpdate());
    host.addController(this);
  }

  get value(): T {
    return this.#source.value;
  }

  hostConnected(): void {
    this.#unsubscribe ??= this.#source.subscribe(this.#onChange);
    // The value may have changed while we were not listening.
    this.#host.requestUpdate();
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }
}
