import { QUIZ_MESSAGES } from '../../render/quiz.js';
import type { ButtonHandler } from '../context.js';
import { nextQuestionNote, postQuiz } from '../quiz.js';
import type { QuizTarget } from '../quiz-pick.js';
import { replyPrivately } from '../replies.js';

/**
 * "Next question": a new public question for the clicker, on the same note as
 * the one it sits under (or what is due). The quiz cooldown is taken by the button dispatcher.
 */
export const execute: ButtonHandler<{ topic: string | null; sameAs: string | null }> = async (interaction, action, ctx) => {
  const file = nextQuestionNote(ctx, action);
  if (action.sameAs && !file) {
    await replyPrivately(interaction, QUIZ_MESSAGES.unknownQuestion);
    return;
  }
  if (file && !ctx.index.noteList().some((n) => n.file === file)) {
    await replyPrivately(interaction, QUIZ_MESSAGES.noteGone(file));
    return;
  }
  const target: QuizTarget = file ? { kind: 'note', file } : { kind: 'due' };
  await postQuiz(interaction, ctx, target);
};
