/**
 * `npm run bench`: speed, memory and scale of indexing and retrieval, measured
 * on notes/, the dl500 corpus and seeded synthetic vaults of ~1k/10k/100k
 * chunks. Each measurement runs in its own child process (dist/bench/task.js);
 * this orchestrator prints a Markdown report on stdout, progress on stderr,
 * and writes bench/out/results.json (+ results.md). See bench/README.md.
 */
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { storePaths } from '../index/store.js';
import { HNSW_PARAMS } from '../index/vectors.js';
import { runBurst, type BurstSummary } from './burst.js';
import { renderReport, type BenchResults, type CliTiming } from './report.js';
import { dirBytes, median, progress, round3 } from './stats.js';
import type { BuildResult, HnswResult, IncrementalResult, LoadArgs, LoadResult, PseudoVectorsResult, TaskArgs } from './types.js';
import { generateVault, makeQueries, readSources, type BenchQuery, type VaultInfo } from './vault.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
// Children run from a snapshot of dist/ taken at start, so a rebuild of dist/ during
// the run (other work in the same tree) cannot mix code versions or invalidate indexes.
let taskScript = path.join(here, 'task.js');
let cliScript = path.join(root, 'dist', 'cli', 'main.js');

const { values: opts } = parseArgs({
  options: {
    sizes: { type: 'string', default: process.env.BENCH_SIZES ?? '1k,10k,100k' },
    out: { type: 'string', default: path.join(root, 'bench', 'out') },
    serial: { type: 'boolean', default: false },
    full: { type: 'boolean', default: false },
    seed: { type: 'string', default: '20240601' },
    queries: { type: 'string', default: '100' },
    'skip-burst': { type: 'boolean', default: false },
  },
});

const SIZES: Record<string, number> = { '1k': 1_000, '10k': 10_000, '100k': 100_000 };
/** Above this many chunks the default run fills the fixture's vector index with seeded random vectors (see README). */
const PSEUDO_VECTORS_ABOVE = 50_000;
const FIXTURE_MODEL = path.join(root, 'tests', 'fixtures', 'tiny-embedder');
const RANDOM_DIMS = 384;
/** Queries timed at sizes above PSEUDO_VECTORS_ABOVE, where one question can take a second: an even spread of the set. */
const BIG_QUERIES = 40;
const EF_SWEEP = [HNSW_PARAMS.efSearch, 128, 200, 400];

const started = performance.now();
const outDir = path.resolve(opts.out!);
const dataRoot = path.join(outDir, 'data');
const taskDir = path.join(outDir, 'tasks');
const seed = Number(opts.seed);
const sizes = opts
  .sizes!.split(',')
  .map((s) => s.trim())
  .filter(Boolean);
for (const s of sizes) if (!SIZES[s]) throw new Error(`unknown size "${s}" (use ${Object.keys(SIZES).join(', ')})`);
const realModel = localRealModel(process.env.EMBEDDING_MODEL);
const realSizes = (process.env.BENCH_REAL_SIZES ?? 'notes,dl500,1k').split(',').map((s) => s.trim());
const caveats: string[] = [];

function localRealModel(value: string | undefined): string | null {
  if (!value || /^(none|off|false)$/i.test(value)) return null;
  const resolved = path.resolve(value);
  if (!existsSync(resolved)) {
    progress(`EMBEDDING_MODEL=${value} is not a local folder (no downloads here); only the fixture model is measured.`);
    return null;
  }
  if (resolved === FIXTURE_MODEL) return null;
  return resolved;
}

let taskCounter = 0;
/** Runs one measurement in a fresh `node --expose-gc` process and returns its JSON result. */
function runTask<T>(args: TaskArgs): Promise<T> {
  const id = `${String(++taskCounter).padStart(2, '0')}-${args.task}-${args.label}`.replace(/[^\w.-]+/g, '_');
  const argsFile = path.join(taskDir, `${id}.args.json`);
  const resultFile = path.join(taskDir, `${id}.result.json`);
  writeFileSync(argsFile, JSON.stringify(args));
  rmSync(resultFile, { force: true });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', taskScript, argsFile, resultFile], { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0 || !existsSync(resultFile)) reject(new Error(`bench task ${id} failed (exit ${code})`));
      else resolve(JSON.parse(readFileSync(resultFile, 'utf8')) as T);
    });
  });
}

