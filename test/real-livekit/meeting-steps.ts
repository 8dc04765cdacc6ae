// The steps people take through the demo portal, as the media-path suite takes them: book a SIP
// meeting in the EHR, open it as the meeting leader, join from the inbox, join as an SMS guest and
// wait in the lobby, let in, remove, end. Only what a person sees and clicks; what the media does
// is checked by the suite with ./media-probe.ts. Every selector comes from the elements' own
// templates (packages/components/src/elements/meeting/*), in English (`?lang=en`).
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { outboxTexts, passDeviceCheck, person, type Demo } from '../e2e/harness.js';

export const STEP_TIMEOUT = 30_000;

/** The booking form's default participants (packages/demo/src/pages/pages.ts, DEFAULT_ROWS). */
export const PEOPLE = {
  chair: { name: 'Anna Samordnare', role: 'Meeting leader', careRole: 'chair', hsaId: 'SE2321000016-A1B2' },
  individual: { name: 'Esther Exempel', role: 'Individual', careRole: 'individual', inboxId: 'esther', pnr: '19121212-1212' },
  relative: { name: 'Rut Exempel', role: 'Relative', careRole: 'relative', inboxId: 'rut' },
  guest: { name: 'Kurt Kurator', role: 'Guest', careRole: 'guest', phone: '+46709876543' },
} as const;

export interface Person {
  context: BrowserContext;
  page: Page;
}

/** A person's own browser window; `initScript`, when given, runs in every page before its own scripts. */
export async function newPerson(browser: Browser, initScript?: string): Promise<Person> {
  const p = await person(browser);
  if (initScript) await p.context.addInitScript({ path: initScript });
  return p;
}

/** The care coordinator books the default SIP meeting in the EHR (chat and screen sharing only if asked); answers its id. */
export async function bookMeeting(page: Page, demo: Demo, allow: { chat?: boolean; screenShare?: boolean } = {}): Promise<string> {
  await page.goto(`${demo.url}/ehr?lang=en`);
  if (allow.chat) await page.getByLabel('Allow chat').check();
  if (allow.screenShare) await page.getByLabel('Allow screen sharing').check();
  await page.getByRole('button', { name: 'Book the meeting' }).click();
  // The confirmation the EHR shows after booking names the meeting just booked.
  const booked = page.locator('#booked[data-meeting]');
  await booked.waitFor({ timeout: STEP_TIMEOUT });
  const meetingId = await booked.getAttribute('data-meeting');
  assert.match(meetingId ?? '', /^m_/);
  return meetingId as string;
}

/** The room's Leave button: there once the person is in the room (not in the lobby, whose button is plain "Leave" too). */
export const leaveControl = (page: Page): Locator => page.locator('care-meeting button.control.leave');

/** The meeting leader opens the meeting from the EHR (the portal vouches for her SITHS login) and is in the room. */
export async function chairJoins(page: Page, demo: Demo, meetingId: string): Promise<void> {
  await page.goto(`${demo.url}/ehr?lang=en`);
  await page.locator(`article[data-meeting="${meetingId}"]`).getByRole('link', { name: 'Open as meeting leader' }).click();
  await passDeviceCheck(page, STEP_TIMEOUT);
  await page.getByRole('button', { name: 'End the meeting for everyone' }).waitFor({ timeout: STEP_TIMEOUT });
  await leaveControl(page).waitFor({ timeout: STEP_TIMEOUT });
}

/** A citizen logged in to the inbox (BankID, vouched by the portal) joins the meeting from its message. */
export async function citizenJoins(page: Page, demo: Demo, meetingId: string, who: string): Promise<void> {
  await page.goto(`${demo.url}/inbox?who=${who}&lang=en`);
  await page.locator(`article[data-meeting="${meetingId}"]`).getByRole('link', { name: 'Join the meeting' }).click();
  await passDeviceCheck(page, STEP_TIMEOUT);
}

