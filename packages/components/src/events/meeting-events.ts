import type { Role } from '@care-meet/protocol/wire';
import type { ConnectionStatus } from '../core/room-state.js';
import { init } from './event-init.js';

// `care-error` is every element's, in a module of its own so an element that fires only it does
// not bring the meeting's other events along (their static blocks keep them in a bundle).
export { MeetingErrorEvent, type MeetingErrorDetail } from './care-error.js';

/*
 * The events <care-meeting> fires. Each bubbles and is composed (it crosses shadow roots), so a
 * host can listen on the element, on a wrapper, or on `document`. Requests a host may veto are
 * cancelable: call `preventDefault()` and the element does not go ahead.
 */

export interface MeetingJoinedDetail {
  meetingId: string;
  participantId: string;
  role: Role;
  name: string;
}

/**
 * `care-joined`: the person is in the meeting room (after the lobby, for a guest). Fired again
 * after joining anew (after leaving), not after a reconnect.
 *
 * @example
 * meeting.addEventListener('care-joined', (event) => log('joined as', event.detail.role));
 */
export class MeetingJoinedEvent extends CustomEvent<MeetingJoinedDetail> {
  static readonly type = 'care-joined';
  constructor(detail: MeetingJoinedDetail) {
    super(MeetingJoinedEvent.type, init(detail));
  }
}

export interface MeetingWaitingDetail {
  meetingId: string;
  participantId: string;
}

/** `care-waiting`: a guest is in the lobby, waiting for the meeting leader to let them in. */
export class MeetingWaitingEvent extends CustomEvent<MeetingWaitingDetail> {
  static readonly type = 'care-waiting';
  constructor(detail: MeetingWaitingDetail) {
    super(MeetingWaitingEvent.type, init(detail));
  }
}

export interface MeetingLeaveRequestDetail {
  meetingId: string;
}

/**
 * `care-leave-request`: the person pressed Leave. Cancelable: `preventDefault()` keeps them in
 * the meeting (for example to ask the host's own question first; call `leave()` afterwards).
 *
 * @example
 * meeting.addEventListener('care-leave-request', (event) => {
 *   if (!confirm('Leave?')) event.preventDefault();
 * });
 */
export class MeetingLeaveRequestEvent extends CustomEvent<MeetingLeaveRequestDetail> {
  static readonly type = 'care-leave-request';
  constructor(detail: MeetingLeaveRequestDetail) {
    super(MeetingLeaveRequestEvent.type, init(detail, true));
  }
}

export interface MeetingLeftDetail {
  meetingId: string;
  participantId: string;
}

/** `care-left`: the person left the meeting (they may join again until it ends). */
export class MeetingLeftEvent extends CustomEvent<MeetingLeftDetail> {
  static readonly type = 'care-left';
  constructor(detail: MeetingLeftDetail) {
    super(MeetingLeftEvent.type, init(detail));
  }
}

export interface MeetingEndRequestDetail {
  meetingId: string;
}

/**
 * `care-end-request`: the meeting leader confirmed "end the meeting for everyone". Cancelable:
 * `preventDefault()` keeps the meeting going and nothing is sent to the server.
 */
export class MeetingEndRequestEvent extends CustomEvent<MeetingEndRequestDetail> {
  static readonly type = 'care-end-request';
  constructor(detail: MeetingEndRequestDetail) {
    super(MeetingEndRequestEvent.type, init(detail, true));
  }
}

export interface MeetingEndedDetail {
  meetingId: string;
}

/** `care-ended`: the meeting has ended for everyone; nobody can join it again. */
export class MeetingEndedEvent extends CustomEvent<MeetingEndedDetail> {
  static readonly type = 'care-ended';
  constructor(detail: MeetingEndedDetail) {
    super(MeetingEndedEvent.type, init(detail));
  }
}

export interface MeetingRemovedDetail {
  meetingId: string;
  participantId: string;
}

/** `care-removed`: the meeting leader removed this person from the meeting. */
export class MeetingRemovedEvent extends CustomEvent<MeetingRemovedDetail> {
  static readonly type = 'care-removed';
  constructor(detail: MeetingRemovedDetail) {
    super(MeetingRemovedEvent.type, init(detail));
  }
}

export interface MeetingConnectionDetail {
  connection: ConnectionStatus;
  /** The attempt number of a reconnect with a fresh token; 0 when none is under way. */
  attempt: number;
}

/** `care-connection`: the media connection changed (`connected`, `reconnecting`, `disconnected`, …). */
export class MeetingConnectionEvent extends CustomEvent<MeetingConnectionDetail> {
  static readonly type = 'care-connection';
  constructor(detail: MeetingConnectionDetail) {
    super(MeetingConnectionEvent.type, init(detail));
  }
}

export interface MeetingEvaluationDetail {
  meetingId: string;
  answers: Record<string, string | number | boolean>;
}

/** `care-evaluation-submitted`: the person's evaluation was stored by the server. */
export class MeetingEvaluationEvent extends CustomEvent<MeetingEvaluationDetail> {
  static readonly type = 'care-evaluation-submitted';
  constructor(detail: MeetingEvaluationDetail) {
    super(MeetingEvaluationEvent.type, init(detail));
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'care-joined': MeetingJoinedEvent;
    'care-waiting': MeetingWaitingEvent;
    'care-leave-request': MeetingLeaveRequestEvent;
    'care-left': MeetingLeftEvent;
    'care-end-request': MeetingEndRequestEvent;
    'care-ended': MeetingEndedEvent;
    'care-removed': MeetingRemovedEvent;
    'care-connection': MeetingConnectionEvent;
    'care-evaluation-submitted': MeetingEvaluationEvent;
  }
}
