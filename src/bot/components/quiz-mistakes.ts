import type { BotContext, ComponentInteraction } from '../context.js';
import { postQuiz } from '../quiz.js';

/**
 * "Review my mistakes" on /mystats, and "Next question" under a question of
 * that review: a public question on the concept the clicker has most forgotten
 * among those they got wrong.
 */
export async function execute(
  interaction: ComponentInteraction<'cached' | 'raw'>,
  _action: { kind: 'quiz-mistakes' },
  ctx: BotContext,
): Promise<void> {
  await postQuiz(interaction, ctx, { kind: 'mistakes', file: null });
}
