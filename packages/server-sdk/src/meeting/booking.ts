import { meetingState } from '../admission/decide.js';
import { hashSecret, identityKey, randomDigits, randomId } from '../crypto.js';
import { newMeetingKey } from '../e2ee/meeting-keys.js';
import { CareMeetError } from '../errors.js';
import { invitationMessage, maskPhone, type MessageLanguage } from '../identity/messages.js';
import { refuseUnservedMethods } from '../identity/verify-methods.js';
import type { ConsentRecord, Invitation, Meeting, Participant } from '../model.js';
import { namespacedIdentity, type BookMeetingInput, type ParticipantInput } from '../schemas.js';
import { BODY_FIELDS, isParsed, parseBody } from '@care-meet/protocol/schemas';
import type { SealedMeetingKey } from '../store/meeting-store.js';
import { maskCpr, maskFodselsnummer, maskHenkilotunnus, maskHsaId, maskPersonnummer } from '@care-meet/protocol/validation';
import type { MeetingContext } from './context.js';
import { iso, participantView, type InviteView, type MeetingView, type ParticipantView } from './views.js';

/**
 * Booking: a meeting with its registrations and one invitation each, one more registration later,
 * and the invitations sent to guests.
 */
export class Booking {
  readonly #ctx: MeetingContext;

  constructor(ctx: MeetingContext) {
    this.#ctx = ctx;
  }

