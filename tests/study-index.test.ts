import { cpSync, existsSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { StudyIndex } from '../src/index/study-index.js';
import Database from 'better-sqlite3';
import { IndexStore, SCHEMA_VERSION, storePaths, vectorFiles } from '../src/index/store.js';
import { NotesDirError } from '../src/notes/load.js';
import { ask } from '../src/search/ask.js';
import type { Logger } from '../src/log.js';
import { tempDir as newTempDir } from './support/temp-dir.js';

const NOTES = path.resolve('notes');
const FIXTURE_MODEL = path.resolve('tests/fixtures/tiny-embedder');
const tempDir = () => newTempDir('studybot-index-');

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(`info ${m}`), warn: (m) => lines.push(`warn ${m}`), error: (m) => lines.push(`error ${m}`) };
}

async function openSynced(notesDir: string, dataDir: string, embeddingModel: string | null = null, logger = recordingLogger()) {
  const index = await StudyIndex.open({ notesDir, dataDir, embeddingModel, logger });
  const report = await index.sync();
  return { index, report, logger };
}

function manifestOf(data: string) {
  const store = IndexStore.open(storePaths(data));
  try {
    return { manifest: store.readManifest(), files: store.files().indexed.length, chunks: store.chunkCount };
  } finally {
    store.close();
  }
}

/** The vector file pair the manifest names. */
function currentVectorFiles(data: string) {
  return vectorFiles(storePaths(data), manifestOf(data).manifest!.vectorsGeneration!);
}

function copyNotes(): string {
  const dir = tempDir();
  cpSync(NOTES, dir, { recursive: true });
  return dir;
}

