import { noteOutlines, topicsView } from '../../render/discord.js';
import type { ButtonHandler } from '../context.js';
import { NO_MENTIONS } from '../replies.js';

/** Previous/Next on /topics: the page is rebuilt from the current index, so there is no state to lose. */
export const execute: ButtonHandler<{ page: number }> = async (interaction, { page }, ctx) => {
  await interaction.update({ ...topicsView(noteOutlines(ctx.index.notes), page), allowedMentions: NO_MENTIONS });
};
