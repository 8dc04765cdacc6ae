// <care-verify-identity> against the real server SDK and the real test identity provider, both
// running in the test runner's Node process (test-support/identity-server-plugin.mjs). Run with
// web-test-runner.identity.config.mjs.
//
// The BankID-like logins go through the popup, driven by Playwright in the test runner: the test
// IdP forbids framing (`frame-ancestors 'none'`, as real identity providers do), so an iframe cannot
// show its login page, and a redirect would navigate this test page away. The popup is a real
// second window: the element opens it from a real key press, the IdP's login page is filled in
// there, the callback page posts the result to this page and closes itself. The redirect display
// runs in a tab of its own (`identity-redirect-login`).
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';

import '../../define/care-verify-identity.js';
import type { SessionGrant } from '@care-meet/protocol/wire';
import { PENDING_LOGIN_KEY } from '../../core/verify-identity-flow.js';
import { MeetingErrorEvent } from '../../events/meeting-events.js';
import { VerifiedEvent } from '../../events/verify-identity-verified.js';
import { verifyIdentityStrings } from '../../test-support/all-strings.js';
import { exceptIn, NOT_IN } from '../../test-support/engine.js';
import { FakeMeetingApi } from '../../test-support/fake-meeting-api.js';
import { LANGS } from '../../i18n/localize.js';
import { textMisfits } from '../../test-support/text-fit.js';
import { emulateMedia, pressKey, saveScreenshot, setViewport } from '../../test-support/wtr-commands.js';
import { CareVerifyIdentity } from './verify-identity.js';

const { en, sv, da } = verifyIdentityStrings;

type Person = 'chair' | 'esther' | 'rut' | 'sms' | 'email';
interface Booked {
  meetingId: string;
  invites: Record<Person, string>;
  participants: Record<Person, string>;
}

/** A command to the identity server plugin (or the runner's own `send-keys`), over the runner's socket. */
async function command<Result>(name: string, payload: unknown = {}): Promise<Result> {
  const sessionId = new URL(location.href).searchParams.get('wtr-session-id');
  const socketModule = '/__web-dev-server__web-socket.js';
  const { sendMessageWaitForResponse } = (await import(socketModule)) as {
    sendMessageWaitForResponse(message: unknown): Promise<{ executed: boolean; result: Result }>;
  };
  const response = await sendMessageWaitForResponse({ type: 'wtr-command', sessionId, command: name, payload });
  if (!response.executed) throw new Error(`No test-runner plugin handled "${name}"`);
  return response.result;
}

const book = () => command<Booked>('identity-book');
/** Types like a person, into whatever has focus. */
const type = (text: string) => command<void>('send-keys', { type: text });
/** Logs in at the test IdP's window; answers the language its page spoke (`<html lang>`). */
const loginAtIdp = (choice: { user?: string; pnr?: string; cancel?: boolean; close?: boolean }) =>
  command<{ closed: boolean; lang?: string }>('identity-idp-login', choice);

