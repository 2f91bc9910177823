import { OAuth2Scopes, PermissionFlagsBits, PermissionsBitField } from 'discord.js';

/**
 * What the bot needs in a channel to do its work: see it, post answers, quizzes
 * and daily concepts as embeds, and attach rendered formulas and note images.
 * The invite link and the `/daily set` channel check both read this one list.
 */
export const BOT_CHANNEL_PERMISSIONS = [
  PermissionFlagsBits.ViewChannel,
  PermissionFlagsBits.SendMessages,
  PermissionFlagsBits.EmbedLinks,
  PermissionFlagsBits.AttachFiles,
] as const;

/** `bot` puts the bot in the server; `applications.commands` lets it register slash commands there. */
export const INVITE_SCOPES = [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands] as const;

export function invitePermissions(): bigint {
  return new PermissionsBitField([...BOT_CHANNEL_PERMISSIONS]).bitfield;
}

/** The OAuth2 link that adds the application to a server with exactly the permissions above. */
export function inviteUrl(clientId: string): string {
  const url = new URL('https://discord.com/oauth2/authorize');
  url.searchParams.set('client_id', clientId);
  url.searchParams.set('scope', INVITE_SCOPES.join(' '));
  url.searchParams.set('permissions', invitePermissions().toString());
  return url.toString();
}
