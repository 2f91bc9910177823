import { MessageFlags, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { noteOutlines, topicsView } from '../../render/discord.js';
import type { BotContext } from '../context.js';
import { NO_MENTIONS } from '../replies.js';

export const data = new SlashCommandBuilder()
  .setName('topics')
  .setDescription('List the notes and their main sections.');

export const cooldownMs = 1000;

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const view = topicsView(noteOutlines(ctx.index.notes), 0);
  await interaction.reply({ ...view, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
}
