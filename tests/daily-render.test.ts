/**
 * Specification of the daily concept's Discord side that needs no Discord:
 * the post (quote from the note, citation, "Read next", buttons, limits), the
 * `/daily` replies, and which Discord errors disable a schedule.
 */
import { DiscordAPIError } from 'discord.js';
import { describe, expect, it } from 'vitest';
import type { Concept } from '../src/concepts/types.js';
import type { DailyStatus, PostRecord, ScheduleRecord } from '../src/daily/index.js';
import type { Chunk } from '../src/notes/types.js';
import { parseCustomId } from '../src/render/custom-ids.js';
import { conceptQuote } from '../src/render/concept-quote.js';
import { permanentPostError } from '../src/bot/daily.js';
import { dailyNowMessage, dailyPostView, dailySetMessage, dailyStatusView, discordTime } from '../src/render/daily.js';
import { embedLength, LIMITS } from '../src/render/discord.js';
import { buttons as buttonsOf } from './support/buttons.js';

const chunk = (over: Partial<Chunk> = {}): Chunk => ({
  id: 'aaaaaaaaaa-bbbbbbbbbb',
  file: 'retinanet-focal-loss.md',
  title: 'RetinaNet',
  headingPath: ['RetinaNet', '焦点损失'],
  startLine: 10,
  endLine: 14,
  part: 0,
  text: [
    'Intro line.',
    '',
    '- **焦点损失（Focal Loss）**是在交叉熵前乘以 $(1-p_t)^\\gamma$ 的损失，压低易分样本的权重。',
    '- 其他内容。',
    'Last line.',
  ].join('\n'),
  ...over,
});

const concept = (over: Partial<Concept> = {}): Concept => ({
  id: '0123456789abcdef',
  term: '焦点损失（Focal Loss）',
  aliases: ['焦点损失', 'Focal Loss'],
  definition: '焦点损失（Focal Loss）是在交叉熵前乘以 `(1-p_t)^γ` 的损失。',
  kind: 'loss',
  topic: 'retinanet-focal-loss.md',
  source: { file: 'retinanet-focal-loss.md', headingPath: ['RetinaNet', '焦点损失'], startLine: 12, endLine: 12 },
  ...over,
});

const related = concept({
  id: 'fedcba9876543210',
  term: '类别不平衡（class imbalance）',
  aliases: ['类别不平衡'],
  definition: '类别不平衡指前景远少于背景。',
  source: { file: 'retinanet-focal-loss.md', headingPath: ['RetinaNet', '动机'], startLine: 5, endLine: 5 },
});

/** A reason stored as a sentence (by an earlier version): shown as it was written. */
const legacyReason = (text: string) => ({ code: 'legacy' as const, text });

describe('conceptQuote', () => {
  it('quotes the source lines from the indexed section, without the list marker', () => {
    const q = conceptQuote([{ file: 'retinanet-focal-loss.md', chunks: [chunk()] }], concept());
    expect(q).toEqual({
      markdown: '**焦点损失（Focal Loss）**是在交叉熵前乘以 $(1-p_t)^\\gamma$ 的损失，压低易分样本的权重。',
      chunkId: 'aaaaaaaaaa-bbbbbbbbbb',
    });
  });

  it('falls back to the definition when the lines no longer name the concept, or the section is gone', () => {
    const moved = conceptQuote(
      [{ file: 'retinanet-focal-loss.md', chunks: [chunk()] }],
      concept({ source: { ...concept().source, startLine: 14, endLine: 14 } }),
    );
    expect(moved).toEqual({ markdown: concept().definition, chunkId: 'aaaaaaaaaa-bbbbbbbbbb' });
    expect(conceptQuote([], concept())).toEqual({ markdown: concept().definition, chunkId: null });
    const otherHeading = conceptQuote([{ file: 'retinanet-focal-loss.md', chunks: [chunk({ headingPath: ['Other'] })] }], concept());
    expect(otherHeading.chunkId).toBeNull();
  });
});

