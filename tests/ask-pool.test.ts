import { cpSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AskPool } from '../src/bot/ask-pool.js';
import { createLogger } from '../src/bot/logger.js';
import { RetrieverBusyError } from '../src/bot/retriever.js';
import { StudyIndex } from '../src/index/study-index.js';
import { ask } from '../src/search/ask.js';
import { notesDir, repoRoot } from './support/paths.js';
import { tempDir } from './support/temp-dir.js';

/** The compiled worker, as the bot runs it (`npm test` builds dist/ first). */
const script = path.join(repoRoot, 'dist/bot/ask-worker.js');
const logger = createLogger('silent', [], () => {});
const open: Array<{ close(): unknown }> = [];

afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

async function syncedIndex(notes = notesDir) {
  const dataDir = tempDir('studybot-pool-');
  const index = await StudyIndex.open({ notesDir: notes, dataDir, embeddingModel: null });
  await index.sync();
  open.push(index);
  return { index, setup: { notesDir: notes, dataDir, embeddingModel: null } };
}

async function pool(setup: { notesDir: string; dataDir: string; embeddingModel: null }, size: number, maxWaiting: number) {
  const started = await AskPool.start({ setup, size, maxWaiting, logger, script });
  open.push(started);
  return started;
}

describe('the retrieval pool', () => {
  it('answers in worker threads exactly as ask() does on the main thread', async () => {
    const { index, setup } = await syncedIndex();
    const threads = await pool(setup, 2, 100);
    expect(threads.size).toBe(2);
    for (const question of ['what is focal loss', 'FPN 的自顶向下路径是怎么做的', 'how do I bake sourdough bread']) {
      expect(await threads.ask(question, { k: 3 })).toEqual(await ask(index, question, { k: 3 }));
    }
  });

  it('answers every one of many simultaneous questions, each with its own answer', async () => {
    const { setup } = await syncedIndex();
    const threads = await pool(setup, 1, 100);
    const questions = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? 'what is focal loss' : 'what is knowledge distillation'));
    const answers = await Promise.all(questions.map((q) => threads.ask(q, { k: 1 })));
    answers.forEach((answer, i) => {
      expect(answer.question).toBe(questions[i]);
      expect(answer.results[0]?.file).toBe(i % 2 === 0 ? 'retinanet-focal-loss.md' : 'knowledge-distillation.md');
    });
  });

  it('refuses questions beyond its queue as busy, and still answers the ones it took', async () => {
    const { setup } = await syncedIndex();
    const threads = await pool(setup, 1, 3);
    const settled = await Promise.allSettled(Array.from({ length: 10 }, () => threads.ask('what is focal loss')));
    const refused = settled.filter((s) => s.status === 'rejected');
    const answered = settled.filter((s) => s.status === 'fulfilled');
    // One is taken by the worker at once, three wait; the other six are told to come back.
    expect(answered).toHaveLength(4);
    expect(refused).toHaveLength(6);
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(RetrieverBusyError);
    expect(threads.queued).toBe(0);
  });

  it('answers from the index as the main thread last synced it, a note added since included; reload() reopens it', async () => {
    const notes = tempDir('studybot-pool-notes-');
    cpSync(notesDir, notes, { recursive: true });
    const { index, setup } = await syncedIndex(notes);
    const threads = await pool(setup, 1, 100);
    const question = 'what is zebra normalization';
    expect((await threads.ask(question)).results[0]?.file).not.toBe('zebra.md');
    writeFileSync(
      path.join(notes, 'zebra.md'),
      '# Zebra normalization\n\nZebra normalization rescales every other channel of a feature map; it is made up for this test.\n',
    );
    await index.sync();
    // The worker's index notices that another connection changed the file (SQLite's data_version) and reloads.
    expect(await threads.ask(question)).toEqual(await ask(index, question));
    expect((await threads.ask(question)).results[0]?.file).toBe('zebra.md');
    await threads.reload();
    expect(await threads.ask(question)).toEqual(await ask(index, question));
  });

  it('fails a closed pool’s questions instead of leaving them hanging', async () => {
    const { setup } = await syncedIndex();
    const threads = await AskPool.start({ setup, size: 1, maxWaiting: 100, logger, script });
    const pending = Promise.allSettled([threads.ask('what is focal loss'), threads.ask('what is fpn'), threads.ask('what is detr')]);
    await threads.close();
    const outcomes = await pending;
    expect(outcomes.some((o) => o.status === 'rejected')).toBe(true);
    await expect(threads.ask('what is focal loss')).rejects.toThrow(/closed/);
  });
});
