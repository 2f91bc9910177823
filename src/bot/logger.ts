import { pino, type Logger } from 'pino';
import type { SyncReport } from '../index/study-index.js';
import type { LogLevel } from './config.js';

export type BotLogger = Logger;

const REDACTED = '[redacted]';

/**
 * Interaction tokens in request URLs (`/interactions/<id>/<token>/callback`,
 * `/webhooks/<application>/<token>/…`): whoever has one can answer as the bot
 * for 15 minutes, and discord.js puts these URLs in its errors.
 */
const INTERACTION_TOKEN_IN_URL = /(\/(?:interactions|webhooks)\/\d+\/)[^/?#\s"\\]+/g;

/** `line` with every secret and every interaction token in a URL replaced by "[redacted]". */
export function scrub(line: string, secrets: readonly string[]): string {
  const withoutSecrets = secrets.reduce((out, secret) => (out.includes(secret) ? out.split(secret).join(REDACTED) : out), line);
  return withoutSecrets.replace(INTERACTION_TOKEN_IN_URL, `$1${REDACTED}`);
}

/**
 * Structured JSON logs on stdout. The token must never reach a log: fields
 * that could hold it are redacted, and as a last line of defence any line that
 * still contains one of `secrets` (or an interaction token in a URL) has it
 * replaced before it is written.
 */
export function createLogger(
  level: LogLevel,
  secrets: string[],
  write: (line: string) => void = (l) => process.stdout.write(l),
): BotLogger {
  const needles = secrets.filter((s) => s.length >= 8);
  return pino(
    {
      level,
      base: { app: 'studybot' },
      redact: {
        paths: [
          'token',
          '*.token',
          'config.token',
          'DISCORD_TOKEN',
          '*.DISCORD_TOKEN',
          'headers.authorization',
          '*.headers.authorization',
          '*.headers.Authorization',
        ],
        censor: REDACTED,
      },
    },
    {
      write(line: string) {
        write(scrub(line, needles));
      },
    },
  );
}

/** The fields of a sync report worth a log line, shared by the start-up sync and /reindex. */
export function syncLogFields(report: SyncReport) {
  return {
    files: report.files,
    chunks: report.chunks,
    added: report.added,
    removed: report.removed,
    skipped: report.skipped.length,
    ms: Math.round(report.ms),
  };
}
