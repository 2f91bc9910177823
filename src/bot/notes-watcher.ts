import path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import type { SyncReport } from '../index/study-index.js';
import { IGNORE_FILE, loadIgnoreRules, type IgnoreRules } from '../notes/ignore-rules.js';
import { isNoteFile } from '../notes/note-file.js';
import { syncLogFields } from './logger.js';

/** What the watcher logs through (a pino logger in the bot). */
export interface WatchLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface NotesWatcherOptions {
  notesDir: string;
  /** The bot's one sync (shared with /reindex), which also refreshes what is derived from the notes. */
  sync: () => Promise<SyncReport>;
  logger: WatchLogger;
  /** A sync starts once no write came for this long… */
  quietMs?: number;
  /** …or this long after the first unsynced write, however busy the folder stays. */
  maxWaitMs?: number;
}

type Change = 'added' | 'edited' | 'deleted' | 'added folder' | 'deleted folder' | 'changed ignore rules';

/** At most this many changes are named in a log line; the count says the rest. */
const NAMED_CHANGES = 20;

/**
 * Keeps the index in step with the notes folder while the bot runs: every
 * write, new note, rename or delete (ignored paths aside) is collected, and
 * once the folder has been quiet for `quietMs` one sync brings them all in, so
 * a `git pull` of 200 files is one sync. A note caught half-written is read as
 * it was; its next write is another event and another sync, so a broken state
 * never sticks.
 */
export class NotesWatcher {
  private readonly pending = new Map<string, Change>();
  private firstPendingAt: number | null = null;
  private lastEventAt = 0;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private closed = false;
  private readonly quietMs: number;
  private readonly maxWaitMs: number;

  private watcher: FSWatcher | null = null;

  private constructor(
    private readonly options: NotesWatcherOptions,
    private ignored: IgnoreRules,
  ) {
    this.quietMs = options.quietMs ?? 200;
    this.maxWaitMs = options.maxWaitMs ?? 2000;
  }

  /** Starts watching; resolves once the folder is being watched (the initial scan is done). */
  static async start(options: NotesWatcherOptions): Promise<NotesWatcher> {
    const notesDir = path.resolve(options.notesDir);
    const self = new NotesWatcher({ ...options, notesDir }, await loadIgnoreRules(notesDir));
    await self.watchFolder();
    return self;
  }

  /** Stops watching; a sync in progress finishes first. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.watcher?.close();
    await this.running;
  }

  /** (Re)starts the file watcher under the current ignore rules. */
  private async watchFolder(): Promise<void> {
    const { notesDir, logger } = this.options;
    const relative = (p: string) => path.relative(notesDir, p).split(path.sep).join('/');
    const rules = this.ignored;
    const watcher = watch(notesDir, {
      ignoreInitial: true,
      // Ignored folders (.git, node_modules, …) are never descended into: no watches, no events.
      ignored: (p, stats) => {
        const rel = relative(p);
        if (rel === '' || rel === IGNORE_FILE) return false;
        if (stats?.isDirectory()) return rules(`${rel}/`);
        if (stats?.isFile() && !isNoteFile(rel)) return true;
        return rules(rel);
      },
    });
    watcher.on('all', (event, p) => this.record(event, relative(p)));
    watcher.on('error', (err) => logger.warn({ err }, 'watching the notes folder failed; /reindex still re-indexes'));
    await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
    this.watcher = watcher;
  }

  /** New ignore rules: folders they no longer ignore must be watched, those they now ignore need not be. */
  private async reloadIgnoreRules(): Promise<void> {
    this.ignored = await loadIgnoreRules(this.options.notesDir);
    await this.watcher?.close();
    if (!this.closed) await this.watchFolder();
  }

  private record(event: string, rel: string): void {
    if (this.closed) return;
    const change = changeOf(event, rel);
    if (!change) return;
    const before = this.pending.get(rel);
    // A note created and then written in one batch is new, not edited.
    this.pending.set(rel, before === 'added' && change === 'edited' ? 'added' : change);
    this.lastEventAt = performance.now();
    this.firstPendingAt ??= this.lastEventAt;
    this.schedule();
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    const sinceFirst = performance.now() - (this.firstPendingAt ?? performance.now());
    const wait = Math.max(0, Math.min(this.quietMs, this.maxWaitMs - sinceFirst));
    this.timer = setTimeout(() => void this.flush(), wait);
  }

  private async flush(): Promise<void> {
    this.timer = null;
    // One sync at a time: changes that arrive meanwhile wait for the next.
    if (this.running || this.closed || this.pending.size === 0) return;
    const batch = new Map(this.pending);
    this.pending.clear();
    this.firstPendingAt = null;
    const lastEventAt = this.lastEventAt;
    this.running = this.syncBatch(batch, lastEventAt);
    await this.running;
    this.running = null;
    if (this.pending.size > 0 && !this.closed) this.schedule();
  }

  private async syncBatch(batch: Map<string, Change>, lastEventAt: number): Promise<void> {
    const { logger } = this.options;
    try {
      // Re-watched before the sync: whatever is written meanwhile is in the folder the sync scans.
      if ([...batch.values()].includes('changed ignore rules')) await this.reloadIgnoreRules();
      let report = await this.options.sync();
      // The shared sync may have been a /reindex that started before the last write, and not seen it.
      if (performance.now() - report.ms < lastEventAt) report = await this.options.sync();
      const changed = [...batch].map(([file, change]) => `${change} ${file}`);
      logger.info(
        { changed: changed.slice(0, NAMED_CHANGES), changes: changed.length, ...syncLogFields(report) },
        'notes changed, re-indexed',
      );
    } catch (err) {
      logger.error({ err, changes: batch.size }, 're-indexing after a change in the notes failed; the next change or /reindex tries again');
    }
  }
}

function changeOf(event: string, rel: string): Change | null {
  if (rel === IGNORE_FILE) return event === 'addDir' || event === 'unlinkDir' ? null : 'changed ignore rules';
  if (event === 'addDir') return 'added folder';
  if (event === 'unlinkDir') return 'deleted folder';
  if (!isNoteFile(rel)) return null;
  if (event === 'add') return 'added';
  if (event === 'change') return 'edited';
  if (event === 'unlink') return 'deleted';
  return null;
}

/** The watcher as the bot starts and stops it; WATCH_NOTES=false makes both do nothing. */
export function notesWatch(enabled: boolean, options: NotesWatcherOptions): { start(): Promise<void>; stop(): Promise<void> } {
  let watcher: NotesWatcher | null = null;
  let starting: Promise<void> = Promise.resolve();
  const start = async () => {
    if (!enabled) return;
    try {
      watcher = await NotesWatcher.start(options);
      options.logger.info({ notesDir: options.notesDir }, 'watching the notes folder');
    } catch (err) {
      // E.g. the system's limit on watched folders: the bot still answers, and /reindex still re-indexes.
      options.logger.warn({ err }, 'cannot watch the notes folder; notes are re-indexed by /reindex only');
      return;
    }
    try {
      // Writes between the start-up sync and the watch are in no event: one sync catches them up.
      const report = await options.sync();
      if (report.added + report.removed > 0) options.logger.info(syncLogFields(report), 'notes changed during start-up, re-indexed');
    } catch (err) {
      options.logger.error({ err }, 're-indexing after start-up failed; the next change or /reindex tries again');
    }
  };
  return {
    start() {
      starting = start();
      return starting;
    },
    // A watcher still starting (its first scan of a big vault takes a while) is closed once it has started.
    async stop() {
      await starting;
      await watcher?.close();
    },
  };
}
