import type { PhaseTimes } from './instrument.js';
import type { Latency } from './stats.js';
import type { BenchQuery } from './vault.js';

/** Arguments and results of the child-process tasks of `npm run bench`. */

export interface BuildArgs {
  task: 'build';
  label: string;
  notesDir: string;
  dataDir: string;
  model: string | null;
  /** Start from a copy of this (keyword-only) index, so the sync only embeds. */
  copyFrom?: string;
}

export interface BuildResult {
  label: string;
  model: string | null;
  files: number;
  chunks: number;
  skipped: number;
  /** StudyIndex.open (model load when there is one). */
  openMs: number;
  /** The whole sync: scan, read, parse, chunk, keyword index, embed, HNSW, save. */
  syncMs: number;
  /** Scan + read + parse + chunk + glossary mining (until the last 'reading' progress). */
  readMs: number;
  embedded: number;
  phases: PhaseTimes;
  rss: number;
  heapUsed: number;
  diskBytes: number;
}

export interface PseudoVectorsArgs {
  task: 'pseudo-vectors';
  label: string;
  /** Keyword-only index to copy; the copy gets random unit vectors of `dims` for every chunk. */
  copyFrom: string;
  dataDir: string;
  model: string;
  dims: number;
  seed: number;
}

export interface PseudoVectorsResult {
  label: string;
  chunks: number;
  dims: number;
  buildMs: number;
  diskBytes: number;
}

export interface LoadArgs {
  task: 'load';
  label: string;
  notesDir: string;
  dataDir: string;
  model: string | null;
  queries: BenchQuery[];
  /** Passes over the query set for each measured operation (after warm-up). */
  passes: number;
  warmup: number;
  /** Also time `ask` including the model's query embedding (for real models). */
  withInference: boolean;
}

export interface LoadResult {
  label: string;
  model: string | null;
  chunks: number;
  /** Distinct index terms (null when the keyword index does not expose them). */
  vocabulary: number | null;
  /** Process start to the bench's first line (Node bootstrap + module graph). */
  moduleLoadMs: number;
  openMs: number;
  syncMs: number;
  /** open + sync on a persisted, unchanged index: the "bot ready" proxy. */
  readyMs: number;
  rssBefore: number;
  rssAfterLoad: number;
  heapAfterLoad: number;
  externalAfterLoad: number;
  /** First question: builds the glossary analyzer and loads word frequencies. */
  firstAskMs: number;
  rssAfterQueries: number;
  keywordLeg: Latency;
  denseLeg: Latency | null;
  /** Query embedding alone, one question per call. */
  queryEmbed: Latency | null;
  /** `ask` with query vectors precomputed (model inference excluded). */
  askHybrid: Latency | null;
  /** `ask` including the model's query embedding. */
  askHybridWithInference: Latency | null;
  askKeywordOnly: Latency | null;
  /** Share of bench questions `ask` answered (sanity, not quality). */
  answeredShare: number;
}

export interface HnswArgs {
  task: 'hnsw';
  label: string;
  /** 'random': seeded unit vectors; 'index': the vectors of a persisted index. */
  source: 'random' | 'index';
  dims: number;
  n: number;
  seed: number;
  queries: number;
  /** For source 'index'. */
  dataDir?: string;
  model?: string;
  queryTexts?: string[];
  efs: number[];
}

export interface HnswResult {
  label: string;
  source: 'random' | 'index';
  dims: number;
  n: number;
  queries: number;
  /** Build time (random only; for 'index' see the build's vectorAddMs). */
  buildMs: number | null;
  rssDelta: number | null;
  bytesOnDisk: number | null;
  /** recall@10 of the shipped efSearch. */
  recallAt10: number;
  searchMs: Latency;
  /** recall@10 for other efSearch values, to choose one. */
  sweep: Array<{ ef: number; recallAt10: number; medianMs: number }>;
  bruteForceMs: Latency;
}

export interface IncrementalArgs {
  task: 'incremental';
  label: string;
  notesDir: string;
  file: string;
  /** Persisted indexes to copy (the originals stay untouched). */
  indexes: Array<{ label: string; dataDir: string; copyTo: string; model: string | null }>;
}

export interface IncrementalResult {
  label: string;
  file: string;
  runs: Array<{
    label: string;
    model: string | null;
    noopSyncMs: number;
    editSyncMs: number;
    added: number;
    removed: number;
    embedded: number;
    phases: PhaseTimes;
    readMs: number;
  }>;
}

export type TaskArgs = BuildArgs | PseudoVectorsArgs | LoadArgs | HnswArgs | IncrementalArgs;
