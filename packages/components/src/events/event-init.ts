/** The init of every care-meet event: it bubbles and crosses shadow roots; a request a host may veto is `cancelable`. */
export const init = <T>(detail: T, cancelable = false): CustomEventInit<T> => ({ detail, bubbles: true, composed: true, cancelable });
