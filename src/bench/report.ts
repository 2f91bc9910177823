import path from 'node:path';
import type { BurstSummary } from './burst.js';
import type { VaultInfo } from './vault.js';
import { fmtBytes, fmtMs, fmtRate, MB, type Latency } from './stats.js';
import type { BuildResult, HnswResult, IncrementalResult, LoadResult, PseudoVectorsResult } from './types.js';

export interface CliTiming {
  runs: number[];
  median: number;
}

export interface BenchResults {
  startedAt: string;
  totalMs: number;
  phase1Ms: number;
  options: { sizes: string[]; serial: boolean; full: boolean; seed: number; queries: number };
  code: { commit: string; dirty: number };
  machine: {
    cores: number;
    cpuModel: string;
    totalMemBytes: number;
    node: string;
    platform: string;
    loadavgStart: number[];
    loadavgEnd: number[];
  };
  models: { fixture: string; real: string | null };
  hnswParams: { m: number; efConstruction: number; efSearch: number };
  queries: { count: number; byLang: Record<string, number>; byKind: Record<string, number>; sample: string[] };
  corpora: Array<{ label: string; dir: string; kind: 'real' | 'synthetic'; bytes?: number; vault?: VaultInfo }>;
  builds: Record<string, { keyword: BuildResult; fixture?: BuildResult; real?: BuildResult }>;
  pseudo: Record<string, PseudoVectorsResult>;
  loads: Record<string, { keyword: LoadResult; fixture?: LoadResult; real?: LoadResult }>;
  cli: Record<string, { keyword: CliTiming; fixture: CliTiming; real?: CliTiming }>;
  hnsw: HnswResult[];
  incremental: IncrementalResult | null;
  /** The load burst against the bot: with retrieval threads (first) and on the main thread. */
  burst: BurstSummary[];
  caveats: string[];
}

export interface TargetRow {
  name: string;
  measured: number | null;
  unit: 'ms' | 'bytes' | 'ratio';
  limit: number;
  /** 'max': measured must be ≤ limit; 'min': ≥ limit. */
  kind: 'max' | 'min';
  met: boolean | null;
  note: string;
}

