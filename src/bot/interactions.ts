import type { ChatInputCommandInteraction, Interaction } from 'discord.js';
import { parseCustomId, type ButtonAction } from '../render/custom-ids.js';
import { buttonRoutes, type ButtonRoute } from './components/index.js';
import { buttonIdsOf } from './message-buttons.js';
import type { BotContext, BotServices, ComponentInteraction } from './context.js';
import { refusal, withChoiceGuards } from './guards.js';
import { interactionLanguage } from './language.js';
import { replyPrivately, replyWithError } from './replies.js';

/**
 * The one dispatcher: finds the command or button an interaction is for,
 * applies its declared guards, and runs it. Never throws: a failing handler is
 * logged with the interaction id and the user still gets a short message, so
 * no interaction is left hanging on "StudyBot is thinking…".
 */
export async function handleInteraction(interaction: Interaction, services: BotServices): Promise<void> {
  const started = performance.now();
  const ctx = contextFor(interaction, services);
  const what = describe(interaction);
  try {
    if (interaction.isChatInputCommand()) {
      await runCommand(interaction, ctx);
    } else if (interaction.isButton() || interaction.isStringSelectMenu()) {
      await runComponent(interaction, ctx);
    } else if (interaction.isAutocomplete()) {
      // Suggestions while an option is typed; an empty list when the command offers none.
      const command = ctx.commands.find((c) => c.data.name === interaction.commandName);
      await (command?.autocomplete ? command.autocomplete(interaction, ctx) : interaction.respond([]));
    } else if (interaction.isRepliable()) {
      // Other selects, modals… are not used by StudyBot; say so instead of letting Discord time out.
      await replyPrivately(interaction, ctx.t('interaction.unknownButton'));
    }
    ctx.logger.info(
      { interactionId: interaction.id, what, userId: interaction.user.id, ms: Math.round(performance.now() - started) },
      'interaction handled',
    );
  } catch (err) {
    ctx.logger.error({ err, interactionId: interaction.id, what, userId: interaction.user.id }, 'interaction failed');
    if (!interaction.isRepliable()) return;
    await replyWithError(interaction, ctx.t('interaction.failed')).catch((replyErr: unknown) => {
      ctx.logger.error({ err: replyErr, interactionId: interaction.id }, 'could not tell the user about the failure');
    });
  }
}

async function runCommand(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const command = ctx.commands.find((c) => c.data.name === interaction.commandName);
  if (!command) {
    await replyPrivately(interaction, ctx.t('interaction.unknownCommand'));
    return;
  }
  const cooldown = command.cooldownMs ? { bucket: command.data.name, ms: command.cooldownMs } : undefined;
  const guards = withChoiceGuards({ ...command, cooldown }, command.choiceGuards, (option) => interaction.options.getString(option));
  const refused = refusal(interaction, guards, ctx.cooldowns, ctx.t);
  if (refused) {
    await replyPrivately(interaction, refused);
    return;
  }
  await command.execute(interaction, ctx);
}

/** A button, or a drop-down list, whose chosen value completes the action its custom id names. */
async function runComponent(interaction: ComponentInteraction, ctx: BotContext): Promise<void> {
  const action = parseCustomId(interaction.customId, interaction.isStringSelectMenu() ? interaction.values : []);
  if (!action) {
    await replyPrivately(interaction, ctx.t('interaction.unknownButton'));
    return;
  }
  // Discord sends the clicked message as it stored it: an id that is not among its components was put there by someone else.
  if (!buttonIdsOf(interaction.message).includes(interaction.customId)) {
    ctx.logger.warn(
      { interactionId: interaction.id, customId: interaction.customId, messageId: interaction.message.id },
      'button not on its message',
    );
    await replyPrivately(interaction, ctx.t('interaction.notThisMessage'));
    return;
  }
  const route = buttonRoutes[action.kind] as ButtonRoute<ButtonAction['kind']>;
  const refused = refusal(interaction, route, ctx.cooldowns, ctx.t);
  if (refused) {
    await replyPrivately(interaction, refused);
    return;
  }
  // The guards above hold, so the route gets the interaction they promise.
  await route.execute(interaction as ComponentInteraction<'cached' | 'raw'>, action, ctx);
}

/** Answers without doing the work: used while shutting down. */
export async function refuseWhileStopping(interaction: Interaction, services: BotServices): Promise<void> {
  if (!interaction.isRepliable()) return;
  const ctx = contextFor(interaction, services);
  await replyPrivately(interaction, ctx.t('interaction.restarting')).catch((err: unknown) => {
    ctx.logger.warn({ err, interactionId: interaction.id }, 'could not answer during shutdown');
  });
}

/** The bot's parts plus the interaction's languages; a settings read that fails leaves public posts in the server's Discord language. */
function contextFor(interaction: Interaction, services: BotServices): BotContext {
  const settings = {
    language: (guildId: string) => {
      try {
        return services.db.settings.language(guildId);
      } catch (err) {
        services.logger.warn({ err, interactionId: interaction.id, guildId }, 'could not read the server language');
        return null;
      }
    },
  };
  return { ...services, ...interactionLanguage(interaction, settings) };
}

function describe(interaction: Interaction): string {
  if (interaction.isChatInputCommand()) return `/${interaction.commandName}`;
  if (interaction.isStringSelectMenu()) return `select ${interaction.customId} = ${interaction.values.join(',')}`;
  if (interaction.isMessageComponent()) return `button ${interaction.customId}`;
  if (interaction.isAutocomplete()) return `/${interaction.commandName} autocomplete`;
  return `interaction type ${interaction.type}`;
}
