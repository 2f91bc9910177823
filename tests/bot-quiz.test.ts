/**
 * Specification of the quiz's Discord wiring, without Discord: custom ids,
 * topic matching and suggestions, which question is asked, the edit queue
 * behind the running tally, wrong-answer rates for the daily rotation, and the
 * rendering of question, verdict, leaderboard and stats within Discord's limits.
 */
import Database from 'better-sqlite3';
import { pino } from 'pino';
import { ButtonStyle, type APIEmbed } from 'discord.js';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildConceptBank, type QuizConceptBank } from '../src/concepts/bank.js';
import { customIds, parseCustomId } from '../src/render/custom-ids.js';
import { EditQueue } from '../src/bot/edit-queue.js';
import { closedReason } from '../src/bot/quiz.js';
import { QuizRuntime } from '../src/bot/quiz-runtime.js';
import { openDatabase } from '../src/db/database.js';
import { pickQuestion, resolveTopic, topicSuggestions, type NoteRef } from '../src/bot/quiz-pick.js';
import { applyQuizMigrations, QuizStore, type MemberStats, type Question } from '../src/quiz/index.js';
import { embedLength, LIMITS } from '../src/render/discord.js';
import {
  duplicateMessage,
  expiredMessage,
  leaderboardView,
  quizPostView,
  statsView,
  tallyText,
  unknownTopicMessage,
  verdictView,
} from '../src/render/quiz.js';
import { buttons } from './support/buttons.js';
import { loadGlossaryPairs, loadNotes, notesDir, questionsOf } from './support/quiz-notes.js';
import { tempDir } from './support/temp-dir.js';
import * as leaderboardCommand from '../src/bot/commands/leaderboard.js';
import * as mystatsCommand from '../src/bot/commands/mystats.js';
import * as quizCommand from '../src/bot/commands/quiz.js';

