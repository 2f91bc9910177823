import { createAnalyzer, type Analyzer } from '../text/analyzer.js';
import { emptyGlossary } from '../text/glossary.js';
import type { Logger } from '../log.js';
import { writeProblem } from './data-dir.js';
import { DenseLeg } from './dense-leg.js';
import type { IndexDisk } from './disk.js';
import { faultOf, IndexDamagedError, IndexUnavailableError, unavailable } from './faults.js';
import type { KeywordIndex } from './keyword.js';
import { loadEmbedderOrRemember } from './model-failure.js';
import { currentManifest, openStore, recordDamage, type OpenPolicy } from './open-store.js';
import { databaseIdentity, IndexStore, type StorePaths } from './store.js';

/** What an open index reads from; replaced as a whole when another process rebuilds the files. */
interface Opened {
  store: IndexStore;
  keyword: KeywordIndex;
  dense: DenseLeg;
  /** The database file's identity and SQLite's data_version when last read: how a change by another process shows. */
  identity: number | null;
  dataVersion: number;
}

export interface LiveIndexSettings {
  notesDir: string;
  paths: StorePaths;
  /** Hub id or local folder; null turns the dense leg off on purpose. */
  embeddingModel: string | null;
  rebuild: boolean;
  retryModel: boolean | undefined;
  disk: IndexDisk;
  logger: Logger;
}

/**
 * The index files an open StudyIndex reads (the store, its keyword index and
 * the dense leg), followed across processes and healed: a rebuild or update
 * by another process is picked up, damage that a read meets is recorded for
 * the next sync to rebuild, and a sync failing on a full or read-only disk
 * keeps an index that was complete.
 */
export class LiveIndex {
  /** Why the database must be rebuilt, once a query found it damaged. */
  private damage: string | null = null;

  private constructor(
    readonly notesDir: string,
    readonly paths: StorePaths,
    private opened: Opened,
    /** Cuts note text into index tokens; it knows no glossary, which only questions need. */
    readonly analyzer: Analyzer,
    private readonly embeddingModel: string | null,
    /** Set when DATA_DIR cannot be written: the index is used as it is. */
    readonly readOnly: IndexUnavailableError | null,
    private readonly disk: IndexDisk,
    private readonly logger: Logger,
  ) {}

  /** Opens (or clears for rebuilding) the index files and loads the embedding model; see StudyIndex.open. */
  static async open(settings: LiveIndexSettings): Promise<LiveIndex> {
    const { notesDir, paths, disk, logger } = settings;
    const readOnly = writeProblem(paths, disk);
    const analyzer = createAnalyzer(emptyGlossary());
    const policy = {
      rebuild: settings.rebuild,
      readOnly: readOnly !== null,
      readOnlyFault: readOnly?.fault ?? 'read-only',
      disk,
    } as const;
    const { store, keyword, manifest } = openStore(paths, notesDir, analyzer, logger, policy);
    try {
      if (readOnly) logger.info(`${readOnly.message.split('. ')[0]}: using the index there as it is.`);
      const embedder = await loadEmbedderOrRemember(settings.embeddingModel, paths, logger, {
        retry: settings.retryModel,
        readOnly: readOnly !== null,
      });
      const dense = DenseLeg.open(paths, manifest, embedder, logger, disk);
      const opened: Opened = { store, keyword, dense, identity: databaseIdentity(paths), dataVersion: store.dataVersion };
      return new LiveIndex(notesDir, paths, opened, analyzer, settings.embeddingModel, readOnly, disk, logger);
    } catch (err) {
      store.close();
      throw err;
    }
  }

  get store(): IndexStore {
    return this.opened.store;
  }

  get keyword(): KeywordIndex {
    return this.opened.keyword;
  }

  get dense(): DenseLeg {
    return this.opened.dense;
  }

  close(): void {
    if (this.store.db.open) this.store.close();
  }

