/**
 * Reciprocal rank fusion (Cormack et al., 2009): each leg votes 1/(k + rank).
 * It needs no score calibration between BM25 and cosine similarity, which is
 * why it is the default way to merge a keyword and a dense ranking.
 */
export function reciprocalRankFusion(rankings: string[][], k = 60): Array<{ id: string; score: number }> {
  const scores = new Map<string, number>();
  for (const ranking of rankings) {
    ranking.forEach((id, rank) => {
      scores.set(id, (scores.get(id) ?? 0) + 1 / (k + rank + 1));
    });
  }
  return [...scores].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
}
