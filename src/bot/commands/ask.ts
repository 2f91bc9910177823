import { MessageFlags, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { checkQuestion, type QuestionCheck } from '../../search/question.js';
import { translate, type Translate } from '../../render/messages.js';
import { answerReply } from '../answer-reply.js';
import type { Answer } from '../../search/ask.js';
import type { BotContext } from '../context.js';
import { replyPrivately } from '../replies.js';
import { localized } from './localized.js';
import { RetrieverBusyError } from '../retriever.js';

/** Discord enforces this in its client; checked again because other clients and bots can send anything. */
export const MAX_ASK_CHARS = 300;
/** Results per answer: what "Next result" walks through. */
export const ASK_RESULTS = 5;

export const data = localized(new SlashCommandBuilder(), 'ask')
  .addStringOption((o) => localized(o, 'ask.question').setRequired(true).setMaxLength(MAX_ASK_CHARS))
  .addBooleanOption((o) => localized(o, 'ask.private'));

export const cooldownMs = 3000;

export function checkAskQuestion(raw: string, t: Translate = translate): QuestionCheck {
  const checked = checkQuestion(raw);
  if (checked.ok && checked.question.length > MAX_ASK_CHARS) {
    return { ok: false, error: t('ask.tooLong', { length: checked.question.length, max: MAX_ASK_CHARS }) };
  }
  return checked;
}

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const checked = checkAskQuestion(interaction.options.getString('question', true), ctx.t);
  if (!checked.ok) {
    await replyPrivately(interaction, checked.error);
    return;
  }
  const isPrivate = interaction.options.getBoolean('private') ?? false;
  // Acknowledge first: Discord drops interactions not answered within 3 s, whatever retrieval costs.
  await interaction.deferReply(isPrivate ? { flags: MessageFlags.Ephemeral } : {});
  let answer: Answer;
  try {
    answer = await ctx.retriever.ask(checked.question, { k: ASK_RESULTS });
  } catch (err) {
    if (!(err instanceof RetrieverBusyError)) throw err;
    ctx.logger.warn({ interactionId: interaction.id, waiting: err.waiting }, 'too many questions waiting; asked to retry');
    await interaction.editReply(ctx.t('ask.busy'));
    return;
  }
  const covered = answer.answered && answer.results.length > 0;
  // Formulas are drawn after the deferral: MathJax loads on the first one, which may take a moment.
  const message = await interaction.editReply(await answerReply(answer, 0, interaction.appPermissions, ctx));
  ctx.logger.debug(
    { interactionId: interaction.id, question: checked.question, answered: covered, results: answer.results.length },
    'answered',
  );
  if (!covered) return;
  try {
    ctx.db.askMessages.remember(message.id, {
      question: checked.question,
      userId: interaction.user.id,
      guildId: interaction.guildId,
      channelId: interaction.channelId,
    });
  } catch (err) {
    // The answer is already delivered; only its buttons will ask the user to ask again.
    ctx.logger.error({ err, interactionId: interaction.id, messageId: message.id }, 'could not store the question of an answer');
  }
}
