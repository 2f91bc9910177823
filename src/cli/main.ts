#!/usr/bin/env node
import { parseArgs } from 'node:util';
import 'dotenv/config';
import { coreConfigFrom } from '../config/core.js';
import { stderrLogger } from '../log.js';
import { NotesDirError } from '../notes/load.js';
import type { CliContext } from './context.js';
import * as askCommand from './commands/ask-command.js';
import * as indexCommand from './commands/index-command.js';
import * as previewCommand from './commands/preview-command.js';

const commands: Record<string, { usage: string; execute: (ctx: CliContext) => Promise<number> }> = {
  index: indexCommand,
  ask: askCommand,
  preview: previewCommand,
};

const HELP = `StudyBot: answers questions by quoting your Markdown notes.

Usage:
  ${indexCommand.usage}
  ${askCommand.usage}
  ${previewCommand.usage}

Environment (or .env): NOTES_DIR (default ./notes), DATA_DIR (default ./data),
EMBEDDING_MODEL (hub id or local folder, "none" for keyword search only).`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    process.stderr.write(`${name && name !== '--help' && name !== 'help' ? `Unknown command "${name}".\n\n` : ''}${HELP}\n`);
    return name && name !== '--help' && name !== 'help' ? 2 : 0;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        notes: { type: 'string' },
        data: { type: 'string' },
        k: { type: 'string' },
        json: { type: 'boolean', default: false },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
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
  const ctx: CliContext = {
    config: coreConfigFrom(process.env, { notes: parsed.values.notes, data: parsed.values.data }),
    args: parsed.positionals,
    flags: { k, json: parsed.values.json ?? false, ...(parsed.values.out ? { outDir: parsed.values.out } : {}) },
    logger: stderrLogger(),
    out: (text) => process.stdout.write(`${text}\n`),
  };
  try {
    return await command.execute(ctx);
  } catch (err) {
    if (err instanceof NotesDirError) {
      ctx.logger.error(err.message);
      return 2;
    }
    throw err;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`studybot failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