/** Wall time of one `studybot ask` process, start to exit. */
function timeCli(notesDir: string, dataDir: string, model: string | null, question: string): Promise<number> {
  const database = storePaths(dataDir).database;
  const stamp = () => (existsSync(database) ? `${statSync(database).mtimeMs}:${statSync(database).size}` : '');
  const before = stamp();
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const child = spawn(process.execPath, [cliScript, 'ask', '--notes', notesDir, '--data', dataDir, question], {
      cwd: root,
      env: { ...process.env, EMBEDDING_MODEL: model ?? 'none' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - t;
      if (code !== 0) reject(new Error(`studybot ask exited ${code}: ${stderr.slice(0, 500)}`));
      else if (stamp() !== before)
        reject(new Error(`studybot ask re-indexed ${dataDir} instead of loading it (${stderr.trim().slice(0, 300)})`));
      else resolve(ms);
    });
  });
}

async function cliTimings(
  label: string,
  notesDir: string,
  dataDir: string,
  model: string | null,
  questions: string[],
  runs: number,
): Promise<CliTiming> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(await timeCli(notesDir, dataDir, model, questions[i % questions.length]!));
  progress(`  CLI ask ${label} (${model ? path.basename(model) : 'keyword only'}): median ${median(samples).toFixed(0)} ms of ${runs}`);
  return { runs: samples.map(round3), median: round3(median(samples)) };
}

