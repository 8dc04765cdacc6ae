import type { RosterEntry } from '@care-meet/protocol/wire';

export interface LobbyRequestDetail {
  /** The waiting guest, as the list showed them. */
  participant: RosterEntry;
  /** The button pressed: where a confirmation gives focus back. */
  opener: HTMLElement;
}

/**
 * `care-lobby-admit-request`: Let in was pressed in `<care-lobby-list>`. A request to the element
 * that drew the list (`<care-roster>`), which fires the public, cancelable `care-roster-admit` and
 * calls the server: so it bubbles but stays inside that element's shadow root (not composed).
 */
export class LobbyAdmitRequestEvent extends CustomEvent<LobbyRequestDetail> {
  static readonly type = 'care-lobby-admit-request';

  constructor(detail: LobbyRequestDetail) {
    super(LobbyAdmitRequestEvent.type, { detail, bubbles: true, composed: false });
  }
}

/**
 * `care-lobby-turn-away-request`: Turn away was pressed in `<care-lobby-list>`. Its parent asks
 * for a confirmation, then fires the public `care-roster-remove`; not composed, as above.
 */
export class LobbyTurnAwayRequestEvent extends CustomEvent<LobbyRequestDetail> {
  static readonly type = 'care-lobby-turn-away-request';

  constructor(detail: LobbyRequestDetail) {
    super(LobbyTurnAwayRequestEvent.type, { detail, bubbles: true, composed: false });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'care-lobby-admit-request': LobbyAdmitRequestEvent;
    'care-lobby-turn-away-request': LobbyTurnAwayRequestEvent;
  }
}
