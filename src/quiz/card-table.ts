/**
 * `quiz_cards`: one FSRS card per member per id in a server, read and written
 * here only. Ids are a concept's (quiz questions) or `card:<id>` (a flashcard
 * the student wrote, card-reviews.ts). Dates are stored as ISO text.
 */
import type Database from 'better-sqlite3';
import { cardToRow, rowToCard, type Card, type CardRow } from './srs.js';

type StoredCardRow = Omit<CardRow, 'due' | 'last_review'> & { due: string; last_review: string | null };

const COLUMNS = 'due, stability, difficulty, scheduled_days, learning_steps, reps, lapses, state, last_review';

export class CardTable {
  private readonly s;

  /** The caller has run the quiz migrations (quiz_cards, step 3) on `db`. */
  constructor(db: Database.Database) {
    this.s = {
      get: db.prepare(`SELECT ${COLUMNS} FROM quiz_cards WHERE guild_id = ? AND user_id = ? AND concept_id = ?`),
      // elapsed_days stays in the table (step 3 is released) but holds 0: the card's value is not kept (see CardRow).
      put: db.prepare(`INSERT INTO quiz_cards (guild_id, user_id, concept_id, due, stability, difficulty, elapsed_days, scheduled_days,
                              learning_steps, reps, lapses, state, last_review)
      VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (guild_id, user_id, concept_id) DO UPDATE SET
        due = excluded.due, stability = excluded.stability, difficulty = excluded.difficulty,
        elapsed_days = 0, scheduled_days = excluded.scheduled_days,
        learning_steps = excluded.learning_steps, reps = excluded.reps, lapses = excluded.lapses,
        state = excluded.state, last_review = excluded.last_review`),
      all: db.prepare(`SELECT concept_id, ${COLUMNS} FROM quiz_cards WHERE guild_id = ? AND user_id = ?`),
      withPrefix: db.prepare(`SELECT concept_id, ${COLUMNS} FROM quiz_cards WHERE guild_id = ? AND user_id = ? AND concept_id LIKE ?`),
      reviews: db.prepare('SELECT SUM(reps) AS reviews FROM quiz_cards WHERE guild_id = ? AND user_id = ? AND concept_id LIKE ?'),
    };
  }

  /** The member's card for one id; null when they never answered or rated it. */
  get(guildId: string, userId: string, id: string): Card | null {
    const row = this.s.get.get(guildId, userId, id) as StoredCardRow | undefined;
    return row ? rowToCard(fromStored(row)) : null;
  }

  put(guildId: string, userId: string, id: string, card: Card): void {
    const r = cardToRow(card);
    this.s.put.run(
      guildId,
      userId,
      id,
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
  }

  /** The member's cards by id; only ids starting with `prefix` when given (the prefix is kept in the keys). */
  all(guildId: string, userId: string, prefix?: string): Map<string, Card> {
    const rows = (prefix === undefined ? this.s.all.all(guildId, userId) : this.s.withPrefix.all(guildId, userId, `${prefix}%`)) as Array<
      StoredCardRow & { concept_id: string }
    >;
    return new Map(rows.map((r) => [r.concept_id, rowToCard(fromStored(r))]));
  }

  /** How many reviews the member's cards with ids starting with `prefix` have had in all. */
  reviews(guildId: string, userId: string, prefix: string): number {
    const row = this.s.reviews.get(guildId, userId, `${prefix}%`) as { reviews: number | null };
    return row.reviews ?? 0;
  }
}

function fromStored(row: StoredCardRow): CardRow {
  return { ...row, due: new Date(row.due).getTime(), last_review: row.last_review ? new Date(row.last_review).getTime() : null };
}
