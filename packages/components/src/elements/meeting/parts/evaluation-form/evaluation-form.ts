import { html, LitElement, nothing, type TemplateResult } from 'lit';

import { CareApiError } from '../../../../core/api-client.js';
import type { EvaluationQuestion } from '@care-meet/protocol/wire';
import { evaluationAnswerText } from '@care-meet/protocol/validation';
import type { MeetingSession } from '../../../../core/meeting-session.js';
import { MeetingEvaluationEvent } from '../../../../events/meeting-events.js';
import { LocalizeController, pickText, updateWithStrings, type Lang } from '../../../../i18n/localize.js';
import { meetingRoomStrings, type MeetingRoomStrings } from '../../../../i18n/strings/meeting-room.js';
import { styles } from './evaluation-form.styles.js';

export type EvaluationAnswers = Record<string, string | number | boolean>;

/** The question's text in `lang`, else in the nearest language the host wrote it in (see `pickText`), with that language. */
export const questionText = (question: EvaluationQuestion, lang: Lang): { text: string; lang: Lang } =>
  pickText(question.text, lang) ?? { text: question.id, lang };

/**
 * Reads the form's answers: a scale as its number, yes/no as a boolean, text trimmed; questions
 * left unanswered are left out.
 */
export function readAnswers(form: HTMLFormElement, questions: readonly EvaluationQuestion[]): EvaluationAnswers {
  const data = new FormData(form);
  const answers: EvaluationAnswers = {};
  for (const question of questions) {
    const value = data.get(question.id);
    if (typeof value !== 'string' || !value.trim()) continue;
    if (question.kind === 'scale') answers[question.id] = Number(value);
    else if (question.kind === 'yes-no') answers[question.id] = value === 'yes';
    else {
      // Invisible characters a paste brings along out, and at most what the server takes (in UTF-8 bytes, not characters).
      const text = evaluationAnswerText(value);
      if (text) answers[question.id] = text;
    }
  }
  return answers;
}

type Status = 'idle' | 'sending' | 'sent' | 'already-sent' | 'failed';

/** The parts of the form, forwarded by `<care-meeting>` so a host page styles them as the meeting's own (`exportparts`). */
export const EVALUATION_FORM_PARTS = 'evaluation, button, primary-button';

/**
 * After the meeting: the host's evaluation questions (a 1 to 5 scale, yes or no, or free text),
 * sent once with `session.submitEvaluation`; then only that it was sent. With `already-sent` (the
 * server or this tab says so) only that, not the form again. Fires `care-evaluation-submitted`
 * (bubbles, composed: for the host page, through `<care-meeting>`) when the answers are stored.
 *
 * A part of `<care-meeting>`, registered by the room (`defineDependencies`), not a public tag.
 *
 * @fires {MeetingEvaluationEvent} care-evaluation-submitted - The evaluation was stored. `detail`: `{meetingId, answers}`.
 * @csspart evaluation - The form, or the words that replace it once sent.
 * @csspart button - Send; also `primary-button`.
 */
export class CareEvaluationForm extends LitElement {
  static override styles = styles;
  // Declared here rather than with decorators: `lit/decorators` would then be shared with the
  // roster and travel in the chunk every page loads before joining.
  static override properties = {
    questions: { attribute: false },
    alreadySent: { type: Boolean, attribute: 'already-sent' },
    session: { attribute: false },
    _status: { state: true },
  };

  /** The host's questions; none: nothing is drawn. */
  questions: readonly EvaluationQuestion[] = [];
  /** Sent already (the server or this tab says so): only that, not the form. */
  alreadySent = false;
  /** Where the answers go. */
  session?: Pick<MeetingSession, 'submitEvaluation' | 'value'> | undefined;

  private _status: Status = 'idle';

  readonly #words = new LocalizeController(this, meetingRoomStrings);

  protected override scheduleUpdate(): void | Promise<unknown> {
    return updateWithStrings(this, () => super.scheduleUpdate());
  }

  override render(): TemplateResult | typeof nothing {
    const questions = this.questions;
    if (!questions.length) return nothing;
    const t = this.#words.strings;
    const lang = this.#words.lang;
    const status = this._status;
    if (status === 'sent' || status === 'already-sent' || (this.alreadySent && status === 'idle')) {
      return html`<p part="evaluation" class="evaluation-done" role="status" tabindex="-1">
        ${status === 'sent' ? t.evaluationSent : t.evaluationAlreadySent}
      </p>`;
    }
    const sending = status === 'sending';
    return html`
      <form part="evaluation" class="evaluation" aria-labelledby="evaluation-title" @submit=${this.#submit}>
        <h3 id="evaluation-title">${t.evaluationTitle}</h3>
        <p class="hint">${t.evaluationIntro}</p>
        ${questions.map((question, i) => this.#renderQuestion(question, i, t, lang))}
        <div class="evaluation-actions">
          <button part="button primary-button" class="primary" ?disabled=${sending}>${sending ? t.sending : t.submit}</button>
          <p role="status" class="evaluation-error">${status === 'failed' ? t.evaluationFailed : nothing}</p>
        </div>
      </form>
    `;
  }

  #renderQuestion(question: EvaluationQuestion, index: number, t: MeetingRoomStrings, lang: Lang): TemplateResult {
    const { text, lang: textLang } = questionText(question, lang);
    // Said in its own language when it is not the reader's (WCAG 3.1.2).
    const other = textLang === lang ? nothing : textLang;
    const id = `q${index}`;
    if (question.kind === 'text') {
      return html`<div class="question">
        <label for=${id} lang=${other}>${text}</label>
        <textarea id=${id} name=${question.id} rows="3" maxlength="2000"></textarea>
      </div>`;
    }
    const options =
      question.kind === 'scale'
        ? [1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: n === 1 ? `1 ${t.scaleLow}` : n === 5 ? `5 ${t.scaleHigh}` : String(n) }))
        : [
            { value: 'yes', label: t.yes },
            { value: 'no', label: t.no },
          ];
    return html`<fieldset class="question ${question.kind}">
      <legend lang=${other}>${text}</legend>
      <div class="choices">
        ${options.map(
          (option) => html`<label class="choice">
            <input type="radio" name=${question.id} value=${option.value} />
            <span>${option.label}</span>
          </label>`,
        )}
      </div>
    </fieldset>`;
  }

  readonly #submit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const session = this.session;
    if (this._status === 'sending' || !session) return;
    const answers = readAnswers(event.currentTarget as HTMLFormElement, this.questions);
    this._status = 'sending';
    try {
      await session.submitEvaluation(answers);
      this._status = 'sent';
      this.dispatchEvent(new MeetingEvaluationEvent({ meetingId: session.value.meetingId ?? '', answers }));
    } catch (error) {
      this._status = error instanceof CareApiError && error.code === 'CONFLICT' ? 'already-sent' : 'failed';
    }
    await this.updateComplete;
    // The form (and its focused button) is gone: keep focus on what replaced it.
    this.shadowRoot?.querySelector<HTMLElement>('.evaluation-done')?.focus();
  };
}
