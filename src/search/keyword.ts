import MiniSearch from 'minisearch';
import type { Analyzer, QueryGroup } from '../text/analyzer.js';
import type { Chunk, NoteMeta } from '../notes/types.js';

export interface KeywordHit {
  id: string;
  score: number;
  /** Index terms this chunk matched: used for coverage and quote selection. */
  matched: Set<string>;
}

interface IndexedDoc {
  id: string;
  heading: string;
  own: string;
  names: string;
  text: string;
}

/** Weight of a translated term relative to a typed one: a translation is a guess. */
const EXPANSION_WEIGHT = 0.6;
/** Share of sections above which a query token is dropped as a stop word. */
const STOP_SHARE = 0.5;
const FIELD_BOOSTS = { heading: 2, own: 0.5, names: 0.5, text: 1 };

/**
 * BM25 over chunks with MiniSearch (it scores with BM25+), fed by our own
 * mixed-language analyzer. Also keeps document frequencies, which MiniSearch
 * does not expose, to weight query terms by how specific they are.
 */
export class KeywordIndex {
  private constructor(
    private readonly search: MiniSearch<IndexedDoc>,
    private readonly docFreq: Map<string, number>,
    private readonly analyzer: Analyzer,
    /** Terms that are the notes' own vocabulary (see abstain.ts); null until computed. */
    private topical: Set<string> | null = null,
  ) {}

  static empty(analyzer: Analyzer): KeywordIndex {
    return new KeywordIndex(new MiniSearch<IndexedDoc>(miniSearchOptions()), new Map(), analyzer);
  }

  /** Restores an index saved by `toJSON`; throws on anything else. */
  static fromData(data: unknown, analyzer: Analyzer): KeywordIndex {
    const saved = data as { minisearch?: unknown; docFreq?: unknown; topical?: unknown };
    if (!saved || typeof saved.minisearch !== 'object' || !Array.isArray(saved.docFreq) || !Array.isArray(saved.topical)) {
      throw new Error('keyword index file is malformed');
    }
    const search = MiniSearch.loadJS<IndexedDoc>(saved.minisearch as never, miniSearchOptions());
    return new KeywordIndex(search, new Map(saved.docFreq as Array<[string, number]>), analyzer, new Set(saved.topical as string[]));
  }

  toJSON(): string {
    return JSON.stringify({ minisearch: this.search.toJSON(), docFreq: [...this.docFreq], topical: [...(this.topical ?? [])] });
  }

  /** Recomputes the topical vocabulary from the current document frequencies. */
  refreshTopical(compute: (terms: Iterable<string>) => Set<string>): void {
    this.topical = compute(this.docFreq.keys());
  }

  get hasTopical(): boolean {
    return this.topical !== null;
  }

  isTopical(term: string): boolean {
    return this.topical?.has(term) ?? false;
  }

  get size(): number {
    return this.search.documentCount;
  }

  add(chunk: Chunk, meta: NoteMeta): void {
    // Tokenise each field once; MiniSearch gets the tokens space-joined and only splits them.
    const doc = toDoc(chunk, meta);
    const tokens = this.fieldTokens(doc);
    this.search.add({
      id: doc.id,
      heading: tokens.heading.join(' '),
      own: tokens.own.join(' '),
      names: tokens.names.join(' '),
      text: tokens.text.join(' '),
    });
    for (const term of new Set(Object.values(tokens).flat())) this.docFreq.set(term, (this.docFreq.get(term) ?? 0) + 1);
  }

  remove(chunk: Chunk, meta: NoteMeta): void {
    if (!this.search.has(chunk.id)) return;
    this.search.discard(chunk.id);
    for (const term of new Set(Object.values(this.fieldTokens(toDoc(chunk, meta))).flat())) {
      const n = (this.docFreq.get(term) ?? 0) - 1;
      if (n > 0) this.docFreq.set(term, n);
      else this.docFreq.delete(term);
    }
  }

  /** Number of chunks containing `term`. */
  sectionsWith(term: string): number {
    return this.docFreq.get(term) ?? 0;
  }

  get sections(): number {
    return this.search.documentCount;
  }

  /** Inverse document frequency, with unseen terms as rare as possible. */
  idf(term: string): number {
    const n = this.search.documentCount;
    const df = this.docFreq.get(term) ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** BM25 over the query's tokens, translations weighted below typed words. */
  query(groups: QueryGroup[], limit: number): KeywordHit[] {
    const weights = new Map<string, number>();
    for (const g of groups) {
      for (const t of g.expansions) weights.set(t, Math.max(weights.get(t) ?? 0, EXPANSION_WEIGHT));
      for (const t of g.tokens) weights.set(t, 1);
    }
    // A token in more than half the sections is a stop word by BM25's own measure
    // (classic Robertson–Spärck Jones IDF is ≤ 0 there) but makes MiniSearch score
    // and sort nearly every document: leave it out, unless no other token occurs at all.
    const n = this.search.documentCount;
    const df = (t: string) => this.docFreq.get(t) ?? 0;
    const common = [...weights.keys()].filter((t) => df(t) / n > STOP_SHARE);
    if ([...weights.keys()].some((t) => df(t) > 0 && !common.includes(t))) for (const t of common) weights.delete(t);
    if (weights.size === 0) return [];
    const results = this.search.search(
      { combineWith: 'OR', queries: [...weights.keys()] },
      { boostTerm: (term) => weights.get(term) ?? 1 },
    );
    return results.slice(0, limit).map((r) => ({ id: r.id as string, score: r.score, matched: new Set(r.terms) }));
  }

  private fieldTokens(doc: IndexedDoc): Record<'heading' | 'own' | 'names' | 'text', string[]> {
    const { tokenize } = this.analyzer;
    return { heading: tokenize(doc.heading), own: tokenize(doc.own), names: tokenize(doc.names), text: tokenize(doc.text) };
  }
}

function toDoc(chunk: Chunk, meta: NoteMeta): IndexedDoc {
  return {
    id: chunk.id,
    // The whole path: parents name the topic of sections titled only "模型特点" or "Details".
    heading: chunk.headingPath.join(' '),
    // The section's own heading again: a section titled "Focal Loss 的定义" is about focal loss
    // in a way the note's intro, which only shares the note title, is not.
    own: chunk.headingPath.length > 1 ? chunk.headingPath[chunk.headingPath.length - 1]! : '',
    names: [meta.title, ...meta.aliases].join(' '),
    text: chunk.text,
  };
}

function miniSearchOptions() {
  return {
    fields: ['heading', 'own', 'names', 'text'],
    idField: 'id',
    // Documents arrive as space-joined tokens from our analyzer (see add()).
    tokenize: (text: string) => (text ? text.split(' ') : []),
    processTerm: (term: string) => term,
    searchOptions: {
      // Queries arrive already analyzed, one token per sub-query.
      tokenize: (text: string) => [text],
      boost: FIELD_BOOSTS,
      prefix: false,
      fuzzy: false,
    },
  };
}
