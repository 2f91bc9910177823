import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { KeywordIndex } from '../src/index/keyword.js';
import { createAnalyzer } from '../src/text/analyzer.js';
import { emptyGlossary } from '../src/text/glossary.js';
import type { Chunk, NoteMeta } from '../src/notes/types.js';
import { tempDir } from './support/temp-dir.js';

const analyzer = createAnalyzer(emptyGlossary());
const meta: NoteMeta = { file: 'n.md', title: 'Note', tags: [], aliases: [] };
const chunk = (id: string, text: string, heading = 'Section'): Chunk => ({
  id,
  file: 'n.md',
  title: 'Note',
  headingPath: ['Note', heading],
  startLine: 1,
  endLine: 1,
  text,
  part: 0,
});
const groups = (q: string) => analyzer.analyzeQuery(q);

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
    expect(
      index
        .query(groups('anchor pooling'), 10)
        .map((h) => h.id)
        .sort(),
    ).toEqual(['a', 'b', 'c']);
    expect(index.query(groups('pooling'), 10)[0]!.matched).toEqual(new Set(['pool']));
  });

  it('searches without a token found in more than half the sections while the rarer ones fill the list', () => {
    const index = KeywordIndex.inMemory(analyzer);
    for (const id of ['a', 'b', 'c']) index.add(chunk(id, `network part ${id}`), meta);
    index.add(chunk('d', 'network with dropout'), meta);
    const [first, ...rest] = index.query(groups('network dropout'), 1);
    expect(first?.id).toBe('d');
    expect(rest).toEqual([]);
    // Left out of the search, the common token is still reported where the section holds it.
    expect(first?.matched).toEqual(new Set(['network', 'dropout']));
    expect(index.query(groups('network'), 10)).toHaveLength(4);
  });

  it('finds the sections holding only the common token when the rarer ones leave the list short (a folder of a few notes)', () => {
    const index = KeywordIndex.inMemory(analyzer);
    index.add(chunk('intro', 'dropout zeroes units at random'), meta);
    index.add(chunk('why', 'an ensemble of subnetworks', 'Why dropout works'), meta);
    index.add(chunk('other', 'see dropout'), meta);
    const hits = index.query(groups('dropout random'), 10);
    expect(hits.map((h) => h.id)[0]).toBe('intro');
    expect(hits.map((h) => h.id).sort()).toEqual(['intro', 'other', 'why']);
    expect(hits.find((h) => h.id === 'why')?.matched).toEqual(new Set(['dropout']));
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

  it('weighs a typed word above a dictionary guess', () => {
    const index = KeywordIndex.inMemory(analyzer);
    index.add(chunk('typed', 'discrete tokens'), meta);
    index.add(chunk('guessed', '离散 的 词'), meta);
    for (const id of ['x', 'y', 'z']) index.add(chunk(id, `filler ${id}`), meta);
    const [discrete] = groups('discrete');
    expect(index.query([{ ...discrete!, guesses: ['离散'] }], 5).map((h) => h.id)).toEqual(['typed', 'guessed']);
  });

  it('counts a word in a code block as weaker evidence than the same word in prose', () => {
    const index = KeywordIndex.inMemory(analyzer);
    index.add(chunk('code', 'How to run it:\n\n```python\noutput = model(input)\nprint(input, output)\n```\n'), meta);
    index.add(chunk('prose', 'Each layer maps its input to an output.'), meta);
    for (const id of ['x', 'y', 'z']) index.add(chunk(id, `filler ${id}`), meta);
    const hits = index.query(groups('input output'), 5);
    expect(hits.map((h) => h.id)).toEqual(['prose', 'code']);
    // The code still matches, and counts for coverage like any other token.
    expect(hits[1]!.matched).toEqual(new Set(['input', 'output']));
  });

  it('reports a query token as held only where it stands as a whole token, not inside a longer one', () => {
    const index = KeywordIndex.inMemory(analyzer);
    index.add(chunk('res', 'a resnet backbone', 'ResNet'), meta);
    index.add(chunk('net', 'the net as a backbone', 'Net'), meta);
    for (const id of ['x', 'y', 'z']) index.add(chunk(id, `filler ${id}`), meta);
    const held = new Map(index.query(groups('net backbone'), 5).map((h) => [h.id, h.matched]));
    const [net, backbone] = groups('net backbone').flatMap((g) => g.tokens);
    expect(held.get('net')).toEqual(new Set([net, backbone]));
    // "resnet" holds "net" only inside it, and its heading names ResNet, not the net.
    expect(held.get('res')).toEqual(new Set([backbone]));
  });

  it('lives in a database file: a reopened index answers, knows its topical terms and dictionary pairs, and marks them stale on change', () => {
    const file = path.join(tempDir('studybot-keyword-'), 'index.sqlite');
    const first = new KeywordIndex(new Database(file), analyzer);
    first.add(chunk('a', 'dropout regularisation'), meta);
    first.add(chunk('b', 'pooling layers'), meta);
    first.setTopical(['dropout']);
    first.addDictionary(['正则化', '丢弃法'], [['regularization', '正则化']]);
    const reopened = new KeywordIndex(new Database(file), analyzer);
    expect(reopened.size).toBe(2);
    expect(reopened.hasTopical).toBe(true);
    expect(reopened.dictionary()).toEqual([['regularization', '正则化']]);
    // Looked up, found or not, is not looked up again.
    expect(reopened.notLookedUp(['正则化', '丢弃法', '卷积'])).toEqual(['卷积']);
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
