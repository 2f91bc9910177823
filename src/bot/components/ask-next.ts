import { MessageFlags } from 'discord.js';
import { answerReply } from '../answer-reply.js';
import type { Answer } from '../../search/ask.js';
import type { ButtonHandler } from '../context.js';
import { ASK_RESULTS } from '../commands/ask.js';
import { tellPrivately } from '../replies.js';
import { RetrieverBusyError } from '../retriever.js';

/**
 * "Next result": the asker pages their answer in place; anyone else gets their
 * own private copy at that result (which they can page in turn), so nobody
 * changes an answer someone else is reading. The question comes from the database.
 */
export const execute: ButtonHandler<{ result: number }> = async (interaction, { result }, ctx) => {
  const stored = ctx.db.askMessages.find(interaction.message.id);
  if (!stored) {
    await interaction.deferUpdate();
    await tellPrivately(interaction, ctx.t('ask.answerExpired'));
    return;
  }
  const asker = stored.userId === interaction.user.id;
  // Acknowledge first: Discord drops interactions not answered within 3 s, whatever retrieval costs.
  await (asker ? interaction.deferUpdate() : interaction.deferReply({ flags: MessageFlags.Ephemeral }));
  let answer: Answer;
  try {
    answer = await ctx.retriever.ask(stored.question, { k: ASK_RESULTS });
  } catch (err) {
    if (!(err instanceof RetrieverBusyError)) throw err;
    await (asker ? tellPrivately(interaction, ctx.t('ask.busy')) : interaction.editReply(ctx.t('ask.busy')));
    return;
  }
  // The notes may have changed since the answer was posted: show what the question gets now.
  const message = await interaction.editReply(await answerReply(answer, result, interaction.appPermissions, ctx));
  if (asker) return;
  try {
    ctx.db.askMessages.remember(message.id, { ...stored, userId: interaction.user.id });
  } catch (err) {
    // The copy is delivered; only its own buttons will ask the user to ask again.
    ctx.logger.error({ err, interactionId: interaction.id, messageId: message.id }, 'could not store the question of a private copy');
  }
};
