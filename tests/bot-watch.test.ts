/**
 * Live re-index: the NotesWatcher over a real StudyIndex and the real ask(),
 * as the bot wires them. Each spec writes to a notes folder and waits until
 * the question is answered from the new text.
 */
import { cpSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NotesWatcher, notesWatch, type WatchLogger } from '../src/bot/notes-watcher.js';
import { StudyIndex, type SyncReport } from '../src/index/study-index.js';
import { ask } from '../src/search/ask.js';
import { repoRoot } from './support/paths.js';
import { tempDir } from './support/temp-dir.js';

interface Logged {
  level: 'info' | 'warn' | 'error';
  fields: Record<string, unknown>;
  message: string;
}

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function watchedVault() {
  const notes = tempDir('studybot-watch-notes-');
  cpSync(path.join(repoRoot, 'tests/fixtures/vault'), notes, { recursive: true });
  const index = await StudyIndex.open({ notesDir: notes, dataDir: tempDir('studybot-watch-data-'), embeddingModel: null });
  cleanup.push(() => index.close());
  await index.sync();
  const logs: Logged[] = [];
  const logger: WatchLogger = {
    info: (fields, message) => logs.push({ level: 'info', fields: fields as Record<string, unknown>, message }),
    warn: (fields, message) => logs.push({ level: 'warn', fields: fields as Record<string, unknown>, message }),
    error: (fields, message) => logs.push({ level: 'error', fields: fields as Record<string, unknown>, message }),
  };
  const syncs: SyncReport[] = [];
  const watcher = await NotesWatcher.start({
    notesDir: notes,
    logger,
    sync: async () => {
      const report = await index.sync();
      syncs.push(report);
      return report;
    },
  });
  cleanup.push(() => watcher.close());
  return { notes, index, logs, syncs, watcher };
}

/**
 * Polls until `check` passes; returns the milliseconds it took. The generous
 * default is for a loaded CI machine; the 2 s promise is asserted where it is measured.
 */
