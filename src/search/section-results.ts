import { sectionKey } from '../notes/section.js';
import type { Chunk, ChunkWithMeta } from '../notes/types.js';
import type { QueryGroup } from '../text/analyzer.js';
import type { AnswerResult } from './answer.js';
import type { RankedId } from './sides-first.js';

/** What building the results reads of the corpus, each read once by ask(). */
export interface SectionReads {
  chunkOf(id: string): ChunkWithMeta | undefined;
  sectionOf(id: string): string;
  /** False when two chunks surely lie in different sections, told without reading them (Corpus.mayShareSection). */
  mayShareSection(a: string, b: string): boolean;
  /** The query tokens a chunk holds. */
  tokensOf(id: string): ReadonlySet<string>;
  /** The chunk's passage that best answers the groups, and how much of them it holds. */
  quoteOf(chunk: Chunk, groups: QueryGroup[]): { quote: string; score: number };
  coverage(groups: QueryGroup[], tokens: ReadonlySet<string>): number;
}

/**
 * The first `k` sections of the ranking as results, each quoted from its best
 * part, with the query tokens each holds (for the abstention decision).
 */
export function sectionResults(
  ranking: RankedId[],
  k: number,
  groups: QueryGroup[],
  sideGroups: ReadonlyMap<string, QueryGroup[]>,
  reads: SectionReads,
): { results: AnswerResult[]; resultTokens: Map<string, ReadonlySet<string>> } {
  const results: AnswerResult[] = [];
  // Results are sections: the parts of a long section count once, by their best part,
  // and a passage copied into two notes is not a second result.
  const seenSections = new Set<string>();
  const seenTexts = new Set<string>();
  const resultTokens = new Map<string, ReadonlySet<string>>();
  for (const { id: first, score, side, comparesSides } of ranking) {
    if (results.length >= k) break;
    const firstFound = reads.chunkOf(first);
    if (!firstFound) continue;
    const section = sectionKey(firstFound.chunk);
    if (seenSections.has(section) || seenTexts.has(firstFound.chunk.text)) continue;
    seenSections.add(section);
    seenTexts.add(firstFound.chunk.text);
    // A side's quote is about that side: the question's other side would pull it to where both are named,
    // which is right only in a section that compares them.
    const quoteGroups = (side && !comparesSides && sideGroups.get(side)) || groups;
    // A long section is split in parts, and the part that ranks best (its code, say) need not hold the
    // passage that answers: quote from the part that holds the most of the question, among those found.
    // Most chunks are ruled out without being read: the dense leg's fifty are mostly of other sections.
    const parts = ranking.filter((r) => reads.mayShareSection(r.id, first) && reads.sectionOf(r.id) === section).map((r) => r.id);
    const quoted = parts
      .map((id) => ({ id, ...reads.quoteOf(reads.chunkOf(id)!.chunk, quoteGroups) }))
      .reduce((best, part) => (part.score > best.score + 1e-9 ? part : best));
    const id = quoted.id;
    const { chunk, meta } = reads.chunkOf(id)!;
    // What the section holds is what its parts hold: the one ranked and the one quoted.
    const sectionTokens = id === first ? reads.tokensOf(id) : new Set([...reads.tokensOf(first), ...reads.tokensOf(id)]);
    resultTokens.set(id, sectionTokens);
    results.push({
      chunkId: chunk.id,
      file: chunk.file,
      title: meta.title,
      headingPath: chunk.headingPath,
      startLine: chunk.startLine,
      endLine: chunk.endLine,
      score: round(score),
      coverage: round(reads.coverage(groups, sectionTokens)),
      quote: quoted.quote,
      text: chunk.text,
      ...(side ? { side } : {}),
    });
  }
  return { results, resultTokens };
}

function round(n: number): number {
  return Math.round(n * 10000) / 10000;
}
