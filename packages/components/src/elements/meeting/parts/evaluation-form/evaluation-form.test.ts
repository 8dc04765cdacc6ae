import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';

import type { EvaluationQuestion } from '@care-meet/protocol/wire';
import { CareApiError } from '../../../../core/api-client.js';
import type { MeetingEvaluationEvent } from '../../../../events/meeting-events.js';
import { meetingRoomStrings } from '../../../../test-support/all-strings.js';
import { defineDependencies } from '../../../dependencies.js';
import { CareEvaluationForm } from './evaluation-form.js';

defineDependencies({ 'care-evaluation-form': CareEvaluationForm });

const en = meetingRoomStrings.en;
const textOf = (node: Node | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

const QUESTIONS: EvaluationQuestion[] = [
  { id: 'q1', kind: 'scale', text: { en: 'How well did the technology work?' } },
  { id: 'q2', kind: 'yes-no', text: { sv: 'Kunde du säga det du ville?' } },
  { id: 'q3', kind: 'text', text: { en: 'Anything else?' } },
];

/** Stands in for the meeting session: what it was asked to store, and how it answers. */
const fakeSession = (refuse?: CareApiError) => {
  const stored: Array<Record<string, string | number | boolean>> = [];
  return {
    stored,
    value: { meetingId: 'm_1' } as never,
    submitEvaluation: async (answers: Record<string, string | number | boolean>) => {
      if (refuse) throw refuse;
      stored.push(answers);
    },
  };
};

async function mount(questions: EvaluationQuestion[], session = fakeSession(), alreadySent = false) {
  const wrapper = await fixture<HTMLElement>(
    html`<div lang="en"><care-evaluation-form .questions=${questions} .session=${session} ?already-sent=${alreadySent}></care-evaluation-form></div>`,
  );
  const form = wrapper.querySelector<CareEvaluationForm>('care-evaluation-form')!;
  await form.updateComplete;
  const $ = <T extends Element = HTMLElement>(selector: string) => form.shadowRoot!.querySelector<T>(selector);
  return { wrapper, form, session, $ };
}

describe('<care-evaluation-form>', function () {
  this.timeout(10000);

  it('draws nothing without questions', async () => {
    const { $ } = await mount([]);
    expect($('[part~="evaluation"]')).to.equal(null);
  });

  it('sends the answers once, tells the host page, and keeps focus on the thank-you that replaces the form', async () => {
    const { wrapper, form, session, $ } = await mount(QUESTIONS);
    // A question the host did not write in the reader's language says which it is in.
    expect($('fieldset.yes-no legend')!.getAttribute('lang')).to.equal('sv');
    await expect(form).to.be.accessible();
    $<HTMLInputElement>('input[name="q1"][value="4"]')!.click();
    $<HTMLInputElement>('input[name="q2"][value="no"]')!.click();
    $<HTMLTextAreaElement>('textarea[name="q3"]')!.value = '  Bra\u200b möte  ';
    // Heard beyond the form, as `<care-meeting>`'s own event.
    const submitted = oneEvent(wrapper, 'care-evaluation-submitted') as Promise<MeetingEvaluationEvent>;
    $<HTMLButtonElement>('button')!.click();
    const event = await submitted;
    expect(event.detail).to.deep.equal({ meetingId: 'm_1', answers: { q1: 4, q2: false, q3: 'Bra möte' } });
    expect(session.stored).to.have.length(1);
    await waitUntil(() => form.shadowRoot!.activeElement === $('[part~="evaluation"]'), 'focus not on the thank-you');
    expect(textOf($('[part~="evaluation"]'))).to.equal(en.evaluationSent);
    await expect(form).to.be.accessible();
  });

  it('says when it was sent already, and when it could not be sent', async () => {
    const already = await mount(QUESTIONS, fakeSession(), true);
    expect(textOf(already.$('[part~="evaluation"]'))).to.equal(en.evaluationAlreadySent);
    const conflict = await mount(QUESTIONS, fakeSession(new CareApiError('CONFLICT', 'sent', 409)));
    conflict.$<HTMLButtonElement>('button')!.click();
    await waitUntil(() => textOf(conflict.$('[part~="evaluation"]')) === en.evaluationAlreadySent);
    const failed = await mount(QUESTIONS, fakeSession(new CareApiError('NETWORK', 'down', 0)));
    failed.$<HTMLButtonElement>('button')!.click();
    await waitUntil(() => textOf(failed.$('.evaluation-error')) === en.evaluationFailed);
  });
});
