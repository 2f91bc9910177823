import type { BotContext, ComponentInteraction } from '../context.js';
import { postQuiz } from '../quiz.js';

/**
 * "Quiz me" under a daily concept post (custom id `quiz:concept:<conceptId>`):
 * a one-question quiz on that concept, posted like `/quiz` (public, answer
 * buttons, tally, expiry); its "Next question" stays on the concept's note.
 */
export async function execute(
  interaction: ComponentInteraction<'cached' | 'raw'>,
  { conceptId }: { conceptId: string },
  ctx: BotContext,
): Promise<void> {
  await postQuiz(interaction, ctx, { kind: 'concept', conceptId });
}
