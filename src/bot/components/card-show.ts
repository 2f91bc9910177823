import { MessageFlags } from 'discord.js';
import { cardAnswerView, cardGoneMessage } from '../../render/quiz-card.js';
import type { BotContext, ComponentInteraction } from '../context.js';

/**
 * "Show answer" under a flashcard: the answer, to the clicker alone, with the
 * four ratings for their own schedule of the card. Anyone may click; nothing
 * public changes. The card is found by the id in the button, so old posts keep
 * working after a restart while the card is in the notes.
 */
export async function execute(
  interaction: ComponentInteraction<'cached' | 'raw'>,
  { cardId }: { cardId: string },
  ctx: BotContext,
): Promise<void> {
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const card = (await ctx.noteCards()).byId.get(cardId);
  if (!card) {
    await interaction.editReply({ content: cardGoneMessage(ctx.t) });
    return;
  }
  const seenReps = ctx.quiz.cardReviews.card(interaction.guildId, interaction.user.id, card.id)?.reps ?? 0;
  await interaction.editReply(cardAnswerView({ card, seenReps }, ctx.t));
  ctx.logger.info({ interactionId: interaction.id, cardId, userId: interaction.user.id }, 'flashcard answer shown');
}
