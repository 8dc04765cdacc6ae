import { expect, waitUntil } from '@open-wc/testing';

import '../../define/care-meeting.js';
import type { EvaluationQuestion } from '@care-meet/protocol/wire';
import { DEVICE_PREFERENCES_KEY } from '../../core/device-preferences.js';
import type { Lang } from '../../i18n/localize.js';
import { meetingStrings } from '../../test-support/all-strings.js';
import { chairActionStrings, meetingRoomStrings } from '../../test-support/all-strings.js';
import { activeInRoom, queryRoom, queryRoomAll, textInRoom } from '../../test-support/room-parts.js';
import { admitted, consentRequest, FakeMeetingApi, lobby, MEETING, roster, rosterEntry } from '../../test-support/fake-meeting-api.js';
import { allowSound, framesPainted, mountMeeting } from '../../test-support/meeting-screens.js';
import { pressKey, saveScreenshot } from '../../test-support/wtr-commands.js';

const DIAL_IN = { number: '+46 10 123 45 67', meetingNumber: '123 456 789', pin: '4321' };
const at = '2026-12-01T10:00:00.000Z';

const QUESTIONS: EvaluationQuestion[] = [
  { id: 'q1', kind: 'scale', text: { sv: 'Hur väl fungerade tekniken?', da: 'Hvor godt fungerede teknikken?', en: 'How well did the technology work?' } },
  { id: 'q2', kind: 'yes-no', text: { sv: 'Kunde du säga det du ville?', da: 'Kunne du sige det, du ville?', en: 'Could you say what you wanted to?' } },
  { id: 'q3', kind: 'text', text: { sv: 'Något mer du vill berätta?', da: 'Andet, du vil fortælle?', en: 'Anything else you want to tell us?' } },
];

const mount = (lang: Lang, self: { identity: string; name: string; role: string }, questions: EvaluationQuestion[] = [], height = 1000) =>
  mountMeeting(lang, self, { questions, height });

