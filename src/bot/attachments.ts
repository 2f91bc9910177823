import { PermissionFlagsBits, type AttachmentPayload, type PermissionsBitField } from 'discord.js';
import type { MediaFile, MediaMessageView } from '../render/answer-media.js';

/** Our files as discord.js uploads them: multipart parts, each with its alt text. */
export function discordFiles(files: readonly MediaFile[]): AttachmentPayload[] {
  return files.map((f) => ({ attachment: f.data, name: f.name, description: f.description }));
}

/**
 * The upload part of a message: our files, replacing any the message had
 * (`attachments: []` keeps none of the old ones). Without files the request
 * stays plain JSON rather than an empty multipart upload.
 */
export function uploads(files: readonly MediaFile[]): { files?: AttachmentPayload[]; attachments: [] } {
  return files.length ? { files: discordFiles(files), attachments: [] } : { attachments: [] };
}

/** A rendered message with its files as discord.js sends them. */
export function withUploads<V extends MediaMessageView>({ files, ...view }: V): Omit<V, 'files'> & ReturnType<typeof uploads> {
  return { ...view, ...uploads(files) };
}

/**
 * Whether the bot may attach files where the interaction happened. Discord
 * sends the bot's permissions in that channel with every interaction; without
 * them (an old gateway payload) we try, and Discord has the last word.
 */
export function canAttachFiles(appPermissions: Readonly<PermissionsBitField> | null | undefined): boolean {
  return appPermissions?.has(PermissionFlagsBits.AttachFiles) ?? true;
}
