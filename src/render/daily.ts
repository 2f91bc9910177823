import { ButtonStyle, ComponentType, type APIButtonComponent, type APIEmbedField } from 'discord.js';
import type { Concept } from '../concepts/types.js';
import { conceptNames } from '../concepts/bank.js';
import { mentions } from '../concepts/text.js';
import type { Chunk } from '../notes/types.js';
import type { DailyStatus, PostNowResult, ScheduleRecord } from '../daily/index.js';
import { customIds } from '../bot/custom-ids.js';
import { discordMarkdown, fitEmbed, rows, truncate, truncateMarkdown, type MessageView } from './discord.js';
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

/** The note's own words for a concept: its source lines, as indexed, and the section they belong to. */
export interface ConceptQuote {
  markdown: string;
  /** The indexed section holding the lines ("Full section" button), or null when only the definition is known. */
  chunkId: string | null;
}

/**
 * Quotes the lines `concept.source` points at, taken from the indexed section
 * that holds them (chunk text line i is file line `startLine + i`). Falls back
 * to the concept's definition when the index has moved on (the lines no longer
 * name the concept) or the section is gone.
 */
export function conceptQuote(notes: ReadonlyArray<{ file: string; chunks: ReadonlyArray<Chunk> }>, concept: Concept): ConceptQuote {
  const { file, startLine, endLine, headingPath } = concept.source;
  const chunk = notes
    .find((n) => n.file === file)
    ?.chunks.find((c) => c.startLine <= startLine && c.endLine >= endLine && c.headingPath.join('\u0000') === headingPath.join('\u0000'));
  if (chunk) {
    const lines = chunk.text.split('\n').slice(startLine - chunk.startLine, endLine - chunk.startLine + 1);
    let text = lines.join('\n').trim();
    // A single list item or quoted line reads better without its marker inside our own quote.
    if (!text.includes('\n')) text = text.replace(/^(?:>\s*)+/, '').replace(/^(?:[-*+]|\d+[.)])\s+/, '');
    const plain = text.replace(/[*_`]/g, '');
    if (text && conceptNames(concept).some((name) => mentions(plain, name))) return { markdown: text, chunkId: chunk.id };
    return { markdown: concept.definition, chunkId: chunk.id };
  }
  return { markdown: concept.definition, chunkId: null };
}

export interface DailyPostInput {
  concept: Concept;
  quote: ConceptQuote;
  related: Concept | null;
  /** The server-local date the post is for, `YYYY-MM-DD`. */
  localDate: string;
}

/** The daily post: a message of its own in the server's channel. */
export function dailyPostView({ concept, quote, related, localDate }: DailyPostInput): MessageView {
  const src = concept.source;
  const body = truncateMarkdown(discordMarkdown(quote.markdown).trim() || concept.definition, QUOTE_MAX);
  const fields: APIEmbedField[] = [];
  if (related) {
    const teaser = truncate(discordMarkdown(related.definition).replace(/\s+/g, ' ').trim(), TEASER_MAX);
    fields.push({ name: 'Read next', value: `**${related.term}** — ${teaser}\n\`${citation(related.source)}\`` });
  }
  const embed = fitEmbed({
    author: { name: `📅 Concept of the day · ${localDate}` },
    title: concept.term,
    // `>>>` quotes everything after it, code blocks included, whatever the line count.
    description: `>>> ${body}`,
    fields,
    footer: { text: `${citation(src)} · ${headingTrail(src)}` },
    color: COLOR.daily,
  });
  const buttons: APIButtonComponent[] = [
    { type: ComponentType.Button, style: ButtonStyle.Primary, custom_id: customIds.quizConcept(concept.id), label: 'Quiz me', emoji: { name: '🧠' } },
  ];
  if (quote.chunkId) {
    buttons.push({ type: ComponentType.Button, style: ButtonStyle.Secondary, custom_id: customIds.askSection(quote.chunkId), label: 'Full section' });
  }
  return { embeds: [embed], components: rows(buttons) };
}

// --- /daily replies -------------------------------------------------------------

/** `<t:…:F> (<t:…:R>)`: each reader sees the instant in their own time zone, and how far away it is. */
export function discordTime(at: Date): string {
  const unix = Math.floor(at.getTime() / 1000);
  return `<t:${unix}:F> (<t:${unix}:R>)`;
}

function messageLink(guildId: string, channelId: string, messageId: string): string {
  return `https://discord.com/channels/${guildId}/${channelId}/${messageId}`;
}

function scheduleLine(s: ScheduleRecord): string {
  return `every day at **${s.time}** (${s.timezone}) in <#${s.channelId}>`;
}

export function dailySetMessage(schedule: ScheduleRecord, status: DailyStatus): string {
  const lines = [`✅ Daily concept set: ${scheduleLine(schedule)}.`];
  if (status.next) {
    lines.push(`Next post: **${status.next.local}** — ${discordTime(status.next.at)}.`);
  }
  const r = status.rotation;
  lines.push(
    r.total > 0
      ? `${r.remaining} of ${r.total} concepts from the notes still to come before any repeats.`
      : 'The notes have no concepts yet: add definitions to the notes and run `/reindex`, or nothing will be posted.',
  );
  lines.push('`/daily now` posts today\'s concept right away; `/daily status` shows the schedule; `/daily off` stops the posts.');
  return lines.join('\n');
}

/** The channel cannot be used: say which permissions are missing and where. */
export function dailyChannelProblem(channelId: string, missing: string[]): string {
  return (
    `I can't post in <#${channelId}>: I'm missing ${missing.map((m) => `**${m}**`).join(', ')} there. ` +
    'Give my role those permissions in that channel (Edit Channel → Permissions), or pick another channel, then run `/daily set` again. Nothing was changed.'
  );
}

