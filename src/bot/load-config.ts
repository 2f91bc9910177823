import dotenv from 'dotenv';
import { parseBotConfig, type BotConfig } from './config.js';

/**
 * The start-up shared by `npm start` and `npm run register`: reads `.env` from
 * the working folder (the real environment wins), then the bot configuration.
 * A mistake there is the user's to fix, not a bug, so it is printed as the one
 * readable paragraph parseBotConfig wrote (no stack trace) and the process exits 1.
 *
 * Deliberately imports neither discord.js nor the index, so `npm start` can
 * report a configuration mistake before loading them.
 */
export function loadBotConfigOrExit(): BotConfig {
  dotenv.config({ quiet: true });
  const parsed = parseBotConfig(process.env);
  if (!parsed.ok) {
    process.stderr.write(`${parsed.message}\n`);
    process.exit(1);
  }
  return parsed.config;
}