  /**
   * Picks up a change another process made to the files: one stat and one
   * PRAGMA when nothing changed. Returns whether anything did, which makes
   * what was read from the store before out of date.
   */
  reloadIfChanged(): boolean {
    const identity = databaseIdentity(this.paths);
    // Gone: another process is between removing and recreating it; keep what we have until it is back.
    if (identity === null) return false;
    if (identity !== this.opened.identity) {
      // Rebuilt by another process: a new file, which this connection cannot see.
      const { store, keyword, manifest } = openStore(this.paths, this.notesDir, this.analyzer, this.logger, this.policy(false));
      this.store.close();
      const dense = DenseLeg.open(this.paths, manifest, this.dense.embedder, this.logger, this.disk);
      this.opened = { store, keyword, dense, identity: databaseIdentity(this.paths), dataVersion: store.dataVersion };
    } else {
      const dataVersion = this.guard(() => this.store.dataVersion);
      if (dataVersion === this.opened.dataVersion) return false;
      this.opened.dataVersion = dataVersion;
      this.keyword.refresh();
      const manifest = this.guard(() => this.store.readManifest());
      if ((manifest?.vectorsGeneration ?? null) !== (this.dense.model?.generation ?? null)) {
        this.opened.dense = DenseLeg.open(this.paths, manifest, this.dense.embedder, this.logger, this.disk);
      }
    }
    return true;
  }

  private policy(rebuild: boolean): OpenPolicy {
    return { rebuild, readOnly: this.readOnly !== null, readOnlyFault: this.readOnly?.fault ?? 'read-only', disk: this.disk };
  }

  /** Loads the embedding model again when one is configured but did not load (/reindex). */
  async retryModel(): Promise<void> {
    if (!this.embeddingModel || this.dense.embedder) return;
    const embedder = await loadEmbedderOrRemember(this.embeddingModel, this.paths, this.logger, {
      retry: true,
      readOnly: this.readOnly !== null,
    });
    if (embedder) this.opened.dense = DenseLeg.open(this.paths, this.store.readManifest(), embedder, this.logger, this.disk);
  }

  /** Whether a read found the database damaged since it was last rebuilt. */
  get damaged(): boolean {
    return this.damage !== null;
  }

  /** Replaces the damaged database with an empty one; the sync that follows builds it. */
  reopenRebuilt(): void {
    this.store.close();
    const { store, keyword } = openStore(this.paths, this.notesDir, this.analyzer, this.logger, this.policy(true));
    const dense = DenseLeg.open(this.paths, null, this.dense.embedder, this.logger, this.disk);
    this.opened = { store, keyword, dense, identity: databaseIdentity(this.paths), dataVersion: store.dataVersion };
    this.damage = null;
  }

  /** Names this code, the notes folder and the current vector files as what the index was built from. */
  writeManifest(): void {
    this.store.writeManifest(currentManifest(this.notesDir, this.dense.model));
  }

  /**
   * Runs a read of the database; damage found there (SQLITE_CORRUPT,
   * SQLITE_NOTADB) becomes IndexDamagedError naming the file, and the next
   * sync or open (in any process) rebuilds it.
   */
  guard<T>(read: () => T): T {
    try {
      return read();
    } catch (err) {
      if (faultOf(err) !== 'corrupt') throw err;
      throw new IndexDamagedError(this.noteDamage(err));
    }
  }

  /** Remembers (here and on disk, for other processes) that the database is damaged; returns the message saying so. */
  noteDamage(err: unknown): string {
    const reason = (err as Error).message;
    const message = `The index file ${this.store.file} is damaged (${reason}); it is rebuilt at the next sync (studybot ask or index, /reindex, or a restart).`;
    if (this.damage === null) this.logger.warn(message);
    this.damage = reason;
    if (!this.readOnly) recordDamage(this.paths, reason);
    return message;
  }

  /**
   * A sync that failed on a full, read-only or failing disk: an index that
   * was complete before is kept as it was (the transaction rolled back); a
   * first build is removed, so that its WAL does not go on filling the disk.
   * Returns the error to throw.
   */
  keepIndexAfter(err: unknown): unknown {
    const fault = faultOf(err);
    if (!fault || fault === 'corrupt' || err instanceof IndexUnavailableError) return err;
    let built = false;
    try {
      built = this.store.readManifest() !== null;
    } catch {
      // Unreadable now: treat it as the first build it probably was.
    }
    if (built) this.store.shrinkWal();
    else {
      this.store.close();
      IndexStore.remove(this.paths);
    }
    return unavailable(fault, this.paths.dataDir, built ? 'update the index' : 'build the index', err, built);
  }
}
