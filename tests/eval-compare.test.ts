import { describe, expect, it } from 'vitest';
import { compareRuns, comparisonTable, foldOf, parseSavedRun, savedRunJson } from '../src/eval/compare.js';
import { wilsonInterval } from '../src/eval/metrics.js';
import type { SectionOutcome } from '../src/eval/sections.js';

const outcome = (id: string, over: Partial<SectionOutcome> = {}): SectionOutcome => ({
  id,
  corpus: 'notes',
  lang: 'en',
  kind: 'definition',
  answered: true,
  rank: 1,
  quoteHolds: true,
  bothSides: null,
  stale: false,
  ...over,
});

const change = (c: ReturnType<typeof compareRuns>, measure: string, fold: 'A' | 'B' | 'all') =>
  c.measures.find((m) => m.measure === measure && m.fold === fold)!;

describe('folds of the public set', () => {
  it('puts a question in the same half on every run, by its id alone', () => {
    expect(foldOf('sn-01')).toBe(foldOf('sn-01'));
    const folds = Array.from({ length: 200 }, (_, i) => foldOf(`q-${i}`));
    // Half of sha1's first hex digits are below 8: both halves get about half the questions.
    expect(folds.filter((f) => f === 'A').length).toBeGreaterThan(70);
    expect(folds.filter((f) => f === 'B').length).toBeGreaterThan(70);
  });
});

describe('comparing two runs question by question', () => {
  it('counts a question that moved on a measure as gained or lost, in its fold and in all', () => {
    const before = [outcome('up', { rank: 2, quoteHolds: false }), outcome('down'), outcome('same')];
    const after = [outcome('up'), outcome('down', { rank: 3 }), outcome('same')];
    const c = compareRuns(before, after);
    expect(change(c, 'sec@1', 'all')).toMatchObject({ gained: 1, lost: 1 });
    expect(change(c, 'quote@1', 'all')).toMatchObject({ gained: 1, lost: 0 });
    // sec@3: rank 2 → 1 and 1 → 3 both stay within the first three.
    expect(change(c, 'sec@3', 'all')).toMatchObject({ gained: 0, lost: 0 });
    expect(change(c, 'sec@1', foldOf('up'))).toMatchObject({ gained: 1 });
    expect(c.questions.map((q) => q.id).sort()).toEqual(['down', 'up']);
  });

  it('reads a newly refused on-topic question as a loss and a newly refused near miss as a gain', () => {
    const before = [outcome('on'), outcome('off', { kind: 'near-miss', rank: null, quoteHolds: false, answered: true })];
    const after = [
      outcome('on', { answered: false }),
      outcome('off', { kind: 'near-miss', rank: null, quoteHolds: false, answered: false }),
    ];
    const c = compareRuns(before, after);
    expect(change(c, 'on-topic answered', 'all')).toMatchObject({ gained: 0, lost: 1 });
    expect(change(c, 'off-topic refused', 'all')).toMatchObject({ gained: 1, lost: 0 });
    // A near miss has no section to rank: it never counts on sec@1.
    expect(change(c, 'sec@1', 'all')).toMatchObject({ gained: 0, lost: 0 });
  });

  it('leaves out a question that is stale in either run, and names ids found in one run only', () => {
    const before = [outcome('edited'), outcome('gone')];
    const after = [outcome('edited', { rank: null, quoteHolds: false, stale: true }), outcome('new')];
    const c = compareRuns(before, after);
    expect(c.questions).toEqual([]);
    expect(c.unmatched.sort()).toEqual(['gone', 'new']);
  });

  it('counts both sides only for comparisons', () => {
    const c = compareRuns(
      [outcome('cmp', { kind: 'comparison', bothSides: false })],
      [outcome('cmp', { kind: 'comparison', bothSides: true })],
    );
    expect(change(c, 'both sides', 'all')).toMatchObject({ gained: 1, lost: 0 });
  });

  it('prints a row per measure and each question that moved', () => {
    const lines = comparisonTable(compareRuns([outcome('x', { rank: 2 })], [outcome('x')]));
    expect(lines).toContain(`| sec@1 | ${foldOf('x') === 'A' ? '+1 −0 | +0 −0' : '+0 −0 | +1 −0'} | +1 −0 |`);
    expect(lines).toContain(`- x (fold ${foldOf('x')}, definition): +sec@1`);
  });
});

describe('saved runs', () => {
  it('reads back what it wrote', () => {
    const outcomes = [outcome('a'), outcome('b', { kind: 'comparison', bothSides: false, rank: null })];
    expect(parseSavedRun(savedRunJson('eval/sections', outcomes), 'run.json')).toEqual({ format: 1, questions: 'eval/sections', outcomes });
  });

  it('refuses a file that is not a saved run, saying how to write one', () => {
    expect(() => parseSavedRun('not json', 'old.json')).toThrow(/old\.json is not a saved eval run.*--save old\.json/);
    expect(() => parseSavedRun('{"format":1,"questions":"x","outcomes":[{"id":"a"}]}', 'old.json')).toThrow(
      /old\.json is not a saved eval run \(outcomes\.0\./,
    );
  });
});

describe('95 % intervals of a share', () => {
  it('matches the Wilson score interval', () => {
    // The textbook values of Wilson's (1927) interval for 5 and 0 of 10.
    const half = wilsonInterval(5, 10);
    expect(half.low).toBeCloseTo(0.2366, 4);
    expect(half.high).toBeCloseTo(0.7634, 4);
    const none = wilsonInterval(0, 10);
    expect(none.low).toBe(0);
    expect(none.high).toBeCloseTo(0.2775, 4);
  });

  it('narrows as questions are added', () => {
    const few = wilsonInterval(84, 100);
    const many = wilsonInterval(840, 1000);
    expect(many.high - many.low).toBeLessThan(few.high - few.low);
    expect(many.low).toBeLessThan(0.84);
    expect(many.high).toBeGreaterThan(0.84);
  });

  it('says nothing of an empty set', () => {
    expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 1 });
  });
});
