/**
 * Near-miss refusal (search/hinges.ts): the notes cover a question only if
 * they account for what it hinges on, its words rare in everyday language.
 */
import { describe, expect, it } from 'vitest';
import { ask } from '../src/search/ask.js';
import {
  accountsForHinges,
  accountsForQuestion,
  CONTENT_SHARE,
  countHinges,
  distinctIdeas,
  heldTogether,
  holdsTypedContent,
  type Lexicon,
  withGuessesConfirmed,
} from '../src/search/hinges.js';
import { coversQuestion } from '../src/search/abstain.js';
import type { QueryGroup } from '../src/text/analyzer.js';
import { memoryCorpus } from './support/memory-corpus.js';

/** Sections on something else, so that a question's section is not the only one an index holds. */
const OTHER_SECTIONS = [
  { id: 'anchors', text: 'Anchors are boxes of fixed sizes.' },
  { id: 'pooling', text: 'Pooling layers shrink feature maps.' },
];

const group = (...tokens: string[]): QueryGroup => ({ surface: tokens.join(''), tokens, expansions: [], guesses: [] });

const lexicon = (share: Record<string, number>, notes: Record<string, number>): Lexicon => ({
  everydayShare: (t) => share[t] ?? 1e-6,
  isEverydayWord: (t) => t in share,
  sectionsWith: (t) => notes[t] ?? 0,
});

describe('countHinges', () => {
  const words = lexicon({ tea: 0.009, green: 0.012, temperature: 0.002, best: 0.06 }, { temperature: 3, softmax: 5 });

  it('counts only specific words: rarer than one everyday paragraph in a hundred', () => {
    const count = countHinges([group('green'), group('tea'), group('best'), group('temperature')], [new Set(['temperature'])], words);
    expect(count).toEqual({ hinges: 2, accounted: 1, foreign: 1 });
  });

  it('ignores a word neither everyday language nor the notes know (a segmentation fragment, an uncorrected typo)', () => {
    expect(countHinges([group('野都'), group('temperature')], [new Set(['temperature'])], words)).toEqual({
      hinges: 1,
      accounted: 1,
      foreign: 0,
    });
  });

  it('counts no number: "0.5" and "200" say nothing of the topic, though the notes hold them', () => {
    const numbers = lexicon({ interest: 0.036, compound: 0.0013 }, { 0: 40, 5: 60, compound: 0 });
    const held = [new Set(['0', '5'])];
    expect(countHinges([group('compound'), group('interest'), group('0'), group('5')], held, numbers)).toEqual({
      hinges: 1,
      accounted: 0,
      foreign: 1,
    });
    expect(heldTogether([group('compound'), group('0'), group('5')], held, numbers)).toBe(0);
  });

  it('counts a Latin name no one knows as foreign: Instagram and Pixar are what the question is about', () => {
    const filter = lexicon({ filter: 0.0008 }, { filter: 9 });
    expect(countHinges([group('instagram'), group('filter')], [new Set(['filter'])], filter)).toEqual({
      hinges: 2,
      accounted: 1,
      foreign: 1,
    });
    // A short unknown Latin word is more often an abbreviation than a name: it says nothing.
    expect(countHinges([group('ui'), group('filter')], [new Set(['filter'])], filter)).toEqual({ hinges: 1, accounted: 1, foreign: 0 });
  });

  it('lets a translation held by a section account for a word', () => {
    const translated: QueryGroup = { surface: 'temperature', tokens: ['temperature'], expansions: ['温度'], guesses: [] };
    expect(countHinges([translated], [new Set(['温度'])], words).accounted).toBe(1);
  });

  it('takes a dictionary sense held by a section as proof the word is not foreign, not that the section accounts for it', () => {
    // "steam engine": engine's guess 工程 is held by a section on 特征工程 (feature engineering).
    const notes = lexicon({ engine: 0.004, temperature: 0.002 }, { 工程: 4, temperature: 3 });
    const guessed: QueryGroup = { surface: 'engine', tokens: ['engine'], expansions: [], guesses: ['工程'] };
    expect(countHinges([guessed], [new Set(['工程'])], notes)).toEqual({ hinges: 1, accounted: 0, foreign: 0 });
    expect(heldTogether([guessed, group('temperature')], [new Set(['工程', 'temperature'])], notes)).toBe(1);
  });

  it('does not count a single Chinese character the sections lack, but does count one they hold', () => {
    const colloquial = lexicon({ 吐: 0.004, 框: 0.003 }, { 框: 5 });
    expect(countHinges([group('吐'), group('框')], [new Set(['框'])], colloquial)).toEqual({ hinges: 1, accounted: 1, foreign: 0 });
  });

  it('takes a Chinese word as foreign when the notes lack the whole word, even if they use a part of it', () => {
    const notes = lexicon({ 蒸馏水: 0.0002, 蒸馏: 0.001 }, { 蒸馏: 8 });
    expect(countHinges([group('蒸馏', '蒸馏水', '馏水')], [new Set(['蒸馏'])], notes)).toEqual({ hinges: 1, accounted: 0, foreign: 1 });
  });
});

