import { describe, expect, it } from 'vitest';
import { KeywordIndex } from '../src/search/keyword.js';
import { createAnalyzer } from '../src/text/analyzer.js';
import { emptyGlossary } from '../src/text/glossary.js';
import type { Chunk, NoteMeta } from '../src/notes/types.js';

const analyzer = createAnalyzer(emptyGlossary());
const meta: NoteMeta = { file: 'n.md', title: 'Note', tags: [], aliases: [] };
const chunk = (id: string, text: string, heading = 'Section'): Chunk =>
  ({ id, file: 'n.md', title: 'Note', headingPath: ['Note', heading], startLine: 1, endLine: 1, text, part: 0 });
const groups = (q: string) => analyzer.analyzeQuery(q);

describe('KeywordIndex', () => {
  it('ranks by BM25 and reports which query tokens each section holds', () => {
    const index = KeywordIndex.empty(analyzer);
    index.add(chunk('a', 'anchors and boxes'), meta);
    index.add(chunk('b', 'pooling layers'), meta);
    index.add(chunk('c', 'anchors everywhere, anchors again', 'Anchors'), meta);
    index.add(chunk('d', 'unrelated text about templates'), meta);
    index.add(chunk('e', 'more unrelated text about references'), meta);
    const hits = index.query(groups('anchor pooling'), 10);
    expect(hits[0]!.id).toBe('c');
    expect(hits.map((h) => h.id).sort()).toEqual(['a', 'b', 'c']);
    expect(index.query(groups('pooling'), 10)[0]!.matched).toEqual(new Set(['pool']));
  });

  it('drops a token found in more than half the sections, unless nothing else would match', () => {
    const index = KeywordIndex.empty(analyzer);
    for (const id of ['a', 'b', 'c']) index.add(chunk(id, `network part ${id}`), meta);
    index.add(chunk('d', 'network with dropout'), meta);
    expect(index.query(groups('network dropout'), 10).map((h) => h.id)).toEqual(['d']);
    expect(index.query(groups('network'), 10)).toHaveLength(4);
  });

  it('keeps document frequencies in step with adds and removes, and survives a save and load', () => {
    const index = KeywordIndex.empty(analyzer);
    index.add(chunk('a', 'dropout regularisation'), meta);
    index.add(chunk('b', 'dropout again'), meta);
    expect(index.sectionsWith('dropout')).toBe(2);
    index.remove(chunk('b', 'dropout again'), meta);
    expect(index.sectionsWith('dropout')).toBe(1);
    index.refreshTopical((terms) => new Set([...terms].filter((t) => t === 'dropout')));
    const loaded = KeywordIndex.fromData(JSON.parse(index.toJSON()), analyzer);
    expect(loaded.size).toBe(1);
    expect(loaded.sectionsWith('dropout')).toBe(1);
    expect(loaded.isTopical('dropout')).toBe(true);
    expect(loaded.query(groups('dropout'), 5).map((h) => h.id)).toEqual(['a']);
  });

  it('refuses a file that is not a saved keyword index', () => {
    expect(() => KeywordIndex.fromData({ minisearch: 1 }, analyzer)).toThrow(/malformed/);
  });
});
