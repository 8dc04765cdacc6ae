import { WebhookReceiver, type WebhookEvent } from 'livekit-server-sdk';
import { randomId } from '../crypto.js';
import { CareMeetError } from '../errors.js';
import type { Meeting } from '../model.js';
import type { MeetingContext } from './context.js';
import type { Reconciliation } from './reconciliation.js';
import { iso } from './views.js';

/**
 * How long a webhook delivery holds its event while acting on it. A delivery whose process died
 * leaves a claim that lapses after this. LiveKit's webhook client (go-retryablehttp) retries a
 * failed delivery, by default 4 times, 1 to 8 s apart: a restart within that still acts on it.
 */
const WEBHOOK_CLAIM_MS = 10_000;

/**
 * LiveKit's webhooks: signature checked, each event acted on once (attendance, strangers, an ended
 * meeting's room showing life, egress), what is connected kept in step with reconciliation.
 */
export class Webhooks {
  readonly #ctx: MeetingContext;
  readonly #reconciliation: Reconciliation;
  readonly #receiver: WebhookReceiver;
  /** Webhook events this instance is acting on: a second delivery of one waits for the first's outcome. */
  readonly #inFlight = new Map<string, Promise<unknown>>();

  constructor(ctx: MeetingContext, reconciliation: Reconciliation) {
    this.#ctx = ctx;
    this.#reconciliation = reconciliation;
    this.#receiver = new WebhookReceiver(ctx.options.livekit.apiKey, ctx.options.livekit.apiSecret);
  }

  /** See `CareMeet.handleWebhook`. */
  async handleWebhook(rawBody: string, authorization: string | null): Promise<{ duplicate: boolean; event: string }> {
    if (!authorization) throw new CareMeetError('UNAUTHENTICATED', 'the webhook is not signed');
    let event;
    try {
      event = await this.#receiver.receive(rawBody, authorization);
    } catch (cause) {
      this.#ctx.log.warn('webhook refused', { reason: 'signature' });
      throw new CareMeetError('UNAUTHENTICATED', 'the webhook signature does not verify', { cause });
    }
    if (!event.id) throw new CareMeetError('BAD_REQUEST', 'the webhook has no event id');
    const eventId = event.id;
    // A delivery of an event this instance is acting on already: the first one's outcome answers it.
    const inFlight = this.#inFlight.get(eventId);
    if (inFlight) {
      await inFlight;
      return { duplicate: true, event: event.event };
    }
    const handling = this.#handleWebhookOnce(event);
    this.#inFlight.set(eventId, handling);
    try {
      return await handling;
    } finally {
      this.#inFlight.delete(eventId);
    }
  }

