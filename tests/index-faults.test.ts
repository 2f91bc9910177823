/**
 * The index heals itself (issue #16, items 1–6 and 8; issue #17's remembered
 * model failure): every test runs the real index on real files — SQLite,
 * hnswlib-node, the fixture embedding model — and injects the fault where a
 * real disk or crash would put it.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ForeignDataDirError } from '../src/index/data-dir.js';
import { IndexDamagedError, IndexUnavailableError } from '../src/index/faults.js';
import { OtherNotesError } from '../src/index/open-store.js';
import { IndexStore, storePaths, vectorFiles } from '../src/index/store.js';
import { StudyIndex, type StudyIndexOptions } from '../src/index/study-index.js';
import { VectorIndex } from '../src/index/vectors.js';
import type { Logger } from '../src/log.js';
import { ask } from '../src/search/ask.js';
import { tempDir as newTempDir } from './support/temp-dir.js';

const NOTES = path.resolve('notes');
const FIXTURE_MODEL = path.resolve('tests/fixtures/tiny-embedder');
const CRASH_SYNC = path.resolve('tests/support/crash-sync.mjs');
const QUESTIONS = [
  'what is focal loss',
  'FPN 的侧向连接是什么',
  'what is RoI pooling',
  '什么是知识蒸馏',
  'DETR bipartite matching',
  'how do I bake bread',
];
const tempDir = () => newTempDir('studybot-faults-');

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(`info ${m}`), warn: (m) => lines.push(`warn ${m}`), error: (m) => lines.push(`error ${m}`) };
}

type Options = Partial<StudyIndexOptions> & { notesDir: string; dataDir: string };

async function openSynced(options: Options) {
  const logger = recordingLogger();
  const index = await StudyIndex.open({ embeddingModel: null, logger, ...options });
  const report = await index.sync();
  return { index, report, logger };
}

/** What a reader sees of the answers: file, section, lines, score and whether the notes cover it. */
async function answersOf(index: StudyIndex): Promise<string[]> {
  const out: string[] = [];
  for (const q of QUESTIONS) {
    const answer = await ask(index, q, { k: 5 });
    out.push(
      `${q} → ${answer.answered} ${answer.results.map((r) => `${r.file}:${r.startLine}-${r.endLine} ${r.headingPath.join('›')} ${r.score.toFixed(9)}`).join(' | ')}`,
    );
  }
  return out;
}

/** Answers of an index built from scratch, now, from `notesDir`. */
async function cleanAnswers(notesDir: string, embeddingModel: string | null = null): Promise<string[]> {
  const { index } = await openSynced({ notesDir, dataDir: tempDir(), embeddingModel });
  try {
    return await answersOf(index);
  } finally {
    index.close();
  }
}

function copyNotes(): string {
  const dir = tempDir();
  cpSync(NOTES, dir, { recursive: true });
  return dir;
}

/** Edits of every kind an incremental re-index handles: a section changed, a note removed, one added. */
function editNotes(notes: string): void {
  const detr = path.join(notes, 'detr.md');
  writeFileSync(detr, readFileSync(detr, 'utf8').replace('在多项式时间内', '在多项式时间（polynomial time）内'));
  rmSync(path.join(notes, 'fcn.md'));
  writeFileSync(path.join(notes, 'dropout.md'), '# Dropout\n\n## 原理\n\nDropout 在训练时随机丢弃神经元，是一种正则化方法，减轻过拟合。\n');
}

/** SQLite's variable-length integer at the start of `bytes` (big-endian, 7 bits a byte; small values here). */
function firstVarint(bytes: Buffer): number {
  let value = 0;
  for (const byte of bytes) {
    value = value * 128 + (byte & 0x7f);
    if (byte < 0x80) break;
  }
  return value;
}

