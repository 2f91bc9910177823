import { ButtonStyle, type APIButtonComponent, type APIEmbedField } from 'discord.js';
import type { Concept } from '../concepts/types.js';
import type { DailyStatus, DisabledReason, PostNowResult, ScheduleProblem, ScheduleRecord } from '../daily/index.js';
import type { ConceptQuote } from './concept-quote.js';
import { customIds } from './custom-ids.js';
import { button, rows, timestamp, type MessageView } from './kit/components.js';
import { fitEmbed } from './kit/embed.js';
import { truncate, truncateMarkdown } from './kit/markdown.js';
import { translate, type Translate } from './messages.js';
import { inlinePlain, sectionMarkdown } from './section-text.js';
import { citation, headingTrail } from './text.js';

/**
 * How the daily concept looks in Discord: the post itself (an embed quoting
 * the note, with where it comes from, what to read next and a "Quiz me"
 * button) and the replies of `/daily`. Pure functions, kept within Discord's limits.
 */

const COLOR = { daily: 0xfee75c, info: 0x57f287, warn: 0xed4245 } as const;
/** The quote is the point of the post, but a whole page of it is not "a concept a day". */
const QUOTE_MAX = 1500;
const TEASER_MAX = 160;

export interface DailyPostInput {
  concept: Concept;
  quote: ConceptQuote;
  related: Concept | null;
  /** The server-local date the post is for, `YYYY-MM-DD`. */
  localDate: string;
}

/** The quote as the daily post shows it (formatted by the caller: with or without a formula image). */
export function dailyQuote(formatted: string, concept: Pick<Concept, 'definition'>): string {
  // `>>>` quotes everything after it, code blocks included, whatever the line count.
  return `>>> ${truncateMarkdown(formatted.trim() || sectionMarkdown(concept.definition), QUOTE_MAX)}`;
}

/** The daily post: a message of its own in the server's channel. */
export function dailyPostView({ concept, quote, related, localDate }: DailyPostInput, t: Translate = translate): MessageView {
  const src = concept.source;
  const fields: APIEmbedField[] = [];
  if (related) {
    const teaser = truncate(sectionMarkdown(related.definition).replace(/\s+/g, ' ').trim(), TEASER_MAX);
    fields.push({ name: t('daily.readNext'), value: `**${inlinePlain(related.term)}** — ${teaser}\n\`${citation(related.source)}\`` });
  }
  const embed = fitEmbed({
    author: { name: t('daily.author', { date: localDate }) },
    title: inlinePlain(concept.term),
    description: dailyQuote(sectionMarkdown(quote.markdown), concept),
    fields,
    footer: { text: `${citation(src)} · ${headingTrail(src)}` },
    color: COLOR.daily,
  });
  const buttons: APIButtonComponent[] = [
    button(customIds.quizConcept(concept.id), t('daily.quizMe'), ButtonStyle.Primary, { emoji: '🧠' }),
  ];
  if (quote.chunkId) buttons.push(button(customIds.askSection(quote.chunkId), t('daily.fullSection'), ButtonStyle.Secondary));
  return { embeds: [embed], components: rows(buttons) };
}

// --- /daily replies -------------------------------------------------------------

/** `<t:…:F> (<t:…:R>)`: each reader sees the instant in their own time zone, and how far away it is. */
export function discordTime(at: Date): string {
  return `${timestamp(at, 'F')} (${timestamp(at, 'R')})`;
}

function messageLink(guildId: string, channelId: string, messageId: string): string {
  return `https://discord.com/channels/${guildId}/${channelId}/${messageId}`;
}

function scheduleLine(s: ScheduleRecord, t: Translate): string {
  return t('daily.scheduleLine', { time: s.time, timezone: s.timezone, channelId: s.channelId });
}

export function dailySetMessage(schedule: ScheduleRecord, status: DailyStatus, t: Translate = translate): string {
  const lines = [t('daily.set', { schedule: scheduleLine(schedule, t) })];
  if (status.next) lines.push(t('daily.setNext', { local: status.next.local, when: discordTime(status.next.at) }));
  const r = status.rotation;
  lines.push(r.total > 0 ? t('daily.setRotation', { remaining: r.remaining, total: r.total }) : t('daily.setNoConcepts'));
  lines.push(t('daily.setHelp'));
  return lines.join('\n');
}

/** The channel cannot be used: say which permissions are missing and where. */
export function dailyChannelProblem(channelId: string, missing: string[], t: Translate = translate): string {
  return t('daily.channelProblem', { channelId, missing: missing.map((m) => `**${m}**`).join(', ') });
}

/** A time or timezone `/daily set` cannot use, with the form it expects. */
export function scheduleProblemMessage(problem: ScheduleProblem, t: Translate = translate): string {
  return problem.code === 'invalid_time' ? t('daily.badTime', { input: problem.input }) : t('daily.badTimezone', { input: problem.input });
}