async function main(): Promise<void> {
  mkdirSync(taskDir, { recursive: true });
  const codeDir = path.join(outDir, 'code');
  rmSync(codeDir, { recursive: true, force: true });
  cpSync(path.join(root, 'dist'), path.join(codeDir, 'dist'), { recursive: true });
  taskScript = path.join(codeDir, 'dist', 'bench', 'task.js');
  cliScript = path.join(codeDir, 'dist', 'cli', 'main.js');
  const git = gitInfo();
  const machine = {
    cores: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    totalMemBytes: os.totalmem(),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadavgStart: os.loadavg().map(round3),
    loadavgEnd: [] as number[],
  };
  progress(
    `code: ${git.commit}${git.dirty ? ` + ${git.dirty} uncommitted file(s) under src/` : ''} (dist/ snapshot in ${path.relative(root, codeDir)})`,
  );
  progress(
    `machine: ${machine.cores} cores, ${machine.cpuModel}, ${(machine.totalMemBytes / 2 ** 30).toFixed(1)} GB, Node ${machine.node}, load ${machine.loadavgStart.join(' ')}`,
  );
  if (machine.loadavgStart[0]! > machine.cores * 0.5) {
    caveats.push(
      `The machine was not idle when the run started (1-minute load average ${machine.loadavgStart[0]} on ${machine.cores} cores; the bench itself adds up to 2): other work inflates timings.`,
    );
  }

  // Corpora: notes/, dl500, synthetic vaults.
  const notesDir = path.join(root, 'notes');
  const dl500Dir = path.resolve(root, process.env.DL500_DIR ?? '../shared/corpora/dl500-questions');
  const corpora: BenchResults['corpora'] = [{ label: 'notes', dir: notesDir, kind: 'real' }];
  if (existsSync(dl500Dir)) corpora.push({ label: 'dl500', dir: dl500Dir, kind: 'real' });
  else {
    progress(`dl500 corpus not found at ${dl500Dir}: skipped (set DL500_DIR).`);
    caveats.push(`dl500 was skipped: not found at ${dl500Dir}.`);
  }
  const vaults: Record<string, VaultInfo> = {};
  for (const size of sizes) {
    progress(`vault ${size}: generating (seed ${seed}) …`);
    const info = generateVault({ sourceDir: notesDir, outDir: path.join(root, 'bench', 'vault', size), targetChunks: SIZES[size]!, seed });
    vaults[size] = info;
    corpora.push({ label: size, dir: info.dir, kind: 'synthetic' });
    progress(
      `vault ${size}: ${info.files} files, ${(info.bytes / 2 ** 20).toFixed(1)} MB ${info.reused ? '(reused)' : `in ${(info.ms / 1000).toFixed(1)} s`}`,
    );
  }
  const queries = makeQueries(readSources(notesDir), seed, Number(opts.queries));
  const queryTexts = queries.map((q) => q.text);
  const cliQuestions = [
    queries.find((q) => q.lang === 'en' && q.kind === 'definition')?.text ?? 'What is focal loss?',
    queries.find((q) => q.lang === 'zh' && q.kind === 'definition')?.text ?? '焦点损失的作用是什么',
  ];

  const dir = (label: string, kind: string) => path.join(dataRoot, label, kind);
  const builds: BenchResults['builds'] = {};
  const pseudo: Record<string, PseudoVectorsResult> = {};
  const hnsw: HnswResult[] = [];
  const isLarge = (label: string) => (SIZES[label] ?? 0) > PSEUDO_VECTORS_ABOVE && !opts.full;

  const buildCorpus = async (c: { label: string; dir: string }) => {
    progress(`build ${c.label}: keyword only …`);
    const keyword = await runTask<BuildResult>({
      task: 'build',
      label: `${c.label}-keyword`,
      notesDir: c.dir,
      dataDir: dir(c.label, 'keyword'),
      model: null,
    });
    progress(`build ${c.label}: ${keyword.files} files, ${keyword.chunks} chunks in ${(keyword.syncMs / 1000).toFixed(1)} s`);
    builds[c.label] = { keyword };
    if (isLarge(c.label)) {
      progress(`build ${c.label}: seeded random 32-d vectors in place of fixture embeddings …`);
      pseudo[c.label] = await runTask<PseudoVectorsResult>({
        task: 'pseudo-vectors',
        label: `${c.label}-pseudo`,
        copyFrom: dir(c.label, 'keyword'),
        dataDir: dir(c.label, 'fixture'),
        model: FIXTURE_MODEL,
        dims: 32,
        seed,
      });
    } else {
      progress(`build ${c.label}: embedding with the fixture model …`);
      builds[c.label]!.fixture = await runTask<BuildResult>({
        task: 'build',
        label: `${c.label}-fixture`,
        notesDir: c.dir,
        dataDir: dir(c.label, 'fixture'),
        model: FIXTURE_MODEL,
        copyFrom: dir(c.label, 'keyword'),
      });
    }
    if (realModel && realSizes.includes(c.label)) {
      progress(`build ${c.label}: embedding with ${realModel} …`);
      builds[c.label]!.real = await runTask<BuildResult>({
        task: 'build',
        label: `${c.label}-real`,
        notesDir: c.dir,
        dataDir: dir(c.label, 'real'),
        model: realModel,
        copyFrom: dir(c.label, 'keyword'),
      });
    }
  };
  const randomRecall = (n: number, label: string) =>
    runTask<HnswResult>({
      task: 'hnsw',
      label,
      source: 'random',
      dims: RANDOM_DIMS,
      n,
      seed,
      queries: 100,
      efs: EF_SWEEP,
      dataDir: path.join(outDir, 'tmp', 'x'),
    }).then((r) => {
      hnsw.push(r);
      progress(`hnsw ${label}: recall@10 ${r.recallAt10}, build ${((r.buildMs ?? 0) / 1000).toFixed(1)} s`);
    });

  // Phase 1: builds. The biggest vault builds in its own lane (the other core) unless --serial;
  // only build throughput is measured while both lanes run.
  const largest = corpora.filter((c) => c.kind === 'synthetic' && (SIZES[c.label] ?? 0) > PSEUDO_VECTORS_ABOVE);
  const small = corpora.filter((c) => !largest.includes(c));
  const recallSizes = sizes.filter((s) => SIZES[s]! >= 10_000);
  const phase1 = performance.now();
  if (opts.serial || largest.length === 0) {
    for (const c of corpora) await buildCorpus(c);
    for (const s of recallSizes) await randomRecall(SIZES[s]!, `random${RANDOM_DIMS}-${s}`);
  } else {
    caveats.push(
      `Phase 1 ran two lanes on the ${machine.cores} cores: the ${largest.map((c) => c.label).join(', ')} build ran while the other corpora were built and the random-vector HNSW indexes were built, so those build times are somewhat pessimistic (run with --serial for clean build numbers). Query latency, load, RSS, CLI and incremental numbers were measured afterwards with nothing else of the bench running.`,
    );
    const lane = (async () => {
      for (const c of largest) await buildCorpus(c);
    })();
    for (const c of small) await buildCorpus(c);
    for (const s of recallSizes) await randomRecall(SIZES[s]!, `random${RANDOM_DIMS}-${s}`);
    progress('waiting for the large build lane …');
    await lane;
  }
  const phase1Ms = performance.now() - phase1;

  // Phase 2: one measurement at a time.
  const loads: BenchResults['loads'] = {};
  const cli: BenchResults['cli'] = {};
  const latencyLabels = corpora.map((c) => c.label).filter((l) => SIZES[l]);
  for (const c of corpora) {
    const label = c.label;
    const withLatency = latencyLabels.includes(label);
    const big = (SIZES[label] ?? 0) > PSEUDO_VECTORS_ABOVE;
    const loadArgs = (kind: string, model: string | null): LoadArgs => ({
      task: 'load',
      label: `${label}-${kind}`,
      notesDir: c.dir,
      dataDir: dir(label, kind),
      model,
      queries: !withLatency ? queries.slice(0, 10) : big ? spread(queries, BIG_QUERIES) : queries,
      passes: big ? 1 : 2,
      warmup: big ? 5 : 20,
      withInference: kind === 'real',
    });
    progress(`load ${label}: keyword-only index …`);
    loads[label] = { keyword: await runTask<LoadResult>(loadArgs('keyword', null)) };
    progress(`load ${label}: fixture index …`);
    loads[label]!.fixture = await runTask<LoadResult>(loadArgs('fixture', FIXTURE_MODEL));
    if (realModel && existsSync(dir(label, 'real'))) {
      progress(`load ${label}: ${path.basename(realModel)} index …`);
      loads[label]!.real = await runTask<LoadResult>(loadArgs('real', realModel));
    }
    if (withLatency) {
      const runs = big ? 1 : 3;
      cli[label] = {
        keyword: await cliTimings(label, c.dir, dir(label, 'keyword'), null, cliQuestions, runs),
        fixture: await cliTimings(label, c.dir, dir(label, 'fixture'), FIXTURE_MODEL, cliQuestions, runs),
      };
      if (realModel && existsSync(dir(label, 'real')))
        cli[label]!.real = await cliTimings(label, c.dir, dir(label, 'real'), realModel, cliQuestions, runs);
    }
  }
  for (const s of recallSizes) {
    progress(`hnsw ${s}: recall of the persisted fixture-model index …`);
    const r = await runTask<HnswResult>({
      task: 'hnsw',
      label: `${pseudo[s] ? 'pseudo32' : 'fixture'}-${s}`,
      source: 'index',
      dims: 0,
      n: 0,
      seed,
      queries: queryTexts.length,
      dataDir: dir(s, 'fixture'),
      model: FIXTURE_MODEL,
      queryTexts,
      efs: EF_SWEEP,
    });
    hnsw.push(r);
    progress(`hnsw ${r.label}: recall@10 ${r.recallAt10}`);
  }

  let incremental: IncrementalResult | null = null;
  const editSize = sizes.includes('10k') ? '10k' : sizes[0];
  if (editSize && vaults[editSize]) {
    progress(`incremental: one edited note in the ${editSize} vault …`);
    const file = firstNote(vaults[editSize]!.dir);
    incremental = await runTask<IncrementalResult>({
      task: 'incremental',
      label: editSize,
      notesDir: vaults[editSize]!.dir,
      file,
      indexes: [
        { label: 'keyword only', dataDir: dir(editSize, 'keyword'), copyTo: dir(editSize, 'edit-keyword'), model: null },
        { label: 'fixture model', dataDir: dir(editSize, 'fixture'), copyTo: dir(editSize, 'edit-fixture'), model: FIXTURE_MODEL },
      ],
    });
    progress(`incremental: done (${incremental.runs.map((r) => `${r.label} ${r.editSyncMs.toFixed(0)} ms`).join(', ')})`);
  }

  // The burst runs the bot itself, so it comes last and alone: nothing else competes for the two cores.
  const burst: BurstSummary[] = [];
  if (!opts['skip-burst'] && existsSync(dl500Dir)) {
    for (const askWorkers of ['', '0']) {
      progress(`burst: 180 /ask against the bot, ASK_WORKERS=${askWorkers || 'default'} …`);
      const summary = await runBurst(root, outDir, askWorkers, dl500Dir);
      if (summary) burst.push(summary);
    }
  }

  for (const [label, p] of Object.entries(pseudo)) {
    caveats.push(
      `At ${label} the fixture-model index holds seeded random 32-d unit vectors, not fixture embeddings (${p.chunks} chunks; HNSW build ${(p.buildMs / 1000).toFixed(1)} s): embedding them with the fixture would take about ${estimateEmbedSeconds(builds, p.chunks)} s on its own and does not fit the 10-minute run. Dense-leg and hybrid latency, load and RSS at ${label} use these vectors; the fixture's embedding throughput at ${label} is extrapolated from the largest measured size. \`npm run bench -- --full\` embeds them for real.`,
    );
  }
  const vocab = (label: string) => loads[label]?.keyword.vocabulary ?? null;
  const synthetic = sizes.find((s) => vocab(s) !== null);
  if (synthetic && vocab('dl500') !== null) {
    caveats.push(
      `The synthetic vaults recombine 10 real notes, so their vocabulary is small for their size (${synthetic}: ${vocab(synthetic)} distinct terms in ${loads[synthetic]!.keyword.chunks} chunks; dl500: ${vocab('dl500')} in ${loads.dl500!.keyword.chunks}): query terms match more chunks than in a real vault of the same size, which makes keyword-leg latency pessimistic.`,
    );
  }
  machine.loadavgEnd = os.loadavg().map(round3);
  const results: BenchResults = {
    startedAt: new Date(Date.now() - (performance.now() - started)).toISOString(),
    totalMs: performance.now() - started,
    phase1Ms,
    options: { sizes, serial: opts.serial!, full: opts.full!, seed, queries: queries.length },
    code: git,
    machine,
    models: { fixture: FIXTURE_MODEL, real: realModel },
    hnswParams: HNSW_PARAMS,
    queries: summarizeQueries(queries),
    corpora: corpora.map((c) => ({ ...c, bytes: vaults[c.label]?.bytes ?? dirBytes(c.dir), vault: vaults[c.label] })),
    builds,
    pseudo,
    loads,
    cli,
    hnsw,
    incremental,
    burst,
    caveats,
  };
  const report = renderReport(results);
  writeFileSync(path.join(outDir, 'results.json'), JSON.stringify({ ...results, targets: report.targets }, null, 2));
  writeFileSync(path.join(outDir, 'results.md'), report.markdown);
  process.stdout.write(report.markdown);
  progress(
    `done in ${(results.totalMs / 60000).toFixed(1)} min; results in ${path.relative(process.cwd(), outDir) || outDir}/results.json`,
  );
}