function sha(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

describe('vector files are committed as one unit (#16.1)', () => {
  it('survives a crash at every file rename of an incremental re-index, before and after it: the next ask and index answer as a clean build', async () => {
    const notes = copyNotes();
    const base = tempDir();
    (await openSynced({ notesDir: notes, dataDir: base, embeddingModel: FIXTURE_MODEL })).index.close();
    editNotes(notes);
    const clean = await cleanAnswers(notes, FIXTURE_MODEL);

    const crashSync = (data: string, at: number, when: 'before' | 'after') =>
      spawnSync(process.execPath, [CRASH_SYNC, notes, data, FIXTURE_MODEL, String(at), when], { encoding: 'utf8', timeout: 60_000 });
    const counting = tempDir();
    cpSync(base, counting, { recursive: true });
    const counted = crashSync(counting, -1, 'before');
    expect(counted.stderr).toBe('');
    const { renames } = JSON.parse(counted.stdout) as { renames: number };
    // The .hnsw and the .labels.json of the new generation at least.
    expect(renames).toBeGreaterThanOrEqual(2);

    for (let at = 0; at < renames; at++) {
      for (const when of ['before', 'after'] as const) {
        const data = tempDir();
        cpSync(base, data, { recursive: true });
        const crashed = crashSync(data, at, when);
        expect(crashed.signal, `rename ${at}, ${when}`).toBe('SIGKILL');
        if (when === 'before')
          expect(
            readdirSync(data).some((f) => f.endsWith('.tmp')),
            `temp file left by a crash before rename ${at}`,
          ).toBe(true);

        const next = await openSynced({ notesDir: notes, dataDir: data, embeddingModel: FIXTURE_MODEL });
        expect(next.index.vectorIndex?.size).toBe(next.report.chunks);
        expect(await answersOf(next.index), `ask after a crash ${when} rename ${at}`).toEqual(clean);
        next.index.close();
        expect(readdirSync(data).filter((f) => f.endsWith('.tmp'))).toEqual([]);

        const again = await openSynced({ notesDir: notes, dataDir: data, embeddingModel: FIXTURE_MODEL });
        expect(again.report).toMatchObject({ added: 0, removed: 0, embedded: 0 });
        expect(await answersOf(again.index), `index after a crash ${when} rename ${at}`).toEqual(clean);
        again.index.close();
      }
    }
  }, 300_000);

  it('re-embeds, without crashing, when the vector files on disk do not belong together', async () => {
    const data = tempDir();
    (await openSynced({ notesDir: NOTES, dataDir: data, embeddingModel: FIXTURE_MODEL })).index.close();
    // The old failure: an .hnsw of another save beside these labels ("element is already deleted" later).
    const other = VectorIndex.create(32, 16);
    for (let i = 0; i < 5; i++)
      other.add(
        `x${i}`,
        Float32Array.from({ length: 32 }, (_, j) => (i === j ? 1 : 0)),
      );
    const elsewhere = tempDir();
    other.save({ index: path.join(elsewhere, 'v.hnsw'), labels: path.join(elsewhere, 'v.labels.json') });
    const store = IndexStore.open(storePaths(data));
    const generation = store.readManifest()!.vectorsGeneration!;
    store.close();
    cpSync(path.join(elsewhere, 'v.hnsw'), vectorFiles(storePaths(data), generation).index);

    const next = await openSynced({ notesDir: NOTES, dataDir: data, embeddingModel: FIXTURE_MODEL });
    expect(next.logger.lines.some((l) => l.startsWith('warn The vector index is damaged'))).toBe(true);
    expect(next.report.embedded).toBe(next.report.chunks);
    expect(await answersOf(next.index)).toEqual(await cleanAnswers(NOTES, FIXTURE_MODEL));
  }, 120_000);
});

describe('a damaged index.sqlite is rebuilt, and only it (#16.2)', () => {
  it('finds random bytes in its pages on open, rebuilds naming the full path, and never touches studybot.db', async () => {
    const data = tempDir();
    (await openSynced({ notesDir: NOTES, dataDir: data })).index.close();
    const botDb = path.join(data, 'studybot.db');
    new Database(botDb).exec("CREATE TABLE scores (user TEXT, points INTEGER); INSERT INTO scores VALUES ('ada', 42)").close();
    const botDbBefore = sha(botDb);

    const file = storePaths(data).database;
    const pageSize = 4096;
    const pages = Math.floor(statSync(file).size / pageSize);
    const fd = openSync(file, 'r+');
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % 256;
    };
    for (let page = 2; page < pages; page += 3)
      writeSync(fd, Buffer.from(Array.from({ length: 200 }, random)), 0, 200, page * pageSize + 8);
    closeSync(fd);

    const { index, logger } = await openSynced({ notesDir: NOTES, dataDir: data });
    expect(logger.lines.some((l) => l.startsWith('warn') && l.includes(`${file} is damaged`))).toBe(true);
    expect(await answersOf(index)).toEqual(await cleanAnswers(NOTES));
    expect(sha(botDb)).toBe(botDbBefore);
  }, 120_000);

  it('checks the pages again only when the file changed since they last passed, so a restart over a large index is quick', async () => {
    const data = tempDir();
    const paths = storePaths(data);
    (await openSynced({ notesDir: NOTES, dataDir: data })).index.close();
    const pagesCheckedOnOpen = () => {
      const store = IndexStore.open(paths);
      store.close();
      return store.pagesChecked;
    };
    expect(pagesCheckedOnOpen()).toBe(true); // the first sync wrote after its check
    // A restart checks the pages, then finds the notes unchanged and writes nothing...
    const restarted = await openSynced({ notesDir: NOTES, dataDir: data });
    expect([restarted.report.added, restarted.report.removed, restarted.report.rebuilt]).toEqual([0, 0, false]);
    restarted.index.close();
    // ...so the next one need not check them again.
    expect(pagesCheckedOnOpen()).toBe(false);

    const fd = openSync(paths.database, 'r+');
    writeSync(fd, Buffer.alloc(200, 0xa5), 0, 200, 3 * 4096 + 8);
    closeSync(fd);
    expect(() => IndexStore.open(paths)).toThrow(`${paths.database} is damaged`);
  }, 120_000);

  it('turns damage that only a query meets into IndexDamagedError naming the file; the next sync, in this or another process, rebuilds', async () => {
    const data = tempDir();
    const { index, logger } = await openSynced({ notesDir: NOTES, dataDir: data });
    // Valid pages, garbage FTS5 segments: quick_check passes, MATCH reports SQLITE_CORRUPT_VTAB.
    const db = new Database(storePaths(data).database);
    db.unsafeMode(true);
    db.exec('UPDATE keyword_fts_data SET block = randomblob(length(block)) WHERE id > 10');
    db.close();
    await expect(ask(index, 'what is focal loss')).rejects.toThrow(IndexDamagedError);
    await expect(ask(index, 'what is focal loss')).rejects.toThrow(`The index file ${storePaths(data).database} is damaged`);
    expect(logger.lines.filter((l) => l.startsWith('warn') && l.includes('is damaged'))).toHaveLength(1);

    // Another process opening the folder now rebuilds it, though quick_check finds nothing.
    const other = await openSynced({ notesDir: NOTES, dataDir: data });
    expect(other.report.rebuilt).toBe(true);
    expect(await answersOf(other.index)).toEqual(await cleanAnswers(NOTES));
    other.index.close();
    // And this one, at its next sync, reopens the rebuilt file.
    await index.sync();
    expect(await answersOf(index)).toEqual(await cleanAnswers(NOTES));
  }, 120_000);
});

