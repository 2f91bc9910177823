import { ApplicationCommandOptionType, MessageFlags, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { helpView } from '../../render/commands.js';
import type { BotContext } from '../context.js';

export const data = new SlashCommandBuilder()
  .setName('help')
  .setDescription('What StudyBot does, and its commands.');

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const summaries = ctx.commands.map((c) => {
    const json = c.data.toJSON();
    // A command made of subcommands reads as `/daily set|off|status|now`.
    const subcommands = (json.options ?? []).filter((o) => o.type === ApplicationCommandOptionType.Subcommand).map((o) => o.name);
    if (subcommands.length) return { name: json.name, description: json.description, options: [{ name: subcommands.join('|'), required: true }] };
    return { name: json.name, description: json.description, options: (json.options ?? []).map((o) => ({ name: o.name, required: 'required' in o ? o.required : false })) };
  });
  await interaction.reply({ ...helpView(summaries, ctx.t), flags: MessageFlags.Ephemeral });
}
