/**
 * End-to-end specification of the Discord bot: the REAL bot process
 * (`node dist/bot/main.js`, built by `npm run build`) talks to the fake Discord
 * in tests/support, and every assertion is about what went over the wire or
 * into the database file, never about the bot's internals.
 *
 * The bot is started once for the file; each test uses its own user so the
 * per-user cooldown of one test cannot affect another.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeDiscord } from './support/fake-discord.js';
import { repoRoot } from './support/paths.js';
import {
  buttons,
  buttonsOnly,
  choiceIn,
  selectMenu,
  fakeBotToken,
  interactionRequests,
  logLines,
  notesDir,
  registerJs,
  setUpBotE2E,
  spawnBot,
  stopBot,
  waitForLog,
  withBotDb,
  type BotE2E,
  type BotProcess,
  allowedMentionsOf,
  messageRequests,
} from './support/bot-process.js';

const APPLICATION_ID = '100000000000000001';
const TOKEN = fakeBotToken(APPLICATION_ID, 'Sup3rSecretT0ken-never-in-logs_4b9f');
const EPHEMERAL = 64;
const MANAGE_GUILD = 1n << 5n;

let e2e: BotE2E;
let fake: FakeDiscord;
let bot: BotProcess;
let dataDir: string;
let userSeq = 0n;
/** A fresh member per test: cooldowns are per user. */
const newUser = () => {
  userSeq++;
  return { id: String(200000000000000100n + userSeq), username: `student${userSeq}` };
};

const { isCallback, isEditOriginal, isFollowUp } = interactionRequests(APPLICATION_ID);

function askCommand(question: string, opts: { user?: { id: string; username: string }; private?: boolean } = {}) {
  const options: any[] = [{ type: 3, name: 'question', value: question }];
  if (opts.private !== undefined) options.push({ type: 5, name: 'private', value: opts.private });
  const sentAt = Date.now();
  return { ...fake.sendCommand({ name: 'ask', options, user: opts.user ?? newUser() }), sentAt };
}

/** Sends /ask and waits for the deferral and the answer edit. */
async function askAndWait(question: string, opts: Parameters<typeof askCommand>[1] = {}) {
  const sent = askCommand(question, opts);
  const callback = await fake.waitForRequest(isCallback(sent.id), 5000);
  const edit = await fake.waitForRequest(isEditOriginal(sent.token), 5000);
  return { ...sent, callback, edit, embed: edit.body.embeds?.[0], message: fake.originalMessage(sent.token) };
}

/** A click refused as not belonging to its message left the quiz as it was: still pointing at its own message, no answer counted. */
function expectQuizUntouched(questionId: string | undefined, messageId: string) {
  const read = (sql: string) => withBotDb(dataDir, (db) => db.prepare(sql).get(questionId), { readonly: true });
  expect(read('SELECT message_id FROM quiz_questions WHERE id = ?')).toEqual({ message_id: messageId });
  expect(read('SELECT COUNT(*) AS n FROM quiz_answers WHERE question_id = ?')).toEqual({ n: 0 });
}

beforeAll(async () => {
  e2e = await setUpBotE2E({ applicationId: APPLICATION_ID, token: TOKEN, dataDirPrefix: 'studybot-e2e-' });
  ({ fake, dataDir } = e2e);
  bot = await e2e.startBot();
}, 40_000);

afterAll(async () => {
  await e2e?.close();
});