describe('bm25 statistics stay exact as notes are edited (#16.3)', () => {
  it('answers as a fresh build after 30 rounds of edits that are then undone', async () => {
    const notes = copyNotes();
    const data = tempDir();
    const { index } = await openSynced({ notesDir: notes, dataDir: data });
    const originals = new Map(readdirSync(notes).map((f) => [f, readFileSync(path.join(notes, f), 'utf8')]));
    const files = [...originals.keys()];
    for (let round = 0; round < 30; round++) {
      const file = files[round % files.length]!;
      writeFileSync(
        path.join(notes, file),
        `${originals.get(file)!.replace(/。/g, `。第${round}轮 `)}\n## Round ${round}\n\nextra words ${round}\n`,
      );
      await index.sync();
    }
    for (const [file, text] of originals) writeFileSync(path.join(notes, file), text);
    await index.sync();
    const fts = new Database(storePaths(data).database, { readonly: true });
    // FTS5's own row count, the first varint of its averages record (id 1), is what bm25 divides by.
    const averages = fts.prepare<[], { block: Buffer }>('SELECT block FROM keyword_fts_data WHERE id = 1').get()!.block;
    fts.close();
    expect(firstVarint(averages)).toBe(index.chunkCount);
    expect(await answersOf(index)).toEqual(await cleanAnswers(notes));
  }, 120_000);
});

