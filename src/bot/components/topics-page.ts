import { MessageFlags } from 'discord.js';
import { noteOutlines, topicsView } from '../../render/topics.js';
import type { ButtonHandler } from '../context.js';
import { replyPrivately } from '../replies.js';

/**
 * Previous/Next on /topics: the page is rebuilt from the current index, so there
 * is no state to lose. /topics only ever answers privately, so a page button on
 * a public message was put there by someone else and must not overwrite it.
 */
export const execute: ButtonHandler<{ page: number }> = async (interaction, { page }, ctx) => {
  if (!interaction.message.flags.has(MessageFlags.Ephemeral)) {
    await replyPrivately(interaction, ctx.t('interaction.notThisMessage'));
    return;
  }
  await interaction.update(topicsView(noteOutlines(ctx.index.notes), page, ctx.t, ctx.index.skipped));
};
