import { MessageFlags } from 'discord.js';
import { ask } from '../../search/ask.js';
import { answerView, MESSAGES, notCoveredView } from '../../render/discord.js';
import type { ButtonHandler } from '../context.js';
import { ASK_RESULTS } from '../commands/ask.js';
import { NO_MENTIONS } from '../replies.js';

/** "Next result": shows another result of the same answer in place; the question comes from the database. */
export const execute: ButtonHandler<{ result: number }> = async (interaction, { result }, ctx) => {
  await interaction.deferUpdate();
  const stored = ctx.db.askMessages.find(interaction.message.id);
  if (!stored) {
    await interaction.followUp({ content: MESSAGES.answerExpired, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
    return;
  }
  const answer = await ask(ctx.index, stored.question, { k: ASK_RESULTS });
  // The notes may have changed since the answer was posted: show what the question gets now.
  const view = answer.answered && answer.results.length > 0 ? answerView(answer, result) : notCoveredView(answer);
  await interaction.editReply({ ...view, allowedMentions: NO_MENTIONS });
};
