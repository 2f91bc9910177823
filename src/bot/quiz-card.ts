/**
 * `/quiz` asks the member's own flashcards (notes/cards.ts) before any
 * generated question: in what is due, or in the note picked, their due cards
 * first, then the cards they never rated. The card is posted publicly with
 * "Show answer"; each member who clicks rates their own recall privately
 * (components/card-show.ts, card-rate.ts).
 */
import type { ChatInputCommandInteraction } from 'discord.js';
import { cardPostView } from '../render/quiz-card.js';
import type { Translate } from '../render/messages.js';
import { pickCard } from './card-pick.js';
import type { ComponentInteraction } from './context.js';
import type { BotLogger } from './logger.js';
import type { NoteCardDeck } from './note-cards.js';
import type { QuizTarget } from './quiz-pick.js';
import type { QuizRuntime } from './quiz-runtime.js';

export interface PostCardDeps {
  quiz: Pick<QuizRuntime, 'cardReviews' | 'recentCards'>;
  noteCards: () => Promise<NoteCardDeck>;
  logger: BotLogger;
  /** The server's words: the card everyone sees. */
  publicT: Translate;
}

/**
 * Posts the member's next flashcard in the target's scope as the reply to an
 * interaction already deferred; false (nothing sent) when no card is due or new
 * there, or the target is not one cards are asked in (mistakes, a daily concept).
 */
export async function postDueCard(
  interaction: ChatInputCommandInteraction<'cached' | 'raw'> | ComponentInteraction<'cached' | 'raw'>,
  deps: PostCardDeps,
  target: QuizTarget,
): Promise<boolean> {
  if (target.kind !== 'due' && target.kind !== 'note') return false;
  const { cardReviews, recentCards } = deps.quiz;
  const guildId = interaction.guildId;
  const userId = interaction.user.id;
  const passOver = recentCards.unrated(guildId, userId, cardReviews.now());
  const card = pickCard(await deps.noteCards(), cardReviews, { guildId, userId, target, passOver });
  if (!card) return false;
  recentCards.posting(guildId, userId, card.id, cardReviews.now());
  const nextTopic = target.kind === 'note' ? target.file : null;
  const message = await interaction.editReply(cardPostView({ card, nextTopic }, deps.publicT));
  deps.logger.info(
    { interactionId: interaction.id, cardId: card.id, kind: card.kind, file: card.file, target: target.kind, messageId: message.id },
    'flashcard posted',
  );
  return true;
}