  /** Claims the event in the store, acts, and marks it handled; a failure releases it for LiveKit's retry. */
  async #handleWebhookOnce(event: WebhookEvent): Promise<{ duplicate: boolean; event: string }> {
    const ctx = this.#ctx;
    const now = ctx.now();
    const claim = randomId('wh_');
    const taken = await ctx.store.claimWebhookEvent({ eventId: event.id, claim, at: now, until: new Date(now.getTime() + WEBHOOK_CLAIM_MS) });
    if (taken === 'handled') return { duplicate: true, event: event.event };
    if (taken === 'busy') {
      // Another process acts on it, or died doing so (its claim lapses): LiveKit retries a 503.
      throw new CareMeetError('LIVEKIT_UNAVAILABLE', 'another delivery of this event is being acted on; deliver it again later');
    }
    try {
      await this.#actOnWebhook(event, now);
    } catch (e) {
      await ctx.store.releaseWebhookEvent(event.id, claim).catch(() => {
        // Not released: the claim lapses by itself.
      });
      throw e;
    }
    await ctx.store.finishWebhookEvent(event.id, ctx.now());
    return { duplicate: false, event: event.event };
  }

  async #actOnWebhook(event: WebhookEvent, now: Date): Promise<void> {
    const ctx = this.#ctx;
    const roomName = event.room?.name ?? event.egressInfo?.roomName ?? '';
    const meeting = roomName ? await ctx.store.getMeetingByRoomName(roomName) : null;
    if (!meeting) return;
    const inLobbyRoom = roomName === meeting.lobbyRoomName;
    const ended = meeting.endedAt !== null;

    switch (event.event) {
      case 'room_started':
        if (ended) await this.#shutDownAgain(meeting, roomName, 'room_started');
        break;
      case 'room_finished':
        ctx.roomEnsured.delete(roomName);
        break;
      case 'participant_joined': {
        const identity = event.participant?.identity ?? '';
        const name = event.participant?.name ?? '';
        if (ended) {
          await this.#shutDownAgain(meeting, roomName, 'participant_joined');
          break;
        }
        const p = await ctx.store.getParticipant(identity);
        if (!p || p.meetingId !== meeting.id) {
          const removedAt = await ctx.store.strangerRemovedAt(meeting.id, identity);
          if (removedAt) {
            await this.#reconciliation.removeAgain(meeting, identity, removedAt, null, roomName);
            break;
          }
          await ctx.store.addStranger({ meetingId: meeting.id, identity, name, connectedAt: now });
          await ctx.audit(meeting.id, 'stranger.connected', 'livekit', null, 'refused', 'FORBIDDEN', { room: inLobbyRoom ? 'lobby' : 'main' });
          ctx.publish(meeting.id, { type: 'stranger-connected', identity, name, at: iso(now) });
          break;
        }
        if (p.removedAt !== null) {
          await this.#reconciliation.removeAgain(meeting, p.id, p.removedAt, p.id, roomName);
          break;
        }
        this.#reconciliation.changedByWebhook(p.id);
        if (inLobbyRoom) {
          if (p.admittedAt === null) {
            await ctx.store.setWaiting(p.id, true);
            ctx.publish(meeting.id, { type: 'lobby-waiting', participantId: p.id, at: iso(now) });
          }
        } else {
          await ctx.store.setConnection({ participantId: p.id, connected: true, at: now });
          await ctx.store.setWaiting(p.id, false);
          await ctx.audit(meeting.id, 'attendance.connected', 'livekit', p.id, 'ok', null, {});
          ctx.publish(meeting.id, { type: 'participant-connected', participantId: p.id, at: iso(now) });
        }
        break;
      }
      case 'participant_left':
      case 'participant_connection_aborted': {
        const identity = event.participant?.identity ?? '';
        const p = await ctx.store.getParticipant(identity);
        if (!p || p.meetingId !== meeting.id) {
          await ctx.store.removeStranger(meeting.id, identity);
          ctx.publish(meeting.id, { type: 'stranger-disconnected', identity, at: iso(now) });
        } else if (inLobbyRoom) {
          this.#reconciliation.changedByWebhook(p.id);
          if (p.inLobby) {
            await ctx.store.setWaiting(p.id, false);
            ctx.publish(meeting.id, { type: 'lobby-left', participantId: p.id, at: iso(now) });
          }
        } else if (p.connectedAt !== null) {
          this.#reconciliation.changedByWebhook(p.id);
          await ctx.store.setConnection({ participantId: p.id, connected: false, at: now });
          await ctx.audit(meeting.id, 'attendance.disconnected', 'livekit', p.id, 'ok', null, {});
          ctx.publish(meeting.id, { type: 'participant-disconnected', participantId: p.id, at: iso(now) });
        }
        break;
      }
      case 'egress_started': {
        const egressId = event.egressInfo?.egressId ?? '';
        await ctx.audit(meeting.id, 'egress.started', 'livekit', null, 'refused', 'FORBIDDEN', { egressId });
        if (egressId) {
          await ctx.rooms.stopEgress(egressId);
          await ctx.audit(meeting.id, 'egress.stopped', 'server', null, 'ok', null, { egressId });
        }
        break;
      }
      default:
        break;
    }
  }

  /**
   * An ended meeting's room shows life: audited, and deleted again. The request to delete it is
   * stored first, so should LiveKit fail now, the background deletions retry it (this webhook
   * answers `LIVEKIT_UNAVAILABLE` and LiveKit delivers it again, too).
   */
  async #shutDownAgain(meeting: Meeting, roomName: string, seen: string): Promise<void> {
    const ctx = this.#ctx;
    await ctx.audit(meeting.id, 'room.reappeared', 'livekit', null, 'refused', 'MEETING_ENDED', {
      seen,
      room: roomName === meeting.lobbyRoomName ? 'lobby' : 'main',
    });
    await ctx.roomDeletions.deleteNow(await ctx.store.requestRoomDeletion(meeting.id, roomName, ctx.now()));
    await ctx.audit(meeting.id, 'room.deleted', 'server', null, 'ok', null, { reason: 'meeting ended' });
  }
}
