import { PermissionFlagsBits } from 'discord.js';
import type { BotContext, ComponentInteraction } from '../context.js';
import { replyPrivately } from '../replies.js';

/**
 * 👎 "Bad question" under a member's verdict: stores their report of the
 * question's stable key (one per member: a second click changes nothing) and
 * says privately whether the question is now retired in this server (two
 * members, or one with Manage Server). Every pick skips retired questions.
 */
export async function execute(
  interaction: ComponentInteraction<'cached' | 'raw'>,
  { questionId }: { questionId: string },
  ctx: BotContext,
): Promise<void> {
  const key = ctx.quiz.bank.postedKey(questionId);
  if (!key) {
    await replyPrivately(interaction, ctx.t('quiz.unknownQuestion'));
    return;
  }
  const manager = interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false;
  const result = ctx.quiz.bank.report({ guildId: interaction.guildId, userId: interaction.user.id, key, manager });
  ctx.logger.info(
    { interactionId: interaction.id, questionId, key, userId: interaction.user.id, manager, ...result },
    'quiz question reported',
  );
  const reply = result.retired ? 'quiz.reportRetired' : result.status === 'already' ? 'quiz.reportedAlready' : 'quiz.reported';
  await replyPrivately(interaction, ctx.t(reply));
}
