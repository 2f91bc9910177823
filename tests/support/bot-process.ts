/**
 * Runs the REAL bot (`node dist/bot/main.js`, built by `npm run build`) as a
 * child process against the fake Discord, for the end-to-end specs.
 *
 * Why a separate process rather than importing startBot(): the e2e specs are
 * about what a user of `npm start` gets — .env/config handling, JSON logs on
 * stdout, readable errors on stderr, signal handling and exit codes — and none
 * of that exists in-process. Tests therefore only see the wire (the fake's
 * recorded requests), the log lines and the database file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { startFakeDiscord, type FakeDiscord, type RecordedRequest } from './fake-discord.js';
import { notesDir, repoRoot } from './paths.js';

export { notesDir };
/** `npm start` and `npm run register`, as built by `npm run build`. */
export const mainJs = path.join(repoRoot, 'dist/bot/main.js');
export const registerJs = path.join(repoRoot, 'dist/bot/register.js');

/**
 * A token shaped like a real one (base64 of the application id . timestamp . HMAC),
 * because discord.js checks the shape before logging in. Give each spec its own
 * `secret` so a leak into the output is findable with a plain `toContain`.
 */
export const fakeBotToken = (applicationId: string, secret: string) => `${Buffer.from(applicationId).toString('base64')}.GzK3xQ.${secret}`;

export type LogLine = Record<string, any>;
export type Exit = { code: number | null; signal: NodeJS.Signals | null };

export interface BotProcess {
  child: ChildProcess;
  /** Everything the process has written so far (kept up to date while it runs). */
  out: { stdout: string; stderr: string };
  /** Resolves on 'close' (the process exited and its output is fully read); never rejects, so it is safe to await after a kill. */
  exited: Promise<Exit>;
}

/**
 * Spawns a bot script without waiting for anything — also for runs expected to
 * fail at start-up. The environment is minimal on purpose: nothing from the
 * developer's shell leaks in, and cwd should be a temp folder so no `.env` is
 * picked up either.
 */
export function spawnBot(opts: { env: Record<string, string>; cwd: string; script?: string }): BotProcess {
  const child = spawn(process.execPath, [opts.script ?? mainJs], {
    cwd: opts.cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? opts.cwd, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = { stdout: '', stderr: '' };
  child.stdout!.on('data', (d: Buffer) => {
    out.stdout += d.toString();
  });
  child.stderr!.on('data', (d: Buffer) => {
    out.stderr += d.toString();
  });
  const exited = new Promise<Exit>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal }));
  });
  return { child, out, exited };
}

/** The bot's stdout as parsed pino lines; anything that is not JSON is kept as `{ unparsed }` so it still shows in failures. */
export function logLines(bot: BotProcess): LogLine[] {
  return bot.out.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      try {
        return JSON.parse(l);
      } catch {
        return { unparsed: l };
      }
    });
}

/**
 * Polls the log until a line matches. Fails fast (with the whole output) if the
 * bot exits first, so a crash at start-up reads as the crash, not as a timeout.
 */
export async function waitForLog(bot: BotProcess, pred: (line: LogLine) => boolean, timeoutMs: number): Promise<LogLine> {
  const deadline = Date.now() + timeoutMs;
  let exit: Exit | null = null;
  void bot.exited.then((e) => {
    exit = e;
  });
  while (Date.now() < deadline) {
    const hit = logLines(bot).find(pred);
    if (hit) return hit;
    if (exit)
      throw new Error(
        `bot exited (${JSON.stringify(exit)}) before the expected log line.\nstdout:\n${bot.out.stdout}\nstderr:\n${bot.out.stderr}`,
      );
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`no matching log line within ${timeoutMs} ms.\nstdout:\n${bot.out.stdout}\nstderr:\n${bot.out.stderr}`);
}

