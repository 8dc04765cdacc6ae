// The whole flow in a real Chromium, driven the way people use the demo portal: the coordinator
// books, the relative joins from the inbox, the individual gives her consent, the SMS guest verifies with the code from the outbox and
// waits in the lobby, the chair admits the guest, removes them, ends the meeting; the relative's
// rejoin is refused and the evaluation is submitted. Every step is screenshotted and axe-checked.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, cleanScreenshots, explainPages, launchBrowser, outboxTexts, passDeviceCheck, person, shot, startDemo, type Demo } from './harness.js';

/** The room's own Leave control: the lobby has a Leave button too, so the name alone proves nothing. */
const ROOM_LEAVE = 'care-meeting button.control.leave';
/** The ended notice inside the element, not any text on the page. */
const ended = (page: Page) => page.locator('care-meeting').getByText('The meeting has ended').first();

const TIMEOUT = 20_000;

async function step(page: Page, name: string): Promise<void> {
  await shot(page, name);
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], `axe on ${name}`);
}

describe('the demo, end to end', { timeout: 240_000 }, () => {
  let demo: Demo;
  let browser: Browser;
  before(async () => {
    cleanScreenshots();
    demo = await startDemo();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await demo?.close();
  });

  test('book, join, consent, lobby, admit, remove, end, refuse the rejoin, evaluate', async () => {
    try {
      await theWholeFlow();
    } catch (error) {
      await explainPages();
      throw error;
    }
  });

  async function theWholeFlow(): Promise<void> {
    // The care coordinator books a SIP meeting in the EHR (the form's defaults are the SIP example).
    const coordinator = await person(browser);
    await coordinator.page.goto(`${demo.url}/?lang=en`);
    await step(coordinator.page, '01-home');
    await coordinator.page.goto(`${demo.url}/ehr?lang=en`);
    await step(coordinator.page, '02-ehr-booking-form');
    await coordinator.page.getByRole('button', { name: 'Book the meeting' }).click();
    const booked = coordinator.page.locator('article[data-meeting]').first();
    await booked.waitFor({ timeout: TIMEOUT });
    const meetingId = await booked.getAttribute('data-meeting');
    assert.match(meetingId ?? '', /^m_/);
    await step(coordinator.page, '03-ehr-booked');

    // The chair opens the meeting from the EHR (the portal vouches for her SITHS login).
    await booked.getByRole('link', { name: 'Open as meeting leader' }).click();
    await passDeviceCheck(coordinator.page);
    await coordinator.page.getByRole('button', { name: 'End the meeting for everyone' }).waitFor({ timeout: TIMEOUT });
    await step(coordinator.page, '04-chair-room');

    // The relative, logged in to the inbox, finds the message and joins in place.
    const relative = await person(browser);
    await relative.page.goto(`${demo.url}/inbox?who=rut&lang=en`);
    await step(relative.page, '05-inbox');
    await relative.page.getByRole('link', { name: 'Join the meeting' }).first().click();
    await passDeviceCheck(relative.page);
    await relative.page.locator(ROOM_LEAVE).waitFor({ timeout: TIMEOUT });
    await step(relative.page, '06-relative-room');

    // The individual joins from her inbox and gives her consent to the meeting and to who takes
    // part (DESIGN); the chair's roster shows it.
    await coordinator.page.getByText("The individual's consent to the meeting and to who takes part is not recorded.").first().waitFor({ timeout: TIMEOUT });
    const individual = await person(browser);
    await individual.page.goto(`${demo.url}/inbox?who=esther&lang=en`);
    await individual.page.getByRole('link', { name: 'Join the meeting' }).first().click();
    await passDeviceCheck(individual.page);
    const consent = individual.page.getByRole('region', { name: 'Before the meeting starts' });
    await consent.waitFor({ timeout: TIMEOUT });
    for (const name of ['Anna Samordnare', 'Esther Exempel', 'Rut Exempel', 'Kurt Kurator']) await consent.getByText(name).first().waitFor();
    await step(individual.page, '06b-individual-consent');
    await consent.getByRole('button', { name: 'I agree' }).click();
    await individual.page.getByText('Thank you. Your consent is recorded.').first().waitFor({ timeout: TIMEOUT });
    await coordinator.page
      .getByText(/^Consent given /)
      .first()
      .waitFor({ timeout: TIMEOUT });
    await step(coordinator.page, '06c-chair-sees-consent');

    // The SMS guest: the invitation from the outbox, a code by SMS, then the lobby.
    const guest = await person(browser);
    const invitation = (await outboxTexts(guest.page, demo, '+46709876543')).find((t) => t.includes('/join#invite='));
    assert.ok(invitation, 'the guest got an invitation by SMS');
    assert.ok(!/Kurt|Esther|SIP|1912/.test(invitation), 'the SMS holds only the time and the link');
    await step(guest.page, '07-outbox');
    const link = /(http:\/\/\S+\/join#invite=[A-Za-z0-9_-]+)/.exec(invitation)?.[1] as string;
    await guest.page.goto(link.replace('/join#', '/join?lang=en#'));
    await guest.page.getByRole('button', { name: 'Send code' }).click();
    await guest.page.getByLabel('Code from the SMS').waitFor({ timeout: TIMEOUT });
    await step(guest.page, '08-guest-code-entry');
    const codeSms = await (async () => {
      const p = await guest.context.newPage();
      const texts = await outboxTexts(p, demo, '+46709876543');
      await p.close();
      return texts.find((t) => /\b\d{6}\b/.test(t) && !t.includes('/join#'));
    })();
    const code = /\b(\d{6})\b/.exec(codeSms ?? '')?.[1];
    assert.ok(code, 'the code SMS arrived in the outbox');
    await guest.page.getByLabel('Code from the SMS').fill(code);
    await guest.page.getByRole('button', { name: 'Continue' }).click();
    await passDeviceCheck(guest.page);
    await guest.page.getByText('The meeting leader will let you in').first().waitFor({ timeout: TIMEOUT });
    await step(guest.page, '09-guest-lobby');

    // The chair sees the guest waiting and admits them.
    const admit = coordinator.page.getByRole('button', { name: 'Let in Kurt Kurator' }).first();
    await admit.waitFor({ timeout: TIMEOUT });
    await step(coordinator.page, '10-chair-sees-lobby');
    await admit.click();
    await guest.page.locator(ROOM_LEAVE).waitFor({ timeout: TIMEOUT });
    await guest.page.getByText('The meeting leader will let you in').waitFor({ state: 'detached', timeout: TIMEOUT });
    await step(guest.page, '11-guest-admitted');

    // The chair removes the guest, after confirming.
    await coordinator.page.getByRole('button', { name: 'Remove Kurt Kurator' }).first().click();
    await coordinator.page
      .getByRole('dialog')
      .getByRole('button', { name: /^Remove/ })
      .click();
    await guest.page.getByText('You were removed from the meeting').first().waitFor({ timeout: TIMEOUT });
    await step(guest.page, '12-guest-removed');

    // The chair ends the meeting for everyone.
    await coordinator.page.getByRole('button', { name: 'End the meeting for everyone' }).click();
    await step(coordinator.page, '13-chair-confirm-end');
    await coordinator.page.getByRole('dialog').getByRole('button', { name: 'End the meeting' }).click();
    await ended(relative.page).waitFor({ timeout: TIMEOUT });
    await step(relative.page, '14-relative-ended');

    // The inbox shows the meeting as ended, with nothing to join; the relative's rejoin (the old
    // link, opened directly) is refused by the server.
    const rejoin = await person(browser);
    await rejoin.page.goto(`${demo.url}/inbox?who=rut&lang=en`);
    const inboxCard = rejoin.page.locator(`article[data-meeting="${meetingId}"]`);
    await inboxCard.getByText('The meeting has ended.').waitFor({ timeout: TIMEOUT });
    assert.equal(await inboxCard.getByRole('link', { name: 'Join the meeting' }).count(), 0, 'no Join link for an ended meeting');
    await step(rejoin.page, '14b-inbox-meeting-ended');
    await rejoin.page.goto(`${demo.url}/inbox/meeting/${meetingId}?who=rut&lang=en`);
    const refused = await Promise.race([
      ended(rejoin.page)
        .waitFor({ timeout: TIMEOUT })
        .then(() => 'ended'),
      rejoin.page
        .locator(ROOM_LEAVE)
        .waitFor({ timeout: TIMEOUT })
        .then(() => 'joined'),
      rejoin.page
        .getByRole('button', { name: 'Finish' })
        .waitFor({ timeout: TIMEOUT })
        .then(async () => {
          await rejoin.page.getByRole('button', { name: 'Finish' }).click();
          await ended(rejoin.page).waitFor({ timeout: TIMEOUT });
          return 'ended';
        }),
    ]);
    assert.equal(refused, 'ended');
    await step(rejoin.page, '15-relative-rejoin-refused');

    // The relative answers the evaluation.
    const form = relative.page.getByRole('form', { name: 'How did the meeting go?' });
    await form.waitFor({ timeout: TIMEOUT });
    await form.getByRole('radio').first().check();
    await form.getByRole('textbox').first().fill('Bra möte');
    await step(relative.page, '16-evaluation-filled');
    await form.getByRole('button', { name: 'Send answers' }).click();
    await relative.page.getByText('Thank you for your answers.').first().waitFor({ timeout: TIMEOUT });
    await step(relative.page, '17-evaluation-sent');
  }
});
