import type { Chunk } from '../notes/types.js';
import type { Logger } from '../log.js';
import { loadEmbedder, type Embedder } from './embedder.js';
import type { VectorModel } from './open-store.js';
import { clearVectors, hasVectorFiles, type IndexStore, type Manifest, type StorePaths } from './store.js';
import { VectorIndex } from './vectors.js';
import type { Progress } from './sync.js';

/** Chunks embedded per call: one progress step, and a bounded batch of texts in memory. */
const EMBED_BATCH = 64;

/**
 * The dense leg of an index: the embedding model (when it loads) and the
 * chunk vectors on disk, kept in step with the chunk table.
 */
export class DenseLeg {
  private constructor(
    readonly embedder: Embedder | null,
    private readonly paths: StorePaths,
    private vectors: VectorIndex | null,
    /** Vector files left on disk while their model cannot load: kept in the manifest, not used. */
    private readonly dormant: VectorModel,
  ) {}

  /**
   * Loads the vectors of an opened index. Vectors of another model are
   * cleared (the next sync re-embeds); damaged ones too, with a message.
   */
  static open(paths: StorePaths, manifest: Manifest | null, embedder: Embedder | null, logger: Logger): DenseLeg {
    if (!manifest?.model || !manifest.dims || !hasVectorFiles(paths)) return new DenseLeg(embedder, paths, null, null);
    if (!embedder) {
      // Keep the vectors on disk for when the model is back; they are useless without it.
      return new DenseLeg(null, paths, null, { model: manifest.model, dims: manifest.dims });
    }
    if (embedder.model !== manifest.model || embedder.dims !== manifest.dims) {
      logger.info(`Embedding model changed (${manifest.model} → ${embedder.model}); re-embedding all notes.`);
      clearVectors(paths);
      return new DenseLeg(embedder, paths, null, null);
    }
    try {
      return new DenseLeg(embedder, paths, VectorIndex.load(paths.vectors, paths.vectorLabels, manifest.dims), null);
    } catch (err) {
      logger.warn(`The vector index is damaged (${(err as Error).message}); re-embedding all notes.`);
      clearVectors(paths);
      return new DenseLeg(embedder, paths, null, null);
    }
  }

  /** The model the vector files on disk belong to, for the manifest. */
  get model(): VectorModel {
    return this.vectors && this.embedder ? { model: this.embedder.model, dims: this.vectors.dims } : this.dormant;
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
   * saves the vectors when they changed. Returns how many were embedded and
   * whether the files were written (the manifest must then name the model).
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
      slice.forEach((chunk, j) => vectors.add(chunk.id, embedded[j]!));
      onProgress({ phase: 'embedding', done: Math.min(i + EMBED_BATCH, missing.length), total: missing.length });
    }
    const saved = !hadVectors || stale.length > 0 || missing.length > 0;
    if (saved) {
      // Deleted points still cost memory and search time; compact when they pile up.
      if (vectors.wasted > 1000 && vectors.wasted > vectors.size / 4) this.vectors = vectors.compacted();
      this.vectors.save(this.paths.vectors, this.paths.vectorLabels);
    }
    return { embedded: missing.length, saved };
  }
}

/** What the dense leg embeds for a chunk: its place in the note gives the text its topic. */
export function passageText(chunk: Chunk): string {
  return `${chunk.headingPath.join(' > ')}\n${chunk.text}`;
}

/** The embedder for `model`, or null (dense leg off, with the reason and the fix) when it cannot load. */
export async function tryLoadEmbedder(model: string | null, cacheDir: string, logger: Logger): Promise<Embedder | null> {
  if (!model) return null;
  try {
    return await loadEmbedder(model, { cacheDir });
  } catch (err) {
    const reason = (err as Error).message.split('\n')[0];
    logger.warn(
      `Dense (semantic) search is off: could not load the embedding model "${model}" (${reason}). ` +
        'Keyword search still works. To enable it, run once with internet access so the model is downloaded ' +
        `and cached in ${cacheDir}, or set EMBEDDING_MODEL to a local model folder.`,
    );
    return null;
  }
}
