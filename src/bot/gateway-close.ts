import { PORTAL } from './config.js';

/**
 * Gateway close codes after which discord.js gives up for good. The process
 * must then exit non-zero (so systemd's Restart=on-failure sees it) with a
 * sentence naming the cause, instead of idling disconnected forever.
 */
const FATAL_CLOSES: Readonly<Record<number, string>> = {
  4004: `Discord rejected the token (4004 Authentication failed): check DISCORD_TOKEN. It may have been reset; get a new one at ${PORTAL} → your application → "Bot" → "Reset Token" and update .env.`,
  4010: 'Discord rejected the shard settings (4010 Invalid shard). StudyBot runs as a single shard; check that nothing else sets sharding for it.',
  4011: 'Discord requires sharding for this bot (4011 Sharding required): it is in too many servers for one gateway connection, which StudyBot does not support.',
  4012: 'Discord rejected the gateway API version (4012 Invalid API version): update StudyBot (its discord.js) to a current release.',
  4013: 'Discord rejected the gateway intents (4013 Invalid intents): the intents StudyBot asks for are malformed. This is a bug; please report it.',
  4014: `Discord refused an intent the bot asked for (4014 Disallowed intents): enable it for your application at ${PORTAL} → "Bot" → "Privileged Gateway Intents", or use a StudyBot version that does not need it.`,
};

/** The gateway closed with a code that means reconnecting cannot help. */
export class FatalGatewayClose extends Error {
  constructor(readonly code: number) {
    super(FATAL_CLOSES[code] ?? `Discord closed the gateway connection with code ${code}, after which it cannot reconnect.`);
    this.name = 'FatalGatewayClose';
  }
}

export function isFatalCloseCode(code: number): boolean {
  return code in FATAL_CLOSES;
}
