/**
 * Members' FSRS schedules for the flashcards they wrote in their notes
 * (notes/cards.ts). A card is self-rated (Again / Hard / Good / Easy), not
 * answered right or wrong, so it keeps no quiz answer: it never counts on the
 * leaderboard or in accuracy, only as "cards reviewed".
 *
 * The schedules live in `quiz_cards` (migration 3) beside the concepts' cards,
 * under ids of their own namespace (`card:<card id>`), which no concept id can
 * take (concept ids are hex hashes), so no new table or migration is needed
 * and the concept queries, which always name the concepts they want, never see them.
 * Nothing is ever written into the notes.
 */
import type Database from 'better-sqlite3';
import { CardTable } from './card-table.js';
import { createSrs, orderForReview, type Card, type Grade, type ReviewItem, type Srs } from './srs.js';

/** The prefix of a flashcard's key in `quiz_cards.concept_id`. */
export const NOTE_CARD_NAMESPACE = 'card:';
const key = (cardId: string) => `${NOTE_CARD_NAMESPACE}${cardId}`;

export type RateResult =
  /** The rating was applied; `card` is the new schedule. */
  | { status: 'rated'; card: Card }
  /** The member's card was reviewed since the answer was shown (a second click): nothing changed. */
  | { status: 'stale'; card: Card | null };

export interface NoteCardReviewsOptions {
  now?: () => Date;
  srs?: Srs;
}

export class NoteCardReviews {
  readonly now: () => Date;
  readonly srs: Srs;
  private readonly cards: CardTable;

  /** The caller has run the quiz migrations (quiz_cards) on `db`. */
  constructor(
    private readonly db: Database.Database,
    options: NoteCardReviewsOptions = {},
  ) {
    this.now = options.now ?? options.srs?.now ?? (() => new Date());
    this.srs = options.srs ?? createSrs({ now: this.now });
    this.cards = new CardTable(db);
  }

  /** The member's schedule for one card; null for a card they never rated. */
  card(guildId: string, userId: string, cardId: string): Card | null {
    return this.cards.get(guildId, userId, key(cardId));
  }

  /**
   * What to ask the member next among `cardIds`: their due cards (most overdue
   * first), then the cards they never rated, in the order given. Cards not yet
   * due are left out.
   */
  order(guildId: string, userId: string, cardIds: Iterable<string>): ReviewItem[] {
    const cards = this.cards.all(guildId, userId, NOTE_CARD_NAMESPACE);
    const byCardId = new Map([...cards].map(([id, card]) => [id.slice(NOTE_CARD_NAMESPACE.length), card]));
    return orderForReview(byCardId, cardIds, this.now());
  }

  /**
   * The member's rating of a card. `seenReps` is how many reviews the card had
   * when its answer was shown: a rating button clicked twice (or one of an
   * older answer) finds more and changes nothing.
   */
  rate(input: { guildId: string; userId: string; cardId: string; grade: Grade; seenReps: number }): RateResult {
    return this.db.transaction((): RateResult => {
      const current = this.card(input.guildId, input.userId, input.cardId);
      if ((current?.reps ?? 0) !== input.seenReps) return { status: 'stale', card: current };
      const card = this.srs.rate(current, input.grade, this.now());
      this.cards.put(input.guildId, input.userId, key(input.cardId), card);
      return { status: 'rated', card };
    })();
  }

  /** How many times the member rated one of their cards in this server (every review counts). */
  reviewedCount(guildId: string, userId: string): number {
    return this.cards.reviews(guildId, userId, NOTE_CARD_NAMESPACE);
  }
}