/** A participant's invitation link, as the EHR lists it under the booked meeting. */
export async function invitationLink(page: Page, demo: Demo, meetingId: string, name: string): Promise<string> {
  await page.goto(`${demo.url}/ehr?lang=en`);
  const row = page.locator(`article[data-meeting="${meetingId}"] ul.invitations li`).filter({ hasText: name });
  const href = await row.locator('a.invite-link').first().getAttribute('href');
  assert.ok(href && href.includes('/join#invite='), `the EHR lists ${name}'s invitation link`);
  return href;
}

/**
 * A person opens their invitation link and logs in at the test identity provider, in the window
 * the element opens: BankID-like with a personnummer, SITHS-like with an HSA-id. Ends after the
 * device check (in the room, or in the lobby for those who wait there).
 */
export async function loginJoins(
  person: Person,
  demo: Demo,
  meetingId: string,
  name: string,
  login: { method: 'BankID'; pnr: string } | { method: 'SITHS card'; hsaId: string },
): Promise<void> {
  const link = await invitationLink(person.page, demo, meetingId, name);
  await person.page.goto(link.replace('/join#', '/join?lang=en#'));
  const popup = person.page.waitForEvent('popup', { timeout: STEP_TIMEOUT });
  await person.page.getByRole('button', { name: `Log in with ${login.method}` }).click();
  const idp = await popup;
  await idp.waitForLoadState();
  if ('pnr' in login) await idp.getByLabel(/personnummer/).fill(login.pnr);
  else await idp.getByLabel(/HSA-id/).fill(login.hsaId);
  // The test IdP speaks the browser's language (English here), as the request carries no ui_locales.
  await idp.getByRole('button', { name: 'Log in' }).click();
  await passDeviceCheck(person.page, STEP_TIMEOUT);
}

