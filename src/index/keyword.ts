import Database from 'better-sqlite3';
import { headingPathWords, headingWords } from '../notes/section.js';
import type { Analyzer, QueryGroup } from '../text/analyzer.js';
import type { DictionaryPair } from '../text/dictionary.js';
import type { Chunk, NoteMeta } from '../notes/types.js';

export interface KeywordHit {
  id: string;
  score: number;
  /** Index terms this chunk matched: used for coverage and quote selection. */
  matched: Set<string>;
}

/** A row of keyword_docs: a chunk's analyzed fields, as indexed. */
interface DocRow {
  rowid: number;
  id: string;
  heading: string;
  own: string;
  names: string;
  text: string;
  code: string;
}

/** Share of sections above which a query token is dropped as a stop word. */
const STOP_SHARE = 0.5;
/** bm25() column weights, in the column order of `keyword_fts`. */
const FIELD_WEIGHTS = { heading: 2, own: 0.5, names: 0.5, text: 1, code: 0.25 };
/**
 * How many times each kind of query token is listed in the MATCH: bm25() has no
 * per-term weights but sums over the query's phrases, so a typed word listed
 * twice weighs twice a translation or a dictionary guess listed once.
 */
const TOKEN_WEIGHTS = { typed: 2, translation: 1, guess: 1 };

const SCHEMA = `
  -- Chunk id and its analyzed fields (tokens joined by spaces): the FTS5 table's content, and
  -- the tokens of the top hits for the coverage rerank.
  CREATE TABLE IF NOT EXISTS keyword_docs (
    rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,
    heading TEXT NOT NULL, own TEXT NOT NULL, names TEXT NOT NULL, text TEXT NOT NULL, code TEXT NOT NULL
  );
  -- Our analyzer has already cut, stemmed and lower-cased every field: FTS5 only splits
  -- on the spaces between tokens (every character class but separators is a token char).
  -- External content, deleted with the row's old values: FTS5 then removes its tokens from
  -- bm25's statistics (row count, lengths), which contentless_delete=1 never did, so ranking
  -- drifted as notes were edited (691 rows counted where 93 existed). A regular table would
  -- store every field a second time (+30% on disk).
  CREATE VIRTUAL TABLE IF NOT EXISTS keyword_fts USING fts5(
    heading, own, names, text, code,
    content='keyword_docs', content_rowid='rowid',
    tokenize="unicode61 remove_diacritics 0 categories 'L* N* Co M* S* P*'"
  );
  CREATE VIRTUAL TABLE IF NOT EXISTS keyword_terms USING fts5vocab(keyword_fts, 'row');
  CREATE TABLE IF NOT EXISTS keyword_topical (term TEXT PRIMARY KEY) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS keyword_dictionary (english TEXT NOT NULL, chinese TEXT NOT NULL, PRIMARY KEY (english, chinese)) WITHOUT ROWID;
  -- Chinese words already looked up in the dictionary, found or not: an edit looks up only new ones.
  CREATE TABLE IF NOT EXISTS keyword_looked_up (term TEXT PRIMARY KEY) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS keyword_state (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
`;

/**
 * BM25 over chunks with SQLite FTS5, fed by our own mixed-language analyzer.
 * The index lives in the caller's database file, so it is persisted and
 * updated in place: opening it reads nothing, editing a note writes only
 * that note's rows. Document frequencies come from FTS5's own vocabulary table.
 */
export class KeywordIndex {
  private readonly dfCache = new Map<string, number>();
  private readonly topicalCache = new Map<string, boolean>();
  private count: number;
  /** Whether keyword_topical matches the documents; null until read. */
  private topicalCurrent: boolean | null = null;
  private readonly statements;

