import { meetingState, type AdmissionPolicy } from '../admission/decide.js';
import { verifyMethodFor, type Meeting, type Participant, type Role, type VerifyMethod } from '../model.js';
import type { MeetingView as WireMeetingView } from '@care-meet/protocol/wire';

/** A registration as the organizer and the chair see it: the identity masked. */
export interface ParticipantView {
  id: string;
  name: string;
  role: Role;
  identity: { kind: Participant['identityKind']; masked: string };
  verify: VerifyMethod;
}

export interface InviteView {
  token: string;
  url: string;
  expiresAt: string;
  /** How the invitation was sent to a guest at booking (with `messages` configured), or `failed`. */
  delivery?: 'sms' | 'email' | 'failed';
}

/**
 * The meeting as every route answers it: the protocol's `MeetingView` (what the elements read),
 * with `e2ee` always said (the wire type leaves it optional for servers that predate it).
 */
export interface MeetingView extends WireMeetingView {
  /** End-to-end encrypted: the admitted join answer carries the key (`e2ee`). */
  e2ee: boolean;
}

export function iso(d: Date): string {
  return d.toISOString();
}

/** The meeting as every route answers it, in its state at `now`. */
export function meetingView(m: Meeting, now: Date, policy: AdmissionPolicy): MeetingView {
  const view: MeetingView = {
    id: m.id,
    title: m.title,
    state: meetingState(m, now, policy),
    startsAt: iso(m.startsAt),
    endsAt: iso(m.endsAt),
    allowScreenShare: m.allowScreenShare,
    allowChat: m.allowChat,
    e2ee: m.e2ee,
  };
  if (m.dialIn) view.dialIn = { ...m.dialIn };
  if (m.endedAt) view.endedAt = iso(m.endedAt);
  return view;
}

export function participantView(p: Participant): ParticipantView {
  return { id: p.id, name: p.name, role: p.role, identity: { kind: p.identityKind, masked: p.masked }, verify: verifyMethodFor(p) };
}