const lat = (l: Latency | null | undefined) => (l ? `${fmtMs(l.median)} / ${fmtMs(l.p95)} / ${fmtMs(l.p99)}` : '–');
const table = (head: string[], rows: string[][]) =>
  [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

export function computeTargets(r: BenchResults): TargetRow[] {
  const rows: TargetRow[] = [];
  const add = (
    name: string,
    measured: number | null | undefined,
    unit: TargetRow['unit'],
    limit: number,
    kind: TargetRow['kind'],
    note = '',
  ) => {
    const m = measured ?? null;
    rows.push({ name, measured: m, unit, limit, kind, met: m === null ? null : kind === 'max' ? m <= limit : m >= limit, note });
  };
  const pseudoNote = (label: string) => (r.pseudo[label] ? 'random 32-d vectors stand in for fixture embeddings' : '');
  add('Hybrid retrieval p95 at 10k (ask, query vector precomputed)', r.loads['10k']?.fixture?.askHybrid?.p95, 'ms', 20, 'max');
  add(
    'Hybrid retrieval p95 at 100k (ask, query vector precomputed)',
    r.loads['100k']?.fixture?.askHybrid?.p95,
    'ms',
    60,
    'max',
    pseudoNote('100k'),
  );
  const cli10 = r.cli['10k'];
  add(
    'Whole-process `studybot ask`, persisted 10k index (fixture model)',
    cli10?.fixture.median,
    'ms',
    1500,
    'max',
    cli10 ? `keyword only: ${fmtMs(cli10.keyword.median)}` : '',
  );
  for (const label of ['10k', '100k']) {
    const l = r.loads[label];
    if (!l) continue;
    add(
      `Bot ready (open + no-op sync) at ${label}, fixture model`,
      l.fixture?.readyMs,
      'ms',
      3000,
      'max',
      `keyword only: ${fmtMs(l.keyword.readyMs)}`,
    );
  }
  const l100 = r.loads['100k'];
  add(
    'RSS after loading the 100k index (fixture model)',
    l100?.fixture?.rssAfterLoad,
    'bytes',
    1.5 * 1024 * MB,
    'max',
    l100 ? `keyword only: ${fmtBytes(l100.keyword.rssAfterLoad)}; ${pseudoNote('100k')}` : '',
  );
  for (const h of r.hnsw) add(`HNSW recall@10, ${describeHnsw(h)}`, h.recallAt10, 'ratio', 0.98, 'min');
  const inc = r.incremental;
  if (inc) {
    const kw = inc.runs.find((x) => x.model === null);
    const fx = inc.runs.find((x) => x.model !== null);
    add(`Re-index one edited note, ${inc.label} vault, keyword only`, kw?.editSyncMs, 'ms', 2000, 'max');
    add(
      `Re-index one edited note, ${inc.label} vault, fixture model, minus embedding`,
      fx ? fx.editSyncMs - fx.phases.embedMs : null,
      'ms',
      2000,
      'max',
      fx ? `embedding ${fmtMs(fx.phases.embedMs)} for ${fx.embedded} chunks` : '',
    );
  }
  const burst = r.burst.find((b) => b.askWorkers === 'default');
  if (burst) {
    const where = `${burst.questions} /ask at ${burst.sections.before ?? '?'} sections, /reindex adding ${(burst.sections.after ?? 0) - (burst.sections.before ?? 0)}`;
    add(`Burst: /ask acknowledged within 3 s (${where})`, burst.ackedWithin3s, 'ratio', 1, 'min');
    add('Burst: /ask answered', burst.answered, 'ratio', 1, 'min');
    add(
      'Burst: acknowledgement p95',
      burst.ack.p95,
      'ms',
      500,
      'max',
      `answer median ${fmtMs(burst.answer.median)}, p95 ${fmtMs(burst.answer.p95)}`,
    );
  }
  return rows;
}

function describeHnsw(h: HnswResult): string {
  const what =
    h.source === 'random'
      ? `random ${h.dims}-d`
      : h.label.startsWith('pseudo')
        ? `random ${h.dims}-d (persisted index)`
        : `fixture-embedded ${h.dims}-d`;
  return `${what}, ${fmtCount(h.n)} vectors`;
}

function fmtCount(n: number): string {
  return n >= 10_000 ? `${Math.round(n / 1000)}k` : n.toLocaleString('en-US');
}

function fmtTarget(t: TargetRow, v: number | null): string {
  if (v === null) return '–';
  return t.unit === 'ms' ? fmtMs(v) : t.unit === 'bytes' ? fmtBytes(v) : v.toFixed(3);
}

export function renderReport(r: BenchResults): { markdown: string; targets: TargetRow[] } {
  const out: string[] = [];
  const m = r.machine;
  const chunksOf = (label: string) => r.builds[label]?.keyword.chunks;
  out.push(`# StudyBot bench — ${r.startedAt}`, '');
  out.push(
    table(
      ['cores', 'CPU', 'memory', 'Node', 'load avg start → end', 'total run'],
      [
        [
          String(m.cores),
          m.cpuModel,
          fmtBytes(m.totalMemBytes),
          m.node,
          `${m.loadavgStart[0]} → ${m.loadavgEnd[0]}`,
          `${(r.totalMs / 60000).toFixed(1)} min`,
        ],
      ],
    ),
    '',
  );
  out.push(
    `HNSW_PARAMS: M ${r.hnswParams.m}, efConstruction ${r.hnswParams.efConstruction}, efSearch ${r.hnswParams.efSearch}. ` +
      `Queries: ${r.queries.count} (${Object.entries(r.queries.byLang)
        .map(([k, v]) => `${v} ${k}`)
        .join(', ')}), from note headings and terms. ` +
      `Fixture model: ${path.basename(r.models.fixture)} (random 32-d BERT, no semantics)${r.models.real ? `; real model: ${r.models.real}` : '; no real model (EMBEDDING_MODEL is not a local folder)'}.`,
    '',
  );

  out.push('## Corpora', '');
  out.push(
    table(
      ['corpus', 'files', 'size', 'chunks', 'distinct terms', 'vault'],
      r.corpora.map((c) => {
        const b = r.builds[c.label]?.keyword;
        return [
          c.label,
          String(b?.files ?? c.vault?.files ?? '–'),
          fmtBytes(c.vault?.bytes ?? c.bytes),
          String(b?.chunks ?? '–'),
          String(r.loads[c.label]?.keyword.vocabulary ?? '–'),
          c.vault ? `seeded, ${c.vault.reused ? 'reused' : `generated in ${fmtMs(c.vault.ms)}`}` : c.kind,
        ];
      }),
    ),
    '',
  );

  out.push('## Ingest: parse + chunk + keyword index (embeddingModel: null, from scratch)', '');
  out.push(
    table(
      ['corpus', 'files', 'chunks', 'sync', 'files/s', 'chunks/s', 'read+parse+chunk', 'BM25 add', 'save', 'on disk', 'RSS after'],
      r.corpora
        .filter((c) => r.builds[c.label])
        .map((c) => {
          const b = r.builds[c.label]!.keyword;
          return [
            c.label,
            String(b.files),
            String(b.chunks),
            fmtMs(b.syncMs),
            fmtRate(b.files / (b.syncMs / 1000)),
            fmtRate(b.chunks / (b.syncMs / 1000)),
            fmtMs(b.readMs),
            fmtMs(b.phases.keywordAddMs),
            fmtMs(b.phases.saveMs),
            fmtBytes(b.diskBytes),
            fmtBytes(b.rss),
          ];
        }),
    ),
    '',
  );

  out.push('## Embedding: sync of a keyword-only index with a model (embed + HNSW insert + save)', '');
  const embedRows: string[][] = [];
  for (const c of r.corpora) {
    const b = r.builds[c.label];
    for (const [kind, e] of [
      ['fixture', b?.fixture],
      ['real', b?.real],
    ] as const) {
      if (!e) continue;
      embedRows.push([
        c.label,
        kind === 'fixture' ? 'fixture (32-d)' : path.basename(e.model ?? ''),
        String(e.embedded),
        fmtMs(e.openMs),
        fmtMs(e.syncMs),
        fmtMs(e.phases.embedMs),
        fmtRate(e.embedded / (e.phases.embedMs / 1000)),
        fmtMs(e.phases.vectorAddMs),
        fmtMs(e.phases.saveMs),
        fmtRate(e.embedded / (e.syncMs / 1000)),
      ]);
    }
    const p = r.pseudo[c.label];
    if (p) {
      const measured = Object.values(r.builds)
        .map((x) => x.fixture)
        .filter((x): x is BuildResult => Boolean(x?.embedded))
        .sort((a, z) => z.embedded - a.embedded)[0];
      const perChunk = measured ? measured.phases.embedMs / measured.embedded : NaN;
      embedRows.push([
        c.label,
        '**fixture: EXTRAPOLATED** inference; random 32-d vectors indexed',
        String(p.chunks),
        '–',
        '–',
        `~${fmtMs(perChunk * p.chunks)} (est.)`,
        measured ? `~${fmtRate(1000 / perChunk)} (from ${measured.label})` : '–',
        fmtMs(p.buildMs),
        '–',
        '–',
      ]);
    }
  }
  out.push(
    table(
      ['corpus', 'model', 'chunks', 'model load', 'sync', 'inference', 'inference chunks/s', 'HNSW insert', 'save', 'end-to-end chunks/s'],
      embedRows,
    ),
    '',
  );

  out.push('## Load, ready and memory (fresh process per row; persisted index)', '');
  const loadRows: string[][] = [];
  for (const c of r.corpora) {
    const l = r.loads[c.label];
    if (!l) continue;
    for (const [kind, x] of [
      ['keyword only', l.keyword],
      ['fixture', l.fixture],
      ['real', l.real],
    ] as const) {
      if (!x) continue;
      const cliKind = kind === 'keyword only' ? 'keyword' : kind;
      const cliT = r.cli[c.label]?.[cliKind as 'keyword' | 'fixture' | 'real'];
      loadRows.push([
        c.label,
        kind,
        fmtMs(x.openMs),
        fmtMs(x.syncMs),
        fmtMs(x.readyMs),
        fmtBytes(x.rssAfterLoad),
        fmtBytes(x.heapAfterLoad),
        fmtMs(x.firstAskMs),
        cliT ? `${fmtMs(cliT.median)}${cliT.runs.length > 1 ? ` (median of ${cliT.runs.length})` : ' (1 run)'}` : '–',
      ]);
    }
  }
  out.push(
    table(
      [
        'corpus',
        'index',
        'open',
        'no-op sync',
        'ready (open+sync)',
        'RSS after load',
        'heap',
        'first ask (cold)',
        '`studybot ask` process',
      ],
      loadRows,
    ),
    '',
  );

  out.push('## Query latency, in-process after warm-up (median / p95 / p99)', '');
  out.push(
    table(
      [
        'size',
        'chunks',
        'samples',
        'keyword leg',
        'dense leg (k=50)',
        'hybrid ask (no inference)',
        'keyword-only ask',
        'fixture query embedding',
        'answered',
      ],
      Object.keys(r.loads)
        .filter((l) => r.corpora.find((c) => c.label === l)?.kind === 'synthetic')
        .map((label) => {
          const l = r.loads[label]!;
          const f = l.fixture;
          const timed = f?.keywordLeg ?? l.keyword.keywordLeg;
          return [
            label + (r.pseudo[label] ? ' †' : ''),
            String(chunksOf(label) ?? l.keyword.chunks),
            `${timed.n} timed`,
            lat(f?.keywordLeg ?? l.keyword.keywordLeg),
            lat(f?.denseLeg),
            lat(f?.askHybrid),
            lat(l.keyword.askKeywordOnly),
            lat(f?.queryEmbed),
            `${Math.round((f?.answeredShare ?? l.keyword.answeredShare) * 100)}%`,
          ];
        }),
    ),
    '',
  );
  if (Object.keys(r.pseudo).length) out.push('† dense leg over seeded random 32-d vectors (see caveats).', '');
  const realLoads = Object.entries(r.loads).filter(([, l]) => l.real);
  if (realLoads.length) {
    out.push(
      table(
        ['size', 'real model: query embedding', 'dense leg', 'hybrid ask (no inference)', 'hybrid ask incl. inference'],
        realLoads.map(([label, l]) => [
          label,
          lat(l.real!.queryEmbed),
          lat(l.real!.denseLeg),
          lat(l.real!.askHybrid),
          lat(l.real!.askHybridWithInference),
        ]),
      ),
      '',
    );
  }

  out.push(
    `## HNSW quality (M ${r.hnswParams.m}, efConstruction ${r.hnswParams.efConstruction}, efSearch ${r.hnswParams.efSearch}; exact = brute-force dot product)`,
    '',
  );
  out.push(
    table(
      [
        'vectors',
        'n',
        'dims',
        'build',
        'index size',
        'recall@10',
        'efSearch sweep: recall (median ms)',
        'search median',
        'exact search median',
      ],
      r.hnsw.map((h) => [
        describeHnsw(h).split(',')[0]!,
        fmtCount(h.n),
        String(h.dims),
        h.buildMs === null ? buildOfIndex(r, h) : fmtMs(h.buildMs),
        fmtBytes(h.bytesOnDisk),
        h.recallAt10.toFixed(3),
        h.sweep.map((s) => `${s.ef}: ${s.recallAt10.toFixed(3)} (${s.medianMs.toFixed(2)})`).join('; '),
        fmtMs(h.searchMs.median),
        fmtMs(h.bruteForceMs.median),
      ]),
    ),
    '',
  );

  if (r.incremental) {
    const inc = r.incremental;
    out.push(`## Incremental: one note edited (a section changed + a paragraph appended) in the ${inc.label} vault`, '');
    out.push(
      table(
        [
          'index',
          'no-op sync',
          'sync after edit',
          'chunks added / removed',
          'embedded',
          'BM25 add+remove',
          'embedding',
          'HNSW',
          'save (all files)',
          'scan+read+other',
        ],
        inc.runs.map((x) => [
          x.label,
          fmtMs(x.noopSyncMs),
          fmtMs(x.editSyncMs),
          `${x.added} / ${x.removed}`,
          String(x.embedded),
          fmtMs(x.phases.keywordAddMs + x.phases.keywordRemoveMs),
          fmtMs(x.phases.embedMs),
          fmtMs(x.phases.vectorAddMs),
          fmtMs(x.phases.saveMs),
          fmtMs(x.readMs),
        ]),
      ),
      '',
    );
  }

  if (r.burst.length) {
    out.push('## Burst: the bot under a wave of questions (keyword leg; tests/bot-burst-e2e.test.ts with BURST_FULL=1)', '');
    out.push(
      '150 simultaneous /ask, 10 more over the next 3 s, then 20 more while /reindex adds notes; times are from sending to the fake Discord receiving the request.',
      '',
    );
    out.push(
      table(
        [
          'answered by',
          'sections before → after',
          'acked ≤ 3 s',
          'answered',
          'ack median / p95 / max',
          'answer median / p95',
          '/reindex',
          'peak RSS',
        ],
        r.burst.map((b) => [
          b.askWorkers === '0' ? 'main thread (ASK_WORKERS=0)' : 'retrieval threads (default)',
          `${b.sections.before ?? '?'} → ${b.sections.after ?? '?'}`,
          `${(b.ackedWithin3s * 100).toFixed(1)} %`,
          `${(b.answered * 100).toFixed(1)} %`,
          `${fmtMs(b.ack.median)} / ${fmtMs(b.ack.p95)} / ${fmtMs(b.ack.max)}`,
          `${fmtMs(b.answer.median)} / ${fmtMs(b.answer.p95)}`,
          fmtMs(b.reindexMs),
          fmtBytes(b.peakRss),
        ]),
      ),
      '',
    );
  }

  const targets = computeTargets(r);
  out.push('## Targets (model inference excluded)', '');
  out.push(
    table(
      ['target', 'measured', 'limit', 'met?', 'note'],
      targets.map((t) => [
        t.name,
        fmtTarget(t, t.measured),
        `${t.kind === 'max' ? '≤' : '≥'} ${fmtTarget(t, t.limit)}`,
        t.met === null ? 'n/a' : t.met ? '✅ yes' : '❌ no',
        t.note,
      ]),
    ),
    '',
  );

  if (r.caveats.length) out.push('## Caveats', '', ...r.caveats.map((c) => `- ${c}`), '');
  return { markdown: `${out.join('\n')}\n`, targets };
}

function buildOfIndex(r: BenchResults, h: HnswResult): string {
  const label = h.label.replace(/^(fixture|pseudo32)-/, '');
  const b = r.builds[label]?.fixture;
  if (b) return `${fmtMs(b.phases.vectorAddMs)} (during sync)`;
  const p = r.pseudo[label];
  return p ? fmtMs(p.buildMs) : '–';
}
