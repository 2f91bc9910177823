import { MessageFlags, PermissionFlagsBits, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { reindexView } from '../../render/commands.js';
import type { BotContext } from '../context.js';
import { syncLogFields } from '../logger.js';
import { localized } from './localized.js';

export const data = localized(new SlashCommandBuilder(), 'reindex').setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild);

export const cooldownMs = 10_000;
export const guildOnly = { refusal: 'reindex.onlyInServer' } as const;
export const memberPermission = { flag: PermissionFlagsBits.ManageGuild, refusal: 'reindex.needsPermission' } as const;

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const report = await ctx.reindex();
  ctx.logger.info({ interactionId: interaction.id, userId: interaction.user.id, ...syncLogFields(report) }, 'notes re-indexed on request');
  await interaction.editReply(reindexView(report, ctx.t));
}