describe('accountsForHinges', () => {
  it('refuses a tie between a shared word and one the notes never use', () => {
    expect(accountsForHinges({ hinges: 2, accounted: 1, foreign: 1 })).toBe(false);
  });

  it('answers when the notes hold more of the specific words than they lack', () => {
    expect(accountsForHinges({ hinges: 3, accounted: 2, foreign: 1 })).toBe(true);
  });

  it('counts a specific word the notes use elsewhere half against them', () => {
    expect(accountsForHinges({ hinges: 4, accounted: 2, foreign: 1 })).toBe(true);
    expect(accountsForHinges({ hinges: 5, accounted: 2, foreign: 1 })).toBe(false);
  });

  it('answers when no specific word is foreign to the notes', () => {
    expect(accountsForHinges({ hinges: 3, accounted: 0, foreign: 0 })).toBe(true);
  });
});

describe('ask() on a near-miss question', () => {
  const corpus = memoryCorpus(
    [
      {
        id: 'temp',
        headingPath: ['Distillation', 'Temperature'],
        text: 'The temperature softens the softmax so small probabilities show.',
      },
      ...OTHER_SECTIONS,
    ],
    { topical: ['temperature', 'softmax'], everyday: { tea: 0.009, green: 0.012, water: 0.03, temperature: 0.002, softmax: 1e-7 } },
  );

  it('refuses a question that shares one topical word beside one the notes never use', async () => {
    const answer = await ask(corpus, 'water temperature for green tea');
    expect(answer.results[0]?.chunkId).toBe('temp');
    expect(answer.answered).toBe(false);
  });

  it('answers the on-topic question about the same word', async () => {
    expect((await ask(corpus, 'why does temperature soften the softmax')).answered).toBe(true);
  });

  it('answers the near miss when the rule is switched off (the ablation)', async () => {
    expect((await ask(corpus, 'water temperature for green tea', { features: { hinges: false } })).answered).toBe(true);
  });
});

describe('countHinges, a Chinese word judged whole', () => {
  it('does not count a typo whose fragment alone the notes use (迟化层: the notes have 化层, nobody has 迟化层)', () => {
    const notes = lexicon({ 卷积: 0.0001 }, { 化层: 16, 卷积: 40 });
    expect(countHinges([group('迟化层', '迟化', '化层'), group('卷积')], [new Set(['卷积', '化层'])], notes)).toEqual({
      hinges: 1,
      accounted: 1,
      foreign: 0,
    });
  });
});

describe('countHinges, a Chinese term of several words', () => {
  it('judges 数据增广 by each of its words: 增广 is specific though 数据 is everywhere', () => {
    const notes = lexicon({ 数据: 0.065, 增广: 0.00007, 师兄: 0.0017 }, { 数据: 330, 增广: 5 });
    expect(countHinges([group('数据', '增广'), group('师兄')], [new Set(['数据', '增广'])], notes)).toEqual({
      hinges: 2,
      accounted: 1,
      foreign: 1,
    });
    expect(
      heldTogether([group('gan'), group('数据', '增广')], [new Set(['gan', '数据', '增广'])], { ...notes, isEverydayWord: () => true }),
    ).toBe(2);
  });
});

