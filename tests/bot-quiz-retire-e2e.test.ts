/**
 * End-to-end specification of 👎 on quiz verdicts (issue #14, "Bad questions
 * leave the rotation"), with the REAL bot process against the fake Discord, as
 * in bot-quiz-e2e.test.ts, on a copy of notes/ that the last test edits:
 *   - every verdict carries 👎 "Bad question"; two members' reports retire the
 *     question in the server, and no later pick posts it;
 *   - one report from a member with Manage Server retires at once;
 *   - `/quiz mode:report` is refused privately to a plain member and lists the
 *     retired questions for an admin;
 *   - once the section the question came from is edited and re-indexed, its key
 *     changes and the question is asked again.
 * The tests run in order and share the bot; questions are chosen from the database.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCards } from '../src/notes/cards.js';
import type { FakeDiscord } from './support/fake-discord.js';
import { buttons, fakeBotToken, interactionRequests, notesDir, setUpBotE2E, withBotDb, type BotE2E } from './support/bot-process.js';

const APPLICATION_ID = '100000000000000004';
const TOKEN = fakeBotToken(APPLICATION_ID, 'Retire-e2e-t0ken-never-in-logs_5e1f');
const EPHEMERAL = 64;
/** View Channel + Send Messages: a member without Manage Server. */
const PLAIN = String((1n << 10n) | (1n << 11n));
/** Manage Server. */
const MANAGER = String(1n << 5n);

let e2e: BotE2E;
let fake: FakeDiscord;
let dataDir: string;
let notes: string;

type Member = { id: string; username: string };
let members = 0;
/** A new member each time: everything that posts a question has a per-member cooldown. */
const newMember = (): Member => {
  members++;
  return { id: String(200000000000000900n + BigInt(members)), username: `m${members}` };
};
const admin: Member = { id: '200000000000000899', username: 'admin' };

const { isCallback, isEditOriginal, isFollowUp } = interactionRequests(APPLICATION_ID);
const readDb = <T>(fn: (db: Database.Database) => T): T => withBotDb(dataDir, fn);
const questionIdOf = (message: any): string =>
  buttons(message)
    .find((b) => b.custom_id.startsWith('quiz:a:'))!
    .custom_id.split(':')[2];

interface BankRow {
  concept_id: string;
  type: string;
  question_key: string;
  question: { stem: string; source: { file: string; startLine: number; endLine: number } };
}

/** Concepts of the bank with exactly one question: once it is retired, "Quiz me" on them has nothing left to ask. */
function singleQuestionConcepts(): BankRow[] {
  const rows = readDb((db) =>
    db
      .prepare(`SELECT concept_id, type, question_key, question_json FROM quiz_bank WHERE question_json IS NOT NULL
        AND concept_id IN (SELECT concept_id FROM quiz_bank WHERE question_json IS NOT NULL GROUP BY concept_id HAVING COUNT(*) = 1)
        ORDER BY concept_id`)
      .all(),
  ) as Array<Omit<BankRow, 'question'> & { question_json: string }>;
  return rows.map((r) => ({ ...r, question: JSON.parse(r.question_json) }));
}

const keyOfPosting = (message: any): string =>
  readDb((db) =>
    db.prepare('SELECT question_key FROM quiz_question_keys WHERE question_id = ?').pluck().get(questionIdOf(message)),
  ) as string;

/** "Quiz me" (the daily post's button) on one concept: the posted message, or the private reason nothing was posted. */
async function quizMe(conceptId: string, user: Member): Promise<{ message: any } | { refusal: string }> {
  const sent = fake.sendComponent({ customId: `quiz:concept:${conceptId}`, user, permissions: PLAIN });
  await fake.waitForRequest(isCallback(sent.id), 5000);
  const done = await Promise.race([
    fake.waitForRequest(isEditOriginal(sent.token), 10_000).then(() => 'posted' as const),
    fake.waitForRequest(isFollowUp(sent.token), 10_000).then(() => 'refused' as const),
  ]);
  if (done === 'posted') return { message: fake.originalMessage(sent.token) };
  return { refusal: (await fake.waitForRequest(isFollowUp(sent.token))).body.content };
}

