import { MessageFlags } from 'discord.js';
import type { AskedQuestion } from '../../quiz/index.js';
import { conceptQuote } from '../../render/concept-quote.js';
import type { MessageView } from '../../render/kit/components.js';
import { duplicateMessage, expiredMessage, verdictView } from '../../render/quiz.js';
import type { BotContext, ButtonHandler, ComponentInteraction } from '../context.js';
import { nextIsMistakes, nextTopicOf, questionMessage } from '../quiz.js';
import { tellPrivately } from '../replies.js';

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
    await tellPrivately(interaction, ctx.t('quiz.unknownQuestion'));
    return;
  }
  if (!postedOn(asked, interaction, ctx)) {
    // Someone put this question's button on another message (an /ask answer, another quiz): editing it would overwrite that message.
    ctx.logger.warn(
      { interactionId: interaction.id, questionId, messageId: interaction.message.id, postedOn: asked.messageId },
      'quiz button on a message that is not its question',
    );
    await tellPrivately(interaction, ctx.t('interaction.notThisMessage'));
    return;
  }
  // The message id is normally stored when the question is posted; a failed store is mended by the first click.
  if (asked.messageId === null) store.setMessageId(asked.id, interaction.message.id);
  const bank = ctx.conceptBank();
  const concept = bank.byId.get(asked.conceptId);
  if (!concept) {
    ctx.quiz.cancelClose(asked.id);
    await Promise.all([refresh(interaction, ctx, asked), tellPrivately(interaction, ctx.t('quiz.gone'))]);
    return;
  }

  const result = store.recordAnswer({ questionId, userId: interaction.user.id, choice });
  switch (result.status) {
    case 'recorded': {
      ctx.quiz.answered(asked.guildId);
      const source = asked.question.type === 'cloze' ? asked.question.source : concept.source;
      const quote = conceptQuote(ctx.index.notes, { ...concept, source }).markdown;
      const verdict = verdictView(
        {
          question: asked.question,
          choice,
          correct: result.correct,
          source,
          quote,
          nextDue: result.nextDue,
          reportId: ctx.quiz.bank.postedKey(questionId) ? questionId : null,
        },
        ctx.t,
      );
      ctx.logger.info(
        { interactionId: interaction.id, questionId, userId: interaction.user.id, correct: result.correct },
        'quiz answer recorded',
      );
      // The verdict is sent first; the tally edit goes out alongside it.
      await Promise.all([showPrivately(interaction, verdict), refresh(interaction, ctx, asked)]);
      return;
    }
    case 'duplicate':
      await tellPrivately(interaction, duplicateMessage(result.choice, result.correct, ctx.t));
      return;
    case 'expired':
      ctx.quiz.cancelClose(asked.id);
      await Promise.all([refresh(interaction, ctx, asked), tellPrivately(interaction, expiredMessage(asked.question, ctx.t))]);
      return;
    case 'unknown-question':
      await tellPrivately(interaction, ctx.t('quiz.unknownQuestion'));
      return;
  }
};

/**
 * Whether the clicked message is the question's own: the message stored for
 * it, or (when storing the id failed at posting time) a message in the
 * question's channel that is not an /ask answer.
 */
function postedOn(asked: AskedQuestion, interaction: ComponentInteraction, ctx: BotContext): boolean {
  const messageId = interaction.message.id;
  if (asked.messageId !== null) return asked.messageId === messageId;
  return interaction.channelId === asked.channelId && !ctx.db.askMessages.find(messageId);
}

function showPrivately(interaction: ComponentInteraction, view: MessageView) {
  return interaction.followUp({ ...view, flags: MessageFlags.Ephemeral });
}

/** Re-renders the public message from the database: tally, open or closed. Concurrent clicks edit one at a time, newest state last. */
function refresh(interaction: ComponentInteraction, ctx: BotContext, asked: AskedQuestion): Promise<void> {
  const nextTopic = nextTopicOf(ctx.quiz.store, interaction.message);
  return ctx.quiz.edits.run(interaction.message.id, async () => {
    // The public message stays in the server's language, whoever clicked.
    await interaction.editReply(
      questionMessage(
        { store: ctx.quiz.store, conceptBank: ctx.conceptBank, t: ctx.publicT },
        asked,
        nextTopic,
        nextIsMistakes(interaction.message),
      ),
    );
  });
}
