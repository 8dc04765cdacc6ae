import { meetingState } from '../admission/decide.js';
import { CareMeetError } from '../errors.js';
import { MAX_EVALUATION_ANSWER_BYTES, hasOddUnicode } from '@care-meet/protocol/validation';
import type { Evaluation, Session } from '../model.js';
import type { MeetingContext } from './context.js';
import { iso } from './views.js';

/** A question of the evaluation form offered when a meeting has ended. */
export interface EvaluationQuestion {
  id: string;
  kind: 'scale' | 'yes-no' | 'text';
  /**
   * The question in each language the host serves, at least one. A reader gets hers, else the
   * nearest one given (a Dane Norwegian, then Swedish, then English), else the first given.
   */
  text: { sv?: string; da?: string; nb?: string; fi?: string; en?: string };
}

/** After the meeting: the evaluation each person who took part may send once, and the answers. */
export class Evaluations {
  readonly #ctx: MeetingContext;

  constructor(ctx: MeetingContext) {
    this.#ctx = ctx;
  }

  get questions(): EvaluationQuestion[] {
    return this.#ctx.options.evaluationQuestions ?? [];
  }

  /** See `CareMeet.submitEvaluation`. */
  async submitEvaluation(session: Session, meetingId: string, answersInput: unknown): Promise<{ submittedAt: string }> {
    const ctx = this.#ctx;
    const meeting = await ctx.meeting(meetingId);
    if (session.meetingId !== meeting.id) throw new CareMeetError('FORBIDDEN', 'this session belongs to another meeting');
    const p = await ctx.store.getParticipant(session.participantId);
    if (!p || (p.admittedAt === null && p.firstConnectedAt === null && p.removedAt === null)) {
      throw new CareMeetError('FORBIDDEN', 'only people who took part may evaluate the meeting');
    }
    if (meetingState(meeting, ctx.now(), ctx.policy) !== 'ended') {
      throw new CareMeetError('MEETING_NOT_ENDED', 'the evaluation opens when the meeting has ended');
    }
    const answers = this.#parseAnswers(answersInput);
    const now = ctx.now();
    const evaluation: Evaluation = { meetingId: meeting.id, participantId: p.id, answers, submittedAt: now };
    if (!(await ctx.store.saveEvaluation(evaluation))) throw new CareMeetError('CONFLICT', 'this evaluation has already been submitted');
    await ctx.audit(meeting.id, 'evaluation.submitted', p.id, p.id, 'ok', null, { answers: Object.keys(answers).length });
    return { submittedAt: iso(now) };
  }

  #parseAnswers(value: unknown): Evaluation['answers'] {
    const questions = this.questions;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new CareMeetError('BAD_REQUEST', 'answers must be an object', { field: 'answers' });
    }
    const out: Evaluation['answers'] = {};
    for (const [key, v] of Object.entries(value)) {
      const q = questions.find((x) => x.id === key);
      const field = `answers.${key.slice(0, 40)}`;
      if (!q) throw new CareMeetError('BAD_REQUEST', 'no such question', { field });
      const ok =
        (q.kind === 'scale' && Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 5) ||
        (q.kind === 'yes-no' && typeof v === 'boolean') ||
        // A comment may run over several lines; otherwise the odd-Unicode rule of every other text field.
        (q.kind === 'text' && typeof v === 'string' && Buffer.byteLength(v) <= MAX_EVALUATION_ANSWER_BYTES && !hasOddUnicode(v.replace(/\r\n|[\n\r\t]/g, ' ')));
      if (!ok) throw new CareMeetError('BAD_REQUEST', `the answer does not fit a ${q.kind} question`, { field });
      out[key] = v as string | number | boolean;
    }
    return out;
  }

  /** See `CareMeet.evaluations`. */
  async evaluations(meetingId: string): Promise<Evaluation[]> {
    await this.#ctx.meeting(meetingId);
    return this.#ctx.store.listEvaluations(meetingId);
  }
}
