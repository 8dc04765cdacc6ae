import { expect, fixture, html, waitUntil } from '@open-wc/testing';

import '../../define/care-meeting.js';
import type { MeetingErrorEvent } from '../../events/care-error.js';
import { meetingStrings } from '../../test-support/all-strings.js';
import { fakeMediaRoomFactory } from '../../test-support/fake-live-room.js';
import { FakeMeetingApi } from '../../test-support/fake-meeting-api.js';
import { engine } from '../../test-support/engine.js';
import { blockRequests } from '../../test-support/wtr-commands.js';
import type { CareMeeting, HostSession } from './meeting.js';

const en = meetingStrings.en;
const HOST_SESSION: HostSession = { session: 's_self', participantId: 'p_self', expiresAt: '2026-12-01T13:00:00.000Z', meetingId: 'm_1' };
const textOf = (node: Node | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const ROOM_VIEW = '**/elements/meeting/room-view.*';

// A file of its own, so a page of its own: nothing here has loaded the room's code before.
describe('<care-meeting> when the code of its next step cannot be fetched', function () {
  this.timeout(20000);
  let api: FakeMeetingApi;

  beforeEach(() => {
    api = new FakeMeetingApi().install();
  });

  afterEach(async () => {
    api.restore();
    await blockRequests(ROOM_VIEW, false);
  });

  it('says so with Try again, fires care-error NETWORK, and goes on once the code comes', async () => {
    await blockRequests(ROOM_VIEW, true);
    const errors: MeetingErrorEvent[] = [];
    const media = fakeMediaRoomFactory({ identity: 'p_self', name: 'Rut Exempel', role: 'relative' });
    const el = await fixture<CareMeeting>(html`
      <care-meeting
        lang="en"
        skip-device-check
        .session=${HOST_SESSION}
        .mediaRoomFactory=${media.factory}
        @care-error=${(e: MeetingErrorEvent) => errors.push(e)}
      ></care-meeting>
    `);
    const problem = () => el.shadowRoot!.querySelector<HTMLElement>('.problem');
    await waitUntil(problem, 'no problem shown');
    expect(textOf(problem()!.querySelector('h2'))).to.equal(en.errorTitle);
    expect(textOf(problem()!.querySelector('p'))).to.equal(en.error.NETWORK);
    expect(errors.map((e) => e.detail)).to.deep.equal([{ code: 'NETWORK', message: 'code not loaded', retryable: true }]);
    await expect(el).to.be.accessible();

    if (engine === 'firefox') {
      // Firefox ESR 153 keeps a failed dynamic import in its module map, so import() of the same
      // URL fails again without fetching until the page is reloaded (the spec changed:
      // https://github.com/whatwg/html/pull/10327; https://bugzilla.mozilla.org/show_bug.cgi?id=2055211).
      console.log(
        'not run in Firefox: "Try again" fetching the code once it comes: Firefox ESR 153 caches the failed import (bugzilla 2055211); the person has to reload the page',
      );
      return;
    }
    await blockRequests(ROOM_VIEW, false);
    problem()!.querySelector<HTMLButtonElement>('button')!.click();
    await waitUntil(() => el.shadowRoot!.querySelector('.room'), 'the room did not come');
    expect(problem()).to.equal(null);
    expect(errors).to.have.length(1);
  });
});
