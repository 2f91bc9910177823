import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_EMBEDDING_MODEL } from '../index/embedder.js';

/** Settings every front end (CLI, bot, eval, bench) shares. */
export interface CoreConfig {
  notesDir: string;
  dataDir: string;
  /** null when the dense leg is switched off with EMBEDDING_MODEL=none. */
  embeddingModel: string | null;
}

const coreEnv = z.object({
  NOTES_DIR: z.string().trim().min(1).default('./notes'),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  EMBEDDING_MODEL: z.string().trim().min(1).default(DEFAULT_EMBEDDING_MODEL),
});

/** Reads the shared settings from the environment; command-line flags win over it. */
export function coreConfigFrom(env: NodeJS.ProcessEnv, flags: { notes?: string; data?: string } = {}): CoreConfig {
  const parsed = coreEnv.parse(stripEmpty(env));
  const model = parsed.EMBEDDING_MODEL;
  return {
    notesDir: path.resolve(flags.notes ?? parsed.NOTES_DIR),
    dataDir: path.resolve(flags.data ?? parsed.DATA_DIR),
    embeddingModel: /^(none|off|false)$/i.test(model) ? null : model,
  };
}

/** `FOO=` in a .env file means "not set", not "set to nothing". */
export function stripEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v.trim() !== '') out[k] = v;
  return out;
}
