import type { ButtonInteraction } from 'discord.js';
import { cooldownMessage, MESSAGES } from '../../render/discord.js';
import type { BotContext } from '../context.js';
import { parseCustomId } from '../custom-ids.js';
import { QUIZ_COOLDOWN_MS } from '../quiz.js';
import { replyPrivately } from '../replies.js';
import * as askNext from './ask-next.js';
import * as feedback from './feedback.js';
import * as fullSection from './full-section.js';
import * as quizConcept from './quiz-concept.js';
import * as quizAnswer from './quiz-answer.js';
import * as quizNext from './quiz-next.js';
import * as topicsPage from './topics-page.js';

/** Routes a button click to its handler by the action its custom id encodes. */
export async function handleButton(interaction: ButtonInteraction, ctx: BotContext): Promise<void> {
  const action = parseCustomId(interaction.customId);
  // Buttons that post a question share /quiz's per-member cooldown (commands take theirs in handleInteraction).
  if (action?.kind === 'quiz-concept' || action?.kind === 'quiz-next') {
    const cooldown = ctx.cooldowns.take(interaction.user.id, 'quiz', QUIZ_COOLDOWN_MS);
    if (!cooldown.ok) {
      await replyPrivately(interaction, cooldownMessage(cooldown.remainingMs, 'quiz'));
      return;
    }
  }
  switch (action?.kind) {
    case 'ask-next':
      return askNext.execute(interaction, action, ctx);
    case 'ask-section':
      return fullSection.execute(interaction, action, ctx);
    case 'ask-vote':
      return feedback.execute(interaction, action, ctx);
    case 'topics-page':
      return topicsPage.execute(interaction, action, ctx);
    case 'quiz-concept':
      return quizConcept.execute(interaction, action, ctx);
    case 'quiz-answer':
      return quizAnswer.execute(interaction, action, ctx);
    case 'quiz-next':
      return quizNext.execute(interaction, action, ctx);
    default:
      await replyPrivately(interaction, MESSAGES.unknownButton);
  }
}
