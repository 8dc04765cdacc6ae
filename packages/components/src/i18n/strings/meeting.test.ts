import { expect } from '@open-wc/testing';

import { LANGS } from '../localize.js';
import { meetingStrings } from '../../test-support/all-strings.js';
import { refusalText } from './meeting.js';

describe('meeting strings', () => {
  it('says how long before its start a meeting opens as the server words it, in every language', () => {
    for (const lang of LANGS) {
      const t = meetingStrings[lang];
      expect(refusalText(t, 'TOO_EARLY', 'the meeting opens 30 minutes before it starts'), lang)
        .to.equal(t.tooEarly(30))
        .and.contain('30');
      expect(refusalText(t, 'TOO_EARLY', 'the meeting opens 1 minute before it starts'), lang).to.equal(t.tooEarly(1));
      // Another server's words: no number, and none made up.
      expect(refusalText(t, 'TOO_EARLY', 'too early'), lang)
        .to.equal(t.tooEarly(undefined))
        .and.not.match(/\d/);
      expect(refusalText(t, 'FORBIDDEN', 'no'), lang).to.equal(t.error.FORBIDDEN);
      expect(refusalText(t, 'CONFLICT', 'no'), lang).to.equal(t.errorOther);
    }
    expect(meetingStrings.en.tooEarly(30)).to.equal('The meeting opens 30 minutes before it starts. Try again then.');
    expect(meetingStrings.fi.tooEarly(1)).to.equal('Tapaaminen avautuu 1 minuutti ennen alkamisaikaa. Yritä silloin uudelleen.');
  });
});
