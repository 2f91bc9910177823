import {
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
} from 'discord.js';
import { ambiguousTopicMessage, retiredQuestionsView, unknownTopicMessage } from '../../render/quiz.js';
import type { BotContext } from '../context.js';
import type { ChoiceGuards } from '../guards.js';
import { postQuiz, QUIZ_GUARDS } from '../quiz.js';
import { resolveTopic, topicSuggestions, type NoteRef, type QuizTarget } from '../quiz-pick.js';
import { replyPrivately } from '../replies.js';
import { localized, localizedChoice } from './localized.js';

export const data = localized(new SlashCommandBuilder(), 'quiz')
  .addStringOption((o) => localized(o, 'quiz.topic').setAutocomplete(true).setMaxLength(200))
  .addStringOption((o) =>
    localized(o, 'quiz.mode').addChoices(
      localizedChoice('quiz.mode.due', 'due'),
      localizedChoice('quiz.mode.mistakes', 'mistakes'),
      localizedChoice('quiz.mode.report', 'report'),
    ),
  )
  .setContexts(InteractionContextType.Guild);

export const cooldownMs = QUIZ_GUARDS.cooldown.ms;
export const guildOnly = QUIZ_GUARDS.guildOnly;
/** The list of retired questions is for those who manage the server. */
export const choiceGuards: readonly ChoiceGuards[] = [
  {
    option: 'mode',
    value: 'report',
    guards: { memberPermission: { flag: PermissionFlagsBits.ManageGuild, refusal: 'quiz.reportNeedsPermission' } },
  },
];

export function noteRefs(ctx: Pick<BotContext, 'index'>): NoteRef[] {
  return ctx.index.noteList();
}

export async function execute(interaction: ChatInputCommandInteraction<'cached' | 'raw'>, ctx: BotContext): Promise<void> {
  const raw = interaction.options.getString('topic')?.trim() ?? '';
  let target: QuizTarget = { kind: 'due' };
  if (raw) {
    // Checked against the note list before acknowledging, so a typo gets a private answer, not a public one.
    const match = resolveTopic(noteRefs(ctx), raw);
    if (!match.ok) {
      await replyPrivately(
        interaction,
        match.reason === 'ambiguous' ? ambiguousTopicMessage(raw, match.files, ctx.t) : unknownTopicMessage(raw, ctx.t),
      );
      return;
    }
    target = { kind: 'note', file: match.file };
  }
  if (interaction.options.getString('mode') === 'report') {
    await showRetired(interaction, ctx, target.kind === 'note' ? target.file : null);
    return;
  }
  if (interaction.options.getString('mode') === 'mistakes')
    target = { kind: 'mistakes', file: target.kind === 'note' ? target.file : null };
  await postQuiz(interaction, ctx, target);
}

/** `/quiz mode:report [topic]`: the questions retired in this server (of one note, with a topic), privately. */
async function showRetired(
  interaction: ChatInputCommandInteraction<'cached' | 'raw'>,
  ctx: BotContext,
  file: string | null,
): Promise<void> {
  const retired = ctx.quiz.bank.retired(interaction.guildId).filter((r) => file === null || r.question.source.file === file);
  ctx.logger.info(
    { interactionId: interaction.id, guildId: interaction.guildId, retired: retired.length, file },
    'retired questions listed',
  );
  await interaction.reply({ ...retiredQuestionsView(retired, ctx.t), flags: MessageFlags.Ephemeral });
}

export async function autocomplete(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> {
  await interaction.respond(topicSuggestions(noteRefs(ctx), interaction.options.getFocused()));
}
