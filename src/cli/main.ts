#!/usr/bin/env node
import { parseArgs } from 'node:util';
import 'dotenv/config';
import { configProblems, coreConfigFrom, type CoreConfig } from '../config/core.js';
import { stderrLogger } from '../log.js';
import { NotesDirError } from '../notes/load.js';
import { ForeignDataDirError } from '../index/data-dir.js';
import { IndexProblem } from '../index/faults.js';
import { OtherNotesError } from '../index/open-store.js';
import type { CliContext } from './context.js';

interface CliCommand {
  usage: string;
  execute: (ctx: CliContext) => Promise<number>;
}

/**
 * Each command is loaded when it runs: the preview's renderer (discord.js, the
 * formula rasteriser) would cost `studybot ask` a quarter of a second to load.
 */
const commands: Record<string, () => Promise<CliCommand>> = {
  index: () => import('./commands/index-command.js'),
  ask: () => import('./commands/ask-command.js'),
  preview: () => import('./commands/preview-command.js'),
};

async function help(): Promise<string> {
  const usages = await Promise.all(Object.values(commands).map(async (load) => (await load()).usage));
  return `StudyBot: answers questions by quoting your Markdown notes.

Usage:
${usages.map((usage) => `  ${usage}`).join('\n')}

Options:
  --rebuild          replace the index in the data folder, even one built from other notes
  --max-note-mb N    skip notes larger than N MB (default 2; MAX_NOTE_MB)

Environment (or .env): NOTES_DIR (default ./notes), DATA_DIR (default ./data),
EMBEDDING_MODEL (hub id or local folder, "none" for keyword search only), MAX_NOTE_MB.`;
}

/** The flags every command takes (each reads the ones it needs). */
const CLI_OPTIONS = {
  notes: { type: 'string' },
  data: { type: 'string' },
  k: { type: 'string' },
  json: { type: 'boolean', default: false },
  rebuild: { type: 'boolean', default: false },
  'max-note-mb': { type: 'string' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

function parseCliArgs(args: string[]) {
  return parseArgs({ args, allowPositionals: true, options: CLI_OPTIONS });
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const load = name && Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!load) {
    process.stderr.write(`${name && name !== '--help' && name !== 'help' ? `Unknown command "${name}".\n\n` : ''}${await help()}\n`);
    return name && name !== '--help' && name !== 'help' ? 2 : 0;
  }
  const command = await load();
  let parsed: ReturnType<typeof parseCliArgs>;
  try {
    parsed = parseCliArgs(rest);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\nUsage: ${command.usage}\n`);
    return 2;
  }
  if (parsed.values.help) {
    process.stdout.write(`Usage: ${command.usage}\n`);
    return 0;
  }
  const k = parsed.values.k === undefined ? 5 : Number(parsed.values.k);
  if (!Number.isInteger(k) || k < 1 || k > 50) {
    process.stderr.write(`--k must be a whole number from 1 to 50 (got "${parsed.values.k}").\n`);
    return 2;
  }
  let config: CoreConfig;
  try {
    config = coreConfigFrom(process.env, { notes: parsed.values.notes, data: parsed.values.data, maxNoteMb: parsed.values['max-note-mb'] });
  } catch (err) {
    process.stderr.write(`error: ${configProblems(err).join('; ')}\n`);
    return 2;
  }
  const ctx: CliContext = {
    config,
    args: parsed.positionals,
    flags: {
      k,
      json: parsed.values.json ?? false,
      rebuild: parsed.values.rebuild ?? false,
      ...(parsed.values.out ? { outDir: parsed.values.out } : {}),
    },
    logger: stderrLogger(),
    out: (text) => process.stdout.write(`${text}\n`),
  };
  try {
    return await command.execute(ctx);
  } catch (err) {
    // Bad input: the notes folder, or a data folder that is not this one's to use.
    if (err instanceof NotesDirError || err instanceof OtherNotesError || err instanceof ForeignDataDirError) {
      ctx.logger.error(err.message);
      return 2;
    }
    // The disk, not the program: one sentence, no stack trace.
    if (err instanceof IndexProblem) {
      ctx.logger.error(err.message);
      return 1;
    }
    throw err;
  }
}

/** zod's issues as one line per problem. */
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`studybot failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