export const DAILY_MESSAGES = {
  needsPermission: 'Setting up the daily concept needs the **Manage Server** permission.',
  onlyInServer: '`/daily` only works in a server.',
  notSet: 'No daily concept is set up in this server yet. Start with `/daily set channel:#channel time:08:30 timezone:Europe/Berlin`.',
  notAChannel: 'Pick a text or announcement channel for the daily concept.',
  offAlready: 'Daily concept posts are already off. `/daily set` turns them on again.',
  off: 'Daily concept posts are off. Nothing is deleted: `/daily set` turns them on again, and the rotation continues where it stopped.',
  offWhileNow: (reason: string | null) =>
    `Daily concept posts are off${reason ? ` (${reason})` : ''}. Run \`/daily set\` to turn them on again, then \`/daily now\`.`,
  noConceptsNow: 'The notes have no concepts to post yet: add definitions to the notes (e.g. `**Term** is …`) and run `/reindex`.',
};

export function dailyNowMessage(result: PostNowResult, schedule: ScheduleRecord, termOf: (conceptId: string) => string): string {
  switch (result.outcome) {
    case 'posted':
      return (
        `📅 Posted today's concept, **${termOf(result.conceptId)}**, in <#${schedule.channelId}>: ${messageLink(schedule.guildId, schedule.channelId, result.messageId)}\n` +
        `It counts as today's (${result.localDate}) post, so the scheduled one is skipped today.`
      );
    case 'already_posted': {
      const p = result.post;
      const link = p.messageId ? `: ${messageLink(p.guildId, p.channelId, p.messageId)}` : '';
      return `Today's concept was already posted today (${result.localDate}, ${schedule.timezone}): **${termOf(p.conceptId)}**${link}. One concept a day; the next one comes at the scheduled time.`;
    }
    case 'in_progress':
      return result.stale
        ? `Today's post was started ${discordTime(result.post.claimedAt)} but Discord never confirmed it (the bot may have stopped mid-post). ` +
            `It may have gone out: check <#${result.post.channelId}>. To avoid a double post, it is not sent again today.`
        : `Today's concept is being posted right now; it will appear in <#${result.post.channelId}> in a moment.`;
    case 'failed':
      return result.disabledReason
        ? `❌ Could not post in <#${schedule.channelId}>. ${result.disabledReason}`
        : `❌ Could not post in <#${schedule.channelId}> (${result.error}). Nothing was sent; try \`/daily now\` again in a minute.`;
    case 'unknown':
      return (
        `⚠️ Discord did not confirm the post (${result.error}). It may have gone out: check <#${schedule.channelId}>. ` +
        'To avoid a double post, it is not sent again today.'
      );
    case 'no_concepts':
      return DAILY_MESSAGES.noConceptsNow;
    case 'no_schedule':
      return DAILY_MESSAGES.notSet;
  }
}

export function dailyStatusView(status: DailyStatus, termOf: (conceptId: string) => string): MessageView {
  const { schedule, rotation: r } = status;
  const fields: APIEmbedField[] = [];
  if (!schedule) {
    fields.push({ name: 'Schedule', value: DAILY_MESSAGES.notSet });
  } else if (schedule.enabled) {
    fields.push({ name: 'Schedule', value: `On: ${scheduleLine(schedule)}.` });
  } else {
    fields.push({ name: 'Schedule', value: `**Off** (was ${scheduleLine(schedule)}).\n${status.disabledReason ?? 'Turned off.'}` });
  }
  if (status.next) {
    fields.push({
      name: 'Next post',
      value: status.next.overdue
        ? `Due now (${status.next.local}): going out within a minute.`
        : `**${status.next.local}** — ${discordTime(status.next.at)}`,
    });
  }
  fields.push({
    name: 'Rotation',
    value: r.total > 0
      ? `Cycle ${r.cycle}: **${r.shown}** of **${r.total}** concepts shown, **${r.remaining}** remaining before any repeats.`
      : 'The notes have no concepts yet: add definitions and run `/reindex`.',
  });
  const last = status.lastPosted;
  fields.push({
    name: 'Last post',
    value: last
      ? `${last.localDate}: **${termOf(last.conceptId)}**${last.messageId ? ` — ${messageLink(last.guildId, last.channelId, last.messageId)}` : ''}` +
        (last.postedAt ? ` (${`<t:${Math.floor(last.postedAt.getTime() / 1000)}:R>`}${last.trigger === 'manual' ? ', by `/daily now`' : ''})` : '')
      : 'None yet.',
  });
  const problems: string[] = [];
  const latest = status.latest;
  if (latest?.status === 'failed' && schedule?.enabled) {
    problems.push(`The post for ${latest.localDate} failed (${latest.error ?? 'unknown error'}, attempt ${latest.attempts}); it is retried within the grace period.`);
  }
  for (const u of status.unconfirmed) {
    problems.push(
      `The post for ${u.localDate} (**${termOf(u.conceptId)}**) was started <t:${Math.floor(u.claimedAt.getTime() / 1000)}:R> but never confirmed` +
        `${u.error ? ` (${u.error})` : ''}. It may have gone out: check <#${u.channelId}>. It is not re-sent, to avoid a double post.`,
    );
  }
  if (problems.length) fields.push({ name: '⚠️ Needs a look', value: problems.join('\n') });
  const warn = (schedule && !schedule.enabled) || problems.length > 0;
  return {
    embeds: [fitEmbed({ title: 'Daily concept', fields, color: warn ? COLOR.warn : COLOR.info })],
    components: [],
  };
}
