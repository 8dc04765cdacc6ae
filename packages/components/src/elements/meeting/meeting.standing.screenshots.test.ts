// The screens issue #15 (items 10, 11, 13, 14) changed, in all five languages at 1280 and 390 px
// (test-results/screenshots/meeting-<state>-<lang>-<width>.png, looked at), each checked for words
// that do not fit: a guest turned away from the lobby, the meeting leader's own end screen, and her
// tools with a lobby guest alone in the room (how the guest proved who they are; the off controls).
import { expect, waitUntil } from '@open-wc/testing';

import '../../define/care-meeting.js';
import { DEVICE_PREFERENCES_KEY } from '../../core/device-preferences.js';
import { LANGS } from '../../i18n/localize.js';
import { chairActionStrings, meetingStrings } from '../../test-support/all-strings.js';
import { admitted, FakeMeetingApi, lobby, MEETING, roster, rosterEntry } from '../../test-support/fake-meeting-api.js';
import { allowSound, framesPainted, mountMeeting } from '../../test-support/meeting-screens.js';
import { queryRoomAll, textInRoom } from '../../test-support/room-parts.js';
import { textMisfits } from '../../test-support/text-fit.js';
import { saveScreenshot } from '../../test-support/wtr-commands.js';

const until = (condition: () => unknown, message?: string) => waitUntil(condition, message, { timeout: 5000 });
const at = '2026-12-01T10:00:00.000Z';

describe('<care-meeting> turned away, ended by the leader, the leader alone with the lobby: pictures', function () {
  this.timeout(20000);
  let api: FakeMeetingApi;

  beforeEach(() => {
    api = new FakeMeetingApi().install();
    localStorage.removeItem(DEVICE_PREFERENCES_KEY);
  });

  afterEach(() => api.restore());

  async function shoot(el: HTMLElement, name: string): Promise<void> {
    await saveScreenshot(name, `care-meeting[lang="${el.lang}"]`);
    expect(textMisfits(el), name).to.deep.equal([]);
  }

  for (const lang of LANGS) {
    const t = meetingStrings[lang];
    const c = chairActionStrings[lang];
    for (const width of [1280, 390]) {
      const shot = (state: string) => `meeting-${state}-${lang}-${width}`;

      it(`a guest turned away from the lobby, in ${lang} at ${width} px`, async () => {
        api.joins = [lobby()];
        const { el } = await mountMeeting(lang, { identity: 'p_self', name: 'Kurt Kurator', role: 'guest' }, { width, height: 600 });
        await until(() => el.phase === 'lobby' && el.meetingSession.value.live);
        api.push({ type: 'removed', participantId: 'p_self', at });
        await until(() => el.phase === 'turned-away');
        await el.updateComplete;
        expect(el.shadowRoot!.textContent).to.contain(t.turnedAwayTitle);
        await shoot(el, shot('turned-away'));
      });

      it(`left, and removed by the meeting leader, in ${lang} at ${width} px`, async () => {
        const { el } = await mountMeeting(lang, { identity: 'p_self', name: 'Rut Exempel', role: 'relative' }, { width, height: 500 });
        await until(() => el.phase === 'room' && el.meetingSession.value.live);
        el.leave();
        await until(() => el.phase === 'left');
        await el.updateComplete;
        expect(el.shadowRoot!.textContent).to.contain(t.leftTitle).and.contain(t.joinAgain);
        await shoot(el, shot('left'));
        el.parentElement!.remove();

        const again = await mountMeeting(lang, { identity: 'p_self', name: 'Rut Exempel', role: 'relative' }, { width, height: 500 });
        await until(() => again.el.phase === 'room' && again.el.meetingSession.value.live);
        api.push({ type: 'removed', participantId: 'p_self', at });
        await until(() => again.el.phase === 'removed');
        await again.el.updateComplete;
        expect(again.el.shadowRoot!.textContent).to.contain(t.removedTitle);
        await shoot(again.el, shot('removed'));
      });

      it(`the meeting leader's own end screen, in ${lang} at ${width} px`, async () => {
        api.joins = [admitted({ role: 'chair', name: 'Anna Samordnare', lobbyToken: 'lobby-observer-1' })];
        api.currentRoster = roster(MEETING, [rosterEntry('p_self', 'Anna Samordnare', 'chair')]);
        const { el } = await mountMeeting(lang, { identity: 'p_self', name: 'Anna Samordnare', role: 'chair' }, { width, height: 500 });
        await until(() => el.phase === 'room' && el.meetingSession.value.live);
        await el.meetingSession.end();
        await until(() => el.phase === 'ended');
        await el.updateComplete;
        expect(el.shadowRoot!.textContent).to.contain(t.endedBySelfText);
        await shoot(el, shot('ended-by-self'));
      });

      it(`the meeting leader alone in the room with two guests waiting, in ${lang} at ${width} px`, async () => {
        api.joins = [admitted({ role: 'chair', name: 'Anna Samordnare', lobbyToken: 'lobby-observer-1' })];
        api.currentRoster = roster(MEETING, [
          rosterEntry('p_self', 'Anna Samordnare', 'chair'),
          rosterEntry('p_sms', 'Kurt Kurator', 'guest', { status: 'lobby', verify: 'sms-code', connectedAt: null }),
          rosterEntry('p_mail', 'Lisa Lärare', 'guest', { status: 'lobby', verify: 'name', typedName: 'Lisa L', connectedAt: null }),
        ]);
        const { el, media } = await mountMeeting(lang, { identity: 'p_self', name: 'Anna Samordnare', role: 'chair' }, { width, height: 1500 });
        await until(() => el.phase === 'room' && media.rooms.length === 2 && media.last('lobby-observer').state === 'connected');
        const room = media.last('room');
        await until(() => room.state === 'connected');
        // Her microphone off: an ordinary state, drawn without red. Turned off once the room has
        // switched it on (it does on connecting), or the room's own switch-on could come after.
        await until(
          () => room.localParticipant.calls.includes('microphone:true') && room.localParticipant.calls.includes('camera:true'),
          'microphone and camera on',
        );
        await room.localParticipant.setMicrophoneEnabled(false);
        await until(
          () => el.shadowRoot!.querySelector('[part~="control-microphone"]')?.getAttribute('aria-pressed') === 'false',
          'the microphone button says off',
        );
        media.last('lobby-observer').join('p_sms', 'Kurt Kurator', 'guest', { microphone: false, color: '#6b2d5c' });
        await until(() => queryRoomAll(el.shadowRoot!, '[part~="lobby-guest"]').length === 2, 'no lobby cards');
        await allowSound(el).catch(() => undefined);
        await framesPainted(el);
        expect(textInRoom(el.shadowRoot!)).to.contain(c.provedBy['sms-code']).and.contain(c.noPicture);
        await shoot(el, shot('chair-lobby'));
      });
    }
  }
});
