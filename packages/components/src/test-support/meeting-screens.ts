/**
 * Putting `<care-meeting>` on screen for a picture: mounted at a width, with pictures painted and
 * sound allowed, over the fake media room and meeting API. Shared by the screenshot tests.
 */
import { fixture, html, waitUntil } from '@open-wc/testing';

import type { EvaluationQuestion } from '@care-meet/protocol/wire';
import type { CareMeeting, HostSession } from '../elements/meeting/meeting.js';
import type { Lang } from '../i18n/localize.js';
import { fakeMediaRoomFactory } from './fake-live-room.js';
import { pressKey, setViewport } from './wtr-commands.js';

export const HOST_SESSION: HostSession = { session: 's_self', participantId: 'p_self', expiresAt: '2026-12-01T13:00:00.000Z', meetingId: 'm_1' };

/** Resolves once every video in the element has painted a frame: the screenshot then has pictures. */
export async function framesPainted(el: CareMeeting): Promise<void> {
  const videos = [...el.shadowRoot!.querySelectorAll('video')];
  await Promise.all(videos.map((v) => new Promise((resolve) => v.requestVideoFrameCallback(resolve))));
}

/**
 * Makes sure the others' sound plays before a screenshot. The browser blocks sound until the
 * person has done something on the page (in real use, the clicks of the identity step and the
 * device check): when the element says so, press its "turn on sound" button with a real key
 * press, as a person would. Once a key was pressed in this page (an earlier test), the browser
 * plays sound without asking, and the element rightly offers no button.
 */
export async function allowSound(el: CareMeeting): Promise<void> {
  const button = () => el.shadowRoot!.querySelector<HTMLButtonElement>('.sound-blocked button');
  const audio = () => [...el.shadowRoot!.querySelectorAll<HTMLAudioElement>('.audio audio')];
  const playing = () => audio().length > 0 && audio().every((a) => !a.paused);
  await waitUntil(() => button() || playing(), 'the sound neither played nor was said to be blocked', { timeout: 3000 });
  if (!button()) return;
  button()!.focus();
  await pressKey('Enter');
  await waitUntil(() => !button() && playing(), 'the sound stayed off');
}

/**
 * A `<care-meeting>` in `lang` for `self`, in a viewport `width` px wide, joined with the host's
 * session and a fake media room.
 */
export async function mountMeeting(
  lang: Lang,
  self: { identity: string; name: string; role: string },
  options: { questions?: EvaluationQuestion[]; width?: number; height?: number } = {},
) {
  const width = options.width ?? 1200;
  // A desktop page's column, or a phone's whole screen less the page's margins (8 + 8 px a side).
  const inline = width >= 1000 ? width - 80 : width - 32;
  await setViewport({ width, height: options.height ?? 1000 });
  const media = fakeMediaRoomFactory(self);
  const wrapper = await fixture<HTMLElement>(html`
    <div style="inline-size: ${inline}px; padding: 8px; background: #fff">
      <care-meeting
        lang=${lang}
        skip-device-check
        .session=${HOST_SESSION}
        .mediaRoomFactory=${media.factory}
        .evaluationQuestions=${options.questions ?? []}
      ></care-meeting>
    </div>
  `);
  const el = wrapper.querySelector('care-meeting')!;
  await el.updateComplete; // drawn once its words are loaded
  return { el, media };
}