/** Sends a signal and waits for the process to exit. */
export async function stopBot(bot: BotProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<Exit> {
  bot.child.kill(signal);
  return bot.exited;
}

/**
 * One spec file's world: a fake Discord, a temp DATA_DIR, and every bot process
 * started on them. Restarts on the same DATA_DIR are part of several specs,
 * which is why the bots are a list and `close()` owns their clean-up.
 */
export interface BotE2E {
  fake: FakeDiscord;
  dataDir: string;
  /** Every bot started by startBot(), in order — including one whose start-up failed, so close() still kills it. */
  bots: BotProcess[];
  /**
   * Starts `node dist/bot/main.js` with the configuration of a guild install
   * (EMBEDDING_MODEL=none: lexical search only, no model download) and resolves
   * once the log line `readyMsg` appears. `env` adds to or overrides that configuration.
   */
  startBot(opts?: { env?: Record<string, string>; readyMsg?: string; timeoutMs?: number }): Promise<BotProcess>;
  /** Like startBot, without waiting for anything: for runs expected to fail. */
  launchBot(opts?: { env?: Record<string, string> }): BotProcess;
  /** SIGKILLs any bot still running, closes the fake and deletes DATA_DIR. For afterAll. */
  close(): Promise<void>;
}

export async function setUpBotE2E(opts: { applicationId: string; token: string; dataDirPrefix: string }): Promise<BotE2E> {
  const fake = await startFakeDiscord({ applicationId: opts.applicationId });
  const dataDir = mkdtempSync(path.join(tmpdir(), opts.dataDirPrefix));
  const bots: BotProcess[] = [];
  const launchBot = ({ env = {} }: { env?: Record<string, string> } = {}): BotProcess => {
    const bot = spawnBot({
      cwd: dataDir,
      env: {
        DISCORD_TOKEN: opts.token,
        DISCORD_CLIENT_ID: fake.applicationId,
        DISCORD_GUILD_ID: fake.guildId,
        DISCORD_API_URL: fake.apiBase,
        NOTES_DIR: notesDir,
        DATA_DIR: dataDir,
        EMBEDDING_MODEL: 'none',
        LOG_LEVEL: 'debug',
        ...env,
      },
    });
    bots.push(bot);
    return bot;
  };
  return {
    fake,
    dataDir,
    bots,
    launchBot,
    async startBot({ env, readyMsg = 'ready', timeoutMs = 30_000 } = {}) {
      const bot = launchBot({ env });
      await waitForLog(bot, (l) => l.msg === readyMsg, timeoutMs);
      return bot;
    },
    async close() {
      for (const bot of bots) {
        if (bot.child.exitCode === null && bot.child.signalCode === null) await stopBot(bot, 'SIGKILL');
      }
      await fake.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Runs `fn` on the bot's database file and closes it again. Fine while the bot
 * runs: the busy timeout waits out its write locks.
 */
export function withBotDb<T>(dataDir: string, fn: (db: Database.Database) => T, opts: { readonly?: boolean } = {}): T {
  const db = new Database(path.join(dataDir, 'studybot.db'), { readonly: opts.readonly ?? false, fileMustExist: true, timeout: 5000 });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/**
 * Predicates over the fake's recorded requests for the REST calls an
 * interaction produces. Bound to the application id because the webhook paths
 * (edits of the original reply, follow-ups) contain it.
 */
export function interactionRequests(applicationId: string) {
  return {
    /** The interaction's initial response (reply, deferral, update, autocomplete). */
    isCallback: (id: string) => (r: RecordedRequest) =>
      r.method === 'POST' && r.path.startsWith(`/interactions/${id}/`) && r.path.endsWith('/callback'),
    isEditOriginal: (token: string) => (r: RecordedRequest) =>
      r.method === 'PATCH' && r.path === `/webhooks/${applicationId}/${token}/messages/@original`,
    isFollowUp: (token: string) => (r: RecordedRequest) => r.method === 'POST' && r.path === `/webhooks/${applicationId}/${token}`,
  };
}

export { buttons, buttonsOnly, choiceIn, selectMenu } from './buttons.js';

/**
 * Every request that creates or edits a message: webhook edits and follow-ups,
 * channel posts and edits, and interaction callbacks that carry a message (4, 7).
 * The type 5 deferral carries no message, so it has nothing to check.
 */
export function messageRequests(requests: readonly RecordedRequest[]): RecordedRequest[] {
  return requests.filter(
    (r) =>
      (r.method === 'PATCH' && r.path.startsWith('/webhooks/')) ||
      (r.method === 'POST' && /^\/webhooks\/\d+\/[^/]+$/.test(r.path)) ||
      (r.method === 'POST' && /^\/channels\/\d+\/messages$/.test(r.path)) ||
      (r.method === 'PATCH' && /^\/channels\/\d+\/messages\/\d+$/.test(r.path)) ||
      (r.method === 'POST' && r.path.endsWith('/callback') && [4, 7].includes(r.body?.type)),
  );
}

/** The `allowed_mentions` a message request carried (a callback nests the message under `data`). */
export function allowedMentionsOf(r: RecordedRequest): unknown {
  const body = r.path.endsWith('/callback') ? r.body.data : r.body;
  return body.allowed_mentions;
}
