/**
 * Specification for src/daily/rotation.ts: every concept once per cycle, a new
 * order each cycle, harder concepts earlier, and the state surviving a restart.
 * Each test uses its own SQLite file.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Concept, ConceptKind } from '../src/concepts/types.js';
import { Rotation, relatedConcept, type WrongRate } from '../src/daily/rotation.js';
import { DailyStore } from '../src/daily/store.js';
import { dailyDbFile, openDailyDb } from './support/daily-db.js';

let file: string;

beforeEach(() => {
  file = dailyDbFile('daily-rotation-');
});

const openStore = (): DailyStore => new DailyStore(openDailyDb(file));

function concept(id: string, extra: Partial<Concept> = {}): Concept {
  return {
    id,
    term: id,
    aliases: [],
    definition: `${id} is a concept.`,
    kind: 'model',
    topic: 'detr.md',
    source: { file: 'notes/detr.md', headingPath: [id], startLine: 1, endLine: 2 },
    ...extra,
  };
}
const bank = (n: number) => Array.from({ length: n }, (_, i) => concept(`c${String(i).padStart(2, '0')}`));
const ids = (cs: Array<Concept | null>) => cs.map((c) => c!.id);

function takeN(r: Rotation, guild: string, concepts: Concept[], n: number, wrongRate?: WrongRate): string[] {
  return ids(Array.from({ length: n }, () => r.take(guild, concepts, wrongRate)));
}

describe('cycles', () => {
  it('shows every concept once before any repeats', () => {
    const concepts = bank(12);
    const r = new Rotation(openStore(), { newSeed: () => 42 });
    const cycle = takeN(r, 'g1', concepts, 12);
    expect(new Set(cycle).size).toBe(12);
    expect([...cycle].sort()).toEqual(concepts.map((c) => c.id));
  });

  it('counts down the concepts remaining in the cycle', () => {
    const concepts = bank(5);
    const r = new Rotation(openStore(), { newSeed: () => 42 });
    expect(r.progress('g1', concepts)).toEqual({ cycle: 1, shown: 0, remaining: 5, total: 5 });
    takeN(r, 'g1', concepts, 3);
    expect(r.progress('g1', concepts)).toEqual({ cycle: 1, shown: 3, remaining: 2, total: 5 });
    takeN(r, 'g1', concepts, 2);
    expect(r.progress('g1', concepts)).toEqual({ cycle: 1, shown: 5, remaining: 0, total: 5 });
    takeN(r, 'g1', concepts, 1);
    expect(r.progress('g1', concepts)).toEqual({ cycle: 2, shown: 1, remaining: 4, total: 5 });
  });

  it('starts a new, differently shuffled cycle that again covers everything', () => {
    const concepts = bank(12);
    const r = new Rotation(openStore(), { newSeed: () => 42 });
    const first = takeN(r, 'g1', concepts, 12);
    const second = takeN(r, 'g1', concepts, 12);
    const third = takeN(r, 'g1', concepts, 12);
    for (const c of [second, third]) expect([...c].sort()).toEqual(concepts.map((x) => x.id));
    expect(second).not.toEqual(first);
    expect(third).not.toEqual(second);
    // No back-to-back repeat across the cycle boundary.
    expect(second[0]).not.toBe(first[11]);
    expect(third[0]).not.toBe(second[11]);
  });

  it('is reproducible from the seed, and servers with other seeds get other orders', () => {
    const concepts = bank(10);
    const r = new Rotation(openStore(), { newSeed: (g) => (g === 'other' ? 7 : 42) });
    const a = takeN(r, 'g1', concepts, 10);
    const b = takeN(r, 'g2', concepts, 10);
    const c = takeN(r, 'other', concepts, 10);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('does not depend on the order the bank lists concepts in', () => {
    const concepts = bank(10);
    const r = new Rotation(openStore(), { newSeed: () => 42 });
    expect(takeN(r, 'g1', [...concepts].reverse(), 10)).toEqual(takeN(r, 'g2', concepts, 10));
  });

  it('peek shows the next concept without consuming it; release gives one back', () => {
    const concepts = bank(6);
    const r = new Rotation(openStore(), { newSeed: () => 42 });
    const peeked = r.peek('g1', concepts);
    expect(r.take('g1', concepts)).toEqual(peeked);
    const next = r.take('g1', concepts)!;
    r.release('g1', next.id);
    expect(r.progress('g1', concepts).shown).toBe(1);
    expect(r.take('g1', concepts)).toEqual(next);
  });

  it('returns null for an empty bank and handles a single concept', () => {
    const r = new Rotation(openStore(), { newSeed: () => 42 });
    expect(r.take('g1', [])).toBeNull();
    const one = [concept('only')];
    expect(takeN(r, 'g1', one, 3)).toEqual(['only', 'only', 'only']);
  });
});

describe('bank changes', () => {
  it('concepts added mid-cycle join the current cycle; removed ones are never shown', () => {
    const concepts = bank(6);
    const r = new Rotation(openStore(), { newSeed: () => 42 });
    const shownBefore = takeN(r, 'g1', concepts, 3);
    const removed = concepts.find((c) => !shownBefore.includes(c.id))!;
    const changed = [...concepts.filter((c) => c !== removed), concept('new1'), concept('new2')];
    expect(r.progress('g1', changed)).toMatchObject({ shown: 3, remaining: 4, total: 7 });
    const rest = takeN(r, 'g1', changed, 4);
    expect(rest).not.toContain(removed.id);
    expect([...shownBefore, ...rest].sort()).toEqual(changed.map((c) => c.id).sort());
    // The next cycle covers the new bank.
    const next = takeN(r, 'g1', changed, 7);
    expect([...next].sort()).toEqual(changed.map((c) => c.id).sort());
  });

  it('a bank that shrank to what was already shown starts a new cycle', () => {
    const concepts = bank(6);
    const r = new Rotation(openStore(), { newSeed: () => 42 });
    const shown = takeN(r, 'g1', concepts, 3);
    const shrunk = concepts.filter((c) => shown.includes(c.id));
    expect(r.progress('g1', shrunk)).toMatchObject({ remaining: 0, cycle: 1 });
    const next = takeN(r, 'g1', shrunk, 3);
    expect([...next].sort()).toEqual([...shown].sort());
    expect(r.progress('g1', shrunk).cycle).toBe(2);
  });
});

describe('persistence', () => {
  it('continues the same cycle after the database is closed and reopened', () => {
    const concepts = bank(10);
    const uninterrupted = takeN(new Rotation(openStore(), { newSeed: () => 42 }), 'reference', concepts, 20);

    const first = openStore();
    const before = takeN(new Rotation(first, { newSeed: () => 42 }), 'g1', concepts, 4);
    first.db.close();

    const reopened = openStore();
    const seedless = new Rotation(reopened, {
      newSeed: () => {
        throw new Error('the seed must come from the database');
      },
    });
    expect(seedless.progress('g1', concepts)).toMatchObject({ cycle: 1, shown: 4, remaining: 6 });
    const after = takeN(seedless, 'g1', concepts, 16);
    expect(new Set([...before, ...after.slice(0, 6)]).size).toBe(10);
    expect([...before, ...after]).toEqual(uninterrupted);
  });
});

describe('weighting by wrong answers', () => {
  const concepts = bank(10);
  const hard = 'c03';
  const rate: WrongRate = (id) => (id === hard ? 1 : 0);

  function positionsOfHard(wrongRate?: WrongRate): number[] {
    const store = openStore();
    const r = new Rotation(store, { newSeed: (g) => Number(g.slice(1)) * 7919 + 1 });
    // One outer transaction: 4,000 picks, one commit.
    return store.transaction(() => Array.from({ length: 400 }, (_, g) => takeN(r, `g${g}`, concepts, 10, wrongRate).indexOf(hard)));
  }

  it('brings concepts the server gets wrong forward (fixed seeds, 400 servers)', () => {
    const weighted = positionsOfHard(rate);
    const plain = positionsOfHard();
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const firstShare = (xs: number[]) => xs.filter((p) => p === 0).length / xs.length;
    // Uniform: mean position 4.5, first 10% of the time. Weight 4 vs 1: first 4/13 ≈ 31%.
    expect(mean(plain)).toBeGreaterThan(3.8);
    expect(mean(plain)).toBeLessThan(5.2);
    expect(firstShare(plain)).toBeLessThan(0.16);
    expect(mean(weighted)).toBeLessThan(3); // observed 1.9
    expect(firstShare(weighted)).toBeGreaterThan(0.2); // observed 0.25 with these seeds
  });

  it('still shows every concept exactly once per cycle', () => {
    const r = new Rotation(openStore(), { newSeed: () => 42 });
    const cycle = takeN(r, 'g1', concepts, 10, rate);
    expect([...cycle].sort()).toEqual(concepts.map((c) => c.id));
  });

  it('treats missing or out-of-range rates as 0..1', () => {
    const r = new Rotation(openStore(), { newSeed: () => 42 });
    const weird: WrongRate = (id) => (id === 'c00' ? Number.NaN : id === 'c01' ? -3 : 99);
    const cycle = takeN(r, 'g1', concepts, 10, weird);
    expect([...cycle].sort()).toEqual(concepts.map((c) => c.id));
  });
});

describe('relatedConcept', () => {
  // As in the concept bank, the topic is the note file.
  const at = (id: string, topic: string, kind: ConceptKind, startLine: number) =>
    concept(id, { topic, kind, source: { file: `notes/${topic}`, headingPath: [id], startLine, endLine: startLine + 5 } });
  const focal = at('focal-loss', 'retinanet-focal-loss.md', 'loss', 40);
  const all = [
    focal,
    at('alpha-balanced-ce', 'retinanet-focal-loss.md', 'loss', 20),
    at('smooth-l1', 'retinanet-focal-loss.md', 'loss', 80),
    at('retinanet', 'retinanet-focal-loss.md', 'model', 50),
    at('kd-loss', 'knowledge-distillation.md', 'loss', 1),
    at('raii', 'cpp-review.md', 'cpp', 1),
  ];
  const without = (...ids: string[]) => all.filter((c) => !ids.includes(c.id));

  it('prefers same topic and kind, the following section of the note first', () => {
    expect(relatedConcept(focal, all)?.id).toBe('smooth-l1');
    expect(relatedConcept(focal, without('smooth-l1'))?.id).toBe('alpha-balanced-ce');
  });

  it('falls back to the same topic, then the same kind', () => {
    expect(relatedConcept(focal, without('smooth-l1', 'alpha-balanced-ce'))?.id).toBe('retinanet');
    expect(relatedConcept(focal, without('smooth-l1', 'alpha-balanced-ce', 'retinanet'))?.id).toBe('kd-loss');
  });

  it('is null when nothing shares a topic or kind', () => {
    expect(relatedConcept(focal, [focal, all[5]!])).toBeNull();
    expect(relatedConcept(focal, [focal])).toBeNull();
  });
});
