import { StudyIndex, type SyncReport } from '../index/study-index.js';
import { openDatabase } from '../db/database.js';
import { askMessageRepository } from '../db/ask-messages.js';
import { feedbackRepository } from '../db/feedback.js';
import { guildSettingsRepository } from '../db/guild-settings.js';
import { translatorFor } from '../render/messages.js';
import { join } from 'node:path';
import { fileFormulaCache } from '../render/math/file-cache.js';
import { createFormulaRenderer } from '../render/math/render-formulas.js';
import type { BotConfig } from './config.js';
import type { BotServices } from './context.js';
import { Cooldowns } from './cooldowns.js';
import { handleInteraction, refuseWhileStopping } from './interactions.js';
import { BotLifecycle, createClient } from './lifecycle.js';
import type { FatalGatewayClose } from './gateway-close.js';
import { syncLogFields, type BotLogger } from './logger.js';
import { registerCommands } from './register-commands.js';
import { commands } from './commands/index.js';
import { conceptBankOf } from './concept-bank.js';
import { questionBankOf } from './question-bank.js';
import { noteCardsOf } from './note-cards.js';
import { createDailyScheduler } from './daily.js';
import { QuizRuntime } from './quiz-runtime.js';
import { serverLocale } from './language.js';
import { notesWatch } from './notes-watcher.js';
import { AskPool } from './ask-pool.js';
import { inProcessRetriever, type Retriever } from './retriever.js';

export interface RunningBot {
  /** Stops taking new work, lets in-flight answers finish, then disconnects and closes the database. */
  stop(reason: string): Promise<void>;
  /** Settles when Discord closed the gateway for good (e.g. the token was reset): stop, and exit non-zero. */
  fatal: Promise<FatalGatewayClose>;
}

/** Start-up in the order the README describes: index, database, commands, gateway. */
export async function startBot(config: BotConfig, logger: BotLogger): Promise<RunningBot> {
  const index = await StudyIndex.open({ ...config, logger: logger.child({ part: 'index' }) });
  const report = await index.sync();
  logger.info(
    { ...syncLogFields(report), embedded: report.embedded, rebuilt: report.rebuilt, dense: index.embedder !== null },
    'notes indexed',
  );
  const retriever = await startRetriever(index, config, logger);
  // Built now rather than at the first daily post; rebuilt on its next use after a sync (e.g. /reindex) that changed a note.
  const conceptBank = conceptBankOf(index, logger);
  conceptBank();
  const noteCards = noteCardsOf(index, logger.child({ part: 'cards' }));

  const db = openDatabase(config.dataDir, {
    onMigrate: (version, name) => logger.info({ version, name }, 'database migrated'),
  });
  const client = createClient(config);
  const quiz = new QuizRuntime(db, { timeoutMs: config.quizTimeoutMinutes * 60_000, logger: logger.child({ part: 'quiz' }) });
  const questionBank = questionBankOf(index, conceptBank, quiz.bank, logger);
  questionBank();
  const syncIndex = serialSync(index);
  const settings = guildSettingsRepository(db);
  // One renderer for the process: MathJax is loaded once, on the first formula not in the cache.
  const formulas = createFormulaRenderer({
    cache: fileFormulaCache(join(config.dataDir, 'formulas')),
    logger: logger.child({ part: 'formulas' }),
  });
  const ctx: BotServices = {
    index,
    retriever,
    db: { askMessages: askMessageRepository(db), feedback: feedbackRepository(db), settings },
    logger,
    config,
    cooldowns: new Cooldowns(),
    // Quiz clicks read the concept bank: rebuild it as part of a re-index, not in the middle of someone's question.
    reindex: async () => {
      const synced = await syncIndex();
      await retriever.reload();
      questionBank();
      return synced;
    },
    commands,
    conceptBank,
    questionBank,
    noteCards,
    daily: createDailyScheduler({
      client,
      index,
      conceptBank,
      db,
      formulas,
      notesRoot: config.notesDir,
      graceHours: config.dailyGraceHours,
      logger: logger.child({ part: 'daily' }),
      wrongRate: (guildId, conceptId) => quiz.wrongRate(guildId, conceptId),
      publicT: (guildId, discordLocale) => translatorFor(serverLocale(settings, guildId, discordLocale)),
    }),
    quiz,
    formulas,
  };
  // Live re-index (WATCH_NOTES): through ctx.reindex, so it shares the one sync with /reindex.
  const watch = notesWatch(config.watchNotes, { notesDir: config.notesDir, sync: ctx.reindex, logger: logger.child({ part: 'watch' }) });
  const lifecycle = new BotLifecycle(client, logger, {
    handle: (interaction) => handleInteraction(interaction, ctx),
    refuse: (interaction) => refuseWhileStopping(interaction, ctx),
    stopWork: () => {
      // Questions left open close on their first click after expiry (after the restart).
      quiz.stop();
      // No new daily posts from now on; one being sent may finish. No re-index either; one in progress may finish.
      return Promise.all([ctx.daily.stop(), watch.stop()]).then(() => {});
    },
    release: () => {
      db.close();
      index.close();
      void retriever.close();
    },
  });

  try {
    client.rest.setToken(config.token);
    const registration = await registerCommands(client.rest, config, commands);
    logger.info({ ...registration, guildId: config.guildId }, 'commands registered');
    await lifecycle.connect(config.token);
  } catch (err) {
    await lifecycle.abort();
    throw err;
  }
  // Ticks at once (catching up on a post missed while the bot was down, within the grace period), then every minute.
  ctx.daily.start();
  logger.info({ schedules: ctx.daily.store.enabledSchedules().length, graceHours: config.dailyGraceHours }, 'daily scheduler started');
  // Not awaited: the bot answers (and can be stopped) while the watcher scans the folder; it logs its own failures.
  void watch.start();
  return { stop: (reason) => lifecycle.stop(reason), fatal: lifecycle.fatal };
}

/**
 * Retrieval threads when configured (the default), so a burst of questions never
 * stalls the gateway; otherwise answers on the main thread. Either way the first
 * question is answered warm.
 */
async function startRetriever(index: StudyIndex, config: BotConfig, logger: BotLogger): Promise<Retriever> {
  if (config.askWorkers === 0) {
    const retriever = inProcessRetriever(index);
    // The first question otherwise pays for loading word frequencies and building the glossary.
    await retriever.ask('warm up');
    return retriever;
  }
  const started = performance.now();
  const pool = await AskPool.start({
    setup: { notesDir: config.notesDir, dataDir: config.dataDir, embeddingModel: index.embedder ? config.embeddingModel : null },
    size: config.askWorkers,
    maxWaiting: config.askQueue,
    logger: logger.child({ part: 'retrieval' }),
  });
  logger.info({ workers: pool.size, maxWaiting: config.askQueue, ms: Math.round(performance.now() - started) }, 'retrieval threads ready');
  return pool;
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