describe('withGuessesConfirmed', () => {
  const words = lexicon({ cuda: 0.000006, core: 0.0016 }, { cuda: 9, core: 6, 核心: 20 });
  const cudaCore = (): QueryGroup[] => [group('cuda'), { ...group('core'), guesses: ['中心', '核心'] }];

  it('lets a guess the heading of a first section holds account for its word', () => {
    const section = new Set(['cuda', '核心']);
    expect(accountsForQuestion(cudaCore(), [section], words, true)).toBe(false);
    expect(accountsForQuestion(withGuessesConfirmed(cudaCore(), new Set(['cuda', '核心'])), [section], words, true)).toBe(true);
  });

  it('lets a guess the heading holds be the topical term a section shares with the question', () => {
    // "how should we protect the implementation code from a paper": 19.4.2 论文中的算法实现代码怎么保护？
    const paperCode: QueryGroup[] = [
      { ...group('protect'), guesses: ['保护'] },
      { ...group('code'), guesses: ['代码', '编码'] },
    ];
    const section = new Set(['保护', '代码', '论文']);
    const topical = (t: string) => t === '代码';
    expect(coversQuestion(paperCode, section, topical)).toBe(false);
    expect(coversQuestion(withGuessesConfirmed(paperCode, new Set(['论文', '代码', '保护'])), section, topical)).toBe(true);
  });

  it('leaves a guess no heading holds one sense among several', () => {
    expect(withGuessesConfirmed(cudaCore(), new Set(['cuda', '架构']))).toEqual(cudaCore());
  });
});

describe('distinctIdeas', () => {
  it('keeps each idea once: "engine" and "engineer" stem alike, a word typed twice is one word', () => {
    expect(distinctIdeas([group('engin'), group('steam'), group('engin'), group('木地板', '地板')]).map((g) => g.tokens)).toEqual([
      ['engin'],
      ['steam'],
      ['木地板', '地板'],
    ]);
    expect(distinctIdeas([group('地板', '木地板'), group('木地板', '地板')])).toHaveLength(1);
  });

  it('lets a shared word said twice weigh no more than once against a word the notes never use', () => {
    const words = lexicon({ tea: 0.009, temperature: 0.002 }, { temperature: 3 });
    const twice = [group('temperature'), group('temperature'), group('tea')];
    expect(accountsForQuestion(twice, [new Set(['temperature'])], words, true)).toBe(false);
    expect(accountsForQuestion(twice, [new Set(['temperature'])], words, false)).toBe(false);
  });
});

describe('heldTogether', () => {
  const words = lexicon(
    { virtual: 0.001, pointer: 0.0004, hood: 0.003, train: 0.024, test: 0.021, how: 0.3, 算: 0.02, 梯度: 0.0008 },
    { virtual: 8, pointer: 3, train: 30, test: 5, 梯度: 40, 算: 9 },
  );

  it('is the most content words of the question one section holds', () => {
    const sections = [new Set(['virtual', 'pointer']), new Set(['pointer'])];
    expect(heldTogether([group('virtual'), group('pointer'), group('hood')], sections, words)).toBe(2);
  });

  it('counts words rarer than one everyday paragraph in twenty-five, not only the specific ones', () => {
    expect(CONTENT_SHARE).toBe(0.04);
    expect(heldTogether([group('train'), group('test'), group('how')], [new Set(['train', 'test', 'how'])], words)).toBe(2);
    // "a good encoder setting": "set" (4 % of everyday paragraphs) is no company for "encoder".
    const generic = lexicon({ encod: 0.0002, set: 0.041 }, { encod: 3, set: 9 });
    expect(heldTogether([group('encod'), group('set')], [new Set(['encod', 'set'])], generic)).toBe(1);
  });

  it('leaves out a single Chinese character', () => {
    expect(heldTogether([group('梯度'), group('算')], [new Set(['梯度', '算'])], words)).toBe(1);
  });

  it('is zero without sections', () => {
    expect(heldTogether([group('virtual')], [], words)).toBe(0);
  });
});

