/**
 * <care-meeting> after and around the meeting (issue #15, items 8-11, 14, 16): an ended meeting is
 * said before the device check; an evaluation is asked for once; someone who left still learns
 * that the meeting ended; a guest turned away from the lobby is told so (not "removed") and can be
 * let in after all; the meeting leader's own end screen; how a lobby guest proved who they are; a
 * media server that is not running is not blamed on the person's network.
 */
import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';

import '../../define/care-meeting.js';
import type { EvaluationQuestion, OwnStanding } from '@care-meet/protocol/wire';
import { DEVICE_PREFERENCES_KEY } from '../../core/device-preferences.js';
import { chairActionStrings, meetingRoomStrings, meetingStrings } from '../../test-support/all-strings.js';
import { fakeMediaRoomFactory, type FakeLiveRoom } from '../../test-support/fake-live-room.js';
import { queryRoom, queryRoomAll } from '../../test-support/room-parts.js';
import { admitted, FakeMeetingApi, lobby, MEETING, refusal, roster, rosterEntry } from '../../test-support/fake-meeting-api.js';
import type { MediaRoomPurpose } from '../../core/media-room.js';
import type { CareMeeting, HostSession } from './meeting.js';

const en = meetingStrings.en;
const ren = meetingRoomStrings.en;
/** The meeting leader's action words, shared with `<care-roster>` (loaded with the leader's tools). */
const cen = chairActionStrings.en;
const at = '2026-12-01T10:00:00.000Z';
const HOST_SESSION: HostSession = { session: 's_self', participantId: 'p_self', expiresAt: '2026-12-01T13:00:00.000Z', meetingId: 'm_1' };
const QUESTIONS: EvaluationQuestion[] = [{ id: 'q1', kind: 'scale', text: { en: 'How well could you hear and see the others?' } }];

