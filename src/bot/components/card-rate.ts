import { cardAlreadyRatedMessage, cardGoneMessage, cardRatedView, type CardGrade } from '../../render/quiz-card.js';
import type { BotContext, ComponentInteraction } from '../context.js';
import { tellPrivately } from '../replies.js';

/**
 * Again / Hard / Good / Easy under a flashcard's private answer: the member's
 * FSRS card for it is rated, and the answer message says when it comes back
 * (its buttons removed). A second rating of the same showing changes nothing.
 */
export async function execute(
  interaction: ComponentInteraction<'cached' | 'raw'>,
  { cardId, grade, seenReps }: { cardId: string; grade: CardGrade; seenReps: number },
  ctx: BotContext,
): Promise<void> {
  await interaction.deferUpdate();
  const card = (await ctx.noteCards()).byId.get(cardId);
  if (!card) {
    await tellPrivately(interaction, cardGoneMessage(ctx.t));
    return;
  }
  const result = ctx.quiz.cardReviews.rate({ guildId: interaction.guildId, userId: interaction.user.id, cardId, grade, seenReps });
  if (result.status === 'stale') {
    await tellPrivately(interaction, cardAlreadyRatedMessage(result.card?.due ?? null, ctx.t));
    return;
  }
  ctx.quiz.recentCards.rated(interaction.guildId, interaction.user.id, cardId);
  ctx.logger.info(
    { interactionId: interaction.id, cardId, userId: interaction.user.id, grade, due: result.card.due.toISOString() },
    'flashcard rated',
  );
  await interaction.editReply(cardRatedView({ card, grade, due: result.card.due }, ctx.t));
}
