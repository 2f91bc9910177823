import { MessageFlags, type RepliableInteraction } from 'discord.js';
import { fitContent } from '../render/discord.js';

/** Set on every message the bot sends: quoted notes (or questions) must never ping @everyone, roles or users. */
export const NO_MENTIONS = { parse: [] as [] };

/** A short ephemeral text reply as the interaction's first response. */
export function replyPrivately(interaction: RepliableInteraction, text: string) {
  return interaction.reply({ content: fitContent(text), flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
}

/**
 * Tells the user something went wrong, whatever state the interaction is in:
 * a reply when nothing was sent yet, the deferred "thinking…" message replaced
 * when a command deferred, else an ephemeral follow-up.
 */
export async function replyWithError(interaction: RepliableInteraction, text: string): Promise<void> {
  const content = fitContent(text);
  if (!interaction.deferred && !interaction.replied) {
    await interaction.reply({ content, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
  } else if (interaction.deferred && !interaction.replied && !interaction.isMessageComponent()) {
    await interaction.editReply({ content, embeds: [], components: [], allowedMentions: NO_MENTIONS });
  } else {
    // After deferUpdate, editing would overwrite the answer the button belongs to.
    await interaction.followUp({ content, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
  }
}