describe('a full or read-only disk keeps the index (#16.4)', () => {
  const fullDisk = (pages: number | 'current') => ({
    tuneDatabase(db: Database.Database) {
      const cap = pages === 'current' ? Number(db.pragma('page_count', { simple: true })) : pages;
      db.pragma(`max_page_count = ${cap}`);
    },
  });
  const readOnly = (code: string) => ({
    probeWrite() {
      throw Object.assign(new Error(`${code}: cannot write`), { code });
    },
  });

  it('says "the disk is full" when an update does not fit, keeps the index, and updates it once there is room', async () => {
    const notes = copyNotes();
    const data = tempDir();
    (await openSynced({ notesDir: notes, dataDir: data })).index.close();
    const before = await cleanAnswers(notes);
    writeFileSync(
      path.join(notes, 'long.md'),
      `# Long\n\n${Array.from({ length: 200 }, (_, i) => `## 第 ${i} 节\n\n卷积神经网络的特征图 feature map ${i} 很大。\n\n`).join('')}`,
    );
    const index = await StudyIndex.open({ notesDir: notes, dataDir: data, embeddingModel: null, disk: fullDisk('current') });
    await expect(index.sync()).rejects.toThrow(IndexUnavailableError);
    await expect(index.sync()).rejects.toThrow(/^The disk is full: could not update the index in .*The index there is kept/);
    expect(await answersOf(index)).toEqual(before);
    index.close();

    const roomy = await openSynced({ notesDir: notes, dataDir: data });
    expect(roomy.report).toMatchObject({ rebuilt: false, files: 11 });
    expect(roomy.logger.lines.filter((l) => l.includes('Rebuilding'))).toEqual([]);
  }, 120_000);

  it('removes a first build that did not fit, leaving no WAL to fill the disk', async () => {
    const data = tempDir();
    const index = await StudyIndex.open({ notesDir: NOTES, dataDir: data, embeddingModel: null, disk: fullDisk(40) });
    await expect(index.sync()).rejects.toThrow(/^The disk is full: could not build the index/);
    expect(readdirSync(data).filter((f) => f.startsWith('index.sqlite'))).toEqual([]);
  }, 120_000);

  it.each([
    ['EROFS', /^DATA_DIR is read-only/],
    ['EACCES', /^DATA_DIR is read-only/],
    ['ENOSPC', /^The disk is full/],
  ])(
    'answers from a current index when DATA_DIR cannot be written (%s), writing nothing; one clear message when the notes changed',
    async (code, message) => {
      const notes = copyNotes();
      const data = tempDir();
      (await openSynced({ notesDir: notes, dataDir: data })).index.close();
      const files = () =>
        readdirSync(data)
          .sort()
          .map((f) => `${f} ${statSync(path.join(data, f)).mtimeMs}`);
      const untouched = files();

      const { index } = await openSynced({ notesDir: notes, dataDir: data, disk: readOnly(code) });
      expect(index.readOnly).not.toBeNull();
      expect(await answersOf(index)).toEqual(await cleanAnswers(notes));
      index.close();
      expect(files()).toEqual(untouched);

      editNotes(notes);
      const stale = await StudyIndex.open({ notesDir: notes, dataDir: data, embeddingModel: null, disk: readOnly(code) });
      await expect(stale.sync()).rejects.toThrow(message);
      stale.close();
      expect(files()).toEqual(untouched);
    },
    120_000,
  );

  it('cannot build an index in a read-only DATA_DIR, and says so', async () => {
    const data = tempDir();
    await expect(StudyIndex.open({ notesDir: NOTES, dataDir: data, embeddingModel: null, disk: readOnly('EROFS') })).rejects.toThrow(
      /^DATA_DIR is read-only: could not build the index in /,
    );
  });
});

