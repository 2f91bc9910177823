import { InteractionContextType, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import type { LeaderboardPeriod } from '../../quiz/index.js';
import { leaderboardView } from '../../render/quiz.js';
import type { BotContext } from '../context.js';
import { localized, localizedChoice } from './localized.js';

export const LEADERBOARD_SIZE = 10;

export const data = localized(new SlashCommandBuilder(), 'leaderboard')
  .addStringOption((o) =>
    localized(o, 'leaderboard.period').addChoices(
      localizedChoice('leaderboard.period.week', 'week'),
      localizedChoice('leaderboard.period.all', 'all'),
    ),
  )
  .setContexts(InteractionContextType.Guild);

export const cooldownMs = 2000;
export const guildOnly = { refusal: 'quiz.onlyInServer' } as const;

export async function execute(interaction: ChatInputCommandInteraction<'cached' | 'raw'>, ctx: BotContext): Promise<void> {
  const period: LeaderboardPeriod = interaction.options.getString('period') === 'all' ? 'all' : 'week';
  const rows = ctx.quiz.store.leaderboard({ guildId: interaction.guildId, period, limit: LEADERBOARD_SIZE, timeZone: 'UTC' });
  // Public, in the server's language, with members as <@id> in an embed: shown as names, and no one is pinged (the client's allowedMentions parses nothing).
  await interaction.reply(leaderboardView(rows, period, ctx.publicT));
}
