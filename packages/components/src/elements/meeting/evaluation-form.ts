import { html, nothing, type TemplateResult } from 'lit';

import { CareApiError } from '../../core/api-client.js';
import type { EvaluationQuestion } from '@care-meet/protocol/wire';
import { evaluationAnswerText } from '@care-meet/protocol/validation';
import { MeetingEvaluationEvent } from '../../events/meeting-events.js';
import { pickText, type Lang } from '../../i18n/localize.js';
import type { MeetingRoomStrings } from '../../i18n/strings/meeting-room.js';
import type { MeetingViewHost } from './room-view.js';

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

/** After the meeting: the host's evaluation questions, sent once with `session.submitEvaluation`. */
export class EvaluationForm {
  readonly #host: MeetingViewHost;
  #status: Status = 'idle';

  constructor(host: MeetingViewHost) {
    this.#host = host;
  }

  render(questions: readonly EvaluationQuestion[], t: MeetingRoomStrings, lang: Lang, alreadySent = false): TemplateResult | typeof nothing {
    if (!questions.length) return nothing;
    if (this.#status === 'sent' || this.#status === 'already-sent' || (alreadySent && this.#status === 'idle')) {
      return html`<p part="evaluation" class="evaluation-done" role="status" tabindex="-1">
        ${this.#status === 'sent' ? t.evaluationSent : t.evaluationAlreadySent}
      </p>`;
    }
    const sending = this.#status === 'sending';
    return html`
      <form part="evaluation" class="evaluation" aria-labelledby="evaluation-title" @submit=${(e: SubmitEvent) => this.#submit(e, questions)}>
        <h3 id="evaluation-title">${t.evaluationTitle}</h3>
        <p class="hint">${t.evaluationIntro}</p>
        ${questions.map((question, i) => this.#renderQuestion(question, i, t, lang))}
        <div class="evaluation-actions">
          <button part="button primary-button" class="primary" ?disabled=${sending}>${sending ? t.sending : t.submit}</button>
          <p role="status" class="evaluation-error">${this.#status === 'failed' ? t.evaluationFailed : nothing}</p>
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

  async #submit(event: SubmitEvent, questions: readonly EvaluationQuestion[]): Promise<void> {
    event.preventDefault();
    if (this.#status === 'sending') return;
    const answers = readAnswers(event.currentTarget as HTMLFormElement, questions);
    const session = this.#host.meetingSession;
    this.#status = 'sending';
    this.#host.requestUpdate();
    try {
      await session.submitEvaluation(answers);
      this.#status = 'sent';
      this.#host.dispatchEvent(new MeetingEvaluationEvent({ meetingId: session.value.meetingId ?? '', answers }));
    } catch (error) {
      this.#status = error instanceof CareApiError && error.code === 'CONFLICT' ? 'already-sent' : 'failed';
    }
    this.#host.requestUpdate();
    await this.#host.updateComplete;
    // The form (and its focused button) is gone: keep focus on what replaced it.
    this.#host.shadowRoot?.querySelector<HTMLElement>('.evaluation-done')?.focus();
  }
}