describe('StudyBot on (fake) Discord', () => {
  it('registers /ask, /topics, /reindex and /help in the configured guild at start-up', async () => {
    const put = await fake.waitForRequest(
      (r) => r.method === 'PUT' && r.path === `/applications/${fake.applicationId}/guilds/${fake.guildId}/commands`,
    );
    expect(put.body.map((c: any) => c.name).sort()).toEqual([
      'ask',
      'daily',
      'help',
      'leaderboard',
      'mystats',
      'quiz',
      'reindex',
      'settings',
      'topics',
    ]);
    const ask = put.body.find((c: any) => c.name === 'ask');
    expect(ask.options).toEqual([
      expect.objectContaining({ name: 'question', type: 3, required: true, max_length: 300 }),
      expect.objectContaining({ name: 'private', type: 5 }),
    ]);
    expect(put.body.find((c: any) => c.name === 'reindex').default_member_permissions).toBe(String(MANAGE_GUILD));
    // Logged in with the Guilds intent only (1 << 0): no privileged intents to enable in the portal.
    expect(fake.connectedGateways()).toBe(1);
    expect(fake.identifies.map((d) => d.intents)).toEqual([1]);
  });

  it('/ask is acknowledged at once, then edited into an embed quoting the note, with buttons', async () => {
    const { callback, edit, embed, sentAt } = await askAndWait('what is focal loss');
    expect(callback.body.type).toBe(5);
    expect(callback.at - sentAt).toBeLessThan(1500);
    expect(callback.body.data.flags & EPHEMERAL).toBe(0);

    expect(embed.title).toContain('RetinaNet');
    expect(embed.title.length).toBeLessThanOrEqual(256);
    expect(embed.footer.text).toMatch(/^retinanet-focal-loss\.md:\d+-\d+ · result 1 of \d$/);
    expect(embed.description.length).toBeGreaterThan(20);
    expect(embed.author.name).toContain('what is focal loss');
    expect(edit.body.allowed_mentions).toEqual({ parse: [] });
    const labels = buttonsOnly(edit.body).map((b) => b.label ?? b.emoji?.name);
    expect(labels).toEqual([expect.stringMatching(/^Next result/), 'Full section', '👍', '👎']);
    // Under the buttons, every result by its heading, numbered as the footers number them; the one shown is chosen.
    const jump = selectMenu(edit.body);
    const total = Number(/of (\d)$/.exec(embed.footer.text)![1]);
    expect(jump.options.map((o: any) => o.label)).toEqual(
      Array.from({ length: total }, (_, i) => expect.stringMatching(new RegExp(`^${i + 1}\\. `))),
    );
    expect(jump.options[0]).toEqual(expect.objectContaining({ default: true }));
    expect(`${embed.title}`.endsWith(` › ${jump.options[0].label.slice('1. '.length)}`)).toBe(true);
    expect(jump.options.slice(1).some((o: any) => o.default)).toBe(false);

    // The README's example of this very answer shows what it really looks like: its footer and buttons.
    const example = /Example `\/ask what is focal loss`[\s\S]*?```\n([\s\S]*?)```/
      .exec(readFileSync(path.join(repoRoot, 'README.md'), 'utf8'))![1]!
      .trimEnd()
      .split('\n');
    expect(example.at(-3)).toBe(embed.footer.text);
    expect(example.at(-2)).toBe(labels.map((l) => `[${l}]`).join(' '));
    expect(example.at(-1)).toBe(`[${jump.options[0].label} ⌄]`);
    expect(example[0]).toBe(embed.title);
  });

  it('"Next result" edits the same message to show result 2', async () => {
    const asker = newUser();
    const first = await askAndWait('what is focal loss', { user: asker });
    const next = buttons(first.message).find((b) => b.label?.startsWith('Next result'));
    const click = fake.sendComponent({ customId: next.custom_id, messageId: first.message.id, user: asker });

    expect((await fake.waitForRequest(isCallback(click.id))).body.type).toBe(6); // deferUpdate: no new message
    const edit = await fake.waitForRequest(isEditOriginal(click.token));
    expect(edit.body.embeds[0].footer.text).toMatch(/ · result 2 of \d$/);
    expect(edit.body.embeds[0].footer.text).not.toBe(first.embed.footer.text);
    const message = fake.getMessage(first.message.id);
    expect(message.embeds[0].footer.text).toMatch(/result 2 of /);
    expect(buttons(message)[0].label).toMatch(/^Next result \(3\//);
  });

  it('choosing a result in the list under an answer edits the same message to show that result', async () => {
    const asker = newUser();
    const first = await askAndWait('what is focal loss', { user: asker });
    const jump = selectMenu(first.message);
    const fourth = jump.options[3];
    const choice = fake.sendComponent({ ...choiceIn(jump, fourth.value), messageId: first.message.id, user: asker });

    expect((await fake.waitForRequest(isCallback(choice.id))).body.type).toBe(6); // deferUpdate: no new message
    const edit = await fake.waitForRequest(isEditOriginal(choice.token));
    expect(edit.body.embeds[0].footer.text).toMatch(/ · result 4 of \d$/);
    expect(edit.body.embeds[0].title.endsWith(fourth.label.slice('4. '.length))).toBe(true);
    // The list now marks the result shown, and Next result goes on from there.
    const message = fake.getMessage(first.message.id);
    expect(
      selectMenu(message)
        .options.filter((o: any) => o.default)
        .map((o: any) => o.value),
    ).toEqual([fourth.value]);
    expect(buttons(message)[0].label).toMatch(/^Next result \(5\//);
  });

  it('a result chosen in the list by someone else than the asker comes as their private copy', async () => {
    const first = await askAndWait('what is focal loss');
    const before = structuredClone(fake.getMessage(first.message.id));
    const jump = selectMenu(first.message);
    const choice = fake.sendComponent({ ...choiceIn(jump, '2'), messageId: first.message.id, user: newUser() });

    const callback = await fake.waitForRequest(isCallback(choice.id));
    expect(callback.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect((await fake.waitForRequest(isEditOriginal(choice.token))).body.embeds[0].footer.text).toMatch(/ · result 3 of \d$/);
    expect(fake.getMessage(first.message.id)).toEqual(before);
  });

  it('"Next result" by someone else than the asker gives them a private copy and leaves the public answer alone', async () => {
    const first = await askAndWait('what is focal loss');
    const before = structuredClone(fake.getMessage(first.message.id));
    const next = buttons(first.message).find((b) => b.label?.startsWith('Next result'));
    const reader = newUser();
    const click = fake.sendComponent({ customId: next.custom_id, messageId: first.message.id, user: reader });

    const callback = await fake.waitForRequest(isCallback(click.id));
    expect(callback.body.type).toBe(5); // a new (deferred) message, not an update of the clicked one
    expect(callback.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    const copy = await fake.waitForRequest(isEditOriginal(click.token));
    expect(copy.body.embeds[0].footer.text).toMatch(/ · result 2 of \d$/);
    expect(fake.getMessage(first.message.id)).toEqual(before);

    // The copy is the reader's own answer: they can page it in place.
    const copyMessage = fake.originalMessage(click.token);
    const again = fake.sendComponent({ customId: buttons(copyMessage)[0].custom_id, messageId: copyMessage.id, user: reader });
    expect((await fake.waitForRequest(isCallback(again.id))).body.type).toBe(6);
    expect((await fake.waitForRequest(isEditOriginal(again.token))).body.embeds[0].footer.text).toMatch(/ · result 3 of \d$/);
    expect(fake.getMessage(first.message.id)).toEqual(before);
  });

  it('a quiz answer button clicked on an /ask answer changes neither the answer nor the quiz', async () => {
    const asked = await askAndWait('what is focal loss');
    const before = structuredClone(fake.getMessage(asked.message.id));
    // A note without flashcards, so the post is a multiple-choice question (a member's own cards come first elsewhere).
    const quiz = fake.sendCommand({ name: 'quiz', options: [{ type: 3, name: 'topic', value: 'fpn' }], user: newUser() });
    await fake.waitForRequest(isEditOriginal(quiz.token), 10_000);
    const quizMessage = fake.originalMessage(quiz.token);
    const answerId = buttons(quizMessage).find((b) => b.custom_id.startsWith('quiz:a:')).custom_id as string;
    const questionId = answerId.split(':')[2];

    const click = fake.sendComponent({ customId: answerId, messageId: asked.message.id, user: newUser() });
    const reply = await fake.waitForRequest(isCallback(click.id));
    expect(reply.body.type).toBe(4);
    expect(reply.body.data.content).toMatch(/does not belong to the message/);
    expect(reply.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(fake.requests.filter(isEditOriginal(click.token))).toEqual([]);
    expect(fake.getMessage(asked.message.id)).toEqual(before);
    expectQuizUntouched(questionId, quizMessage.id);
  });

  it("a quiz's buttons on another message are checked against the message stored for the question", async () => {
    // A note without flashcards, so the post is a multiple-choice question (a member's own cards come first elsewhere).
    const quiz = fake.sendCommand({ name: 'quiz', options: [{ type: 3, name: 'topic', value: 'fpn' }], user: newUser() });
    await fake.waitForRequest(isEditOriginal(quiz.token), 10_000);
    const quizMessage = fake.originalMessage(quiz.token);
    const answerId = buttons(quizMessage).find((b) => b.custom_id.startsWith('quiz:a:')).custom_id as string;
    const questionId = answerId.split(':')[2];

    // Another message carrying a copy of the question's buttons (its id names a question posted elsewhere).
    const click = fake.sendComponent({ customId: answerId, message: { components: quizMessage.components, embeds: [] }, user: newUser() });
    const reply = await fake.waitForRequest(isFollowUp(click.token));
    expect(reply.body.content).toMatch(/does not belong to the message/);
    expect(reply.body.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(fake.requests.filter(isEditOriginal(click.token))).toEqual([]);
    expectQuizUntouched(questionId, quizMessage.id);
  });

  it('a /topics page button put on a public answer does not overwrite it', async () => {
    const asked = await askAndWait('what is focal loss');
    const before = structuredClone(fake.getMessage(asked.message.id));
    const click = fake.sendComponent({ customId: 'topics:next:1', messageId: asked.message.id, user: newUser() });
    const reply = await fake.waitForRequest(isCallback(click.id));
    expect(reply.body.type).toBe(4);
    expect(reply.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(reply.body.data.content).toMatch(/does not belong to the message/);
    expect(fake.getMessage(asked.message.id)).toEqual(before);
  });

  it('a custom id longer than Discord allows (100 characters) is refused without acting on it', async () => {
    const asked = await askAndWait('what is focal loss');
    const before = structuredClone(fake.getMessage(asked.message.id));
    // Well formed but too long: a "Next question" on a note file name no real button carries.
    const click = fake.sendComponent({ customId: `quiz:next:${'x'.repeat(92)}.md`, messageId: asked.message.id, user: newUser() });
    const reply = await fake.waitForRequest(isCallback(click.id));
    expect(reply.body.type).toBe(4);
    expect(reply.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(reply.body.data.content).toMatch(/older version of StudyBot/);
    expect(fake.getMessage(asked.message.id)).toEqual(before);
  });

  it('"Full section" answers privately with the whole section', async () => {
    const first = await askAndWait('what is focal loss');
    const sectionButton = buttons(first.message).find((b) => b.label === 'Full section');
    const click = fake.sendComponent({ customId: sectionButton.custom_id, messageId: first.message.id, user: newUser() });

    const reply = await fake.waitForRequest(isCallback(click.id));
    expect(reply.body.type).toBe(4);
    expect(reply.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(reply.body.data.allowed_mentions).toEqual({ parse: [] });
    const embed = reply.body.data.embeds[0];
    expect(embed.title).toBe(first.embed.title);
    expect(embed.footer.text).toMatch(/^retinanet-focal-loss\.md:\d+-\d+/);
    expect(embed.description.length).toBeGreaterThanOrEqual(first.embed.description.length - 10);
  });

  it('👍 stores the vote with question, section, user and guild in SQLite, and thanks privately', async () => {
    const first = await askAndWait('what is focal loss');
    const up = buttons(first.message).find((b) => b.emoji?.name === '👍');
    const voter = newUser();
    const click = fake.sendComponent({ customId: up.custom_id, messageId: first.message.id, user: voter });

    const reply = await fake.waitForRequest(isCallback(click.id));
    expect(reply.body.type).toBe(4);
    expect(reply.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(reply.body.data.content).toMatch(/Thanks/);

    const rows = withBotDb(dataDir, (db) => db.prepare('SELECT * FROM feedback WHERE user_id = ?').all(voter.id), {
      readonly: true,
    }) as any[];
    expect(rows).toEqual([
      expect.objectContaining({
        question: 'what is focal loss',
        vote: 1,
        guild_id: fake.guildId,
        message_id: first.message.id,
        chunk_id: up.custom_id.split(':').pop(),
        citation: expect.stringMatching(/^retinanet-focal-loss\.md:\d+-\d+$/),
        created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      }),
    ]);
  });

  it('private:true defers ephemerally', async () => {
    const { callback, embed } = await askAndWait('what is FPN', { private: true });
    expect(callback.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(embed.footer.text).toMatch(/^fpn\.md:/);
  });

  it('an off-topic question gets "not in the notes"', async () => {
    const { embed, edit } = await askAndWait('how do I bake sourdough bread');
    expect(embed.title).toBe('Not in the notes');
    expect(embed.description).toMatch(/do not seem to cover/);
    // The nearest sections listed are in a drop-down too, numbered as the list is.
    const listed = embed.description.split('\n').filter((line: string) => /^\d+\. /.test(line));
    const nearest = selectMenu(edit.body);
    expect(listed.length).toBeGreaterThan(0);
    expect(nearest.options.map((o: any) => o.label.split('. ')[0])).toEqual(listed.map((line: string) => line.split('. ')[0]));
  });

  it('choosing a nearest section under "not in the notes" shows it whole, privately', async () => {
    const refused = await askAndWait('how do I bake sourdough bread');
    const before = structuredClone(fake.getMessage(refused.message.id));
    const nearest = selectMenu(refused.message);
    const choice = fake.sendComponent({ ...choiceIn(nearest, nearest.options[0].value), messageId: refused.message.id, user: newUser() });

    const reply = await fake.waitForRequest(isCallback(choice.id));
    expect(reply.body.type).toBe(4);
    expect(reply.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(reply.body.data.allowed_mentions).toEqual({ parse: [] });
    expect(reply.body.data.embeds[0].title).toContain(nearest.options[0].label.slice('1. '.length));
    expect(fake.getMessage(refused.message.id)).toEqual(before);
  });

  it('an empty question gets a friendly private message, not a deferral', async () => {
    for (const question of ['', '   ', '?!…']) {
      const { id } = askCommand(question);
      const reply = await fake.waitForRequest(isCallback(id));
      expect(reply.body.type).toBe(4);
      expect(reply.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
      expect(reply.body.data.content).toMatch(/empty|no words/);
    }
  });

  it('a 300-character question is answered; a longer one (only possible by bypassing Discord) is refused politely', async () => {
    const long = 'what is focal loss and why does it help one-stage detectors '.repeat(6).slice(0, 300);
    expect(long).toHaveLength(300);
    const { embed } = await askAndWait(long);
    expect(embed.title).toBeTruthy();
    expect(embed.author.name.length).toBeLessThanOrEqual(256);

    const { id } = askCommand(`${long} more`);
    const reply = await fake.waitForRequest(isCallback(id));
    expect(reply.body.data.content).toMatch(/limit is 300/);
  });

  it('a question full of mentions is answered without pinging anyone', async () => {
    const { edit, embed } = await askAndWait('@everyone <@123> what is FPN');
    expect(edit.body.allowed_mentions).toEqual({ parse: [] });
    expect(embed.footer.text).toMatch(/^fpn\.md:/);
  });

  it('asking again within the cooldown gets a polite private "wait"', async () => {
    const user = newUser();
    await askAndWait('what is RoI pooling', { user });
    const { id } = askCommand('what is NMS', { user });
    const reply = await fake.waitForRequest(isCallback(id));
    expect(reply.body.type).toBe(4);
    expect(reply.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(reply.body.data.content).toMatch(/again in \d s/);
  });

  it('/reindex is refused without Manage Server, and reports counts with it', async () => {
    const refused = fake.sendCommand({ name: 'reindex', permissions: '0', user: newUser() });
    const reply = await fake.waitForRequest(isCallback(refused.id));
    expect(reply.body.type).toBe(4);
    expect(reply.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(reply.body.data.content).toMatch(/Manage Server/);

    const allowed = fake.sendCommand({ name: 'reindex', permissions: String(MANAGE_GUILD), user: newUser() });
    expect((await fake.waitForRequest(isCallback(allowed.id))).body.type).toBe(5);
    const edit = await fake.waitForRequest(isEditOriginal(allowed.token), 10_000);
    expect(edit.body.embeds[0].description).toMatch(/\*\*10\*\* notes, \*\*\d+\*\* sections indexed in [\d.]+ s/);
  });

  it('/topics lists notes and their sections, paginated with buttons', async () => {
    const { id, token } = fake.sendCommand({ name: 'topics', user: newUser() });
    const reply = await fake.waitForRequest(isCallback(id));
    expect(reply.body.type).toBe(4);
    const page1 = reply.body.data.embeds[0];
    expect(page1.footer.text).toBe('10 notes · page 1/2');
    expect(page1.fields.length).toBe(5);
    const next = reply.body.data.components[0].components.find((b: any) => b.label === 'Next');

    const message = fake.originalMessage(token);
    const click = fake.sendComponent({ customId: next.custom_id, messageId: message.id, user: newUser() });
    const update = await fake.waitForRequest(isCallback(click.id));
    expect(update.body.type).toBe(7);
    expect(update.body.data.embeds[0].footer.text).toBe('10 notes · page 2/2');
    const allFields = [...page1.fields, ...update.body.data.embeds[0].fields];
    expect(allFields.find((f: any) => f.value.includes('retinanet-focal-loss.md'))?.value).toContain('• 单阶段与双阶段检测器的精度差距');
  });

  it('/help lists every command on its own line', async () => {
    const { id } = fake.sendCommand({ name: 'help', user: newUser() });
    const reply = await fake.waitForRequest(isCallback(id));
    const text = reply.body.data.embeds[0].description as string;
    for (const name of ['/ask question [private]', '/topics', '/reindex', '/help']) {
      expect(text.split('\n').filter((l) => l.startsWith(`\`${name}`))).toHaveLength(1);
    }
  });

  it('a 429 with Retry-After on the answer edit is waited out and the answer delivered', async () => {
    fake.rateLimitNext('PATCH', /\/messages\/@original$/, 1);
    const sent = askCommand('what is knowledge distillation');
    await fake.waitForRequest(isCallback(sent.id));
    const delivered = await fake.waitForRequest(
      (r) => isEditOriginal(sent.token)(r) && fake.requests.filter(isEditOriginal(sent.token)).length === 2,
      5000,
    );
    const edits = fake.requests.filter(isEditOriginal(sent.token));
    expect(edits[1]!.at - edits[0]!.at).toBeGreaterThanOrEqual(900);
    expect(delivered.body.embeds[0].footer.text).toMatch(/^knowledge-distillation\.md:/);
    expect(fake.originalMessage(sent.token).embeds[0].footer.text).toMatch(/^knowledge-distillation\.md:/);
  });

  it('when a handler fails, the failure is logged with the interaction id and the user gets a short message', async () => {
    // The answer edit fails for good (400, not retried): the deferred reply must not stay "thinking…".
    fake.failNext('PATCH', /\/messages\/@original$/, 400, { message: 'Invalid Form Body', code: 50035 });
    const sent = askCommand('what is PSPNet');
    const fallback = await fake.waitForRequest((r) => isEditOriginal(sent.token)(r) && r.body?.content !== undefined, 5000);
    expect(fallback.body.content).toMatch(/something went wrong/i);
    expect(fallback.body.allowed_mentions).toEqual({ parse: [] });
    await waitForLog(bot, (l) => l.msg === 'interaction failed' && l.interactionId === sent.id, 2000);
  });

  it('a button from an unknown or expired answer is answered, not ignored', async () => {
    const click = fake.sendComponent({ customId: 'ask:next:1', user: newUser() }); // a message the bot has no question for
    expect((await fake.waitForRequest(isCallback(click.id))).body.type).toBe(6);
    const follow = await fake.waitForRequest(isFollowUp(click.token));
    expect(follow.body.content).toMatch(/no longer have the question/);
    expect(follow.body.flags & EPHEMERAL).toBe(EPHEMERAL);

    const gone = fake.sendComponent({ customId: 'ask:section:0000000000-0000000000', user: newUser() });
    expect((await fake.waitForRequest(isCallback(gone.id))).body.data.content).toMatch(/changed or moved/);
    const junk = fake.sendComponent({ customId: 'quiz:whatever', user: newUser() });
    expect((await fake.waitForRequest(isCallback(junk.id))).body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
  });

  it('SIGTERM lets an answer in progress finish, then exits 0', async () => {
    // The 429 keeps the answer in flight for a second after the signal: long enough to be cut off if shutdown did not wait.
    fake.rateLimitNext('PATCH', /\/messages\/@original$/, 1);
    const sent = askCommand('what is bipartite matching in DETR');
    await fake.waitForRequest(isEditOriginal(sent.token));
    const { code } = await stopBot(bot, 'SIGTERM');
    expect(code).toBe(0);
    const edits = fake.requests.filter(isEditOriginal(sent.token));
    expect(edits).toHaveLength(2);
    expect(edits[1]!.body.embeds[0].footer.text).toMatch(/^detr\.md:/);
    const log = logLines(bot).map((l) => l.msg);
    expect(log.indexOf('stopped')).toBeGreaterThan(log.indexOf('shutting down'));
    expect(logLines(bot).filter((l) => l.level >= 50)).toEqual([
      expect.objectContaining({ msg: 'interaction failed' }), // only the failure provoked on purpose above
    ]);
  });

  it('every message the bot created or edited had allowed_mentions.parse = []', () => {
    const sent = messageRequests(fake.requests);
    expect(sent.length).toBeGreaterThan(20);
    for (const r of sent) {
      expect({ request: `${r.method} ${r.path}`, allowed: allowedMentionsOf(r) }).toEqual({
        request: `${r.method} ${r.path}`,
        allowed: { parse: [] },
      });
    }
  });

  it("interaction tokens never appear in the bot's output, even in the logged error of a failed request", () => {
    const tokens = fake.requests
      .map((r) => /^\/interactions\/\d+\/([^/]+)\/callback$/.exec(r.path)?.[1])
      .filter((t): t is string => t !== undefined);
    expect(tokens.length).toBeGreaterThan(20);
    for (const token of tokens) {
      expect(bot.out.stdout).not.toContain(token);
      expect(bot.out.stderr).not.toContain(token);
    }
    // The failure provoked above logged the request's URL, with its token replaced.
    const failed = logLines(bot).find((l) => l.msg === 'interaction failed');
    expect(JSON.stringify(failed)).toMatch(/\/webhooks\/\d+\/\[redacted\]\/messages\/(@|%40)original/);
  });

  it("the token never appears in the bot's output", () => {
    expect(bot.out.stdout.length).toBeGreaterThan(0);
    for (const secret of [TOKEN, TOKEN.split('.')[2]!]) {
      expect(bot.out.stdout).not.toContain(secret);
      expect(bot.out.stderr).not.toContain(secret);
    }
  });
});

describe('npm run register (dist/bot/register.js)', () => {
  it('registers the commands globally when DISCORD_GUILD_ID is unset, and says so', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'studybot-register-'));
    try {
      const run = spawnBot({
        script: registerJs,
        cwd,
        env: { DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: fake.applicationId, DISCORD_API_URL: fake.apiBase },
      });
      const { code } = await run.exited;
      expect(code).toBe(0);
      expect(run.out.stdout).toMatch(
        /^Registered \/ask, \/topics, \/reindex, \/help, \/daily, \/quiz, \/leaderboard, \/mystats, \/settings globally/,
      );
      const put = await fake.waitForRequest((r) => r.method === 'PUT' && r.path === `/applications/${fake.applicationId}/commands`);
      expect(put.body.map((c: any) => c.name)).toEqual([
        'ask',
        'topics',
        'reindex',
        'help',
        'daily',
        'quiz',
        'leaderboard',
        'mystats',
        'settings',
      ]);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});

describe('start-up without a token', () => {
  it('explains in one paragraph on stderr how to get one, and exits 1 without a stack trace', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'studybot-notoken-'));
    try {
      const run = spawnBot({
        cwd,
        env: { DISCORD_CLIENT_ID: APPLICATION_ID, NOTES_DIR: notesDir, DATA_DIR: cwd, EMBEDDING_MODEL: 'none' },
      });
      const { code } = await run.exited;
      expect(code).toBe(1);
      const message = run.out.stderr.trim();
      expect(message).toMatch(/DISCORD_TOKEN is not set/);
      expect(message).toMatch(/Reset Token/);
      expect(message).toMatch(/\.env/);
      expect(message.split('\n')).toHaveLength(1);
      expect(message).not.toMatch(/\n\s+at /);
      expect(run.out.stdout).toBe('');
      expect(existsSync(path.join(cwd, 'studybot.db'))).toBe(false); // stopped before touching anything
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});
