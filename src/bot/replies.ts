import { MessageFlags, type RepliableInteraction } from 'discord.js';
import { fitContent } from '../render/kit/markdown.js';

/** A short ephemeral text reply as the interaction's first response. */
export function replyPrivately(interaction: RepliableInteraction, text: string) {
  return interaction.reply({ content: fitContent(text), flags: MessageFlags.Ephemeral });
}

/** A short ephemeral follow-up, for a button acknowledged with deferUpdate (or anything already answered). */
export function tellPrivately(interaction: RepliableInteraction, text: string) {
  return interaction.followUp({ content: fitContent(text), flags: MessageFlags.Ephemeral });
}

/**
 * Tells the user something went wrong, whatever state the interaction is in:
 * a reply when nothing was sent yet, the deferred "thinking…" message replaced
 * when a command deferred, else an ephemeral follow-up.
 */
export async function replyWithError(interaction: RepliableInteraction, text: string): Promise<void> {
  const content = fitContent(text);
  if (!interaction.deferred && !interaction.replied) {
    await interaction.reply({ content, flags: MessageFlags.Ephemeral });
  } else if (interaction.deferred && !interaction.replied && !interaction.isMessageComponent()) {
    await interaction.editReply({ content, embeds: [], components: [] });
  } else {
    // After deferUpdate, editing would overwrite the answer the button belongs to.
    await tellPrivately(interaction, content);
  }
}
