import { cooldownMessage } from '../../render/discord.js';
import type { ButtonHandler } from '../context.js';
import { postQuiz, takeQuizCooldown } from '../quiz.js';
import { replyPrivately } from '../replies.js';

/**
 * "Quiz me" under a daily concept post (custom id `quiz:concept:<conceptId>`):
 * a one-question quiz on that concept, posted like `/quiz` (public, answer
 * buttons, tally, expiry); its "Next question" stays on the concept's note.
 */
export const execute: ButtonHandler<{ conceptId: string }> = async (interaction, { conceptId }, ctx) => {
  const cooldown = takeQuizCooldown(ctx, interaction.user.id);
  if (!cooldown.ok) {
    await replyPrivately(interaction, cooldownMessage(cooldown.remainingMs, 'quiz'));
    return;
  }
  await postQuiz(interaction, ctx, { kind: 'concept', conceptId });
};
