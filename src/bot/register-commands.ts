import { Routes, type REST } from 'discord.js';
import type { BotConfig } from './config.js';
import type { BotCommand } from './context.js';

export interface Registration {
  scope: 'guild' | 'global';
  names: string[];
}

/**
 * Replaces the application's commands with `commands` (a PUT, so removed
 * commands disappear). Guild commands update instantly; global ones can take
 * up to an hour to appear everywhere.
 */
export async function registerCommands(
  rest: REST,
  config: Pick<BotConfig, 'clientId' | 'guildId'>,
  commands: readonly BotCommand[],
): Promise<Registration> {
  const body = commands.map((c) => c.data.toJSON());
  const route = config.guildId
    ? Routes.applicationGuildCommands(config.clientId, config.guildId)
    : Routes.applicationCommands(config.clientId);
  await rest.put(route, { body });
  return { scope: config.guildId ? 'guild' : 'global', names: body.map((c) => c.name) };
}
