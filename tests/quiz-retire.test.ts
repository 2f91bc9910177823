/**
 * Specification of the Discord side of retiring bad questions (issue #14)
 * without Discord: the 👎 button's custom id, the verdict that carries it, the
 * list `/quiz mode:report` shows (within Discord's limits), and the guard of
 * that mode, declared on the command and merged by the dispatcher.
 */
import { PermissionFlagsBits, PermissionsBitField, type RepliableInteraction } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { commands } from '../src/bot/commands/index.js';
import { buttonRoutes } from '../src/bot/components/index.js';
import { Cooldowns } from '../src/bot/cooldowns.js';
import { refusal, withChoiceGuards } from '../src/bot/guards.js';
import type { Question } from '../src/quiz/types.js';
import type { RetiredQuestion } from '../src/quiz/bank-store.js';
import { customIds, parseCustomId } from '../src/render/custom-ids.js';
import { LIMITS } from '../src/render/kit/limits.js';
import { translatorFor } from '../src/render/messages.js';
import { retiredQuestionsView, verdictView } from '../src/render/quiz.js';

const QID = '0b6a3c2e-6f1d-4a55-9b7e-1f0e2d3c4b5a';
const RETIRED_AT = new Date('2026-12-01T10:00:00Z');
/** Discord's timestamp markup counts seconds. */
const AT = RETIRED_AT.getTime() / 1000;

const question: Question = {
  id: 'q1',
  conceptId: 'c1',
  type: 'definition-to-term',
  stem: '以下哪个概念符合这段描述？\n> ＿＿＿是把同一尺寸的 `C_i` 经过 1×1 卷积后与上采样特征相加的连接。',
  options: ['侧向连接', '自顶向下路径', '平滑卷积', '特征金字塔'],
  correctIndex: 0,
  optionConceptIds: ['c1', 'c2', 'c3', 'c4'],
  source: { file: 'fpn.md', headingPath: ['FPN', '侧向连接'], startLine: 34, endLine: 34 },
};

describe('the 👎 button', () => {
  it('carries the posting’s id and parses back; malformed ids are refused', () => {
    expect(customIds.quizBad(QID)).toBe(`quiz:bad:${QID}`);
    expect(parseCustomId(customIds.quizBad(QID))).toEqual({ kind: 'quiz-bad', questionId: QID });
    for (const bad of ['quiz:bad:', 'quiz:bad:has space', `quiz:bad:${QID}:1`, `quiz:bad:${'x'.repeat(65)}`])
      expect(parseCustomId(bad)).toBeNull();
  });

  it('is on the verdict when the posting has a key, and only then', () => {
    const verdict = { question, choice: 1, correct: false, source: question.source, quote: null, nextDue: null };
    const withButton = verdictView({ ...verdict, reportId: QID });
    expect(withButton.components.flatMap((r) => r.components)).toEqual([
      expect.objectContaining({ custom_id: `quiz:bad:${QID}`, label: 'Bad question', emoji: { name: '👎' } }),
    ]);
    expect(verdictView(verdict).components).toEqual([]);
    expect(verdictView({ ...verdict, reportId: QID }, translatorFor('zh-CN')).components[0]!.components[0]).toMatchObject({
      label: '题目有问题',
    });
  });

  it('needs a server (reports are counted per server) and has no cooldown', () => {
    expect(buttonRoutes['quiz-bad']).toMatchObject({ guildOnly: { refusal: 'quiz.onlyInServer' } });
    expect(buttonRoutes['quiz-bad'].cooldown).toBeUndefined();
  });
});

describe('/quiz mode:report', () => {
  const retired = (n: number, reports = 2): RetiredQuestion => ({
    key: `c${n}:definition-to-term:f`,
    question: { ...question, source: { ...question.source, startLine: n } },
    retiredAt: RETIRED_AT,
    reports,
  });

  it('lists each retired question: stem start as plain text, note file:line, when, by how many reports', () => {
    const view = retiredQuestionsView([retired(34), retired(40, 1)]);
    const embed = view.embeds[0]!;
    expect(embed.title).toBe('Retired questions');
    expect(embed.description!.split('\n')).toEqual([
      `• 以下哪个概念符合这段描述？ ＿＿＿是把同一尺寸的 C_i 经过 1×1 卷积后与上采样特征相加的连接。 — \`fpn.md:34\` — retired <t:${AT}:R> by 2 reports`,
      `• 以下哪个概念符合这段描述？ ＿＿＿是把同一尺寸的 C_i 经过 1×1 卷积后与上采样特征相加的连接。 — \`fpn.md:40\` — retired <t:${AT}:R> by 1 report`,
    ]);
    expect(embed.footer!.text).toMatch(/^2 retired questions/);
  });

  it('says when nothing is retired, and how members retire a question', () => {
    expect(retiredQuestionsView([]).embeds[0]!.description).toMatch(/^No question is retired in this server\. Members retire one with 👎/);
  });

  it('stays within Discord’s limits however many there are, and says how many more', () => {
    const many = Array.from({ length: 500 }, (_, i) => retired(i + 1));
    const embed = retiredQuestionsView(many).embeds[0]!;
    expect(embed.description!.length).toBeLessThanOrEqual(LIMITS.embedDescription);
    const lines = embed.description!.split('\n');
    expect(lines.at(-1)).toBe(`…and ${500 - (lines.length - 1)} more`);
    expect(lines.length - 1).toBeGreaterThan(10);
    expect(embed.footer!.text).toMatch(/^500 retired questions/);
  });

  it('needs Manage Server: declared on the command for that choice, merged with its own guards by the dispatcher', () => {
    const quiz = commands.find((c) => c.data.name === 'quiz')!;
    const member = (permissions: bigint) =>
      ({
        inGuild: () => true,
        memberPermissions: new PermissionsBitField(permissions),
        user: { id: 'u' },
      }) as unknown as RepliableInteraction;
    const guardsFor = (mode: string | null) => withChoiceGuards(quiz, quiz.choiceGuards, (o) => (o === 'mode' ? mode : null));
    const t = translatorFor('en-US');
    expect(refusal(member(0n), guardsFor('report'), new Cooldowns(), t)).toBe(
      'The list of retired questions needs the **Manage Server** permission.',
    );
    expect(refusal(member(PermissionFlagsBits.ManageGuild), guardsFor('report'), new Cooldowns(), t)).toBeNull();
    for (const mode of [null, 'due', 'mistakes']) expect(refusal(member(0n), guardsFor(mode), new Cooldowns(), t)).toBeNull();
    expect(guardsFor('report')).toMatchObject({ guildOnly: { refusal: 'quiz.onlyInServer' } });
  });
});
