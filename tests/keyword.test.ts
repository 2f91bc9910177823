import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { KeywordIndex } from '../src/search/keyword.js';
import { createAnalyzer } from '../src/text/analyzer.js';
import { emptyGlossary } from '../src/text/glossary.js';
import type { Chunk, NoteMeta } from '../src/notes/types.js';

const analyzer = createAnalyzer(emptyGlossary());
const meta: NoteMeta = { file: 'n.md', title: 'Note', tags: [], aliases: [] };
const chunk = (id: string, text: string, heading = 'Section'): Chunk =>
  ({ id, file: 'n.md', title: 'Note', headingPath: ['Note', heading], startLine: 1, endLine: 1, text, part: 0 });
const groups = (q: string) => analyzer.analyzeQuery(q);

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('KeywordIndex', () => {
  it('ranks by BM25 and reports which query tokens each section holds', () => {
    const index = KeywordIndex.inMemory(analyzer);
    index.add(chunk('a', 'anchors and boxes'), meta);
    index.add(chunk('b', 'pooling layers'), meta);
    index.add(chunk('c', 'anchors everywhere, anchors again', 'Anchors'), meta);
    index.add(chunk('d', 'unrelated text about templates'), meta);
    index.add(chunk('e', 'more unrelated text about references'), meta);
    // The section with the word in its heading and twice in its text outranks a passing mention.
    expect(index.query(groups('anchor'), 10).map((h) => h.id)).toEqual(['c', 'a']);
    expect(index.query(groups('anchor pooling'), 10).map((h) => h.id).sort()).toEqual(['a', 'b', 'c']);
    expect(index.query(groups('pooling'), 10)[0]!.matched).toEqual(new Set(['pool']));
  });

  it('drops a token found in more than half the sections, unless nothing else would match', () => {
    const index = KeywordIndex.inMemory(analyzer);
    for (const id of ['a', 'b', 'c']) index.add(chunk(id, `network part ${id}`), meta);
    index.add(chunk('d', 'network with dropout'), meta);
    expect(index.query(groups('network dropout'), 10).map((h) => h.id)).toEqual(['d']);
    expect(index.query(groups('network'), 10)).toHaveLength(4);
  });

  it('keeps document frequencies in step with adds and removes', () => {
    const index = KeywordIndex.inMemory(analyzer);
    index.add(chunk('a', 'dropout regularisation'), meta);
    index.add(chunk('b', 'dropout again'), meta);
    expect(index.sectionsWith('dropout')).toBe(2);
    index.remove('b');
    expect(index.sectionsWith('dropout')).toBe(1);
    expect(index.size).toBe(1);
    expect(index.query(groups('again'), 5)).toEqual([]);
  });

  it('weighs a typed word above its glossary translation', () => {
    const index = KeywordIndex.inMemory(analyzer);
    index.add(chunk('typed', 'anchor boxes'), meta);
    index.add(chunk('translated', '锚框 的 设置'), meta);
    for (const id of ['x', 'y', 'z']) index.add(chunk(id, `filler ${id}`), meta);
    const [anchor] = groups('anchor');
    const hits = index.query([{ ...anchor!, expansions: ['锚框'] }], 5);
    expect(hits.map((h) => h.id)).toEqual(['typed', 'translated']);
  });

  it('lives in a database file: a reopened index answers, knows its topical terms, and marks them stale on change', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'studybot-keyword-'));
    temps.push(dir);
    const file = path.join(dir, 'index.sqlite');
    const first = new KeywordIndex(new Database(file), analyzer);
    first.add(chunk('a', 'dropout regularisation'), meta);
    first.add(chunk('b', 'pooling layers'), meta);
    first.setTopical(['dropout']);
    const reopened = new KeywordIndex(new Database(file), analyzer);
    expect(reopened.size).toBe(2);
    expect(reopened.hasTopical).toBe(true);
    expect(reopened.isTopical('dropout')).toBe(true);
    expect(reopened.isTopical('pool')).toBe(false);
    expect(reopened.query(groups('dropout'), 5).map((h) => h.id)).toEqual(['a']);
    reopened.add(chunk('c', 'more dropout'), meta);
    expect(new KeywordIndex(new Database(file), analyzer).hasTopical).toBe(false);
  });

  it('lists every indexed term with its document frequency', () => {
    const index = KeywordIndex.inMemory(analyzer);
    index.add(chunk('a', '焦点损失 dropout'), meta);
    index.add(chunk('b', 'dropout'), meta);
    const df = index.documentFrequencies();
    expect(df.get('dropout')).toBe(2);
    expect(df.get('焦点')).toBe(1);
  });
});
