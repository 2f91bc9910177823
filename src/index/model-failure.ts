import { readFileSync, rmSync } from 'node:fs';
import type { Logger } from '../log.js';
import { writeFileAtomic } from './atomic.js';
import { loadEmbedder, type Embedder } from './embedder.js';
import type { StorePaths } from './store.js';

/** A model that failed to load is tried again after this long (or when asked to). */
export const MODEL_RETRY_MS = 24 * 60 * 60 * 1000;

/** What DATA_DIR/model-failure.json remembers. */
interface ModelFailure {
  model: string;
  /** ISO time of the failed attempt. */
  at: string;
  reason: string;
}

export interface LoadModelOptions {
  /** Try even when the model failed less than a day ago (`studybot index`, /reindex). */
  retry?: boolean;
  /** Remember nothing on disk (DATA_DIR cannot be written). */
  readOnly?: boolean;
  now?: () => number;
}

/**
 * The embedder for `model`, or null (dense leg off) when it cannot load.
 * Offline, every attempt at a hub model costs network time-outs and printed the
 * same warning on every `ask`: a failure is remembered in DATA_DIR, said once
 * with the fix, and not retried for a day unless `retry` is set.
 */
export async function loadEmbedderOrRemember(
  model: string | null,
  paths: StorePaths,
  logger: Logger,
  options: LoadModelOptions = {},
): Promise<Embedder | null> {
  if (!model) return null;
  const now = options.now ?? Date.now;
  const failed = readFailure(paths);
  if (!options.retry && failed?.model === model && now() - Date.parse(failed.at) < MODEL_RETRY_MS) return null;
  try {
    const embedder = await loadEmbedder(model, { cacheDir: paths.models });
    if (failed && !options.readOnly) rmSync(paths.modelFailure, { force: true });
    return embedder;
  } catch (err) {
    const reason = (err as Error).message.split('\n')[0] ?? '';
    logger.warn(
      `Dense (semantic) search is off: could not load the embedding model "${model}" (${reason}). ` +
        'Keyword search still works. To enable it, run once with internet access so the model is downloaded ' +
        `and cached in ${paths.models}, or set EMBEDDING_MODEL to a local model folder; ` +
        'to silence this, set EMBEDDING_MODEL=none. StudyBot tries again in a day, or at the next `studybot index` or /reindex.',
    );
    if (!options.readOnly) rememberFailure(paths, { model, at: new Date(now()).toISOString(), reason });
    return null;
  }
}

function readFailure(paths: StorePaths): ModelFailure | null {
  try {
    const saved = JSON.parse(readFileSync(paths.modelFailure, 'utf8')) as Partial<ModelFailure>;
    return typeof saved.model === 'string' && typeof saved.at === 'string'
      ? { model: saved.model, at: saved.at, reason: String(saved.reason ?? '') }
      : null;
  } catch {
    return null;
  }
}

function rememberFailure(paths: StorePaths, failure: ModelFailure): void {
  try {
    writeFileAtomic(paths.modelFailure, `${JSON.stringify(failure, null, 2)}\n`);
  } catch {
    // Only a convenience: without it the next run tries (and warns) again.
  }
}