async function posted(conceptId: string, user: Member): Promise<any> {
  const result = await quizMe(conceptId, user);
  if (!('message' in result)) throw new Error(`no question posted: ${result.refusal}`);
  return result.message;
}

/** Answers option 0 and returns the private verdict. */
async function answer(message: any, user: Member, permissions = PLAIN): Promise<any> {
  const sent = fake.sendComponent({ customId: `quiz:a:${questionIdOf(message)}:0`, messageId: message.id, user, permissions });
  await fake.waitForRequest(isCallback(sent.id), 5000);
  return (await fake.waitForRequest(isFollowUp(sent.token), 5000)).body;
}

/** Clicks 👎 on a verdict (an ephemeral message: Discord sends it with the click) and returns the private reply. */
async function report(verdict: any, user: Member, permissions = PLAIN): Promise<any> {
  const bad = buttons(verdict).find((b) => b.custom_id.startsWith('quiz:bad:'))!;
  const sent = fake.sendComponent({
    customId: bad.custom_id,
    message: { components: verdict.components, flags: EPHEMERAL },
    user,
    permissions,
  });
  const reply = (await fake.waitForRequest(isCallback(sent.id), 5000)).body;
  expect(reply.type).toBe(4);
  expect(reply.data.flags & EPHEMERAL).toBe(EPHEMERAL);
  return reply.data;
}

async function quizReport(user: Member, permissions: string): Promise<any> {
  const sent = fake.sendCommand({ name: 'quiz', options: [{ type: 3, name: 'mode', value: 'report' }], user, permissions });
  const reply = (await fake.waitForRequest(isCallback(sent.id), 5000)).body;
  expect(reply.type).toBe(4);
  expect(reply.data.flags & EPHEMERAL).toBe(EPHEMERAL);
  return reply.data;
}

let retiredByMembers: BankRow;
let retiredByAdmin: BankRow;

beforeAll(async () => {
  // Not tempDir(): that one is emptied after each test, and these notes live as long as the bot.
  notes = mkdtempSync(path.join(tmpdir(), 'studybot-retire-notes-'));
  cpSync(notesDir, notes, { recursive: true });
  e2e = await setUpBotE2E({ applicationId: APPLICATION_ID, token: TOKEN, dataDirPrefix: 'studybot-retire-e2e-' });
  ({ fake, dataDir } = e2e);
  await e2e.startBot({ env: { NOTES_DIR: notes } });
  // A note with flashcards asks those first (bot-quiz-cards-e2e); the multiple-choice rotation is specified on the others.
  const singles = singleQuestionConcepts().filter(
    (r) =>
      !parseCards({ file: r.question.source.file, text: readFileSync(path.join(notes, r.question.source.file), 'utf8') }).flashcardNote,
  );
  retiredByMembers = singles.find((r) => r.type === 'definition-to-term')!;
  // From another note, so editing the first one's section leaves it as it is.
  retiredByAdmin = singles.find((r) => r.question.source.file !== retiredByMembers.question.source.file)!;
}, 60_000);

afterAll(async () => {
  await e2e?.close();
  if (notes) rmSync(notes, { recursive: true, force: true });
});

