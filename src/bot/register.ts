#!/usr/bin/env node
/**
 * `npm run register`: (re)registers the slash commands without starting the
 * bot, e.g. after an upgrade changed them. `npm start` does this too.
 */
import { REST } from 'discord.js';
import { commands } from './commands/index.js';
import { loadBotConfigOrExit } from './load-config.js';
import { registerCommands } from './register-commands.js';
import { explainStartupError } from './startup-errors.js';

const config = loadBotConfigOrExit();
const rest = new REST(config.apiUrl ? { api: config.apiUrl } : {}).setToken(config.token);
try {
  const { scope, names } = await registerCommands(rest, config, commands);
  const where = scope === 'guild' ? `in server ${config.guildId} (available now)` : 'globally (may take up to an hour to show everywhere)';
  process.stdout.write(`Registered ${names.map((n) => `/${n}`).join(', ')} ${where}.\n`);
} catch (err) {
  const explanation = explainStartupError(err, config);
  process.stderr.write(`Registering the commands failed. ${explanation ?? (err instanceof Error ? err.message : String(err))}\n`);
  process.exitCode = 1;
}
