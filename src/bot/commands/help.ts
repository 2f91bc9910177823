import { ApplicationCommandOptionType, MessageFlags, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { helpView, type CommandSummary } from '../../render/commands.js';
import type { Locale } from '../../render/messages.js';
import type { BotCommand, BotContext } from '../context.js';
import { inLocale, localized } from './localized.js';

export const data = localized(new SlashCommandBuilder(), 'help');

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  await interaction.reply({ ...helpView(commandSummaries(ctx.commands, ctx.locale), ctx.t), flags: MessageFlags.Ephemeral });
}

/** Each command as the reader's Discord shows it: names and descriptions in their language. */
export function commandSummaries(commands: readonly BotCommand[], locale: Locale): CommandSummary[] {
  return commands.map((c) => {
    const json = c.data.toJSON();
    const name = inLocale(json.name, json.name_localizations, locale);
    const description = inLocale(json.description, json.description_localizations, locale);
    const options = json.options ?? [];
    // A command made of subcommands reads as `/daily set|off|status|now`.
    const subcommands = options
      .filter((o) => o.type === ApplicationCommandOptionType.Subcommand)
      .map((o) => inLocale(o.name, o.name_localizations, locale));
    if (subcommands.length) return { name, description, options: [{ name: subcommands.join('|'), required: true }] };
    return {
      name,
      description,
      options: options.map((o) => ({
        name: inLocale(o.name, o.name_localizations, locale),
        required: 'required' in o ? o.required : false,
      })),
    };
  });
}
