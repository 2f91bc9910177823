/**
 * Which concept a server sees next: every concept once per cycle, then a new cycle.
 *
 * The cycle's order is a weighted shuffle drawn lazily: each pick samples the
 * not-yet-shown concepts with weight 1 + boost × wrongRate, using a random
 * number derived from (guild seed, cycle, position). Persisting only the seed,
 * the cycle number and the ids already shown keeps the order reproducible while
 * letting concepts added to the bank mid-cycle join the current cycle, removed
 * ones drop out, and wrong rates measured today influence tomorrow's pick.
 */
import { randomInt } from 'node:crypto';
import type { Concept } from '../concepts/types.js';
import type { DailyStore } from './store.js';

/** Share of answers on this concept the server got wrong, 0..1. */
export type WrongRate = (conceptId: string) => number;

export interface RotationOptions {
  /** Seed for a server's rotation, drawn once and persisted. Injected by tests. */
  newSeed?: (guildId: string) => number;
  /**
   * How strongly wrong answers pull a concept forward: a concept everyone gets
   * wrong is (1 + boost) times as likely to be next as one nobody gets wrong.
   */
  wrongRateBoost?: number;
}

export interface RotationProgress {
  cycle: number;
  /** Concepts of the current bank already shown in this cycle. */
  shown: number;
  /** Concepts still to come before anything repeats. */
  remaining: number;
  total: number;
}

interface Plan {
  concept: Concept;
  cycle: number;
  /** The cycle starts with this pick; the previous one's ids are forgotten. */
  newCycle: boolean;
  previousLast: string | null;
}

export class Rotation {
  private readonly newSeed: (guildId: string) => number;
  private readonly boost: number;

  constructor(
    private readonly store: DailyStore,
    options: RotationOptions = {},
  ) {
    this.newSeed = options.newSeed ?? (() => randomInt(0, 2 ** 31));
    this.boost = options.wrongRateBoost ?? 3;
  }

  /** The concept take() would return now, without recording anything. */
  peek(guildId: string, concepts: readonly Concept[], wrongRate?: WrongRate): Concept | null {
    return this.plan(guildId, concepts, wrongRate)?.concept ?? null;
  }

  /**
   * Picks the next concept and records it as shown. Call it inside the same
   * transaction as the post claim so a lost claim does not consume a concept.
   */
  take(guildId: string, concepts: readonly Concept[], wrongRate?: WrongRate): Concept | null {
    return this.store.transaction(() => {
      const plan = this.plan(guildId, concepts, wrongRate);
      if (!plan) return null;
      if (plan.newCycle) {
        this.store.clearShown(guildId);
        this.store.setRotation(guildId, plan.cycle, plan.previousLast);
      }
      this.store.addShown(guildId, plan.concept.id);
      return plan.concept;
    });
  }

  /** Gives a concept back to the current cycle, for a post known not to have gone out. */
  release(guildId: string, conceptId: string): void {
    this.store.removeShown(guildId, conceptId);
  }

  progress(guildId: string, concepts: readonly Concept[]): RotationProgress {
    const ids = new Set(concepts.map((c) => c.id));
    const shown = this.store.shownInCycle(guildId).filter((id) => ids.has(id)).length;
    return { cycle: this.store.getRotation(guildId)?.cycle ?? 1, shown, remaining: ids.size - shown, total: ids.size };
  }

  private plan(guildId: string, concepts: readonly Concept[], wrongRate?: WrongRate): Plan | null {
    const byId = new Map(concepts.map((c) => [c.id, c] as const));
    if (byId.size === 0) return null;
    const state = this.store.transaction(
      () => this.store.getRotation(guildId) ?? this.store.createRotation(guildId, this.newSeed(guildId)),
    );
    const shown = this.store.shownInCycle(guildId);
    const shownSet = new Set(shown);
    // Sorted so the pick depends on the bank's content, not on its load order.
    const ids = [...byId.keys()].sort();
    let pool = ids.filter((id) => !shownSet.has(id));
    const newCycle = pool.length === 0;
    const cycle = newCycle ? state.cycle + 1 : state.cycle;
    const previousLast = newCycle ? (shown[shown.length - 1] ?? null) : state.lastConceptId;
    if (newCycle) pool = ids;
    // Don't open a cycle with the concept that closed the previous one.
    const position = newCycle ? 0 : shown.length;
    if (position === 0 && previousLast && pool.length > 1) pool = pool.filter((id) => id !== previousLast);

    const weights = pool.map((id) => 1 + this.boost * clampRate(wrongRate?.(id)));
    const r = uniform(state.seed, cycle, position) * weights.reduce((a, b) => a + b, 0);
    let acc = 0;
    let chosen = pool[pool.length - 1]!;
    for (let i = 0; i < pool.length; i++) {
      acc += weights[i]!;
      if (r < acc) {
        chosen = pool[i]!;
        break;
      }
    }
    return { concept: byId.get(chosen)!, cycle, newCycle, previousLast };
  }
}

/**
 * A concept to "read next" after this one: same topic and kind first, then
 * same topic, then same kind; among equals, the nearest following section of
 * the same note. Null when nothing shares a topic or kind.
 */
export function relatedConcept(concept: Concept, all: readonly Concept[]): Concept | null {
  const score = (c: Concept) =>
    (c.topic === concept.topic ? 4 : 0) + (c.kind === concept.kind ? 2 : 0) + (c.source.file === concept.source.file ? 1 : 0);
  const distance = (c: Concept) => {
    if (c.source.file !== concept.source.file) return Number.POSITIVE_INFINITY;
    const d = c.source.startLine - concept.source.startLine;
    return d > 0 ? d : 1e9 - d; // following sections before preceding ones
  };
  let best: Concept | null = null;
  for (const c of all) {
    if (c.id === concept.id || (c.topic !== concept.topic && c.kind !== concept.kind)) continue;
    if (
      !best ||
      score(c) > score(best) ||
      (score(c) === score(best) && (distance(c) < distance(best) || (distance(c) === distance(best) && c.id < best.id)))
    ) {
      best = c;
    }
  }
  return best;
}

function clampRate(rate: number | undefined): number {
  return rate === undefined || !Number.isFinite(rate) ? 0 : Math.min(1, Math.max(0, rate));
}

/** A uniform number in [0, 1) determined by its inputs (hash, then one mulberry32 step). */
function uniform(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const p of parts) {
    h = Math.imul(h ^ (p >>> 0), 0x01000193);
    h ^= h >>> 15;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
  }
  let t = (h + 0x6d2b79f5) | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
