import { IndexStore } from '../index/store.js';
import type { Embedder } from '../index/embedder.js';
import { KeywordIndex } from '../index/keyword.js';
import { VectorIndex } from '../index/vectors.js';

/**
 * Phase timers for one bench child process. The retrieval code is not
 * changed: the bench wraps a few prototype methods (and the embedder object)
 * of the classes it measures, so a sync can be split into parse/chunk,
 * keyword indexing, embedding, HNSW insertion and saving.
 */
export interface PhaseTimes {
  keywordAddMs: number;
  keywordAdds: number;
  keywordRemoveMs: number;
  vectorAddMs: number;
  vectorAdds: number;
  vectorSaveMs: number;
  saveMs: number;
  embedMs: number;
  embedTexts: number;
}

export const phases: PhaseTimes = {
  keywordAddMs: 0,
  keywordAdds: 0,
  keywordRemoveMs: 0,
  vectorAddMs: 0,
  vectorAdds: 0,
  vectorSaveMs: 0,
  saveMs: 0,
  embedMs: 0,
  embedTexts: 0,
};

export function resetPhases(): void {
  for (const key of Object.keys(phases) as Array<keyof PhaseTimes>) phases[key] = 0;
}

type AnyFn = (this: unknown, ...args: never[]) => unknown;

function wrap(proto: object, name: string, onDone: (ms: number) => void): void {
  const target = proto as Record<string, AnyFn>;
  const original = target[name];
  if (typeof original !== 'function') throw new Error(`bench: cannot instrument missing method ${name}`);
  if ((original as { __benchWrapped?: boolean }).__benchWrapped) return;
  const wrapped = function (this: unknown, ...args: never[]) {
    const t = performance.now();
    try {
      return original.apply(this, args);
    } finally {
      onDone(performance.now() - t);
    }
  };
  (wrapped as { __benchWrapped?: boolean }).__benchWrapped = true;
  target[name] = wrapped;
}

let installed = false;

/** Installs the timers once per process. */
export function instrument(): void {
  if (installed) return;
  installed = true;
  wrap(KeywordIndex.prototype, 'add', (ms) => {
    phases.keywordAddMs += ms;
    phases.keywordAdds++;
  });
  wrap(KeywordIndex.prototype, 'remove', (ms) => (phases.keywordRemoveMs += ms));
  wrap(VectorIndex.prototype, 'add', (ms) => {
    phases.vectorAddMs += ms;
    phases.vectorAdds++;
  });
  wrap(VectorIndex.prototype, 'save', (ms) => {
    phases.vectorSaveMs += ms;
    phases.saveMs += ms;
  });
  // Keyword adds and removes run inside the store's transaction: "save" is the rest of it
  // (chunk and file rows, topical terms, commit) plus writing the vector files.
  let keywordBefore = 0;
  const keywordMs = () => phases.keywordAddMs + phases.keywordRemoveMs;
  const originalTransaction = IndexStore.prototype.transaction;
  IndexStore.prototype.transaction = function <T>(this: IndexStore, fn: () => T): T {
    keywordBefore = keywordMs();
    const t = performance.now();
    try {
      return originalTransaction.call(this, fn) as T;
    } finally {
      phases.saveMs += performance.now() - t - (keywordMs() - keywordBefore);
    }
  };
}

/** Times the model calls of an embedder in place (the object StudyIndex holds). */
export function timeEmbedder(embedder: Embedder): void {
  const target = embedder as { embed: Embedder['embed'] };
  const original = target.embed.bind(embedder);
  target.embed = async (texts, kind) => {
    const t = performance.now();
    try {
      return await original(texts, kind);
    } finally {
      phases.embedMs += performance.now() - t;
      phases.embedTexts += texts.length;
    }
  };
}

/**
 * Replaces the embedder's query inference by a lookup of precomputed vectors,
 * so `ask` timings exclude the model; unknown texts fall through to the model.
 */
export function cacheQueryVectors(embedder: Embedder, cache: Map<string, Float32Array>): () => void {
  const target = embedder as { embed: Embedder['embed'] };
  const original = target.embed;
  target.embed = async (texts, kind) => {
    if (kind === 'query') {
      const hits = texts.map((t) => cache.get(t));
      if (hits.every((v): v is Float32Array => v !== undefined)) return hits;
    }
    return original.call(embedder, texts, kind);
  };
  return () => {
    target.embed = original;
  };
}
