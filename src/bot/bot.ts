import { once } from 'node:events';
import { Client, Events, GatewayIntentBits } from 'discord.js';
import { StudyIndex, type SyncReport } from '../index/study-index.js';
import { ask } from '../search/ask.js';
import { openDatabase, type StudyDatabase } from '../db/database.js';
import { askMessageRepository } from '../db/ask-messages.js';
import { feedbackRepository } from '../db/feedback.js';
import type { BotConfig } from './config.js';
import type { BotContext } from './context.js';
import { Cooldowns } from './cooldowns.js';
import { InFlight, settlesWithin } from './in-flight.js';
import { handleInteraction, refuseWhileStopping } from './interactions.js';
import { syncLogFields, type BotLogger } from './logger.js';
import { registerCommands } from './register-commands.js';
import { commands } from './commands/index.js';
import { NO_MENTIONS } from './replies.js';
import { conceptBankOf } from './concept-bank.js';
import { createDailyScheduler } from './daily.js';
import { QuizRuntime } from './quiz.js';

export interface RunningBot {
  /** Stops taking new work, lets in-flight answers finish, then disconnects and closes the database. */
  stop(reason: string): Promise<void>;
}

/** How long shutdown waits for answers in progress (and for a daily post being sent). */
const DRAIN_TIMEOUT_MS = 10_000;

/** Start-up in the order the README describes: index, database, commands, gateway. */
export async function startBot(config: BotConfig, logger: BotLogger): Promise<RunningBot> {
  const index = await StudyIndex.open({ ...config, logger: logger.child({ part: 'index' }) });
  const report = await index.sync();
  logger.info(
    { ...syncLogFields(report), embedded: report.embedded, rebuilt: report.rebuilt, dense: index.embedder !== null },
    'notes indexed',
  );
  // The first question otherwise pays for loading word frequencies and building the glossary.
  await ask(index, 'warm up');
  // Built now rather than at the first daily post; rebuilt on its next use after a sync (e.g. /reindex) that changed a note.
  const conceptBank = conceptBankOf(index, logger);
  conceptBank();

  let db: StudyDatabase | null = openDatabase(config.dataDir, {
    onMigrate: (version, name) => logger.info({ version, name }, 'database migrated'),
  });
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: NO_MENTIONS,
    ...(config.apiUrl ? { rest: { api: config.apiUrl } } : {}),
  });
  try {
    const quiz = new QuizRuntime(db, { timeoutMs: config.quizTimeoutMinutes * 60_000, logger: logger.child({ part: 'quiz' }) });
    const syncIndex = serialSync(index);
    // Quiz clicks read the concept bank: rebuild it as part of a re-index, not in the middle of someone's question.
    const reindex = async (): Promise<SyncReport> => {
      const synced = await syncIndex();
      conceptBank();
      return synced;
    };
    const ctx: BotContext = {
      index,
      db: { askMessages: askMessageRepository(db), feedback: feedbackRepository(db) },
      logger,
      config,
      cooldowns: new Cooldowns(),
      reindex,
      commands,
      conceptBank,
      daily: createDailyScheduler({
        client, index, conceptBank, db, graceHours: config.dailyGraceHours, logger: logger.child({ part: 'daily' }),
        wrongRate: (guildId, conceptId) => quiz.wrongRate(guildId, conceptId),
      }),
      quiz,
    };

    client.rest.setToken(config.token);
    const registration = await registerCommands(client.rest, config, commands);
    logger.info({ ...registration, guildId: config.guildId }, 'commands registered');

    const inFlight = new InFlight();
    let accepting = true;
    client.on(Events.InteractionCreate, (interaction) => {
      // Each interaction runs on its own; nothing here awaits, so a slow answer never holds up the gateway.
      inFlight.track(accepting ? handleInteraction(interaction, ctx) : refuseWhileStopping(interaction, ctx));
    });
    client.on(Events.Error, (err) => logger.error({ err }, 'discord client error'));
    client.on(Events.Warn, (message) => logger.warn({ message }, 'discord client warning'));
    client.on(Events.ShardDisconnect, (event, shardId) => logger.warn({ code: event.code, shardId }, 'gateway disconnected'));
    client.on(Events.ShardResume, (shardId) => logger.info({ shardId }, 'gateway resumed'));

    await Promise.all([once(client, Events.ClientReady), client.login(config.token)]);
    logger.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'ready');
    // Ticks at once (catching up on a post missed while the bot was down, within the grace period), then every minute.
    ctx.daily.start();
    logger.info({ schedules: ctx.daily.store.enabledSchedules().length, graceHours: config.dailyGraceHours }, 'daily scheduler started');

    let stopping: Promise<void> | null = null;
    return {
      stop(reason) {
        stopping ??= (async () => {
          accepting = false;
          logger.info({ reason, inFlight: inFlight.size }, 'shutting down');
          // Questions left open close on their first click after expiry (after the restart).
          ctx.quiz.stop();
          // No new daily posts from now on; one being sent may finish (as long as answers may) before the client and database go.
          const dailyStopped = settlesWithin(ctx.daily.stop(), DRAIN_TIMEOUT_MS);
          const finished = await inFlight.drain(DRAIN_TIMEOUT_MS);
          if (!finished) logger.warn({ inFlight: inFlight.size }, 'gave up waiting for answers in progress');
          if (!(await dailyStopped)) logger.warn('gave up waiting for the daily post in progress');
          await client.destroy();
          db?.close();
          db = null;
          index.close();
          logger.info('stopped');
        })();
        return stopping;
      },
    };
  } catch (err) {
    await client.destroy().catch(() => {});
    db?.close();
    index.close();
    throw err;
  }
}

/** Shares one running sync between callers: a second /reindex while one runs gets the same report. */
function serialSync(index: StudyIndex): () => Promise<SyncReport> {
  let running: Promise<SyncReport> | null = null;
  return () => {
    running ??= index.sync({ retryModel: true }).finally(() => {
      running = null;
    });
    return running;
  };
}
