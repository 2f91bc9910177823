#!/usr/bin/env node
/**
 * `npm run invite`: prints the link that adds the bot to a server. Needs only
 * DISCORD_CLIENT_ID (the token is not read), so it works before anything else is set up.
 */
import dotenv from 'dotenv';
import { PORTAL } from './config.js';
import { inviteUrl } from './invite.js';

dotenv.config({ quiet: true });

const clientId = process.env.DISCORD_CLIENT_ID?.trim();
if (!clientId || !/^\d{17,20}$/.test(clientId)) {
  process.stderr.write(
    `${clientId ? `DISCORD_CLIENT_ID "${clientId}" is not a Discord id (17 to 20 digits).` : 'DISCORD_CLIENT_ID is not set.'} ` +
      `Copy the "Application ID" from ${PORTAL} → your application → "General Information" into .env, then run npm run invite again.\n`,
  );
  process.exitCode = 1;
} else {
  process.stdout.write(`Open this link to add StudyBot to a server you manage:\n${inviteUrl(clientId)}\n`);
}
