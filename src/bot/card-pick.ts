/**
 * Which of the member's own flashcards `/quiz` asks, before any generated
 * question: in what is due, or in one note, their due cards first (most
 * overdue first), then the cards they never rated, in the order written. Pure,
 * so it is tested without Discord.
 */
import type { NoteCard } from '../notes/cards.js';
import type { NoteCardReviews } from '../quiz/card-reviews.js';
import type { NoteCardDeck } from './note-cards.js';
import type { QuizTarget } from './quiz-pick.js';

/** The card to ask, or null when none is due or new in the target's scope (then a generated question is asked). */
export function pickCard(
  deck: NoteCardDeck,
  reviews: Pick<NoteCardReviews, 'order'>,
  input: { guildId: string; userId: string; target: QuizTarget },
): NoteCard | null {
  const { target } = input;
  if (target.kind !== 'due' && target.kind !== 'note') return null;
  const scope = target.kind === 'note' ? (deck.byFile.get(target.file) ?? []) : deck.cards;
  if (scope.length === 0) return null;
  const [first] = reviews.order(
    input.guildId,
    input.userId,
    scope.map((c) => c.id),
  );
  return first ? (deck.byId.get(first.conceptId) ?? null) : null;
}
