#!/usr/bin/env node
/**
 * `npm start`: the Discord bot. The one place with process-wide state:
 * configuration, the logger, signal handlers and the running bot.
 */
import { loadBotConfigOrExit } from './load-config.js';
import { createLogger } from './logger.js';
import type { RunningBot } from './bot.js';

const config = loadBotConfigOrExit();
const logger = createLogger(config.logLevel, [config.token]);

let bot: RunningBot | null = null;
let stopping = false;

async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  try {
    await bot?.stop(signal);
    process.exit(0);
  } catch (err) {
    logger.error({ err }, 'shutdown failed');
    process.exit(1);
  }
}
process.once('SIGINT', () => void stop('SIGINT'));
process.once('SIGTERM', () => void stop('SIGTERM'));
process.on('unhandledRejection', (err) => logger.error({ err }, 'unhandled promise rejection'));

try {
  // Loaded only now, so a configuration mistake is reported before discord.js and the index load.
  // (A signal during start-up exits at once: nothing is in flight yet.)
  const { startBot } = await import('./bot.js');
  bot = await startBot(config, logger);
  void bot.fatal.then(async (closed) => {
    // Discord will not take this connection back: say why, stop cleanly, and exit non-zero so a supervisor sees a failure.
    logger.fatal({ code: closed.code, reason: closed.message }, 'gateway closed for good');
    process.stderr.write(`StudyBot stopped. ${closed.message}\n`);
    if (stopping) return;
    stopping = true;
    await bot?.stop(`gateway close ${closed.code}`).catch((err: unknown) => logger.error({ err }, 'shutdown failed'));
    process.exit(1);
  });
} catch (err) {
  const { explainStartupError } = await import('./startup-errors.js');
  const explanation = explainStartupError(err, config);
  if (explanation) {
    logger.fatal({ reason: explanation }, 'cannot start');
    process.stderr.write(`StudyBot cannot start. ${explanation}\n`);
  } else {
    logger.fatal({ err }, 'start-up failed');
  }
  process.exit(1);
}