  /** See `CareMeet.bookMeeting`. */
  async bookMeeting(input: unknown): Promise<{ meeting: MeetingView; participants: Array<ParticipantView & { invite: InviteView }> }> {
    const ctx = this.#ctx;
    const now = ctx.now();
    const parsed = isParsed<BookMeetingInput>(input) ? input : parseBody(ctx.bodies.bookMeeting, input);
    const e2ee = parsed.e2ee ?? ctx.meetingKeys !== null;
    if (e2ee && ctx.meetingKeys === null) {
      throw new CareMeetError(
        'E2EE_NOT_CONFIGURED',
        'end-to-end encryption is not configured on this server (no E2EE key): book with e2ee: false, or ask its operator',
        {
          field: 'e2ee',
        },
      );
    }
    refuseUnservedMethods(parsed.participants, ctx.options.verifyMethods, (i) => `participants[${i}]`);
    const keys = new Set<string>();
    for (const [i, p] of parsed.participants.entries()) {
      const key = this.#keyOf(p);
      if (key !== null) {
        if (keys.has(key)) throw new CareMeetError('CONFLICT', 'the same person is registered twice', { field: `participants[${i}].identity` });
        keys.add(key);
      }
    }
    const meeting: Meeting = {
      id: randomId('m_'),
      title: parsed.title,
      startsAt: parsed.startsAt,
      endsAt: parsed.endsAt,
      allowScreenShare: parsed.allowScreenShare,
      allowChat: parsed.allowChat,
      e2ee,
      roomName: randomId('r_'),
      lobbyRoomName: randomId('l_'),
      dialIn: await this.#newDialIn(),
      createdAt: now,
      endedAt: null,
      endedBy: null,
    };
    const made = parsed.participants.map((p) => this.#newRegistration(meeting, p, now));
    const consent: ConsentRecord | undefined = parsed.consent
      ? {
          meetingId: meeting.id,
          state: 'given',
          at: now,
          by: 'organizer',
          actor: 'organizer',
          how: parsed.consent.how,
          participantIds: made.map((m) => m.participant.id),
        }
      : undefined;
    const audit = [
      ctx.entry(meeting.id, 'meeting.booked', 'organizer', null, 'ok', null, {
        participants: made.length,
        allowScreenShare: meeting.allowScreenShare,
        allowChat: meeting.allowChat,
        e2ee,
      }),
    ];
    // The meeting's first key, sealed: stored with the meeting, in its transaction.
    const firstKey: SealedMeetingKey | undefined =
      e2ee && ctx.meetingKeys
        ? { meetingId: meeting.id, keyIndex: 0, sealed: ctx.meetingKeys.seal(meeting.id, 0, newMeetingKey()), createdAt: now }
        : undefined;
    if (consent) audit.push(ctx.entry(meeting.id, 'consent.given', 'organizer', null, 'ok', null, { by: 'organizer', how: consent.how, covers: made.length }));
    // The meeting and the entries that document its booking: one transaction, so no crash leaves
    // a meeting without them.
    await ctx.store.createMeeting(
      meeting,
      made.map((m) => m.participant),
      made.map((m) => m.invitation),
      consent,
      audit,
      firstKey,
    );
    await Promise.all(made.map((m) => this.#sendInvitation(meeting, m.participant, m.invite, m.language)));
    // Housekeeping on a route every deployment uses: meetings that ended by time, without anyone
    // ending them, keep no identities of people who were not on their list.
    await ctx.store.forgetStrangersOfMeetingsOver(new Date(now.getTime() - ctx.policy.closeAfterEndMs));
    return {
      meeting: ctx.meetingView(meeting),
      participants: made.map((m) => ({ ...participantView(m.participant), invite: m.invite })),
    };
  }

  /** See `CareMeet.addParticipant`. */
  async addParticipant(meetingId: string, input: unknown): Promise<ParticipantView & { invite: InviteView }> {
    const ctx = this.#ctx;
    const meeting = await ctx.meeting(meetingId);
    const now = ctx.now();
    if (meetingState(meeting, now, ctx.policy) === 'ended') throw new CareMeetError('MEETING_ENDED', 'the meeting has ended');
    // As the HTTP API names this body's fields: `body.name`, `body.identity.pnr`.
    const p = isParsed<ParticipantInput>(input) ? input : parseBody(ctx.bodies.addParticipant, input, { ...BODY_FIELDS, nested: true });
    if (p.role === 'chair') throw new CareMeetError('BAD_REQUEST', 'a meeting has exactly one chair', { field: 'body.role' });
    refuseUnservedMethods([p], ctx.options.verifyMethods, () => 'body');
    const key = this.#keyOf(p);
    if (key !== null && (await ctx.store.listParticipants(meetingId)).some((x) => x.identityKey === key)) {
      throw new CareMeetError('CONFLICT', 'this person is already registered', { field: 'body.identity' });
    }
    const made = this.#newRegistration(meeting, p, now);
    await ctx.store.addParticipant(made.participant, made.invitation, [
      ctx.entry(meeting.id, 'participant.registered', 'organizer', made.participant.id, 'ok', null, {
        role: p.role,
        identityKind: p.identity.kind,
      }),
    ]);
    await this.#sendInvitation(meeting, made.participant, made.invite, made.language);
    ctx.publish(meeting.id, { type: 'participant-added', participantId: made.participant.id, at: iso(now) });
    return { ...participantView(made.participant), invite: made.invite };
  }

  #keyOf(p: ParticipantInput): string | null {
    const ns = namespacedIdentity(p.identity);
    return ns === null ? null : identityKey(this.#ctx.identitySecret, ns);
  }

  #newRegistration(meeting: Meeting, p: ParticipantInput, now: Date) {
    const participant: Participant = {
      id: randomId('p_'),
      meetingId: meeting.id,
      name: p.name,
      role: p.role,
      identityKind: p.identity.kind,
      identityKey: this.#keyOf(p),
      masked: maskIdentity(p),
      phone: p.phone,
      email: p.email,
      admittedAt: null,
      removedAt: null,
      connectedAt: null,
      disconnectedAt: null,
      firstConnectedAt: null,
      inLobby: false,
      typedName: null,
      createdAt: now,
    };
    const secret = randomId('', 32);
    const expiresAt = this.#ctx.closesAt(meeting);
    const invitation: Invitation = {
      participantId: participant.id,
      meetingId: meeting.id,
      secretHash: hashSecret(secret),
      expiresAt,
      usedAt: null,
    };
    const invite: InviteView = { token: secret, url: this.#inviteUrl(secret), expiresAt: iso(expiresAt) };
    return { participant, invitation, invite, language: p.language };
  }

  /**
   * Sends a guest their invitation, when a sender is configured: SMS to a phone guest, e-mail to an
   * e-mail guest, in the language they were registered with (else the deployment's). The text
   * holds the start time and the link only (rule 10). A failure does not undo the booking: it is
   * audited and shown as `invite.delivery: 'failed'`.
   */
  async #sendInvitation(meeting: Meeting, participant: Participant, invite: InviteView, language: MessageLanguage | null): Promise<void> {
    const ctx = this.#ctx;
    const sender = ctx.options.messages;
    if (!sender || participant.identityKind !== 'guest') return;
    const channel = participant.phone ? 'sms' : participant.email ? 'email' : null;
    if (channel === null) return;
    const text = invitationMessage({ startsAt: meeting.startsAt, url: invite.url, lang: language ?? ctx.messageLanguage, timeZone: ctx.messageTimeZone });
    try {
      if (channel === 'sms') await sender.sms(participant.phone as string, text.sms);
      else await sender.email(participant.email as string, text.subject, text.email);
      invite.delivery = channel;
      await ctx.audit(meeting.id, 'invite.sent', 'server', participant.id, 'ok', null, { channel });
    } catch (e) {
      invite.delivery = 'failed';
      ctx.log.warn('invitation not sent', { participantId: participant.id, channel, error: e instanceof Error ? e.name : 'unknown' });
      await ctx.audit(meeting.id, 'invite.sent', 'server', participant.id, 'refused', 'SEND_FAILED', { channel });
    }
  }

  #inviteUrl(secret: string): string {
    return this.#ctx.options.inviteUrl ? this.#ctx.options.inviteUrl(secret) : `/join#invite=${secret}`;
  }

  async #newDialIn(): Promise<Meeting['dialIn']> {
    const number = this.#ctx.options.dialInNumber;
    if (!number) return null;
    for (let i = 0; i < 20; i++) {
      const meetingNumber = randomDigits(9);
      if (!(await this.#ctx.store.meetingNumberTaken(meetingNumber))) return { number, meetingNumber, pin: randomDigits(6) };
    }
    throw new CareMeetError('INTERNAL', 'could not find a free meeting number');
  }
}

function maskIdentity(p: ParticipantInput): string {
  switch (p.identity.kind) {
    case 'hsa':
      return maskHsaId(p.identity.hsaId);
    case 'pnr':
      return maskPersonnummer(p.identity.pnr);
    case 'cpr':
      return maskCpr(p.identity.cpr);
    case 'fnr':
      return maskFodselsnummer(p.identity.fnr);
    case 'hetu':
      return maskHenkilotunnus(p.identity.hetu);
    case 'guest':
      return p.phone ? maskPhone(p.phone) : maskEmail(p.email ?? '');
  }
}

function maskEmail(email: string): string {
  const at = email.indexOf('@');
  return at <= 0 ? '***' : `${email[0]}***${email.slice(at)}`;
}
