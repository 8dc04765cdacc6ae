import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createContextHarness, withCode } from '../test-support/meeting-context.js';
import { Evaluations } from './evaluation.js';
import { Joining } from './join.js';

async function tookPart() {
  const h = await createContextHarness();
  const { meeting } = await h.book();
  const relative = await h.vouch(meeting, 'relative');
  await new Joining(h.ctx).join(relative.session);
  return { h, meeting, relative, evaluations: new Evaluations(h.ctx) };
}

test('the evaluation opens when the meeting has ended, and takes one answer each, audited', async () => {
  const { h, meeting, relative, evaluations } = await tookPart();
  const answers = { heard: 4, again: true, comment: 'Bra' };
  await assert.rejects(evaluations.submitEvaluation(relative.session, meeting.id, answers), withCode('MEETING_NOT_ENDED'));
  h.clock.set(new Date(meeting.endsAt.getTime() + h.ctx.policy.closeAfterEndMs + 1));
  const sent = await evaluations.submitEvaluation(relative.session, meeting.id, answers);
  assert.equal(sent.submittedAt, h.clock.now().toISOString());
  await assert.rejects(evaluations.submitEvaluation(relative.session, meeting.id, answers), withCode('CONFLICT'));
  const stored = await evaluations.evaluations(meeting.id);
  assert.deepEqual(
    stored.map((e) => e.answers),
    [answers],
  );
  const audit = (await h.store.listAudit(meeting.id)).find((a) => a.action === 'evaluation.submitted');
  assert.deepEqual(audit?.details, { answers: 3 }, 'how many answers, never what they say');
  await h.close();
});

test('only people who took part answer, in their own meeting', async () => {
  const { h, meeting, evaluations } = await tookPart();
  const absent = await h.vouch(meeting, 'individual');
  const other = await h.book();
  h.clock.set(new Date(meeting.endsAt.getTime() + h.ctx.policy.closeAfterEndMs + 1));
  await assert.rejects(evaluations.submitEvaluation(absent.session, meeting.id, { heard: 5 }), withCode('FORBIDDEN'));
  await assert.rejects(evaluations.submitEvaluation(absent.session, other.meeting.id, { heard: 5 }), withCode('FORBIDDEN'));
  await assert.rejects(evaluations.evaluations('m_none'), withCode('NOT_FOUND'));
  await h.close();
});

test('each answer must fit its question: a scale 1 to 5, yes or no, a short text with the odd-Unicode rule of every other field (line breaks allowed)', async () => {
  const { h, meeting, relative, evaluations } = await tookPart();
  h.clock.set(new Date(meeting.endsAt.getTime() + h.ctx.policy.closeAfterEndMs + 1));
  const odd = ['a\u202eb', 'Br\u200Ba', 'a\u2060b', '\uFEFFBra', 'a\u0000b', 'a\u2028b', 'tid \uFF11\uFF12', 'a\uE000b'];
  for (const bad of [
    [],
    null,
    { heard: 6 },
    { heard: 2.5 },
    { again: 'yes' },
    { comment: 'x'.repeat(2001) },
    ...odd.map((comment) => ({ comment })),
    { unknown: 1 },
  ]) {
    await assert.rejects(evaluations.submitEvaluation(relative.session, meeting.id, bad), withCode('BAD_REQUEST'), JSON.stringify(bad));
  }
  assert.equal((await evaluations.evaluations(meeting.id)).length, 0);
  assert.deepEqual(
    evaluations.questions.map((q) => q.id),
    ['heard', 'again', 'comment'],
  );
  // Several lines and a tab are a comment, not odd.
  await evaluations.submitEvaluation(relative.session, meeting.id, { comment: 'Bra möte.\r\nTack!\n\tAnna' });
  assert.equal((await evaluations.evaluations(meeting.id)).length, 1);
  await h.close();
});
