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
