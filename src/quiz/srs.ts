/**
 * Spaced repetition with FSRS (ts-fsrs): one card per (guild, member, concept).
 * A correct first answer rates the card Good, a wrong one Again. The clock is
 * injected so tests (and replays) control time.
 */
import { createEmptyCard, fsrs, generatorParameters, Rating, type State, type Card, type FSRSParameters, type Grade } from 'ts-fsrs';

export type { Card, Grade } from 'ts-fsrs';
export { Rating, State } from 'ts-fsrs';

export interface SrsOptions {
  now?: () => Date;
  /**
   * FSRS parameters. Defaults suit a chat quiz answered a few times a day: no
   * fuzz (reproducible), one 10-minute (re)learning step, so a correct answer
   * schedules the concept days ahead and a wrong one brings it back in 10 minutes.
   */
  params?: Partial<FSRSParameters>;
}

export interface Srs {
  now(): Date;
  newCard(at?: Date): Card;
  /** The card after one answer. */
  review(card: Card | null | undefined, correct: boolean, at?: Date): Card;
  /** The card after the member rated their own recall (a flashcard of their notes: Again, Hard, Good or Easy). */
  rate(card: Card | null | undefined, grade: Grade, at?: Date): Card;
  isDue(card: Card, at?: Date): boolean;
  /** FSRS's estimate (0–1) that the member still remembers the card at `at`: lower is more forgotten. */
  retrievability(card: Card, at?: Date): number;
}

function ratingFor(correct: boolean): Grade {
  return correct ? Rating.Good : Rating.Again;
}

export function createSrs(options: SrsOptions = {}): Srs {
  const now = options.now ?? (() => new Date());
  const scheduler = fsrs(
    generatorParameters({
      enable_fuzz: false,
      learning_steps: ['10m'],
      relearning_steps: ['10m'],
      ...options.params,
    }),
  );
  return {
    now,
    newCard: (at = now()) => createEmptyCard<Card>(at),
    review(card, correct, at = now()) {
      const current: Card = card ? card : createEmptyCard<Card>(at);
      return scheduler.next(current, at, ratingFor(correct)).card;
    },
    rate(card, grade, at = now()) {
      return scheduler.next(card ?? createEmptyCard<Card>(at), at, grade).card;
    },
    isDue: (card, at = now()) => card.due.getTime() <= at.getTime(),
    retrievability: (card, at = now()) => scheduler.get_retrievability(card, at, false),
  };
}

export interface ReviewItem {
  conceptId: string;
  /** Null for a concept the member has never answered. */
  due: Date | null;
  isNew: boolean;
}

/**
 * What to ask a member next: concepts whose card is due (most overdue first),
 * then concepts never asked (in the order given). Cards of concepts no longer
 * in `conceptIds` (a note was edited) are ignored.
 */
export function orderForReview(cards: ReadonlyMap<string, Card>, conceptIds: Iterable<string>, at: Date, limit = Infinity): ReviewItem[] {
  const due: ReviewItem[] = [];
  const fresh: ReviewItem[] = [];
  const seen = new Set<string>();
  for (const id of conceptIds) {
    if (seen.has(id)) continue;
    seen.add(id);
    const card = cards.get(id);
    if (!card) fresh.push({ conceptId: id, due: null, isNew: true });
    else if (card.due.getTime() <= at.getTime()) due.push({ conceptId: id, due: card.due, isNew: false });
  }
  due.sort((a, b) => a.due!.getTime() - b.due!.getTime() || (a.conceptId < b.conceptId ? -1 : 1));
  return [...due, ...fresh].slice(0, limit);
}

/**
 * Card ↔ plain values, for storage. `elapsed_days` is not among them: ts-fsrs
 * recomputes it from `last_review` at every review and removes it in v6, so a
 * stored value would only go stale. Rows written before still have the column;
 * its value is ignored.
 */
export interface CardRow {
  due: number;
  stability: number;
  difficulty: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  state: number;
  last_review: number | null;
}

export function cardToRow(card: Card): CardRow {
  return {
    due: card.due.getTime(),
    stability: card.stability,
    difficulty: card.difficulty,
    scheduled_days: card.scheduled_days,
    learning_steps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    last_review: card.last_review ? card.last_review.getTime() : null,
  };
}

export function rowToCard(row: CardRow): Card {
  return {
    due: new Date(row.due),
    stability: row.stability,
    difficulty: row.difficulty,
    // Still required by ts-fsrs 5's Card type; never read when scheduling. Drop this line with v6.
    elapsed_days: 0,
    scheduled_days: row.scheduled_days,
    learning_steps: row.learning_steps,
    reps: row.reps,
    lapses: row.lapses,
    state: row.state as State,
    ...(row.last_review !== null ? { last_review: new Date(row.last_review) } : {}),
  };
}