describe('dailyPostView', () => {
  it('an embed titled with the term, quoting the note, citing file:lines, with "Read next" and the buttons', () => {
    const quote = conceptQuote([{ file: 'retinanet-focal-loss.md', chunks: [chunk()] }], concept());
    const view = dailyPostView({ concept: concept(), quote, related, localDate: '2026-03-08' });
    const embed = view.embeds[0]!;
    expect(embed.title).toBe('焦点损失（Focal Loss）');
    // Inline formulas read as Unicode (issue #13), with no underscore left for Markdown to eat.
    expect(embed.description).toBe('>>> **焦点损失（Focal Loss）**是在交叉熵前乘以 (1−pₜ)ᵞ 的损失，压低易分样本的权重。');
    expect(embed.footer!.text).toBe('retinanet-focal-loss.md:12-12 · RetinaNet › 焦点损失');
    expect(embed.author!.name).toBe('📅 Concept of the day · Sunday, March 8, 2026');
    expect(embed.fields).toEqual([
      { name: 'Read next', value: '**类别不平衡（class imbalance）** — 类别不平衡指前景远少于背景。\n`retinanet-focal-loss.md:5-5`' },
    ]);
    const buttons = buttonsOf(view);
    expect(buttons.map((b) => [b.label, b.custom_id])).toEqual([
      ['Quiz me', 'quiz:concept:0123456789abcdef'],
      ['Full section', 'ask:section:aaaaaaaaaa-bbbbbbbbbb'],
    ]);
    expect(parseCustomId(buttons[0].custom_id)).toEqual({ kind: 'quiz-concept', conceptId: '0123456789abcdef' });
  });

  it('stays within Discord limits for huge notes and names, and works without a related concept or section', () => {
    const huge = concept({ term: '长'.repeat(400), source: { ...concept().source, headingPath: Array(30).fill('很长的标题'.repeat(10)) } });
    const view = dailyPostView({
      concept: huge,
      quote: { markdown: `${'一句话。'.repeat(3000)}\n\`\`\`\ncode\n`, chunkId: null },
      related: { ...related, term: 'x'.repeat(400), definition: 'y'.repeat(5000) },
      localDate: '2026-03-08',
    });
    const embed = view.embeds[0]!;
    expect(embed.title!.length).toBeLessThanOrEqual(LIMITS.embedTitle);
    expect(embed.description!.length).toBeLessThanOrEqual(LIMITS.embedDescription);
    expect(embed.footer!.text.length).toBeLessThanOrEqual(LIMITS.embedFooter);
    expect(embed.fields!.every((f) => f.value.length <= LIMITS.fieldValue && f.name.length <= LIMITS.fieldName)).toBe(true);
    expect(embedLength(embed)).toBeLessThanOrEqual(LIMITS.embedTotal);
    expect(view.components.flatMap((r) => r.components).map((b) => ('label' in b ? b.label : undefined))).toEqual(['Quiz me']);
    expect(
      dailyPostView({ concept: concept(), quote: { markdown: 'x', chunkId: null }, related: null, localDate: '2026-03-08' }).embeds[0]!
        .fields,
    ).toEqual([]);
  });
});

const schedule: ScheduleRecord = {
  guildId: '300000000000000001',
  channelId: '400000000000000001',
  time: '08:30',
  timezone: 'Asia/Shanghai',
  enabled: true,
  disabledReason: null,
  updatedAt: new Date('2026-03-01T00:00:00Z'),
};
const post = (over: Partial<PostRecord> = {}): PostRecord => ({
  guildId: schedule.guildId,
  localDate: '2026-03-08',
  conceptId: '0123456789abcdef',
  status: 'posted',
  trigger: 'schedule',
  channelId: schedule.channelId,
  messageId: '500000000000000001',
  error: null,
  attempts: 1,
  claimedAt: new Date('2026-03-08T00:30:00Z'),
  postedAt: new Date('2026-03-08T00:30:01Z'),
  ...over,
});
const status = (over: Partial<DailyStatus> = {}): DailyStatus => ({
  guildId: schedule.guildId,
  schedule,
  disabledReason: null,
  next: { at: new Date('2026-03-09T00:30:00Z'), localDate: '2026-03-09', local: '2026-03-09 08:30 GMT+8 (UTC+8)', overdue: false },
  rotation: { cycle: 2, shown: 3, remaining: 91, total: 94 },
  lastPosted: post(),
  latest: post(),
  unconfirmed: [],
  ...over,
});
const termOf = (id: string) => (id === '0123456789abcdef' ? 'Focal Loss' : id);
const text = (view: ReturnType<typeof dailyStatusView>) => view.embeds[0]!.fields!.map((f) => `${f.name}: ${f.value}`).join('\n');

