import { citation } from '../../render/text.js';
import type { ButtonHandler } from '../context.js';
import { replyPrivately } from '../replies.js';

/** 👍 / 👎: stored with the question and section so wrong answers can be reviewed later. */
export const execute: ButtonHandler<{ vote: 1 | -1; chunkId: string }> = async (interaction, { vote, chunkId }, ctx) => {
  const stored = ctx.db.askMessages.find(interaction.message.id);
  if (!stored) {
    await replyPrivately(interaction, ctx.t('ask.answerExpired'));
    return;
  }
  const chunk = ctx.index.chunk(chunkId)?.chunk;
  ctx.db.feedback.record({
    messageId: interaction.message.id,
    question: stored.question,
    chunkId,
    citation: chunk ? citation(chunk) : null,
    vote,
    userId: interaction.user.id,
    guildId: interaction.guildId,
  });
  ctx.logger.info({ interactionId: interaction.id, vote, chunkId }, 'feedback recorded');
  await replyPrivately(interaction, ctx.t(vote > 0 ? 'ask.voteUp' : 'ask.voteDown'));
};