const textOf = (node: Node | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
// The evaluation is an element of its own inside the meeting: looked into as one tree.
const part = (el: CareMeeting, name: string) => queryRoom(el.shadowRoot!, `[part~="${name}"]`);

let api: FakeMeetingApi;
/** What `GET /meetings/m_1` answers (the person's standing); null: the fake's 404. */
let standing: OwnStanding | null;
const standingReads: string[] = [];

function ownStanding(state: 'open' | 'ended', evaluation: OwnStanding['self']['evaluation'], removed = false): OwnStanding {
  return { meeting: { ...MEETING, state }, self: { id: 'p_self', role: 'individual', removed, evaluation } };
}

async function mount(
  options: {
    skipDeviceCheck?: boolean;
    self?: { identity: string; name: string; role: string };
    setup?: (room: FakeLiveRoom, purpose: MediaRoomPurpose) => void;
  } = {},
) {
  const media = fakeMediaRoomFactory(options.self ?? { identity: 'p_self', name: 'Esther Exempel', role: 'individual' }, options.setup);
  const el = await fixture<CareMeeting>(html`
    <care-meeting
      lang="en"
      ?skip-device-check=${options.skipDeviceCheck ?? true}
      .session=${HOST_SESSION}
      .mediaRoomFactory=${media.factory}
      .evaluationQuestions=${QUESTIONS}
    ></care-meeting>
  `);
  return { el, media };
}

describe('<care-meeting> around the meeting', function () {
  this.timeout(20000);

  beforeEach(() => {
    api = new FakeMeetingApi().install();
    standing = null;
    standingReads.length = 0;
    const inner = globalThis.fetch;
    globalThis.fetch = (input, init) => {
      const url = new URL(String(input instanceof Request ? input.url : input), location.href);
      if ((init?.method ?? 'GET') === 'GET' && url.pathname === '/api/meetings/m_1') {
        standingReads.push(new Headers(init?.headers).get('authorization') ?? '');
        return Promise.resolve(
          standing
            ? new Response(JSON.stringify(standing), { status: 200 })
            : new Response(JSON.stringify({ error: { code: 'NOT_FOUND', message: 'no such route' } }), { status: 404 }),
        );
      }
      return inner(input, init);
    };
    localStorage.removeItem(DEVICE_PREFERENCES_KEY);
    sessionStorage.clear();
  });

  afterEach(() => api.restore());

  it('says an ended meeting has ended at once, before any device check or join, and offers the evaluation to someone who took part', async () => {
    standing = ownStanding('ended', 'open');
    const { el } = await mount({ skipDeviceCheck: false });
    await waitUntil(() => el.phase === 'ended', `phase ${el.phase}`);
    expect(standingReads).to.deep.equal(['Bearer s_self']);
    expect(el.shadowRoot!.querySelector('care-device-check')).to.equal(null);
    expect(api.callsTo('POST', '/join')).to.have.length(0);
    expect(textOf(el.shadowRoot!.querySelector('#ended-title'))).to.equal(en.endedTitle);
    await waitUntil(() => part(el, 'evaluation')?.localName === 'form', 'no evaluation form');
    await expect(el).to.be.accessible();
  });

  it("says the meeting's time ran out, not that the meeting leader ended it, when nobody did", async () => {
    standing = ownStanding('ended', 'none');
    const { el } = await mount({ skipDeviceCheck: false });
    await waitUntil(() => el.phase === 'ended', `phase ${el.phase}`);
    expect(textOf(el.shadowRoot!.querySelector('[part~="panel"]')))
      .to.contain(en.endedByTimeText)
      .and.not.contain(en.endedText);
    el.remove();
    standing = { ...ownStanding('ended', 'none'), meeting: { ...MEETING, state: 'ended', endedAt: at } };
    const ended = await mount({ skipDeviceCheck: false });
    await waitUntil(() => ended.el.phase === 'ended', `phase ${ended.el.phase}`);
    expect(textOf(ended.el.shadowRoot!.querySelector('[part~="panel"]'))).to.contain(en.endedText);
  });

  it('goes to the device check as before while the meeting is open', async () => {
    standing = ownStanding('open', 'none');
    const { el } = await mount({ skipDeviceCheck: false });
    await waitUntil(() => el.phase === 'device-check', `phase ${el.phase}`);
    expect(el.shadowRoot!.querySelector('care-device-check')).to.not.equal(null);
  });

  it('does not ask again for an evaluation the server says was sent, nor from someone who never took part', async () => {
    standing = ownStanding('ended', 'submitted');
    const sent = await mount({ skipDeviceCheck: false });
    await waitUntil(() => sent.el.phase === 'ended');
    await waitUntil(() => part(sent.el, 'evaluation'), 'nothing where the evaluation was');
    expect(part(sent.el, 'evaluation')!.localName).to.equal('p');
    expect(textOf(part(sent.el, 'evaluation'))).to.equal(ren.evaluationAlreadySent);

    standing = ownStanding('ended', 'none');
    const never = await mount({ skipDeviceCheck: false });
    await waitUntil(() => never.el.phase === 'ended');
    await aTimeout(50);
    expect(part(never.el, 'evaluation')).to.equal(null);
  });

  it('offers the evaluation at the end to someone who had not taken part when the page opened, and then did', async () => {
    // Read before the device check: not in the meeting yet, so nothing to evaluate then.
    standing = ownStanding('open', 'none');
    const { el, media } = await mount({ skipDeviceCheck: false });
    await waitUntil(() => el.phase === 'device-check', `phase ${el.phase}`);
    el.meetingSession.deviceCheckDone();
    await waitUntil(() => el.phase === 'room' && media.last('room').state === 'connected' && el.meetingSession.value.live, `phase ${el.phase}`);
    api.push({ type: 'ended', at });
    await waitUntil(() => el.phase === 'ended', 'not ended');
    await waitUntil(() => part(el, 'evaluation')?.localName === 'form', 'no evaluation for someone who took part');
  });

  it('after sending it, this tab does not ask again even when the server cannot be asked', async () => {
    api.joins = [refusal(410, 'MEETING_ENDED')];
    const first = await mount();
    await waitUntil(() => part(first.el, 'evaluation')?.localName === 'form', 'no form');
    (part(first.el, 'evaluation') as HTMLFormElement).querySelector<HTMLInputElement>('input[value="4"]')!.click();
    (part(first.el, 'evaluation') as HTMLFormElement).querySelector<HTMLButtonElement>('button')!.click();
    await waitUntil(() => textOf(part(first.el, 'evaluation')) === ren.evaluationSent);
    first.el.remove();
    // The same meeting opened again in this tab: the standing cannot be read (404), the tab remembers.
    const again = await mount();
    await waitUntil(() => again.el.phase === 'ended' && part(again.el, 'evaluation'));
    expect(textOf(part(again.el, 'evaluation'))).to.equal(ren.evaluationAlreadySent);
    expect(api.callsTo('POST', '/meetings/m_1/evaluation')).to.have.length(1);
  });

  it('someone who pressed Leave is told when the meeting ends, and offered the evaluation', async () => {
    const { el, media } = await mount();
    await waitUntil(() => el.phase === 'room' && media.last('room').state === 'connected' && el.meetingSession.value.live);
    part(el, 'control-leave')!.click();
    await waitUntil(() => el.phase === 'left');
    expect(textOf(part(el, 'panel'))).to.contain(en.leftText);
    api.push({ type: 'ended', at });
    await waitUntil(() => el.phase === 'ended', 'the left screen never learned the meeting ended');
    expect(textOf(part(el, 'panel')))
      .to.contain(en.endedText)
      .and.not.contain(en.joinAgain);
    await waitUntil(() => part(el, 'evaluation')?.localName === 'form', 'no evaluation after leaving');
  });

  it('tells a guest turned away from the lobby just that (not "removed"), and takes them in if let in after all', async () => {
    api.joins = [lobby(), admitted({ role: 'guest', name: 'Kurt Kurator' })];
    const { el, media } = await mount({ self: { identity: 'p_self', name: 'Kurt Kurator', role: 'guest' } });
    await waitUntil(() => el.phase === 'lobby' && el.meetingSession.value.live);
    const removed = new Promise((resolve) => el.addEventListener('care-removed', resolve, { once: true }));
    api.push({ type: 'removed', participantId: 'p_self', at });
    await removed;
    await waitUntil(() => el.phase === 'turned-away');
    const panel = textOf(part(el, 'panel'));
    expect(panel).to.contain(en.turnedAwayTitle).and.contain(en.turnedAwayText).and.contain(en.turnedAwayWait);
    expect(panel).to.not.contain(en.removedTitle);
    expect(media.last('lobby').state).to.equal('disconnected');
    await expect(el).to.be.accessible();
    // The meeting leader lets them in from the roster after all: the page goes in.
    api.push({ type: 'admitted', participantId: 'p_self', at });
    await waitUntil(() => el.phase === 'room', `phase ${el.phase}`);
  });

  it('the meeting leader who ended it reads that she did, and is not asked the participants’ evaluation', async () => {
    api.joins = [admitted({ role: 'chair', name: 'Anna Samordnare', lobbyToken: 'lobby-observer-1' })];
    api.currentRoster = roster(MEETING, [rosterEntry('p_self', 'Anna Samordnare', 'chair')]);
    const { el } = await mount({ self: { identity: 'p_self', name: 'Anna Samordnare', role: 'chair' } });
    await waitUntil(() => el.phase === 'room' && el.meetingSession.value.live);
    await el.meetingSession.end();
    await waitUntil(() => el.phase === 'ended');
    await aTimeout(50);
    const panel = textOf(part(el, 'panel'));
    expect(panel).to.contain(en.endedBySelfText).and.not.contain(en.endedText);
    expect(part(el, 'evaluation')).to.equal(null);
  });

  it('shows the meeting leader how each lobby guest proved who they are', async () => {
    api.joins = [admitted({ role: 'chair', name: 'Anna Samordnare', lobbyToken: 'lobby-observer-1' })];
    api.currentRoster = roster(MEETING, [
      rosterEntry('p_self', 'Anna Samordnare', 'chair'),
      rosterEntry('p_sms', 'Kurt Kurator', 'guest', { status: 'lobby', verify: 'sms-code' }),
      rosterEntry('p_mail', 'Lisa Lärare', 'guest', { status: 'lobby', verify: 'name', typedName: 'Lisa L' }),
    ]);
    const { el } = await mount({ self: { identity: 'p_self', name: 'Anna Samordnare', role: 'chair' } });
    await waitUntil(() => queryRoomAll(el.shadowRoot!, '[part~="lobby-guest"]').length === 2, 'no lobby cards');
    const cards = queryRoomAll(el.shadowRoot!, '[part~="lobby-guest"]').map(textOf);
    expect(cards[0]).to.contain(cen.provedBy['sms-code']);
    expect(cards[1]).to.contain(cen.provedBy.name).and.contain(`${cen.typedName}: Lisa L`);
  });

  it('says the video service is not answering (not the network) when nothing answers at the media server', async () => {
    const { el } = await mount({
      setup: (room, purpose) => {
        if (purpose !== 'room') return;
        // What livekit-client throws when the signalling socket cannot be opened at all.
        room.connect = () =>
          Promise.reject(Object.assign(new Error('could not establish signal connection'), { name: 'ConnectionError', reasonName: 'ServerUnreachable' }));
      },
    });
    await waitUntil(() => textOf(part(el, 'connection')).includes(ren.serviceDown), `connection: ${textOf(part(el, 'connection'))}`);
    expect(textOf(part(el, 'connection'))).to.not.contain(ren.unreachable);
  });
});
