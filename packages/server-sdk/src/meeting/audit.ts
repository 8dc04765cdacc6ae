import type { CareMeet } from '../care-meet.js';
import type { NewAuditEntry } from '../model.js';

/**
 * What an audit entry says, all given: `CareMeet.recordAudit`'s parameters (the meeting, the
 * action, who acted, whom it concerned, the outcome, the refusal's code, details without identities).
 */
export type AuditArgs = Required<Parameters<CareMeet['recordAudit']>>;

/** An audit entry at `at`, to append on its own or to store with the change it documents. */
export function auditEntry(at: Date, ...[meetingId, action, actor, participantId, outcome, code, details]: AuditArgs): NewAuditEntry {
  return { meetingId, at, action, actor, participantId, outcome, code, details };
}
