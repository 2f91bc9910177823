import { cooldownMessage } from '../../render/discord.js';
import { QUIZ_MESSAGES } from '../../render/quiz.js';
import type { ButtonHandler } from '../context.js';
import { postQuiz, takeQuizCooldown } from '../quiz.js';
import type { QuizTarget } from '../quiz-pick.js';
import { replyPrivately } from '../replies.js';

/** "Next question": a new public question for the clicker, on the same note as the one it sits under (or what is due). */
export const execute: ButtonHandler<{ topic: string | null; sameAs: string | null }> = async (interaction, { topic, sameAs }, ctx) => {
  const cooldown = takeQuizCooldown(ctx, interaction.user.id);
  if (!cooldown.ok) {
    await replyPrivately(interaction, cooldownMessage(cooldown.remainingMs, 'quiz'));
    return;
  }
  const file = topic ?? (sameAs ? ctx.quiz.store.getQuestion(sameAs)?.topic ?? null : null);
  if (sameAs && !file) {
    await replyPrivately(interaction, QUIZ_MESSAGES.unknownQuestion);
    return;
  }
  if (file && !ctx.index.notes.some((n) => n.file === file)) {
    await replyPrivately(interaction, QUIZ_MESSAGES.noteGone(file));
    return;
  }
  const target: QuizTarget = file ? { kind: 'note', file } : { kind: 'due' };
  await postQuiz(interaction, ctx, target);
};
