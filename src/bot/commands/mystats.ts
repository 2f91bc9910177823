import { InteractionContextType, MessageFlags, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { statsView } from '../../render/quiz.js';
import type { BotContext } from '../context.js';
import { localized } from './localized.js';

export const data = localized(new SlashCommandBuilder(), 'mystats').setContexts(InteractionContextType.Guild);

export const cooldownMs = 2000;
export const guildOnly = { refusal: 'quiz.onlyInServer' } as const;

export async function execute(interaction: ChatInputCommandInteraction<'cached' | 'raw'>, ctx: BotContext): Promise<void> {
  // Deferred: the concept bank may be rebuilding after a re-index.
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const bank = ctx.conceptBank();
  const stats = ctx.quiz.store.memberStats({
    guildId: interaction.guildId,
    userId: interaction.user.id,
    timeZone: 'UTC',
    // Cards of concepts no longer in the notes are not "due".
    conceptIds: bank.byId.keys(),
    topics: 3,
  });
  const titles = new Map(ctx.index.noteList().map((n) => [n.file, n.title]));
  const cardsReviewed = ctx.quiz.cardReviews.reviewedCount(interaction.guildId, interaction.user.id);
  await interaction.editReply(statsView({ ...stats, cardsReviewed }, (file) => titles.get(file) ?? file, ctx.t));
}
