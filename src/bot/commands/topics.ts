import { MessageFlags, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { noteOutlines, topicsView } from '../../render/topics.js';
import type { BotContext } from '../context.js';
import { localized } from './localized.js';

export const data = localized(new SlashCommandBuilder(), 'topics');

export const cooldownMs = 1000;

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  await interaction.reply({ ...topicsView(noteOutlines(ctx.index.notes), 0, ctx.t, ctx.index.skipped), flags: MessageFlags.Ephemeral });
}
