import { ContextEvent as ContextRequestEvent } from '@lit/context';
import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';

import '../../define/care-meeting.js';
import { meetingContext } from '../../context/meeting-context.js';
import type { EvaluationQuestion, MeetingView } from '@care-meet/protocol/wire';
import { decodeChat } from '../../core/chat-guard.js';
import { DEVICE_PREFERENCES_KEY } from '../../core/device-preferences.js';
import type { MediaRoomPurpose } from '../../core/media-room.js';
import type { MeetingConnectionEvent, MeetingEvaluationEvent, MeetingJoinedEvent } from '../../events/meeting-events.js';
import { meetingStrings } from '../../test-support/all-strings.js';
import { chairActionStrings, meetingRoomStrings } from '../../test-support/all-strings.js';
import { fakeMediaRoomFactory, type FakeLiveRoom } from '../../test-support/fake-live-room.js';
import { activeInRoom, queryRoom, queryRoomAll } from '../../test-support/room-parts.js';
import { admitted, consentRequest, FakeMeetingApi, lobby, MEETING, refusal, roster, rosterEntry } from '../../test-support/fake-meeting-api.js';
import { pressKey, setViewport } from '../../test-support/wtr-commands.js';
import { CareMeeting, type HostSession } from './meeting.js';

const en = meetingStrings.en;
const ren = meetingRoomStrings.en;
/** The meeting leader's action words, shared with `<care-roster>` (loaded with the leader's tools). */
const cen = chairActionStrings.en;
const at = '2026-12-01T10:00:00.000Z';

const HOST_SESSION: HostSession = { session: 's_self', participantId: 'p_self', expiresAt: '2026-12-01T13:00:00.000Z', meetingId: 'm_1' };
const RUT = { identity: 'p_self', name: 'Rut Exempel', role: 'relative' };
const ANNA = { identity: 'p_self', name: 'Anna Samordnare', role: 'chair' };
const KURT = { identity: 'p_self', name: 'Kurt Kurator', role: 'guest' };

const QUESTIONS: EvaluationQuestion[] = [
  { id: 'q1', kind: 'scale', text: { sv: 'Hur väl fungerade tekniken?', da: 'Hvor godt fungerede teknikken?', en: 'How well did the technology work?' } },
  { id: 'q2', kind: 'yes-no', text: { sv: 'Kunde du säga det du ville?', da: 'Kunne du sige det, du ville?', en: 'Could you say what you wanted to?' } },
  { id: 'q3', kind: 'text', text: { sv: 'Något mer du vill berätta?', da: 'Andet, du vil fortælle?', en: 'Anything else you want to tell us?' } },
];

