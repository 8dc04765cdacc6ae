import { expect, fixture, html, waitUntil } from '@open-wc/testing';

import '../../define/care-meeting.js';
import { DEVICE_PREFERENCES_KEY } from '../../core/device-preferences.js';
import { e2eeSupported } from '../../core/e2ee-support.js';
import { LiveKitMediaRoom, type E2EEKey, type MediaRoomFactory, type MediaRoomPurpose } from '../../core/media-room.js';
import type { Lang } from '../../i18n/localize.js';
import { meetingRoomStrings, meetingStrings } from '../../test-support/all-strings.js';
import { FakeLiveRoom } from '../../test-support/fake-live-room.js';
import { admitted, admittedEncrypted, e2eeKey, FakeMeetingApi, MEETING } from '../../test-support/fake-meeting-api.js';
import { allowSound, framesPainted, HOST_SESSION } from '../../test-support/meeting-screens.js';
import { saveScreenshot, setViewport } from '../../test-support/wtr-commands.js';
import type { CareMeeting } from './meeting.js';

const LANGS: readonly Lang[] = ['sv', 'da', 'en', 'nb', 'fi'];
const RUT = { identity: 'p_self', name: 'Rut Exempel', role: 'relative' };
const textOf = (node: Node | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** Media rooms that can encrypt: the real LiveKit adapter over a fake room, with the keys it was given recorded. */
function encryptingFactory() {
  const rooms: Array<{ purpose: MediaRoomPurpose; room: FakeLiveRoom; encrypted: boolean }> = [];
  const keys: E2EEKey[] = [];
  const factory: MediaRoomFactory = (purpose) => {
    const room = new FakeLiveRoom(RUT);
    const entry = { purpose, room, encrypted: false };
    rooms.push(entry);
    return new LiveKitMediaRoom(
      purpose,
      () => room,
      (key) => {
        entry.encrypted = true;
        keys.push(key);
        return { room, setKey: async (next) => void keys.push(next), close: () => undefined };
      },
    );
  };
  const last = (purpose: MediaRoomPurpose) => rooms.filter((r) => r.purpose === purpose).at(-1)!;
  return { factory, rooms, keys, last };
}

async function mount(lang: Lang, width = 1280, height = 900) {
  // A desktop page's column, or a phone's whole screen less the page's margins.
  const inline = width >= 1000 ? width - 80 : width - 32;
  await setViewport({ width, height });
  const media = encryptingFactory();
  const wrapper = await fixture<HTMLElement>(html`
    <div style="inline-size: ${inline}px; padding: 8px; background: #fff">
      <care-meeting lang=${lang} skip-device-check .session=${HOST_SESSION} .mediaRoomFactory=${media.factory}></care-meeting>
    </div>
  `);
  const el = wrapper.querySelector<CareMeeting>('care-meeting')!;
  await el.updateComplete;
  return { el, media };
}

/** This Chromium as a browser without insertable streams or `RTCRtpScriptTransform`; answers the undo. */
function withoutE2EE(): () => void {
  const proto = RTCRtpSender.prototype as unknown as Record<string, unknown>;
  const streams = Object.getOwnPropertyDescriptor(proto, 'createEncodedStreams');
  const transform = Object.getOwnPropertyDescriptor(window, 'RTCRtpScriptTransform');
  delete proto.createEncodedStreams;
  delete (window as unknown as Record<string, unknown>).RTCRtpScriptTransform;
  return () => {
    if (streams) Object.defineProperty(proto, 'createEncodedStreams', streams);
    if (transform) Object.defineProperty(window, 'RTCRtpScriptTransform', transform);
  };
}

const encryptedMark = (el: CareMeeting) => el.shadowRoot!.querySelector<HTMLElement>('[part~="encrypted"]');

describe('<care-meeting>: end-to-end encryption', function () {
  this.timeout(30000);
  let api: FakeMeetingApi;

  beforeEach(() => {
    api = new FakeMeetingApi().install();
    localStorage.removeItem(DEVICE_PREFERENCES_KEY);
  });

  afterEach(() => api.restore());

  it('connects an encrypted meeting with its key, shows the calm mark, and says it once to screen readers', async () => {
    api.joins = [admittedEncrypted(0)];
    const { el, media } = await mount('en');
    const said: string[] = [];
    const region = el.shadowRoot!.querySelector('.base > [role="status"]')!;
    new MutationObserver(() => said.push(textOf(region))).observe(region, { childList: true, subtree: true, characterData: true });
    await waitUntil(() => el.phase === 'room' && media.rooms.length > 0 && media.last('room').room.state === 'connected', 'not connected', { timeout: 5000 });
    expect(media.last('room').encrypted).to.equal(true);
    expect(media.keys).to.deep.equal([e2eeKey(0)]);
    await el.updateComplete;
    const mark = encryptedMark(el)!;
    expect(textOf(mark)).to.equal(meetingRoomStrings.en.encrypted);
    expect(mark.dataset.keyIndex).to.equal('0');
    const t = meetingRoomStrings.en;
    await waitUntil(() => said.some((s) => s.includes(t.encryptedAnnounce)), 'not announced', { timeout: 5000 });
    media.last('room').room.join('p_anna', 'Anna Samordnare', 'chair');
    await waitUntil(() => said.some((s) => s.includes(t.joined('Anna Samordnare'))), 'the arrival was not said');
    expect(said.filter((s) => s.includes(t.encryptedAnnounce))).to.have.length(1);
  });

  it('shows no mark, and makes a plain room, for a meeting without encryption', async () => {
    api.joins = [admitted()];
    const { el, media } = await mount('en');
    await waitUntil(() => el.phase === 'room' && media.rooms.length > 0 && media.last('room').room.state === 'connected', 'not connected', { timeout: 5000 });
    await el.updateComplete;
    expect(media.last('room').encrypted).to.equal(false);
    expect(encryptedMark(el)).to.equal(null);
  });

  it('on key-rotated, fetches the new key and hands it to the room', async () => {
    api.joins = [admittedEncrypted(0)];
    const { el, media } = await mount('en');
    await waitUntil(
      () => el.phase === 'room' && el.meetingSession.value.live && media.rooms.length > 0 && media.last('room').room.state === 'connected',
      'not connected',
      { timeout: 5000 },
    );
    api.rotateKey(1);
    await waitUntil(() => encryptedMark(el)?.dataset.keyIndex === '1', 'the room did not take the new key', { timeout: 5000 });
    expect(media.keys).to.deep.equal([e2eeKey(0), e2eeKey(1)]);
    expect(api.callsTo('POST', '/join')).to.have.length(2);
    expect(media.rooms.filter((r) => r.purpose === 'room')).to.have.length(1, 'the same connection, a new key');
  });

  it('refuses an encrypted meeting before joining in a browser that cannot encrypt: clear words, no media room', async () => {
    const undo = withoutE2EE();
    try {
      expect(e2eeSupported()).to.equal(false);
      api.joins = [admittedEncrypted(0)];
      const { el, media } = await mount('en');
      await waitUntil(() => el.phase === 'error', 'not refused', { timeout: 5000 });
      await el.updateComplete;
      expect(textOf(el.shadowRoot)).to.contain(meetingStrings.en.error.E2EE_UNSUPPORTED);
      expect(media.rooms).to.have.length(0);
      expect(el.getAttribute('e2ee-unsupported') ?? el.e2eeUnsupported).to.equal('refuse');
    } finally {
      undo();
    }
  });

  for (const lang of LANGS) {
    for (const width of [1280, 390]) {
      it(`screenshots: the mark in the room and the refusal, in ${lang} at ${width} px`, async () => {
        api.joins = [admittedEncrypted(0, { meeting: { ...MEETING, e2ee: true, allowChat: true } })];
        const { el, media } = await mount(lang, width, width > 1000 ? 800 : 900);
        await waitUntil(() => el.phase === 'room' && media.rooms.length > 0 && media.last('room').room.state === 'connected', 'not connected', {
          timeout: 5000,
        });
        media.last('room').room.join('p_anna', 'Anna Samordnare', 'chair', { color: '#1d4e89' });
        await waitUntil(() => el.shadowRoot!.querySelectorAll('video').length === 2, 'no video', { timeout: 5000 });
        await allowSound(el);
        await framesPainted(el);
        expect(textOf(encryptedMark(el))).to.equal(meetingRoomStrings[lang].encrypted);
        await saveScreenshot(`meeting-e2ee-room-${lang}-${width}`, `care-meeting[lang="${lang}"]`);

        el.parentElement!.remove();
        const undo = withoutE2EE();
        try {
          const refused = await mount(lang, width, 600);
          await waitUntil(() => refused.el.phase === 'error', 'not refused', { timeout: 5000 });
          await refused.el.updateComplete;
          expect(textOf(refused.el.shadowRoot)).to.contain(meetingStrings[lang].error.E2EE_UNSUPPORTED);
          await saveScreenshot(`meeting-e2ee-refused-${lang}-${width}`, `care-meeting[lang="${lang}"]`);
        } finally {
          undo();
        }
      });
    }
  }
});
