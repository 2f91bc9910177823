import { noteGoneMessage } from '../../render/quiz.js';
import type { BotContext, ComponentInteraction } from '../context.js';
import { nextQuestionNote, postQuiz } from '../quiz.js';
import type { QuizTarget } from '../quiz-pick.js';
import { replyPrivately } from '../replies.js';

/** "Next question": a new public question for the clicker, on the same note as the one it sits under (or what is due). */
export async function execute(
  interaction: ComponentInteraction<'cached' | 'raw'>,
  action: { topic: string | null; sameAs: string | null },
  ctx: BotContext,
): Promise<void> {
  const file = nextQuestionNote(ctx.quiz.store, action);
  if (action.sameAs && !file) {
    await replyPrivately(interaction, ctx.t('quiz.unknownQuestion'));
    return;
  }
  if (file && !ctx.index.noteList().some((n) => n.file === file)) {
    await replyPrivately(interaction, noteGoneMessage(file, ctx.t));
    return;
  }
  const target: QuizTarget = file ? { kind: 'note', file } : { kind: 'due' };
  await postQuiz(interaction, ctx, target);
}
