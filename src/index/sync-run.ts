import type { NoteLimits } from '../notes/load.js';
import type { Logger } from '../log.js';
import { faultOf, unavailable } from './faults.js';
import type { LiveIndex } from './live-index.js';
import type { NoteRecords } from './note-records.js';
import type { SkippedFile } from './store.js';
import { applyChanges, readChanges, type Progress, type SyncTarget } from './sync.js';

export interface SyncOptions {
  /** Try the embedding model again if it is not loaded (/reindex). */
  retryModel?: boolean;
}

export interface SyncReport {
  files: number;
  chunks: number;
  /** Chunks new to the index in this sync (an edited section is removed and added). */
  added: number;
  removed: number;
  embedded: number;
  skipped: SkippedFile[];
  /** True when the whole index was built from scratch. */
  rebuilt: boolean;
  ms: number;
}

/** What a sync reads and changes of the index it brings up to date; StudyIndex lends it. */
export interface SyncSubject {
  readonly live: LiveIndex;
  readonly limits: NoteLimits;
  readonly logger: Logger;
  readonly onProgress: (progress: Progress) => void;
  /** The note file records as last read. */
  records(): NoteRecords;
  /** Reads the file records again, after a commit, a rollback or a rebuild. */
  reloadRecords(): void;
  /** Picks up a change another process made first. */
  reloadIfChanged(): void;
  /** Counts a sync that changed what the indexed notes say (StudyIndex.generation). */
  countNotesChange(): void;
}

/**
 * Brings the index in line with the notes folder, cheaply when nothing
 * changed. Damage found now or by an earlier read is rebuilt from the notes;
 * a full or read-only disk keeps an index that was complete (LiveIndex.keepIndexAfter).
 */
export async function syncIndex(subject: SyncSubject, options: SyncOptions): Promise<SyncReport> {
  const { live } = subject;
  subject.reloadIfChanged();
  if (options.retryModel) await live.retryModel();
  if (live.damaged) reopenRebuilt(subject);
  try {
    return await syncOnce(subject);
  } catch (err) {
    forgetUncommitted(subject);
    if (faultOf(err) !== 'corrupt') throw live.keepIndexAfter(err);
    live.noteDamage(err);
    reopenRebuilt(subject);
    return await syncOnce(subject);
  }
}

/** After a failed sync: what was counted or cached in memory during the rolled-back transaction is re-read. */
function forgetUncommitted(subject: SyncSubject): void {
  if (!subject.live.store.db.open) return;
  try {
    subject.live.keyword.refresh();
    subject.reloadRecords();
  } catch {
    // The database itself is failing; the caller reports why.
  }
}

function reopenRebuilt(subject: SyncSubject): void {
  subject.live.reopenRebuilt();
  subject.reloadRecords();
}

/**
 * Reads the new and changed notes and commits them with the manifest in one
 * transaction, then embeds the chunks the vectors lack.
 */
async function syncOnce(subject: SyncSubject): Promise<SyncReport> {
  const { live } = subject;
  const started = performance.now();
  const rebuilt = subject.records().isEmpty;
  const target: SyncTarget = {
    notesDir: live.notesDir,
    store: live.store,
    keyword: live.keyword,
    tokenize: (text) => live.analyzer.tokenize(text),
    logger: subject.logger,
    onProgress: subject.onProgress,
    limits: subject.limits,
  };
  const changes = await readChanges(target, subject.records());
  const changed = changes.outcomes.length > 0 || changes.gone.length > 0;
  let counts = { added: 0, removed: 0 };
  if (changed || !live.store.readManifest()) {
    if (live.readOnly) throw unavailable(live.readOnly.fault, live.paths.dataDir, 'update the index to the changed notes');
    counts = live.store.transaction(() => {
      const applied = applyChanges(target, changes);
      live.writeManifest();
      return applied;
    });
    subject.reloadRecords();
    // A touched but unedited note changes its record's mtime, not what the notes say.
    if (changes.gone.length > 0 || changes.outcomes.some((o) => o.kind !== 'touched')) subject.countNotesChange();
  }
  // A read-only index answers with the vectors it has; chunks they lack are found by keywords alone.
  const { embedded, saved } = live.readOnly ? { embedded: 0, saved: false } : await live.dense.update(live.store, subject.onProgress);
  if (saved) {
    // The manifest naming the new vector generation is the commit: until then the previous pair is current.
    live.writeManifest();
    live.dense.pruneOld();
  }
  const records = subject.records();
  return {
    files: records.indexed.length,
    chunks: live.keyword.size,
    ...counts,
    embedded,
    skipped: records.skipped,
    rebuilt,
    ms: performance.now() - started,
  };
}
