import { pino, type Logger } from 'pino';
import type { SyncReport } from '../index/study-index.js';
import type { LogLevel } from './config.js';

export type BotLogger = Logger;

const REDACTED = '[redacted]';

/**
 * Structured JSON logs on stdout. The token must never reach a log: fields
 * that could hold it are redacted, and as a last line of defence any line that
 * still contains one of `secrets` has it replaced before it is written.
 */
export function createLogger(level: LogLevel, secrets: string[], write: (line: string) => void = (l) => process.stdout.write(l)): BotLogger {
  const needles = secrets.filter((s) => s.length >= 8);
  return pino(
    {
      level,
      base: { app: 'studybot' },
      redact: {
        paths: ['token', '*.token', 'config.token', 'DISCORD_TOKEN', '*.DISCORD_TOKEN', 'headers.authorization', '*.headers.authorization', '*.headers.Authorization'],
        censor: REDACTED,
      },
    },
    {
      write(line: string) {
        write(needles.reduce((out, secret) => (out.includes(secret) ? out.split(secret).join(REDACTED) : out), line));
      },
    },
  );
}

/** The fields of a sync report worth a log line, shared by the start-up sync and /reindex. */
export function syncLogFields(report: SyncReport) {
  return { files: report.files, chunks: report.chunks, added: report.added, removed: report.removed, skipped: report.skipped.length, ms: Math.round(report.ms) };
}
