import { InteractionContextType, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import type { LeaderboardPeriod } from '../../quiz/index.js';
import { leaderboardView, QUIZ_MESSAGES } from '../../render/quiz.js';
import type { BotContext } from '../context.js';
import { NO_MENTIONS, replyPrivately } from '../replies.js';

export const LEADERBOARD_SIZE = 10;

export const data = new SlashCommandBuilder()
  .setName('leaderboard')
  .setDescription('Who answered the most quiz questions right in this server.')
  .addStringOption((o) =>
    o.setName('period').setDescription('This week (default) or all time').addChoices({ name: 'this week', value: 'week' }, { name: 'all time', value: 'all' }),
  )
  .setContexts(InteractionContextType.Guild);

export const cooldownMs = 2000;

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  if (!interaction.inGuild()) {
    await replyPrivately(interaction, QUIZ_MESSAGES.onlyInServer);
    return;
  }
  const period: LeaderboardPeriod = interaction.options.getString('period') === 'all' ? 'all' : 'week';
  const rows = ctx.quiz.store.leaderboard({ guildId: interaction.guildId, period, limit: LEADERBOARD_SIZE, timeZone: 'UTC' });
  // Public, with members as <@id> in an embed: shown as names, and no one is pinged (allowedMentions parses nothing).
  await interaction.reply({ ...leaderboardView(rows, period), allowedMentions: NO_MENTIONS });
}
