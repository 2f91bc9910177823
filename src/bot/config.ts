import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { configProblems, coreConfigFrom, stripEmpty, type CoreConfig } from '../config/core.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface BotConfig extends CoreConfig {
  token: string;
  clientId: string;
  /** Commands are registered to this guild only (instant updates) when set, globally otherwise. */
  guildId: string | null;
  /** Only for tests and proxies: where discord.js sends REST calls instead of https://discord.com/api. */
  apiUrl: string | null;
  logLevel: LogLevel;
  /** How late a daily concept missed while the bot was down may still be posted. */
  dailyGraceHours: number;
  /** How long a quiz question takes answers before its buttons close. */
  quizTimeoutMinutes: number;
  /** Re-index while running when a note is written (WATCH_NOTES, default on). */
  watchNotes: boolean;
  /** Retrieval threads; 0 answers on the main thread (fine for a small server, see README). */
  askWorkers: number;
  /** Questions that may wait for a free retrieval thread before the bot says "busy, try again". */
  askQueue: number;
}

export type BotConfigResult = { ok: true; config: BotConfig } | { ok: false; message: string };

/** Discord's Developer Portal, where the token and the Application ID are found. */
export const PORTAL = 'https://discord.com/developers/applications';

const MISSING_TOKEN =
  'DISCORD_TOKEN is not set, so StudyBot cannot log in to Discord. To get a token, open ' +
  `${PORTAL}, choose your application (or create one), go to "Bot" and press "Reset Token", then put the line ` +
  'DISCORD_TOKEN=<the token> in a file named .env in the folder you start StudyBot from (copy .env.example to .env ' +
  'to begin), or set it in the environment of the service that runs the bot. Keep the token secret: anyone who has it can act as your bot.';

const BAD_TOKEN =
  'DISCORD_TOKEN does not look like a bot token: a bot token is three parts separated by dots, without spaces or quotes. ' +
  `Copy it again from ${PORTAL} → your application → "Bot" → "Reset Token", and do not put "Bot " in front of it.`;

const GRACE_HELP =
  'DAILY_GRACE_HOURS must be a number of hours between 0 and 23, e.g. 6 (the default): how late a daily concept missed while the bot was down is still posted.';

const ASK_WORKERS_HELP =
  'ASK_WORKERS must be a whole number from 0 to 16: how many threads answer questions (default: one per core beyond the first, at most 4; 0 answers on the main thread).';

const ASK_QUEUE_HELP =
  'ASK_QUEUE must be a whole number of at least 1, e.g. 500 (the default): how many questions may wait for a free thread before the bot answers "busy, try again".';

const QUIZ_TIMEOUT_HELP =
  'QUIZ_TIMEOUT_MINUTES must be a number of minutes above 0 and at most 1440, e.g. 10 (the default): how long a quiz question takes answers.';

const WATCH_HELP =
  'WATCH_NOTES must be true or false (default true): whether the bot re-indexes a note as soon as it is saved. /reindex works either way.';

const snowflake = (name: string, fix: string) =>
  z
    .string({ error: `${name} is not set. ${fix}` })
    .trim()
    .regex(/^\d{17,20}$/, `${name} must be a Discord id (17 to 20 digits). ${fix}`);

const botEnv = z.object({
  DISCORD_TOKEN: z
    .string({ error: MISSING_TOKEN })
    .trim()
    .regex(/^[A-Za-z0-9_\-+/=]+(\.[A-Za-z0-9_\-+/=]+){2}$/, BAD_TOKEN),
  DISCORD_CLIENT_ID: snowflake('DISCORD_CLIENT_ID', `Copy the "Application ID" from ${PORTAL} → your application → "General Information".`),
  DISCORD_GUILD_ID: snowflake(
    'DISCORD_GUILD_ID',
    'Right-click your server in Discord (with Developer Mode on in Settings → Advanced) and "Copy Server ID", or leave DISCORD_GUILD_ID unset to register the commands globally.',
  ).optional(),
  DISCORD_API_URL: z
    .url({
      protocol: /^https?$/,
      error:
        'DISCORD_API_URL must be an http(s) URL such as https://discord.com/api. It is only for tests and proxies: leave it unset to talk to Discord.',
    })
    .optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (default info).` }).default('info'),
  DAILY_GRACE_HOURS: z.coerce.number({ error: GRACE_HELP }).min(0, GRACE_HELP).max(23, GRACE_HELP).default(6),
  QUIZ_TIMEOUT_MINUTES: z.coerce.number({ error: QUIZ_TIMEOUT_HELP }).positive(QUIZ_TIMEOUT_HELP).max(1440, QUIZ_TIMEOUT_HELP).default(10),
  WATCH_NOTES: z
    .string()
    .trim()
    .regex(/^(true|false|1|0|yes|no|on|off)$/i, WATCH_HELP)
    .transform((v) => /^(true|1|yes|on)$/i.test(v))
    .default(true),
  ASK_WORKERS: z.coerce
    .number({ error: ASK_WORKERS_HELP })
    .int(ASK_WORKERS_HELP)
    .min(0, ASK_WORKERS_HELP)
    .max(16, ASK_WORKERS_HELP)
    .optional(),
  ASK_QUEUE: z.coerce
    .number({ error: ASK_QUEUE_HELP })
    .int(ASK_QUEUE_HELP)
    .min(1, ASK_QUEUE_HELP)
    .max(100_000, ASK_QUEUE_HELP)
    .default(500),
});

/**
 * One retrieval thread per core beyond the one the gateway needs, at most four:
 * each thread holds its own copy of the vectors and model.
 */
function defaultAskWorkers(): number {
  return Math.min(4, Math.max(1, availableParallelism() - 1));
}

/**
 * Reads and checks the bot's settings once, at start-up. Every problem is
 * reported with the variable's name and how to fix it; nothing here echoes the
 * token's value.
 */
export function parseBotConfig(env: NodeJS.ProcessEnv): BotConfigResult {
  const values = stripEmpty(env);
  const parsed = botEnv.safeParse(values);
  let core: CoreConfig | null = null;
  const problems: string[] = parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
  try {
    core = coreConfigFrom(env);
  } catch (err) {
    problems.push(...configProblems(err));
  }
  if (!parsed.success || !core) {
    return { ok: false, message: `StudyBot cannot start. ${problems.join('\n\n')}` };
  }
  const v = parsed.data;
  return {
    ok: true,
    config: {
      ...core,
      token: v.DISCORD_TOKEN,
      clientId: v.DISCORD_CLIENT_ID,
      guildId: v.DISCORD_GUILD_ID ?? null,
      apiUrl: v.DISCORD_API_URL ?? null,
      logLevel: v.LOG_LEVEL,
      dailyGraceHours: v.DAILY_GRACE_HOURS,
      quizTimeoutMinutes: v.QUIZ_TIMEOUT_MINUTES,
      watchNotes: v.WATCH_NOTES,
      askWorkers: v.ASK_WORKERS ?? defaultAskWorkers(),
      askQueue: v.ASK_QUEUE,
    },
  };
}
