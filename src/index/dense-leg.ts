import type { Chunk } from '../notes/types.js';
import type { Logger } from '../log.js';
import { realDisk, type IndexDisk } from './disk.js';
import type { Embedder } from './embedder.js';
import { clearVectors, hasVectorFiles, vectorFiles, type IndexStore, type Manifest, type StorePaths } from './store.js';
import { VectorIndex } from './vectors.js';
import type { Progress } from './sync.js';

/** Chunks embedded per call: one progress step, and a bounded batch of texts in memory. */
const EMBED_BATCH = 64;

/** The vector files on disk: their model, and which generation of files is current. */
export type VectorModel = { model: string; dims: number; generation: number } | null;

/**
 * The dense leg of an index: the embedding model (when it loads) and the
 * chunk vectors on disk, kept in step with the chunk table. Each save writes a
 * new generation of the file pair; the manifest naming it is the commit, so
 * readers and crashes only ever see a whole pair.
 */
export class DenseLeg {
  private constructor(
    readonly embedder: Embedder | null,
    private readonly paths: StorePaths,
    private vectors: VectorIndex | null,
    /** The generation the manifest names (the last one saved); the next save writes the one after. */
    private generation: number,
    /** Vector files left on disk while their model cannot load: kept in the manifest, not used. */
    private readonly dormant: VectorModel,
    private readonly disk: IndexDisk,
  ) {}

  /**
   * Loads the vectors of an opened index. Vectors of another model are
   * cleared (the next sync re-embeds); damaged or mismatched ones too, with a message.
   */
  static open(
    paths: StorePaths,
    manifest: Manifest | null,
    embedder: Embedder | null,
    logger: Logger,
    disk: IndexDisk = realDisk,
  ): DenseLeg {
    const generation = manifest?.vectorsGeneration ?? 0;
    const none = () => new DenseLeg(embedder, paths, null, generation, null, disk);
    if (!manifest?.model || !manifest.dims || !manifest.vectorsGeneration || !hasVectorFiles(paths, generation)) return none();
    if (!embedder) {
      // Keep the vectors on disk for when the model is back; they are useless without it.
      return new DenseLeg(null, paths, null, generation, { model: manifest.model, dims: manifest.dims, generation }, disk);
    }
    if (embedder.model !== manifest.model || embedder.dims !== manifest.dims) {
      logger.info(`Embedding model changed (${manifest.model} → ${embedder.model}); re-embedding all notes.`);
      return none();
    }
    try {
      return new DenseLeg(embedder, paths, VectorIndex.load(vectorFiles(paths, generation), manifest.dims), generation, null, disk);
    } catch (err) {
      logger.warn(`The vector index is damaged (in ${paths.dataDir}: ${(err as Error).message}); re-embedding all notes.`);
      return none();
    }
  }

  /** The model and generation of the vector files on disk, for the manifest. */
  get model(): VectorModel {
    return this.vectors && this.embedder
      ? { model: this.embedder.model, dims: this.vectors.dims, generation: this.generation }
      : this.dormant;
  }

  get index(): VectorIndex | null {
    return this.vectors;
  }

  /** Chunk ids nearest to the question; null when the leg is off or holds nothing. */
  async search(question: string, limit: number): Promise<string[] | null> {
    const { embedder, vectors } = this;
    if (!embedder || !vectors || vectors.size === 0) return null;
    const [queryVector] = await embedder.embed([question], 'query');
    return vectors.search(queryVector!, limit).map((h) => h.id);
  }

  /**
   * Embeds the chunks the vector index lacks and drops those that are gone;
   * saves the vectors as a new generation when they changed. Returns how many
   * were embedded and whether files were written: the manifest must then name
   * the new generation (see `model`), after which `pruneOld` may run.
   */
  async update(store: IndexStore, onProgress: (p: Progress) => void): Promise<{ embedded: number; saved: boolean }> {
    const { embedder } = this;
    if (!embedder) return { embedded: 0, saved: false };
    const live = store.allChunkIds();
    const hadVectors = this.vectors !== null;
    if (!this.vectors) this.vectors = VectorIndex.create(embedder.dims, live.length + 16);
    const vectors = this.vectors;
    const liveSet = new Set(live);
    const stale = vectors.ids().filter((id) => !liveSet.has(id));
    for (const id of stale) vectors.remove(id);
    const missing = live.filter((id) => !vectors.has(id));
    for (let i = 0; i < missing.length; i += EMBED_BATCH) {
      const slice = missing.slice(i, i + EMBED_BATCH).map((id) => store.chunk(id)!);
      const embedded = await embedder.embed(slice.map(passageText), 'passage');
      slice.forEach((chunk, j) => {
        vectors.add(chunk.id, embedded[j]!);
      });
      onProgress({ phase: 'embedding', done: Math.min(i + EMBED_BATCH, missing.length), total: missing.length });
    }
    const saved = !hadVectors || stale.length > 0 || missing.length > 0;
    if (saved) {
      // Deleted points still cost memory and search time; compact when they pile up.
      if (vectors.wasted > 1000 && vectors.wasted > vectors.size / 4) this.vectors = vectors.compacted();
      this.vectors.save(vectorFiles(this.paths, this.generation + 1), this.disk);
      this.generation++;
    }
    return { embedded: missing.length, saved };
  }

  /** Deletes the vector files of generations before the current one (call once the manifest names it). */
  pruneOld(): void {
    clearVectors(this.paths, this.generation);
  }
}

/** What the dense leg embeds for a chunk: its place in the note gives the text its topic. */
export function passageText(chunk: Chunk): string {
  return `${chunk.headingPath.join(' > ')}\n${chunk.text}`;
}
