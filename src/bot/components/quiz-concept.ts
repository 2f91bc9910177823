import type { ButtonHandler } from '../context.js';
import { postQuiz } from '../quiz.js';

/**
 * "Quiz me" under a daily concept post (custom id `quiz:concept:<conceptId>`):
 * a one-question quiz on that concept, posted like `/quiz` (public, answer
 * buttons, tally, expiry); its "Next question" stays on the concept's note.
 * The quiz cooldown is taken by the button dispatcher.
 */
export const execute: ButtonHandler<{ conceptId: string }> = async (interaction, { conceptId }, ctx) => {
  await postQuiz(interaction, ctx, { kind: 'concept', conceptId });
};
