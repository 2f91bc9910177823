/**
 * One measurement of `npm run bench`, run in its own Node process so memory
 * numbers start clean and one measurement cannot warm caches for the next:
 * `node --expose-gc dist/bench/task.js ARGS.json RESULT.json`.
 */
import { cpSync, readFileSync, rmSync, statSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { StudyIndex } from '../index/study-index.js';
import { IndexStore, storePaths, vectorFiles } from '../index/store.js';
import { ask } from '../search/ask.js';
import { loadEmbedder } from '../index/embedder.js';
import { HNSW_PARAMS, VectorIndex } from '../index/vectors.js';
import { createRng } from '../random.js';
import { cacheQueryVectors, instrument, phases, resetPhases, timeEmbedder } from './instrument.js';
import { dirBytes, progress, round3, settledMemory, summarize } from './stats.js';
import type {
  BuildArgs,
  BuildResult,
  HnswArgs,
  HnswResult,
  IncrementalArgs,
  IncrementalResult,
  LoadArgs,
  LoadResult,
  PseudoVectorsArgs,
  PseudoVectorsResult,
  TaskArgs,
} from './types.js';

const moduleLoadMs = performance.now();

async function build(a: BuildArgs): Promise<BuildResult> {
  rmSync(a.dataDir, { recursive: true, force: true });
  if (a.copyFrom) cpSync(a.copyFrom, a.dataDir, { recursive: true });
  instrument();
  let readingDoneAt: number | null = null;
  let lastReport = 0;
  const onProgress = (p: { phase: string; done: number; total: number }) => {
    const now = performance.now();
    if (p.phase === 'reading' && p.done === p.total) readingDoneAt = now;
    if (now - lastReport > 15_000 || (p.done === p.total && p.total > 2000)) {
      lastReport = now;
      progress(`  ${a.label}: ${p.phase} ${p.done}/${p.total}`);
    }
  };
  const t0 = performance.now();
  const index = await StudyIndex.open({ notesDir: a.notesDir, dataDir: a.dataDir, embeddingModel: a.model, onProgress });
  const openMs = performance.now() - t0;
  if (a.model && !index.embedder) throw new Error(`could not load the embedding model ${a.model}`);
  if (index.embedder) timeEmbedder(index.embedder);
  resetPhases();
  const t1 = performance.now();
  const report = await index.sync();
  const syncMs = performance.now() - t1;
  const mem = settledMemory();
  // Closing checkpoints SQLite's write-ahead log into the database file: size on disk is then final.
  index.close();
  return {
    label: a.label,
    model: a.model,
    files: report.files,
    chunks: report.chunks,
    skipped: report.skipped.length,
    openMs,
    syncMs,
    readMs: readingDoneAt === null ? 0 : readingDoneAt - t1,
    embedded: report.embedded,
    phases: { ...phases },
    rss: mem.rss,
    heapUsed: mem.heapUsed,
    diskBytes: dirBytes(a.dataDir, ['models']),
  };
}

/** Seeded unit vectors, `n` rows of `dims`, Gaussian directions. */
function randomUnitVectors(n: number, dims: number, seed: number): Float32Array {
  const r = createRng(seed);
  const out = new Float32Array(n * dims);
  for (let i = 0; i < n; i++) {
    let norm = 0;
    for (let d = 0; d < dims; d++) {
      const x = Math.sqrt(-2 * Math.log(r() + 1e-12)) * Math.cos(2 * Math.PI * r());
      out[i * dims + d] = x;
      norm += x * x;
    }
    norm = Math.sqrt(norm);
    for (let d = 0; d < dims; d++) out[i * dims + d]! /= norm;
  }
  return out;
}

/** A copy of a keyword-only index with seeded random vectors standing in for model embeddings. */
async function pseudoVectors(a: PseudoVectorsArgs): Promise<PseudoVectorsResult> {
  rmSync(a.dataDir, { recursive: true, force: true });
  cpSync(a.copyFrom, a.dataDir, { recursive: true });
  const paths = storePaths(a.dataDir);
  const store = IndexStore.open(paths);
  const ids = store.allChunkIds();
  const data = randomUnitVectors(ids.length, a.dims, a.seed);
  const t = performance.now();
  const vectors = VectorIndex.create(a.dims, ids.length + 16);
  ids.forEach((id, i) => {
    vectors.add(id, data.subarray(i * a.dims, (i + 1) * a.dims));
    if (i > 0 && i % 25_000 === 0) progress(`  ${a.label}: ${i}/${ids.length} vectors`);
  });
  const buildMs = performance.now() - t;
  const previous = store.readManifest()!;
  const generation = (previous.vectorsGeneration ?? 0) + 1;
  vectors.save(vectorFiles(paths, generation));
  store.writeManifest({ ...previous, model: a.model, dims: a.dims, vectorsGeneration: generation });
  store.close();
  return { label: a.label, chunks: ids.length, dims: a.dims, buildMs, diskBytes: dirBytes(a.dataDir, ['models']) };
}

async function load(a: LoadArgs): Promise<LoadResult> {
  const before = settledMemory();
  const t0 = performance.now();
  const index = await StudyIndex.open({ notesDir: a.notesDir, dataDir: a.dataDir, embeddingModel: a.model });
  const openMs = performance.now() - t0;
  const t1 = performance.now();
  const report = await index.sync();
  const syncMs = performance.now() - t1;
  if (report.added || report.removed || report.embedded || report.rebuilt) {
    throw new Error(
      `${a.label}: the persisted index was not loaded as is (sync added ${report.added}, removed ${report.removed}, embedded ${report.embedded})`,
    );
  }
  if (a.model && !index.vectorIndex) throw new Error(`${a.label}: no vector index after loading with ${a.model}`);
  const afterLoad = settledMemory();
  const texts = a.queries.map((q) => q.text);

  const t2 = performance.now();
  await ask(index, texts[0]!, { k: 5 });
  const firstAskMs = performance.now() - t2;

  // Warm-up: JIT and lazily built state, on the first questions only, so the timed
  // passes still see most questions (and their sections) for the first time.
  const time = async (fn: (q: string) => unknown | Promise<unknown>): Promise<number[]> => {
    for (const q of texts.slice(0, a.warmup)) await fn(q);
    const samples: number[] = [];
    for (let pass = 0; pass < a.passes; pass++) {
      for (const q of texts) {
        const t = performance.now();
        await fn(q);
        samples.push(performance.now() - t);
      }
    }
    return samples;
  };

  const keywordLeg = summarize(await time((q) => index.keywordIndex.query(index.analyzeQuery(q), 50)));
  let denseLeg = null;
  let queryEmbed = null;
  let askHybrid = null;
  let askHybridWithInference = null;
  let askKeywordOnly = null;
  let answered = 0;
  const countAnswered = async (q: string) => {
    if ((await ask(index, q, { k: 5 })).answered) answered++;
  };
  if (index.embedder && index.vectorIndex) {
    const embedder = index.embedder;
    const vectors = index.vectorIndex;
    const cache = new Map<string, Float32Array>();
    const embedTimes: number[] = [];
    for (const q of texts) {
      const t = performance.now();
      const [v] = await embedder.embed([q], 'query');
      embedTimes.push(performance.now() - t);
      cache.set(q, v!);
    }
    queryEmbed = summarize(embedTimes);
    denseLeg = summarize(await time((q) => vectors.search(cache.get(q)!, 50)));
    const restore = cacheQueryVectors(embedder, cache);
    askHybrid = summarize(await time((q) => ask(index, q, { k: 5 })));
    for (const q of texts) await countAnswered(q);
    restore();
    if (a.withInference) askHybridWithInference = summarize(await time((q) => ask(index, q, { k: 5 })));
  } else {
    askKeywordOnly = summarize(await time((q) => ask(index, q, { k: 5 })));
    for (const q of texts) await countAnswered(q);
  }
  const afterQueries = settledMemory();
  return {
    label: a.label,
    model: a.model,
    chunks: index.chunkCount,
    vocabulary: index.keywordIndex.documentFrequencies().size,
    moduleLoadMs,
    openMs,
    syncMs,
    readyMs: openMs + syncMs,
    rssBefore: before.rss,
    rssAfterLoad: afterLoad.rss,
    heapAfterLoad: afterLoad.heapUsed,
    externalAfterLoad: afterLoad.external,
    firstAskMs,
    rssAfterQueries: afterQueries.rss,
    keywordLeg,
    denseLeg,
    queryEmbed,
    askHybrid,
    askHybridWithInference,
    askKeywordOnly,
    answeredShare: round3(answered / texts.length),
  };
}

/** Exact top-k by inner product (vectors are unit length). */
function bruteForceTopK(data: Float32Array, n: number, dims: number, q: Float32Array, k: number): number[] {
  const best: Array<{ i: number; s: number }> = [];
  let floor = -Infinity;
  for (let i = 0; i < n; i++) {
    let s = 0;
    const off = i * dims;
    for (let d = 0; d < dims; d++) s += data[off + d]! * q[d]!;
    if (best.length < k || s > floor) {
      best.push({ i, s });
      best.sort((x, y) => y.s - x.s);
      if (best.length > k) best.pop();
      floor = best[best.length - 1]!.s;
    }
  }
  return best.map((b) => b.i);
}

type RawHnsw = { setEf(ef: number): void; searchKnn(q: number[], k: number): { neighbors: number[] } };

async function hnsw(a: HnswArgs): Promise<HnswResult> {
  const k = 10;
  let data: Float32Array;
  let n: number;
  let dims = a.dims;
  let vectors: VectorIndex;
  let queries: Float32Array[];
  let buildMs: number | null = null;
  let rssDelta: number | null = null;
  let bytesOnDisk: number | null = null;
  let indexOf: (id: string) => number;
  if (a.source === 'random') {
    n = a.n;
    data = randomUnitVectors(n, dims, a.seed);
    const queryData = randomUnitVectors(a.queries, dims, a.seed + 1);
    queries = Array.from({ length: a.queries }, (_, i) => queryData.subarray(i * dims, (i + 1) * dims));
    const before = settledMemory().rss;
    const t = performance.now();
    vectors = VectorIndex.create(dims, n + 16);
    for (let i = 0; i < n; i++) {
      vectors.add(String(i), data.subarray(i * dims, (i + 1) * dims));
      if (i > 0 && i % 20_000 === 0) progress(`  ${a.label}: ${i}/${n} inserted (${((performance.now() - t) / 1000).toFixed(0)} s)`);
    }
    buildMs = performance.now() - t;
    rssDelta = settledMemory().rss - before;
    const tmp = path.join(path.dirname(a.dataDir ?? 'bench/out/tmp/x'), `hnsw-${a.label}-${process.pid}`);
    mkdirSync(path.dirname(tmp), { recursive: true });
    vectors.save({ index: `${tmp}.hnsw`, labels: `${tmp}.labels.json` });
    bytesOnDisk = statSync(`${tmp}.hnsw`).size + statSync(`${tmp}.labels.json`).size;
    rmSync(`${tmp}.hnsw`, { force: true });
    rmSync(`${tmp}.labels.json`, { force: true });
    indexOf = (id) => Number(id);
  } else {
    const paths = storePaths(a.dataDir!);
    const store = IndexStore.open(paths);
    const manifest = store.readManifest();
    store.close();
    if (!manifest?.dims || !manifest.vectorsGeneration) throw new Error(`${a.dataDir} has no vectors`);
    dims = manifest.dims;
    const files = vectorFiles(paths, manifest.vectorsGeneration);
    vectors = VectorIndex.load(files, dims);
    bytesOnDisk = statSync(files.index).size + statSync(files.labels).size;
    const ids = vectors.ids();
    n = ids.length;
    data = new Float32Array(n * dims);
    const position = new Map<string, number>();
    ids.forEach((id, i) => {
      data.set(vectors.vector(id)!, i * dims);
      position.set(id, i);
    });
    indexOf = (id) => position.get(id) ?? -1;
    const embedder = await loadEmbedder(a.model!, { cacheDir: paths.models });
    queries = await embedder.embed(a.queryTexts!, 'query');
  }
  const truth: number[][] = [];
  const bruteTimes: number[] = [];
  for (const q of queries) {
    const t = performance.now();
    truth.push(bruteForceTopK(data, n, dims, q, k));
    bruteTimes.push(performance.now() - t);
  }
  const raw = (vectors as unknown as { hnsw: RawHnsw }).hnsw;
  const measure = (ef: number) => {
    raw.setEf(ef);
    let hit = 0;
    const times: number[] = [];
    queries.forEach((q, qi) => {
      const t = performance.now();
      const found = vectors.search(q, k).map((h) => indexOf(h.id));
      times.push(performance.now() - t);
      const want = new Set(truth[qi]);
      hit += found.filter((i) => want.has(i)).length;
    });
    return { recall: hit / (queries.length * k), times };
  };
  measure(HNSW_PARAMS.efSearch); // warm-up
  const shipped = measure(HNSW_PARAMS.efSearch);
  const sweep = a.efs.map((ef) => {
    const m = measure(ef);
    return { ef, recallAt10: round3(m.recall), medianMs: summarize(m.times).median };
  });
  raw.setEf(HNSW_PARAMS.efSearch);
  return {
    label: a.label,
    source: a.source,
    dims,
    n,
    queries: queries.length,
    buildMs,
    rssDelta,
    bytesOnDisk,
    recallAt10: round3(shipped.recall),
    searchMs: summarize(shipped.times),
    sweep,
    bruteForceMs: summarize(bruteTimes),
  };
}

/** Appends a paragraph and rewrites one section of a note; returns the new text. */
function editNote(text: string): string {
  const lines = text.split('\n');
  const heading = lines.findIndex((l) => /^## /.test(l));
  if (heading >= 0) {
    const body = lines.findIndex((l, i) => i > heading && l.trim() !== '' && !/^#/.test(l) && !/^(```|\$\$|\||- |\d+\.)/.test(l.trim()));
    if (body >= 0) lines[body] = `${lines[body]} 修改：这一段在增量索引基准中被改写（edited for the incremental re-index benchmark）。`;
  }
  lines.push('', '追加的一段：增量同步应当只重新读取这一个文件，只重新嵌入改动过的片段。An appended paragraph for the benchmark.', '');
  return lines.join('\n');
}

async function incremental(a: IncrementalArgs): Promise<IncrementalResult> {
  instrument();
  const file = path.join(a.notesDir, a.file);
  const original = readFileSync(file);
  const runs: IncrementalResult['runs'] = [];
  try {
    for (const spec of a.indexes) {
      rmSync(spec.copyTo, { recursive: true, force: true });
      cpSync(spec.dataDir, spec.copyTo, { recursive: true });
      const index = await StudyIndex.open({ notesDir: a.notesDir, dataDir: spec.copyTo, embeddingModel: spec.model });
      if (index.embedder) timeEmbedder(index.embedder);
      // The first sync may re-read the note restored by the previous pass (new mtime); the second is a true no-op.
      await index.sync();
      const t0 = performance.now();
      await index.sync();
      const noopSyncMs = performance.now() - t0;
      writeFileSync(file, editNote(original.toString('utf8')));
      resetPhases();
      const t1 = performance.now();
      const report = await index.sync();
      const editSyncMs = performance.now() - t1;
      index.close();
      runs.push({
        label: spec.label,
        model: spec.model,
        noopSyncMs,
        editSyncMs,
        added: report.added,
        removed: report.removed,
        embedded: report.embedded,
        phases: { ...phases },
        readMs: editSyncMs - phases.keywordAddMs - phases.keywordRemoveMs - phases.saveMs - phases.embedMs - phases.vectorAddMs,
      });
      writeFileSync(file, original);
    }
  } finally {
    writeFileSync(file, original);
  }
  return { label: a.label, file: a.file, runs };
}

async function main(): Promise<void> {
  const [argsFile, resultFile] = process.argv.slice(2);
  if (!argsFile || !resultFile) throw new Error('usage: task.js ARGS.json RESULT.json');
  const args = JSON.parse(readFileSync(argsFile, 'utf8')) as TaskArgs;
  let result: unknown;
  switch (args.task) {
    case 'build':
      result = await build(args);
      break;
    case 'pseudo-vectors':
      result = await pseudoVectors(args);
      break;
    case 'load':
      result = await load(args);
      break;
    case 'hnsw':
      result = await hnsw(args);
      break;
    case 'incremental':
      result = await incremental(args);
      break;
    default:
      throw new Error(`unknown task ${(args as { task: string }).task}`);
  }
  writeFileSync(resultFile, JSON.stringify(result, null, 2));
}

if (!existsSync(process.argv[2] ?? '')) {
  process.stderr.write('usage: node --expose-gc dist/bench/task.js ARGS.json RESULT.json\n');
  process.exitCode = 2;
} else {
  await main();
}