describe('accountsForHinges with co-occurrence', () => {
  it('covers a question whose specific words the first sections all hold', () => {
    expect(accountsForHinges({ hinges: 2, accounted: 2, foreign: 0 }, 1)).toBe(true);
  });

  it('answers a chatty question whose answer holds two of its words together against as many foreign ones', () => {
    // "my professor says virtual functions are slow-ish, what happens under the hood when I call one through a base pointer"
    expect(accountsForHinges({ hinges: 4, accounted: 2, foreign: 2 }, 2)).toBe(true);
  });

  it('refuses when the foreign words outnumber those held together', () => {
    expect(accountsForHinges({ hinges: 4, accounted: 1, foreign: 3 }, 2)).toBe(false);
  });

  it('refuses one shared word beside a foreign one when no section holds more of the question', () => {
    // "water temperature for green tea"
    expect(accountsForHinges({ hinges: 2, accounted: 1, foreign: 1 }, 1)).toBe(false);
  });

  it('refuses one shared word beside a specific word the notes use elsewhere (金字塔原理写作: 写作)', () => {
    expect(accountsForHinges({ hinges: 2, accounted: 1, foreign: 0 }, 1)).toBe(false);
    expect(accountsForHinges({ hinges: 2, accounted: 1, foreign: 0 })).toBe(true);
  });

  it('does not let everyday words held together vouch when no specific word is held', () => {
    expect(accountsForHinges({ hinges: 1, accounted: 0, foreign: 1 }, 2)).toBe(false);
  });

  it('answers the sides of a comparison held by different sections when they outnumber the foreign words', () => {
    expect(accountsForHinges({ hinges: 3, accounted: 2, foreign: 1 }, 1, true)).toBe(true);
  });

  it('refuses any other question whose words the sections hold only one at a time beside a word no note uses (芯片封装测试)', () => {
    expect(accountsForHinges({ hinges: 3, accounted: 2, foreign: 1 }, 1)).toBe(false);
    // Without a foreign word, most of its specific words held one at a time still cover it.
    expect(accountsForHinges({ hinges: 3, accounted: 2, foreign: 0 }, 1)).toBe(true);
  });
});

describe('ask() on long chatty questions and near misses (co-occurrence)', () => {
  const corpus = memoryCorpus(
    [
      {
        id: 'virtual',
        headingPath: ['C++', 'Virtual functions'],
        text: 'A virtual function called through a base pointer is dispatched through the vtable of the object.',
      },
      { id: 'pyramid', headingPath: ['FPN', 'Pyramid'], text: 'The feature pyramid merges levels top-down.' },
      { id: 'pooling', headingPath: ['PSPNet', 'Pooling'], text: 'Pyramid pooling looks at four scales.' },
    ],
    {
      topical: ['virtual', 'pointer', 'pyramid', 'vtable'],
      everyday: {
        virtual: 0.001,
        pointer: 0.0004,
        hood: 0.003,
        professor: 0.009,
        pyramid: 0.001,
        egyptian: 0.0008,
        built: 0.02,
        were: 0.3,
        vtable: 1e-7,
        elegant: 0.001,
        complains: 0.004,
        downsides: 0.0002,
        // Everyday words, as the real tables know them (an unknown Latin word would read as a name).
        says: 0.2,
        calls: 0.05,
        finds: 0.03,
        happens: 0.06,
        slow: 0.02,
        under: 0.1,
        about: 0.2,
      },
    },
  );
  const chatty = 'my professor says virtual calls are slow, what happens under the hood with a pointer';

  it('does not count what the question asks about its topic ("downsides") among the words it hinges on', async () => {
    const answer = await ask(corpus, 'my professor finds virtual calls through a pointer elegant but complains about the downsides');
    expect(answer.results[0]?.chunkId).toBe('virtual');
    expect(answer.answered).toBe(true);
    // A word that is no aspect cue still counts against the notes: three asides outnumber the two words held together.
    expect((await ask(corpus, 'my professor finds virtual calls through a pointer elegant but complains about the hood')).answered).toBe(
      false,
    );
  });

  it('answers a chatty question whose answering section holds its words together', async () => {
    const answer = await ask(corpus, chatty);
    expect(answer.results[0]?.chunkId).toBe('virtual');
    expect(answer.answered).toBe(true);
  });

  it('refuses a question sharing one topical word beside one the notes never use', async () => {
    const answer = await ask(corpus, 'how were the egyptian pyramid built');
    expect(['pyramid', 'pooling']).toContain(answer.results[0]?.chunkId);
    expect(answer.answered).toBe(false);
  });

  it('refuses the chatty question under the count rule, co-occurrence switched off (the ablation)', async () => {
    expect((await ask(corpus, chatty, { features: { cooccurrence: false } })).answered).toBe(false);
  });
});

