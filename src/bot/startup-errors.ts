import { DiscordAPIError } from 'discord.js';
import { DatabaseError } from '../db/database.js';
import { NotesDirError } from '../notes/load.js';
import { IndexProblem } from '../index/faults.js';
import { PORTAL, type BotConfig } from './config.js';
import { FatalGatewayClose } from './gateway-close.js';

/**
 * Turns the failures someone running the bot can fix into one paragraph that
 * says what to do. Null means "a bug": the caller logs it with its stack.
 */
export function explainStartupError(err: unknown, config: Pick<BotConfig, 'clientId' | 'guildId' | 'apiUrl' | 'notesDir'>): string | null {
  if (err instanceof DatabaseError || err instanceof FatalGatewayClose || err instanceof IndexProblem) return err.message;
  if (err instanceof NotesDirError) {
    // The core's message also suggests the CLI's --notes flag, which the bot does not have.
    const problem = err.message.replace(/\s*Pass --notes DIR or set NOTES_DIR\.?$/, '').replace(/\.?$/, '.');
    return `${problem} Set NOTES_DIR (in .env) to the folder that holds your Markdown notes.`;
  }
  const code = (err as { code?: unknown }).code;
  if (code === 'TokenInvalid' || (err instanceof DiscordAPIError && err.status === 401) || (err as { status?: unknown }).status === 401) {
    return `Discord rejected DISCORD_TOKEN (401 Unauthorized): the token is wrong or was reset. Get a new one at ${PORTAL} → your application → "Bot" → "Reset Token" and update .env.`;
  }
  if (err instanceof DiscordAPIError && (err.code === 50001 || err.status === 403)) {
    return config.guildId
      ? `Discord refused to register the commands in server ${config.guildId} (${err.message}). Check DISCORD_GUILD_ID, and that the bot was invited to that server with the "applications.commands" scope: "npm run invite" prints the link that adds it.`
      : `Discord refused to register the commands (${err.message}). Check that DISCORD_CLIENT_ID is the Application ID of the bot's application.`;
  }
  if (err instanceof DiscordAPIError && err.status === 404 && String(err.url).includes('/applications/')) {
    return `Discord does not know application ${config.clientId} (404). Set DISCORD_CLIENT_ID to the "Application ID" from ${PORTAL} → your application → "General Information".`;
  }
  const cause = (err as { cause?: { code?: unknown } }).cause?.code ?? code;
  if (
    cause === 'ECONNREFUSED' ||
    cause === 'ENOTFOUND' ||
    cause === 'ETIMEDOUT' ||
    cause === 'EAI_AGAIN' ||
    cause === 'UND_ERR_CONNECT_TIMEOUT'
  ) {
    return `Cannot reach Discord at ${config.apiUrl ?? 'https://discord.com/api'} (${String(cause)}). Check the network connection${config.apiUrl ? ', or unset DISCORD_API_URL' : ''}.`;
  }
  return null;
}