function gitInfo(): { commit: string; dirty: number } {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], { cwd: root, encoding: 'utf8' })
      .split('\n')
      .filter(Boolean).length;
    return { commit, dirty };
  } catch {
    return { commit: 'unknown', dirty: 0 };
  }
}

function estimateEmbedSeconds(builds: BenchResults['builds'], chunks: number): string {
  const measured = Object.values(builds)
    .map((b) => b.fixture)
    .filter((b): b is BuildResult => Boolean(b && b.embedded > 0));
  const largest = measured.sort((a, b) => b.embedded - a.embedded)[0];
  if (!largest) return '?';
  return (((largest.syncMs / largest.embedded) * chunks) / 1000).toFixed(0);
}

function firstNote(vaultDir: string): string {
  const folder = path.join(vaultDir, 't000');
  const names = existsSync(folder)
    ? readdirSync(folder)
        .filter((n) => n.endsWith('.md'))
        .sort()
    : [];
  if (!names[0]) throw new Error(`no note in ${folder}`);
  return `t000/${names[0]}`;
}

function spread<T>(items: T[], n: number): T[] {
  if (items.length <= n) return items;
  return Array.from({ length: n }, (_, i) => items[Math.floor((i * items.length) / n)]!);
}

function summarizeQueries(queries: BenchQuery[]): BenchResults['queries'] {
  const count = (key: 'lang' | 'kind') =>
    queries.reduce<Record<string, number>>((acc, q) => {
      acc[q[key]] = (acc[q[key]] ?? 0) + 1;
      return acc;
    }, {});
  return { count: queries.length, byLang: count('lang'), byKind: count('kind'), sample: queries.slice(0, 12).map((q) => q.text) };
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
