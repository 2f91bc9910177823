import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { asLocale, LOCALES, resolveLocale, type Locale, type Translate } from '../../render/messages.js';
import type { BotContext } from '../context.js';
import { serverLocale } from '../language.js';
import { replyPrivately } from '../replies.js';
import { localized, localizedChoice } from './localized.js';

/** `auto`: no choice of our own, follow the server's language in Discord. */
const AUTO = 'auto';

export const data = localized(new SlashCommandBuilder(), 'settings')
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .setContexts(InteractionContextType.Guild)
  .addSubcommand((s) =>
    localized(s, 'settings.language').addStringOption((o) =>
      localized(o, 'settings.language.to').addChoices(
        ...LOCALES.map((l) => localizedChoice(`settings.language.to.${l}`, l)),
        localizedChoice('settings.language.to.auto', AUTO),
      ),
    ),
  );

export const cooldownMs = 2000;
export const guildOnly = { refusal: 'settings.onlyInServer' } as const;
export const memberPermission = { flag: PermissionFlagsBits.ManageGuild, refusal: 'settings.needsPermission' } as const;

const languageName = (locale: Locale, t: Translate) => t(`language.${locale}`);

/**
 * `/settings language [to]`: the language of the server's public posts (daily
 * concept, quiz questions, leaderboard). Without `to`, says which it is and why.
 * Replies to members keep following each member's own language.
 */
export async function execute(interaction: ChatInputCommandInteraction<'cached' | 'raw'>, ctx: BotContext): Promise<void> {
  const { guildId } = interaction;
  const raw = interaction.options.getString('to');
  const settings = ctx.db.settings;
  if (raw === AUTO) {
    settings.setLanguage(guildId, null);
    ctx.logger.info({ interactionId: interaction.id, guildId, language: null }, 'server language reset');
    await replyPrivately(
      interaction,
      ctx.t('settings.languageAuto', { language: languageName(resolveLocale(interaction.guildLocale), ctx.t) }),
    );
    return;
  }
  // Discord only offers the choices, but other clients can send anything: that reads as a question, not a change.
  const chosen = asLocale(raw);
  if (chosen) {
    settings.setLanguage(guildId, chosen);
    ctx.logger.info({ interactionId: interaction.id, guildId, language: chosen }, 'server language set');
    await replyPrivately(interaction, ctx.t('settings.languageSet', { language: languageName(chosen, ctx.t) }));
    return;
  }
  const current = serverLocale(settings, guildId, interaction.guildLocale);
  const source = settings.language(guildId) ? ctx.t('settings.sourceChosen') : ctx.t('settings.sourceServer');
  await replyPrivately(interaction, ctx.t('settings.languageNow', { language: languageName(current, ctx.t), source }));
}
