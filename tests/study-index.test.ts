import { cpSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StudyIndex } from '../src/index/study-index.js';
import { storePaths } from '../src/index/store.js';
import { NotesDirError } from '../src/notes/load.js';
import { ask } from '../src/search/ask.js';
import type { Logger } from '../src/log.js';

const NOTES = path.resolve('notes');
const FIXTURE_MODEL = path.resolve('tests/fixtures/tiny-embedder');
const temps: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'studybot-index-'));
  temps.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(`info ${m}`), warn: (m) => lines.push(`warn ${m}`), error: (m) => lines.push(`error ${m}`) };
}

async function openSynced(notesDir: string, dataDir: string, embeddingModel: string | null = null, logger = recordingLogger()) {
  const index = await StudyIndex.open({ notesDir, dataDir, embeddingModel, logger });
  const report = await index.sync();
  return { index, report, logger };
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
    const manifest = JSON.parse(readFileSync(storePaths(data).manifest, 'utf8'));
    expect(manifest).toMatchObject({ schemaVersion: 1, model: null, dims: null, files: 10, chunks: first.report.chunks });
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
    ['manifest.json', '{ not json'],
    ['keyword.json', '{"minisearch": 1}'],
    ['notes.json', '[]'],
  ])('rebuilds with a message when %s is damaged, never crashing', async (name, junk) => {
    const data = tempDir();
    const { report: built } = await openSynced(NOTES, data);
    writeFileSync(path.join(data, name), junk);
    const { index, report, logger } = await openSynced(NOTES, data);
    expect(logger.lines.some((l) => /damaged|Rebuilding/.test(l))).toBe(true);
    expect(report.chunks).toBe(built.chunks);
    expect((await ask(index, 'what is focal loss')).results[0]!.file).toBe('retinanet-focal-loss.md');
  });

  it('rebuilds when the index was made from another notes folder', async () => {
    const data = tempDir();
    await openSynced(NOTES, data);
    const other = tempDir();
    writeFileSync(path.join(other, 'one.md'), '# One\n\nonly note');
    const { report, logger } = await openSynced(other, data);
    expect(report.files).toBe(1);
    expect(logger.lines.some((l) => l.includes('built from'))).toBe(true);
  });

  it('refuses a notes folder that does not exist with a clear error', async () => {
    const index = await StudyIndex.open({ notesDir: '/no/such/notes', dataDir: tempDir(), embeddingModel: null });
    await expect(index.sync()).rejects.toThrow(NotesDirError);
    await expect(index.sync()).rejects.toThrow(/Notes folder not found: \/no\/such\/notes/);
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
    const manifest = JSON.parse(readFileSync(storePaths(data).manifest, 'utf8'));
    expect(manifest).toMatchObject({ model: FIXTURE_MODEL, dims: 32 });

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
    expect(JSON.parse(readFileSync(storePaths(data).manifest, 'utf8'))).toMatchObject({ model: FIXTURE_MODEL, dims: 32 });
    const back = await openSynced(NOTES, data, FIXTURE_MODEL);
    expect(back.report.embedded).toBe(0);
    expect(back.index.vectorIndex?.size).toBe(built.chunks);
  }, 60_000);

  it('re-embeds everything when the model changes, and recovers from a broken vector file', async () => {
    const data = tempDir();
    await openSynced(NOTES, data, FIXTURE_MODEL);
    writeFileSync(storePaths(data).vectors, 'garbage');
    const { report, logger } = await openSynced(NOTES, data, FIXTURE_MODEL);
    expect(logger.lines.some((l) => l.includes('vector index is damaged'))).toBe(true);
    expect(report.embedded).toBe(report.chunks);
  }, 60_000);
});
