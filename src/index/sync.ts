import { createHash } from 'node:crypto';
import { commitHolding, readGitState, type GitState } from '../notes/git-state.js';
import { readNote, scanNotes, type NoteLimits, type NoteStat } from '../notes/load.js';
import type { Chunk, NoteMeta } from '../notes/types.js';
import type { Logger } from '../log.js';
import type { KeywordIndex } from './keyword.js';
import type { FileInfo, GlossaryPair, IndexStore, SkippedFile } from './store.js';
import { minedPairs, refreshVocabulary } from './vocabulary.js';

export interface Progress {
  phase: 'reading' | 'embedding';
  done: number;
  total: number;
}

/** What a sync writes to: the store and its keyword index, and who hears about it. */
export interface SyncTarget {
  notesDir: string;
  store: IndexStore;
  keyword: KeywordIndex;
  /** Index-time tokenizer, for the dictionary refresh. */
  tokenize: (text: string) => string[];
  logger: Logger;
  onProgress: (progress: Progress) => void;
  limits: NoteLimits;
}

/** The note files the index knows now, indexed or skipped. */
export interface KnownFiles {
  indexed: readonly FileInfo[];
  skipped: readonly SkippedFile[];
}

/** What reading the notes folder found to change. */
export interface NoteChanges {
  outcomes: ReadOutcome[];
  /** Files the index knows that are no longer in the folder. */
  gone: string[];
  known: Map<string, FileInfo | SkippedFile>;
}

/** What reading one new or modified note produced. */
export type ReadOutcome =
  | { kind: 'indexed'; info: FileInfo; chunks: Chunk[]; pairs: GlossaryPair[] }
  | { kind: 'touched'; info: FileInfo }
  | { kind: 'skipped'; skipped: SkippedFile };

/**
 * Scans the notes folder and reads the files that are new or whose size or
 * mtime changed. Skipped files are looked at again every time (a raised limit
 * or a fixed permission lets them in), but count as changed only when the
 * outcome differs.
 */
export async function readChanges(target: SyncTarget, files: KnownFiles): Promise<NoteChanges> {
  const scan = await scanNotes(target.notesDir);
  const known = new Map<string, FileInfo | SkippedFile>();
  for (const f of files.indexed) known.set(f.file, f);
  for (const s of files.skipped) known.set(s.file, s);
  const toRead = scan.filter((stat) => {
    const previous = known.get(stat.file);
    return !(previous && previous.size === stat.size && previous.mtimeMs === stat.mtimeMs && !('reason' in previous));
  });
  const seen = new Set(scan.map((s) => s.file));
  const gone = [...known.keys()].filter((file) => !seen.has(file));

  const outcomes: ReadOutcome[] = [];
  // Read once per sync that reads notes: which commit holds each note as indexed (NOTES_URL's {commit}).
  const git = toRead.length > 0 ? await readGitState(target.notesDir) : null;
  for (const [done, stat] of toRead.entries()) {
    if (done % 25 === 0) target.onProgress({ phase: 'reading', done, total: toRead.length });
    const previous = known.get(stat.file);
    const outcome = await read(
      target,
      stat,
      previous && 'sha1' in previous ? previous : undefined,
      previous && 'reason' in previous ? previous : undefined,
      git,
    );
    if (outcome) outcomes.push(outcome);
  }
  if (toRead.length) target.onProgress({ phase: 'reading', done: toRead.length, total: toRead.length });
  return { outcomes, gone, known };
}

/**
 * Writes what was read to the store and BM25 (the caller wraps it in one
 * transaction), and refreshes the vocabulary when sections came or went.
 */
export function applyChanges(target: SyncTarget, { outcomes, gone, known }: NoteChanges): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const file of gone) {
    removed += dropChunks(target, file, new Set());
    target.store.deleteFile(file);
  }
  for (const outcome of outcomes) {
    const counts = apply(target, outcome, known.get(outcome.kind === 'skipped' ? outcome.skipped.file : outcome.info.file));
    added += counts.added;
    removed += counts.removed;
  }
  if (added + removed > 0 || !target.keyword.hasTopical) refreshVocabulary(target.keyword, target.tokenize);
  return { added, removed };
}