describe('only files StudyBot created are deleted (#16.5)', () => {
  it.each(['manifest.json', 'notes.json', 'keyword.json'])(
    "refuses a DATA_DIR holding someone else's %s, deleting nothing",
    async (name) => {
      const data = tempDir();
      const foreign = path.join(data, name);
      writeFileSync(foreign, JSON.stringify({ name: 'my-project', version: '1.0.0', files: 'mine' }));
      const open = StudyIndex.open({ notesDir: NOTES, dataDir: data, embeddingModel: null });
      await expect(open).rejects.toThrow(ForeignDataDirError);
      await expect(StudyIndex.open({ notesDir: NOTES, dataDir: data, embeddingModel: null })).rejects.toThrow(`${data} holds ${name}`);
      expect(readdirSync(data)).toEqual([name]);
      expect(JSON.parse(readFileSync(foreign, 'utf8'))).toMatchObject({ name: 'my-project' });
    },
  );

  it("refuses an index.sqlite that is not StudyBot's", async () => {
    const data = tempDir();
    new Database(path.join(data, 'index.sqlite')).exec('CREATE TABLE pages (url TEXT)').close();
    await expect(StudyIndex.open({ notesDir: NOTES, dataDir: data, embeddingModel: null })).rejects.toThrow(
      /holds index\.sqlite, but it is not a StudyBot index/,
    );
    expect(readdirSync(data)).toEqual(['index.sqlite']);
  });

  it('marks the folders it owns, and keeps using them (other files, like studybot.db, stay)', async () => {
    const data = tempDir();
    writeFileSync(path.join(data, 'studybot.db'), 'the bot database');
    writeFileSync(path.join(data, 'README.txt'), 'notes to self');
    (await openSynced({ notesDir: NOTES, dataDir: data })).index.close();
    expect(JSON.parse(readFileSync(path.join(data, '.studybot-index'), 'utf8'))).toMatchObject({ app: 'StudyBot', format: 1 });
    const again = await openSynced({ notesDir: NOTES, dataDir: data });
    expect(again.report.rebuilt).toBe(false);
    expect(readFileSync(path.join(data, 'studybot.db'), 'utf8')).toBe('the bot database');
    expect(readFileSync(path.join(data, 'README.txt'), 'utf8')).toBe('notes to self');
  }, 120_000);

  it('never destroys the index of one notes folder for a run pointed at another', async () => {
    const data = tempDir();
    const built = await openSynced({ notesDir: NOTES, dataDir: data });
    built.index.close();
    const other = tempDir();
    writeFileSync(path.join(other, 'one.md'), '# One\n\nonly note');
    await expect(StudyIndex.open({ notesDir: other, dataDir: data, embeddingModel: null })).rejects.toThrow(OtherNotesError);
    await expect(StudyIndex.open({ notesDir: other, dataDir: data, embeddingModel: null })).rejects.toThrow(
      `${data} holds the index of the notes in ${NOTES}, not ${other}`,
    );
    const kept = await openSynced({ notesDir: NOTES, dataDir: data });
    expect(kept.report).toMatchObject({ rebuilt: false, files: 10, chunks: built.report.chunks });
  }, 120_000);
});

describe('a pathological note cannot stall indexing (#16.6)', () => {
  it('skips notes nesting lists too deeply, naming them and the limit, and indexes the rest', async () => {
    const notes = copyNotes();
    // ~1 MB of list items each nested one level deeper: 30–70 s of parsing without the limit.
    const staircase = Array.from({ length: 1000 }, (_, d) => `${' '.repeat(2 * d)}- item ${d}`).join('\n');
    writeFileSync(path.join(notes, 'deep.md'), `# Deep\n\n${staircase}\n`);
    // 10 KB, 20 s without the limit.
    writeFileSync(path.join(notes, 'inline.md'), `# Inline\n\n${'- '.repeat(5000)}x\n`);
    const started = performance.now();
    const { index, report, logger } = await openSynced({ notesDir: notes, dataDir: tempDir() });
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(report.files).toBe(10);
    expect(report.skipped.map((s) => [s.file, s.reason])).toEqual([
      ['deep.md', expect.stringMatching(/^nests lists or quotes about 100\d levels deep; the limit is 64$/)],
      ['inline.md', 'nests lists or quotes about 5000 levels deep; the limit is 64'],
    ]);
    for (const file of ['deep.md', 'inline.md']) expect(logger.lines.some((l) => l.startsWith(`warn Skipping ${file}: nests`))).toBe(true);
    expect((await ask(index, 'what is focal loss')).results[0]!.file).toBe('retinanet-focal-loss.md');

    // Unchanged, they are not read as changes nor reported again.
    const warned = logger.lines.length;
    expect(await index.sync()).toMatchObject({ added: 0, removed: 0 });
    expect(logger.lines.length).toBe(warned);
  }, 120_000);

  it('skips a note over the size limit without reading it, and takes it in when the limit is raised', async () => {
    const notes = tempDir();
    writeFileSync(path.join(notes, 'small.md'), '# Small\n\n## Dropout\n\nDropout 随机丢弃神经元。\n');
    writeFileSync(
      path.join(notes, 'big.md'),
      `# Big\n\n${Array.from({ length: 4000 }, (_, i) => `第 ${i} 段：卷积层提取局部特征。`).join('\n\n')}\n`,
    );
    const data = tempDir();
    const limited = await openSynced({ notesDir: notes, dataDir: data, maxNoteBytes: 64 * 1024 });
    expect(limited.report.files).toBe(1);
    expect(limited.report.skipped).toEqual([
      expect.objectContaining({ file: 'big.md', reason: 'is 0.18 MB; the limit is 0.06 MB (MAX_NOTE_MB)' }),
    ]);
    expect(limited.logger.lines).toContain('warn Skipping big.md: is 0.18 MB; the limit is 0.06 MB (MAX_NOTE_MB).');
    limited.index.close();

    const raised = await openSynced({ notesDir: notes, dataDir: data });
    expect(raised.report).toMatchObject({ files: 2, skipped: [] });
  }, 120_000);
});

