/**
 * Which of the member's own flashcards `/quiz` asks, before any generated
 * question: in what is due, or in one note, their due cards first (most
 * overdue first), then the cards they never rated, in the order written. A
 * card just posted to them and not rated since is passed over for a while, so
 * "Next question" moves on instead of posting it again. Pure but for the
 * clock given, so it is tested without Discord.
 */
import type { NoteCard } from '../notes/cards.js';
import type { NoteCardReviews } from '../quiz/card-reviews.js';
import type { NoteCardDeck } from './note-cards.js';
import type { QuizTarget } from './quiz-pick.js';

/** How long a card posted to a member and not rated is passed over: as long as a card rated Again waits. */
export const SKIP_UNRATED_MS = 10 * 60_000;

/** The cards posted to each member and not rated since, with when. Held by the bot's quiz runtime (in memory: a restart forgets it). */
export class RecentCards {
  private readonly posted = new Map<string, Map<string, number>>();

  posting(guildId: string, userId: string, cardId: string, at: Date): void {
    const key = `${guildId}:${userId}`;
    const cards = this.posted.get(key) ?? new Map<string, number>();
    cards.set(cardId, at.getTime());
    this.posted.set(key, cards);
  }

  rated(guildId: string, userId: string, cardId: string): void {
    this.posted.get(`${guildId}:${userId}`)?.delete(cardId);
  }

  /** The member's cards posted within `SKIP_UNRATED_MS` of `at` and not rated since; older entries are dropped. */
  unrated(guildId: string, userId: string, at: Date): Set<string> {
    const cards = this.posted.get(`${guildId}:${userId}`);
    if (!cards) return new Set();
    for (const [id, postedAt] of cards) if (at.getTime() - postedAt >= SKIP_UNRATED_MS) cards.delete(id);
    return new Set(cards.keys());
  }
}

/** The card to ask, or null when none is due or new in the target's scope (then a generated question is asked). */
export function pickCard(
  deck: NoteCardDeck,
  reviews: Pick<NoteCardReviews, 'order'>,
  input: { guildId: string; userId: string; target: QuizTarget; passOver?: ReadonlySet<string> },
): NoteCard | null {
  const { target } = input;
  if (target.kind !== 'due' && target.kind !== 'note') return null;
  const scope = target.kind === 'note' ? (deck.byFile.get(target.file) ?? []) : deck.cards;
  if (scope.length === 0) return null;
  const first = reviews
    .order(
      input.guildId,
      input.userId,
      scope.map((c) => c.id),
    )
    .find((item) => !input.passOver?.has(item.conceptId));
  return first ? (deck.byId.get(first.conceptId) ?? null) : null;
}