/** Why the daily posts are off, and what turns them on again. */
export function disabledReasonText(reason: DisabledReason, t: Translate = translate): string {
  switch (reason.code) {
    case 'turned_off':
      return t('daily.disabled.turnedOff', { userId: reason.userId, when: timestamp(reason.at, 'f') });
    case 'missing_channel':
      return t('daily.disabled.missingChannel', { channelId: reason.channelId, localDate: reason.localDate });
    case 'missing_permissions':
      return t('daily.disabled.missingPermissions', { channelId: reason.channelId, localDate: reason.localDate });
    case 'legacy':
      return reason.text;
  }
}

/** `/daily now` while the posts are off, with why when known. */
export function offWhileNowMessage(reason: DisabledReason | null, t: Translate = translate): string {
  return t('daily.offWhileNow', { reason: reason ? ` (${disabledReasonText(reason, t)})` : '' });
}

export function dailyNowMessage(
  result: PostNowResult,
  schedule: ScheduleRecord,
  termOf: (conceptId: string) => string,
  t: Translate = translate,
): string {
  switch (result.outcome) {
    case 'posted':
      return t('daily.now.posted', {
        term: termOf(result.conceptId),
        channelId: schedule.channelId,
        link: messageLink(schedule.guildId, schedule.channelId, result.messageId),
        localDate: result.localDate,
      });
    case 'already_posted': {
      const p = result.post;
      const link = p.messageId ? `: ${messageLink(p.guildId, p.channelId, p.messageId)}` : '';
      return t('daily.now.alreadyPosted', { localDate: result.localDate, timezone: schedule.timezone, term: termOf(p.conceptId), link });
    }
    case 'in_progress':
      return result.stale
        ? t('daily.now.stale', { when: discordTime(result.post.claimedAt), channelId: result.post.channelId })
        : t('daily.now.inProgress', { channelId: result.post.channelId });
    case 'failed':
      return result.disabledReason
        ? t('daily.now.failedDisabled', { channelId: schedule.channelId, reason: disabledReasonText(result.disabledReason, t) })
        : t('daily.now.failed', { channelId: schedule.channelId, error: result.error });
    case 'unknown':
      return t('daily.now.unknown', { error: result.error, channelId: schedule.channelId });
    case 'no_concepts':
      return t('daily.noConceptsNow');
    case 'no_schedule':
      return t('daily.notSet');
  }
}

export function dailyStatusView(status: DailyStatus, termOf: (conceptId: string) => string, t: Translate = translate): MessageView {
  const { schedule, rotation: r } = status;
  const fields: APIEmbedField[] = [];
  if (!schedule) {
    fields.push({ name: t('daily.status.schedule'), value: t('daily.notSet') });
  } else if (schedule.enabled) {
    fields.push({ name: t('daily.status.schedule'), value: t('daily.status.on', { schedule: scheduleLine(schedule, t) }) });
  } else {
    fields.push({
      name: t('daily.status.schedule'),
      value: t('daily.status.off', {
        schedule: scheduleLine(schedule, t),
        reason: status.disabledReason ? disabledReasonText(status.disabledReason, t) : t('daily.status.turnedOff'),
      }),
    });
  }
  if (status.next) {
    fields.push({
      name: t('daily.status.next'),
      value: status.next.overdue
        ? t('daily.status.dueNow', { local: status.next.local })
        : t('daily.status.nextAt', { local: status.next.local, when: discordTime(status.next.at) }),
    });
  }
  fields.push({
    name: t('daily.status.rotation'),
    value:
      r.total > 0
        ? t('daily.status.rotationValue', { cycle: r.cycle, shown: r.shown, total: r.total, remaining: r.remaining })
        : t('daily.status.noConcepts'),
  });
  const last = status.lastPosted;
  fields.push({
    name: t('daily.status.last'),
    value: last
      ? t('daily.status.lastValue', {
          localDate: last.localDate,
          term: termOf(last.conceptId),
          link: last.messageId ? ` — ${messageLink(last.guildId, last.channelId, last.messageId)}` : '',
          when: last.postedAt ? ` (${timestamp(last.postedAt, 'R')}${last.trigger === 'manual' ? t('daily.status.byNow') : ''})` : '',
        })
      : t('daily.status.none'),
  });
  const problems: string[] = [];
  const latest = status.latest;
  if (latest?.status === 'failed' && schedule?.enabled) {
    problems.push(
      t('daily.status.failed', {
        localDate: latest.localDate,
        error: latest.error ?? t('daily.status.unknownError'),
        attempts: latest.attempts,
      }),
    );
  }
  for (const u of status.unconfirmed) {
    problems.push(
      t('daily.status.unconfirmed', {
        localDate: u.localDate,
        term: termOf(u.conceptId),
        when: timestamp(u.claimedAt, 'R'),
        error: u.error ? ` (${u.error})` : '',
        channelId: u.channelId,
      }),
    );
  }
  if (problems.length) fields.push({ name: t('daily.status.needsLook'), value: problems.join('\n') });
  const warn = (schedule && !schedule.enabled) || problems.length > 0;
  return {
    embeds: [fitEmbed({ title: t('daily.status.title'), fields, color: warn ? COLOR.warn : COLOR.info })],
    components: [],
  };
}