describe('changes made by another process are seen (#16.8)', () => {
  it('reloads before the next answer when another StudyIndex re-indexed the same DATA_DIR', async () => {
    const notes = copyNotes();
    const data = tempDir();
    const bot = (await openSynced({ notesDir: notes, dataDir: data, embeddingModel: FIXTURE_MODEL })).index;
    const cli = (await openSynced({ notesDir: notes, dataDir: data, embeddingModel: FIXTURE_MODEL })).index;
    expect(bot.reloadIfChanged()).toBe(false);

    writeFileSync(path.join(notes, 'zebra.md'), '# Zebra striping\n\n## 斑马条纹\n\nZebra striping 是把表格隔行着色的排版方法。\n');
    await cli.sync();
    const generation = bot.generation;
    const answer = await ask(bot, 'what is zebra striping');
    expect(answer.results[0]!.file).toBe('zebra.md');
    expect(answer.legs.dense).toBe(true);
    expect(bot.generation).toBe(generation + 1);
    expect(bot.noteList().map((n) => n.file)).toContain('zebra.md');
    expect(bot.vectorIndex?.size).toBe(bot.chunkCount);
    // Its own /reindex then has nothing left to do and reports the current counts.
    expect(await bot.sync()).toMatchObject({ files: 11, added: 0, removed: 0, embedded: 0 });

    // A rebuild from scratch replaces the file, which the old connection cannot see: reopened too.
    cli.close();
    rmSync(path.join(notes, 'zebra.md'));
    const rebuilt = await openSynced({ notesDir: notes, dataDir: data, embeddingModel: FIXTURE_MODEL, rebuild: true });
    expect(rebuilt.report.rebuilt).toBe(true);
    expect(bot.reloadIfChanged()).toBe(true);
    expect(bot.noteList().map((n) => n.file)).not.toContain('zebra.md');
    expect(await answersOf(bot)).toEqual(await answersOf(rebuilt.index));
  }, 120_000);
});

describe('a model that cannot load is remembered (#17)', () => {
  it('warns once with the fix; the next open neither tries nor warns, until retryModel or a day later', async () => {
    const data = tempDir();
    const model = '/no/such/model-folder';
    const first = await openSynced({ notesDir: NOTES, dataDir: data, embeddingModel: model });
    const warnings = first.logger.lines.filter((l) => l.includes('Dense (semantic) search is off'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('EMBEDDING_MODEL=none');
    expect(warnings[0]).toContain('local model folder');
    const failureFile = storePaths(data).modelFailure;
    const remembered = JSON.parse(readFileSync(failureFile, 'utf8')) as { model: string; at: string };
    expect(remembered.model).toBe(model);

    const second = await openSynced({ notesDir: NOTES, dataDir: data, embeddingModel: model });
    expect(second.logger.lines.filter((l) => l.includes('Dense'))).toEqual([]);
    expect(second.index.embedder).toBeNull();
    // Not tried: a try rewrites the time of the failure.
    expect(JSON.parse(readFileSync(failureFile, 'utf8'))).toEqual(remembered);

    const retried = await openSynced({ notesDir: NOTES, dataDir: data, embeddingModel: model, retryModel: true });
    expect(retried.logger.lines.filter((l) => l.includes('Dense (semantic) search is off'))).toHaveLength(1);

    writeFileSync(failureFile, JSON.stringify({ ...remembered, at: new Date(Date.now() - 25 * 3600_000).toISOString() }));
    const dayLater = await openSynced({ notesDir: NOTES, dataDir: data, embeddingModel: model });
    expect(dayLater.logger.lines.filter((l) => l.includes('Dense (semantic) search is off'))).toHaveLength(1);

    // A model that loads clears the memory; sync({ retryModel }) (/reindex) loads one that failed before.
    const loads = await openSynced({ notesDir: NOTES, dataDir: data, embeddingModel: FIXTURE_MODEL });
    expect(loads.index.embedder).not.toBeNull();
    expect(existsSync(failureFile)).toBe(false);
  }, 60_000);
});
