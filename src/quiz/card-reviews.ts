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
import { cardToRow, createSrs, orderForReview, rowToCard, type Card, type CardRow, type Grade, type ReviewItem, type Srs } from './srs.js';

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

type StoredCardRow = Omit<CardRow, 'due' | 'last_review'> & { due: string; last_review: string | null };

export class NoteCardReviews {
  readonly now: () => Date;
  readonly srs: Srs;
  private readonly s: ReturnType<typeof prepareStatements>;

  /** The caller has run the quiz migrations (quiz_cards) on `db`. */
  constructor(
    private readonly db: Database.Database,
    options: NoteCardReviewsOptions = {},
  ) {
    this.now = options.now ?? options.srs?.now ?? (() => new Date());
    this.srs = options.srs ?? createSrs({ now: this.now });
    this.s = prepareStatements(db);
  }

  /** The member's schedule for one card; null for a card they never rated. */
  card(guildId: string, userId: string, cardId: string): Card | null {
    const row = this.s.get.get(guildId, userId, key(cardId)) as StoredCardRow | undefined;
    return row ? rowToCard(fromStored(row)) : null;
  }

  /**
   * What to ask the member next among `cardIds`: their due cards (most overdue
   * first), then the cards they never rated, in the order given. Cards not yet
   * due are left out.
   */
  order(guildId: string, userId: string, cardIds: Iterable<string>): ReviewItem[] {
    const rows = this.s.all.all(guildId, userId, `${NOTE_CARD_NAMESPACE}%`) as Array<StoredCardRow & { concept_id: string }>;
    const cards = new Map(rows.map((r) => [r.concept_id.slice(NOTE_CARD_NAMESPACE.length), rowToCard(fromStored(r))]));
    return orderForReview(cards, cardIds, this.now());
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
      const r = cardToRow(card);
      this.s.put.run(
        input.guildId,
        input.userId,
        key(input.cardId),
        new Date(r.due).toISOString(),
        r.stability,
        r.difficulty,
        r.scheduled_days,
        r.learning_steps,
        r.reps,
        r.lapses,
        r.state,
        r.last_review === null ? null : new Date(r.last_review).toISOString(),
      );
      return { status: 'rated', card };
    })();
  }

  /** How many times the member rated one of their cards in this server (every review counts). */
  reviewedCount(guildId: string, userId: string): number {
    const row = this.s.reviewed.get(guildId, userId, `${NOTE_CARD_NAMESPACE}%`) as { reviews: number | null };
    return row.reviews ?? 0;
  }
}

function fromStored(row: StoredCardRow): CardRow {
  return { ...row, due: new Date(row.due).getTime(), last_review: row.last_review ? new Date(row.last_review).getTime() : null };
}

function prepareStatements(db: Database.Database) {
  const columns = 'due, stability, difficulty, scheduled_days, learning_steps, reps, lapses, state, last_review';
  return {
    get: db.prepare(`SELECT ${columns} FROM quiz_cards WHERE guild_id = ? AND user_id = ? AND concept_id = ?`),
    all: db.prepare(`SELECT concept_id, ${columns} FROM quiz_cards WHERE guild_id = ? AND user_id = ? AND concept_id LIKE ?`),
    reviewed: db.prepare('SELECT SUM(reps) AS reviews FROM quiz_cards WHERE guild_id = ? AND user_id = ? AND concept_id LIKE ?'),
    // elapsed_days is kept at 0, as the concept cards do (see CardRow).
    put: db.prepare(`INSERT INTO quiz_cards (guild_id, user_id, concept_id, due, stability, difficulty, elapsed_days, scheduled_days,
                              learning_steps, reps, lapses, state, last_review)
      VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (guild_id, user_id, concept_id) DO UPDATE SET
        due = excluded.due, stability = excluded.stability, difficulty = excluded.difficulty,
        elapsed_days = 0, scheduled_days = excluded.scheduled_days,
        learning_steps = excluded.learning_steps, reps = excluded.reps, lapses = excluded.lapses,
        state = excluded.state, last_review = excluded.last_review`),
  };
}
