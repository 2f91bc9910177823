/** One evaluated question: where (1-based) the first correct result ranked, and whether we answered. */
export interface Outcome {
  corpus: string;
  lang: string;
  /** null for questions the notes must refuse. */
  expected: boolean;
  rank: number | null;
  answered: boolean;
}

export interface Metrics {
  n: number;
  recallAt1: number;
  recallAt3: number;
  recallAt5: number;
  mrr: number;
  /** On-topic questions we refused. */
  falseAbstention: number;
}

/** Retrieval metrics over on-topic outcomes (NaN-free: empty sets give zeros). */
export function retrievalMetrics(outcomes: Outcome[]): Metrics {
  const onTopic = outcomes.filter((o) => o.expected);
  const n = onTopic.length;
  const share = (pred: (o: Outcome) => boolean) => (n ? onTopic.filter(pred).length / n : 0);
  return {
    n,
    recallAt1: share((o) => o.rank !== null && o.rank <= 1),
    recallAt3: share((o) => o.rank !== null && o.rank <= 3),
    recallAt5: share((o) => o.rank !== null && o.rank <= 5),
    mrr: n ? onTopic.reduce((sum, o) => sum + (o.rank ? 1 / o.rank : 0), 0) / n : 0,
    falseAbstention: share((o) => !o.answered),
  };
}

/** Share of off-topic questions correctly refused. */
export function correctAbstention(outcomes: Outcome[]): { n: number; rate: number } {
  const off = outcomes.filter((o) => !o.expected);
  return { n: off.length, rate: off.length ? off.filter((o) => !o.answered).length / off.length : 0 };
}

/**
 * The 95 % Wilson score interval of `hits` out of `n`: where the rate over
 * all such questions likely lies, given only these. It says whether 0.843
 * of 713 questions is short of 0.85 or within what another 713 could give;
 * unlike the plain ±2σ interval it stays inside 0–1 for a rate near either end.
 */
export function wilsonInterval(hits: number, n: number, z = 1.96): { low: number; high: number } {
  if (n === 0) return { low: 0, high: 1 };
  const p = hits / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}
