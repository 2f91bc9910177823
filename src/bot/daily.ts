import {
  DiscordAPIError,
  PermissionFlagsBits,
  RESTJSONErrorCodes,
  type Client,
  type GuildBasedChannel,
  type GuildMember,
} from 'discord.js';
import type { ConceptBank } from '../concepts/types.js';
import { DailyScheduler, DailyStore, relatedConcept, type PermanentPostError, type PostFn } from '../daily/index.js';
import { errorText } from '../daily/scheduler.js';
import type { StudyIndex } from '../index/study-index.js';
import type { StudyDatabase } from '../db/database.js';
import { conceptQuote } from '../render/concept-quote.js';
import { dailyPostMessage } from '../render/media-views.js';
import type { FormulaRenderer } from '../render/math/render-formulas.js';
import type { MessageKey, Translate } from '../render/messages.js';
import { withUploads } from './attachments.js';
import { BOT_CHANNEL_PERMISSIONS } from './invite.js';
import type { BotLogger } from './logger.js';

/** The message key of the name Discord's channel settings show for each permission the bot asks for. */
const PERMISSION_NAMES: ReadonlyMap<bigint, MessageKey> = new Map<bigint, MessageKey>([
  [PermissionFlagsBits.ViewChannel, 'permission.viewChannel'],
  [PermissionFlagsBits.SendMessages, 'permission.sendMessages'],
  [PermissionFlagsBits.EmbedLinks, 'permission.embedLinks'],
  [PermissionFlagsBits.AttachFiles, 'permission.attachFiles'],
]);

/**
 * What a daily post needs in its channel: the invite's list (src/bot/invite.ts),
 * so `/daily set` asks for exactly what `npm run invite` grants, Attach Files
 * (the formula image) included.
 */
export const DAILY_CHANNEL_PERMISSIONS = BOT_CHANNEL_PERMISSIONS.map((flag) => [PERMISSION_NAMES.get(flag)!, flag] as const);
export type DailyPermission = MessageKey;

/** The permissions of DAILY_CHANNEL_PERMISSIONS the bot lacks in `channel` (empty: it can post). */
export function missingDailyPermissions(channel: GuildBasedChannel, me: GuildMember): DailyPermission[] {
  const perms = channel.permissionsFor(me);
  return DAILY_CHANNEL_PERMISSIONS.filter(([, flag]) => !perms.has(flag)).map(([name]) => name);
}

/** Without these nothing can be posted; without Attach Files the post goes out as text. */
const MISSING_FORBIDS_POSTING = new Set(
  DAILY_CHANNEL_PERMISSIONS.filter(([, flag]) => flag !== PermissionFlagsBits.AttachFiles).map(([name]) => name),
);

/** Discord errors after which posting cannot work until an admin acts. */
export function permanentPostError(err: unknown): PermanentPostError | null {
  if (!(err instanceof DiscordAPIError)) return null;
  switch (err.code) {
    case RESTJSONErrorCodes.UnknownChannel:
    case RESTJSONErrorCodes.UnknownGuild:
      return 'missing_channel';
    case RESTJSONErrorCodes.MissingAccess:
    case RESTJSONErrorCodes.MissingPermissions:
      return 'missing_permissions';
    default:
      return null;
  }
}

export interface DailyPosterDeps {
  client: Client;
  /** The words of a server's public posts, given its language in Discord (see language.ts). */
  publicT: (guildId: string, discordLocale: string | null) => Translate;
  index: StudyIndex;
  conceptBank: () => ConceptBank;
  /** Draws the quote's formulas into the post's image. */
  formulas: FormulaRenderer;
  /** Images in the quote are attached from here only. */
  notesRoot: string;
}

/**
 * Sends one daily post. Follows the scheduler's contract: `{ error }` only when
 * the message certainly did not go out (the channel could not be fetched, the
 * bot lacks permissions, or Discord refused the request); throws when unsure
 * (5xx after retries, timeouts, network errors), so the day is never re-posted.
 */
export function dailyPoster({ client, index, conceptBank, publicT, formulas, notesRoot }: DailyPosterDeps): PostFn {
  return async (guildId, channelId, concept, localDate) => {
    let channel: Awaited<ReturnType<Client['channels']['fetch']>>;
    try {
      channel = await client.channels.fetch(channelId);
    } catch (err) {
      return { error: permanentPostError(err) ?? `could not fetch the channel: ${errorText(err)}` };
    }
    if (!channel || channel.isDMBased() || channel.guildId !== guildId || !channel.isSendable()) return { error: 'missing_channel' };
    const me = channel.guild.members.me ?? (await channel.guild.members.fetchMe().catch(() => null));
    // Checked first so a locked channel is reported without a refused request; Discord has the last word below.
    const missing = me ? missingDailyPermissions(channel, me) : [];
    if (missing.some((name) => MISSING_FORBIDS_POSTING.has(name))) return { error: 'missing_permissions' };

    const input = {
      concept,
      quote: conceptQuote(index.notes, concept),
      related: relatedConcept(concept, conceptBank().concepts),
      localDate,
    };
    // Lost Attach Files since `/daily set`: the post still goes out, its formulas as code.
    const { view } = await dailyPostMessage(
      input,
      { renderer: formulas, notesRoot, attach: missing.length === 0 },
      publicT(guildId, channel.guild.preferredLocale),
    );
    try {
      const message = await channel.send(withUploads(view));
      return { messageId: message.id };
    } catch (err) {
      const permanent = permanentPostError(err);
      if (permanent) return { error: permanent };
      // A 4xx is a refusal (rate limits are waited out by discord.js): nothing was posted.
      if (err instanceof DiscordAPIError && err.status >= 400 && err.status < 500) {
        return { error: `Discord refused the post (${err.status}, code ${err.code}: ${err.message})` };
      }
      throw err;
    }
  };
}

export interface DailySchedulerDeps extends DailyPosterDeps {
  db: StudyDatabase;
  graceHours: number;
  logger: BotLogger;
  /** Share of a server's quiz answers on a concept that were wrong, 0..1; read at each pick, so the rotation favours those. */
  wrongRate: (guildId: string, conceptId: string) => number;
}

/** The bot's scheduler: daily posts stored in the bot's database, sent through its client. */
export function createDailyScheduler(deps: DailySchedulerDeps): DailyScheduler {
  return new DailyScheduler({
    store: new DailyStore(deps.db),
    post: dailyPoster(deps),
    concepts: () => deps.conceptBank().concepts,
    wrongRate: deps.wrongRate,
    logger: deps.logger,
    graceMs: deps.graceHours * 3_600_000,
  });
}