describe('<care-meeting> screenshots', function () {
  this.timeout(20000);
  let api: FakeMeetingApi;

  beforeEach(() => {
    api = new FakeMeetingApi().install();
    localStorage.removeItem(DEVICE_PREFERENCES_KEY);
  });

  afterEach(() => api.restore());

  for (const lang of ['sv', 'da', 'en'] as const) {
    const t = meetingRoomStrings[lang];
    const c = chairActionStrings[lang];

    it(`the room with its tiles, in ${lang}`, async () => {
      api.joins = [admitted({ meeting: { ...MEETING, allowChat: true, dialIn: DIAL_IN } })];
      const { el, media } = await mount(lang, { identity: 'p_self', name: 'Rut Exempel', role: 'relative' });
      await waitUntil(() => el.phase === 'room' && media.rooms.length > 0 && media.last('room').state === 'connected');
      const room = media.last('room');
      room.join('p_anna', 'Anna Samordnare', 'chair', { color: '#1d4e89' });
      room.join('p_esther', 'Esther Exempel', 'individual', { microphone: false, color: '#7a4b2a' });
      room.join('p_bo', 'Bo Bror', 'relative', { camera: false });
      room.join('p_cia', 'Cia Kurator', 'staff', { color: '#2d6a4f' });
      room.speaking('p_anna');
      queryRoom<HTMLElement>(el.shadowRoot!, '[part~="control-chat"]')!.click();
      room.chat('p_anna', lang === 'da' ? 'Velkommen allesammen.' : lang === 'sv' ? 'Välkomna allihop.' : 'Welcome, everyone.');
      await waitUntil(() => el.shadowRoot!.querySelectorAll('video').length === 4);
      await allowSound(el);
      await framesPainted(el);
      expect(textInRoom(el.shadowRoot!)).to.contain(t.noRecording);
      await saveScreenshot(`meeting-room-${lang}`, `care-meeting[lang="${lang}"]`);
    });

    it(`the individual’s consent card, in ${lang}`, async () => {
      api.joins = [admitted({ role: 'individual', name: 'Esther Exempel' })];
      api.consentReads = [
        consentRequest(
          'given',
          [
            { id: 'p_anna', name: 'Anna Samordnare', role: 'chair' },
            { id: 'p_self', name: 'Esther Exempel', role: 'individual' },
            { id: 'p_rut', name: 'Rut Exempel', role: 'relative' },
            { id: 'p_cia', name: 'Cia Kurator', role: 'staff' },
            { id: 'p_lisa', name: 'Lisa Lärare', role: 'guest' },
          ],
          { at, by: 'chair', how: 'verbal', notCovered: ['p_lisa'] },
        ),
      ];
      const { el, media } = await mount(lang, { identity: 'p_self', name: 'Esther Exempel', role: 'individual' }, [], 1100);
      await waitUntil(() => el.phase === 'room' && media.rooms.length > 0 && media.last('room').state === 'connected');
      const room = media.last('room');
      room.join('p_anna', 'Anna Samordnare', 'chair', { color: '#1d4e89' });
      room.join('p_rut', 'Rut Exempel', 'relative', { camera: false });
      await waitUntil(() => queryRoom(el.shadowRoot!, '[part~="consent"]') && el.shadowRoot!.querySelectorAll('video').length === 2);
      await allowSound(el);
      await framesPainted(el);
      expect(queryRoom(el.shadowRoot!, '[part~="consent"]')!.textContent).to.contain(t.consentQuestion).and.contain(t.consentNew);
      await saveScreenshot(`meeting-consent-${lang}`, `care-meeting[lang="${lang}"]`);
    });

    it(`the lobby, in ${lang}`, async () => {
      api.joins = [lobby()];
      const { el, media } = await mount(lang, { identity: 'p_self', name: 'Kurt Kurator', role: 'guest' });
      await waitUntil(() => el.phase === 'lobby' && media.rooms.length > 0 && queryRoom(el.shadowRoot!, '.preview video'));
      await framesPainted(el);
      expect(textInRoom(el.shadowRoot!)).to.contain(t.lobbyText);
      await saveScreenshot(`meeting-lobby-${lang}`, `care-meeting[lang="${lang}"]`);
    });

    it(`the meeting leader turning a lobby guest away, in ${lang}`, async () => {
      api.joins = [admitted({ role: 'chair', name: 'Anna Samordnare', lobbyToken: 'lobby-observer-1' })];
      api.currentRoster = roster(MEETING, [
        rosterEntry('p_self', 'Anna Samordnare', 'chair'),
        rosterEntry('p_guest', 'Lisa Lärare', 'guest', { status: 'lobby', typedName: 'Lisa L', connectedAt: null }),
      ]);
      const { el } = await mount(lang, { identity: 'p_self', name: 'Anna Samordnare', role: 'chair' });
      await waitUntil(() => queryRoom(el.shadowRoot!, '#turn-away-p_guest'), 'no guest in the lobby box');
      queryRoom<HTMLButtonElement>(el.shadowRoot!, '#turn-away-p_guest')!.click();
      await waitUntil(() => queryRoom<HTMLDialogElement>(el.shadowRoot!, 'dialog')?.open);
      expect(queryRoom(el.shadowRoot!, 'dialog')!.textContent).to.contain(c.turnAwayTitle('Lisa Lärare'));
      await saveScreenshot(`meeting-turn-away-${lang}`, `care-meeting[lang="${lang}"] dialog[open]`);
    });

    it(`the end with the evaluation, in ${lang}`, async () => {
      const { el } = await mount(lang, { identity: 'p_self', name: 'Rut Exempel', role: 'relative' }, QUESTIONS);
      await waitUntil(() => el.phase === 'room' && api.openStreams === 1);
      api.push({ type: 'ended', at });
      await waitUntil(() => queryRoom(el.shadowRoot!, '[part~="evaluation"]'));
      queryRoom<HTMLInputElement>(el.shadowRoot!, 'input[name="q1"][value="4"]')!.click();
      expect(textInRoom(el.shadowRoot!)).to.contain(meetingStrings[lang].endedTitle);
      await saveScreenshot(`meeting-ended-${lang}`, `care-meeting[lang="${lang}"]`);
    });
  }

  it('the consent card when the list changed, and the thank-you after it', async () => {
    const list = [
      { id: 'p_anna', name: 'Anna Samordnare', role: 'chair' as const },
      { id: 'p_self', name: 'Esther Exempel', role: 'individual' as const },
      { id: 'p_rut', name: 'Rut Exempel', role: 'relative' as const },
    ];
    api.joins = [admitted({ role: 'individual', name: 'Esther Exempel' })];
    api.consentReads = [consentRequest('missing', list), consentRequest('missing', [...list, { id: 'p_bo', name: 'Bo Bror', role: 'relative' }])];
    api.consentPosts = [{ status: 409, body: { error: { code: 'PARTICIPANTS_CHANGED', message: 'changed' } } }];
    const { el } = await mount('en', { identity: 'p_self', name: 'Esther Exempel', role: 'individual' }, [], 700);
    const $ = (selector: string) => queryRoom<HTMLElement>(el.shadowRoot!, selector);
    await waitUntil(() => $('[part~="consent-agree-button"]'));
    $('[part~="consent-agree-button"]')!.click();
    await waitUntil(() => activeInRoom(el.shadowRoot!) === $('[part~="consent-changed"]'));
    await saveScreenshot('meeting-consent-changed-en', '[part~="consent"]');
    api.consentPosts = [];
    $('[part~="consent-agree-button"]')!.click();
    await waitUntil(() => $('[part~="consent-recorded"]'));
    await saveScreenshot('meeting-consent-recorded-en', 'care-meeting[lang="en"]');
  });

  it('the meeting leader’s room, with the lobby and the guide', async () => {
    api.joins = [admitted({ role: 'chair', name: 'Anna Samordnare', lobbyToken: 'lobby-observer-1', meeting: { ...MEETING, dialIn: DIAL_IN } })];
    api.currentRoster = roster({ ...MEETING, dialIn: DIAL_IN }, [
      rosterEntry('p_self', 'Anna Samordnare', 'chair'),
      rosterEntry('p_esther', 'Esther Exempel', 'individual'),
      rosterEntry('p_bo', 'Bo Bror', 'relative'),
      rosterEntry('p_guest', 'Lisa Lärare', 'guest', { status: 'lobby', typedName: 'Lisa L', connectedAt: null }),
    ]);
    const { el, media } = await mount('sv', { identity: 'p_self', name: 'Anna Samordnare', role: 'chair' }, [], 1700);
    await waitUntil(() => el.phase === 'room' && media.rooms.length === 2 && media.last('lobby-observer').state === 'connected');
    const room = media.last('room');
    await waitUntil(() => room.state === 'connected');
    room.join('p_esther', 'Esther Exempel', 'individual', { color: '#7a4b2a' });
    room.join('p_bo', 'Bo Bror', 'relative', { camera: false });
    media.last('lobby-observer').join('p_guest', 'Lisa Lärare', 'guest', { microphone: false, color: '#6b2d5c' });
    await waitUntil(() => queryRoomAll(el.shadowRoot!, 'video').length === 3);
    await allowSound(el);
    queryRoom<HTMLInputElement>(el.shadowRoot!, '[part~="guide"] input')!.click();
    // The tools load on their own time (a dynamic import, then the roster's words and its list):
    // the picture waits for the list, so that it is the same from run to run.
    await waitUntil(
      () => queryRoom(el.shadowRoot!, 'care-roster')?.shadowRoot?.querySelectorAll('[part~="person-connected"]').length === 3,
      'the participant list in the tools',
    );
    await framesPainted(el);
    await saveScreenshot('meeting-chair-sv', 'care-meeting[lang="sv"]');
  });

  // The states issue 18's access fixes changed, at 1280 and 390 px, saved as
  // meeting-access-<state>-<lang>-<width>.png and looked at: the unread count on Chat, the count of
  // waiting guests on the closed leader tools, "No camera picture yet" whole beside a guest without
  // a picture, and a heading's focus ring after the keyboard.
  for (const lang of ['sv', 'da', 'en'] as const) {
    const t = meetingRoomStrings[lang];
    for (const width of [1280, 390]) {
      it(`counts on Chat and on the closed leader tools, and the lobby box without a picture, in ${lang} at ${width} px`, async () => {
        api.joins = [admitted({ role: 'chair', name: 'Anna Samordnare', lobbyToken: 'lobby-observer-1', meeting: { ...MEETING, allowChat: true } })];
        api.currentRoster = roster({ ...MEETING, allowChat: true }, [
          rosterEntry('p_self', 'Anna Samordnare', 'chair'),
          rosterEntry('p_bo', 'Bo Bror', 'relative'),
          rosterEntry('p_guest', 'Lisa Lärare', 'guest', { status: 'lobby', connectedAt: null }),
        ]);
        const { el, media } = await mountMeeting(lang, { identity: 'p_self', name: 'Anna Samordnare', role: 'chair' }, { width, height: 1300 });
        const $ = (selector: string) => queryRoom<HTMLElement>(el.shadowRoot!, selector);
        await waitUntil(() => el.phase === 'room' && media.rooms.length === 2 && media.last('room').state === 'connected', 'not in the room', {
          timeout: 8000,
        });
        await waitUntil(() => $('[part~="lobby-guest"] .picture .hint'), 'no guest without a picture', { timeout: 8000 });
        await framesPainted(el);
        await saveScreenshot(`meeting-access-lobby-box-${lang}-${width}`, `care-meeting[lang="${lang}"] [part~="lobby-guest"]`);

        const room = media.last('room');
        room.join('p_bo', 'Bo Bror', 'relative', { color: '#2d6a4f' });
        $('[part~="control-tools"]')!.click();
        await waitUntil(() => $('.tile[data-identity="p_bo"]'), 'Bo not in the room', { timeout: 8000 });
        room.chat('p_bo', lang === 'da' ? 'Hej allesammen.' : lang === 'sv' ? 'Hej allihop.' : 'Hello, everyone.');
        room.chat('p_bo', '?');
        await waitUntil(
          () => $('[part~="control-chat"] .badge')?.textContent?.trim() === '2' && $('[part~="control-tools"] .badge')?.textContent?.trim() === '1',
          'no counts',
          { timeout: 8000 },
        );
        expect($('[part~="control-chat"]')!.textContent).to.contain(t.unreadMessages(2));
        expect($('[part~="control-tools"]')!.textContent).to.contain(t.guestsWaiting(1));
        await allowSound(el);
        await framesPainted(el);
        await saveScreenshot(`meeting-access-counts-${lang}-${width}`, `care-meeting[lang="${lang}"] [part~="controls"]`);

        await pressKey('Tab');
        $('#room-title')!.focus();
        await saveScreenshot(`meeting-access-heading-focus-${lang}-${width}`, `care-meeting[lang="${lang}"] .room-header`);
      });
    }
  }
});