describe('StudyIndex', () => {
  it('builds from the notes, then reopens from disk without re-reading anything', async () => {
    const data = tempDir();
    const first = await openSynced(NOTES, data);
    expect(first.report.rebuilt).toBe(true);
    expect(first.report.files).toBe(10);
    expect(first.report.chunks).toBeGreaterThan(60);
    const second = await openSynced(NOTES, data);
    expect(second.report).toMatchObject({ rebuilt: false, added: 0, removed: 0, chunks: first.report.chunks });
    expect(manifestOf(data)).toMatchObject({
      manifest: { schemaVersion: SCHEMA_VERSION, model: null, dims: null },
      files: 10,
      chunks: first.report.chunks,
    });
  });

  it('re-indexes only the changed sections of an edited note', async () => {
    const notes = copyNotes();
    const data = tempDir();
    await openSynced(notes, data);
    const file = path.join(notes, 'fpn.md');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n## 新增一节\n\n这是新加的内容，讲 P7 层。\n`);
    const { report } = await openSynced(notes, data);
    expect(report).toMatchObject({ added: 1, removed: 0 });
    const { report: again } = await openSynced(notes, data);
    expect(again).toMatchObject({ added: 0, removed: 0 });
  });

  it('drops the sections of a deleted note, and re-indexes all sections of a renamed one', async () => {
    const notes = copyNotes();
    const data = tempDir();
    const { index: builtIndex, report: built } = await openSynced(notes, data);
    const fcnSections = builtIndex.notes.find((n) => n.file === 'fcn.md')!.chunks.length;
    rmSync(path.join(notes, 'fcn.md'));
    const { index, report } = await openSynced(notes, data);
    expect(report).toMatchObject({ removed: fcnSections, added: 0, chunks: built.chunks - fcnSections, files: 9 });
    expect((await ask(index, 'FCN-8s skip architecture')).results.every((r) => r.file !== 'fcn.md')).toBe(true);

    const fpn = path.join(notes, 'fpn.md');
    writeFileSync(fpn, readFileSync(fpn, 'utf8').replace(/^title: .*$/m, 'title: 金字塔特征 Pyramid Zebra'));
    const renamed = await openSynced(notes, data);
    expect(renamed.report).toMatchObject({ added: 0, removed: 0 });
    expect((await ask(renamed.index, 'zebra')).results[0]!.file).toBe('fpn.md');
  });

  it('replaces an index of the old JSON format with a message', async () => {
    const data = tempDir();
    // What schema 1 wrote (only files recognisably StudyBot's are removed; see index-faults.test.ts).
    const legacy = {
      'manifest.json': {
        schemaVersion: 1,
        chunkerVersion: 3,
        analyzerVersion: 2,
        notesDir: NOTES,
        model: null,
        dims: null,
        files: 10,
        chunks: 80,
      },
      'notes.json': { files: [], skipped: [] },
      'keyword.json': { minisearch: {}, docFreq: [] },
    };
    for (const [name, content] of Object.entries(legacy)) writeFileSync(path.join(data, name), JSON.stringify(content));
    const { report, logger } = await openSynced(NOTES, data);
    expect(report.rebuilt).toBe(true);
    expect(logger.lines.some((l) => l.includes('index format changed'))).toBe(true);
    expect(existsSync(path.join(data, 'notes.json'))).toBe(false);
  });

  it('cuts a heading it has cut before into the same words, and a caller changing them changes nothing for the next', async () => {
    const { index } = await openSynced(NOTES, tempDir());
    const first = index.tokenize('区域建议网络（RPN）与锚框（Anchors）');
    const words = [...first];
    first.push('x');
    first.length = 1;
    expect(index.tokenize('区域建议网络（RPN）与锚框（Anchors）')).toEqual(words);
    expect(words.length).toBeGreaterThan(3);
  });

  it('ignores a touched but unchanged note', async () => {
    const notes = copyNotes();
    const data = tempDir();
    await openSynced(notes, data);
    const later = new Date(Date.now() + 60_000);
    utimesSync(path.join(notes, 'fcn.md'), later, later);
    const { report } = await openSynced(notes, data);
    expect(report).toMatchObject({ added: 0, removed: 0 });
  });

  it('skips a note that is not UTF-8 with a warning and indexes the rest', async () => {
    const notes = copyNotes();
    writeFileSync(path.join(notes, 'latin1.md'), Buffer.from([0x23, 0x20, 0xe9, 0xe8, 0x0a]));
    const { report, logger } = await openSynced(notes, tempDir());
    expect(report.files).toBe(10);
    expect(report.skipped).toEqual([expect.objectContaining({ file: 'latin1.md', reason: expect.stringContaining('UTF-8') })]);
    expect(logger.lines.some((l) => l.startsWith('warn Skipping latin1.md'))).toBe(true);
  });

  it.each([
    ['is not a database', (file: string) => writeFileSync(file, 'not a database '.repeat(400))],
    ['has lost its chunk rows', (file: string) => new Database(file).exec('DELETE FROM chunks WHERE rowid % 2 = 0').close()],
    ['has lost its manifest', (file: string) => new Database(file).exec("DELETE FROM manifest WHERE key = 'schemaVersion'").close()],
  ])('rebuilds with a message when the index file %s, never crashing', async (_damage, damage) => {
    const data = tempDir();
    const { index: first, report: built } = await openSynced(NOTES, data);
    first.close();
    damage(storePaths(data).database);
    const { index, report, logger } = await openSynced(NOTES, data);
    expect(logger.lines.some((l) => /damaged|Rebuilding/.test(l))).toBe(true);
    expect(report.chunks).toBe(built.chunks);
    expect((await ask(index, 'what is focal loss')).results[0]!.file).toBe('retinanet-focal-loss.md');
  });

  it('finds a Chinese-only section for an English word through the dictionary pairs of its vocabulary', async () => {
    const notes = tempDir();
    writeFileSync(
      path.join(notes, 'text.md'),
      '# 文本生成\n\n## 为什么难\n\n生成句子时，每个词都是一个符号，梯度无法穿过采样传回生成器。\n',
    );
    writeFileSync(path.join(notes, 'image.md'), '# 图像生成\n\n## 图像\n\n图像的像素值是连续的，生成器可以直接得到梯度。\n');
    writeFileSync(path.join(notes, 'other.md'), '# 其他\n\n## 优化\n\n学习率决定每一步走多远，甚至决定能否收敛。\n');
    const { index } = await openSynced(notes, tempDir());
    const dictionary = index.keywordIndex.dictionary();
    expect(dictionary).toContainEqual(['sentence', '句子']);
    // "even" (甚至) is too common in everyday English for its dictionary senses to be worth guessing.
    expect(dictionary.some(([en]) => en === 'even')).toBe(false);
    const answer = await ask(index, 'sentences');
    expect(answer.results[0]!.file).toBe('text.md');
    // 句子 for "sentence" is a guess: it ranks, but alone it is not proof the notes cover the question.
    expect(answer.answered).toBe(false);
    expect((await ask(index, 'sentences', { features: { dictionary: false } })).results).toEqual([]);
  });

  it('lists results best first on one score scale, however deep k goes', async () => {
    const { index } = await openSynced(NOTES, tempDir());
    const { results } = await ask(index, 'how does the loss weight each anchor during training', { k: 40 });
    expect(results.length).toBeGreaterThan(20);
    const scores = results.map((r) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('rebuilds when the index was made from another notes folder, with --rebuild', async () => {
    const data = tempDir();
    await openSynced(NOTES, data);
    const other = tempDir();
    writeFileSync(path.join(other, 'one.md'), '# One\n\nonly note');
    // Only when asked to (--rebuild): a run pointed at other notes is refused otherwise (index-faults.test.ts).
    const logger = recordingLogger();
    const index = await StudyIndex.open({ notesDir: other, dataDir: data, embeddingModel: null, logger, rebuild: true });
    const report = await index.sync();
    expect(report.files).toBe(1);
    expect(logger.lines.some((l) => l.includes('built from'))).toBe(true);
  });

  it('refuses a notes folder that does not exist with a clear error, before touching the data folder', async () => {
    // Checked by open() now, before any file in the data folder is created or removed.
    const data = tempDir();
    const open = () => StudyIndex.open({ notesDir: '/no/such/notes', dataDir: data, embeddingModel: null });
    await expect(open()).rejects.toThrow(NotesDirError);
    await expect(open()).rejects.toThrow(/Notes folder not found: \/no\/such\/notes/);
    expect(readdirSync(data)).toEqual([]);
  });

  it('turns the dense leg off with one clear log line when the model cannot load', async () => {
    const logger = recordingLogger();
    const { index } = await openSynced(NOTES, tempDir(), '/no/such/model-folder', logger);
    expect(index.embedder).toBeNull();
    const warnings = logger.lines.filter((l) => l.includes('Dense (semantic) search is off'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('EMBEDDING_MODEL');
    const answer = await ask(index, 'what is focal loss');
    expect(answer.legs.dense).toBe(false);
    expect(answer.results[0]!.file).toBe('retinanet-focal-loss.md');
  });
});

describe('StudyIndex with the dense leg (real transformers.js + hnswlib-node on the fixture model)', () => {
  it('embeds every chunk, persists the vectors and fuses both legs', async () => {
    const data = tempDir();
    const { index, report } = await openSynced(NOTES, data, FIXTURE_MODEL);
    expect(index.embedder?.dims).toBe(32);
    expect(report.embedded).toBe(report.chunks);
    const answer = await ask(index, 'what is focal loss');
    expect(answer.legs.dense).toBe(true);
    expect(answer.results).toHaveLength(5);
    expect(manifestOf(data).manifest).toMatchObject({ model: FIXTURE_MODEL, dims: 32 });

    const reopened = await openSynced(NOTES, data, FIXTURE_MODEL);
    expect(reopened.report.embedded).toBe(0);
    expect(reopened.index.vectorIndex?.size).toBe(report.chunks);
  }, 60_000);

  it('re-embeds only the chunks of an edited note', async () => {
    const notes = copyNotes();
    const data = tempDir();
    await openSynced(notes, data, FIXTURE_MODEL);
    const file = path.join(notes, 'detr.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('在多项式时间内', '在多项式时间（polynomial time）内'));
    const { index, report } = await openSynced(notes, data, FIXTURE_MODEL);
    expect(report.embedded).toBeGreaterThanOrEqual(1);
    expect(report.embedded).toBe(report.added);
    expect(report.embedded).toBeLessThanOrEqual(3);
    expect(index.vectorIndex?.size).toBe(report.chunks);
  }, 60_000);

  it('keeps the vectors when the model is missing for a while, and reuses them when it is back', async () => {
    const data = tempDir();
    const { report: built } = await openSynced(NOTES, data, FIXTURE_MODEL);
    const offline = await openSynced(NOTES, data, '/no/such/model-folder');
    expect(offline.index.embedder).toBeNull();
    expect(manifestOf(data).manifest).toMatchObject({ model: FIXTURE_MODEL, dims: 32 });
    const back = await openSynced(NOTES, data, FIXTURE_MODEL);
    expect(back.report.embedded).toBe(0);
    expect(back.index.vectorIndex?.size).toBe(built.chunks);
  }, 60_000);

  it('re-embeds everything when the model changes, and recovers from a broken vector file', async () => {
    const data = tempDir();
    await openSynced(NOTES, data, FIXTURE_MODEL);
    writeFileSync(currentVectorFiles(data).index, 'garbage');
    const { report, logger } = await openSynced(NOTES, data, FIXTURE_MODEL);
    expect(logger.lines.some((l) => l.includes('vector index is damaged'))).toBe(true);
    expect(report.embedded).toBe(report.chunks);
  }, 60_000);
});
