import type { StudyIndex } from '../index/study-index.js';
import type { Chunk } from '../notes/types.js';
import type { QueryGroup } from '../text/analyzer.js';
import { coversQuestion, specificity } from './abstain.js';
import { coverage } from './coverage.js';
import { reciprocalRankFusion } from './fuse.js';
import { bestPassage } from './quote.js';

export interface AnswerResult {
  chunkId: string;
  file: string;
  title: string;
  headingPath: string[];
  startLine: number;
  endLine: number;
  /** Ranking score: RRF when both legs ran, BM25 otherwise. Comparable within one answer only. */
  score: number;
  /** Share of the question's ideas found in this section (0–1): the abstention signal. */
  coverage: number;
  /** The most relevant passage of the section, at most about 600 characters. */
  quote: string;
  /** The whole section, for "Full section". */
  text: string;
}

export interface Answer {
  question: string;
  /** False when the notes do not cover the question; results are then only the nearest sections. */
  answered: boolean;
  results: AnswerResult[];
  /** Which legs ran: keyword always, dense when a model is loaded. */
  legs: { keyword: true; dense: boolean };
}

export interface AskOptions {
  k?: number;
  /** Minimum coverage of the best section to count as answered. */
  minCoverage?: number;
}

/**
 * A floor under the topical-term rule (see abstain.ts): the best section must
 * also hold some of what the question asks (IDF-weighted share of its ideas).
 */
export const DEFAULT_MIN_COVERAGE = 0.05;
/** Candidates each leg contributes before fusion. */
const CANDIDATES = 50;

/**
 * Hybrid retrieval over a synced index: BM25 with cross-language expansion,
 * dense search when a model is loaded, fused by reciprocal rank, then an
 * abstention decision and a quote for each result.
 */
export async function ask(index: StudyIndex, question: string, options: AskOptions = {}): Promise<Answer> {
  const k = Math.max(1, options.k ?? 5);
  const minCoverage = options.minCoverage ?? DEFAULT_MIN_COVERAGE;
  const analyzer = index.analyzer;
  const groups = analyzer.analyzeQuery(question);
  const weight = (t: string) => specificity(t, index.keywordIndex, index.background);
  const keywordHits = index.keywordIndex.query(groups, CANDIDATES, weight);

  const vectors = index.vectorIndex;
  const dense = Boolean(index.embedder && vectors && vectors.size > 0);
  let ranking: Array<{ id: string; score: number }>;
  if (dense) {
    const [queryVector] = await index.embedder!.embed([question], 'query');
    const denseIds = vectors!.search(queryVector!, CANDIDATES).map((h) => h.id);
    ranking = reciprocalRankFusion([keywordHits.map((h) => h.id), denseIds]);
  } else {
    ranking = keywordHits.map((h) => ({ id: h.id, score: h.score }));
  }

  const idf = (t: string) => index.keywordIndex.idf(t);
  const results: AnswerResult[] = [];
  for (const { id, score } of ranking.slice(0, k)) {
    const found = index.chunk(id);
    if (!found) continue;
    const { chunk, meta } = found;
    const sectionTokens = sectionTokensOf(index, id);
    results.push({
      chunkId: chunk.id,
      file: chunk.file,
      title: meta.title,
      headingPath: chunk.headingPath,
      startLine: chunk.startLine,
      endLine: chunk.endLine,
      score: round(score),
      coverage: round(coverage(groups, sectionTokens, idf)),
      quote: quoteOf(chunk, groups, index, idf),
      text: chunk.text,
    });
  }
  const best = results[0];
  const answered = best !== undefined && best.coverage >= minCoverage &&
    coversQuestion(groups, sectionTokensOf(index, best.chunkId), index.keywordIndex, index.background);
  return { question, answered, results, legs: { keyword: true, dense } };
}

/** Every token of a section as the keyword index sees it: heading, note names and text. */
function sectionTokensOf(index: StudyIndex, id: string): Set<string> {
  const { chunk, meta } = index.chunk(id)!;
  return new Set(index.tokenizer.tokenize(`${chunk.headingPath.join(' ')} ${meta.title} ${meta.aliases.join(' ')} ${chunk.text}`));
}

/** The passage whose sentences carry the most IDF weight of the question's tokens. */
function quoteOf(chunk: Chunk, groups: QueryGroup[], index: StudyIndex, idf: (t: string) => number): string {
  const weights = new Map<string, number>();
  for (const g of groups) {
    for (const t of g.expansions) weights.set(t, Math.max(weights.get(t) ?? 0, 0.6 * idf(t)));
    for (const t of g.tokens) weights.set(t, idf(t));
  }
  return bestPassage(chunk.text, (unit) => {
    let score = 0;
    for (const t of new Set(index.tokenizer.tokenize(unit))) score += weights.get(t) ?? 0;
    return score;
  });
}

function round(n: number): number {
  return Math.round(n * 10000) / 10000;
}