  constructor(
    db: Database.Database,
    private readonly analyzer: Analyzer,
    /** A read-only connection cannot run CREATE TABLE, even IF NOT EXISTS: the tables are there. */
    options: { readOnly?: boolean } = {},
  ) {
    if (!options.readOnly) db.exec(SCHEMA);
    const w = FIELD_WEIGHTS;
    this.statements = {
      insertFts: db.prepare('INSERT INTO keyword_fts (rowid, heading, own, names, text, code) VALUES (?, ?, ?, ?, ?, ?)'),
      insertDoc: db.prepare('INSERT INTO keyword_docs (id, heading, own, names, text, code) VALUES (?, ?, ?, ?, ?, ?)'),
      docOf: db.prepare<[string], DocRow>('SELECT * FROM keyword_docs WHERE id = ?'),
      // FTS5's way to remove an external-content row: the old values say which tokens to take out.
      deleteFts: db.prepare(
        "INSERT INTO keyword_fts (keyword_fts, rowid, heading, own, names, text, code) VALUES ('delete', ?, ?, ?, ?, ?, ?)",
      ),
      deleteDoc: db.prepare('DELETE FROM keyword_docs WHERE rowid = ?'),
      count: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM keyword_docs'),
      df: db.prepare<[string], { doc: number }>('SELECT doc FROM keyword_terms WHERE term = ?'),
      allDf: db.prepare<[], { term: string; doc: number }>('SELECT term, doc FROM keyword_terms'),
      search: db.prepare<[string, number], { rowid: number; score: number }>(
        `SELECT rowid, -bm25(keyword_fts, ${w.heading}, ${w.own}, ${w.names}, ${w.text}, ${w.code}) AS score
         FROM keyword_fts WHERE keyword_fts MATCH ? ORDER BY score DESC, rowid LIMIT ?`,
      ),
      docs: db.prepare<[string], DocRow>('SELECT * FROM keyword_docs WHERE rowid IN (SELECT value FROM json_each(?))'),
      isTopical: db.prepare<[string], { term: string }>('SELECT term FROM keyword_topical WHERE term = ?'),
      clearTopical: db.prepare('DELETE FROM keyword_topical'),
      insertTopical: db.prepare('INSERT INTO keyword_topical (term) VALUES (?)'),
      insertDictionary: db.prepare('INSERT OR IGNORE INTO keyword_dictionary (english, chinese) VALUES (?, ?)'),
      insertLookedUp: db.prepare('INSERT OR IGNORE INTO keyword_looked_up (term) VALUES (?)'),
      lookedUp: db.prepare<[], { term: string }>('SELECT term FROM keyword_looked_up'),
      dictionary: db.prepare<[], { english: string; chinese: string }>('SELECT english, chinese FROM keyword_dictionary'),
      getState: db.prepare<[string], { value: string }>('SELECT value FROM keyword_state WHERE key = ?'),
      setState: db.prepare('INSERT OR REPLACE INTO keyword_state (key, value) VALUES (?, ?)'),
    };
    this.count = this.statements.count.get()!.n;
  }

  /** Forgets what it read from the database: another process changed it. */
  refresh(): void {
    this.count = this.statements.count.get()!.n;
    this.dfCache.clear();
    this.topicalCache.clear();
    this.topicalCurrent = null;
  }

  /** A throwaway index in memory (tests, tools). */
  static inMemory(analyzer: Analyzer): KeywordIndex {
    return new KeywordIndex(new Database(':memory:'), analyzer);
  }

  get size(): number {
    return this.count;
  }

  add(chunk: Chunk, meta: NoteMeta): void {
    const { tokenize } = this.analyzer;
    const fields = fieldsOf(chunk, meta);
    const values = [fields.heading, fields.own, fields.names, fields.text, fields.code].map((f) => tokenize(f).join(' '));
    const { lastInsertRowid } = this.statements.insertDoc.run(chunk.id, ...values);
    this.statements.insertFts.run(lastInsertRowid, ...values);
    this.count++;
    this.changed();
  }

  remove(chunkId: string): void {
    const row = this.statements.docOf.get(chunkId);
    if (!row) return;
    this.statements.deleteFts.run(row.rowid, row.heading, row.own, row.names, row.text, row.code);
    this.statements.deleteDoc.run(row.rowid);
    this.count--;
    this.changed();
  }

  /**
   * The tokens a chunk was indexed with, all fields together: what tokenizing
   * its heading path, note title, aliases and text gives, read back instead of
   * cut again (jieba is most of the cost). Undefined for a chunk not indexed.
   */
  indexedTokens(chunkId: string): Set<string> | undefined {
    const row = this.statements.docOf.get(chunkId);
    return row && tokensOf([row.heading, row.own, row.names, row.text, row.code]);
  }

  /** The tokens of a chunk's own text, prose and code, as indexed: what cutting its text gives. */
  indexedTextTokens(chunkId: string): Set<string> | undefined {
    const row = this.statements.docOf.get(chunkId);
    return row && tokensOf([row.text, row.code]);
  }

  /** Number of chunks containing `term`. */
  sectionsWith(term: string): number {
    let df = this.dfCache.get(term);
    if (df === undefined) {
      df = this.statements.df.get(term)?.doc ?? 0;
      this.dfCache.set(term, df);
    }
    return df;
  }

