import type { ConsentHow, Roster, RosterEntry } from '@care-meet/protocol/wire';

/** Someone connected who is not on the list, as the roster showed them. */
export type RosterStranger = Roster['strangers'][number];

export interface RosterAdmitDetail {
  /** The person to let in, as the roster showed them. */
  participant: RosterEntry;
  /** `true` when they had been removed (or turned away) and are let in again; `false` from the lobby. */
  readmit: boolean;
}

/** Who is to be removed: someone on the list (`participant`), or someone connected who is not (`stranger`). */
export type RosterRemoveDetail =
  | {
      /** The person to remove, as the roster showed them. */
      participant: RosterEntry;
      stranger?: undefined;
      /** `true` when a lobby guest is turned away; `false` when someone on the list is removed. */
      turnAway: boolean;
    }
  | {
      participant?: undefined;
      /** Someone connected who is not on the list (their LiveKit identity and the name they gave). */
      stranger: RosterStranger;
      turnAway: false;
    };

/**
 * `care-roster-admit`: the chair asked to let someone in (from the lobby, or again after a
 * removal). Fired before the server is asked; `preventDefault()` stops it, e.g. when the host
 * wants its own check first. Bubbles and is composed.
 *
 * @example
 * roster.addEventListener('care-roster-admit', (event) => {
 *   if (!myPolicyAllows(event.detail.participant)) event.preventDefault();
 * });
 */
export class RosterAdmitEvent extends CustomEvent<RosterAdmitDetail> {
  static readonly type = 'care-roster-admit';

  constructor(detail: RosterAdmitDetail) {
    super(RosterAdmitEvent.type, { detail, bubbles: true, composed: true, cancelable: true });
  }
}

/**
 * `care-roster-remove`: the chair confirmed removing someone (on the list, or connected without
 * being on it), or turning a lobby guest away. Fired after the confirmation and before the server
 * is asked; `preventDefault()` stops it. Bubbles and is composed.
 *
 * @example
 * document.addEventListener('care-roster-remove', (event) => {
 *   const { participant, stranger, turnAway } = event.detail;
 *   log(participant ? `${participant.name} ${turnAway ? 'turned away' : 'removed'}` : `${stranger.name} (not on the list) removed`);
 * });
 */
export class RosterRemoveEvent extends CustomEvent<RosterRemoveDetail> {
  static readonly type = 'care-roster-remove';

  constructor(detail: RosterRemoveDetail) {
    super(RosterRemoveEvent.type, { detail, bubbles: true, composed: true, cancelable: true });
  }
}

export interface RosterConsentDetail {
  /** How the individual told staff she agreed. */
  how: Exclude<ConsentHow, 'self'>;
  /** Everyone the chair was shown and confirmed she agreed to (registered and not removed), as the roster showed them. */
  participants: RosterEntry[];
}

/**
 * `care-roster-consent`: the chair confirmed that the individual agreed to the meeting and to
 * these people taking part. Fired before the server is asked to record it; `preventDefault()`
 * stops the request (and closes the confirmation). Bubbles and is composed.
 *
 * @example
 * roster.addEventListener('care-roster-consent', (event) => {
 *   journal.note(`Consent (${event.detail.how}) to: ${event.detail.participants.map((p) => p.name).join(', ')}`);
 * });
 */
export class RosterConsentEvent extends CustomEvent<RosterConsentDetail> {
  static readonly type = 'care-roster-consent';

  constructor(detail: RosterConsentDetail) {
    super(RosterConsentEvent.type, { detail, bubbles: true, composed: true, cancelable: true });
  }
}

export interface RosterConsentWithdrawDetail {
  /** Whose consent it is, as the roster showed them; `null` when the list names no one as the individual. */
  individual: RosterEntry | null;
}

/**
 * `care-roster-consent-withdraw`: the chair confirmed that the individual withdrew her consent (she
 * told the chair, during the meeting or before it). Fired before the server is asked to record it;
 * `preventDefault()` stops the request (and closes the confirmation). Bubbles and is composed.
 *
 * @example
 * roster.addEventListener('care-roster-consent-withdraw', (event) => {
 *   journal.note(`${event.detail.individual?.name ?? 'The individual'} withdrew her consent to the meeting.`);
 * });
 */
export class RosterConsentWithdrawEvent extends CustomEvent<RosterConsentWithdrawDetail> {
  static readonly type = 'care-roster-consent-withdraw';

  constructor(detail: RosterConsentWithdrawDetail) {
    super(RosterConsentWithdrawEvent.type, { detail, bubbles: true, composed: true, cancelable: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'care-roster-admit': RosterAdmitEvent;
    'care-roster-remove': RosterRemoveEvent;
    'care-roster-consent': RosterConsentEvent;
    'care-roster-consent-withdraw': RosterConsentWithdrawEvent;
  }
}
