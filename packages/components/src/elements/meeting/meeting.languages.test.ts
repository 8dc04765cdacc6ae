// <care-meeting> in all five languages, on a desktop and on a phone: every main state, pictured
// (test-results/screenshots/meeting-<state>-<lang>-<width>.png, looked at when the words change),
// and checked for words that do not fit: a control too narrow for its words, a word cut in two,
// anything sticking out sideways. Long Finnish compounds are what break first.
import { expect, waitUntil } from '@open-wc/testing';

import '../../define/care-meeting.js';
import type { EvaluationQuestion } from '@care-meet/protocol/wire';
import { DEVICE_PREFERENCES_KEY } from '../../core/device-preferences.js';
import { LANGS } from '../../i18n/localize.js';
import { chairActionStrings, meetingRoomStrings, meetingStrings } from '../../test-support/all-strings.js';
import { queryRoom, textInRoom } from '../../test-support/room-parts.js';
import { admitted, consentRequest, FakeMeetingApi, lobby, MEETING, refusal, roster, rosterEntry } from '../../test-support/fake-meeting-api.js';
import { allowSound, framesPainted, mountMeeting } from '../../test-support/meeting-screens.js';
import { textMisfits } from '../../test-support/text-fit.js';
import { saveScreenshot } from '../../test-support/wtr-commands.js';

/** As `waitUntil`, with time to spare: these pages are heavy, and run beside other test files. */
const until = (condition: () => unknown, message?: string) => waitUntil(condition, message, { timeout: 5000 });

const DIAL_IN = { number: '+46 10 123 45 67', meetingNumber: '123 456 789', pin: '4321' };
const at = '2026-12-01T10:00:00.000Z';

const QUESTIONS: EvaluationQuestion[] = [
  {
    id: 'q1',
    kind: 'scale',
    text: {
      nb: 'Hvor godt fungerte teknikken?',
      fi: 'Miten hyvin tekniikka toimi?',
      sv: 'Hur väl fungerade tekniken?',
      da: 'Hvor godt fungerede teknikken?',
      en: 'How well did the technology work?',
    },
  },
  {
    id: 'q2',
    kind: 'yes-no',
    text: {
      nb: 'Fikk du sagt det du ville?',
      fi: 'Saitko sanottua sen, mitä halusit?',
      sv: 'Kunde du säga det du ville?',
      da: 'Kunne du sige det, du ville?',
      en: 'Could you say what you wanted to?',
    },
  },
  {
    id: 'q3',
    kind: 'text',
    text: {
      nb: 'Noe mer du vil fortelle?',
      fi: 'Haluatko kertoa vielä jotain?',
      sv: 'Något mer du vill berätta?',
      da: 'Andet, du vil fortælle?',
      en: 'Anything else you want to tell us?',
    },
  },
];