  /** Inverse document frequency, with unseen terms as rare as possible. */
  idf(term: string): number {
    const n = this.count;
    const df = this.sectionsWith(term);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** Every indexed term with the number of chunks holding it. */
  documentFrequencies(): Map<string, number> {
    const out = new Map<string, number>();
    for (const { term, doc } of this.statements.allDf.iterate()) out.set(term, doc);
    return out;
  }

  /** Replaces the notes' own vocabulary (see vocabulary.ts), computed by the caller when the index changes. */
  setTopical(terms: Iterable<string>): void {
    this.statements.clearTopical.run();
    for (const t of terms) this.statements.insertTopical.run(t);
    this.statements.setState.run('topical', 'current');
    this.topicalCurrent = true;
    this.topicalCache.clear();
  }

  /** The words of `terms` not yet looked up in the dictionary. */
  notLookedUp(terms: Iterable<string>): string[] {
    const done = new Set(this.statements.lookedUp.all().map((r) => r.term));
    return [...terms].filter((t) => !done.has(t));
  }

  /**
   * Records dictionary pairs for newly looked-up words. Pairs of words that later
   * leave the notes stay: a guess no section holds matches nothing.
   */
  addDictionary(lookedUp: Iterable<string>, pairs: Iterable<DictionaryPair>): void {
    for (const t of lookedUp) this.statements.insertLookedUp.run(t);
    for (const [en, zh] of pairs) this.statements.insertDictionary.run(en, zh);
  }

  dictionary(): DictionaryPair[] {
    return this.statements.dictionary.all().map(({ english, chinese }) => [english, chinese]);
  }

  /** False after any change until `setTopical` is called again. */
  get hasTopical(): boolean {
    this.topicalCurrent ??= this.statements.getState.get('topical')?.value === 'current';
    return this.topicalCurrent;
  }

  isTopical(term: string): boolean {
    let topical = this.topicalCache.get(term);
    if (topical === undefined) {
      topical = this.statements.isTopical.get(term) !== undefined;
      this.topicalCache.set(term, topical);
    }
    return topical;
  }

  /** BM25 over the query's tokens, typed words weighted twice their translations and guesses. */
  query(groups: QueryGroup[], limit: number): KeywordHit[] {
    const terms = new Set<string>();
    for (const g of groups) for (const t of [...g.tokens, ...g.expansions, ...g.guesses]) terms.add(t);
    // A token in more than half the sections is a stop word by BM25's own measure
    // (classic Robertson–Spärck Jones IDF is ≤ 0 there) but makes FTS5 score nearly
    // every document: leave it out, unless no other token occurs at all.
    const present = [...terms].filter((t) => this.sectionsWith(t) > 0);
    const specific = present.filter((t) => this.sectionsWith(t) / this.count <= STOP_SHARE);
    const used = specific.length > 0 ? specific : present;
    if (used.length === 0) return [];
    const repeats = new Map<string, number>();
    const weigh = (t: string, w: number) => repeats.set(t, Math.max(repeats.get(t) ?? 0, w));
    for (const g of groups) {
      for (const t of g.guesses) weigh(t, TOKEN_WEIGHTS.guess);
      for (const t of g.expansions) weigh(t, TOKEN_WEIGHTS.translation);
      for (const t of g.tokens) weigh(t, TOKEN_WEIGHTS.typed);
    }
    const matchOf = (tokens: string[]) => tokens.flatMap((t) => Array<string>(repeats.get(t)!).fill(`"${t}"`)).join(' OR ');
    let ranked = this.statements.search.all(matchOf(used), limit);
    // Too few sections hold the rarer tokens to fill the list (a folder of a few notes, where a note's own name
    // is in most sections): the common ones find the rest, which add next to nothing to any score.
    if (ranked.length < limit && used.length < present.length) ranked = this.statements.search.all(matchOf(present), limit);
    const docs = new Map(this.statements.docs.all(JSON.stringify(ranked.map((r) => r.rowid))).map((d) => [d.rowid, d]));
    return ranked.map(({ rowid, score }) => {
      const doc = docs.get(rowid)!;
      // A field is its tokens joined by spaces: a token is in it when it stands between spaces. Looking the
      // query's dozen tokens up costs a fifth of splitting 50 sections' text into tokens.
      const fields = [doc.heading, doc.own, doc.names, doc.text, doc.code].map((field) => ` ${field} `);
      // Every query token the section holds, those left out of the MATCH too: in a folder of a few notes the
      // note's own name ("dropout") is in most sections, and a section without it would not hold the question.
      return { id: doc.id, score, matched: new Set(present.filter((t) => fields.some((field) => field.includes(` ${t} `)))) };
    });
  }

  private changed(): void {
    this.dfCache.clear();
    if (this.topicalCurrent !== false) this.statements.setState.run('topical', 'stale');
    this.topicalCurrent = false;
  }
}

/** A field is its tokens joined by spaces. */
function tokensOf(fields: string[]): Set<string> {
  const tokens = new Set<string>();
  for (const field of fields) for (const t of field.split(' ')) if (t) tokens.add(t);
  return tokens;
}

function fieldsOf(chunk: Chunk, meta: NoteMeta) {
  return {
    // The whole path: parents name the topic of sections titled only "模型特点" or "Details".
    heading: headingPathWords(chunk.headingPath),
    // The section's own heading again: a section titled "Focal Loss 的定义" is about focal loss
    // in a way the note's intro, which only shares the note title, is not.
    own: chunk.headingPath.length > 1 ? headingWords(chunk.headingPath[chunk.headingPath.length - 1]!) : '',
    names: [meta.title, ...meta.aliases].join(' '),
    ...splitCode(chunk.text),
  };
}

// A fenced block, from its opening fence to the matching closing one (or the end of the chunk).
const FENCED = /^ {0,3}(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:^ {0,3}\1[ \t]*$|(?![\s\S]))/gm;

/**
 * Prose and code of a section, indexed as separate fields: identifiers like
 * `input`, `output` or `layer` in a deployment script match English questions
 * about concepts, and a script is weaker evidence of what a section explains.
 */
function splitCode(text: string): { text: string; code: string } {
  const code: string[] = [];
  const prose = text.replace(FENCED, (block) => {
    code.push(block);
    return '\n';
  });
  return { text: prose, code: code.join('\n') };
}
