import { expect, fixture, html, waitUntil } from '@open-wc/testing';

import '../../define/care-meeting.js';
import type { MediaRoomPurpose } from '../../core/media-room.js';
import { chairActionStrings, meetingRoomStrings } from '../../test-support/all-strings.js';
import { fakeMediaRoomFactory } from '../../test-support/fake-live-room.js';
import { queryRoom } from '../../test-support/room-parts.js';
import { admitted, FakeMeetingApi, lobby, MEETING, roster, rosterEntry } from '../../test-support/fake-meeting-api.js';
import type { CareMeeting, HostSession } from './meeting.js';

const HOST_SESSION: HostSession = { session: 's_self', participantId: 'p_self', expiresAt: '2026-12-01T13:00:00.000Z', meetingId: 'm_1' };
const RUT = { identity: 'p_self', name: 'Rut Exempel', role: 'relative' };
const ANNA = { identity: 'p_self', name: 'Anna Samordnare', role: 'chair' };
const KURT = { identity: 'p_self', name: 'Kurt Kurator', role: 'guest' };
const ren = meetingRoomStrings.en;

const textOf = (node: Node | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const part = <T extends Element = HTMLElement>(el: CareMeeting, name: string) => queryRoom<T>(el.shadowRoot!, `[part~="${name}"]`);

/**
 * `no-media-server`: the host (a sandbox such as the demo) runs no media server. The media rooms
 * here would fail to connect, as they do where nothing listens: the element must not try them, nor
 * say the network blocks video calls.
 */
describe('<care-meeting no-media-server>', function () {
  this.timeout(20000);
  let api: FakeMeetingApi;

  beforeEach(() => {
    api = new FakeMeetingApi().install();
  });

  afterEach(() => {
    api.restore();
  });

  async function mount(self: { identity: string; name: string; role: string }, options: { lang?: string; skipDeviceCheck?: boolean } = {}) {
    const made: MediaRoomPurpose[] = [];
    const media = fakeMediaRoomFactory(self, (room, purpose) => {
      made.push(purpose);
      room.failConnects = 99;
    });
    const el = await fixture<CareMeeting>(html`
      <care-meeting
        lang=${options.lang ?? 'en'}
        no-media-server
        ?skip-device-check=${options.skipDeviceCheck ?? true}
        .session=${HOST_SESSION}
        .mediaRoomFactory=${media.factory}
      ></care-meeting>
    `);
    return { el, made };
  }

  it('says in the room that there is no sound or video, not that the network blocks video calls, and connects nothing', async () => {
    api.joins = [admitted()];
    const { el, made } = await mount(RUT);
    expect(el.noMediaServer).to.equal(true);
    await waitUntil(() => el.phase === 'room' && part(el, 'connection'), 'not in the room', { timeout: 8000 });
    await el.updateComplete;
    const connection = part(el, 'connection')!;
    expect(textOf(connection)).to.equal(ren.noMediaServer);
    expect(textOf(el.shadowRoot)).not.to.contain(ren.unreachable);
    expect(connection.getAttribute('role')).to.equal('status');
    expect(connection.dataset['connection']).to.equal('none');
    // Nothing to connect again to.
    expect(connection.querySelector('button')).to.equal(null);
    expect(made).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('says chat needs a media server instead of offering a Send that can only fail', async () => {
    api.joins = [admitted({ meeting: { ...MEETING, allowChat: true } })];
    const { el } = await mount(RUT);
    await waitUntil(() => part(el, 'control-chat'), 'no chat control', { timeout: 8000 });
    part(el, 'control-chat')!.click();
    await el.updateComplete;
    const chat = part(el, 'chat')!;
    expect(chat).to.not.equal(null);
    expect(textOf(part(el, 'chat-warning'))).to.equal(ren.chatNoMediaServer);
    expect(chat.querySelector('textarea, form, [part~="send-button"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('in the lobby: says there is no sound or video, and neither promises the leader sees the camera nor shows a preview', async () => {
    api.joins = [lobby()];
    const { el, made } = await mount(KURT);
    await waitUntil(() => el.phase === 'lobby' && part(el, 'lobby'), 'not in the lobby', { timeout: 8000 });
    await el.updateComplete;
    const text = textOf(part(el, 'lobby'));
    expect(text).to.contain(ren.lobbyTitle).and.contain(ren.lobbyTextNoMedia).and.contain(ren.noRecording).and.contain(ren.noMediaServer);
    // Nobody sees or hears a waiting guest without a media server: nothing says the leader does.
    if (ren.lobbyText !== ren.lobbyTextNoMedia) expect(text).not.to.contain(ren.lobbyText);
    expect(text).not.to.contain(ren.lobbyCamera).and.not.contain(ren.unreachable).and.not.contain(ren.yourCamera);
    expect(part(el, 'preview')).to.equal(null);
    expect(made).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('the meeting leader sees who waits, with no promise of a camera picture', async () => {
    api.joins = [admitted({ role: 'chair', name: 'Anna Samordnare', lobbyToken: 'lobby-observer-1' })];
    api.currentRoster = roster(MEETING, [
      rosterEntry('p_self', 'Anna Samordnare', 'chair', { status: 'connected' }),
      rosterEntry('p_guest', 'Lisa Lärare', 'guest', { status: 'lobby' }),
    ]);
    const { el, made } = await mount(ANNA);
    await waitUntil(() => part(el, 'lobby-guest'), 'no lobby guest', { timeout: 8000 });
    const guest = part(el, 'lobby-guest')!;
    expect(textOf(guest)).to.contain('Lisa Lärare').and.not.contain(chairActionStrings.en.noPicture);
    expect(guest.querySelector('[part~="admit-button"]')).to.not.equal(null);
    expect(made).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('the meeting leader’s tools stay closed once she closes them', async () => {
    api.joins = [admitted({ role: 'chair', name: 'Anna Samordnare', lobbyToken: 'lobby-observer-1' })];
    api.currentRoster = roster(MEETING, [rosterEntry('p_self', 'Anna Samordnare', 'chair', { status: 'connected' })]);
    const { el } = await mount(ANNA);
    await waitUntil(() => part(el, 'control-tools')?.getAttribute('aria-expanded') === 'true', 'tools not open', { timeout: 8000 });
    part(el, 'control-tools')!.click();
    await el.updateComplete;
    // Something that draws the room again: a guest starts waiting.
    api.pushRoster(
      roster(MEETING, [
        rosterEntry('p_self', 'Anna Samordnare', 'chair', { status: 'connected' }),
        rosterEntry('p_guest', 'Lisa Lärare', 'guest', { status: 'lobby' }),
      ]),
    );
    await waitUntil(() => textOf(part(el, 'control-tools')!.querySelector('.badge')) === '1', 'the guest did not come');
    await el.updateComplete;
    expect(part(el, 'control-tools')!.getAttribute('aria-expanded')).to.equal('false');
    expect(queryRoom(el.shadowRoot!, '#tools-panel')!.hasAttribute('hidden')).to.equal(true);
  });

  it('checks no connection in the device check (it would blame the network for a media server that is not there)', async () => {
    api.joins = [admitted()];
    const { el } = await mount(RUT, { skipDeviceCheck: false });
    await waitUntil(() => el.phase === 'device-check' && queryRoom(el.shadowRoot!, 'care-device-check'), 'no device check', { timeout: 8000 });
    expect(queryRoom(el.shadowRoot!, 'care-device-check')!.hasAttribute('api-base')).to.equal(false);
  });

  it('says it in Swedish and Danish', async () => {
    for (const lang of ['sv', 'da'] as const) {
      const t = meetingRoomStrings[lang];
      api.joins = [admitted({ meeting: { ...MEETING, allowChat: true } })];
      const { el } = await mount(RUT, { lang });
      await waitUntil(() => el.phase === 'room' && part(el, 'control-chat'), `${lang}: not in the room`, { timeout: 8000 });
      part(el, 'control-chat')!.click();
      await el.updateComplete;
      expect(textOf(part(el, 'connection'))).to.equal(t.noMediaServer);
      expect(textOf(part(el, 'chat-warning'))).to.equal(t.chatNoMediaServer);
      el.remove();
    }
  });
});
