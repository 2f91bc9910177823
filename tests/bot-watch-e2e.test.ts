/**
 * Live re-index end to end: the real bot process against the fake Discord,
 * with a notes folder (the fixture vault, in git) that the test edits on disk
 * while the bot runs. Citations link to the published notes (NOTES_URL).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeDiscord } from './support/fake-discord.js';
import {
  fakeBotToken,
  interactionRequests,
  logLines,
  setUpBotE2E,
  stopBot,
  waitForLog,
  type BotE2E,
  type BotProcess,
} from './support/bot-process.js';
import { committedVault } from './support/git-vault.js';

const APPLICATION_ID = '100000000000000007';
const TOKEN = fakeBotToken(APPLICATION_ID, 'Watch3rT0ken-never-in-logs_77c1');
const GITHUB = 'https://github.com/you/notes/blob/{commit}/{path}#L{start}-L{end}';

let e2e: BotE2E;
let fake: FakeDiscord;
let notes: string;
let head: string;
let userSeq = 0n;
const { isCallback, isEditOriginal } = interactionRequests(APPLICATION_ID);

async function askAndWait(question: string) {
  userSeq++;
  const sent = fake.sendCommand({
    name: 'ask',
    options: [{ type: 3, name: 'question', value: question }],
    user: { id: String(200000000000000700n + userSeq), username: `w${userSeq}` },
  });
  await fake.waitForRequest(isCallback(sent.id), 5000);
  const edit = await fake.waitForRequest(isEditOriginal(sent.token), 10_000);
  return edit.body.embeds?.[0] as { title?: string; url?: string; description?: string; footer?: { text: string } } | undefined;
}

/** Waits for the watcher's log line about `change` ("edited x.md"), logged at or after `since` (epoch ms). */
function waitForChange(bot: BotProcess, change: string, since: number) {
  return waitForLog(
    bot,
    (l) => l.msg === 'notes changed, re-indexed' && l.time >= since && (l.changed as string[]).includes(change),
    15_000,
  );
}

beforeAll(async () => {
  // One folder for the file (tempDir() would delete it after the first spec).
  notes = mkdtempSync(path.join(tmpdir(), 'studybot-watch-e2e-notes-'));
  head = committedVault(notes);
  e2e = await setUpBotE2E({ applicationId: APPLICATION_ID, token: TOKEN, dataDirPrefix: 'studybot-watch-e2e-' });
  fake = e2e.fake;
}, 30_000);

afterAll(async () => {
  await e2e?.close();
  rmSync(notes, { recursive: true, force: true });
});

describe('the bot watching its notes folder', () => {
  it('links the answer to the quoted lines, quotes a note edited on disk at the next /ask, and forgets a deleted note', async () => {
    const bot = await e2e.startBot({ env: { NOTES_DIR: notes, NOTES_URL: GITHUB } });
    await waitForLog(bot, (l) => l.msg === 'watching the notes folder', 10_000);

    const before = await askAndWait('gradient descent learning rate');
    expect(before?.description).toContain('too large makes the loss diverge');
    expect(before?.url).toBe(`https://github.com/you/notes/blob/${head}/Gradient%20Descent.md#L13-L18`);

    let since = Date.now();
    const file = path.join(notes, 'Gradient Descent.md');
    const edited = readFileSync(file, 'utf8').replace(
      'too large makes the loss diverge instead of converge',
      'too small makes training crawl for many epochs',
    );
    writeFileSync(file, edited);
    await waitForChange(bot, 'edited Gradient Descent.md', since);
    const after = await askAndWait('gradient descent learning rate');
    expect(after?.description).toContain('too small makes training crawl');
    expect(after?.description).not.toContain('diverge');
    // Uncommitted: no commit shows these lines, so the title is not a link.
    expect(after?.url).toBeUndefined();

    const lossBefore = await askAndWait('what is cross entropy');
    expect(lossBefore?.footer?.text).toContain('Loss Function.md');
    since = Date.now();
    rmSync(path.join(notes, 'Loss Function.md'));
    await waitForChange(bot, 'deleted Loss Function.md', since);
    const lossAfter = await askAndWait('what is cross entropy');
    expect(JSON.stringify(lossAfter)).not.toContain('Loss Function.md');
    await stopBot(bot);
  }, 90_000);

  it('WATCH_NOTES=false: no watching, a write is not indexed until /reindex', async () => {
    const bot = await e2e.startBot({ env: { NOTES_DIR: notes, WATCH_NOTES: 'false' } });
    writeFileSync(path.join(notes, 'Optimizers.md'), '# Optimizers\n\nAdam keeps running averages of the gradient and its square.\n');
    await new Promise((r) => setTimeout(r, 2000));
    expect(logLines(bot).some((l) => l.msg === 'watching the notes folder' || l.msg === 'notes changed, re-indexed')).toBe(false);
    const embed = await askAndWait('what does adam keep running averages of');
    expect(JSON.stringify(embed)).not.toContain('Optimizers.md');

    const reindex = fake.sendCommand({
      name: 'reindex',
      permissions: String(1n << 5n),
      user: { id: '200000000000000799', username: 'admin' },
    });
    await fake.waitForRequest(isEditOriginal(reindex.token), 10_000);
    const afterReindex = await askAndWait('what does adam keep running averages of');
    expect(afterReindex?.footer?.text).toContain('Optimizers.md');
    await stopBot(bot);
  }, 60_000);
});
