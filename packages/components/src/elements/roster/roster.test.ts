import { ContextProvider } from '@lit/context';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';

import '../../define/care-roster.js';
import { meetingContext } from '../../context/meeting-context.js';
import { CareApiClient } from '../../core/api-client.js';
import type { RosterEntry } from '@care-meet/protocol/wire';
import { MeetingSession } from '../../core/meeting-session.js';
import { RosterAdmitEvent, RosterConsentEvent, RosterConsentWithdrawEvent, RosterRemoveEvent } from '../../events/roster-events.js';
import { LANGS, type Lang } from '../../i18n/localize.js';
import { rosterStrings } from '../../test-support/all-strings.js';
import { at, baseRoster, change, CHAIR_SESSION, consent, FakeCareServer, MEETING_ID, people, rosterOf, START_MS } from '../../test-support/roster-fixtures.js';
import { textMisfits } from '../../test-support/text-fit.js';
import { pressKey, saveScreenshot, setViewport } from '../../test-support/wtr-commands.js';
import { CareRoster } from './roster.js';

const en = rosterStrings.en;

const $ = <T extends Element = HTMLElement>(el: CareRoster, selector: string): T | null => el.shadowRoot!.querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(el: CareRoster, selector: string): T[] => [...el.shadowRoot!.querySelectorAll<T>(selector)];
const textOf = (node: Node | null | undefined): string => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
/** The lobby group is `<care-lobby-list>`, with its guests in its own shadow root. */
const lobbyRoot = (el: CareRoster) => $(el, 'care-lobby-list')?.shadowRoot ?? null;
const row = (el: CareRoster, id: string) => $(el, `[data-person="${id}"]`) ?? lobbyRoot(el)?.querySelector<HTMLElement>(`[data-person="${id}"]`) ?? null;
/** What has focus, looking into the lobby list when it is there. */
const focused = (el: CareRoster) => {
  const active = el.shadowRoot!.activeElement;
  return active?.matches('care-lobby-list') ? active.shadowRoot!.activeElement : active;
};
const action = (el: CareRoster, id: string, name: string) => row(el, id)?.querySelector<HTMLButtonElement>(`[part~="${name}-button"]`) ?? null;
const badge = (el: CareRoster) => textOf($(el, '[part~="badge"] .count'));
const polite = (el: CareRoster) => textOf($(el, '[role="status"]'));
const assertive = (el: CareRoster) => textOf($(el, '[role="alert"]'));
/** The confirmation element; what the roster puts in its slots (the consent question's list and choice) is its children. */
const asked = (el: CareRoster) => $(el, 'care-confirm-dialog')!;
/** Its `<dialog>`, in its own shadow root. */
const dialog = (el: CareRoster) => asked(el).shadowRoot!.querySelector<HTMLDialogElement>('dialog')!;
const dialogButton = (el: CareRoster, name: 'confirm' | 'cancel') => dialog(el).querySelector<HTMLButtonElement>(`[part~="${name}-button"]`)!;
const groupIds = (el: CareRoster, group: string) =>
  (group === 'lobby' ? [...(lobbyRoot(el)?.querySelectorAll<HTMLElement>('[data-person]') ?? [])] : $$(el, `[part~="group-${group}"] [data-person]`)).map(
    (li) => li.dataset['person'],
  );
const tick = (ms = 30) => new Promise((resolve) => setTimeout(resolve, ms));
const consentLine = (el: CareRoster) => $(el, '[part~="consent"]');
const consentButton = (el: CareRoster) => $<HTMLButtonElement>(el, '[part~="consent-button"]');
const withdrawButton = (el: CareRoster) => $<HTMLButtonElement>(el, '[part~="withdraw-consent-button"]');
/** The ids the consent confirmation lists, in order. */
const shownIds = (el: CareRoster) => [...asked(el).querySelectorAll<HTMLElement>('.consent-people li')].map((li) => li.dataset['id']);
const radio = (el: CareRoster, how: 'verbal' | 'written') => asked(el).querySelector<HTMLInputElement>(`input[name="how"][value="${how}"]`)!;
/** A time as the roster shows it: hours and minutes, 24-hour, in the page's time zone. */
const hhmm = (lang: Lang, iso: string) => new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));

const GIVEN_AT = '2026-12-01T08:55:00.000Z';
const WITHDRAWN_AT = '2026-12-01T09:03:00.000Z';
/** A member of staff the chair removed. */
const sven: RosterEntry = {
  id: 'p_sven',
  name: 'Sven Socialsekreterare',
  role: 'staff',
  identity: { kind: 'hsa', masked: '****K9X2' },
  verify: 'siths',
  status: 'removed',
  connectedAt: null,
  noShow: false,
};
/** Someone registered after the chair opened the consent confirmation. */
const olle: RosterEntry = { ...people.rut, id: 'p_olle', name: 'Olle Ombud', role: 'guest', status: 'absent', connectedAt: null };
/** Everyone in the usual roster, none removed: whom a consent recorded now must cover. */
const EVERYONE = ['p_anna', 'p_esther', 'p_rut', 'p_kurt', 'p_lisa'];

const GRANT = { session: CHAIR_SESSION, participantId: people.anna.id, expiresAt: '2099-01-01T00:00:00Z' };

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/**
 * `<care-roster>` inside a meeting-context provider, as `<care-meeting>` places it, with the
 * chair's `MeetingSession` talking to `server`. Resolves once the first roster is drawn.
 */
async function inMeeting(server: FakeCareServer, options: { lang?: Lang; clock?: () => Date; width?: string } = {}) {
  const session = new MeetingSession({ api: new CareApiClient({ apiBase: '/api', fetch: server.fetch }), fetch: server.fetch, skipDeviceCheck: true });
  cleanups.push(() => session.dispose());
  const wrapper = await fixture<HTMLElement>(html`<div lang=${options.lang ?? 'en'} style="inline-size: ${options.width ?? '26rem'}; padding: 8px"></div>`);
  new ContextProvider(wrapper, { context: meetingContext, initialValue: session });
  const el = document.createElement('care-roster');
  el.clock = options.clock ?? (() => at(1));
  wrapper.append(el);
  session.useSession(GRANT, MEETING_ID);
  await waitUntil(() => row(el, people.anna.id), 'the roster was not drawn');
  return { el, session, wrapper };
}

/** Replaces `globalThis.fetch` for `/api` requests until the end of the test, as a standalone element calls it. */
function serveGlobally(server: FakeCareServer): void {
  const real = globalThis.fetch;
  globalThis.fetch = (input, init) => (String(input).startsWith('/api') ? server.fetch(input, init) : real(input, init));
  cleanups.push(() => (globalThis.fetch = real));
}

async function confirmDialogOpen(el: CareRoster): Promise<HTMLDialogElement> {
  await waitUntil(() => dialog(el).open, 'no confirmation dialog');
  return dialog(el);
}