describe('bad questions leave the rotation on (fake) Discord', () => {
  it('the verdict carries 👎 "Bad question"; one member’s report is thanked and counted once', { timeout: 30_000 }, async () => {
    expect(retiredByMembers).toBeDefined();
    const alice = newMember();
    const message = await posted(retiredByMembers.concept_id, alice);
    expect(keyOfPosting(message)).toBe(retiredByMembers.question_key);
    const verdict = await answer(message, alice);
    expect(verdict.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(buttons(verdict)).toEqual([
      expect.objectContaining({
        label: 'Bad question',
        emoji: expect.objectContaining({ name: '👎' }),
        custom_id: `quiz:bad:${questionIdOf(message)}`,
      }),
    ]);

    expect((await report(verdict, alice)).content).toMatch(/^Thanks — reported\./);
    expect((await report(verdict, alice)).content).toMatch(/already reported/);
    const reports = readDb((db) =>
      db.prepare('SELECT user_id, manager FROM quiz_reports WHERE question_key = ?').all(retiredByMembers.question_key),
    );
    expect(reports).toEqual([{ user_id: alice.id, manager: 0 }]);

    // One report is not enough: the question is still asked.
    const bob = newMember();
    const again = await posted(retiredByMembers.concept_id, bob);
    expect(keyOfPosting(again)).toBe(retiredByMembers.question_key);
    expect((await report(await answer(again, bob), bob)).content).toMatch(/^Retired: this question will not be asked again/);
  });

  it('a retired question is never posted again: "Quiz me" on its concept has nothing left, /quiz on its note skips it', {
    timeout: 60_000,
  }, async () => {
    const result = await quizMe(retiredByMembers.concept_id, newMember());
    expect(result).toEqual({ refusal: expect.stringMatching(/could not make a good question/) });
    for (let i = 0; i < 6; i++) {
      const user = newMember();
      const sent = fake.sendCommand({
        name: 'quiz',
        options: [{ type: 3, name: 'topic', value: retiredByMembers.question.source.file }],
        user,
        permissions: PLAIN,
      });
      await fake.waitForRequest(isEditOriginal(sent.token), 10_000);
      expect(keyOfPosting(fake.originalMessage(sent.token))).not.toBe(retiredByMembers.question_key);
    }
  });

  it('one report from a member with Manage Server retires the question at once', { timeout: 30_000 }, async () => {
    const message = await posted(retiredByAdmin.concept_id, newMember());
    const verdict = await answer(message, admin, MANAGER);
    expect((await report(verdict, admin, MANAGER)).content).toMatch(/^Retired:/);
    expect(await quizMe(retiredByAdmin.concept_id, newMember())).toEqual({
      refusal: expect.stringMatching(/could not make a good question/),
    });
  });

  it('/quiz mode:report is refused privately to a plain member, and lists the retired questions for an admin', async () => {
    expect((await quizReport(newMember(), PLAIN)).content).toBe('The list of retired questions needs the **Manage Server** permission.');
    const list = (await quizReport(admin, MANAGER)).embeds[0];
    expect(list.title).toBe('Retired questions');
    const lines: string[] = list.description.split('\n');
    expect(lines).toHaveLength(2);
    const byMembers = lines.find((l) =>
      l.includes(`\`${retiredByMembers.question.source.file}:${retiredByMembers.question.source.startLine}\``),
    );
    expect(byMembers).toMatch(/retired <t:\d+:R> by 2 reports$/);
    expect(byMembers).toContain('以下哪个概念符合这段描述？');
    expect(lines.filter((l) => l.endsWith('by 1 report'))).toHaveLength(1);
    expect(list.footer.text).toMatch(/^2 retired questions/);
  });

  it('after its section is edited and re-indexed, the question has a new key and is asked again', { timeout: 60_000 }, async () => {
    const { file, endLine } = retiredByMembers.question.source;
    const lines = readFileSync(path.join(notes, file), 'utf8').split('\n');
    lines.splice(endLine, 0, '', '（复习时请对照原文再读一遍。）', '');
    writeFileSync(path.join(notes, file), lines.join('\n'));
    const sent = fake.sendCommand({ name: 'reindex', user: admin });
    await fake.waitForRequest(isEditOriginal(sent.token), 30_000);

    const now = readDb((db) =>
      db
        .prepare('SELECT question_key FROM quiz_bank WHERE concept_id = ? AND type = ?')
        .pluck()
        .get(retiredByMembers.concept_id, retiredByMembers.type),
    ) as string;
    expect(now).toMatch(new RegExp(`^${retiredByMembers.concept_id}:${retiredByMembers.type}:`));
    expect(now).not.toBe(retiredByMembers.question_key);
    const message = await posted(retiredByMembers.concept_id, newMember());
    expect(keyOfPosting(message)).toBe(now);
    // The other retired question's section did not change: it stays retired.
    expect(await quizMe(retiredByAdmin.concept_id, newMember())).toEqual({
      refusal: expect.stringMatching(/could not make a good question/),
    });
    // Another admin: /quiz has a per-member cooldown, and the first one listed a moment ago.
    const otherAdmin = { id: '200000000000000898', username: 'admin2' };
    expect((await quizReport(otherAdmin, MANAGER)).embeds[0].footer.text).toMatch(/^1 retired question /);
  });
});