describe('<care-meeting> in every language, at 1280 and 390 px', function () {
  this.timeout(20000);
  let api: FakeMeetingApi;

  beforeEach(() => {
    api = new FakeMeetingApi().install();
    localStorage.removeItem(DEVICE_PREFERENCES_KEY);
  });

  afterEach(() => api.restore());

  /** The picture, and the proof that its words fit. */
  async function shoot(el: HTMLElement, name: string, selector = `care-meeting[lang="${el.lang}"]`): Promise<void> {
    await saveScreenshot(name, selector);
    expect(textMisfits(el), name).to.deep.equal([]);
  }

  for (const lang of LANGS) {
    const t = meetingRoomStrings[lang];
    const c = chairActionStrings[lang];
    for (const width of [1280, 390]) {
      const shot = (state: string) => `meeting-${state}-${lang}-${width}`;

      it(`the room with its tiles and the chat, in ${lang} at ${width} px`, async () => {
        api.joins = [admitted({ meeting: { ...MEETING, allowChat: true, allowScreenShare: true, dialIn: DIAL_IN } })];
        const { el, media } = await mountMeeting(lang, { identity: 'p_self', name: 'Rut Exempel', role: 'relative' }, { width, height: 1300 });
        await until(() => el.phase === 'room' && media.rooms.length > 0 && media.last('room').state === 'connected');
        const room = media.last('room');
        room.join('p_anna', 'Anna Samordnare', 'chair', { color: '#1d4e89' });
        room.join('p_esther', 'Esther Exempel', 'individual', { microphone: false, color: '#7a4b2a' });
        room.join('p_cia', 'Cia Kurator', 'staff', { camera: false });
        room.speaking('p_anna');
        queryRoom<HTMLElement>(el.shadowRoot!, '[part~="control-chat"]')!.click();
        room.chat(
          'p_anna',
          { sv: 'Välkomna allihop.', da: 'Velkommen allesammen.', nb: 'Velkommen, alle sammen.', fi: 'Tervetuloa kaikki.', en: 'Welcome, everyone.' }[lang],
        );
        await until(() => el.shadowRoot!.querySelectorAll('video').length === 3);
        await allowSound(el);
        await framesPainted(el);
        expect(textInRoom(el.shadowRoot!)).to.contain(t.noRecording).and.contain(t.role.staff);
        await shoot(el, shot('room'));
      });

      it(`the meeting leader's tools with a guest in the lobby, and turning her away, in ${lang} at ${width} px`, async () => {
        api.joins = [admitted({ role: 'chair', name: 'Anna Samordnare', lobbyToken: 'lobby-observer-1', meeting: { ...MEETING, dialIn: DIAL_IN } })];
        api.currentRoster = roster({ ...MEETING, dialIn: DIAL_IN }, [
          rosterEntry('p_self', 'Anna Samordnare', 'chair'),
          rosterEntry('p_esther', 'Esther Exempel', 'individual'),
          rosterEntry('p_guest', 'Lisa Lärare', 'guest', { status: 'lobby', typedName: 'Lisa L', connectedAt: null }),
        ]);
        const { el, media } = await mountMeeting(lang, { identity: 'p_self', name: 'Anna Samordnare', role: 'chair' }, { width, height: 1700 });
        await until(() => el.phase === 'room' && media.rooms.length === 2 && media.last('lobby-observer').state === 'connected');
        const room = media.last('room');
        await until(() => room.state === 'connected');
        room.join('p_esther', 'Esther Exempel', 'individual', { color: '#7a4b2a' });
        media.last('lobby-observer').join('p_guest', 'Lisa Lärare', 'guest', { microphone: false, color: '#6b2d5c' });
        await until(() => queryRoom(el.shadowRoot!, '#turn-away-p_guest'), 'no guest in the lobby box');
        // The participant list in the tools loads on its own time: the picture waits for it.
        await until(
          () => queryRoom(el.shadowRoot!, 'care-roster')?.shadowRoot?.querySelectorAll('[part~="person-connected"]').length === 2,
          'the participant list in the tools',
        );
        await allowSound(el);
        await framesPainted(el);
        expect(textInRoom(el.shadowRoot!)).to.contain(c.lobbyHint).and.contain(c.typedName);
        await shoot(el, shot('chair'));

        queryRoom<HTMLButtonElement>(el.shadowRoot!, '#turn-away-p_guest')!.click();
        await until(() => queryRoom<HTMLDialogElement>(el.shadowRoot!, 'dialog')?.open);
        expect(queryRoom(el.shadowRoot!, 'dialog')!.textContent).to.contain(c.turnAwayTitle('Lisa Lärare'));
        await saveScreenshot(shot('turn-away'), `care-meeting[lang="${lang}"] dialog[open]`);
        expect(textMisfits(el), shot('turn-away')).to.deep.equal([]);
      });

      it(`the lobby, in ${lang} at ${width} px`, async () => {
        api.joins = [lobby()];
        const { el, media } = await mountMeeting(lang, { identity: 'p_self', name: 'Kurt Kurator', role: 'guest' }, { width });
        await until(() => el.phase === 'lobby' && media.rooms.length > 0 && queryRoom(el.shadowRoot!, '.preview video'));
        await framesPainted(el);
        expect(textInRoom(el.shadowRoot!)).to.contain(t.lobbyText);
        await shoot(el, shot('lobby'));
      });

      it(`the individual's consent card, in ${lang} at ${width} px`, async () => {
        api.joins = [admitted({ role: 'individual', name: 'Esther Exempel' })];
        api.consentReads = [
          consentRequest(
            'given',
            [
              { id: 'p_anna', name: 'Anna Samordnare', role: 'chair' },
              { id: 'p_self', name: 'Esther Exempel', role: 'individual' },
              { id: 'p_cia', name: 'Cia Kurator', role: 'staff' },
              { id: 'p_lisa', name: 'Lisa Lärare', role: 'guest' },
            ],
            { at, by: 'chair', how: 'verbal', notCovered: ['p_lisa'] },
          ),
        ];
        const { el, media } = await mountMeeting(lang, { identity: 'p_self', name: 'Esther Exempel', role: 'individual' }, { width, height: 1200 });
        await until(() => el.phase === 'room' && media.rooms.length > 0 && media.last('room').state === 'connected');
        media.last('room').join('p_anna', 'Anna Samordnare', 'chair', { color: '#1d4e89' });
        // Her own picture and the meeting leader's.
        await until(() => queryRoom(el.shadowRoot!, '[part~="consent"]') && el.shadowRoot!.querySelectorAll('video').length === 2, 'no consent card');
        await allowSound(el);
        await framesPainted(el);
        expect(queryRoom(el.shadowRoot!, '[part~="consent"]')!.textContent).to.contain(t.consentQuestion).and.contain(t.consentNew);
        await shoot(el, shot('consent'));
      });

      it(`the end with the evaluation, in ${lang} at ${width} px`, async () => {
        const { el } = await mountMeeting(lang, { identity: 'p_self', name: 'Rut Exempel', role: 'relative' }, { questions: QUESTIONS, width, height: 1200 });
        await until(() => el.phase === 'room' && api.openStreams === 1);
        api.push({ type: 'ended', at });
        await until(() => queryRoom(el.shadowRoot!, '[part~="evaluation"]'));
        queryRoom<HTMLInputElement>(el.shadowRoot!, 'input[name="q1"][value="4"]')!.click();
        expect(textInRoom(el.shadowRoot!)).to.contain(meetingStrings[lang].endedTitle).and.contain(QUESTIONS[0]!.text[lang]!);
        await shoot(el, shot('ended'));
      });

      it(`a meeting not open yet, in ${lang} at ${width} px`, async () => {
        api.joins = [
          {
            ...refusal(425, 'TOO_EARLY'),
            body: { error: { code: 'TOO_EARLY', message: 'the meeting is not open yet: it opens 15 minutes before it starts' } },
          },
        ];
        const { el } = await mountMeeting(lang, { identity: 'p_self', name: 'Rut Exempel', role: 'relative' }, { width, height: 600 });
        await until(() => queryRoom(el.shadowRoot!, '[part~="panel"] button'));
        expect(textInRoom(el.shadowRoot!)).to.contain(meetingStrings[lang].tooEarly(15));
        await shoot(el, shot('too-early'));
      });
    }
  }
});