/**
 * Reads and chunks one new or modified note; a note that cannot be read is
 * skipped with a warning. Null when the note was skipped before, unchanged, for the same reason.
 */
async function read(
  target: SyncTarget,
  stat: NoteStat,
  old: FileInfo | undefined,
  skippedBefore: SkippedFile | undefined,
  git: GitState | null,
): Promise<ReadOutcome | null> {
  const skip = (reason: string): ReadOutcome | null => {
    const same =
      skippedBefore && skippedBefore.reason === reason && skippedBefore.size === stat.size && skippedBefore.mtimeMs === stat.mtimeMs;
    if (same) return null;
    target.logger.warn(`Skipping ${stat.file}: ${reason}.`);
    return { kind: 'skipped', skipped: { file: stat.file, size: stat.size, mtimeMs: stat.mtimeMs, reason } };
  };
  const read = await readNote(target.notesDir, stat.file, target.limits);
  if (!read.ok) return skip(read.reason);
  const sha1 = createHash('sha1').update(read.note.text).digest('hex');
  const commit = commitHolding(git, stat.file, read.note.text);
  // Touched but not edited: keep the record (and its chunks) as they are; a checkout or commit may have changed its commit.
  if (old && old.sha1 === sha1)
    return { kind: 'touched', info: { ...old, size: stat.size, mtimeMs: stat.mtimeMs, meta: withCommit(old.meta, commit) } };
  try {
    // Loaded on first use: the Markdown parser is ~0.15 s of start-up a no-change sync does not need.
    const { chunkNote } = await import('../notes/chunk.js');
    const parsed = chunkNote(read.note);
    if (parsed.excludedBecause) return skip(parsed.excludedBecause);
    const pairs = minedPairs(parsed.meta, read.note.text);
    return {
      kind: 'indexed',
      info: { file: stat.file, size: stat.size, mtimeMs: stat.mtimeMs, sha1, meta: withCommit(parsed.meta, commit) },
      chunks: parsed.chunks,
      pairs,
    };
  } catch (err) {
    return skip(`could not be parsed (${(err as Error).message})`);
  }
}

/** Writes one read note to the store: only chunks that appeared or disappeared touch BM25. */
function apply(target: SyncTarget, outcome: ReadOutcome, previous: FileInfo | SkippedFile | undefined): { added: number; removed: number } {
  const { store, keyword } = target;
  if (outcome.kind === 'skipped') {
    const removed = dropChunks(target, outcome.skipped.file, new Set());
    store.putSkipped(outcome.skipped);
    return { added: 0, removed };
  }
  store.putFile(outcome.info);
  if (outcome.kind === 'touched') return { added: 0, removed: 0 };
  const { info, chunks } = outcome;
  store.putPairs(info.file, outcome.pairs);
  // New names (title, aliases) are part of every chunk's BM25 document: re-add them all.
  const renamed = previous !== undefined && 'meta' in previous && !sameNames(previous.meta, info.meta);
  const oldIds = new Set(store.chunkIdsOf(info.file));
  const newIds = new Set(chunks.map((c) => c.id));
  const removed = dropChunks(target, info.file, newIds);
  let added = 0;
  chunks.forEach((chunk, ord) => {
    store.putChunk(chunk, ord);
    if (!oldIds.has(chunk.id)) added++;
    if (!oldIds.has(chunk.id) || renamed) {
      if (renamed) keyword.remove(chunk.id);
      keyword.add(chunk, info.meta);
    }
  });
  return { added, removed };
}

/** Removes a file's chunks that are not in `keep`; returns how many. */
function dropChunks({ store, keyword }: SyncTarget, file: string, keep: Set<string>): number {
  let removed = 0;
  for (const id of store.chunkIdsOf(file)) {
    if (keep.has(id)) continue;
    keyword.remove(id);
    store.deleteChunk(id);
    removed++;
  }
  return removed;
}

function withCommit(meta: NoteMeta, commit: string | undefined): NoteMeta {
  const { commit: _old, ...rest } = meta;
  return commit ? { ...rest, commit } : rest;
}

function sameNames(a: NoteMeta, b: NoteMeta): boolean {
  return a.title === b.title && a.aliases.length === b.aliases.length && a.aliases.every((alias, i) => alias === b.aliases[i]);
}
