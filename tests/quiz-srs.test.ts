/**
 * Specification for src/quiz/srs.ts: FSRS scheduling with an injectable clock.
 */
import { describe, expect, it } from 'vitest';
import { cardToRow, createSrs, orderForReview, rowToCard, type Card } from '../src/quiz/srs.js';

const DAY = 24 * 60 * 60 * 1000;

function clock(start: string) {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    advance: (ms: number) => {
      t += ms;
    },
    set: (d: Date) => {
      t = d.getTime();
    },
  };
}

describe('FSRS reviews', () => {
  it('moves the due date forward on each correct answer, further each time', () => {
    const c = clock('2025-03-01T09:00:00Z');
    const srs = createSrs({ now: c.now });
    let card = srs.review(null, true);
    const intervals: number[] = [];
    for (let i = 0; i < 4; i++) {
      const interval = card.due.getTime() - c.now().getTime();
      expect(interval).toBeGreaterThan(0);
      intervals.push(interval);
      c.set(card.due); // answer exactly when due
      expect(srs.isDue(card)).toBe(true);
      card = srs.review(card, true);
    }
    for (let i = 1; i < intervals.length; i++) expect(intervals[i]!).toBeGreaterThan(intervals[i - 1]!);
    expect(intervals[intervals.length - 1]!).toBeGreaterThan(7 * DAY);
  });

  it('brings a card back soon after a wrong answer', () => {
    const c = clock('2025-03-01T09:00:00Z');
    const srs = createSrs({ now: c.now });
    let card = srs.review(null, true);
    for (let i = 0; i < 3; i++) {
      c.set(card.due);
      card = srs.review(card, true);
    }
    const goodInterval = card.due.getTime() - c.now().getTime();
    c.set(card.due);
    const lapsed = srs.review(card, false);
    const againInterval = lapsed.due.getTime() - c.now().getTime();
    expect(againInterval).toBeLessThanOrEqual(DAY);
    expect(againInterval).toBeLessThan(goodInterval / 5);
    expect(lapsed.lapses).toBe(card.lapses + 1);
    // A wrong first answer on a new card also comes back within the day.
    expect(srs.review(null, false).due.getTime() - c.now().getTime()).toBeLessThanOrEqual(DAY);
  });

  it('uses the injected clock, not the wall clock', () => {
    const srs = createSrs({ now: () => new Date('2001-01-01T00:00:00Z') });
    const card = srs.review(null, true);
    expect(card.due.getUTCFullYear()).toBe(2001);
    expect(card.last_review?.toISOString()).toBe('2001-01-01T00:00:00.000Z');
  });

  it('is reproducible (no fuzz by default) and survives a round trip through storage', () => {
    const at = new Date('2025-03-01T09:00:00Z');
    const a = createSrs({ now: () => at }).review(null, true);
    const b = createSrs({ now: () => at }).review(null, true);
    expect(a).toEqual(b);
    expect(rowToCard(cardToRow(a))).toEqual(a);
  });
});

describe('orderForReview', () => {
  const at = new Date('2025-03-10T00:00:00Z');
  const card = (due: string): Card => ({ ...createSrs().newCard(new Date('2025-03-01T00:00:00Z')), due: new Date(due), reps: 1, state: 2 });

  it('puts due cards first (most overdue first), then new concepts in the given order, and skips cards not yet due', () => {
    const cards = new Map<string, Card>([
      ['b', card('2025-03-09T00:00:00Z')],
      ['c', card('2025-03-01T00:00:00Z')],
      ['d', card('2025-03-20T00:00:00Z')], // not due
      ['gone', card('2025-03-01T00:00:00Z')], // concept no longer in the bank
    ]);
    const order = orderForReview(cards, ['a', 'b', 'c', 'd', 'e'], at);
    expect(order.map((o) => o.conceptId)).toEqual(['c', 'b', 'a', 'e']);
    expect(order.map((o) => o.isNew)).toEqual([false, false, true, true]);
    expect(orderForReview(cards, ['a', 'b', 'c', 'd', 'e'], at, 3).map((o) => o.conceptId)).toEqual(['c', 'b', 'a']);
  });

  it('counts a card due exactly now as due', () => {
    const cards = new Map([['x', card('2025-03-10T00:00:00Z')]]);
    expect(orderForReview(cards, ['x'], at)).toEqual([{ conceptId: 'x', due: new Date('2025-03-10T00:00:00Z'), isNew: false }]);
  });
});