describe('/daily replies', () => {
  it('set: the next post in local time and as <t:unix:F> (<t:unix:R>)', () => {
    const msg = dailySetMessage(schedule, status());
    expect(discordTime(new Date('2026-03-09T00:30:00Z'))).toBe('<t:1773016200:F> (<t:1773016200:R>)');
    expect(msg).toContain('every day at **08:30** (Asia/Shanghai) in <#400000000000000001>');
    expect(msg).toContain('Next post: **2026-03-09 08:30 GMT+8 (UTC+8)** — <t:1773016200:F> (<t:1773016200:R>)');
    expect(msg).toContain('91 of 94 concepts');
  });

  it('status: schedule, next post, rotation, last post; a disabled reason and unconfirmed posts stand out', () => {
    const ok = text(dailyStatusView(status(), termOf));
    expect(ok).toContain('Rotation: Cycle 2: **3** of **94** concepts shown, **91** remaining before any repeats.');
    expect(ok).toContain(
      'Last post: 2026-03-08: **Focal Loss** — https://discord.com/channels/300000000000000001/400000000000000001/500000000000000001',
    );
    expect(ok).not.toContain('Needs a look');

    const off = text(
      dailyStatusView(
        status({
          schedule: { ...schedule, enabled: false, disabledReason: legacyReason('The bot lost permission.') },
          disabledReason: legacyReason('The bot lost permission.'),
          next: null,
          unconfirmed: [post({ localDate: '2026-03-09', status: 'claimed', messageId: null, postedAt: null, error: 'socket hang up' })],
        }),
        termOf,
      ),
    );
    expect(off).toMatch(/Schedule: \*\*Off\*\* \(was every day at \*\*08:30\*\*.*\)\.\nThe bot lost permission\./);
    expect(off).not.toContain('Next post');
    expect(off).toMatch(
      /Needs a look: The post for 2026-03-09 \(\*\*Focal Loss\*\*\) was started <t:\d+:R> but never confirmed \(socket hang up\)\. It may have gone out/,
    );
  });

  it('now: each outcome in words', () => {
    expect(
      dailyNowMessage({ guildId: schedule.guildId, localDate: '2026-03-08', outcome: 'already_posted', post: post() }, schedule, termOf),
    ).toMatch(/^Today's concept was already posted today \(2026-03-08, Asia\/Shanghai\): \*\*Focal Loss\*\*: https:/);
    expect(
      dailyNowMessage(
        { guildId: schedule.guildId, localDate: '2026-03-08', outcome: 'in_progress', post: post({ status: 'claimed' }), stale: true },
        schedule,
        termOf,
      ),
    ).toMatch(/never confirmed.*not sent again today/);
    expect(
      dailyNowMessage(
        {
          guildId: schedule.guildId,
          localDate: '2026-03-08',
          outcome: 'failed',
          conceptId: 'x',
          error: 'missing_channel',
          disabledReason: legacyReason('Gone.'),
        },
        schedule,
        termOf,
      ),
    ).toBe('❌ Could not post in <#400000000000000001>. Gone.');
    expect(dailyNowMessage({ guildId: schedule.guildId, outcome: 'no_schedule' }, schedule, termOf)).toMatch(/\/daily set/);
  });
});

describe('permanentPostError', () => {
  const apiError = (status: number, code: number) =>
    new DiscordAPIError({ message: 'x', code }, code, status, 'POST', '/channels/1/messages', { body: undefined, files: undefined });
  it('Unknown Channel disables as missing_channel; Missing Access/Permissions as missing_permissions; others are not permanent', () => {
    expect(permanentPostError(apiError(404, 10003))).toBe('missing_channel');
    expect(permanentPostError(apiError(403, 50001))).toBe('missing_permissions');
    expect(permanentPostError(apiError(403, 50013))).toBe('missing_permissions');
    expect(permanentPostError(apiError(400, 50035))).toBeNull();
    expect(permanentPostError(new Error('socket hang up'))).toBeNull();
  });
});
