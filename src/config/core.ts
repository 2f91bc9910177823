import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_EMBEDDING_MODEL } from '../index/embedder.js';
import { parseNotesUrl, type NotesUrl } from '../notes/citation-url.js';

/** Settings every front end (CLI, bot, eval, bench) shares. */
export interface CoreConfig {
  notesDir: string;
  dataDir: string;
  /** null when the dense leg is switched off with EMBEDDING_MODEL=none. */
  embeddingModel: string | null;
  /** Notes over this size are skipped (MAX_NOTE_MB); unset means the index's default, 2 MB. */
  maxNoteBytes?: number;
  /** Where the notes are published (NOTES_URL): citations become links; null for plain `file:lines`. */
  notesUrl: NotesUrl | null;
}

const coreEnv = z.object({
  NOTES_DIR: z.string().trim().min(1).default('./notes'),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  EMBEDDING_MODEL: z.string().trim().min(1).default(DEFAULT_EMBEDDING_MODEL),
  MAX_NOTE_MB: megabytes('MAX_NOTE_MB (--max-note-mb)').optional(),
  NOTES_URL: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const parsed = parseNotesUrl(raw);
      if (parsed.ok) return parsed.notesUrl;
      ctx.addIssue({ code: 'custom', message: parsed.message });
      return z.NEVER;
    }),
});

/** A size in MB (fractions allowed), as bytes. */
function megabytes(name: string) {
  return z.coerce
    .number({ message: `${name} must be a number of megabytes, e.g. 2` })
    .positive({ message: `${name} must be above 0` })
    .max(1024, { message: `${name} must be at most 1024` })
    .transform((mb) => Math.round(mb * 1024 * 1024));
}

/** Reads the shared settings from the environment; command-line flags win over it. */
export function coreConfigFrom(env: NodeJS.ProcessEnv, flags: { notes?: string; data?: string; maxNoteMb?: string } = {}): CoreConfig {
  const parsed = coreEnv.parse({ ...stripEmpty(env), ...(flags.maxNoteMb !== undefined ? { MAX_NOTE_MB: flags.maxNoteMb } : {}) });
  const model = parsed.EMBEDDING_MODEL;
  return {
    notesDir: path.resolve(flags.notes ?? parsed.NOTES_DIR),
    dataDir: path.resolve(flags.data ?? parsed.DATA_DIR),
    embeddingModel: /^(none|off|false)$/i.test(model) ? null : model,
    // Left out when unset, so that the index's default applies.
    ...(parsed.MAX_NOTE_MB !== undefined ? { maxNoteBytes: parsed.MAX_NOTE_MB } : {}),
    notesUrl: parsed.NOTES_URL,
  };
}

/** What is wrong with the settings coreConfigFrom refused, one sentence per problem. */
export function configProblems(err: unknown): string[] {
  const issues = (err as { issues?: Array<{ message: string }> }).issues;
  return issues ? issues.map((i) => i.message) : [(err as Error).message];
}

/** `FOO=` in a .env file means "not set", not "set to nothing". */
export function stripEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v.trim() !== '') out[k] = v;
  return out;
}