async function until(check: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<number> {
  const started = performance.now();
  while (!(await check())) {
    if (performance.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return performance.now() - started;
}

const quotes = async (index: StudyIndex, question: string, text: string) => {
  const answer = await ask(index, question, { k: 5 });
  return answer.answered && answer.results.some((r) => r.text.includes(text));
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe('NotesWatcher', () => {
  it('an edit is answerable, with a log line naming the note; only the changed section is re-indexed', async () => {
    const { notes, index, logs } = await watchedVault();
    const file = path.join(notes, 'Loss Function.md');
    writeFileSync(
      file,
      '# Loss Function\n\nA loss function measures how far the prediction is from the target.\n\n## Cross entropy\n\nCross entropy compares predicted probabilities with one-hot labels.\n',
    );
    await until(() => quotes(index, 'cross entropy probabilities labels', 'one-hot labels'));
    const line = logs.find((l) => l.message === 'notes changed, re-indexed')!;
    expect(line.fields).toMatchObject({ changed: ['edited Loss Function.md'], changes: 1, added: 1, removed: 1 });
  });

  it('a new note, a rename and a delete are answerable, and their old sections gone', async () => {
    const { notes, index, logs } = await watchedVault();
    mkdirSync(path.join(notes, '第二周'));
    writeFileSync(path.join(notes, '第二周/正则化.md'), '# 正则化\n\n权重衰减（weight decay）惩罚过大的权重，减轻过拟合。\n');
    await until(() => quotes(index, '什么是权重衰减', '权重衰减'));

    renameSync(path.join(notes, '第二周/正则化.md'), path.join(notes, '第二周/Regularization 正则化.md'));
    await until(async () => (await ask(index, '什么是权重衰减')).results[0]?.file === '第二周/Regularization 正则化.md');
    expect(index.noteList().map((n) => n.file)).not.toContain('第二周/正则化.md');

    rmSync(path.join(notes, 'Loss Function.md'));
    await until(() => !index.noteList().some((n) => n.file === 'Loss Function.md'));
    expect(index.notes.flatMap((n) => n.chunks).some((c) => c.file === 'Loss Function.md')).toBe(false);
    expect((await ask(index, 'what is cross entropy')).results.some((r) => r.file === 'Loss Function.md')).toBe(false);
    expect(logs.flatMap((l) => (l.fields.changed as string[] | undefined) ?? [])).toEqual(
      expect.arrayContaining([
        'added 第二周/正则化.md',
        'deleted 第二周/正则化.md',
        'added 第二周/Regularization 正则化.md',
        'deleted Loss Function.md',
      ]),
    );
  });

  it('a burst of 200 new notes is one sync', async () => {
    const { notes, index, syncs } = await watchedVault();
    mkdirSync(path.join(notes, 'pulled'));
    const started = performance.now();
    for (let i = 0; i < 200; i++)
      writeFileSync(path.join(notes, `pulled/note-${i}.md`), `# Pulled ${i}\n\nTopic number ${i} is about zebra${i} stripes.\n`);
    await until(() => index.noteList().length === 3 + 200);
    const burstMs = performance.now() - started;
    await sleep(800);
    expect(syncs).toHaveLength(1);
    expect(syncs[0]!.added).toBe(200);
    console.log(
      `[measure] 200-file burst: written and answerable in ${Math.round(burstMs)} ms, ${syncs.length} sync of ${Math.round(syncs[0]!.ms)} ms`,
    );
  });

  it('a note caught half-written is read as it was, and the next write fixes it', async () => {
    const { notes, index } = await watchedVault();
    const file = path.join(notes, 'Half.md');
    const full = Buffer.from('# 半成品\n\n半成品笔记（half-written note）只保存了一半，稍后会被修复。\n');
    // Cut inside a multi-byte character: not valid UTF-8, so the note is skipped, not indexed garbled.
    writeFileSync(file, full.subarray(0, full.indexOf(Buffer.from('笔记')) + 1));
    await until(() => index.skipped.some((s) => s.file === 'Half.md'));
    writeFileSync(file, full);
    await until(() => quotes(index, '半成品笔记是什么', '稍后会被修复'));
    expect(index.skipped).toEqual([expect.objectContaining({ file: 'Draft idea.md' })]);
  });

  it('writes under ignored folders start no sync; an edited .studybotignore applies at once', async () => {
    const { notes, index, syncs } = await watchedVault();
    writeFileSync(path.join(notes, 'private/secret.md'), '# Secret\n\nPrivate words.\n');
    writeFileSync(path.join(notes, '.obsidian/app.md'), '# App\n\nSettings.\n');
    await sleep(1000);
    expect(syncs).toHaveLength(0);

    writeFileSync(path.join(notes, '.studybotignore'), '');
    await until(() => index.noteList().some((n) => n.file === 'private/diary.md'));
    writeFileSync(path.join(notes, 'private/later.md'), '# Later\n\nWatched now.\n');
    await until(() => index.noteList().some((n) => n.file === 'private/later.md'));
  });

  it('as the bot starts it: catches up with a write made before watching began; disabled, it does nothing', async () => {
    const notes = tempDir('studybot-watch-notes-');
    cpSync(path.join(repoRoot, 'tests/fixtures/vault'), notes, { recursive: true });
    const index = await StudyIndex.open({ notesDir: notes, dataDir: tempDir('studybot-watch-data-'), embeddingModel: null });
    cleanup.push(() => index.close());
    await index.sync();
    writeFileSync(path.join(notes, 'Early.md'), '# Early\n\nWritten while the bot was connecting to Discord.\n');
    const messages: string[] = [];
    const logger: WatchLogger = {
      info: (_f, m) => messages.push(m),
      warn: (_f, m) => messages.push(m),
      error: (_f, m) => messages.push(m),
    };

    const off = notesWatch(false, { notesDir: notes, logger, sync: () => index.sync() });
    await off.start();
    await off.stop();
    expect(messages).toEqual([]);
    expect(index.noteList().map((n) => n.file)).not.toContain('Early.md');

    const on = notesWatch(true, { notesDir: notes, logger, sync: () => index.sync() });
    cleanup.push(() => on.stop());
    await on.start();
    expect(messages).toEqual(['watching the notes folder', 'notes changed during start-up, re-indexed']);
    expect(index.noteList().map((n) => n.file)).toContain('Early.md');
  });

  it('measures the median time from write to answerable over 20 edits (under 2 s)', { timeout: 120_000 }, async () => {
    const { notes, index } = await watchedVault();
    const file = path.join(notes, 'Loss Function.md');
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const word = `sentinel${i}x`;
      writeFileSync(file, `# Loss Function\n\n## Cross entropy\n\nCross entropy is the usual loss; ${word} marks edit ${i}.\n`);
      times.push(await until(() => quotes(index, `cross entropy ${word}`, word)));
    }
    console.log(
      `[measure] write to answerable over 20 edits: median ${Math.round(median(times))} ms, max ${Math.round(Math.max(...times))} ms`,
    );
    expect(median(times)).toBeLessThan(2000);
  });
});