async function latestCode(): Promise<string> {
  const messages = await command<Array<{ channel: string; to: string; text: string }>>('identity-outbox');
  // In whatever language it was sent: a code SMS is the one without a link (an invitation has one).
  const text = messages.filter((m) => m.channel === 'sms' && !/https?:\/\//.test(m.text)).at(-1)?.text ?? '';
  const code = /\b(\d{6})\b/.exec(text)?.[1];
  if (!code) throw new Error(`no code in the outbox: ${JSON.stringify(messages)}`);
  return code;
}

const part = <T extends Element = HTMLElement>(el: CareVerifyIdentity, name: string): T | null => el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
const textOf = (node: Node | null | undefined): string => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const status = (el: CareVerifyIdentity) => textOf(el.shadowRoot!.querySelector('[role="status"]'));
const alert = (el: CareVerifyIdentity) => textOf(el.shadowRoot!.querySelector('[role="alert"]'));
const focused = (el: CareVerifyIdentity) => el.shadowRoot!.activeElement;

async function waitForPart<T extends Element = HTMLElement>(el: CareVerifyIdentity, name: string, timeout = 5000): Promise<T> {
  await waitUntil(() => part(el, name), `no ${name}: ${textOf(el.shadowRoot)}`, { timeout });
  return part<T>(el, name)!;
}

/** Resolves with the next `type` event on `target`, or fails after a while instead of hanging. */
function next<K extends keyof GlobalEventHandlersEventMap>(target: EventTarget, name: K, ms = 10_000): Promise<GlobalEventHandlersEventMap[K]> {
  return Promise.race([
    oneEvent(target, name) as Promise<GlobalEventHandlersEventMap[K]>,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no ${name} within ${ms} ms`)), ms)),
  ]);
}

/**
 * Resolves with the element's next `care-verified`; fails at once, with the element's words, when
 * it shows a new problem instead (rather than waiting out the timeout).
 */
function verifiedFrom(el: CareVerifyIdentity, ms = 10_000): Promise<VerifiedEvent> {
  const before = textOf(part(el, 'error'));
  return new Promise((resolve, reject) => {
    const finish = (error: Error | null, event?: VerifiedEvent) => {
      clearTimeout(timer);
      clearInterval(poll);
      el.removeEventListener('care-verified', onVerified);
      if (error) reject(error);
      else resolve(event!);
    };
    const onVerified = (event: VerifiedEvent) => finish(null, event);
    const timer = setTimeout(() => finish(new Error(`no care-verified within ${ms} ms`)), ms);
    const poll = setInterval(() => {
      const now = textOf(part(el, 'error'));
      if (now && now !== before) finish(new Error(`a problem instead of care-verified: ${now}`));
    }, 50);
    el.addEventListener('care-verified', onVerified);
  });
}

/** Records every `name` event on the document while a test runs. */
function record<K extends 'care-verified' | 'care-error'>(name: K): { events: Array<GlobalEventHandlersEventMap[K]>; stop(): void } {
  const events: Array<GlobalEventHandlersEventMap[K]> = [];
  const keep = (event: GlobalEventHandlersEventMap[K]) => events.push(event);
  document.addEventListener(name, keep);
  return { events, stop: () => document.removeEventListener(name, keep) };
}

const mount = (invite: string, lang: 'sv' | 'da' | 'en', apiBase = '/api') =>
  fixture<CareVerifyIdentity>(html`
    <care-verify-identity invite=${invite} lang=${lang} api-base=${apiBase}>
      <p slot="support">Support: ring 010-123 45 67</p>
    </care-verify-identity>
  `);

/** Presses the login button with the keyboard, as a person would: a real user activation opens the popup. */
async function pressLogin(el: CareVerifyIdentity): Promise<void> {
  const login = await waitForPart(el, 'login-button');
  login.focus();
  await pressKey('Enter');
  await waitForPart(el, 'cancel-button');
}

function expectProblem(el: CareVerifyIdentity, title: string, text: string): void {
  const error = part(el, 'error')!;
  expect(error, 'no problem shown').to.exist;
  expect(textOf(error.querySelector('#error-title'))).to.equal(title);
  expect(textOf(error.querySelector('#error-text'))).to.equal(text);
  // Announced, and the host's support information with it.
  expect(alert(el)).to.equal(`${title}. ${text}`);
  expect(part(el, 'support')!.hidden).to.equal(false);
  expect(
    part(el, 'support')!
      .querySelector('slot')!
      .assignedElements()
      .map((e) => e.textContent),
  ).to.deep.equal(['Support: ring 010-123 45 67']);
}

describe('<care-verify-identity>', function () {
  this.timeout(30_000);

  beforeEach(async () => {
    await command('identity-reset');
  });

  it('logs in with BankID in a popup, as the invited person, and hands over a working session', async () => {
    const booked = await book();
    const el = await mount(booked.invites.esther, 'en');
    const login = await waitForPart(el, 'login-button');
    expect(el).to.be.instanceOf(CareVerifyIdentity);
    expect(login.localName).to.equal('button');
    expect(textOf(login)).to.equal(en.loginButton('BankID'));
    expect(textOf(part(el, 'invitation'))).to.contain(en.invitationFor('Esther Exempel'));
    // Support information belongs to problems: none yet.
    expect(part(el, 'support')).to.equal(null);
    await expect(el).to.be.accessible();

    const verified = verifiedFrom(el);
    await pressLogin(el);
    expect(el.matches(':state(busy)')).to.equal(true);
    expect(status(el)).to.equal(en.loginWaiting);
    await expect(el).to.be.accessible();
    await saveScreenshot('verify-identity-waiting-en', 'care-verify-identity');

    // A result posted by anyone but the login window is ignored.
    window.postMessage({ type: 'care-verify-result', session: 'forged-session-0123456789', participantId: 'p_forged', expiresAt: '2099-01-01T00:00:00Z' }, '*');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(part(el, 'done')).to.equal(null);

    const atIdp = await loginAtIdp({ user: 'Esther' });
    // The element asked for its own language (ui_locales), and the identity provider's page spoke it.
    expect(atIdp.lang).to.equal('en');
    const event = await verified;
    expect(event).to.be.instanceOf(VerifiedEvent);
    expect(event.bubbles && event.composed).to.equal(true);
    expect(event.detail).to.include({ participantId: booked.participants.esther, method: 'bankid', meetingId: booked.meetingId });
    expect(event.detail.session).to.be.a('string').and.not.equal('forged-session-0123456789');
    expect(Date.parse(event.detail.expiresAt)).to.be.greaterThan(Date.now());

    // The server takes the session: the person can join.
    const join = await fetch('/api/join', { method: 'POST', headers: { authorization: `Bearer ${event.detail.session}` } });
    expect(join.status).to.equal(200);
    expect((await join.json()).participantId).to.equal(booked.participants.esther);

    await waitForPart(el, 'done');
    expect(textOf(part(el, 'done'))).to.contain(en.verifiedTitle);
    expect(status(el)).to.equal(en.verifiedTitle);
    expect(focused(el)?.id).to.equal('done-heading');
    expect(el.matches(':state(verified)')).to.equal(true);
    await expect(el).to.be.accessible();
    await saveScreenshot('verify-identity-verified-en', 'care-verify-identity');
  });

  it('refuses a BankID login by someone else than the invited person, says what to do, and the invitation still works', async () => {
    const booked = await book();
    const verified = record('care-verified');
    try {
      const el = await mount(booked.invites.esther, 'en');
      await pressLogin(el);
      await loginAtIdp({ user: 'Sven' });
      await waitForPart(el, 'error');
      const { title, text } = en.problem.identityMismatch('BankID');
      expectProblem(el, title, text);
      expect(focused(el)?.id).to.equal('error');
      expect(verified.events).to.have.length(0);
      // The method is still on offer, for the right person.
      expect(part(el, 'login-button')).to.exist;
      await expect(el).to.be.accessible();
      await saveScreenshot('verify-identity-identity-mismatch-en', 'care-verify-identity');

      const audit = await command<Array<{ action: string; outcome: string; code: string | null }>>('identity-audit', { meetingId: booked.meetingId });
      expect(audit).to.deep.include({ action: 'invite.redeem', outcome: 'refused', code: 'IDENTITY_MISMATCH', participantId: booked.participants.esther });

      // The host switched the page to Danish meanwhile: the identity provider's page follows
      // (not the browser's own language, which is English here).
      el.setAttribute('lang', 'da');
      await waitUntil(() => textOf(part(el, 'login-button')) === da.loginButton('BankID'), 'the element did not switch to Danish');
      const later = verifiedFrom(el);
      await pressLogin(el);
      expect((await loginAtIdp({ user: 'Esther' })).lang).to.equal('da');
      expect((await later).detail.participantId).to.equal(booked.participants.esther);
    } finally {
      verified.stop();
    }
  });

  it('says the login did not go through when it is cancelled at the identity provider, and cancelled when the window is closed', async () => {
    const booked = await book();
    const el = await mount(booked.invites.rut, 'en');
    await pressLogin(el);
    await loginAtIdp({ user: 'Rut', cancel: true });
    await waitForPart(el, 'error');
    expectProblem(el, en.problem.loginFailed.title, en.problem.loginFailed.text);

    await pressLogin(el);
    expect(part(el, 'error')).to.equal(null);
    await loginAtIdp({ close: true });
    await waitForPart(el, 'error');
    expectProblem(el, en.problem.loginCancelled.title, en.problem.loginCancelled.text);
    expect(part(el, 'login-button')).to.exist;
  });

  exceptIn(
    ['firefox'],
    'the login in a tab of its own is driven by a Playwright-only test command (identity-server-plugin.mjs redirectLogin); the popup login runs in Firefox',
  )('falls back to redirect when the popup is blocked, and finishes when the page comes back (own tab)', async () => {
    const booked = await book();
    const result = await command<{
      events: Array<{ type: string; detail: Record<string, unknown> }>;
      href: string;
      text: string;
      keptForReturn: Record<string, string> | null;
      keptAfter: Record<string, string>;
    }>('identity-redirect-login', { invite: booked.invites.esther, user: 'Esther', lang: 'sv' });
    expect(
      result.events.map((e) => e.type),
      result.text,
    ).to.deep.equal(['care-verified']);
    expect(result.events[0]!.detail).to.include({ participantId: booked.participants.esther, method: 'bankid', meetingId: booked.meetingId });
    expect(result.events[0]!.detail['session']).to.be.a('string');
    // The result (a bearer session) is gone from the address; what was kept for the way back too.
    expect(new URL(result.href).hash).to.equal('');
    expect(Object.keys(result.keptForReturn ?? {})).to.deep.equal([PENDING_LOGIN_KEY]);
    expect(JSON.parse(result.keptForReturn![PENDING_LOGIN_KEY]!)).to.include({
      method: 'bankid',
      meetingId: booked.meetingId,
      participantId: booked.participants.esther,
      fromFragment: true,
    });
    expect(result.keptAfter).to.deep.equal({});
    expect(result.text).to.contain(sv.verifiedTitle);
  });

  it('sends an SMS code, shows where it went, and the right code gives a session', async () => {
    const booked = await book();
    const el = await mount(booked.invites.sms, 'sv');
    const send = await waitForPart(el, 'send-code-button');
    expect(textOf(send)).to.equal(sv.sendCode);
    expect(textOf(part(el, 'method'))).to.contain(sv.smsIntro);
    await expect(el).to.be.accessible();

    send.focus();
    await pressKey('Enter');
    const input = await waitForPart<HTMLInputElement>(el, 'code-input');
    expect(textOf(part(el, 'method'))).to.contain('Vi har skickat en kod till +46****43');
    expect(textOf(el.shadowRoot)).not.to.contain('+46701234543');
    expect(status(el)).to.contain('+46****43');
    expect(focused(el)).to.equal(input);
    expect(input.getAttribute('autocomplete')).to.equal('one-time-code');
    expect(input.getAttribute('inputmode')).to.equal('numeric');
    expect(textOf(input.labels?.[0])).to.equal(sv.codeLabel);
    await expect(el).to.be.accessible();
    await saveScreenshot('verify-identity-code-sv', 'care-verify-identity');

    const verified = verifiedFrom(el);
    await type(await latestCode());
    await pressKey('Enter');
    const { detail } = await verified;
    expect(detail).to.include({ participantId: booked.participants.sms, method: 'sms-code', meetingId: booked.meetingId });
    await waitForPart(el, 'done');
    expect(textOf(part(el, 'done'))).to.contain(sv.verifiedTitle);
  });

  it('says a wrong SMS code is wrong, with the tries left, tied to the input, and takes the right one after', async () => {
    const booked = await book();
    const el = await mount(booked.invites.sms, 'sv');
    (await waitForPart(el, 'send-code-button')).click();
    const input = await waitForPart<HTMLInputElement>(el, 'code-input');
    const code = await latestCode();
    const wrong = code === '111111' ? '222222' : '111111';

    await type(wrong);
    await pressKey('Enter');
    await waitForPart(el, 'error');
    expectProblem(el, sv.problem.codeInvalid(4).title, sv.problem.codeInvalid(4).text);
    expect(textOf(part(el, 'error'))).to.contain('4 försök kvar');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(input.getAttribute('aria-describedby')!.split(' ')).to.include.members(['error-title', 'error-text']);
    expect(focused(el)?.id).to.equal('error');
    await expect(el).to.be.accessible();
    await saveScreenshot('verify-identity-error-sv', 'care-verify-identity');

    input.focus();
    input.select();
    await type(wrong);
    await pressKey('Enter');
    await waitUntil(() => textOf(part(el, 'error')).includes('3 försök kvar'), 'tries did not count down');

    const verified = verifiedFrom(el);
    input.focus();
    input.select();
    await type(code);
    await pressKey('Enter');
    expect((await verified).detail.method).to.equal('sms-code');
  });

  it('lets an e-mail guest type their name, and refuses an empty one without asking the server', async () => {
    const booked = await book();
    const el = await mount(booked.invites.email, 'da');
    const input = await waitForPart<HTMLInputElement>(el, 'name-input');
    expect(textOf(input.labels?.[0])).to.equal(da.nameLabel);
    expect(input.getAttribute('autocomplete')).to.equal('name');
    await expect(el).to.be.accessible();
    await saveScreenshot('verify-identity-name-da', 'care-verify-identity');

    input.focus();
    await pressKey('Enter');
    await waitForPart(el, 'error');
    expectProblem(el, da.problem.invalidName.title, da.problem.invalidName.text);
    expect(focused(el)?.id).to.equal('error');

    const verified = verifiedFrom(el);
    input.focus();
    await type('Lisa Lärare');
    await pressKey('Enter');
    const { detail } = await verified;
    expect(detail).to.include({ participantId: booked.participants.email, method: 'name', meetingId: booked.meetingId });
    await waitForPart(el, 'done');
    expect(textOf(part(el, 'done'))).to.contain(da.verifiedTitle);
  });

  it('says a replayed link has been used already, with the support information, and fires care-error', async () => {
    const booked = await book();
    const first = await fetch(`/api/invites/${booked.invites.email}/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Lisa Lärare' }),
    });
    expect(first.status).to.equal(201);

    const failed = next(document, 'care-error');
    const el = await mount(booked.invites.email, 'en');
    const event = await failed;
    expect(event).to.be.instanceOf(MeetingErrorEvent);
    expect(event.detail.retryable).to.equal(false);
    expect(event.detail.code).to.equal('INVITE_USED');
    expect(event.bubbles && event.composed).to.equal(true);
    await waitForPart(el, 'error');
    expectProblem(el, en.problem.inviteUsed.title, en.problem.inviteUsed.text);
    // Nothing to press that could help: no method, no "try again".
    expect(el.shadowRoot!.querySelectorAll('button, input')).to.have.length(0);
    expect(el.matches(':state(failed)')).to.equal(true);
    await expect(el).to.be.accessible();
    await saveScreenshot('verify-identity-link-used-en', 'care-verify-identity');
  });

  it('says the meeting has ended when it has', async () => {
    const booked = await book();
    expect(await command('identity-end', { meetingId: booked.meetingId })).to.equal('ended');
    const failed = next(document, 'care-error');
    const el = await mount(booked.invites.rut, 'sv');
    expect((await failed).detail.code).to.equal('MEETING_ENDED');
    await waitForPart(el, 'error');
    expectProblem(el, sv.problem.meetingEnded.title, sv.problem.meetingEnded.text);
  });

  it('says the link does not work when there is no invitation, or an unknown one', async () => {
    const failed = next(document, 'care-error');
    const missing = await fixture<CareVerifyIdentity>(html`<care-verify-identity lang="en"></care-verify-identity>`);
    expect((await failed).detail.code).to.equal('INVITE_MISSING');
    expect(textOf(part(missing, 'error'))).to.contain(en.problem.linkBroken.title);

    const unknown = await mount('not-a-real-invitation-secret', 'en');
    await waitForPart(unknown, 'error');
    expectProblem(unknown, en.problem.linkBroken.title, en.problem.linkBroken.text);
  });

  it('passes a session the host holds straight through: shows nothing, asks nothing, emits care-verified', async () => {
    const booked = await book();
    const grant = await command<SessionGrant>('identity-vouch', { meetingId: booked.meetingId, pnr: '19121212-1212' });
    expect(grant.participantId).to.equal(booked.participants.esther);

    const originalFetch = window.fetch;
    const requests: string[] = [];
    window.fetch = (input, init) => {
      requests.push(String(input));
      return originalFetch(input, init);
    };
    try {
      const verified = next(document, 'care-verified');
      const el = await fixture<CareVerifyIdentity>(html`<care-verify-identity .session=${grant} invite=${booked.invites.esther}></care-verify-identity>`);
      const { detail } = await verified;
      expect(detail).to.deep.equal({ ...grant, method: 'host', meetingId: null });
      expect(el.shadowRoot!.children).to.have.length(0);
      expect(getComputedStyle(el).display).to.equal('none');
      expect(el.matches(':state(vouched)')).to.equal(true);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(requests).to.deep.equal([]);
    } finally {
      window.fetch = originalFetch;
    }
  });

  exceptIn(['firefox'], NOT_IN.reducedMotion)('shows progress while it waits, and the spinner stops turning for people who prefer less motion', async () => {
    const booked = await book();
    const el = await mount(booked.invites.esther, 'en', '/api-slow');
    const method = await waitForPart(el, 'method');
    expect(method.getAttribute('aria-busy')).to.equal('true');
    expect(textOf(part(el, 'progress'))).to.equal(en.progress.invite);
    const spinner = part(el, 'progress')!.querySelector('svg')!;
    expect(getComputedStyle(spinner).animationName).to.equal('spin');
    await saveScreenshot('verify-identity-loading-en', 'care-verify-identity');
    await expect(el).to.be.accessible();
    expect(part(el, 'method')!.getAttribute('aria-busy'), 'the check outlasted the wait').to.equal('true');
    await emulateMedia({ reducedMotion: 'reduce' });
    try {
      expect(getComputedStyle(spinner).animationName).to.equal('none');
      // Still there to see: only the turning stops.
      expect(spinner.getBoundingClientRect().width).to.be.greaterThan(0);
    } finally {
      await emulateMedia({ reducedMotion: 'no-preference' });
    }
    await waitForPart(el, 'login-button');
    expect(part(el, 'method')!.getAttribute('aria-busy')).to.equal('false');
    expect(part(el, 'progress')).to.equal(null);
  });

  for (const lang of ['sv', 'da', 'en'] as const) {
    it(`looks right in ${lang} (screenshot)`, async () => {
      const booked = await book();
      const wrapper = await fixture<HTMLElement>(html`
        <div style="inline-size: 560px; padding: 8px">
          <care-verify-identity lang=${lang} invite=${booked.invites.esther}></care-verify-identity>
        </div>
      `);
      const el = wrapper.querySelector('care-verify-identity')!;
      const strings = verifyIdentityStrings[lang];
      expect(textOf(await waitForPart(el, 'login-button'))).to.equal(strings.loginButton('BankID'));
      expect(textOf(part(el, 'title'))).to.equal(strings.title);
      const path = await saveScreenshot(`verify-identity-${lang}`, `care-verify-identity[lang="${lang}"]`);
      expect(path).to.match(new RegExp(`verify-identity-${lang}\\.png$`));
    });
  }

  // Every language on a desktop and on a phone: each way of showing who you are and each problem
  // an invitation link can have, pictured (verify-identity-<state>-<lang>-<width>.png, looked at),
  // and every word whole and inside its control (Finnish compounds such as
  // "tunnistautumisikkuna" break first).
  for (const lang of LANGS) {
    for (const width of [1280, 390]) {
      it(`fits its words in ${lang} at ${width} px: every login method, an SMS code sent and gone wrong, a typed name, a link that no longer works`, async () => {
        await setViewport({ width, height: 1000 });
        const booked = await book();
        const strings = verifyIdentityStrings[lang];
        const shot = async (state: string, invite: string, ready: (el: CareVerifyIdentity) => Promise<unknown>) => {
          const wrapper = await fixture<HTMLElement>(html`
            <div style="inline-size: ${width >= 1000 ? 560 : width - 32}px; padding: 8px">
              <care-verify-identity lang=${lang} invite=${invite} data-shot=${state}><p slot="support">Tuki / Brukerstøtte: 010-123 45 67</p></care-verify-identity>
            </div>
          `);
          const el = wrapper.querySelector('care-verify-identity')!;
          await ready(el);
          const name = `verify-identity-${state}-${lang}-${width}`;
          await saveScreenshot(name, `care-verify-identity[data-shot="${state}"]`);
          expect(textMisfits(el), name).to.deep.equal([]);
          wrapper.remove();
        };
        await shot('login', booked.invites.esther, async (el) => {
          expect(textOf(await waitForPart(el, 'login-button'))).to.equal(strings.loginButton(strings.method.bankid));
        });
        await shot('code', booked.invites.sms, async (el) => {
          (await waitForPart(el, 'send-code-button')).click();
          await waitForPart(el, 'code-input');
          await type((await latestCode()) === '000000' ? '111111' : '000000');
          await pressKey('Enter');
          await waitForPart(el, 'error');
          expect(textOf(part(el, 'error'))).to.contain(strings.problem.codeInvalid(4).title);
        });
        await shot('name', booked.invites.email, async (el) => {
          await waitForPart(el, 'name-input');
          expect(textOf(el.shadowRoot)).to.contain(strings.nameLabel);
        });
        await shot('code-sent', booked.invites.sms, async (el) => {
          (await waitForPart(el, 'send-code-button')).click();
          await waitForPart(el, 'code-input');
          expect(textOf(el.shadowRoot)).to.contain(strings.codeLabel);
        });

        // Each login method's button, over an invitation that asks for it (the server here serves BankID only).
        for (const method of ['siths', 'mitid', 'bankid-no', 'suomifi'] as const) {
          const api = new FakeMeetingApi();
          api.invite = { ...api.invite, verify: method };
          api.install();
          try {
            await shot(`login-${method}`, 'fake-invite', async (el) => {
              expect(textOf(await waitForPart(el, 'login-button'))).to.equal(strings.loginButton(strings.method[method]));
            });
          } finally {
            api.restore();
          }
        }

        // A link that no longer works, as the server says when the invitation is read.
        const problems = {
          'link-used': [410, 'INVITE_USED', 'inviteUsed'],
          'link-expired': [410, 'INVITE_EXPIRED', 'inviteExpired'],
          'meeting-ended': [410, 'MEETING_ENDED', 'meetingEnded'],
          removed: [403, 'REMOVED', 'removed'],
          'link-broken': [404, 'NOT_FOUND', 'linkBroken'],
        } as const;
        for (const [state, [status, code, key]] of Object.entries(problems)) {
          const original = globalThis.fetch;
          globalThis.fetch = async () =>
            new Response(JSON.stringify({ error: { code, message: code.toLowerCase() } }), { status, headers: { 'content-type': 'application/json' } });
          try {
            await shot(state, 'refused-invite', async (el) => {
              await waitForPart(el, 'error');
              expect(textOf(part(el, 'error'))).to.contain(strings.problem[key].title);
            });
          } finally {
            globalThis.fetch = original;
          }
        }
      });
    }
  }
});
