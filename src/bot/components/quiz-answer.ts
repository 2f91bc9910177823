import { MessageFlags, type ButtonInteraction } from 'discord.js';
import type { AskedQuestion } from '../../quiz/index.js';
import { conceptQuote } from '../../render/daily.js';
import { QUIZ_MESSAGES, verdictView } from '../../render/quiz.js';
import type { MessageView } from '../../render/discord.js';
import type { BotContext, ButtonHandler } from '../context.js';
import { nextTopicOf, questionMessage } from '../quiz.js';
import { NO_MENTIONS } from '../replies.js';

/**
 * A click on one of a question's four answers. Acknowledged at once (the public
 * message stays as it is), then: the clicker's verdict privately, and the
 * public message edited to the new tally. Each member's first click counts;
 * later ones are told what their first was. A click after the expiry (or on a
 * question whose note is gone) closes the message and says so.
 */
export const execute: ButtonHandler<{ questionId: string; choice: number }> = async (interaction, { questionId, choice }, ctx) => {
  await interaction.deferUpdate();
  const { store } = ctx.quiz;
  const asked = store.getQuestion(questionId);
  if (!asked) {
    await tellPrivately(interaction, QUIZ_MESSAGES.unknownQuestion);
    return;
  }
  // The message id is normally stored when the question is posted; a failed store is mended by the first click.
  if (asked.messageId !== interaction.message.id) store.setMessageId(asked.id, interaction.message.id);
  const bank = ctx.conceptBank();
  const concept = bank.byId.get(asked.conceptId);
  if (!concept) {
    ctx.quiz.cancelClose(asked.id);
    await Promise.all([refresh(interaction, ctx, asked), tellPrivately(interaction, QUIZ_MESSAGES.gone)]);
    return;
  }

  const result = store.recordAnswer({ questionId, userId: interaction.user.id, choice });
  switch (result.status) {
    case 'recorded': {
      ctx.quiz.answered(asked.guildId);
      const source = asked.question.type === 'cloze' ? asked.question.source : concept.source;
      const quote = conceptQuote(ctx.index.notes, { ...concept, source }).markdown;
      const verdict = verdictView({ question: asked.question, choice, correct: result.correct, source, quote, nextDue: result.nextDue });
      ctx.logger.info({ interactionId: interaction.id, questionId, userId: interaction.user.id, correct: result.correct }, 'quiz answer recorded');
      // The verdict is sent first; the tally edit goes out alongside it.
      await Promise.all([tellPrivately(interaction, verdict), refresh(interaction, ctx, asked)]);
      return;
    }
    case 'duplicate':
      await tellPrivately(interaction, QUIZ_MESSAGES.duplicate(result.choice, result.correct));
      return;
    case 'expired':
      ctx.quiz.cancelClose(asked.id);
      await Promise.all([refresh(interaction, ctx, asked), tellPrivately(interaction, QUIZ_MESSAGES.expired(asked.question))]);
      return;
    case 'unknown-question':
      await tellPrivately(interaction, QUIZ_MESSAGES.unknownQuestion);
      return;
  }
};

/** An ephemeral follow-up (the click was acknowledged with deferUpdate). */
function tellPrivately(interaction: ButtonInteraction, what: string | MessageView) {
  const body = typeof what === 'string' ? { content: what } : what;
  return interaction.followUp({ ...body, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
}

/** Re-renders the public message from the database: tally, open or closed. Concurrent clicks edit one at a time, newest state last. */
function refresh(interaction: ButtonInteraction, ctx: BotContext, asked: AskedQuestion): Promise<void> {
  const nextTopic = nextTopicOf(ctx, interaction.message);
  return ctx.quiz.edits.run(interaction.message.id, async () => {
    await interaction.editReply({ ...questionMessage(ctx, asked, nextTopic), allowedMentions: NO_MENTIONS });
  });
}
