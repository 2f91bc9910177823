import type { Interaction } from 'discord.js';
import { cooldownMessage, MESSAGES } from '../render/discord.js';
import type { BotContext } from './context.js';
import { handleButton } from './components/index.js';
import { replyPrivately, replyWithError } from './replies.js';

/**
 * Answers one interaction. Never throws: a failing handler is logged with the
 * interaction id and the user still gets a short message, so no interaction
 * is left hanging on "StudyBot is thinking…".
 */
export async function handleInteraction(interaction: Interaction, ctx: BotContext): Promise<void> {
  const started = performance.now();
  const what = describe(interaction);
  try {
    if (interaction.isChatInputCommand()) {
      const command = ctx.commands.find((c) => c.data.name === interaction.commandName);
      if (!command) {
        await replyPrivately(interaction, MESSAGES.unknownCommand);
        return;
      }
      const cooldown = ctx.cooldowns.take(interaction.user.id, command.data.name, command.cooldownMs ?? 0);
      if (!cooldown.ok) {
        await replyPrivately(interaction, cooldownMessage(cooldown.remainingMs, command.data.name));
        return;
      }
      await command.execute(interaction, ctx);
    } else if (interaction.isButton()) {
      await handleButton(interaction, ctx);
    } else if (interaction.isAutocomplete()) {
      // Suggestions while an option is typed; an empty list when the command offers none.
      const command = ctx.commands.find((c) => c.data.name === interaction.commandName);
      await (command?.autocomplete ? command.autocomplete(interaction, ctx) : interaction.respond([]));
    } else if (interaction.isRepliable()) {
      // Selects, modals… are not used by StudyBot; say so instead of letting Discord time out.
      await replyPrivately(interaction, MESSAGES.unknownButton);
    }
    ctx.logger.info({ interactionId: interaction.id, what, userId: interaction.user.id, ms: Math.round(performance.now() - started) }, 'interaction handled');
  } catch (err) {
    ctx.logger.error({ err, interactionId: interaction.id, what, userId: interaction.user.id }, 'interaction failed');
    if (!interaction.isRepliable()) return;
    await replyWithError(interaction, MESSAGES.failed).catch((replyErr: unknown) => {
      ctx.logger.error({ err: replyErr, interactionId: interaction.id }, 'could not tell the user about the failure');
    });
  }
}

/** Answers without doing the work: used while shutting down. */
export async function refuseWhileStopping(interaction: Interaction, ctx: BotContext): Promise<void> {
  if (!interaction.isRepliable()) return;
  await replyPrivately(interaction, MESSAGES.restarting).catch((err: unknown) => {
    ctx.logger.warn({ err, interactionId: interaction.id }, 'could not answer during shutdown');
  });
}

function describe(interaction: Interaction): string {
  if (interaction.isChatInputCommand()) return `/${interaction.commandName}`;
  if (interaction.isMessageComponent()) return `button ${interaction.customId}`;
  if (interaction.isAutocomplete()) return `/${interaction.commandName} autocomplete`;
  return `interaction type ${interaction.type}`;
}
