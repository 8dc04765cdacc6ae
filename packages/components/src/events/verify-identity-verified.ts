import type { VerifiedIdentity } from '../core/verify-identity-flow.js';

export type { VerifiedIdentity } from '../core/verify-identity-flow.js';

/**
 * `care-verified`: the person has proven who they are (or the host vouched for them), and
 * `detail.session` is the bearer session for `POST /join`. Bubbles and crosses shadow roots, so
 * `<care-meeting>` (or the host page) can listen above the element.
 *
 * `detail`: `{ session, participantId, expiresAt, method, meetingId }`. `method` is how it was
 * proven (`bankid`, `siths`, `mitid`, `sms-code`, `name`), or `host` for a session the host gave.
 *
 * @example
 * document.addEventListener('care-verified', (event) => {
 *   joinMeeting(event.detail.session);
 * });
 */
export class VerifiedEvent extends CustomEvent<VerifiedIdentity> {
  static readonly type = 'care-verified';

  constructor(verified: VerifiedIdentity) {
    super(VerifiedEvent.type, { detail: verified, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'care-verified': VerifiedEvent;
  }
}