describe('ask() on a question that says how it wants the answer ("in one sentence")', () => {
  const corpus = memoryCorpus(
    [
      { id: 'vtable', headingPath: ['C++', 'vtable'], text: 'A vtable holds the addresses of the virtual functions of a class.' },
      { id: 'parse', headingPath: ['NLP', 'Parsing'], text: 'A parser reads a sentence into a tree.' },
    ],
    { topical: ['vtable', 'virtual'], everyday: { vtable: 1e-7, sentence: 0.004, what: 0.3, is: 0.5, in: 0.6, one: 0.4 } },
  );

  it('does not count the words of the form it asks for among what it hinges on', async () => {
    // One result: the notes use "sentence" only elsewhere, where they answer something else.
    const answer = await ask(corpus, 'what is a vtable, in one sentence', { k: 1 });
    expect(answer.results[0]?.chunkId).toBe('vtable');
    expect(answer.answered).toBe(true);
  });

  it('still counts the same word where it asks about something ("a vtable sentence")', async () => {
    // One word held, one the notes use only elsewhere: not covered.
    expect((await ask(corpus, 'what is a vtable sentence', { k: 1 })).answered).toBe(false);
  });
});

describe('ask() on "the point of X", whose cue is no part of its topic', () => {
  const corpus = memoryCorpus(
    [
      { id: 'cv', headingPath: ['Evaluation', 'validation 作用'], text: 'validation 估计 泛化 误差。' },
      { id: 'other', headingPath: ['Layers', 'pooling'], text: 'pooling shrinks maps.' },
    ],
    { topical: ['pooling'], everyday: { point: 0.04, validation: 0.002 } },
  );

  it('lets a heading that names all of the topic vouch for it, whatever the cue words ("point of") are', async () => {
    const answer = await ask(corpus, 'what is the point of validation');
    expect(answer.results[0]?.chunkId).toBe('cv');
    expect(answer.answered).toBe(true);
  });
});

describe('holdsTypedContent', () => {
  const notes = lexicon({ overfitting: 0.00001, batter: 0.0009, pancakes: 0.002 }, { overfitting: 4 });
  const corrected: QueryGroup = { surface: 'overfitting', tokens: [], expansions: ['overfitting'], guesses: [] };

  it('is false when the sections hold only a spelling correction ("Am I overmixing it?" read as overfitting)', () => {
    expect(holdsTypedContent([corrected, group('batter')], [new Set(['overfitting'])], notes)).toBe(false);
  });

  it('is true when they hold a content word as typed', () => {
    expect(holdsTypedContent([group('overfitting')], [new Set(['overfitting'])], notes)).toBe(true);
  });
});

describe('ask() where a section sits under a heading that names the question', () => {
  // "10.1 强化学习的主要特点 › 10.1.1 定义": the own heading says only that it defines; its parent says what.
  const corpus = memoryCorpus(
    [
      {
        id: 'definition',
        headingPath: ['Notes', 'Reinforcement learning basics', 'Definition'],
        text: 'Reinforcement learning trains an agent by trial, error and reward.',
      },
      ...OTHER_SECTIONS,
    ],
    { topical: [], everyday: { reinforcement: 0.002, learning: 0.02, agent: 0.01, reward: 0.004 } },
  );

  it('lets the parent heading vouch for the question, as an own heading would', async () => {
    const answer = await ask(corpus, 'what is reinforcement learning');
    expect(answer.results[0]?.chunkId).toBe('definition');
    expect(answer.answered).toBe(true);
  });

  it('refuses it with heading vouching switched off: no word of it is topical', async () => {
    expect((await ask(corpus, 'what is reinforcement learning', { features: { headingVouches: false } })).answered).toBe(false);
  });
});

describe('ask() on an acronym typed in capitals', () => {
  // "mae" is a word (a name) to everyday English; typed MAE, it is the mean absolute error.
  const corpus = memoryCorpus([{ id: 'losses', text: 'MAE is the mean absolute error, robust to outliers.' }, ...OTHER_SECTIONS], {
    topical: [],
    everyday: { mae: 0.001, robust: 0.002, outliers: 0.001 },
  });

  it('takes it as the notes own name, as it would a name everyday language does not know', async () => {
    const answer = await ask(corpus, 'MAE?');
    expect(answer.results[0]?.chunkId).toBe('losses');
    expect(answer.answered).toBe(true);
  });

  it('leaves the word typed in lower case to everyday language', async () => {
    expect((await ask(corpus, 'mae?')).answered).toBe(false);
  });
});
