import { expect } from '@open-wc/testing';

import { at, baseRoster, change, consent, people, rosterOf, START_MS } from '../test-support/roster-fixtures.js';
import { deriveRosterView, flaggedAheadOfServer, NO_SHOW_AFTER_MS, noShowDueAt } from './roster-view.js';

const ids = (list: Array<{ entry: { id: string } }>) => list.map((p) => p.entry.id);

describe('deriveRosterView', () => {
  it('counts connected of registered, and sorts people into lobby, connected, not connected and removed', () => {
    const roster = rosterOf([people.anna, people.esther, people.rut, people.kurt, change(people.lisa, { status: 'removed' })]);
    const view = deriveRosterView(roster, at(1));
    expect(view.counts).to.deep.equal({ registered: 5, connected: 2, lobby: 1, strangers: 0, noShow: 0, removed: 1 });
    expect(ids(view.connected)).to.deep.equal(['p_anna', 'p_rut']);
    expect(ids(view.lobby)).to.deep.equal(['p_kurt']);
    expect(ids(view.notConnected)).to.deep.equal(['p_esther']);
    expect(ids(view.removed)).to.deep.equal(['p_lisa']);
    expect(view.ended).to.equal(false);
  });

  it('flags someone who never came at 5:00 after the start, not at 4:59', () => {
    const roster = baseRoster();
    expect(NO_SHOW_AFTER_MS).to.equal(300_000);
    expect(noShowDueAt(roster.meeting)).to.equal(START_MS + 300_000);

    const early = deriveRosterView(roster, at(4, 59));
    expect(early.notConnected.map((p) => p.noShow)).to.deep.equal([false, false]);
    expect(early.counts.noShow).to.equal(0);
    expect(deriveRosterView(roster, at(4, 59, 999)).counts.noShow).to.equal(0);

    const due = deriveRosterView(roster, at(5));
    expect(due.notConnected.map((p) => [p.entry.id, p.noShow])).to.deep.equal([
      ['p_esther', true],
      ['p_lisa', true],
    ]);
    expect(due.counts.noShow).to.equal(2);
    // The server has not said so yet: both are flagged ahead of it, so their phone numbers are worth asking for.
    expect(flaggedAheadOfServer(due).map((e) => e.id)).to.deep.equal(['p_esther', 'p_lisa']);
  });

  it('says when the view next changes by the clock alone, until the flag is due', () => {
    expect(deriveRosterView(baseRoster(), at(-10)).nextChangeAt).to.equal(START_MS + 300_000);
    expect(deriveRosterView(baseRoster(), at(4, 59)).nextChangeAt).to.equal(START_MS + 300_000);
    expect(deriveRosterView(baseRoster(), at(5)).nextChangeAt).to.equal(null);
    // Everyone came: nothing is due.
    const everyone = rosterOf([people.anna, people.rut]);
    expect(deriveRosterView(everyone, at(1)).nextChangeAt).to.equal(null);
    // A start time that cannot be read flags nobody and sets no timer.
    expect(deriveRosterView(baseRoster({ meeting: { startsAt: 'soon' } }), at(1)).nextChangeAt).to.equal(null);
    expect(deriveRosterView(baseRoster({ meeting: { startsAt: 'soon' } }), at(60)).counts.noShow).to.equal(0);
  });

  it("honours the server's flag even when this clock is behind, and puts no-shows first", () => {
    const roster = rosterOf([people.anna, people.lisa, change(people.esther, { noShow: true, phone: '+46701234567' })]);
    const view = deriveRosterView(roster, at(3));
    expect(view.notConnected.map((p) => [p.entry.id, p.noShow])).to.deep.equal([
      ['p_esther', true],
      ['p_lisa', false],
    ]);
    expect(flaggedAheadOfServer(view)).to.deep.equal([]);
  });

  it('does not flag people who came and left, wait in the lobby, or were removed, nor anyone once the meeting has ended', () => {
    const roster = rosterOf([people.anna, change(people.esther, { status: 'left' }), people.kurt, change(people.lisa, { status: 'removed' })]);
    const view = deriveRosterView(roster, at(30));
    expect(view.counts.noShow).to.equal(0);
    expect(view.notConnected.map((p) => [p.entry.status, p.noShow])).to.deep.equal([['left', false]]);

    const ended = deriveRosterView(baseRoster({ meeting: { state: 'ended' } }), at(30));
    expect(ended.ended).to.equal(true);
    expect(ended.counts.noShow).to.equal(0);
    expect(ended.nextChangeAt).to.equal(null);
    // The session knows of the end before a roster says so.
    const told = deriveRosterView(baseRoster(), at(30), { ended: true });
    expect(told.ended).to.equal(true);
    expect(told.counts.noShow).to.equal(0);
  });

  it('passes strangers through and counts them', () => {
    const strangers = [{ identity: 'lk_x', name: 'Okänd', connectedAt: '2026-12-01T09:03:00.000Z' }];
    const view = deriveRosterView(baseRoster({ strangers }), at(1));
    expect(view.strangers).to.deep.equal(strangers);
    expect(view.counts.strangers).to.equal(1);
    // Strangers are not among the connected: the badge counts people on the list.
    expect(view.counts.connected).to.equal(2);
  });

  it("keeps the lobby in the server's order, and trusts each person's status over the lobby list", () => {
    const first = change(people.lisa, { status: 'lobby' });
    const roster = rosterOf([people.anna, people.kurt, first]);
    roster.lobby = ['p_lisa', 'p_kurt', 'p_anna'];
    expect(ids(deriveRosterView(roster, at(1)).lobby)).to.deep.equal(['p_lisa', 'p_kurt']);
    roster.lobby = ['p_kurt'];
    expect(ids(deriveRosterView(roster, at(1)).lobby)).to.deep.equal(['p_kurt', 'p_lisa']);
  });

  it("puts people in place of the consent's ids: the individual, whom it must cover (not removed), whom it does not", () => {
    const roster = rosterOf([people.anna, people.esther, people.rut, change(people.kurt, { status: 'removed' }), people.lisa], {
      consent: consent('given', { at: '2026-12-01T08:55:00.000Z', by: 'chair', how: 'verbal', notCovered: ['p_lisa', 'p_gone'] }),
    });
    const { consent: view } = deriveRosterView(roster, at(1));
    expect(view.state).to.equal('given');
    expect([view.at, view.by, view.how]).to.deep.equal(['2026-12-01T08:55:00.000Z', 'chair', 'verbal']);
    expect(view.individual?.id).to.equal('p_esther');
    expect(view.covers.map((e) => e.id)).to.deep.equal(['p_anna', 'p_esther', 'p_rut', 'p_lisa']);
    // An id the list no longer has is left out rather than shown as an id.
    expect(view.notCovered.map((e) => e.id)).to.deep.equal(['p_lisa']);

    // notCovered means something only while consent is given.
    const withdrawn = deriveRosterView({ ...roster, consent: consent('withdrawn', { notCovered: ['p_lisa'] }) }, at(1)).consent;
    expect(withdrawn.notCovered).to.deep.equal([]);

    // A server from before consent was recorded sends none: nothing to show.
    const { consent: _omitted, ...older } = roster;
    const none = deriveRosterView(older as typeof roster, at(1)).consent;
    expect(none.state).to.equal('none');
    expect(none.notCovered).to.deep.equal([]);
  });
});