describe('<care-roster>', function () {
  this.timeout(10000);

  it('is defined, and lists everyone registered with role, identification and masked id, as a list in groups', async () => {
    const { el } = await inMeeting(new FakeCareServer());
    expect(el).to.be.instanceOf(CareRoster);
    expect(customElements.get('care-roster')).to.equal(CareRoster);
    expect(textOf($(el, '[part~="title"]'))).to.equal(en.title);

    expect(groupIds(el, 'lobby')).to.deep.equal(['p_kurt']);
    expect(groupIds(el, 'connected')).to.deep.equal(['p_anna', 'p_rut']);
    expect(groupIds(el, 'not-connected')).to.deep.equal(['p_esther', 'p_lisa']);
    // Real list semantics: each group a <ul> of <li>, named by its heading.
    for (const list of $$(el, '[part~="list"]')) {
      expect(list.localName).to.equal('ul');
      expect([...list.children].every((child) => child.localName === 'li')).to.equal(true);
    }
    const lobby = lobbyRoot(el)!.querySelector('section')!;
    expect(textOf(lobbyRoot(el)!.getElementById(lobby.getAttribute('aria-labelledby')!))).to.equal(`${en.lobbyTitle} (1)`);
    expect([...lobbyRoot(el)!.querySelectorAll('[part~="list"]')].every((list) => list.localName === 'ul')).to.equal(true);

    expect(textOf(row(el, 'p_anna')))
      .to.contain('Anna Samordnare')
      .and.contain('Meeting leader')
      .and.contain('SITHS card · HSA-id ****A1B2');
    expect(textOf(row(el, 'p_rut')))
      .to.contain('Relative')
      .and.contain('BankID · personal identity number 1950****-****');
    expect(textOf(row(el, 'p_lisa'))).to.contain('SMS code · mobile +46****43');
    const kurt = textOf(row(el, 'p_kurt'));
    expect(kurt).to.contain('E-mail and own name · e-mail k***@example.se');
    // The e-mail guest's typed name beside the registered one, flagged when it differs.
    expect(kurt).to.contain(`${en.typedName}: Kurt K.`).and.contain(en.typedNameDiffers);
    expect(textOf(row(el, 'p_rut')!.querySelector('[part~="status"]'))).to.match(/^Connected at \d\d:\d\d$/);
    // The chair cannot be removed (they end the meeting instead).
    expect(action(el, 'p_anna', 'remove')).to.equal(null);
    expect(action(el, 'p_rut', 'remove')).to.not.equal(null);
    expect(el.matches(':state(waiting)')).to.equal(true);
    expect(el.matches(':state(live)')).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('updates the badge live when a roster arrives, and announces the new count politely', async () => {
    const server = new FakeCareServer();
    const { el } = await inMeeting(server);
    expect(badge(el)).to.equal('2/5');
    expect(textOf($(el, '[part~="badge"] .visually-hidden'))).to.equal('2 of 5 connected');
    expect(polite(el)).to.equal('');

    server.push(
      rosterOf([people.anna, change(people.esther, { status: 'connected', connectedAt: '2026-12-01T09:02:00.000Z' }), people.rut, people.kurt, people.lisa]),
    );
    await waitUntil(() => badge(el) === '3/5', 'badge did not change');
    expect(polite(el)).to.equal('3 of 5 connected');
    expect(groupIds(el, 'connected')).to.deep.equal(['p_anna', 'p_esther', 'p_rut']);

    // Someone new in the lobby is news too.
    server.push(rosterOf([people.anna, people.esther, people.rut, people.kurt, change(people.lisa, { status: 'lobby' })]));
    await waitUntil(() => groupIds(el, 'lobby').length === 2);
    expect(polite(el)).to.contain(en.announceWaiting('Lisa Lärare'));
  });

  it('hide-lobby leaves out the lobby group (the page shows the lobby itself) but keeps its count and its announcement', async () => {
    const server = new FakeCareServer();
    const { el } = await inMeeting(server);
    expect(groupIds(el, 'lobby')).to.deep.equal(['p_kurt']);
    el.setAttribute('hide-lobby', '');
    await el.updateComplete;
    expect(el.hideLobby).to.equal(true);
    expect($(el, '[part~="group-lobby"]')).to.equal(null);
    expect(row(el, 'p_kurt')).to.equal(null);
    expect(badge(el)).to.equal('2/5');
    expect(el.matches(':state(waiting)')).to.equal(true);

    server.push(rosterOf([people.anna, people.esther, people.rut, people.kurt, change(people.lisa, { status: 'lobby' })]));
    await waitUntil(() => polite(el).includes(en.announceWaiting('Lisa Lärare')), `announced: ${polite(el)}`);
    expect($(el, '[part~="group-lobby"]')).to.equal(null);
    await expect(el).to.be.accessible();

    el.hideLobby = false;
    await el.updateComplete;
    expect(groupIds(el, 'lobby')).to.deep.equal(['p_kurt', 'p_lisa']);
  });

  it('flags a no-show when the clock passes start + 5 min, and asks the server for the number to call', async () => {
    const server = new FakeCareServer();
    const { el } = await inMeeting(server, { clock: () => at(4, 59) });
    expect($$(el, '[part~="no-show"]')).to.have.length(0);
    expect(el.matches(':state(no-show)')).to.equal(false);

    // The server, asked now, agrees and gives Esther's phone (Lisa has none registered beyond her SMS guest number).
    server.rosterRead = rosterOf([
      people.anna,
      change(people.esther, { noShow: true, phone: '+46701234567' }),
      people.rut,
      people.kurt,
      change(people.lisa, { noShow: true }),
    ]);
    el.clock = () => at(5);
    await el.updateComplete;
    expect(row(el, 'p_esther')!.querySelector('[part~="no-show"]')).to.not.equal(null);
    expect(textOf(row(el, 'p_esther')!.querySelector('[part~="no-show"]'))).to.contain(en.noShow(5));
    expect(polite(el)).to.contain(en.announceNoShow('Esther Exempel'));
    expect(el.matches(':state(no-show)')).to.equal(true);

    await waitUntil(() => row(el, 'p_esther')!.querySelector('[part~="call"]'), 'no tel: link');
    const call = row(el, 'p_esther')!.querySelector<HTMLAnchorElement>('[part~="call"]')!;
    expect(server.seen('GET', '/meetings/m_1/roster')).to.have.length(1);
    expect(call.getAttribute('href')).to.equal('tel:+46701234567');
    expect(textOf(call)).to.equal('Call +46701234567');
    expect(call.getAttribute('aria-label')).to.equal('Call +46701234567, Esther Exempel');
    expect(row(el, 'p_lisa')!.querySelector('[part~="call"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('flags the no-show on time by its own timer, without a server event or a new clock', async () => {
    const server = new FakeCareServer();
    // A clock running 300 ms short of start + 5 min.
    const offset = at(4, 59, 700).getTime() - Date.now();
    const startedAt = performance.now();
    const { el } = await inMeeting(server, { clock: () => new Date(Date.now() + offset) });
    expect($$(el, '[part~="no-show"]')).to.have.length(0);
    await waitUntil(() => $$(el, '[part~="no-show"]').length === 2, 'the flag did not appear', { timeout: 3000 });
    // Well before the 15 s tick: the element woke up for the moment itself.
    expect(performance.now() - startedAt).to.be.below(2000);
    expect(el.clock().getTime()).to.be.at.least(START_MS + 300_000);
  });

  it('lets a lobby guest in at once, announcing the request as a cancelable event first', async () => {
    const server = new FakeCareServer();
    const { el } = await inMeeting(server);
    const admit = action(el, 'p_kurt', 'admit')!;
    expect(admit.getAttribute('aria-label')).to.equal('Let in Kurt Kurator');

    const veto = (event: RosterAdmitEvent) => event.preventDefault();
    document.addEventListener('care-roster-admit', veto);
    admit.click();
    document.removeEventListener('care-roster-admit', veto);
    await tick();
    expect(server.seen('POST', '/meetings/m_1/admit')).to.have.length(0);

    const fired = oneEvent(document, 'care-roster-admit');
    admit.click();
    const event = await fired;
    expect(event).to.be.instanceOf(RosterAdmitEvent);
    expect(event.bubbles && event.composed && event.cancelable).to.equal(true);
    expect(event.detail.participant.id).to.equal('p_kurt');
    expect(event.detail.readmit).to.equal(false);
    await waitUntil(() => server.seen('POST', '/meetings/m_1/admit').length === 1, 'admit not sent');
    const [sent] = server.seen('POST', '/meetings/m_1/admit');
    expect(sent!.body).to.deep.equal({ participantId: 'p_kurt' });
    expect(sent!.authorization).to.equal(`Bearer ${CHAIR_SESSION}`);
    expect(dialog(el).open).to.equal(false);
  });

  it('turns a lobby guest away only after confirmation, and puts focus back', async () => {
    const server = new FakeCareServer();
    const { el } = await inMeeting(server);
    const turnAway = action(el, 'p_kurt', 'turn-away')!;
    expect(turnAway.getAttribute('aria-label')).to.equal('Turn away Kurt Kurator');
    turnAway.focus();
    turnAway.click();
    const box = await confirmDialogOpen(el);
    expect(textOf(box.querySelector('h2'))).to.equal('Turn Kurt Kurator away?');
    expect(asked(el).shadowRoot!.activeElement).to.equal(dialogButton(el, 'cancel'));
    await expect(el).to.be.accessible();

    // Escape: nothing happens.
    await pressKey('Escape');
    await waitUntil(() => !dialog(el).open);
    expect(focused(el)).to.equal(turnAway);
    // Cancel: nothing happens.
    turnAway.click();
    await confirmDialogOpen(el);
    dialogButton(el, 'cancel').click();
    await waitUntil(() => !dialog(el).open);
    await tick();
    expect(server.seen('POST', '/meetings/m_1/remove')).to.have.length(0);

    turnAway.click();
    await confirmDialogOpen(el);
    expect(dialogButton(el, 'confirm').getAttribute('aria-label')).to.equal('Turn away Kurt Kurator');
    const fired = oneEvent(el, 'care-roster-remove');
    dialogButton(el, 'confirm').click();
    const event = await fired;
    expect(event).to.be.instanceOf(RosterRemoveEvent);
    expect(event.detail.turnAway).to.equal(true);
    await waitUntil(() => server.seen('POST', '/meetings/m_1/remove').length === 1, 'remove not sent');
    expect(server.seen('POST', '/meetings/m_1/remove')[0]!.body).to.deep.equal({ participantId: 'p_kurt' });
  });

  it('removes a participant after confirmation, unless the host vetoes it, and shows them as removed to let in again', async () => {
    const server = new FakeCareServer();
    const { el } = await inMeeting(server);
    const remove = action(el, 'p_rut', 'remove')!;
    expect(remove.getAttribute('aria-label')).to.equal('Remove Rut Exempel');
    expect(textOf(remove)).to.equal('Remove');

    const veto = (event: RosterRemoveEvent) => event.preventDefault();
    el.addEventListener('care-roster-remove', veto);
    remove.click();
    await confirmDialogOpen(el);
    expect(textOf(dialog(el).querySelector('h2'))).to.equal('Remove Rut Exempel from the meeting?');
    dialogButton(el, 'confirm').click();
    await tick();
    expect(server.seen('POST', '/meetings/m_1/remove')).to.have.length(0);
    el.removeEventListener('care-roster-remove', veto);

    remove.focus();
    remove.click();
    await confirmDialogOpen(el);
    dialogButton(el, 'confirm').click();
    await waitUntil(() => server.seen('POST', '/meetings/m_1/remove').length === 1, 'remove not sent');
    expect(server.seen('POST', '/meetings/m_1/remove')[0]!.body).to.deep.equal({ participantId: 'p_rut' });

    // The server confirms through the stream: Rut is removed, and can be let in again.
    server.push(rosterOf([people.anna, people.esther, change(people.rut, { status: 'removed', connectedAt: null }), people.kurt, people.lisa]));
    await waitUntil(() => groupIds(el, 'removed').includes('p_rut'), 'not shown as removed');
    expect(textOf(row(el, 'p_rut')!.querySelector('[part~="status"]'))).to.equal(en.status.removed);
    const readmit = action(el, 'p_rut', 'readmit')!;
    expect(readmit.getAttribute('aria-label')).to.equal('Let in again: Rut Exempel');
    // The Remove button that had focus is gone: focus is on Rut's next button, not lost to <body>.
    expect(el.shadowRoot!.activeElement).to.equal(readmit);

    const fired = oneEvent(el, 'care-roster-admit');
    readmit.click();
    expect((await fired).detail.readmit).to.equal(true);
    await waitUntil(() => server.seen('POST', '/meetings/m_1/admit').length === 1, 'admit not sent');
    expect(server.seen('POST', '/meetings/m_1/admit')[0]!.body).to.deep.equal({ participantId: 'p_rut' });
    await expect(el).to.be.accessible();
  });

  it('says so when the server refuses an action', async () => {
    const server = new FakeCareServer();
    server.refuseActions = { status: 403, code: 'FORBIDDEN' };
    const { el } = await inMeeting(server);
    action(el, 'p_kurt', 'admit')!.click();
    await waitUntil(() => $(el, '[part~="error"]'), 'no error shown');
    const message = 'Kurt Kurator could not be let in. Only the meeting leader can do that.';
    expect(textOf($(el, '[part~="error"]'))).to.equal(message);
    expect(assertive(el)).to.equal(message);
    await expect(el).to.be.accessible();
  });

  it('flags people connected who are not on the list, prominently and at once', async () => {
    const server = new FakeCareServer();
    const { el } = await inMeeting(server);
    expect($(el, '[part~="strangers"]')).to.equal(null);
    server.push(baseRoster({ strangers: [{ identity: 'lk_9f3', name: 'Okänd Person', connectedAt: '2026-12-01T09:04:00.000Z' }] }));
    await waitUntil(() => $(el, '[part~="strangers"]'), 'strangers not flagged');
    const box = $(el, '[part~="strangers"]')!;
    expect(textOf(box)).to.contain(`${en.strangersTitle} (1)`).and.contain('Okänd Person').and.contain(en.strangersText);
    // First thing in the list, before the lobby.
    expect(box.compareDocumentPosition($(el, '[part~="group-lobby"]')!) & Node.DOCUMENT_POSITION_FOLLOWING).to.not.equal(0);
    expect($(el, '[part~="badge"]')!.hasAttribute('data-warning')).to.equal(true);
    expect(assertive(el)).to.equal(en.announceStranger('Okänd Person'));
    expect(el.matches(':state(strangers)')).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('removes someone not on the list after confirmation, and says so when they have already gone', async () => {
    const server = new FakeCareServer();
    const { el } = await inMeeting(server);
    const caller = { identity: 'sip_+46709876543', name: 'Okänd uppringare', connectedAt: '2026-12-01T09:04:00.000Z' };
    server.push(baseRoster({ strangers: [caller] }));
    await waitUntil(() => $(el, '[part~="stranger"] [part~="remove-button"]'), 'no remove button for the stranger');
    const remove = $(el, '[part~="stranger"] [part~="remove-button"]') as HTMLButtonElement;
    expect(remove.getAttribute('aria-label')).to.equal('Remove Okänd uppringare');

    remove.click();
    await confirmDialogOpen(el);
    expect(textOf(dialog(el).querySelector('h2'))).to.equal('Remove Okänd uppringare from the meeting?');
    expect(textOf(dialog(el).querySelector('p'))).to.equal(en.confirmRemoveStrangerText);
    // Cancel is the safe default and sends nothing; a Remove pressed straight after it (before the
    // dialog's close event has come) opens its own confirmation, whole.
    dialogButton(el, 'cancel').click();
    action(el, 'p_rut', 'remove')!.click();
    await confirmDialogOpen(el);
    await tick();
    expect(textOf(dialog(el).querySelector('h2'))).to.equal('Remove Rut Exempel from the meeting?');
    dialogButton(el, 'cancel').click();
    await tick();
    expect(server.seen('POST', '/meetings/m_1/remove')).to.have.length(0);

    const fired = oneEvent(el, 'care-roster-remove');
    remove.click();
    await confirmDialogOpen(el);
    dialogButton(el, 'confirm').click();
    const detail = (await fired).detail;
    expect(detail.stranger).to.deep.equal(caller);
    expect(detail.participant).to.equal(undefined);
    await waitUntil(() => server.seen('POST', '/meetings/m_1/remove').length === 1, 'remove not sent');
    expect(server.seen('POST', '/meetings/m_1/remove')[0]!.body).to.deep.equal({ participantId: caller.identity });
    server.push(baseRoster({ strangers: [] }));
    await waitUntil(() => !$(el, '[part~="strangers"]'), 'stranger still flagged');

    // Someone who has gone by the time the chair confirms: the server answers NOT_FOUND.
    server.refuseActions = { status: 404, code: 'NOT_FOUND' };
    server.push(baseRoster({ strangers: [caller] }));
    await waitUntil(() => $(el, '[part~="stranger"] [part~="remove-button"]'), 'stranger not shown again');
    ($(el, '[part~="stranger"] [part~="remove-button"]') as HTMLButtonElement).click();
    await confirmDialogOpen(el);
    dialogButton(el, 'confirm').click();
    await waitUntil(() => $(el, '[part~="error"]'), 'no error shown');
    expect(textOf($(el, '[part~="error"]'))).to.equal(`${en.failedRemove('Okänd uppringare')} ${en.actionProblem.NOT_FOUND}`);
    await expect(el).to.be.accessible();
  });

  it('moves focus to the person, not the page, when the button that had it goes away', async () => {
    const server = new FakeCareServer();
    const { el } = await inMeeting(server);
    const admit = action(el, 'p_kurt', 'admit')!;
    admit.focus();
    admit.click();
    await waitUntil(() => server.seen('POST', '/meetings/m_1/admit').length === 1);
    server.push(
      rosterOf([people.anna, people.esther, people.rut, change(people.kurt, { status: 'connected', connectedAt: '2026-12-01T09:05:00.000Z' }), people.lisa]),
    );
    await waitUntil(() => groupIds(el, 'connected').includes('p_kurt'));
    await waitUntil(() => focused(el) === action(el, 'p_kurt', 'remove'), `focus: ${focused(el)?.outerHTML}`);
  });

  it('shows the end of the meeting and offers no more actions', async () => {
    const server = new FakeCareServer();
    const { el } = await inMeeting(server, { clock: () => at(30) });
    server.pushEvent({ type: 'ended', at: new Date().toISOString() });
    await waitUntil(() => textOf($(el, '[part~="notice"]')) === en.ended, 'no ended notice');
    expect($$(el, '[part~="button"]')).to.have.length(0);
    expect($$(el, '[part~="no-show"]')).to.have.length(0);
    expect(el.matches(':state(ended)')).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('stands alone with meeting, api-base and session: reads the roster and opens the event stream itself', async () => {
    const server = new FakeCareServer();
    serveGlobally(server);
    const el = await fixture<CareRoster>(
      html`<care-roster meeting=${MEETING_ID} api-base="/api" .session=${CHAIR_SESSION} .clock=${() => at(1)}></care-roster>`,
    );
    expect(textOf($(el, '[part~="notice"]'))).to.equal(en.loading);
    await expect(el).to.be.accessible();
    await waitUntil(() => row(el, 'p_rut') && server.openStreams === 1, 'standalone roster not drawn');
    expect(server.requests.map((r) => [r.method, r.url, r.authorization])).to.deep.equal([
      ['GET', '/api/meetings/m_1/roster', `Bearer ${CHAIR_SESSION}`],
      ['GET', '/api/meetings/m_1/events', `Bearer ${CHAIR_SESSION}`],
    ]);
    expect(server.requests[1]!.accept).to.equal('text/event-stream');
    // The secret stays out of the DOM.
    expect(el.getAttributeNames()).to.not.include('session');
    expect(el.outerHTML).to.not.contain(CHAIR_SESSION);

    server.push(
      rosterOf([people.anna, change(people.esther, { status: 'connected', connectedAt: '2026-12-01T09:02:00.000Z' }), people.rut, people.kurt, people.lisa]),
    );
    await waitUntil(() => badge(el) === '3/5', 'badge did not follow the stream');

    action(el, 'p_kurt', 'admit')!.click();
    await waitUntil(() => server.seen('POST', '/meetings/m_1/admit').length === 1);
    expect(server.seen('POST', '/meetings/m_1/admit')[0]!.authorization).to.equal(`Bearer ${CHAIR_SESSION}`);

    // Taken out of the page, it stops listening; put back, it listens again.
    const parent = el.parentElement!;
    el.remove();
    await waitUntil(() => server.openStreams === 0, 'stream left open');
    parent.append(el);
    await waitUntil(() => server.openStreams === 1, 'stream not reopened');
  });

  it('standing alone, says what is wrong when the server refuses the session', async () => {
    const server = new FakeCareServer();
    serveGlobally(server);
    const el = await fixture<CareRoster>(html`<care-roster meeting=${MEETING_ID} .session=${'expired'}></care-roster>`);
    await waitUntil(() => $(el, '[part~="notice-problem"]'), 'no problem shown');
    expect(textOf($(el, '[part~="notice"]'))).to.equal(en.problem.UNAUTHENTICATED);
    // `/api` when no api-base is given.
    expect(server.requests.map((r) => r.url)).to.deep.equal(['/api/meetings/m_1/roster']);
    await expect(el).to.be.accessible();
  });

  it('without a meeting, says so and tells the developer how to give it one', async () => {
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args[0]);
    cleanups.push(() => (console.error = original));
    const el = await fixture<CareRoster>(html`<care-roster></care-roster>`);
    expect(textOf($(el, '[part~="notice"]'))).to.equal(en.noMeeting);
    await waitUntil(() => errors.length > 0, 'no message for the developer');
    expect(String(errors[0])).to.contain('<care-roster> needs a meeting');
    await expect(el).to.be.accessible();
  });

  it('speaks Swedish and Danish: roles, identification and buttons named with the person', async () => {
    const sv = (await inMeeting(new FakeCareServer(), { lang: 'sv' })).el;
    expect(textOf($(sv, '[part~="title"]'))).to.equal('Deltagare');
    expect(action(sv, 'p_rut', 'remove')!.getAttribute('aria-label')).to.equal('Ta bort Rut Exempel');
    expect(textOf(row(sv, 'p_rut')))
      .to.contain('Närstående')
      .and.contain('BankID · personnummer 1950****-****');
    expect(textOf(row(sv, 'p_anna')))
      .to.contain('Mötesledare')
      .and.contain('SITHS-kort');
    expect(textOf($(sv, '[part~="badge"] .visually-hidden'))).to.equal('2 av 5 anslutna');
    expect(action(sv, 'p_kurt', 'admit')!.getAttribute('aria-label')).to.equal('Släpp in Kurt Kurator');

    const da = (await inMeeting(new FakeCareServer(), { lang: 'da' })).el;
    expect(textOf($(da, '[part~="title"]'))).to.equal('Deltagere');
    expect(action(da, 'p_rut', 'remove')!.getAttribute('aria-label')).to.equal('Fjern Rut Exempel');
    expect(textOf(row(da, 'p_rut'))).to.contain('Pårørende');
    expect(textOf(row(da, 'p_lisa'))).to.contain('Sms-kode');
    expect($(da, '[part~="base"]')!.lang).to.equal('da');
  });

  it('names Norwegian and Finnish identities and how they are proven, in bokmål, Finnish and Swedish', async () => {
    const kari: RosterEntry = { ...people.rut, id: 'p_kari', name: 'Kari Nordmann', identity: { kind: 'fnr', masked: '****82 *****' }, verify: 'bankid-no' };
    const aino: RosterEntry = { ...people.rut, id: 'p_aino', name: 'Aino Esimerkki', identity: { kind: 'hetu', masked: '****94Y****' }, verify: 'suomifi' };
    for (const lang of ['nb', 'fi', 'sv'] as const) {
      const t = rosterStrings[lang];
      const { el } = await inMeeting(new FakeCareServer(rosterOf([people.anna, people.rut, kari, aino])), { lang });
      expect(textOf(row(el, 'p_kari')), lang).to.contain(`${t.verify['bankid-no']} · ${t.idKind.fnr} ****82 *****`);
      expect(textOf(row(el, 'p_aino')), lang).to.contain(`${t.verify.suomifi} · ${t.idKind.hetu} ****94Y****`);
      // Swedish BankID and BankID Norway never read the same to the chair.
      expect(t.verify['bankid-no'], lang).to.not.equal(t.verify.bankid);
    }
    expect(textOf(row((await inMeeting(new FakeCareServer(rosterOf([people.anna, kari])), { lang: 'nb' })).el, 'p_kari'))).to.contain(
      'BankID · fødselsnummer eller D-nummer',
    );
  });

  for (const lang of ['sv', 'da', 'en'] as const) {
    it(`names every button and link with its visible words in ${lang} (label in name)`, async () => {
      const server = new FakeCareServer(
        rosterOf(
          [people.anna, change(people.esther, { noShow: true, phone: '+46701234567' }), people.rut, people.kurt, change(people.lisa, { status: 'removed' })],
          {
            consent: consent('missing'),
          },
        ),
      );
      const { el } = await inMeeting(server, { lang, clock: () => at(6) });
      const controls = $$(el, 'button, a');
      expect(controls.length).to.be.at.least(5);
      expect(consentButton(el)).to.not.equal(null);
      for (const control of controls) {
        const name = control.getAttribute('aria-label') ?? textOf(control);
        expect(name, textOf(control)).to.contain(textOf(control));
      }
    });
  }

  for (const lang of ['sv', 'da', 'en'] as const) {
    it(`looks right in ${lang} (screenshot)`, async () => {
      await setViewport({ width: 900, height: 1300 });
      const server = new FakeCareServer(
        rosterOf(
          [
            people.anna,
            change(people.esther, { noShow: true, phone: '+46701234567' }),
            people.rut,
            people.kurt,
            change(people.lisa, { noShow: true, phone: '+46701234543' }),
            sven,
          ],
          { strangers: [{ identity: 'lk_9f3', name: 'Okänd Person', connectedAt: '2026-12-01T09:04:00.000Z' }] },
        ),
      );
      const { el } = await inMeeting(server, { lang, clock: () => at(7), width: '24rem' });
      el.setAttribute('data-shot', lang);
      const t = rosterStrings[lang];
      expect(textOf($(el, '[part~="title"]'))).to.equal(t.title);
      await expect(el).to.be.accessible();
      const path = await saveScreenshot(`roster-${lang}`, `care-roster[data-shot="${lang}"]`);
      expect(path).to.match(new RegExp(`roster-${lang}\\.png$`));

      action(el, 'p_rut', 'remove')!.click();
      await confirmDialogOpen(el);
      await saveScreenshot(`roster-dialog-${lang}`, `care-roster[data-shot="${lang}"] dialog`);
      const closed = oneEvent(dialog(el), 'close');
      dialogButton(el, 'cancel').click();
      await closed;

      // Someone not on the list: their own confirmation text.
      ($(el, '[part~="stranger"] [part~="remove-button"]') as HTMLButtonElement).click();
      await confirmDialogOpen(el);
      expect(textOf(dialog(el).querySelector('p'))).to.equal(t.confirmRemoveStrangerText);
      await saveScreenshot(`roster-stranger-dialog-${lang}`, `care-roster[data-shot="${lang}"] dialog`);
      dialogButton(el, 'cancel').click();
    });
  }

  // Every language on a desktop's side panel and on a phone: pictured
  // (roster-<state>-<lang>-<width>.png, looked at), and every word whole and inside its control
  // (Finnish compounds such as "Tekstiviestikoodi" break first).
  for (const lang of LANGS) {
    for (const [viewport, width] of [
      [1280, '24rem'],
      [390, '358px'],
    ] as const) {
      it(`fits its words in ${lang} at ${viewport} px: the list, a removal, someone not on the list, consent and its withdrawal`, async function () {
        // Six screenshots, each a round trip to the browser's driver: more than the default 10 s on a busy machine.
        this.timeout(40_000);
        await setViewport({ width: viewport, height: 1400 });
        const t = rosterStrings[lang];
        const shot = (state: string) => `roster-${state}-${lang}-${viewport}`;
        const fits = (name: string) => expect(textMisfits(el), name).to.deep.equal([]);
        const server = new FakeCareServer(
          rosterOf(
            [
              people.anna,
              change(people.esther, { noShow: true, phone: '+46701234567' }),
              people.rut,
              people.kurt,
              change(people.lisa, { noShow: true, phone: '+46701234543' }),
              sven,
            ],
            {
              strangers: [{ identity: 'lk_9f3', name: 'Okänd Person', connectedAt: '2026-12-01T09:04:00.000Z' }],
              consent: consent('given', { at: GIVEN_AT, by: 'chair', how: 'verbal', notCovered: ['p_lisa'] }),
            },
          ),
        );
        const { el } = await inMeeting(server, { lang, clock: () => at(7), width });
        el.setAttribute('data-shot', `${lang}-${viewport}`);
        expect(textOf(row(el, 'p_esther'))).to.contain(t.noShow(5));
        await saveScreenshot(shot('list'), `care-roster[data-shot="${lang}-${viewport}"]`);
        fits(shot('list'));

        action(el, 'p_rut', 'remove')!.click();
        await confirmDialogOpen(el);
        expect(textOf(dialog(el).querySelector('h2'))).to.equal(t.removeTitle('Rut Exempel'));
        await saveScreenshot(shot('remove-dialog'), `care-roster[data-shot="${lang}-${viewport}"] dialog`);
        fits(shot('remove-dialog'));
        dialogButton(el, 'cancel').click();
        await waitUntil(() => !dialog(el).open);

        ($(el, '[part~="stranger"] [part~="remove-button"]') as HTMLButtonElement).click();
        await confirmDialogOpen(el);
        expect(textOf(dialog(el).querySelector('p'))).to.equal(t.confirmRemoveStrangerText);
        await saveScreenshot(shot('stranger-dialog'), `care-roster[data-shot="${lang}-${viewport}"] dialog`);
        fits(shot('stranger-dialog'));
        dialogButton(el, 'cancel').click();
        await waitUntil(() => !dialog(el).open);

        withdrawButton(el)!.click();
        await confirmDialogOpen(el);
        await saveScreenshot(shot('withdraw-dialog'), `care-roster[data-shot="${lang}-${viewport}"] dialog`);
        fits(shot('withdraw-dialog'));
        dialogButton(el, 'cancel').click();
        await waitUntil(() => !dialog(el).open);

        consentButton(el)!.click();
        await confirmDialogOpen(el);
        await saveScreenshot(shot('consent-dialog'), `care-roster[data-shot="${lang}-${viewport}"] dialog`);
        fits(shot('consent-dialog'));
      });
    }
  }

  describe('consent', () => {
    /** What each state says, word for word, in the languages the tests read. */
    const words = {
      sv: {
        missing: 'Den enskildes samtycke till mötet och till vilka som deltar är inte registrerat.',
        record: 'Registrera samtycke',
        again: 'Registrera samtycke igen',
        given: (time: string) => `Samtycke lämnat kl. ${time}`,
        verbalByChair: 'Lämnat muntligt till personalen, registrerat av mötesledaren.',
        selfGiven: 'Lämnat av den enskilde själv i e-tjänsten.',
        notCovered: 'Samtycket omfattar inte dem som lagts till efter att det lämnades:',
        withdrawn: (time: string) => `Samtycket återkallades kl. ${time}. Prata med den enskilde innan mötet fortsätter.`,
        question: 'Har Esther Exempel samtyckt till mötet och till att de här personerna deltar?',
        withdraw: 'Registrera återkallelse',
      },
      en: {
        missing: "The individual's consent to the meeting and to who takes part is not recorded.",
        record: 'Record consent',
        again: 'Record consent again',
        given: (time: string) => `Consent given ${time}`,
        verbalByChair: 'Told to staff verbally, recorded by the meeting leader.',
        selfGiven: 'Given by the individual in the e-service.',
        notCovered: 'The consent does not cover people added after it was given:',
        withdrawn: (time: string) => `Consent withdrawn ${time}. Talk with the individual before the meeting goes on.`,
        question: 'Has Esther Exempel agreed to the meeting and to these people taking part?',
        withdraw: 'Record withdrawal',
      },
    };

    for (const lang of ['sv', 'en'] as const) {
      it(`says where the individual's consent stands in ${lang}: nothing for none, missing, given and how, not covering someone added, withdrawn`, async () => {
        const w = words[lang];
        const t = rosterStrings[lang];
        const server = new FakeCareServer();
        const { el } = await inMeeting(server, { lang });
        // none: no individual to ask, nothing said.
        expect(consentLine(el)).to.equal(null);
        expect(consentButton(el)).to.equal(null);

        server.push(baseRoster({ consent: consent('missing') }));
        await waitUntil(() => consentLine(el), 'missing consent not shown');
        expect(textOf(consentLine(el))).to.equal(`${w.missing} ${w.record}`);
        expect(consentLine(el)!.matches('[part~="consent-missing"]')).to.equal(true);
        expect(textOf(consentButton(el))).to.equal(w.record);
        // Under the header, before the list of people.
        const header = $(el, '[part~="header"]')!;
        expect(header.compareDocumentPosition(consentLine(el)!) & Node.DOCUMENT_POSITION_FOLLOWING).to.not.equal(0);
        expect(consentLine(el)!.compareDocumentPosition($(el, '[part~="group-lobby"]')!) & Node.DOCUMENT_POSITION_FOLLOWING).to.not.equal(0);

        server.push(baseRoster({ consent: consent('given', { at: GIVEN_AT, by: 'chair', how: 'verbal' }) }));
        await waitUntil(() => consentLine(el)!.matches('[part~="consent-given"]'), 'given consent not shown');
        expect(textOf(consentLine(el))).to.equal(`${w.given(hhmm(lang, GIVEN_AT))} ${w.verbalByChair} ${w.withdraw}`);
        expect(consentButton(el)).to.equal(null);
        expect(textOf(withdrawButton(el))).to.equal(w.withdraw);

        server.push(baseRoster({ consent: consent('given', { at: GIVEN_AT, by: 'individual', how: 'self', notCovered: ['p_kurt', 'p_lisa'] }) }));
        await waitUntil(() => consentLine(el)!.matches('[part~="consent-not-covered"]'), 'people not covered not shown');
        // In reading order: when, how, whom it does not cover (a list, names with roles), the button.
        expect([...consentLine(el)!.querySelectorAll('.consent-line, .consent-how, li, button')].map(textOf)).to.deep.equal([
          w.given(hhmm(lang, GIVEN_AT)),
          w.selfGiven,
          w.notCovered,
          `Kurt Kurator ${t.role.guest}`,
          `Lisa Lärare ${t.role.guest}`,
          w.again,
          w.withdraw,
        ]);
        expect(textOf(consentButton(el))).to.equal(w.again);
        await expect(el).to.be.accessible();

        server.push(baseRoster({ consent: consent('withdrawn', { at: WITHDRAWN_AT, by: 'individual' }) }));
        await waitUntil(() => consentLine(el)!.matches('[part~="consent-withdrawn"]'), 'withdrawal not shown');
        expect(textOf(consentLine(el))).to.equal(`${w.withdrawn(hhmm(lang, WITHDRAWN_AT))} ${w.record}`);
        // Recording it again is the one thing offered: nothing is in force to withdraw.
        expect($$(el, '[part~="consent"] button').map(textOf)).to.deep.equal([w.record]);
        await expect(el).to.be.accessible();

        consentButton(el)!.click();
        await confirmDialogOpen(el);
        expect(textOf(dialog(el).querySelector('h2'))).to.equal(w.question);
        await expect(el).to.be.accessible();
        dialogButton(el, 'cancel').click();
        await waitUntil(() => !dialog(el).open);
        expect(server.seen('POST', '/meetings/m_1/consent')).to.have.length(0);
      });
    }

    it('announces what changed about consent: given politely, people not covered politely, withdrawn at once', async () => {
      const server = new FakeCareServer(baseRoster({ consent: consent('missing') }));
      const { el } = await inMeeting(server);
      server.push(baseRoster({ consent: consent('given', { at: GIVEN_AT, by: 'chair', how: 'written' }) }));
      await waitUntil(() => polite(el).includes(en.consentGiven(hhmm('en', GIVEN_AT))), 'given not announced');
      server.push(baseRoster({ consent: consent('given', { at: GIVEN_AT, by: 'chair', how: 'written', notCovered: ['p_kurt'] }) }));
      await waitUntil(() => polite(el) === `${en.consentNotCovered} Kurt Kurator.`, 'not covered not announced');
      server.push(baseRoster({ consent: consent('withdrawn', { at: WITHDRAWN_AT, by: 'individual' }) }));
      await waitUntil(() => assertive(el) === en.consentWithdrawn(hhmm('en', WITHDRAWN_AT)), 'withdrawal not announced');

      // An ended meeting still says where consent stood, without a button to record it.
      server.push(baseRoster({ consent: consent('missing'), meeting: { state: 'ended' } }));
      await waitUntil(() => textOf($(el, '[part~="notice"]')) === en.ended, 'not ended');
      expect(textOf(consentLine(el))).to.equal(en.consentMissing);
      expect(consentButton(el)).to.equal(null);
    });

    it('records consent to exactly the people it showed (everyone not removed), and how, after a cancelable event', async () => {
      const server = new FakeCareServer(rosterOf([people.anna, people.esther, people.rut, people.kurt, people.lisa, sven], { consent: consent('missing') }));
      const { el } = await inMeeting(server);
      const button = consentButton(el)!;
      button.focus();
      button.click();
      await confirmDialogOpen(el);
      expect(textOf(dialog(el).querySelector('h2'))).to.equal(en.consentQuestion('Esther Exempel'));
      // Names with roles; Sven was removed and is not asked about.
      expect(shownIds(el)).to.deep.equal(EVERYONE);
      expect(textOf(asked(el).querySelector('[data-id="p_rut"]'))).to.equal('Rut Exempel Relative');
      expect(textOf(asked(el).querySelector('[data-id="p_esther"]'))).to.equal('Esther Exempel Individual');
      // Verbal is chosen until the chair says otherwise.
      expect(radio(el, 'verbal').checked).to.equal(true);
      expect(radio(el, 'written').checked).to.equal(false);
      expect(textOf(asked(el).querySelector('legend'))).to.equal(en.consentHowLegend);
      expect(textOf(dialogButton(el, 'confirm'))).to.equal('Confirm');

      // A host's veto: nothing is sent and the confirmation closes.
      const veto = (event: RosterConsentEvent) => event.preventDefault();
      el.addEventListener('care-roster-consent', veto);
      dialogButton(el, 'confirm').click();
      await waitUntil(() => !dialog(el).open, 'vetoed confirmation left open');
      await tick();
      expect(server.seen('POST', '/meetings/m_1/consent')).to.have.length(0);
      el.removeEventListener('care-roster-consent', veto);

      button.click();
      await confirmDialogOpen(el);
      radio(el, 'written').click();
      const fired = oneEvent(el, 'care-roster-consent');
      dialogButton(el, 'confirm').click();
      const event = (await fired) as RosterConsentEvent;
      expect(event).to.be.instanceOf(RosterConsentEvent);
      expect(event.bubbles && event.composed && event.cancelable).to.equal(true);
      expect(event.detail.how).to.equal('written');
      expect(event.detail.participants.map((p) => p.id)).to.deep.equal(EVERYONE);

      await waitUntil(() => server.seen('POST', '/meetings/m_1/consent').length === 1, 'consent not sent');
      const [sent] = server.seen('POST', '/meetings/m_1/consent');
      expect(sent!.body).to.deep.equal({ how: 'written', participantIds: EVERYONE });
      expect(sent!.authorization).to.equal(`Bearer ${CHAIR_SESSION}`);

      // The server's roster now says it was given: the line says so, and focus is on it (its button has gone).
      await waitUntil(() => !dialog(el).open && consentLine(el)!.matches('[part~="consent-given"]'), 'given consent not shown');
      expect(textOf(consentLine(el))).to.contain('Given in writing, recorded by the meeting leader.');
      expect(consentButton(el)).to.equal(null);
      await waitUntil(() => el.shadowRoot!.activeElement === consentLine(el), 'focus not on the consent line');
      expect(polite(el)).to.contain('Consent given');
    });

    it('when the list changed while confirming, says so in the dialog, shows the list as it is now and records it on the next confirm', async () => {
      const server = new FakeCareServer(baseRoster({ consent: consent('missing') }));
      const { el } = await inMeeting(server);
      consentButton(el)!.click();
      await confirmDialogOpen(el);
      expect(shownIds(el)).to.deep.equal(EVERYONE);
      radio(el, 'written').click();

      // Olle is registered and Kurt turned away on the server; the stream has not said so yet.
      server.roster = rosterOf([people.anna, people.esther, people.rut, change(people.kurt, { status: 'removed' }), people.lisa, olle], {
        consent: consent('missing'),
      });
      dialogButton(el, 'confirm').click();
      await waitUntil(() => asked(el).querySelector('[part~="consent-changed"]'), 'no message about the change');
      expect(server.seen('POST', '/meetings/m_1/consent')[0]!.body).to.deep.equal({ how: 'written', participantIds: EVERYONE });
      expect(dialog(el).open).to.equal(true);
      expect(textOf(asked(el).querySelector('[part~="consent-changed"]'))).to.equal(en.consentChanged);
      expect(el.shadowRoot!.activeElement).to.equal(asked(el).querySelector('[part~="consent-changed"]'));
      // The list as it is now, the newcomer marked; the chosen way is kept.
      await waitUntil(() => shownIds(el).includes('p_olle'), 'the changed list is not shown');
      expect(shownIds(el)).to.deep.equal(['p_anna', 'p_esther', 'p_rut', 'p_lisa', 'p_olle']);
      expect(textOf(asked(el).querySelector('[data-id="p_olle"]'))).to.equal(`Olle Ombud Guest ${en.consentAdded}`);
      expect(asked(el).querySelectorAll('.added')).to.have.length(1);
      expect(radio(el, 'written').checked).to.equal(true);
      expect(dialogButton(el, 'confirm').hasAttribute('aria-disabled')).to.equal(false);
      expect($(el, '[part~="error"]')).to.equal(null);
      await expect(el).to.be.accessible();

      dialogButton(el, 'confirm').click();
      await waitUntil(() => server.seen('POST', '/meetings/m_1/consent').length === 2, 'second confirmation not sent');
      expect(server.seen('POST', '/meetings/m_1/consent')[1]!.body).to.deep.equal({
        how: 'written',
        participantIds: ['p_anna', 'p_esther', 'p_rut', 'p_lisa', 'p_olle'],
      });
      await waitUntil(() => !dialog(el).open, 'dialog not closed after consent was recorded');
      await waitUntil(() => consentLine(el)?.matches('[part~="consent-given"]'), 'given consent not shown');
    });

    it('says so when the server refuses to record consent, as for other actions', async () => {
      const server = new FakeCareServer(baseRoster({ consent: consent('missing') }));
      server.refuseConsent = { status: 403, code: 'FORBIDDEN' };
      const { el } = await inMeeting(server, { lang: 'sv' });
      const button = consentButton(el)!;
      button.focus();
      button.click();
      await confirmDialogOpen(el);
      dialogButton(el, 'confirm').click();
      await waitUntil(() => $(el, '[part~="error"]'), 'no error shown');
      const message = 'Samtycket kunde inte registreras. Bara mötesledaren kan göra det.';
      expect(textOf($(el, '[part~="error"]'))).to.equal(message);
      expect(assertive(el)).to.equal(message);
      await waitUntil(() => !dialog(el).open, 'dialog left open');
      expect(el.shadowRoot!.activeElement).to.equal(button);
      expect(textOf(consentLine(el))).to.contain(words.sv.missing);
      await expect(el).to.be.accessible();
    });

    describe('a withdrawal the individual told the chair about', () => {
      // Elements compared as booleans: a failing `expect(element).to.equal(other)` stalls the whole run while chai describes the element.
      // The dialog's buttons are in the confirmation's own shadow root; the rest in the roster's.
      const hasFocus = (el: CareRoster, target: Element | null) => el.shadowRoot!.activeElement === target || asked(el).shadowRoot!.activeElement === target;
      const given = (patch: Parameters<typeof consent>[1] = {}) => consent('given', { at: GIVEN_AT, by: 'chair', how: 'verbal', ...patch });

      it('is offered only while consent is in force, as a secondary button', async () => {
        const server = new FakeCareServer();
        const { el } = await inMeeting(server);
        // none: no individual, nothing to withdraw.
        expect(withdrawButton(el) === null, 'Record withdrawal is offered').to.equal(true);
        server.push(baseRoster({ consent: consent('missing') }));
        await waitUntil(() => consentLine(el), 'missing consent not shown');
        expect(withdrawButton(el) === null, 'Record withdrawal is offered').to.equal(true);

        server.push(baseRoster({ consent: given() }));
        await waitUntil(() => consentLine(el)!.matches('[part~="consent-given"]'), 'given consent not shown');
        const button = withdrawButton(el)!;
        expect(textOf(button)).to.equal(en.recordWithdrawal);
        expect(button.getAttribute('aria-label')).to.equal(en.recordWithdrawal);
        expect(button.matches('[part~="button"]')).to.equal(true);
        // Not what the line asks for: the plain look of Let in again, not the primary colour.
        expect(button.className).to.equal('');
        expect(getComputedStyle(button).backgroundColor).to.equal('rgb(255, 255, 255)');

        // Given, but not covering people added since: both, recording it again first.
        server.push(baseRoster({ consent: given({ notCovered: ['p_kurt'] }) }));
        await waitUntil(() => consentLine(el)!.matches('[part~="consent-not-covered"]'), 'people not covered not shown');
        expect($$(el, '[part~="consent"] button').map((b) => b.getAttribute('part'))).to.deep.equal([
          'button consent-button',
          'button withdraw-consent-button',
        ]);

        server.push(baseRoster({ consent: consent('withdrawn', { at: WITHDRAWN_AT, by: 'individual' }) }));
        await waitUntil(() => consentLine(el)!.matches('[part~="consent-withdrawn"]'), 'withdrawal not shown');
        expect(withdrawButton(el) === null, 'Record withdrawal is offered').to.equal(true);

        // An ended meeting offers no actions, this one included.
        server.push(baseRoster({ consent: given(), meeting: { state: 'ended' } }));
        await waitUntil(() => textOf($(el, '[part~="notice"]')) === en.ended, 'not ended');
        expect(consentLine(el)!.matches('[part~="consent-given"]')).to.equal(true);
        expect(withdrawButton(el) === null, 'Record withdrawal is offered').to.equal(true);
      });

      it('records it once, after a confirmation and a cancelable event; the line then says it was withdrawn and has focus', async () => {
        const server = new FakeCareServer(baseRoster({ consent: given() }));
        const { el } = await inMeeting(server);
        const button = withdrawButton(el)!;
        button.focus();
        button.click();
        await confirmDialogOpen(el);
        expect(textOf(dialog(el).querySelector('h2'))).to.equal('Has Esther Exempel withdrawn their consent?');
        expect(textOf(dialog(el).querySelector('#text'))).to.equal(en.withdrawalText);
        // Cancel first, and focused: Enter does not record anything by accident.
        expect([...dialog(el).querySelectorAll('button')].map(textOf)).to.deep.equal(['Cancel', 'Confirm']);
        expect(hasFocus(el, dialogButton(el, 'cancel')), 'focus not on Cancel').to.equal(true);
        await expect(el).to.be.accessible();

        // Cancel: nothing is sent, focus goes back.
        dialogButton(el, 'cancel').click();
        await waitUntil(() => !dialog(el).open);
        await tick();
        expect(hasFocus(el, button), 'focus not back on the button').to.equal(true);

        // A host's veto: nothing is sent and the confirmation closes.
        const veto = (event: RosterConsentWithdrawEvent) => event.preventDefault();
        el.addEventListener('care-roster-consent-withdraw', veto);
        button.click();
        await confirmDialogOpen(el);
        dialogButton(el, 'confirm').click();
        await waitUntil(() => !dialog(el).open, 'vetoed confirmation left open');
        await tick();
        el.removeEventListener('care-roster-consent-withdraw', veto);
        expect(server.seen('DELETE', '/meetings/m_1/consent')).to.have.length(0);
        expect(consentLine(el)!.matches('[part~="consent-given"]')).to.equal(true);

        button.click();
        await confirmDialogOpen(el);
        const fired = oneEvent(el, 'care-roster-consent-withdraw');
        // A second press before the answer sends nothing more.
        dialogButton(el, 'confirm').click();
        dialogButton(el, 'confirm').click();
        const event = (await fired) as RosterConsentWithdrawEvent;
        expect(event).to.be.instanceOf(RosterConsentWithdrawEvent);
        expect(event.bubbles && event.composed && event.cancelable).to.equal(true);
        expect(event.detail.individual?.id).to.equal('p_esther');

        await waitUntil(() => !dialog(el).open && consentLine(el)!.matches('[part~="consent-withdrawn"]'), 'withdrawal not shown');
        await tick();
        expect(server.seen('DELETE', '/meetings/m_1/consent')).to.have.length(1);
        expect(server.seen('DELETE', '/meetings/m_1/consent')[0]!.authorization).to.equal(`Bearer ${CHAIR_SESSION}`);
        expect(server.seen('POST', '/meetings/m_1/consent')).to.have.length(0);
        expect(textOf(consentLine(el)!.querySelector('.consent-line'))).to.match(/^Consent withdrawn \d\d:\d\d\. /);
        expect(withdrawButton(el) === null, 'Record withdrawal is offered').to.equal(true);
        // Its button has gone: focus is on the line that says what happened, not on Record consent.
        await waitUntil(() => hasFocus(el, consentLine(el)), 'focus not on the consent line');
        expect($(el, '[part~="error"]') === null, 'an error is shown').to.equal(true);
        await expect(el).to.be.accessible();
      });

      it('is inert while the server answers, and puts focus on the line when the roster comes after the answer', async () => {
        const server = new FakeCareServer(baseRoster({ consent: given() }));
        server.pushOnConsent = false;
        let release!: () => void;
        const held = new Promise<void>((resolve) => (release = resolve));
        const answer = server.fetch;
        Object.defineProperty(server, 'fetch', {
          value: async (input: RequestInfo | URL, init?: RequestInit) => {
            if (init?.method === 'DELETE') await held;
            return answer(input, init);
          },
        });
        const { el } = await inMeeting(server);
        const button = withdrawButton(el)!;
        button.focus();
        button.click();
        await confirmDialogOpen(el);
        dialogButton(el, 'confirm').click();
        await waitUntil(() => dialogButton(el, 'confirm').getAttribute('aria-disabled') === 'true', 'confirm not inert while pending');
        expect(button.getAttribute('aria-disabled')).to.equal('true');
        expect(dialog(el).open).to.equal(true);

        release();
        await waitUntil(() => !dialog(el).open, 'dialog not closed after the answer');
        expect(server.seen('DELETE', '/meetings/m_1/consent')).to.have.length(1);
        await waitUntil(() => hasFocus(el, button), 'focus not back on the button');
        expect(button.hasAttribute('aria-disabled')).to.equal(false);

        server.push(baseRoster({ consent: consent('withdrawn', { at: WITHDRAWN_AT, by: 'chair' }) }));
        await waitUntil(() => consentLine(el)!.matches('[part~="consent-withdrawn"]'), 'withdrawal not shown');
        // Its button has gone: the line that says so, not the Record consent button in it.
        await waitUntil(() => hasFocus(el, consentLine(el)), 'focus not on the consent line');
      });

      it('says so when the server refuses: none in force (she withdrew it herself meanwhile)', async () => {
        const server = new FakeCareServer(baseRoster({ consent: given() }));
        const { el } = await inMeeting(server);
        // The server has it as withdrawn already; the stream has not said so yet. It answers 409 CONFLICT.
        server.roster = baseRoster({ consent: consent('withdrawn', { at: WITHDRAWN_AT, by: 'individual' }) });
        const button = withdrawButton(el)!;
        button.focus();
        button.click();
        await confirmDialogOpen(el);
        dialogButton(el, 'confirm').click();
        await waitUntil(() => $(el, '[part~="error"]'), 'no error shown');
        const message = `${en.failedWithdrawal} ${en.withdrawalNotInForce}`;
        expect(message).to.equal('The withdrawal could not be recorded. No consent is in force to withdraw.');
        expect(textOf($(el, '[part~="error"]'))).to.equal(message);
        expect(assertive(el)).to.equal(message);
        expect(server.seen('DELETE', '/meetings/m_1/consent')).to.have.length(1);
        await waitUntil(() => !dialog(el).open, 'dialog left open');
        expect(hasFocus(el, button), 'focus not back on the button').to.equal(true);
        expect(button.hasAttribute('aria-disabled')).to.equal(false);
        await expect(el).to.be.accessible();
      });

      it('speaks Swedish, and says why in Swedish when the server refuses', async () => {
        const server = new FakeCareServer(baseRoster({ consent: given() }));
        server.refuseConsent = { status: 403, code: 'FORBIDDEN' };
        const { el } = await inMeeting(server, { lang: 'sv' });
        expect(textOf(withdrawButton(el))).to.equal('Registrera återkallelse');
        withdrawButton(el)!.click();
        await confirmDialogOpen(el);
        expect(textOf(dialog(el).querySelector('h2'))).to.equal('Har Esther Exempel återkallat sitt samtycke?');
        expect(textOf(dialog(el).querySelector('#text'))).to.equal('Utan det bör mötet inte fortsätta.');
        expect([...dialog(el).querySelectorAll('button')].map(textOf)).to.deep.equal(['Avbryt', 'Bekräfta']);
        await expect(el).to.be.accessible();
        dialogButton(el, 'confirm').click();
        await waitUntil(() => $(el, '[part~="error"]'), 'no error shown');
        expect(textOf($(el, '[part~="error"]'))).to.equal('Återkallelsen kunde inte registreras. Bara mötesledaren kan göra det.');
        expect(consentLine(el)!.matches('[part~="consent-given"]')).to.equal(true);
      });
    });

    it('works from the keyboard: Space or Enter opens it, arrows choose, Enter on a choice does not answer, Confirm records', async () => {
      const server = new FakeCareServer(baseRoster({ consent: consent('withdrawn', { at: WITHDRAWN_AT, by: 'individual' }) }));
      const { el } = await inMeeting(server);
      consentButton(el)!.focus();
      await pressKey('Space');
      await confirmDialogOpen(el);
      // The safe choice first, as in every confirmation here.
      expect(asked(el).shadowRoot!.activeElement).to.equal(dialogButton(el, 'cancel'));
      await pressKey('Escape');
      await waitUntil(() => !dialog(el).open);
      expect(el.shadowRoot!.activeElement).to.equal(consentButton(el));

      await pressKey('Enter');
      await confirmDialogOpen(el);
      await pressKey('Shift+Tab');
      expect(el.shadowRoot!.activeElement).to.equal(radio(el, 'verbal'));
      await pressKey('ArrowDown');
      expect(radio(el, 'written').checked).to.equal(true);
      expect(el.shadowRoot!.activeElement).to.equal(radio(el, 'written'));
      await pressKey('Enter');
      await tick();
      expect(dialog(el).open).to.equal(true);
      await pressKey('Tab');
      expect(asked(el).shadowRoot!.activeElement).to.equal(dialogButton(el, 'cancel'));
      await pressKey('Tab');
      expect(asked(el).shadowRoot!.activeElement).to.equal(dialogButton(el, 'confirm'));
      await pressKey('Enter');
      await waitUntil(() => server.seen('POST', '/meetings/m_1/consent').length === 1, 'consent not sent from the keyboard');
      expect(server.seen('POST', '/meetings/m_1/consent')[0]!.body).to.deep.equal({ how: 'written', participantIds: EVERYONE });
      await waitUntil(() => !dialog(el).open, 'dialog not closed');
    });

    for (const lang of ['sv', 'da', 'en'] as const) {
      it(`looks right in ${lang}: consent missing with its confirmation, given but not covering someone added, the withdrawal's confirmation (screenshots)`, async () => {
        await setViewport({ width: 900, height: 1300 });
        const server = new FakeCareServer(baseRoster({ consent: consent('missing') }));
        const { el } = await inMeeting(server, { lang, width: '24rem' });
        el.setAttribute('data-shot', `consent-${lang}`);
        const selector = `care-roster[data-shot="consent-${lang}"]`;
        await saveScreenshot(`roster-consent-missing-${lang}`, selector);
        consentButton(el)!.click();
        await confirmDialogOpen(el);
        await saveScreenshot(`roster-consent-dialog-${lang}`, `${selector} dialog`);
        await expect(el).to.be.accessible();

        if (lang === 'en') {
          server.roster = rosterOf([people.anna, people.esther, people.rut, people.kurt, people.lisa, olle], { consent: consent('missing') });
          dialogButton(el, 'confirm').click();
          await waitUntil(() => shownIds(el).includes('p_olle'), 'the changed list is not shown');
          await saveScreenshot(`roster-consent-changed-${lang}`, `${selector} dialog`);
        }
        const closed = oneEvent(dialog(el), 'close');
        dialogButton(el, 'cancel').click();
        await closed;

        server.push(
          rosterOf([people.anna, people.esther, people.rut, people.kurt, people.lisa, olle], {
            consent: consent('given', { at: GIVEN_AT, by: 'chair', how: 'verbal', notCovered: ['p_kurt', 'p_olle'] }),
          }),
        );
        await waitUntil(() => consentLine(el)?.matches('[part~="consent-not-covered"]'), 'not covered not shown');
        const path = await saveScreenshot(`roster-consent-not-covered-${lang}`, selector);
        expect(path).to.match(new RegExp(`roster-consent-not-covered-${lang}\\.png$`));

        withdrawButton(el)!.click();
        await confirmDialogOpen(el);
        await saveScreenshot(`roster-consent-withdraw-dialog-${lang}`, `${selector} dialog`);
        await expect(el).to.be.accessible();
        dialogButton(el, 'cancel').click();
      });
    }
  });

  it('spreads out when it has room (screenshot)', async () => {
    await setViewport({ width: 900, height: 1000 });
    const { el } = await inMeeting(new FakeCareServer(), { lang: 'en', clock: () => at(7), width: '44rem' });
    el.setAttribute('data-shot', 'wide');
    const actions = row(el, 'p_kurt')!.querySelector<HTMLElement>('[part~="actions"]')!;
    const name = row(el, 'p_kurt')!.querySelector<HTMLElement>('[part~="name"]')!;
    // The buttons sit beside the person, not under them.
    expect(actions.getBoundingClientRect().top).to.be.below(name.getBoundingClientRect().bottom + 40);
    await saveScreenshot('roster-wide-en', 'care-roster[data-shot="wide"]');
  });
});
