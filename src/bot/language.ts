import type { Interaction } from 'discord.js';
import type { GuildSettingsRepository } from '../db/guild-settings.js';
import { resolveLocale, translatorFor, type Locale, type Translate } from '../render/messages.js';

/** The languages one interaction is answered in; the dispatcher resolves them once, handlers read them from the context. */
export interface InteractionLanguage {
  /** The member's language: their Discord client's, else the server's, else English. */
  locale: Locale;
  /** The words of replies to the member (ephemeral replies, and the /ask answer, which answers its asker). */
  t: Translate;
  /** The words of public posts everyone reads (quiz questions, the leaderboard): see `serverLocale`. */
  publicT: Translate;
}

/**
 * The language of a server's public posts: the one chosen with
 * `/settings language`, else the server's language in Discord (its preferred
 * locale), else English.
 */
export function serverLocale(
  settings: Pick<GuildSettingsRepository, 'language'>,
  guildId: string | null,
  discordLocale: string | null | undefined,
): Locale {
  return resolveLocale(guildId ? settings.language(guildId) : null, discordLocale);
}

export function interactionLanguage(
  interaction: Pick<Interaction, 'locale' | 'guildLocale' | 'guildId'>,
  settings: Pick<GuildSettingsRepository, 'language'>,
): InteractionLanguage {
  const locale = resolveLocale(interaction.locale, interaction.guildLocale);
  return { locale, t: translatorFor(locale), publicT: translatorFor(serverLocale(settings, interaction.guildId, interaction.guildLocale)) };
}