const root = (el: CareMeeting) => el.shadowRoot!;
// The room's parts (consent card, chat, evaluation) are elements of their own: looked into as one tree.
const $ = <T extends Element = HTMLElement>(el: CareMeeting, selector: string) => queryRoom<T>(root(el), selector);
/** The confirmation: `<care-confirm-dialog>`'s `<dialog>`, in its own shadow root. */
/** The confirmation that is open (the meeting's, or the roster's for a lobby guest), else the meeting's. */
const confirmOf = (el: CareMeeting) => $$(el, 'care-confirm-dialog').find((d) => d.shadowRoot?.querySelector('dialog')?.open) ?? $(el, 'care-confirm-dialog');
const dialogOf = (el: CareMeeting) => confirmOf(el)?.shadowRoot?.querySelector('dialog') ?? null;
const $$ = <T extends Element = HTMLElement>(el: CareMeeting, selector: string) => queryRoomAll<T>(root(el), selector);
const part = <T extends Element = HTMLElement>(el: CareMeeting, name: string) => $<T>(el, `[part~="${name}"]`);
const textOf = (node: Node | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const status = (el: CareMeeting) => textOf($(el, '.base > [role="status"]'));
const tile = (el: CareMeeting, identity: string) => $(el, `.tile:not(.screen)[data-identity="${identity}"]`);
const click = async (el: CareMeeting, selector: string) => {
  const target = $<HTMLElement>(el, selector);
  if (!target) throw new Error(`nothing matches ${selector}`);
  target.click();
  await el.updateComplete;
};

let api: FakeMeetingApi;

/** What `<care-verify-identity>` fires when the person has proven who they are (BankID). */
const verifiedBy = (verify: Element) =>
  verify.dispatchEvent(
    new CustomEvent('care-verified', {
      detail: { session: 's_self', participantId: 'p_self', expiresAt: HOST_SESSION.expiresAt, method: 'bankid', meetingId: 'm_1' },
      bubbles: true,
      composed: true,
    }),
  );

/** Everything the element's live region says from now on, each text as it appears. */
function heard(el: CareMeeting): string[] {
  const said: string[] = [];
  const region = $(el, '.base > [role="status"]')!;
  new MutationObserver(() => {
    const text = textOf(region);
    if (text) said.push(text);
  }).observe(region, { childList: true, subtree: true, characterData: true });
  return said;
}

interface MountOptions {
  self?: { identity: string; name: string; role: string };
  lang?: string;
  questions?: EvaluationQuestion[];
  setup?: (room: FakeLiveRoom, purpose: MediaRoomPurpose) => void;
}

async function mount(options: MountOptions = {}) {
  const media = fakeMediaRoomFactory(options.self ?? RUT, options.setup);
  const el = await fixture<CareMeeting>(html`
    <care-meeting
      lang=${options.lang ?? 'en'}
      skip-device-check
      .session=${HOST_SESSION}
      .mediaRoomFactory=${media.factory}
      .evaluationQuestions=${options.questions ?? []}
    ></care-meeting>
  `);
  return { el, media };
}

async function inRoom(options: MountOptions = {}) {
  const mounted = await mount(options);
  await waitUntil(() => mounted.el.phase === 'room' && $(mounted.el, '.room'), 'not in the room');
  const room = mounted.media.last('room');
  await waitUntil(() => room.state === 'connected' && mounted.el.meetingSession.value.live, 'media or stream not connected');
  await mounted.el.updateComplete;
  return { ...mounted, room };
}

describe('<care-meeting>', function () {
  this.timeout(20000);

  beforeEach(() => {
    api = new FakeMeetingApi().install();
    localStorage.removeItem(DEVICE_PREFERENCES_KEY);
    // An evaluation sent in one test is remembered by the tab (sessionStorage): each test starts afresh.
    sessionStorage.clear();
  });

  afterEach(() => {
    api.restore();
  });

  it('is defined, reflects its phase, and provides the meeting session to what is inside it', async () => {
    const { el } = await inRoom();
    expect(customElements.get('care-meeting')).to.equal(CareMeeting);
    expect(el.getAttribute('phase')).to.equal('room');
    // A child asking for the meeting context gets the element's session.
    const child = document.createElement('div');
    el.shadowRoot!.append(child);
    let provided: unknown;
    child.dispatchEvent(new ContextRequestEvent(meetingContext, child, (value: unknown) => (provided = value)));
    expect(provided).to.equal(el.meetingSession);
    child.remove();
  });

  it('walks from the invitation through identity and the device check into the room', async () => {
    const media = fakeMediaRoomFactory(RUT);
    const el = await fixture<CareMeeting>(html`<care-meeting lang="en" invite="tok" .mediaRoomFactory=${media.factory}></care-meeting>`);
    await waitUntil(() => el.phase === 'verify');
    const verify = $(el, 'care-verify-identity')!;
    expect(verify.getAttribute('invite')).to.equal('tok');
    expect(api.callsTo('GET', '/invites/tok').length).to.be.greaterThan(0);
    await waitUntil(() => customElements.get('care-verify-identity'), 'identity step not loaded');
    verifiedBy(verify);
    await waitUntil(() => el.phase === 'device-check');
    await el.updateComplete;
    const check = $(el, 'care-device-check')!;
    expect(check.getAttribute('api-base')).to.equal('/api');
    await waitUntil(() => customElements.get('care-device-check'), 'device check not loaded');
    const joined = oneEvent(el, 'care-joined') as Promise<MeetingJoinedEvent>;
    check.dispatchEvent(new CustomEvent('care-device-check-complete', { detail: {}, bubbles: true, composed: true }));
    const event = await joined;
    expect(event.detail).to.deep.equal({ meetingId: 'm_1', participantId: 'p_self', role: 'relative', name: 'Rut Exempel' });
    expect(api.callsTo('POST', '/join')[0]!.authorization).to.equal('Bearer s_self');
    await waitUntil(() => media.rooms.length === 1 && media.last('room').state === 'connected');
    expect(media.last('room').connects[0]).to.deep.equal({ url: 'wss://media.test', token: 'room-token-1' });
  });

  it('says the person was verified, and gives focus to the device check’s heading, as identity gives way to it', async () => {
    const media = fakeMediaRoomFactory(RUT);
    const el = await fixture<CareMeeting>(html`<care-meeting lang="en" invite="tok" .mediaRoomFactory=${media.factory}></care-meeting>`);
    await waitUntil(() => el.phase === 'verify');
    const verify = $(el, 'care-verify-identity')!;
    await waitUntil(() => customElements.get('care-verify-identity'), 'identity step not loaded');
    await waitUntil(() => verify.shadowRoot?.querySelector('button'), 'identity step not drawn');
    // The person is using the element: focus is on a button of the identity step.
    verify.shadowRoot!.querySelector<HTMLButtonElement>('button')!.focus();
    verifiedBy(verify);
    await waitUntil(() => el.phase === 'device-check');
    // Heard from the meeting's own live region, which stays in the page while the identity element goes.
    await waitUntil(() => status(el) === en.verified, `status: ${status(el)}`);
    const check = $(el, 'care-device-check')!;
    await waitUntil(() => check.shadowRoot?.activeElement?.id === 'title', `focus: ${document.activeElement?.localName}`);
    expect(document.activeElement).to.equal(el);
    expect(root(el).activeElement).to.equal(check);
  });

  it('reads the invitation from the page’s #invite= fragment with invite-from-hash', async () => {
    const before = location.hash;
    history.replaceState(null, '', `${location.pathname}${location.search}#invite=from-hash`);
    try {
      const el = await fixture<CareMeeting>(html`<care-meeting lang="en" invite-from-hash></care-meeting>`);
      await waitUntil(() => el.phase === 'verify');
      expect(api.callsTo('GET', '/invites/from-hash').length).to.be.greaterThan(0);
      const verify = $(el, 'care-verify-identity')!;
      // The identity step reads it from the same place, so a failed login can put it back there.
      expect(verify.hasAttribute('invite-from-hash')).to.equal(true);
      expect(verify.hasAttribute('invite')).to.equal(false);
    } finally {
      history.replaceState(null, '', `${location.pathname}${location.search}${before}`);
    }
  });

  it('says so when there is no invitation', async () => {
    const el = await fixture<CareMeeting>(html`<care-meeting lang="en"></care-meeting>`);
    expect(textOf(part(el, 'panel'))).to.contain(en.noInvite);
    await expect(el).to.be.accessible();
  });

  it('lets a guest wait in the lobby with their own camera and microphone, then takes them into the room when admitted', async () => {
    api.joins = [lobby(), admitted({ role: 'guest', name: 'Kurt Kurator', token: 'room-token-2' })];
    const waiting = new Promise((resolve) => document.addEventListener('care-waiting', resolve, { once: true }));
    const { el, media } = await mount({ self: KURT });
    await waiting;
    await waitUntil(() => el.phase === 'lobby' && part(el, 'lobby'));
    const lobbyRoom = media.last('lobby');
    await waitUntil(() => lobbyRoom.state === 'connected' && $(el, '.preview video'), 'no camera preview');
    expect(lobbyRoom.connects).to.deep.equal([{ url: 'wss://media.test', token: 'lobby-token-1' }]);
    // Camera and microphone, for the meeting leader only (the lobby room holds nobody else).
    expect([...lobbyRoom.localParticipant.calls].sort()).to.deep.equal(['camera:true', 'microphone:true']);
    const lobbyText = textOf(part(el, 'lobby'));
    expect(lobbyText).to.contain(ren.lobbyTitle).and.contain(ren.lobbyText).and.contain(ren.noRecording);
    await expect(el).to.be.accessible();

    await waitUntil(() => api.openStreams === 1, 'no event stream');
    const joined = oneEvent(el, 'care-joined') as Promise<MeetingJoinedEvent>;
    const said = heard(el);
    // Let in: the server takes the lobby's right to publish at once (LiveKit unpublishes her tracks
    // there), then tells her page, which asks to join again.
    const camera = lobbyRoom.localParticipant.publication('camera')!.track!.mediaStreamTrack;
    const microphone = lobbyRoom.localParticipant.publication('microphone')!.track!.mediaStreamTrack;
    lobbyRoom.serverUnpublish('camera');
    lobbyRoom.serverUnpublish('microphone');
    api.push({ type: 'admitted', participantId: 'p_self', at });
    expect((await joined).detail.role).to.equal('guest');
    await waitUntil(() => media.rooms.some((r) => r.purpose === 'room') && media.last('room').state === 'connected');
    const mainRoom = media.last('room');
    expect(mainRoom.connects[0]!.token).to.equal('room-token-2');
    expect(lobbyRoom.state).to.equal('disconnected');
    // The same camera and microphone, still capturing, published in the meeting's room: not started again.
    await waitUntil(() => mainRoom.localParticipant.calls.length === 2, `room calls: ${mainRoom.localParticipant.calls.join(', ')}`);
    expect(mainRoom.localParticipant.calls).to.have.members(['publish:camera', 'publish:microphone']);
    expect(mainRoom.localParticipant.publication('camera')!.track!.mediaStreamTrack).to.equal(camera);
    expect([camera.readyState, microphone.readyState]).to.deep.equal(['live', 'live']);
    // Being let in is said, not only shown.
    await waitUntil(() => said.some((text) => text.includes(en.letIn)), `heard: ${said.join(' | ')}`);
  });

  it('starts connecting to the room before it draws the room, so the connection goes on while the room is drawn', async () => {
    api.joins = [lobby(), admitted({ role: 'guest', name: 'Kurt Kurator', token: 'room-token-2' })];
    let element: CareMeeting | undefined;
    const seen: { atCall?: boolean; afterSteps?: boolean } = {};
    const { el } = await mount({
      self: KURT,
      setup: (room, purpose) => {
        if (purpose !== 'room') return;
        const connect = room.connect.bind(room);
        room.connect = async (url, token) => {
          seen.atCall = !!$(element!, '.room');
          // livekit-client's connect takes many promise steps before its first wait on the browser
          // (the peer connection's offer): the room must not be drawn in between.
          for (let i = 0; i < 50; i++) await Promise.resolve();
          seen.afterSteps = !!$(element!, '.room');
          return connect(url, token);
        };
      },
    });
    element = el;
    await waitUntil(() => el.phase === 'lobby' && api.openStreams === 1, 'not waiting in the lobby');
    api.push({ type: 'admitted', participantId: 'p_self', at });
    await waitUntil(() => $(el, '.room'), 'the room was never drawn');
    expect(seen).to.deep.equal({ atCall: false, afterSteps: false });
  });

  it('tells a waiting guest when the lobby connection is lost, and connects again on request', async () => {
    api.joins = [lobby(), lobby({ token: 'lobby-token-2' })];
    const { el, media } = await mount({ self: KURT });
    await waitUntil(() => el.phase === 'lobby' && media.rooms.length === 1 && media.last('lobby').state === 'connected');
    media.last('lobby').drop();
    await waitUntil(() => textOf(part(el, 'connection')).includes(ren.connectionLost));
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, '[part~="connection"] button')!.click();
    await waitUntil(() => media.rooms.length === 2 && media.last('lobby').state === 'connected');
    expect(media.last('lobby').connects[0]!.token).to.equal('lobby-token-2');
  });

  it('says the video service could not be reached when the first connection never comes up (not "lost"), and tries again on request', async () => {
    api.joins = [admitted(), admitted({ token: 'room-token-2' })];
    let made = 0;
    const { el, media } = await mount({
      setup: (room) => {
        if (made++ === 0) room.failConnects = 1;
      },
    });
    await waitUntil(() => textOf(part(el, 'connection')).includes(ren.unreachable), 'no unreachable message');
    expect(textOf(part(el, 'connection'))).not.to.contain(ren.connectionLost);
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, '[part~="connection"] button')!.click();
    await waitUntil(() => media.rooms.length === 2 && media.last('room').state === 'connected', 'did not connect on retry');
    expect(textOf(part(el, 'connection'))).not.to.contain(ren.unreachable);
  });

  it('offers Turn on sound only when the browser refuses to play without a gesture, not when a play() was interrupted', async () => {
    const play = HTMLMediaElement.prototype.play;
    let refusal = 'AbortError';
    HTMLMediaElement.prototype.play = function () {
      return refusal ? Promise.reject(new DOMException('refused', refusal)) : Promise.resolve();
    };
    try {
      const { el, room } = await inRoom();
      room.join('p_anna', 'Anna Samordnare', 'chair');
      await waitUntil(() => $$(el, '.audio audio').length === 1, 'no audio element for Anna');
      await aTimeout(50);
      // Firefox rejects a play() that a new stream interrupted while the sound goes on: no banner.
      expect($(el, '.sound-blocked')).to.equal(null);
      refusal = 'NotAllowedError';
      room.join('p_esther', 'Esther Exempel', 'individual');
      await waitUntil(() => $(el, '.sound-blocked'), 'no Turn on sound after NotAllowedError');
      expect(textOf($(el, '.sound-blocked')))
        .to.contain(ren.soundBlocked)
        .and.contain(ren.turnOnSound);
      refusal = '';
      $<HTMLButtonElement>(el, '.sound-blocked button')!.click();
      await waitUntil(() => !$(el, '.sound-blocked'), 'Turn on sound did not clear the banner');
    } finally {
      HTMLMediaElement.prototype.play = play;
    }
  });

  it('shows everyone’s name, role, speaking and muted state on the tiles, in words too', async () => {
    const meeting: MeetingView = { ...MEETING, dialIn: { number: '+46 10 123 45 67', meetingNumber: '123 456 789', pin: '4321' } };
    api.joins = [admitted({ meeting })];
    const { el, room } = await inRoom();
    room.join('p_anna', 'Anna Samordnare', 'chair');
    room.join('p_esther', 'Esther Exempel', 'individual', { microphone: false });
    room.join('p_x', 'Okänd person', null, { camera: false });
    await el.updateComplete;
    expect($$(el, '.tile')).to.have.length(4);
    const me = tile(el, 'p_self')!;
    expect(me.getAttribute('part')).to.contain('tile-local');
    expect(textOf(me)).to.contain('Rut Exempel').and.contain(ren.you).and.contain(ren.role.relative);
    expect(textOf(tile(el, 'p_anna'))).to.contain(ren.role.chair);
    expect(textOf(tile(el, 'p_esther')))
      .to.contain(ren.role.individual)
      .and.contain(ren.micOff);
    expect(tile(el, 'p_esther')!.hasAttribute('data-muted')).to.equal(true);
    expect(tile(el, 'p_x')!.getAttribute('part')).to.contain('tile-camera-off');
    expect(textOf(tile(el, 'p_x')!.querySelector('.avatar'))).to.equal('OP');

    room.speaking('p_anna');
    await el.updateComplete;
    const anna = tile(el, 'p_anna')!;
    expect(anna.hasAttribute('data-speaking')).to.equal(true);
    expect(anna.getAttribute('part')).to.contain('tile-speaking');
    expect(textOf(anna)).to.contain(ren.speaking);

    expect(textOf(part(el, 'notice'))).to.equal(ren.noRecording);
    expect(textOf(part(el, 'dial-in')))
      .to.contain('+46 10 123 45 67')
      .and.contain('123 456 789')
      .and.contain('4321');
    // Chat and screen share are off for this meeting.
    expect(part(el, 'control-chat')).to.equal(null);
    expect(part(el, 'control-screen')).to.equal(null);
    // Only the meeting leader may remove people.
    expect(part(el, 'remove-button')).to.equal(null);
    await waitUntil(() => status(el).includes('Okänd person joined the meeting.'), `announced: ${status(el)}`);
    room.leave('p_x');
    await waitUntil(() => status(el).includes('Okänd person left the meeting.'));
    await expect(el).to.be.accessible();
  });

  it('switches the microphone and camera, and chooses devices under the gear', async () => {
    const grant = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
    grant.getTracks().forEach((t) => t.stop());
    const { el, room } = await inRoom();
    const mic = part(el, 'control-microphone')!;
    // Both inputs are published together after the join, so the microphone may come on a moment after the room shows.
    await waitUntil(() => mic.getAttribute('aria-pressed') === 'true', 'the microphone did not come on after joining');
    await waitUntil(() => !tile(el, 'p_self')!.hasAttribute('data-camera-off'), 'the camera did not come on after joining');
    mic.click();
    await waitUntil(() => mic.getAttribute('aria-pressed') === 'false');
    expect(tile(el, 'p_self')!.hasAttribute('data-muted')).to.equal(true);
    part(el, 'control-camera')!.click();
    await waitUntil(() => tile(el, 'p_self')!.hasAttribute('data-camera-off'));
    expect(room.localParticipant.calls).to.deep.equal(['microphone:true', 'camera:true', 'microphone:false', 'camera:false']);
    part(el, 'control-camera')!.click();
    await waitUntil(() => !tile(el, 'p_self')!.hasAttribute('data-camera-off'));

    const gear = part(el, 'control-devices')!;
    gear.click();
    await waitUntil(() => ($<HTMLSelectElement>(el, 'select[name="camera"]')?.options.length ?? 0) > 0, 'no cameras listed');
    expect(gear.getAttribute('aria-expanded')).to.equal('true');
    const select = $<HTMLSelectElement>(el, 'select[name="camera"]')!;
    const last = select.options[select.options.length - 1]!.value;
    select.value = last;
    select.dispatchEvent(new Event('change'));
    await waitUntil(() => room.switches.length === 1);
    expect(room.switches[0]).to.deep.equal(['videoinput', last]);
    expect(JSON.parse(localStorage.getItem(DEVICE_PREFERENCES_KEY)!)).to.deep.equal({ camera: last });
    await expect(el).to.be.accessible();
  });

  it('says it is reconnecting, and gets a fresh token when LiveKit’s own reconnect fails', async () => {
    api.joins = [admitted(), admitted({ token: 'room-token-2' })];
    const { el, room } = await inRoom();
    const connection = part(el, 'connection')!;
    const events: string[] = [];
    el.addEventListener('care-connection', (e) => events.push((e as MeetingConnectionEvent).detail.connection));
    room.blip();
    await waitUntil(() => textOf(connection) === ren.reconnecting);
    // For host CSS too: care-meeting:state(reconnecting).
    expect(el.matches(':state(reconnecting)')).to.equal(true);
    expect(el.matches(':state(room)')).to.equal(true);
    await expect(el).to.be.accessible();
    room.recovered();
    await waitUntil(() => textOf(connection) === '');
    expect(events).to.deep.equal(['reconnecting', 'connected']);
    expect(el.matches(':state(reconnecting)')).to.equal(false);

    room.failConnects = 1;
    room.drop();
    await waitUntil(() => textOf(connection).includes(ren.reconnectingFresh(2)), `says: ${textOf(connection)}`, { timeout: 4000 });
    await waitUntil(() => room.state === 'connected', 'did not reconnect', { timeout: 4000 });
    await waitUntil(() => textOf(connection) === '');
    expect(room.connects.map((c) => c.token)).to.deep.equal(['room-token-1', 'room-token-2', 'room-token-2']);
    expect(api.callsTo('POST', '/join')).to.have.length(3);
    expect(el.phase).to.equal('room');
  });

  it('ends up “ended” when the room is gone and the fresh-token answer says the meeting ended', async () => {
    api.joins = [admitted(), refusal(410, 'MEETING_ENDED')];
    const { el, room } = await inRoom();
    room.drop(5);
    await waitUntil(() => el.phase === 'ended', 'not ended');
    expect(textOf($(el, '#ended-title'))).to.equal(en.endedTitle);
  });

  it('tells a person who joined in another window why this one was disconnected', async () => {
    const { el, room } = await inRoom();
    room.drop(2);
    await waitUntil(() => textOf(part(el, 'connection')).includes(ren.duplicate));
    expect(textOf(part(el, 'connection'))).to.contain(ren.reconnect);
  });

  it('chat: shows its warning, refuses a personnummer without sending it, and sends ordinary text', async () => {
    api.joins = [admitted({ meeting: { ...MEETING, allowChat: true } })];
    const { el, room } = await inRoom();
    await click(el, '[part~="control-chat"]');
    const chat = part(el, 'chat')!;
    expect(textOf(part(el, 'chat-warning'))).to.equal(ren.chatWarning);
    const field = $<HTMLTextAreaElement>(el, '#chat-input')!;
    field.value = 'Esthers personnummer är 19121212-1212';
    field.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await el.updateComplete;
    expect(textOf(part(el, 'chat-error'))).to.equal(ren.chatRefused(ren.idKind.pnr));
    expect(field.getAttribute('aria-invalid')).to.equal('true');
    expect(field.value).to.equal('Esthers personnummer är 19121212-1212');
    expect(room.localParticipant.sent).to.have.length(0);
    await expect(el).to.be.accessible();

    field.value = 'Hej, vi ses om en stund';
    field.dispatchEvent(new Event('input'));
    field.form!.requestSubmit();
    await waitUntil(() => room.localParticipant.sent.length === 1);
    expect(decodeChat(room.localParticipant.sent[0]!.data)!.text).to.equal('Hej, vi ses om en stund');
    await waitUntil(() => textOf(chat.querySelector('.chat-log')).includes('Hej, vi ses om en stund'));
    expect(field.value).to.equal('');
    expect(textOf(part(el, 'chat-error'))).to.equal('');

    room.join('p_bo', 'Bo Bror', 'relative');
    room.chat('p_bo', 'Mitt är 19121212-1212');
    await waitUntil(() => textOf(chat.querySelector('.chat-log')).includes('Bo Bror'));
    expect(textOf(chat.querySelector('.chat-log')))
      .to.contain('Mitt är ••••')
      .and.not.contain('1212-1212');
  });

  it('chat: refuses a Norwegian fødselsnummer and a Finnish henkilötunnus too, naming both in Norwegian', async () => {
    api.joins = [admitted({ meeting: { ...MEETING, allowChat: true } })];
    const { el, room } = await inRoom({ lang: 'nb' });
    await click(el, '[part~="control-chat"]');
    const field = $<HTMLTextAreaElement>(el, '#chat-input')!;
    field.value = 'Kari har 301082 99920, Aino 131052-308T';
    field.form!.requestSubmit();
    await el.updateComplete;
    const nb = meetingRoomStrings.nb;
    expect(textOf(part(el, 'chat-error'))).to.equal(nb.chatRefused(new Intl.ListFormat('nb', { type: 'conjunction' }).format([nb.idKind.fnr, nb.idKind.hetu])));
    expect(room.localParticipant.sent).to.have.length(0);
    room.join('p_bo', 'Bo Bror', 'relative');
    room.chat('p_bo', 'D-nummer 70108299914');
    const chat = part(el, 'chat')!;
    await waitUntil(() => textOf(chat.querySelector('.chat-log')).includes('Bo Bror'));
    expect(textOf(chat.querySelector('.chat-log')))
      .to.contain('D-nummer ••••')
      .and.not.contain('99914');
  });

  it('chat: says and counts messages that come while the chat is closed, and clears the count when it opens', async () => {
    api.joins = [admitted({ meeting: { ...MEETING, allowChat: true } })];
    const { el, room } = await inRoom();
    // What a screen reader takes as the button's name: its words without what is hidden from it.
    const nameOf = (button: HTMLElement) => {
      const copy = button.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('[aria-hidden="true"]').forEach((node) => node.remove());
      return textOf(copy);
    };
    const chatButton = () => part(el, 'control-chat')!;
    expect(chatButton().getAttribute('aria-expanded')).to.equal('false');
    room.join('p_bo', 'Bo Bror', 'relative');
    await waitUntil(() => tile(el, 'p_bo'));
    const said = heard(el);
    room.chat('p_bo', 'Hej');
    await waitUntil(() => said.some((text) => text.includes(ren.newMessage('Bo Bror'))), `heard: ${said.join(' | ')}`);
    await waitUntil(() => textOf(chatButton().querySelector('.badge')) === '1', 'no count on the Chat button');
    room.chat('p_bo', 'Är du där?');
    await waitUntil(() => textOf(chatButton().querySelector('.badge')) === '2');
    expect(nameOf(chatButton())).to.equal(`${ren.chat}, ${ren.unreadMessages(2)}`);
    await expect(el).to.be.accessible();
    await click(el, '[part~="control-chat"]');
    expect(chatButton().querySelector('.badge')).to.equal(null);
    expect(nameOf(chatButton())).to.equal(ren.chat);
    // With the chat open its log says new messages itself: nothing more is counted or said.
    said.length = 0;
    room.chat('p_bo', 'Bra');
    await waitUntil(() => textOf(part(el, 'chat-log')).includes('Bra'));
    await aTimeout(50);
    expect(said.join(' ')).to.not.contain(ren.newMessage('Bo Bror'));
    expect(chatButton().querySelector('.badge')).to.equal(null);
  });

  it('shares the screen only when the meeting allows it', async () => {
    api.joins = [admitted({ meeting: { ...MEETING, allowScreenShare: true } })];
    const { el, room } = await inRoom();
    await click(el, '[part~="control-screen"]');
    await waitUntil(() => $(el, '.tile.screen'));
    expect(room.localParticipant.calls).to.include('screen:true');
    expect(part(el, 'control-screen')!.getAttribute('aria-pressed')).to.equal('true');
  });

  it('says when someone else starts sharing their screen', async () => {
    api.joins = [admitted({ meeting: { ...MEETING, allowScreenShare: true } })];
    const { el, room } = await inRoom();
    room.join('p_bo', 'Bo Bror', 'relative');
    await waitUntil(() => tile(el, 'p_bo'));
    const said = heard(el);
    room.shareScreen('p_bo');
    await waitUntil(() => said.some((text) => text.includes(ren.screenShared('Bo Bror'))), `heard: ${said.join(' | ')}`);
  });

  it('shows a focus ring on a heading that takes focus (room, ended) while the keyboard is in use', async () => {
    const { el } = await inRoom();
    const ringOn = (heading: HTMLElement) => getComputedStyle(heading).outlineStyle !== 'none' && parseFloat(getComputedStyle(heading).outlineWidth) >= 2;
    await pressKey('Tab');
    const title = $(el, '#room-title')!;
    title.focus();
    expect(title.matches(':focus-visible')).to.equal(true);
    expect(ringOn(title), 'room heading').to.equal(true);
    api.push({ type: 'ended', at });
    await waitUntil(() => root(el).activeElement?.id === 'ended-title', `focus: ${root(el).activeElement?.id}`);
    expect(ringOn($(el, '#ended-title')!), 'ended heading').to.equal(true);
  });

  describe('the meeting leader', () => {
    const chairJoin = () => admitted({ role: 'chair', name: 'Anna Samordnare', lobbyToken: 'lobby-observer-1', meeting: MEETING });

    beforeEach(() => {
      api.joins = [chairJoin()];
      api.currentRoster = roster(MEETING, [
        rosterEntry('p_self', 'Anna Samordnare', 'chair'),
        rosterEntry('p_bo', 'Bo Bror', 'relative'),
        rosterEntry('p_guest', 'Lisa Lärare', 'guest', { status: 'lobby', typedName: 'Lisa L' }),
      ]);
    });

    async function chair() {
      const mounted = await inRoom({ self: ANNA });
      const lobbyRoom = mounted.media.last('lobby-observer');
      await waitUntil(() => lobbyRoom.state === 'connected', 'lobby observer not connected');
      // The leader's tools are loaded only for her, when her join answer says so: a moment after the room.
      await waitUntil(() => part(mounted.el, 'end-button'), "the meeting leader's tools did not load");
      return { ...mounted, lobbyRoom };
    }

    it('sees the lobby: each guest’s camera and typed name, and lets them in or turns them away', async () => {
      const { el, lobbyRoom } = await chair();
      expect(lobbyRoom.connects[0]!.token).to.equal('lobby-observer-1');
      // It looks into the lobby without being seen or heard there.
      expect(lobbyRoom.localParticipant.calls).to.deep.equal([]);
      lobbyRoom.join('p_guest', 'Lisa Lärare', 'guest', { microphone: false });
      await waitUntil(() => $(el, '[part~="lobby-guest"] video'), 'no guest camera');
      const guest = part(el, 'lobby-guest')!;
      expect(textOf(guest)).to.contain('Lisa Lärare').and.contain(ren.role.guest).and.contain(`${cen.typedName}: Lisa L`);
      expect(part(el, 'control-tools')!.getAttribute('aria-expanded')).to.equal('true');
      expect(textOf($(el, '.lobby-guests'))).to.contain(cen.lobbyHint);
      // One lobby list, the roster's, with the lobby room's camera: the chair sees each waiting guest once.
      // The roster is drawn by the leader's tools (`<care-chair-tools>`, in the tools panel).
      expect($(el, '#tools-panel care-chair-tools')).to.not.equal(null);
      const rosterEl = $(el, 'care-roster') as HTMLElement & { hideLobby: boolean };
      expect(rosterEl).to.not.equal(null);
      await customElements.whenDefined('care-roster');
      expect(rosterEl.hideLobby).to.equal(false);
      await waitUntil(() => rosterEl.shadowRoot!.querySelector('[data-person="p_bo"]'), 'the roster was not drawn');
      expect((guest.getRootNode() as ShadowRoot).host).to.equal(rosterEl.shadowRoot!.querySelector('[part~="group-lobby"]'));
      expect($$(el, '[data-person="p_guest"]')).to.have.length(1);
      await expect(el).to.be.accessible();

      (guest.querySelector('[part~="admit-button"]') as HTMLButtonElement).click();
      await waitUntil(() => api.callsTo('POST', '/meetings/m_1/admit').length === 1);
      expect(api.callsTo('POST', '/meetings/m_1/admit')[0]!.body).to.deep.equal({ participantId: 'p_guest' });
      const turnAway = guest.querySelector<HTMLButtonElement>('[part~="turn-away-button"]')!;
      await waitUntil(() => !turnAway.disabled && turnAway.getAttribute('aria-disabled') !== 'true', 'buttons stayed busy');
      // Turning away asks first, as the roster does; Cancel turns nobody away.
      turnAway.click();
      await waitUntil(() => dialogOf(el)?.open, 'no confirmation');
      expect(textOf(dialogOf(el)))
        .to.contain(cen.turnAwayTitle('Lisa Lärare'))
        .and.contain(cen.turnAwayText);
      expect((confirmOf(el)?.shadowRoot?.activeElement as HTMLElement | null)?.getAttribute('value')).to.equal('cancel');
      dialogOf(el)?.querySelector<HTMLButtonElement>('[value="cancel"]')!.click();
      await waitUntil(() => !dialogOf(el)?.open);
      expect(api.callsTo('POST', '/meetings/m_1/remove')).to.have.length(0);
      turnAway.click();
      await waitUntil(() => dialogOf(el)?.open);
      dialogOf(el)?.querySelector<HTMLButtonElement>('[value="confirm"]')!.click();
      await waitUntil(() => api.callsTo('POST', '/meetings/m_1/remove').length === 1);
      expect(api.callsTo('POST', '/meetings/m_1/remove')[0]!.body).to.deep.equal({ participantId: 'p_guest' });

      api.pushRoster(roster(MEETING, [rosterEntry('p_self', 'Anna Samordnare', 'chair')]));
      await waitUntil(() => textOf($(el, '.lobby-guests')).includes(cen.noneWaiting), `lobby: ${textOf($(el, '.lobby-guests'))} ${api.openStreams}`);
    });

    it('hears a waiting guest: their microphone plays in the lobby box, and a guest without one plays nothing', async () => {
      const { el, lobbyRoom } = await chair();
      lobbyRoom.join('p_guest', 'Lisa Lärare', 'guest', { microphone: false });
      await waitUntil(() => $(el, '[part~="lobby-guest"] video'), 'no guest camera');
      expect($(el, '[part~="lobby-guest"] audio')).to.equal(null);
      lobbyRoom.leave('p_guest');
      lobbyRoom.join('p_guest', 'Lisa Lärare', 'guest');
      await waitUntil(() => $(el, '[part~="lobby-guest"] audio[data-identity="p_guest"]'), 'the guest is not heard');
      const audio = $<HTMLAudioElement>(el, '[part~="lobby-guest"] audio')!;
      expect((audio.srcObject as MediaStream).getAudioTracks()).to.have.length(1);
      expect(audio.muted).to.equal(false);
      // Still looking in without being seen or heard there.
      expect(lobbyRoom.localParticipant.calls).to.deep.equal([]);
    });

    it('keeps keyboard focus in the lobby box as guests leave it: the next guest, then the heading', async () => {
      const waiting = (...ids: string[]) =>
        roster(MEETING, [
          rosterEntry('p_self', 'Anna Samordnare', 'chair'),
          ...ids.map((id) => rosterEntry(id, id === 'p_guest' ? 'Lisa Lärare' : 'Kurt Kurator', 'guest', { status: 'lobby' })),
        ]);
      api.currentRoster = waiting('p_guest', 'p_kurt');
      const { el } = await chair();
      await waitUntil(() => $$(el, '[part~="lobby-guest"]').length === 2, 'two guests not shown');
      const letIn = $<HTMLButtonElement>(el, '#admit-p_guest')!;
      letIn.focus();
      letIn.click();
      await waitUntil(() => api.callsTo('POST', '/meetings/m_1/admit').length === 1);
      api.pushRoster(waiting('p_kurt'));
      await waitUntil(() => activeInRoom(root(el))?.id === 'admit-p_kurt', `focus: ${activeInRoom(root(el))?.id}`);

      // Turned away after the confirmation: the dialog gives focus back, then the guest leaves the list.
      $<HTMLButtonElement>(el, '#turn-away-p_kurt')!.focus();
      $<HTMLButtonElement>(el, '#turn-away-p_kurt')!.click();
      await waitUntil(() => dialogOf(el)?.open);
      dialogOf(el)?.querySelector<HTMLButtonElement>('[value="confirm"]')!.click();
      await waitUntil(() => api.callsTo('POST', '/meetings/m_1/remove').length === 1);
      api.pushRoster(waiting());
      await waitUntil(() => activeInRoom(root(el))?.id === 'lobby-guests-title', `focus: ${activeInRoom(root(el))?.id}`);
      expect(textOf($(el, '.lobby-guests'))).to.contain(cen.noneWaiting);
      await expect(el).to.be.accessible();
    });

    it('removes a participant only after confirming in a dialog', async () => {
      const { el, room } = await chair();
      room.join('p_bo', 'Bo Bror', 'relative');
      await el.updateComplete;
      const remove = tile(el, 'p_bo')!.querySelector<HTMLButtonElement>('[part~="remove-button"]')!;
      expect(remove.getAttribute('aria-label')).to.equal(ren.remove('Bo Bror'));
      expect(tile(el, 'p_self')!.querySelector('[part~="remove-button"]')).to.equal(null);

      remove.focus();
      remove.click();
      await waitUntil(() => dialogOf(el)?.open);
      const dialog = dialogOf(el)!;
      expect(textOf(dialog)).to.contain(cen.removeTitle('Bo Bror'));
      expect(($(el, 'care-confirm-dialog')?.shadowRoot?.activeElement as HTMLElement | null)?.getAttribute('value')).to.equal('cancel');
      await expect(el).to.be.accessible();
      dialog.querySelector<HTMLButtonElement>('[value="cancel"]')!.click();
      await waitUntil(() => !dialogOf(el)?.open);
      expect(api.callsTo('POST', '/meetings/m_1/remove')).to.have.length(0);
      expect(root(el).activeElement).to.equal(remove);

      remove.click();
      await waitUntil(() => dialogOf(el)?.open);
      dialogOf(el)?.querySelector<HTMLButtonElement>('[value="confirm"]')!.click();
      await waitUntil(() => api.callsTo('POST', '/meetings/m_1/remove').length === 1);
      expect(api.callsTo('POST', '/meetings/m_1/remove')[0]!.body).to.deep.equal({ participantId: 'p_bo' });
    });

    it('asks before a tile’s Remove in a confirmation that shows with the tools closed too', async () => {
      const { el, room } = await chair();
      room.join('p_bo', 'Bo Bror', 'relative');
      await click(el, '[part~="control-tools"]');
      expect($(el, '#tools-panel')!.hasAttribute('hidden')).to.equal(true);
      const remove = tile(el, 'p_bo')!.querySelector<HTMLButtonElement>('[part~="remove-button"]')!;
      remove.focus();
      remove.click();
      await waitUntil(() => dialogOf(el)?.open, 'no confirmation');
      const dialog = dialogOf(el)!;
      // Drawn in the room, not in the closed panel: seen, with its question.
      expect(dialog.closest('[hidden]')).to.equal(null);
      expect(dialog.getBoundingClientRect().height).to.be.greaterThan(0);
      expect(textOf(dialog)).to.contain(cen.removeTitle('Bo Bror'));
      dialog.querySelector<HTMLButtonElement>('[value="cancel"]')!.click();
      await waitUntil(() => !dialogOf(el)?.open);
      expect(root(el).activeElement).to.equal(remove);
      expect(api.callsTo('POST', '/meetings/m_1/remove')).to.have.length(0);
    });

    for (const lang of ['sv', 'da', 'en']) {
      it(`after Confirm on a tile’s Remove, focus goes to the next tile’s Remove, then to the room’s heading, not to the body (${lang})`, async () => {
        const { el, room } = await inRoom({ self: ANNA, lang });
        room.join('p_bo', 'Bo Bror', 'relative');
        room.join('p_cy', 'Cy Kurator', 'guest');
        await waitUntil(() => tile(el, 'p_cy'), 'no tiles');
        const removeOf = (id: string) => tile(el, id)?.querySelector<HTMLButtonElement>('[part~="remove-button"]') ?? null;
        // The tiles' Remove comes with the meeting leader's tools (and their words), a moment after the room.
        await waitUntil(() => removeOf('p_bo') && removeOf('p_cy'), 'no Remove on the tiles');
        const confirmRemove = async (id: string, count: number) => {
          removeOf(id)!.focus();
          removeOf(id)!.click();
          await waitUntil(() => dialogOf(el)?.open, 'no confirmation');
          dialogOf(el)?.querySelector<HTMLButtonElement>('[value="confirm"]')!.click();
          await waitUntil(() => api.callsTo('POST', '/meetings/m_1/remove').length === count);
          // The server removes them, and they leave the media room.
          room.leave(id);
        };
        await confirmRemove('p_bo', 1);
        await waitUntil(() => !tile(el, 'p_bo'));
        await waitUntil(() => root(el).activeElement === removeOf('p_cy'), `focus: ${document.activeElement?.localName} ${root(el).activeElement?.outerHTML}`);
        await confirmRemove('p_cy', 2);
        await waitUntil(() => root(el).activeElement?.id === 'room-title', `focus: ${document.activeElement?.localName}`);
        expect(document.activeElement).to.equal(el);
        await expect(el).to.be.accessible();
      });
    }

    it('with the tools closed, hears a guest who starts waiting, and sees how many wait on the tools button', async () => {
      api.currentRoster = roster(MEETING, [rosterEntry('p_self', 'Anna Samordnare', 'chair'), rosterEntry('p_bo', 'Bo Bror', 'relative')]);
      const { el, lobbyRoom } = await chair();
      const toolsButton = () => part(el, 'control-tools')!;
      expect(toolsButton().getAttribute('aria-expanded')).to.equal('true');
      await click(el, '[part~="control-tools"]');
      expect(toolsButton().getAttribute('aria-expanded')).to.equal('false');
      expect(toolsButton().querySelector('.badge')).to.equal(null);
      const said = heard(el);
      api.pushRoster(
        roster(MEETING, [
          rosterEntry('p_self', 'Anna Samordnare', 'chair'),
          rosterEntry('p_bo', 'Bo Bror', 'relative'),
          rosterEntry('p_guest', 'Lisa Lärare', 'guest', { status: 'lobby' }),
        ]),
      );
      lobbyRoom.join('p_guest', 'Lisa Lärare', 'guest');
      // Said from the element's own live region, which is not in the hidden panel.
      await waitUntil(() => said.some((text) => text.includes(ren.guestWaiting('Lisa Lärare'))), `heard: ${said.join(' | ')}`);
      expect($(el, '.base > [role="status"]')!.closest('[hidden]')).to.equal(null);
      await waitUntil(() => textOf(toolsButton().querySelector('.badge')) === '1', 'no count on the tools button');
      expect(textOf(toolsButton().querySelector('.visually-hidden'))).to.equal(`, ${ren.guestsWaiting(1)}`);
      expect(toolsButton().getAttribute('aria-expanded')).to.equal('false');
      await expect(el).to.be.accessible();
    });

    for (const lang of ['sv', 'da', 'en']) {
      it(`shows “No camera picture yet” whole beside a waiting guest without a picture, wide and narrow (${lang})`, async () => {
        const t = chairActionStrings[lang as 'sv' | 'da' | 'en'];
        try {
          for (const width of [1280, 390]) {
            await setViewport({ width, height: 900 });
            const { el } = await inRoom({ self: ANNA, lang });
            await waitUntil(() => $(el, '[part~="lobby-guest"] .picture .hint'), 'no guest without a picture');
            const box = $(el, '[part~="lobby-guest"] .picture')!;
            const hint = box.querySelector<HTMLElement>('.hint')!;
            expect(textOf(hint)).to.equal(t.noPicture);
            const outer = box.getBoundingClientRect();
            const inner = hint.getBoundingClientRect();
            const where = `${width} px: hint ${Math.round(inner.top)}–${Math.round(inner.bottom)} in ${Math.round(outer.top)}–${Math.round(outer.bottom)}`;
            expect(inner.top >= outer.top - 0.5 && inner.bottom <= outer.bottom + 0.5, where).to.equal(true);
            expect(inner.left >= outer.left - 0.5 && inner.right <= outer.right + 0.5, where).to.equal(true);
            expect(hint.scrollWidth <= hint.clientWidth + 1, `${width} px: a word sticks out`).to.equal(true);
            el.remove();
          }
        } finally {
          await setViewport({ width: 800, height: 600 });
        }
      });
    }

    it('forwards the tools’ parts and their confirmations’ as its own, so a host page styles them with ::part()', async () => {
      const names = [
        'tools',
        'guide',
        'danger-button',
        'end-button',
        'lobby-guest',
        'admit-button',
        'turn-away-button',
        'remove-button',
        'dialog',
        'cancel-button',
        'confirm-button',
      ];
      const style = document.createElement('style');
      style.textContent = names.map((name, i) => `care-meeting::part(${name}) { scroll-margin-top: ${i + 3}px; }`).join('\n');
      document.head.append(style);
      try {
        const { el, room } = await chair();
        room.join('p_bo', 'Bo Bror', 'relative');
        await waitUntil(() => tile(el, 'p_bo')?.querySelector('[part~="remove-button"]') && part(el, 'lobby-guest'), 'no Remove or no guest');
        const styled = (target: Element | null | undefined, name: string) =>
          expect(target ? getComputedStyle(target).scrollMarginTop : 'missing', name).to.equal(`${names.indexOf(name) + 3}px`);
        styled(part(el, 'tools'), 'tools');
        styled(part(el, 'guide'), 'guide');
        styled(part(el, 'admit-button'), 'admit-button');
        styled(part(el, 'turn-away-button'), 'turn-away-button');
        styled(part(el, 'lobby-guest'), 'lobby-guest');
        styled(part(el, 'remove-button'), 'remove-button');
        // end-button comes after danger-button in the sheet: it wins on the End button.
        styled(part(el, 'end-button'), 'end-button');
        // Both confirmations, End's (in the tools) and Remove's (in the room), with their buttons.
        for (const open of [() => part(el, 'end-button')!.click(), () => tile(el, 'p_bo')!.querySelector<HTMLElement>('[part~="remove-button"]')!.click()]) {
          open();
          await waitUntil(() => dialogOf(el)?.open, 'no confirmation');
          const dialog = dialogOf(el)!;
          styled(dialog, 'dialog');
          styled(dialog.querySelector('[part~="cancel-button"]'), 'cancel-button');
          styled(dialog.querySelector('[part~="confirm-button"]'), 'confirm-button');
          dialog.querySelector<HTMLButtonElement>('[value="cancel"]')!.click();
          await waitUntil(() => !dialogOf(el)?.open);
        }
      } finally {
        style.remove();
      }
    });

    it('has the meeting-structure guide as a checklist', async () => {
      const { el } = await chair();
      const items = $$<HTMLInputElement>(el, '[part~="guide"] input[type="checkbox"]');
      expect(items).to.have.length(6);
      expect(textOf(part(el, 'guide')))
        .to.contain(ren.guide.welcome)
        .and.contain(ren.guide.summary);
      items[0]!.click();
      await el.updateComplete;
      expect(items[0]!.checked).to.equal(true);
    });

    it('ends the meeting for everyone after confirming (and a host may veto it)', async () => {
      const { el, room, lobbyRoom } = await chair();
      const veto = (e: Event) => e.preventDefault();
      el.addEventListener('care-end-request', veto, { once: true });
      part(el, 'end-button')!.click();
      await waitUntil(() => dialogOf(el)?.open);
      expect(textOf(dialogOf(el))).to.contain(ren.endTitle);
      dialogOf(el)?.querySelector<HTMLButtonElement>('[value="confirm"]')!.click();
      await aTimeout(50);
      expect(api.callsTo('POST', '/meetings/m_1/end')).to.have.length(0);
      expect(el.phase).to.equal('room');

      const ended = oneEvent(el, 'care-ended');
      part(el, 'end-button')!.click();
      await waitUntil(() => dialogOf(el)?.open);
      dialogOf(el)?.querySelector<HTMLButtonElement>('[value="confirm"]')!.click();
      await ended;
      expect(api.callsTo('POST', '/meetings/m_1/end')).to.have.length(1);
      expect(el.phase).to.equal('ended');
      expect(room.state).to.equal('disconnected');
      expect(lobbyRoom.state).to.equal('disconnected');
    });
  });

  describe('the individual’s consent', () => {
    const ESTHER = { identity: 'p_self', name: 'Esther Exempel', role: 'individual' };
    const LIST = [
      { id: 'p_anna', name: 'Anna Samordnare', role: 'chair' as const },
      { id: 'p_self', name: 'Esther Exempel', role: 'individual' as const },
      { id: 'p_rut', name: 'Rut Exempel', role: 'relative' as const },
    ];
    const BO = { id: 'p_bo', name: 'Bo Bror', role: 'relative' as const };
    const card = (el: CareMeeting) => part(el, 'consent');
    const agree = (el: CareMeeting) => part<HTMLButtonElement>(el, 'consent-agree-button');
    const shownIds = (el: CareMeeting) => $$(el, '.consent-people li').map((li) => li.dataset['id']);
    const consentState = (el: CareMeeting) => $(el, '.room')?.dataset['consent'];
    const posts = () => api.callsTo('POST', '/meetings/m_1/consent');
    const reads = () => api.callsTo('GET', '/meetings/m_1/consent');
    /** What has focus, by id or part: a failed comparison of elements would be serialized whole. */
    const focused = (el: CareMeeting) => {
      const active = activeInRoom(root(el));
      return active ? active.id || active.getAttribute('part') || active.localName : `outside: ${document.activeElement?.localName}`;
    };

    async function individual(options: MountOptions = {}) {
      api.joins = [admitted({ role: 'individual', name: 'Esther Exempel' })];
      const mounted = await inRoom({ self: ESTHER, ...options });
      await waitUntil(() => consentState(mounted.el) !== 'reading', 'the consent request was not read');
      await mounted.el.updateComplete;
      return mounted;
    }

    it('asks the individual when her consent is missing: a region with a heading, everyone with their role, I agree and Not now', async () => {
      api.consentReads = [consentRequest('missing', LIST)];
      const { el } = await individual();
      expect(reads()).to.have.length(1);
      expect(reads()[0]!.authorization).to.equal('Bearer s_self');
      const region = card(el)!;
      expect(region.localName).to.equal('section');
      expect(region.getAttribute('aria-labelledby')).to.equal('consent-title');
      expect(textOf($(el, '#consent-title'))).to.equal(ren.consentTitle);
      expect($(el, '#consent-title')!.localName).to.equal('h3');
      // Between the header and the video grid (the card is an element of its own, in the room where the region was).
      const placed = (region.getRootNode() as ShadowRoot).host;
      expect(placed.previousElementSibling?.localName).to.equal('header');
      expect(placed.compareDocumentPosition(part(el, 'grid')!) & Node.DOCUMENT_POSITION_FOLLOWING).to.not.equal(0);
      expect(textOf(region)).to.contain(ren.consentQuestion).and.contain(ren.consentRefuse);
      const list = region.querySelector('ul')!;
      expect(list.getAttribute('aria-labelledby')).to.equal('consent-question');
      expect(shownIds(el)).to.deep.equal(['p_anna', 'p_self', 'p_rut']);
      const items = $$(el, '.consent-people li').map(textOf);
      expect(items[0]).to.equal(`Anna Samordnare ${ren.role.chair}`);
      expect(items[1]).to.equal(`Esther Exempel ${ren.you} ${ren.role.individual}`);
      expect(items[2]).to.equal(`Rut Exempel ${ren.role.relative}`);
      expect(textOf(region)).to.not.contain(ren.consentNew);
      expect(textOf(agree(el))).to.equal(ren.consentAgree);
      expect(textOf(part(el, 'consent-later-button'))).to.equal(ren.consentNotNow);
      // Said once when it appears, for someone who is elsewhere in the room.
      await waitUntil(() => status(el).includes(ren.consentQuestion), `announced: ${status(el)}`);
      expect(posts()).to.have.length(0);
      await expect(el).to.be.accessible();
    });

    it('also asks when it was given before people were added: they are marked new', async () => {
      api.consentReads = [consentRequest('given', [...LIST, BO], { notCovered: ['p_bo'] })];
      const { el } = await individual();
      expect(shownIds(el)).to.deep.equal(['p_anna', 'p_self', 'p_rut', 'p_bo']);
      const marked = $$(el, '.consent-people li').filter((li) => li.querySelector('.new'));
      expect(marked.map((li) => li.dataset['id'])).to.deep.equal(['p_bo']);
      expect(textOf(marked[0]!.querySelector('.new'))).to.equal(ren.consentNew);
      await expect(el).to.be.accessible();
    });

    it('asks after she withdrew it', async () => {
      api.consentReads = [consentRequest('withdrawn', LIST, { at, by: 'individual' })];
      const { el } = await individual();
      expect(card(el)).to.not.equal(null);
      expect($(el, '.consent-people .new')).to.equal(null);
    });

    it('shows nothing when her consent is given and covers everyone, or when nobody is the individual', async () => {
      for (const request of [consentRequest('given', LIST, { at, by: 'chair', how: 'verbal' }), consentRequest('none', [])]) {
        api.consentReads = [request];
        const { el } = await individual();
        expect(consentState(el)).to.equal('settled');
        expect(card(el)).to.equal(null);
        el.remove();
      }
    });

    it('asks nobody else: a relative or the meeting leader never reads it', async () => {
      api.consentReads = [consentRequest('missing', LIST)];
      const relative = await inRoom();
      await aTimeout(50);
      expect(consentState(relative.el)).to.equal(undefined);
      expect(card(relative.el)).to.equal(null);
      relative.el.remove();
      api.joins = [admitted({ role: 'chair', name: 'Anna Samordnare', lobbyToken: 'lobby-observer-1' })];
      api.currentRoster = roster(MEETING, [rosterEntry('p_self', 'Anna Samordnare', 'chair')]);
      const chair = await inRoom({ self: ANNA });
      await aTimeout(50);
      expect(consentState(chair.el)).to.equal(undefined);
      expect(card(chair.el)).to.equal(null);
      expect(reads()).to.have.length(0);
    });

    it('shows nothing, and keeps the meeting going, when reading what she is asked fails', async () => {
      api.consentReads = [refusal(500, 'INTERNAL')];
      const { el, room } = await individual();
      expect(reads()).to.have.length(1);
      expect(consentState(el)).to.equal('unread');
      expect(card(el)).to.equal(null);
      expect(el.phase).to.equal('room');
      expect(room.state).to.equal('connected');
      expect(tile(el, 'p_self')).to.not.equal(null);
    });

    it('reads again after a failure that may pass (no answer, 5xx, 429), and asks her once it reads', async () => {
      api.consentReads = [refusal(503, 'LIVEKIT_UNAVAILABLE'), refusal(429, 'RATE_LIMITED'), consentRequest('missing', LIST)];
      const { el, room } = await individual();
      expect(consentState(el)).to.equal('unread');
      expect(card(el)).to.equal(null);
      // 1 s, then 2 s later: the third read answers.
      await waitUntil(() => consentState(el) === 'asking', 'not asked after the failures passed', { timeout: 6000 });
      expect(reads()).to.have.length(3);
      await el.updateComplete;
      expect(textOf($(el, '#consent-title'))).to.equal(ren.consentTitle);
      expect(room.state).to.equal('connected');
    });

    it('does not read again after a refusal, and stops trying once she leaves the room', async () => {
      api.consentReads = [refusal(403, 'FORBIDDEN')];
      const refused = await individual();
      await aTimeout(1500);
      expect(reads()).to.have.length(1);
      expect(consentState(refused.el)).to.equal('unread');
      refused.el.remove();
      api.consentReads = [refusal(500, 'INTERNAL')];
      const failing = await individual();
      expect(reads()).to.have.length(2);
      failing.el.remove();
      await aTimeout(1500);
      expect(reads(), 'a read after she left').to.have.length(2);
    });

    it('I agree records consent to exactly the people shown, says it is busy meanwhile, then thanks her', async () => {
      api.consentReads = [consentRequest('given', [...LIST, BO], { notCovered: ['p_bo'] })];
      let release!: () => void;
      api.consentHold = new Promise<void>((resolve) => (release = resolve));
      const { el } = await individual();
      const button = agree(el)!;
      button.focus();
      button.click();
      await waitUntil(() => posts().length === 1, 'nothing sent');
      await el.updateComplete;
      expect(posts()[0]!.body).to.deep.equal({ how: 'self', participantIds: ['p_anna', 'p_self', 'p_rut', 'p_bo'] });
      expect(posts()[0]!.authorization).to.equal('Bearer s_self');
      expect(button.getAttribute('aria-busy')).to.equal('true');
      expect(button.getAttribute('aria-disabled')).to.equal('true');
      expect(textOf(button)).to.equal(ren.sending);
      // Still focused (not dropped by disabling), and a second press sends nothing.
      expect(focused(el)).to.equal(button.getAttribute('part'));
      button.click();
      await aTimeout(20);
      expect(posts()).to.have.length(1);
      // Not now waits too: the answer on its way is not set aside unseen.
      const later = part<HTMLButtonElement>(el, 'consent-later-button')!;
      expect(later.getAttribute('aria-disabled')).to.equal('true');
      later.click();
      await aTimeout(20);
      expect(consentState(el)).to.equal('sending');

      release();
      await waitUntil(() => consentState(el) === 'recorded', 'not recorded');
      await el.updateComplete;
      const done = card(el)!;
      expect(done.getAttribute('part')).to.equal('consent consent-recorded');
      expect(textOf(done.querySelector('[role="status"]'))).to.equal(ren.consentRecorded);
      expect(done.querySelector('ul, h3, [part~="consent-agree-button"]')).to.equal(null);
      // Focus on what replaced the button, never the page's body.
      expect(focused(el)).to.equal(part(el, 'consent-close-button')!.getAttribute('part'));
      await expect(el).to.be.accessible();
      part<HTMLButtonElement>(el, 'consent-close-button')!.click();
      await waitUntil(() => !card(el));
      await el.updateComplete;
      expect(focused(el)).to.equal('room-title');
    });

    it('the thank-you comes in a live region that was in the page before it', async () => {
      api.consentReads = [consentRequest('missing', LIST)];
      const { el } = await individual();
      const region = $(el, '.consent [role="status"]')!;
      expect(textOf(region)).to.equal('');
      agree(el)!.click();
      await waitUntil(() => consentState(el) === 'recorded');
      await el.updateComplete;
      expect($(el, '.consent [role="status"]') === region, 'the live region was replaced').to.equal(true);
      expect(textOf(region)).to.equal(ren.consentRecorded);
    });

    it('when the list changed meanwhile, reads it again and shows the new list, the change said and focused', async () => {
      api.consentReads = [consentRequest('missing', LIST), consentRequest('missing', [LIST[0]!, LIST[1]!, BO])];
      api.consentPosts = [refusal(409, 'PARTICIPANTS_CHANGED'), { status: 201, body: { consent: { state: 'given', notCovered: [] } } }];
      const { el } = await individual();
      agree(el)!.focus();
      agree(el)!.click();
      await waitUntil(() => part(el, 'consent-changed'), 'the change was not shown');
      await el.updateComplete;
      expect(reads()).to.have.length(2);
      expect(posts()[0]!.body).to.deep.equal({ how: 'self', participantIds: ['p_anna', 'p_self', 'p_rut'] });
      expect(textOf(part(el, 'consent-changed'))).to.equal(ren.consentChanged);
      await waitUntil(() => focused(el) === 'consent-changed', `focus: ${focused(el)}`);
      expect(shownIds(el)).to.deep.equal(['p_anna', 'p_self', 'p_bo']);
      const marked = $$(el, '.consent-people li').filter((li) => li.querySelector('.new'));
      expect(marked.map((li) => li.dataset['id'])).to.deep.equal(['p_bo']);
      expect(agree(el)!.hasAttribute('aria-disabled')).to.equal(false);
      expect(textOf($(el, '.consent-error'))).to.equal('');
      await expect(el).to.be.accessible();

      agree(el)!.click();
      await waitUntil(() => consentState(el) === 'recorded');
      expect(posts()[1]!.body).to.deep.equal({ how: 'self', participantIds: ['p_anna', 'p_self', 'p_bo'] });
    });

    it('says why when it could not be recorded, in the meeting’s words for the refusal, and lets her try again', async () => {
      api.consentReads = [consentRequest('missing', LIST)];
      api.consentPosts = [refusal(503, 'NETWORK'), { status: 201, body: { consent: { state: 'given', notCovered: [] } } }];
      const { el } = await individual();
      const button = agree(el)!;
      button.focus();
      button.click();
      await waitUntil(() => textOf($(el, '.consent-error')), 'no error shown');
      await el.updateComplete;
      expect(textOf($(el, '.consent-error'))).to.equal(`${ren.consentFailed} ${en.error.NETWORK}`);
      expect($(el, '.consent-error')!.getAttribute('role')).to.equal('alert');
      expect(button.hasAttribute('aria-disabled')).to.equal(false);
      expect(button.hasAttribute('aria-busy')).to.equal(false);
      expect(textOf(button)).to.equal(ren.consentAgree);
      expect(focused(el)).to.equal(button.getAttribute('part'));
      expect(reads()).to.have.length(1);
      await expect(el).to.be.accessible();
      button.click();
      await waitUntil(() => consentState(el) === 'recorded');
      expect(posts()).to.have.length(2);
    });

    it('a refusal the meeting has no words for gets its general words', async () => {
      api.consentReads = [consentRequest('missing', LIST)];
      api.consentPosts = [refusal(404, 'NOT_FOUND')];
      const { el } = await individual();
      agree(el)!.click();
      await waitUntil(() => textOf($(el, '.consent-error')), 'no error shown');
      expect(textOf($(el, '.consent-error'))).to.equal(`${ren.consentFailed} ${en.errorOther}`);
    });

    it('works from the keyboard: Tab to I agree, Enter; Enter on Close; and Not now hides it for this visit', async () => {
      api.consentReads = [consentRequest('missing', LIST)];
      const { el } = await individual();
      $(el, '#room-title')!.focus();
      await pressKey('Tab');
      expect(focused(el)).to.equal(agree(el)!.getAttribute('part'));
      await pressKey('Tab');
      expect(focused(el)).to.equal(part(el, 'consent-later-button')!.getAttribute('part'));
      await pressKey('Shift+Tab');
      await pressKey('Enter');
      await waitUntil(() => consentState(el) === 'recorded');
      await el.updateComplete;
      expect(posts()[0]!.body).to.deep.equal({ how: 'self', participantIds: ['p_anna', 'p_self', 'p_rut'] });
      expect(focused(el)).to.equal(part(el, 'consent-close-button')!.getAttribute('part'));
      await pressKey('Enter');
      await waitUntil(() => !card(el));
      await el.updateComplete;
      expect(focused(el)).to.equal('room-title');
      el.remove();

      const again = await individual();
      $(again.el, '#room-title')!.focus();
      await pressKey('Tab');
      await pressKey('Tab');
      expect(focused(again.el)).to.equal(part(again.el, 'consent-later-button')!.getAttribute('part'));
      await pressKey('Enter');
      await waitUntil(() => !card(again.el));
      await again.el.updateComplete;
      expect(consentState(again.el)).to.equal('closed');
      expect(focused(again.el)).to.equal('room-title');
      expect(posts()).to.have.length(1);
    });

    it('asks again on the next visit to the room after Not now', async () => {
      api.consentReads = [consentRequest('missing', LIST)];
      api.joins = [admitted({ role: 'individual', name: 'Esther Exempel' })];
      const { el } = await individual();
      part<HTMLButtonElement>(el, 'consent-later-button')!.click();
      await waitUntil(() => !card(el));
      el.leave();
      await waitUntil(() => el.phase === 'left');
      $<HTMLButtonElement>(el, '#left-title ~ button')!.click();
      await waitUntil(() => el.phase === 'room' && card(el), 'not asked again');
      expect(reads()).to.have.length(2);
    });

    describe('when what she is asked changes while she is in the room (consent-request on her stream)', () => {
      async function withStream(options: MountOptions = {}) {
        const mounted = await individual(options);
        await waitUntil(() => api.openStreams === 1, 'no event stream');
        return mounted;
      }
      const changed = () => api.push({ type: 'consent-request', at });

      it('while it asks: shows the list as it is now, the newcomers marked, says so, and leaves focus where she is', async () => {
        api.consentReads = [consentRequest('missing', LIST), consentRequest('missing', [...LIST, BO])];
        const { el } = await withStream();
        agree(el)!.focus();
        changed();
        await waitUntil(() => shownIds(el).length === 4, `shown: ${shownIds(el)}`);
        await el.updateComplete;
        expect(reads()).to.have.length(2);
        expect(shownIds(el)).to.deep.equal(['p_anna', 'p_self', 'p_rut', 'p_bo']);
        const marked = $$(el, '.consent-people li').filter((li) => li.querySelector('.new'));
        expect(marked.map((li) => li.dataset['id'])).to.deep.equal(['p_bo']);
        expect(textOf(part(el, 'consent-changed'))).to.equal(ren.consentChanged);
        await waitUntil(() => status(el).includes(ren.consentChanged), `announced: ${status(el)}`);
        // She may be about to press I agree: the button she is on stays hers.
        expect(focused(el)).to.equal(agree(el)!.getAttribute('part'));
        agree(el)!.click();
        await waitUntil(() => consentState(el) === 'recorded');
        expect(posts()[0]!.body).to.deep.equal({ how: 'self', participantIds: ['p_anna', 'p_self', 'p_rut', 'p_bo'] });
        await expect(el).to.be.accessible();
      });

      it('asks when someone is added after a consent that covered everyone, the newcomer marked', async () => {
        api.consentReads = [
          consentRequest('given', LIST, { at, by: 'chair', how: 'verbal' }),
          consentRequest('given', [...LIST, BO], { at, by: 'chair', how: 'verbal', notCovered: ['p_bo'] }),
        ];
        const { el } = await withStream();
        expect(card(el)).to.equal(null);
        changed();
        await waitUntil(() => consentState(el) === 'asking', `state: ${consentState(el)}`);
        await el.updateComplete;
        expect(shownIds(el)).to.deep.equal(['p_anna', 'p_self', 'p_rut', 'p_bo']);
        expect($$(el, '.consent-people li .new').map((n) => n.closest('li')!.dataset['id'])).to.deep.equal(['p_bo']);
        expect(part(el, 'consent-changed')).to.equal(null);
        await waitUntil(() => status(el).includes(ren.consentQuestion), `announced: ${status(el)}`);
      });

      it('goes away when the meeting leader recorded her consent meanwhile; focus, if it was in it, to the room heading', async () => {
        api.consentReads = [consentRequest('missing', LIST), consentRequest('given', LIST, { at, by: 'chair', how: 'verbal' })];
        const { el } = await withStream();
        part<HTMLButtonElement>(el, 'consent-later-button')!.focus();
        changed();
        await waitUntil(() => consentState(el) === 'settled', `state: ${consentState(el)}`);
        await el.updateComplete;
        expect(card(el)).to.equal(null);
        await waitUntil(() => focused(el) === 'room-title', `focus: ${focused(el)}`);
        expect(posts()).to.have.length(0);
      });

      it('keeps the thank-you when the change leaves her consent covering everyone (someone was removed)', async () => {
        api.consentReads = [consentRequest('missing', LIST), consentRequest('given', [LIST[0]!, LIST[1]!], { at, by: 'individual', how: 'self' })];
        const { el } = await withStream();
        agree(el)!.click();
        await waitUntil(() => consentState(el) === 'recorded');
        changed();
        await waitUntil(() => reads().length === 2, 'not read again');
        await aTimeout(20);
        await el.updateComplete;
        expect(consentState(el)).to.equal('recorded');
        expect(textOf(part(el, 'consent-recorded')!.querySelector('[role="status"]'))).to.equal(ren.consentRecorded);
      });

      it('after Not now, stays away for this visit and reads nothing', async () => {
        api.consentReads = [consentRequest('missing', LIST), consentRequest('missing', [...LIST, BO])];
        const { el } = await withStream();
        part<HTMLButtonElement>(el, 'consent-later-button')!.click();
        await waitUntil(() => !card(el));
        changed();
        await aTimeout(50);
        expect(reads()).to.have.length(1);
        expect(card(el)).to.equal(null);
        expect(consentState(el)).to.equal('closed');
      });

      it('while her answer is being sent, the answer tells: the change is not read over it', async () => {
        api.consentReads = [consentRequest('missing', LIST), consentRequest('missing', [...LIST, BO])];
        let release!: () => void;
        api.consentHold = new Promise<void>((resolve) => (release = resolve));
        const { el } = await withStream();
        agree(el)!.click();
        await waitUntil(() => posts().length === 1, 'nothing sent');
        changed();
        await aTimeout(50);
        expect(reads()).to.have.length(1);
        release();
        await waitUntil(() => consentState(el) === 'recorded');
      });
    });

    it('speaks Swedish and Danish', async () => {
      for (const lang of ['sv', 'da'] as const) {
        api.consentReads = [consentRequest('given', [...LIST, BO], { notCovered: ['p_bo'] })];
        const { el } = await individual({ lang });
        const t = meetingRoomStrings[lang];
        const text = textOf(card(el));
        expect(text).to.contain(t.consentTitle).and.contain(t.consentQuestion).and.contain(t.consentRefuse).and.contain(t.role.relative);
        expect(text).to.contain(t.consentNew).and.contain(t.consentAgree).and.contain(t.consentNotNow);
        expect((card(el)!.getRootNode() as ShadowRoot).host.closest('[lang]')!.getAttribute('lang')).to.equal(lang);
        el.remove();
      }
    });
  });

  it('when the meeting ends: says so, disconnects, offers no way back in, and sends the evaluation', async () => {
    const { el, room } = await inRoom({ questions: QUESTIONS });
    const ended = oneEvent(el, 'care-ended');
    api.push({ type: 'ended', at });
    await ended;
    await waitUntil(() => part(el, 'evaluation'));
    expect(room.state).to.equal('disconnected');
    expect(textOf($(el, '#ended-title'))).to.equal(en.endedTitle);
    expect(textOf(part(el, 'panel')))
      .to.contain(en.endedText)
      .and.not.contain(en.joinAgain);
    expect(part(el, 'controls')).to.equal(null);
    await expect(el).to.be.accessible();

    const form = part<HTMLFormElement>(el, 'evaluation')!;
    form.querySelector<HTMLInputElement>('input[name="q1"][value="4"]')!.click();
    form.querySelector<HTMLInputElement>('input[name="q2"][value="yes"]')!.click();
    form.querySelector<HTMLTextAreaElement>('textarea[name="q3"]')!.value = '  Bra möte  ';
    const submitted = oneEvent(el, 'care-evaluation-submitted') as Promise<MeetingEvaluationEvent>;
    form.querySelector<HTMLButtonElement>('button')!.click();
    const event = await submitted;
    expect(event.detail.answers).to.deep.equal({ q1: 4, q2: true, q3: 'Bra möte' });
    expect(api.callsTo('POST', '/meetings/m_1/evaluation')[0]!.body).to.deep.equal({ answers: { q1: 4, q2: true, q3: 'Bra möte' } });
    await waitUntil(() => textOf(part(el, 'evaluation')) === ren.evaluationSent);
    expect(activeInRoom(root(el))).to.equal(part(el, 'evaluation'));
  });

  it('says so when the evaluation was sent already', async () => {
    api.refuse.evaluation = { status: 409, code: 'CONFLICT' };
    const { el } = await inRoom({ questions: QUESTIONS });
    api.push({ type: 'ended', at });
    await waitUntil(() => part(el, 'evaluation'));
    part<HTMLFormElement>(el, 'evaluation')!.querySelector<HTMLButtonElement>('button')!.click();
    await waitUntil(() => textOf(part(el, 'evaluation')) === ren.evaluationAlreadySent);
  });

  it('tells a removed person they were removed, and disconnects them', async () => {
    const { el, room } = await inRoom();
    const removed = oneEvent(el, 'care-removed');
    api.push({ type: 'removed', participantId: 'p_self', at });
    await removed;
    await el.updateComplete;
    expect(textOf(part(el, 'panel')))
      .to.contain(en.removedTitle)
      .and.contain(en.removedText);
    expect(room.state).to.equal('disconnected');
    await expect(el).to.be.accessible();
  });

  it('asks the host before leaving; leaving disconnects; joining again works', async () => {
    api.joins = [admitted(), admitted({ token: 'room-token-2' })];
    const { el, media, room } = await inRoom();
    el.addEventListener('care-leave-request', (e) => e.preventDefault(), { once: true });
    part(el, 'control-leave')!.click();
    await aTimeout(20);
    expect(el.phase).to.equal('room');

    const left = oneEvent(el, 'care-left');
    part(el, 'control-leave')!.focus();
    part(el, 'control-leave')!.click();
    await left;
    await el.updateComplete;
    expect(room.state).to.equal('disconnected');
    expect(textOf($(el, '#left-title'))).to.equal(en.leftTitle);
    expect(root(el).activeElement).to.equal($(el, '#left-title'));
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, '#left-title ~ button')!.click();
    await waitUntil(() => media.rooms.filter((r) => r.purpose === 'room').length === 2 && media.last('room').state === 'connected');
    expect(media.last('room').connects[0]!.token).to.equal('room-token-2');
  });

  it('shows a refusal with its reason, fires care-error, and tries again on request', async () => {
    api.joins = [refusal(425, 'TOO_EARLY'), admitted()];
    const errored = new Promise<CustomEvent>((resolve) => document.addEventListener('care-error', (e) => resolve(e as CustomEvent), { once: true }));
    const { el } = await mount();
    expect((await errored).detail).to.deep.equal({ code: 'TOO_EARLY', message: 'too_early', retryable: true });
    await el.updateComplete;
    expect(textOf(part(el, 'panel')))
      .to.contain(en.errorTitle)
      .and.contain(en.tooEarly(undefined));
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, '[part~="panel"] button')!.click();
    await waitUntil(() => el.phase === 'room');
  });

  it('explains a camera that could not be started', async () => {
    const { el } = await inRoom({
      setup: (room) => {
        room.localParticipant.options.cameraError = 'NotAllowedError';
      },
    });
    await waitUntil(() => part(el, 'guidance'));
    expect(textOf(part(el, 'guidance'))).to.contain('camera');
    await expect(el).to.be.accessible();
  });
});
