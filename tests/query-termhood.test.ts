/**
 * Termhood (search/query-groups.ts): in BM25, a typed word the notes do not
 * make their own weighs what a translation weighs, so the chatter around a
 * question does not outrank what it asks about.
 */
import { describe, expect, it } from 'vitest';
import { ask } from '../src/search/ask.js';
import type { Corpus } from '../src/search/corpus.js';
import { withEverydayWordsHalved, withoutWords } from '../src/search/query-groups.js';
import type { QueryGroup } from '../src/text/analyzer.js';
import { memoryCorpus } from './support/memory-corpus.js';

describe('withEverydayWordsHalved', () => {
  const topical = new Set(['rpn', '锚框']);
  const isTopical = (t: string) => topical.has(t);

  it('moves a typed word that is not topical among the translations, keeping the topical ones typed', () => {
    const groups: QueryGroup[] = [
      { surface: '导师', tokens: ['导师'], expansions: [], guesses: [] },
      { surface: '锚框', tokens: ['锚框'], expansions: ['anchor'], guesses: [] },
    ];
    expect(withEverydayWordsHalved(groups, isTopical)).toEqual([
      { surface: '导师', tokens: [], expansions: ['导师'], guesses: [] },
      { surface: '锚框', tokens: ['锚框'], expansions: ['anchor'], guesses: [] },
    ]);
  });

  it('keeps the topical part of a group typed and moves only the rest', () => {
    const group: QueryGroup = { surface: 'rpn 网络', tokens: ['rpn', '网络'], expansions: ['network'], guesses: [] };
    expect(withEverydayWordsHalved([group], isTopical)).toEqual([
      { surface: 'rpn 网络', tokens: ['rpn'], expansions: ['网络', 'network'], guesses: [] },
    ]);
  });
});

describe('ask() weighing chatter', () => {
  const notes = memoryCorpus(
    [
      { id: 'anchors', headingPath: ['Detection', 'Anchors'], text: 'anchor boxes at each position' },
      { id: 'lab', headingPath: ['Detection', 'Lab'], text: 'my advisor wrote it' },
      { id: 'other', headingPath: ['Detection', 'Pooling'], text: 'pooling shrinks maps' },
    ],
    { topical: ['anchor', 'pooling'] },
  );
  const asked: QueryGroup[][] = [];
  const spy: Corpus = {
    ...notes,
    keywordHits: (groups, limit) => {
      asked.push(groups);
      return notes.keywordHits(groups, limit);
    },
  };

  it('asks BM25 for an everyday word as a translation and for a topical one as typed', async () => {
    asked.length = 0;
    await ask(spy, 'my advisor asked about the anchor');
    const bm25 = asked[0]!;
    expect(bm25.find((g) => g.surface === 'advisor')).toMatchObject({ tokens: [], expansions: ['advisor'] });
    expect(bm25.find((g) => g.surface === 'anchor')).toMatchObject({ tokens: ['anchor'] });
  });

  it('asks with every word typed when switched off (the ablation)', async () => {
    asked.length = 0;
    await ask(spy, 'my advisor asked about the anchor', { features: { termhood: false } });
    expect(asked[0]!.find((g) => g.surface === 'advisor')).toMatchObject({ tokens: ['advisor'] });
  });
});

describe('withoutWords', () => {
  it('drops the groups wholly made of the given words and keeps a corrected typo, which has no typed tokens', () => {
    const groups: QueryGroup[] = [
      { surface: 'downsides', tokens: ['downsid'], expansions: [], guesses: [] },
      { surface: 'detr', tokens: ['detr'], expansions: [], guesses: [] },
      { surface: 'segmantation', tokens: [], expansions: ['segment'], guesses: [] },
    ];
    expect(withoutWords(groups, new Set(['downsid'])).map((g) => g.surface)).toEqual(['detr', 'segmantation']);
  });
});
