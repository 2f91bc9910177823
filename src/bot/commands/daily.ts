import {
  ChannelType,
  MessageFlags,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
} from 'discord.js';
import { DateTime } from 'luxon';
import { parseTime, parseTimezone, timezoneSuggestions } from '../../daily/index.js';
import {
  dailyChannelProblem,
  dailyNowMessage,
  dailySetMessage,
  dailyStatusView,
  offWhileNowMessage,
  scheduleProblemMessage,
} from '../../render/daily.js';
import { fitContent } from '../../render/kit/markdown.js';
import type { Translate } from '../../render/messages.js';
import type { BotContext } from '../context.js';
import { missingDailyPermissions } from '../daily.js';
import { replyPrivately } from '../replies.js';
import { localized } from './localized.js';

const DAILY_CHANNEL_TYPES = [ChannelType.GuildText, ChannelType.GuildAnnouncement] as const;

export const data = localized(new SlashCommandBuilder(), 'daily')
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .addSubcommand((s) =>
    localized(s, 'daily.set')
      .addChannelOption((o) =>
        localized(o, 'daily.set.channel')
          .setRequired(true)
          .addChannelTypes(...DAILY_CHANNEL_TYPES),
      )
      .addStringOption((o) => localized(o, 'daily.set.time').setRequired(true))
      .addStringOption((o) => localized(o, 'daily.set.timezone').setRequired(true).setAutocomplete(true)),
  )
  .addSubcommand((s) => localized(s, 'daily.off'))
  .addSubcommand((s) => localized(s, 'daily.status'))
  .addSubcommand((s) => localized(s, 'daily.now'));

export const cooldownMs = 2000;
export const guildOnly = { refusal: 'daily.onlyInServer' } as const;
export const memberPermission = { flag: PermissionFlagsBits.ManageGuild, refusal: 'daily.needsPermission' } as const;

type GuildCommand = ChatInputCommandInteraction<'cached' | 'raw'>;

export async function execute(interaction: GuildCommand, ctx: BotContext): Promise<void> {
  switch (interaction.options.getSubcommand(true)) {
    case 'set':
      return set(interaction, ctx);
    case 'off':
      return off(interaction, ctx);
    case 'status':
      return status(interaction, ctx);
    case 'now':
      return now(interaction, ctx);
    default:
      await replyPrivately(interaction, ctx.t('daily.unknownSubcommand'));
  }
}

/** Timezone suggestions as the admin types, each with its current UTC offset. */
export async function autocomplete(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> {
  const focused = interaction.options.getFocused(true);
  if (focused.name !== 'timezone') {
    await interaction.respond([]);
    return;
  }
  const now = DateTime.now();
  await interaction.respond(
    timezoneSuggestions(String(focused.value)).map((zone) => ({
      name: ctx.t('daily.timezoneChoice', { zone, offset: now.setZone(zone).toFormat('ZZ') }),
      value: zone,
    })),
  );
}

async function set(interaction: GuildCommand, ctx: BotContext): Promise<void> {
  const time = parseTime(interaction.options.getString('time', true));
  if (!time.ok) {
    await replyPrivately(interaction, scheduleProblemMessage(time.error, ctx.t));
    return;
  }
  const zone = parseTimezone(interaction.options.getString('timezone', true));
  if (!zone.ok) {
    await replyPrivately(interaction, `${scheduleProblemMessage(zone.error, ctx.t)}${ctx.t('daily.badTimezoneHint')}`);
    return;
  }
  const channelId = interaction.options.getChannel('channel', true).id;
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const problem = await channelProblem(interaction, channelId, ctx.t);
  if (problem) {
    await edit(interaction, problem);
    return;
  }
  const saved = ctx.daily.configure({ guildId: interaction.guildId, channelId, time: time.value, timezone: zone.value });
  if (!saved.ok) {
    await edit(interaction, scheduleProblemMessage(saved.error, ctx.t));
    return;
  }
  ctx.logger.info(
    { interactionId: interaction.id, guildId: interaction.guildId, channelId, time: time.value, timezone: zone.value },
    'daily concept scheduled',
  );
  await edit(interaction, dailySetMessage(saved.value, await ctx.daily.status(interaction.guildId), ctx.t));
}

/** Why the bot cannot post in the channel, or null when it can. */
async function channelProblem(interaction: GuildCommand, channelId: string, t: Translate): Promise<string | null> {
  try {
    const guild = interaction.guild ?? (await interaction.client.guilds.fetch(interaction.guildId));
    const channel = guild.channels.cache.get(channelId) ?? (await guild.channels.fetch(channelId));
    if (!channel || !(DAILY_CHANNEL_TYPES as readonly ChannelType[]).includes(channel.type)) return t('daily.notAChannel');
    const me = guild.members.me ?? (await guild.members.fetchMe());
    const missing = missingDailyPermissions(channel, me);
    return missing.length
      ? dailyChannelProblem(
          channelId,
          missing.map((key) => t(key)),
          t,
        )
      : null;
  } catch {
    return dailyChannelProblem(channelId, [t('permission.viewChannel')], t);
  }
}

async function off(interaction: GuildCommand, ctx: BotContext): Promise<void> {
  const schedule = ctx.daily.store.getSchedule(interaction.guildId);
  if (!schedule) {
    await replyPrivately(interaction, ctx.t('daily.notSet'));
    return;
  }
  if (!schedule.enabled) {
    await replyPrivately(interaction, ctx.t('daily.offAlready'));
    return;
  }
  ctx.daily.disable(interaction.guildId, { code: 'turned_off', userId: interaction.user.id, at: new Date() });
  ctx.logger.info({ interactionId: interaction.id, guildId: interaction.guildId, userId: interaction.user.id }, 'daily concept turned off');
  await replyPrivately(interaction, ctx.t('daily.off'));
}

async function status(interaction: GuildCommand, ctx: BotContext): Promise<void> {
  const view = dailyStatusView(await ctx.daily.status(interaction.guildId), termOf(ctx), ctx.t);
  await interaction.reply({ ...view, flags: MessageFlags.Ephemeral });
}

async function now(interaction: GuildCommand, ctx: BotContext): Promise<void> {
  const schedule = ctx.daily.store.getSchedule(interaction.guildId);
  if (!schedule) {
    await replyPrivately(interaction, ctx.t('daily.notSet'));
    return;
  }
  if (!schedule.enabled) {
    await replyPrivately(interaction, offWhileNowMessage(schedule.disabledReason, ctx.t));
    return;
  }
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const result = await ctx.daily.postNow(interaction.guildId);
  ctx.logger.info(
    { interactionId: interaction.id, guildId: interaction.guildId, outcome: result.outcome },
    'daily concept posted on request',
  );
  // Re-read: a failure may just have disabled the schedule.
  await edit(interaction, dailyNowMessage(result, ctx.daily.store.getSchedule(interaction.guildId) ?? schedule, termOf(ctx), ctx.t));
}

function termOf(ctx: BotContext): (conceptId: string) => string {
  const bank = ctx.conceptBank();
  return (id) => bank.byId.get(id)?.term ?? ctx.t('daily.conceptGone', { id });
}

function edit(interaction: GuildCommand, text: string) {
  return interaction.editReply({ content: fitContent(text) });
}