/** The SMS guest: the invitation link from the outbox, a code by SMS, the device check; ends in the lobby. */
export async function smsGuestToLobby(guest: Person, demo: Demo, phone: string): Promise<void> {
  const invitation = (await outboxTexts(guest.page, demo, phone)).find((t) => t.includes('/join#invite='));
  assert.ok(invitation, 'the guest got an invitation by SMS');
  const link = /(http:\/\/\S+\/join#invite=[A-Za-z0-9_-]+)/.exec(invitation)?.[1];
  assert.ok(link, 'the invitation holds a join link');
  await guest.page.goto(link.replace('/join#', '/join?lang=en#'));
  await guest.page.getByRole('button', { name: 'Send code' }).click();
  await guest.page.getByLabel('Code from the SMS').waitFor({ timeout: STEP_TIMEOUT });
  // The outbox in a second tab of the guest's window, so the meeting page keeps its state.
  const outbox = await guest.context.newPage();
  const texts = await outboxTexts(outbox, demo, phone);
  await outbox.close();
  const code = /\b(\d{6})\b/.exec(texts.find((t) => /\b\d{6}\b/.test(t) && !t.includes('/join#')) ?? '')?.[1];
  assert.ok(code, 'the code SMS arrived in the outbox');
  await guest.page.getByLabel('Code from the SMS').fill(code);
  await guest.page.getByRole('button', { name: 'Continue' }).click();
  await passDeviceCheck(guest.page, STEP_TIMEOUT);
  await guest.page.getByText('The meeting leader will let you in').first().waitFor({ timeout: STEP_TIMEOUT });
}

/** A guest in the meeting leader's lobby list (`<care-lobby-list>` in her roster: `li.guest`, with their camera and name). */
export const lobbyGuest = (chair: Page, name: string): Locator => chair.locator('care-meeting li.guest').filter({ hasText: name });

/** The meeting leader lets a guest in from her lobby list ("Let in" + the name). */
export async function letIn(chair: Page, name: string): Promise<void> {
  const button = lobbyGuest(chair, name).getByRole('button', { name: `Let in ${name}` });
  await button.waitFor({ timeout: STEP_TIMEOUT });
  await button.click();
}

/** Every tile in the room's grid (video-tile.ts: `figure.tile`, `data-identity`, `data-local`). */
export const tiles = (page: Page): Locator => page.locator('care-meeting figure.tile:not(.screen)');
export const localTile = (page: Page): Locator => page.locator('care-meeting figure.tile[data-local]');
/** Another person's tile, found by the name on it. */
export const remoteTile = (page: Page, name: string): Locator =>
  page.locator('care-meeting figure.tile:not([data-local]):not(.screen)').filter({ has: page.locator('.name', { hasText: name }) });

/** What a tile says: the name (without "(you)") and the role, as rendered. */
export async function tileCaption(tile: Locator): Promise<{ name: string; role: string }> {
  const name = (await tile.locator('.name').first().textContent())?.replace(/\(you\)/, '').trim() ?? '';
  const role = (await tile.locator('.role').first().textContent())?.trim() ?? '';
  return { name, role };
}

/** The room's connection line (room-view.ts: `.connection`, a status region with `data-connection`). */
export const connectionLine = (page: Page): Locator => page.locator('care-meeting .connection').first();

/** The meeting leader removes someone with the Remove button on their tile, and confirms. */
export async function removeFromTile(chair: Page, name: string): Promise<void> {
  await remoteTile(chair, name)
    .getByRole('button', { name: `Remove ${name}` })
    .click();
  await chair.locator('care-meeting dialog.confirm button[value="confirm"]').click();
}

/** The meeting leader ends the meeting for everyone, and confirms. */
export async function endMeeting(chair: Page): Promise<void> {
  await chair.getByRole('button', { name: 'End the meeting for everyone' }).click();
  await chair.locator('care-meeting dialog.confirm button[value="confirm"]').click();
}

/** Waits for the heading a phase shows (meeting.ts), e.g. "The meeting has ended". */
export async function seesHeading(page: Page, text: string): Promise<void> {
  await page.locator('care-meeting h2', { hasText: text }).first().waitFor({ timeout: STEP_TIMEOUT });
}

/** Every `POST /api/join` a page made, with the LiveKit tokens (and the meeting key, when encrypted) in its answers, as it happened. */
export interface JoinLog {
  answers: Array<{ at: number; status: number; token: string | null; lobbyToken: string | null; e2ee: { key: string; keyIndex: number } | null }>;
  /** The newest LiveKit token the server gave this page (room or lobby). */
  lastToken(): string;
}

/** Starts recording the page's joins (call before the page joins). */
export function recordJoins(page: Page): JoinLog {
  const log: JoinLog = {
    answers: [],
    lastToken() {
      const t = [...log.answers].reverse().find((a) => a.token)?.token;
      assert.ok(t, 'the page was given a LiveKit token');
      return t;
    },
  };
  page.on('response', async (r) => {
    if (r.request().method() !== 'POST' || new URL(r.url()).pathname !== '/api/join') return;
    const body = (await r.json().catch(() => null)) as { token?: string; lobbyToken?: string; e2ee?: { key: string; keyIndex: number } } | null;
    log.answers.push({ at: Date.now(), status: r.status(), token: body?.token ?? null, lobbyToken: body?.lobbyToken ?? null, e2ee: body?.e2ee ?? null });
  });
  return log;
}

/** A person's line in the meeting leader's roster (roster.ts: `li.person` with `data-status`). */
export const rosterLine = (chair: Page, name: string): Locator => chair.locator('care-roster li.person').filter({ hasText: name });

/** Waits until the meeting leader's roster shows `name` with `status` (connected, lobby, absent, left, removed). */
export async function rosterSays(chair: Page, name: string, status: string, timeout = STEP_TIMEOUT): Promise<void> {
  await chair.locator(`care-roster li.person[data-status="${status}"]`).filter({ hasText: name }).waitFor({ state: 'attached', timeout });
}

/** The next `POST /api/join` this page makes, with the server's answer: its status and error code, if any. */
export async function nextJoinAnswer(page: Page, timeout = STEP_TIMEOUT): Promise<{ status: number; code: string | null }> {
  const response = await page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/join', { timeout });
  const body = (await response.json().catch(() => null)) as { error?: { code?: string } } | null;
  return { status: response.status(), code: body?.error?.code ?? null };
}
