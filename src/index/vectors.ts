import { readFileSync, statSync } from 'node:fs';
import hnswlib from 'hnswlib-node';
import { writeFileAtomic } from './atomic.js';
import type { IndexDisk } from './disk.js';

const { HierarchicalNSW } = hnswlib;

/** HNSW settings we ship; `npm run bench` measures their recall against brute force. */
// efSearch 400: recall@10 0.996 on 10k fixture vectors (0.906 at 96) for ≤ 0.5 ms a query (bench).
export const HNSW_PARAMS = { m: 16, efConstruction: 200, efSearch: 400 };

/** The two files of a saved vector index. */
export interface VectorFiles {
  index: string;
  labels: string;
}

/**
 * The labels file: the chunk id of each HNSW label, and what it expects of
 * its HNSW partner, so that a pair that does not belong together is caught on
 * load instead of failing later ("element is already deleted").
 */
interface LabelsFile {
  points: number;
  hnswBytes: number;
  labels: Array<string | null>;
}

export interface VectorHit {
  id: string;
  /** Cosine similarity (vectors are unit length, the space is inner product). */
  similarity: number;
}

/**
 * Chunk vectors in a persisted hnswlib-node index. HNSW labels are integers, so
 * `labels[label]` maps back to the chunk id; a removed chunk is marked deleted
 * and its label left empty, which keeps every other label valid on disk.
 */
export class VectorIndex {
  private readonly byId = new Map<string, number>();

  private constructor(
    private readonly hnsw: InstanceType<typeof HierarchicalNSW>,
    readonly dims: number,
    private readonly labels: Array<string | null>,
  ) {
    labels.forEach((id, label) => {
      if (id !== null) this.byId.set(id, label);
    });
    hnsw.setEf(HNSW_PARAMS.efSearch);
  }

  static create(dims: number, capacity = 1024): VectorIndex {
    const hnsw = new HierarchicalNSW('ip', dims);
    hnsw.initIndex({ maxElements: Math.max(16, capacity), m: HNSW_PARAMS.m, efConstruction: HNSW_PARAMS.efConstruction, randomSeed: 42 });
    return new VectorIndex(hnsw, dims, []);
  }

  /** Throws when the files are unreadable or do not belong together. */
  static load(files: VectorFiles, dims: number): VectorIndex {
    const saved = JSON.parse(readFileSync(files.labels, 'utf8')) as Partial<LabelsFile>;
    if (!Array.isArray(saved.labels) || saved.points !== saved.labels.length) throw new Error(`${files.labels} is not a labels file`);
    const bytes = statSync(files.index).size;
    if (bytes !== saved.hnswBytes) throw new Error(`${files.index} has ${bytes} bytes, its labels file expects ${saved.hnswBytes}`);
    const hnsw = new HierarchicalNSW('ip', dims);
    hnsw.readIndexSync(files.index);
    if (hnsw.getNumDimensions() !== dims) throw new Error(`vector index has ${hnsw.getNumDimensions()} dims, expected ${dims}`);
    if (hnsw.getCurrentCount() !== saved.points)
      throw new Error(`vector index has ${hnsw.getCurrentCount()} points, its labels ${saved.points}`);
    return new VectorIndex(hnsw, dims, saved.labels);
  }

  /**
   * Writes both files, each atomically. The pair becomes current only when the
   * caller's manifest names it, so a crash between the two renames leaves the
   * previous pair in use.
   */
  save(files: VectorFiles, disk?: Pick<IndexDisk, 'rename'>): void {
    writeFileAtomic(files.index, (tmp) => this.hnsw.writeIndexSync(tmp), disk);
    const labels: LabelsFile = { points: this.labels.length, hnswBytes: statSync(files.index).size, labels: this.labels };
    writeFileAtomic(files.labels, JSON.stringify(labels), disk);
  }

  get size(): number {
    return this.byId.size;
  }

  ids(): string[] {
    return [...this.byId.keys()];
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** Deleted labels still occupy the graph; rebuild when they dominate it. */
  get wasted(): number {
    return this.labels.length - this.byId.size;
  }

  add(id: string, vector: Float32Array): void {
    if (this.byId.has(id)) return;
    if (vector.length !== this.dims) throw new Error(`vector has ${vector.length} dims, expected ${this.dims}`);
    const label = this.labels.length;
    if (label >= this.hnsw.getMaxElements()) this.hnsw.resizeIndex(Math.ceil(this.hnsw.getMaxElements() * 1.5) + 16);
    this.hnsw.addPoint(Array.from(vector), label);
    this.labels.push(id);
    this.byId.set(id, label);
  }

  remove(id: string): void {
    const label = this.byId.get(id);
    if (label === undefined) return;
    this.hnsw.markDelete(label);
    this.labels[label] = null;
    this.byId.delete(id);
  }

  vector(id: string): Float32Array | undefined {
    const label = this.byId.get(id);
    return label === undefined ? undefined : Float32Array.from(this.hnsw.getPoint(label));
  }

  search(query: Float32Array, k: number): VectorHit[] {
    const n = Math.min(k, this.byId.size);
    if (n === 0) return [];
    const { neighbors, distances } = this.hnsw.searchKnn(Array.from(query), n);
    const hits: VectorHit[] = [];
    neighbors.forEach((label, i) => {
      const id = this.labels[label];
      if (id) hits.push({ id, similarity: 1 - distances[i]! });
    });
    return hits;
  }

  /** A compact copy without deleted labels. */
  compacted(): VectorIndex {
    const fresh = VectorIndex.create(this.dims, this.byId.size + 16);
    for (const [id] of this.byId) fresh.add(id, this.vector(id)!);
    return fresh;
  }
}