function withinLimits(embed: APIEmbed) {
  if (embed.title) expect(embed.title.length).toBeLessThanOrEqual(LIMITS.embedTitle);
  if (embed.description) expect(embed.description.length).toBeLessThanOrEqual(LIMITS.embedDescription);
  for (const f of embed.fields ?? []) {
    expect(f.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
    expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
  }
  expect(embedLength(embed)).toBeLessThanOrEqual(LIMITS.embedTotal);
}

function question(over: Partial<Question> = {}): Question {
  return {
    id: 'gen-1',
    conceptId: 'c-focal',
    type: 'definition-to-term',
    stem: '以下哪个概念符合这段描述？\n> ＿＿＿在交叉熵前乘以 `(1-p_t)^γ`，压低易分类样本的损失。',
    options: ['焦点损失（Focal Loss）', '交叉熵（cross-entropy）', '平滑 L1 损失（Smooth L1）', '锚框（anchor）'],
    correctIndex: 0,
    optionConceptIds: ['c-focal', 'c-ce', 'c-l1', 'c-anchor'],
    source: { file: 'retinanet-focal-loss.md', headingPath: ['RetinaNet 与 Focal Loss', 'Focal Loss 的定义'], startLine: 50, endLine: 52 },
    ...over,
  };
}

describe('commands', () => {
  it('/quiz, /leaderboard and /mystats are valid command definitions (Discord: descriptions of at most 100 characters)', () => {
    for (const command of [quizCommand, leaderboardCommand, mystatsCommand]) {
      const json = command.data.toJSON();
      expect(json.description.length).toBeLessThanOrEqual(100);
      for (const o of json.options ?? []) expect(o.description.length).toBeLessThanOrEqual(100);
      expect(command.cooldownMs).toBeGreaterThan(0);
    }
    expect(quizCommand.data.toJSON().options).toEqual([
      expect.objectContaining({ name: 'topic', autocomplete: true }),
      expect.objectContaining({
        name: 'mode',
        choices: [
          expect.objectContaining({
            name: 'what is due',
            value: 'due',
            name_localizations: expect.objectContaining({ 'zh-CN': '该复习的' }),
          }),
          expect.objectContaining({ name: 'my mistakes', value: 'mistakes' }),
          expect.objectContaining({ name: 'retired questions (admins)', value: 'report' }),
        ],
      }),
    ]);
  });
});

describe('custom ids', () => {
  const QID = '0b6a3c2e-6f1d-4a55-9b7e-1f0e2d3c4b5a';

  it('an answer button carries the question id and the option, and parses back', () => {
    for (let i = 0; i < 4; i++) {
      const id = customIds.quizAnswer(QID, i);
      expect(id.length).toBeLessThanOrEqual(LIMITS.customId);
      expect(parseCustomId(id)).toEqual({ kind: 'quiz-answer', questionId: QID, choice: i });
    }
  });

  it('rejects malformed answer ids instead of guessing', () => {
    for (const bad of [
      `quiz:a:${QID}:4`,
      `quiz:a:${QID}:-1`,
      `quiz:a:${QID}`,
      `quiz:a::1`,
      `quiz:a:${QID}:1:2`,
      'quiz:a:has space:1',
      'quiz:whatever',
    ]) {
      expect(parseCustomId(bad)).toBeNull();
    }
  });

  it('"Next question" carries the note (even with a colon in its name), "*" for what is due, or the question when the note is too long', () => {
    expect(parseCustomId(customIds.quizNext(null, QID))).toEqual({ kind: 'quiz-next', topic: null, sameAs: null });
    expect(parseCustomId(customIds.quizNext('fpn.md', QID))).toEqual({ kind: 'quiz-next', topic: 'fpn.md', sameAs: null });
    expect(parseCustomId(customIds.quizNext('cv/c++: review.md', QID))).toEqual({
      kind: 'quiz-next',
      topic: 'cv/c++: review.md',
      sameAs: null,
    });
    const long = `${'deep/'.repeat(20)}note.md`;
    const id = customIds.quizNext(long, QID);
    expect(id.length).toBeLessThanOrEqual(LIMITS.customId);
    expect(parseCustomId(id)).toEqual({ kind: 'quiz-next', topic: null, sameAs: QID });
  });

  it('keeps the daily "Quiz me" id', () => {
    expect(parseCustomId(customIds.quizConcept('abc123'))).toEqual({ kind: 'quiz-concept', conceptId: 'abc123' });
  });
});

describe('topics', () => {
  const notes: NoteRef[] = [
    { file: 'retinanet-focal-loss.md', title: 'RetinaNet 与 Focal Loss' },
    { file: 'fpn.md', title: 'FPN 特征金字塔网络' },
    { file: 'pspnet.md', title: 'PSPNet' },
    { file: 'cv/fcn.md', title: 'FCN 全卷积网络' },
  ];

  it('matches a file with or without extension or folder, a title, or a unique part of one', () => {
    expect(resolveTopic(notes, 'fpn.md')).toEqual({ ok: true, file: 'fpn.md' });
    expect(resolveTopic(notes, 'FPN')).toEqual({ ok: true, file: 'fpn.md' });
    expect(resolveTopic(notes, 'fcn')).toEqual({ ok: true, file: 'cv/fcn.md' });
    expect(resolveTopic(notes, 'pspnet')).toEqual({ ok: true, file: 'pspnet.md' });
    expect(resolveTopic(notes, ' focal ')).toEqual({ ok: true, file: 'retinanet-focal-loss.md' });
    expect(resolveTopic(notes, '全卷积')).toEqual({ ok: true, file: 'cv/fcn.md' });
  });

  it('says when nothing matches, and which notes when several do', () => {
    expect(resolveTopic(notes, 'nope')).toEqual({ ok: false, reason: 'none' });
    expect(resolveTopic(notes, '')).toEqual({ ok: false, reason: 'none' });
    expect(resolveTopic(notes, 'net')).toEqual({ ok: false, reason: 'ambiguous', files: ['pspnet.md', 'retinanet-focal-loss.md'] });
    expect(unknownTopicMessage('nope')).toMatch(/No note matches “nope”.*\/topics/);
  });

  it('suggests exact, then prefix, then substring matches, within Discord’s limits', () => {
    expect(topicSuggestions(notes, 'fpn')[0]).toEqual({ name: 'FPN 特征金字塔网络 · fpn.md', value: 'fpn.md' });
    expect(topicSuggestions(notes, 'net').map((s) => s.value)).toEqual(['pspnet.md', 'retinanet-focal-loss.md']);
    expect(topicSuggestions(notes, '')).toHaveLength(4);
    expect(topicSuggestions(notes, 'zzz')).toEqual([]);
    const many = Array.from({ length: 40 }, (_, i) => ({ file: `n${i}.md`, title: `${'很长的标题'.repeat(30)} ${i}` }));
    const out = topicSuggestions(many, '');
    expect(out).toHaveLength(25);
    for (const s of out) {
      expect(s.name.length).toBeLessThanOrEqual(100);
      expect(s.value.length).toBeLessThanOrEqual(100);
      expect(s.name.endsWith(s.value)).toBe(true);
    }
  });
});

describe('picking a question', () => {
  let bank: QuizConceptBank;
  let questions: ReturnType<typeof questionsOf>;
  let db: Database.Database;
  let now: Date;
  let store: QuizStore;

  beforeAll(async () => {
    const notes = await loadNotes(notesDir);
    bank = buildConceptBank(notes, await loadGlossaryPairs(notesDir));
    questions = questionsOf(bank, notes);
  }, 60_000);
  beforeEach(() => {
    db = new Database(':memory:');
    applyQuizMigrations(db);
    now = new Date('2025-03-05T10:00:00Z');
    store = new QuizStore(db, { now: () => now });
  });
  afterEach(() => db.close());

  const answer = (q: Question, userId: string, correct: boolean, guildId = 'g') => {
    const asked = store.recordQuestion({ guildId, channelId: 'ch', question: q });
    const choice = correct ? q.correctIndex : (q.correctIndex + 1) % 4;
    return { asked, result: store.recordAnswer({ questionId: asked.id, userId, choice }) };
  };

  it('on a note: a valid question about one of that note’s concepts', () => {
    const pick = pickQuestion(bank, store, { questions, guildId: 'g', userId: 'u', target: { kind: 'note', file: 'fpn.md' }, seed: 's1' });
    expect(pick.ok).toBe(true);
    if (!pick.ok) return;
    expect(bank.byId.get(pick.question.conceptId)?.topic).toBe('fpn.md');
    expect(pick.question.options).toHaveLength(4);
  });

  it('asks what is due for the member first: a concept answered wrong comes back once due', () => {
    const first = pickQuestion(bank, store, { questions, guildId: 'g', userId: 'u', target: { kind: 'due' }, seed: 'a' });
    if (!first.ok) throw new Error('no question');
    answer(first.question, 'u', false);
    now = new Date(now.getTime() + 60 * 60_000); // a wrong answer is due again after 10 minutes
    for (const seed of ['b', 'c', 'd']) {
      const next = pickQuestion(bank, store, { questions, guildId: 'g', userId: 'u', target: { kind: 'due' }, seed });
      expect(next.ok && next.question.conceptId).toBe(first.question.conceptId);
    }
    // Another member has nothing due: a new concept, chosen by the seed.
    const other = new Set(
      ['b', 'c', 'd', 'e'].map((seed) => {
        const p = pickQuestion(bank, store, { questions, guildId: 'g', userId: 'someone-else', target: { kind: 'due' }, seed });
        return p.ok ? p.question.conceptId : null;
      }),
    );
    expect(other.size).toBeGreaterThan(1);
  });

  it('a concept answered right is not asked again soon while others are new', () => {
    const first = pickQuestion(bank, store, {
      questions,
      guildId: 'g',
      userId: 'u',
      target: { kind: 'note', file: 'pspnet.md' },
      seed: 'x',
    });
    if (!first.ok) throw new Error('no question');
    answer(first.question, 'u', true);
    const again = pickQuestion(bank, store, {
      questions,
      guildId: 'g',
      userId: 'u',
      target: { kind: 'note', file: 'pspnet.md' },
      seed: 'x',
    });
    expect(again.ok && again.question.conceptId).not.toBe(first.question.conceptId);
  });

  it('on one concept ("Quiz me"), and says when the concept or note is gone', () => {
    const concept = bank.concepts.find((c) => c.topic === 'retinanet-focal-loss.md')!;
    const pick = pickQuestion(bank, store, {
      questions,
      guildId: 'g',
      userId: 'u',
      target: { kind: 'concept', conceptId: concept.id },
      seed: 'q',
    });
    if (pick.ok) expect(pick.question.conceptId).toBe(concept.id);
    else expect(pick.reason).toBe('no-question');
    expect(
      pickQuestion(bank, store, { questions, guildId: 'g', userId: 'u', target: { kind: 'concept', conceptId: 'gone' }, seed: 'q' }),
    ).toEqual({
      ok: false,
      reason: 'concept-gone',
    });
    expect(
      pickQuestion(bank, store, { questions, guildId: 'g', userId: 'u', target: { kind: 'note', file: 'nope.md' }, seed: 'q' }),
    ).toEqual({
      ok: false,
      reason: 'no-concepts',
    });
  });

  it('closedReason: open, expired after expiresAt, gone when the concept left the bank', () => {
    const pick = pickQuestion(bank, store, { questions, guildId: 'g', userId: 'u', target: { kind: 'due' }, seed: 'z' });
    if (!pick.ok) throw new Error('no question');
    const asked = store.recordQuestion({
      guildId: 'g',
      channelId: 'ch',
      question: pick.question,
      expiresAt: new Date(now.getTime() + 600_000),
    });
    expect(closedReason(asked, bank, now)).toBeNull();
    expect(closedReason(asked, bank, new Date(now.getTime() + 600_001))).toBe('expired');
    expect(closedReason({ ...asked, conceptId: 'deleted' }, bank, now)).toBe('gone');
  });

  it('wrong-answer rates per concept and server, for the daily rotation', () => {
    const q1 = question({ conceptId: 'c1' });
    const q2 = question({ conceptId: 'c2' });
    answer(q1, 'a', false);
    answer(q1, 'b', true);
    answer(q1, 'c', false);
    answer(q1, 'd', true);
    answer(q2, 'a', true);
    answer(q1, 'a', false, 'other-guild');
    const rates = store.conceptWrongRates('g');
    expect(rates.get('c1')).toBe(0.5);
    expect(rates.get('c2')).toBe(0);
    expect(rates.has('c3')).toBe(false);
    expect(store.conceptWrongRates('other-guild').get('c1')).toBe(1);
  });
});

describe('QuizRuntime on the bot database', () => {
  let db: Database.Database;
  beforeEach(() => {
    db = openDatabase(tempDir('quiz-runtime-')); // the bot's own migration list must create the quiz tables
  });
  afterEach(() => {
    db.close();
  });

  it('wrongRate: from this server’s first answers, read again after an answer', () => {
    const quiz = new QuizRuntime(db, { timeoutMs: 60_000, logger: pino({ level: 'silent' }) });
    const asked = quiz.store.recordQuestion({ guildId: 'g', channelId: 'ch', question: question({ conceptId: 'c1' }) });
    expect(quiz.wrongRate('g', 'c1')).toBe(0);
    quiz.store.recordAnswer({ questionId: asked.id, userId: 'a', choice: 1 });
    expect(quiz.wrongRate('g', 'c1')).toBe(0); // cached until told
    quiz.answered('g');
    expect(quiz.wrongRate('g', 'c1')).toBe(1);
    quiz.store.recordAnswer({ questionId: asked.id, userId: 'b', choice: 0 });
    quiz.answered('g');
    expect(quiz.wrongRate('g', 'c1')).toBe(0.5);
    expect(quiz.wrongRate('other', 'c1')).toBe(0);
  });

  it('closes a question once it has expired; stop() cancels what is pending', async () => {
    const quiz = new QuizRuntime(db, { timeoutMs: 60_000, logger: pino({ level: 'silent' }) });
    const closed: string[] = [];
    quiz.closeAt('q1', new Date(Date.now() + 20), async () => {
      closed.push('q1');
    });
    quiz.closeAt('q2', new Date(Date.now() + 20), async () => {
      closed.push('q2');
    });
    quiz.cancelClose('q2');
    quiz.closeAt('q3', new Date(Date.now() + 60_000), async () => {
      closed.push('q3');
    });
    expect(quiz.pendingCloses).toBe(2);
    await new Promise((r) => setTimeout(r, 400));
    expect(closed).toEqual(['q1']);
    quiz.stop();
    expect(quiz.pendingCloses).toBe(0);
    quiz.closeAt('q4', new Date(), async () => {
      closed.push('q4');
    });
    expect(quiz.pendingCloses).toBe(0);
  });
});

describe('EditQueue', () => {
  const tick = () => new Promise((r) => setTimeout(r, 5));

  it('runs one edit at a time per message; a waiting edit is replaced by a newer one', async () => {
    const q = new EditQueue();
    const log: string[] = [];
    let release!: () => void;
    const first = q.run(
      'm',
      () =>
        new Promise<void>((r) => {
          log.push('1 start');
          release = () => {
            log.push('1 end');
            r();
          };
        }),
    );
    await tick();
    const second = q.run('m', async () => {
      log.push('2');
    });
    const third = q.run('m', async () => {
      log.push('3');
    });
    const other = q.run('other', async () => {
      log.push('other');
    });
    await other;
    expect(log).toEqual(['1 start', 'other']);
    release();
    await Promise.all([first, second, third]);
    expect(log).toEqual(['1 start', 'other', '1 end', '3']);
    expect(q.size).toBe(0);
  });

  it('reports a failed edit to whoever waited for it, and keeps going', async () => {
    const q = new EditQueue();
    await expect(
      q.run('m', async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    let ran = false;
    await q.run('m', async () => {
      ran = true;
    });
    expect(ran).toBe(true);
  });
});

describe('rendering', () => {
  const QID = '0b6a3c2e-6f1d-4a55-9b7e-1f0e2d3c4b5a';
  const open = (over: Partial<Parameters<typeof quizPostView>[0]> = {}) =>
    quizPostView({
      questionId: QID,
      question: question(),
      tally: { total: 0, correct: 0, counts: [0, 0, 0, 0] },
      expiresAt: new Date('2025-03-05T10:10:00Z'),
      closed: null,
      nextTopic: null,
      ...over,
    });

  it('tally text', () => {
    expect(tallyText({ total: 0, correct: 0 })).toBe('No answers yet');
    expect(tallyText({ total: 2, correct: 1 })).toBe('2 answered, 1 correct');
  });

  it('an open question: stem, tally, closing time, four answer buttons and "Next question"; no answer or source given away', () => {
    const view = open({ tally: { total: 3, correct: 2, counts: [2, 1, 0, 0] } });
    const embed = view.embeds[0]!;
    withinLimits(embed);
    expect(embed.description).toContain('＿＿＿');
    const text = JSON.stringify(embed);
    expect(text).toContain('3 answered, 2 correct');
    expect(text).toContain('<t:1741169400:R>');
    expect(text).not.toContain('retinanet-focal-loss.md');
    const all = buttons(view);
    expect(all.map((b) => b.label)).toEqual([...question().options, 'Next question']);
    expect(all.map((b) => b.custom_id)).toEqual([0, 1, 2, 3].map((i) => `quiz:a:${QID}:${i}`).concat('quiz:next:*'));
    expect(all.every((b) => !b.disabled)).toBe(true);
    expect(new Set(all.map((b) => b.custom_id)).size).toBe(all.length);
  });

  it('a closed question: answer buttons disabled, the right one green, the answer and source revealed, "Next question" still works', () => {
    const view = open({ closed: 'expired', tally: { total: 3, correct: 2, counts: [2, 1, 0, 0] }, nextTopic: 'retinanet-focal-loss.md' });
    const all = buttons(view);
    expect(all.slice(0, 4).every((b) => b.disabled)).toBe(true);
    expect(all[0].style).toBe(ButtonStyle.Success);
    expect(all[4]).toMatchObject({ label: 'Next question', custom_id: 'quiz:next:retinanet-focal-loss.md' });
    expect(all[4].disabled).toBeUndefined();
    const text = JSON.stringify(view.embeds[0]);
    expect(text).toContain('A. 焦点损失（Focal Loss）');
    expect(text).toContain('retinanet-focal-loss.md:50-52');
    expect(text).toContain('A: 2 · B: 1 · C: 0 · D: 0');
  });

  it('long options: A–D buttons with the options listed in the message; everything within limits', () => {
    const long = Array.from({ length: 4 }, (_, i) => `${'非常长的一段描述，'.repeat(30)}${i}`);
    const view = open({ question: question({ options: long, stem: `${'题干'.repeat(3000)}` }) });
    withinLimits(view.embeds[0]!);
    expect(
      buttons(view)
        .slice(0, 4)
        .map((b) => b.label),
    ).toEqual(['A', 'B', 'C', 'D']);
  });

  it('the verdict: right or wrong, the right answer, the source with heading path and file:lines, formulas readable', () => {
    const wrong = verdictView({
      question: question(),
      choice: 2,
      correct: false,
      source: question().source,
      quote: '**焦点损失（Focal Loss）** 定义为 $FL(p_t) = -\\alpha_t (1-p_t)^\\gamma \\log(p_t)$。',
      nextDue: new Date('2025-03-05T10:20:00Z'),
    });
    const embed = wrong.embeds[0]!;
    withinLimits(embed);
    expect(embed.title).toBe('❌ Not quite');
    expect(embed.description).toContain('Your answer: **C.** 平滑 L1 损失（Smooth L1）');
    expect(embed.description).toContain('The right answer: **A.** 焦点损失（Focal Loss）');
    expect(embed.description).toContain('RetinaNet 与 Focal Loss › Focal Loss 的定义');
    expect(embed.description).toContain('FL(pₜ) = −αₜ (1−pₜ)ᵞ log(pₜ)。');
    expect(embed.description).toContain('<t:1741170000:R>');
    expect(embed.footer?.text).toBe('retinanet-focal-loss.md:50-52');

    const right = verdictView({
      question: question(),
      choice: 0,
      correct: true,
      source: question().source,
      quote: 'x'.repeat(10_000),
      nextDue: null,
    });
    withinLimits(right.embeds[0]!);
    expect(right.embeds[0]!.title).toBe('✅ Correct!');
    expect(right.embeds[0]!.description).not.toContain('The right answer');
  });

  it('repeat clicks and expiry are explained', () => {
    expect(duplicateMessage(1, false)).toMatch(/already answered.*your answer: B, wrong/);
    expect(expiredMessage(question())).toMatch(/expired.*A\. 焦点损失/);
  });

  it('the leaderboard: medals, mentions, scores; an empty one invites to play', () => {
    const rows = Array.from({ length: 10 }, (_, i) => ({
      userId: `2000000000000000${10 + i}`,
      correct: 10 - i,
      answered: 12,
      accuracy: (10 - i) / 12,
    }));
    const view = leaderboardView(rows, 'week');
    const embed = view.embeds[0]!;
    withinLimits(embed);
    expect(embed.title).toContain('this week');
    const lines = embed.description!.split('\n');
    expect(lines[0]).toBe('🥇 <@200000000000000010> — **10** correct of 12 (83%)');
    expect(lines[3]).toMatch(/^\*\*4\.\*\* <@200000000000000013>/);
    expect(leaderboardView([], 'all').embeds[0]!.description).toMatch(/Nobody.*yet.*\/quiz/);
  });

  it('stats: answered, accuracy, streak, due, weakest topics (not the perfect ones)', () => {
    const stats: MemberStats = {
      answered: 7,
      correct: 5,
      accuracy: 5 / 7,
      streakDays: 3,
      bestStreakDays: 4,
      dueCount: 2,
      weakestTopics: [
        { topic: 'fpn.md', answered: 3, correct: 1, accuracy: 1 / 3 },
        { topic: 'pspnet.md', answered: 4, correct: 4, accuracy: 1 },
      ],
    };
    const embed = statsView(stats, (f) => (f === 'fpn.md' ? 'FPN 特征金字塔网络' : f)).embeds[0]!;
    withinLimits(embed);
    const fields = Object.fromEntries(embed.fields!.map((f) => [f.name, f.value]));
    expect(fields).toMatchObject({ Answered: '7', Accuracy: '71% (5 correct)', Streak: '3 days in a row (best 4 days)' });
    expect(fields['Due for review']).toMatch(/^2 concepts/);
    expect(fields['Weakest topics']).toBe('• FPN 特征金字塔网络 (`fpn.md`) — 1/3 (33%)');
    const none = statsView({ ...stats, answered: 0, correct: 0, accuracy: 0, weakestTopics: [] }, (f) => f).embeds[0]!;
    expect(none.description).toMatch(/not answered any quiz question/);
  });
});
