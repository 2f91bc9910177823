import { once } from 'node:events';
import { Client, Events, GatewayIntentBits } from 'discord.js';
import { StudyIndex } from '../index/study-index.js';
import { ask } from '../search/ask.js';
import { openDatabase, type StudyDatabase } from '../db/database.js';
import { askMessageRepository } from '../db/ask-messages.js';
import { feedbackRepository } from '../db/feedback.js';
import type { BotConfig } from './config.js';
import { serialSync, type BotContext } from './context.js';
import { Cooldowns } from './cooldowns.js';
import { InFlight } from './in-flight.js';
import { handleInteraction, refuseWhileStopping } from './interactions.js';
import type { BotLogger } from './logger.js';
import { registerCommands } from './register-commands.js';
import { commands } from './commands/index.js';
import { NO_MENTIONS } from './replies.js';

export interface RunningBot {
  /** Stops taking new work, lets in-flight answers finish, then disconnects and closes the database. */
  stop(reason: string): Promise<void>;
}

export interface StartOptions {
  /** How long shutdown waits for answers in progress. */
  drainTimeoutMs?: number;
}

/** Start-up in the order the README describes: index, database, commands, gateway. */
export async function startBot(config: BotConfig, logger: BotLogger, options: StartOptions = {}): Promise<RunningBot> {
  const index = await StudyIndex.open({ ...config, logger: logger.child({ part: 'index' }) });
  const report = await index.sync();
  logger.info(
    { files: report.files, chunks: report.chunks, added: report.added, removed: report.removed, embedded: report.embedded,
      skipped: report.skipped.length, rebuilt: report.rebuilt, ms: Math.round(report.ms), dense: index.embedder !== null },
    'notes indexed',
  );
  // The first question otherwise pays for loading word frequencies and building the glossary.
  await ask(index, 'warm up');

  let db: StudyDatabase | null = openDatabase(config.dataDir, {
    onMigrate: (version, name) => logger.info({ version, name }, 'database migrated'),
  });
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: NO_MENTIONS,
    ...(config.apiUrl ? { rest: { api: config.apiUrl } } : {}),
  });
  try {
    const ctx: BotContext = {
      index,
      db: { askMessages: askMessageRepository(db), feedback: feedbackRepository(db) },
      logger,
      config,
      cooldowns: new Cooldowns(),
      reindex: serialSync(index),
      commands,
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

    let stopping: Promise<void> | null = null;
    return {
      stop(reason) {
        stopping ??= (async () => {
          accepting = false;
          logger.info({ reason, inFlight: inFlight.size }, 'shutting down');
          const finished = await inFlight.drain(options.drainTimeoutMs ?? 10_000);
          if (!finished) logger.warn({ inFlight: inFlight.size }, 'gave up waiting for answers in progress');
          await client.destroy();
          db?.close();
          db = null;
          logger.info('stopped');
        })();
        return stopping;
      },
    };
  } catch (err) {
    await client.destroy().catch(() => {});
    db?.close();
    throw err;
  }
}
