import { MessageFlags, PermissionFlagsBits, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { MESSAGES, reindexView } from '../../render/discord.js';
import type { BotContext } from '../context.js';
import { syncLogFields } from '../logger.js';
import { NO_MENTIONS, replyPrivately } from '../replies.js';

export const data = new SlashCommandBuilder()
  .setName('reindex')
  .setDescription('Re-read the notes folder now (needs Manage Server).')
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild);

export const cooldownMs = 10_000;

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  // The default permission only hides the command; server admins can override it, so check again here.
  if (!interaction.inGuild()) {
    await replyPrivately(interaction, MESSAGES.reindexOnlyInServer);
    return;
  }
  if (!interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild)) {
    await replyPrivately(interaction, MESSAGES.reindexNeedsPermission);
    return;
  }
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const report = await ctx.reindex();
  ctx.logger.info(
    { interactionId: interaction.id, userId: interaction.user.id, ...syncLogFields(report) },
    'notes re-indexed on request',
  );
  await interaction.editReply({ ...reindexView(report), allowedMentions: NO_MENTIONS });
}
