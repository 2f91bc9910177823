import { describe, expect, it } from 'vitest';
import { reciprocalRankFusion } from '../src/search/fuse.js';
import { bestPassage, QUOTE_MAX_CHARS } from '../src/search/quote.js';
import { coverage } from '../src/search/coverage.js';
import { checkQuestion, MAX_QUESTION_CHARS } from '../src/search/question.js';
import { coversQuestion, HEADING_VOUCHES, holdsGlossaryTerm, topicalInSection, withOwnNames } from '../src/search/abstain.js';
import { isTopical, topicalTerms } from '../src/index/vocabulary.js';
import { rpnGroup, translatedGroup } from './support/query-groups.js';
import { createAnalyzer, type QueryGroup } from '../src/text/analyzer.js';
import { emptyGlossary } from '../src/text/glossary.js';

describe('reciprocal rank fusion', () => {
  it('rewards documents both legs rank well over one leg’s favourite', () => {
    const fused = reciprocalRankFusion([
      ['a', 'b', 'c'],
      ['b', 'd', 'a'],
    ]);
    expect(fused.map((r) => r.id)).toEqual(['b', 'a', 'd', 'c']);
    expect(fused[0]!.score).toBeCloseTo(1 / 62 + 1 / 61);
  });

  it('is a plain ranking when only one leg runs', () => {
    expect(reciprocalRankFusion([['x', 'y']]).map((r) => r.id)).toEqual(['x', 'y']);
  });
});

describe('bestPassage', () => {
  const section = [
    '第一段讲背景，和问题无关。还有一句无关的话。',
    '',
    'Focal Loss 的核心是调制因子。它让简单样本的损失变小。',
    '',
    '```python',
    'def focal(p):',
    '    return -(1 - p) ** 2 * log(p)',
    '```',
    '',
    '最后一段讲别的东西。',
  ].join('\n');
  const weight = (unit: string) => (unit.includes('Focal') ? 3 : 0) + (unit.includes('损失') ? 1 : 0);

  it('picks the sentences that carry the question’s words', () => {
    const quote = bestPassage(section, weight, 60);
    expect(quote.startsWith('Focal Loss 的核心是调制因子。')).toBe(true);
    expect(quote).not.toContain('第一段');
  });

  it('never cuts a code block, and stays within the limit', () => {
    const quote = bestPassage(section, (u) => (u.includes('def focal') ? 5 : 0), 200);
    expect(quote).toContain('```python\ndef focal(p):\n    return -(1 - p) ** 2 * log(p)\n```');
    expect(quote.length).toBeLessThanOrEqual(200);
  });

  it('truncates a single over-long sentence with an ellipsis', () => {
    const quote = bestPassage('x'.repeat(2000), () => 1);
    expect(quote.length).toBeLessThanOrEqual(QUOTE_MAX_CHARS);
    expect(quote.endsWith('…')).toBe(true);
  });
});

describe('coverage', () => {
  const idf = (t: string) => ({ focal: 3, loss: 1, 焦点损失: 3, bread: 5 })[t] ?? 2;
  it('weights each idea of the question by its rarest token', () => {
    const groups = [
      { surface: 'focal loss', tokens: ['focal', 'loss'], expansions: ['焦点损失'], guesses: [] },
      { surface: 'bread', tokens: ['bread'], expansions: [], guesses: ['面包'] },
    ];
    expect(coverage(groups, new Set(['focal', 'loss']), idf)).toBeCloseTo(3 / 8);
    // A translation is likely (0.8), a dictionary guess one sense of several (0.5).
    expect(coverage(groups, new Set(['焦点损失']), idf)).toBeCloseTo((3 * 0.8) / 8);
    expect(coverage(groups, new Set(['面包']), idf)).toBeCloseTo((5 * 0.5) / 8);
    expect(coverage(groups, new Set(['bread', 'focal', 'loss']), idf)).toBe(1);
  });

  it('counts a translation by its whole words, not the search-mode parts of a long one', () => {
    // 全卷积神经网络 is 全 + 卷积 + 神经网络; 神经, 网络, 神经网 and 经网 are parts of 神经网络.
    const parts = ['全', '卷积', '神经', '网络', '神经网', '经网', '神经网络'];
    const fcn = [{ surface: 'fcn', tokens: ['fcn'], expansions: parts, translations: [parts], guesses: [] }];
    expect(coverage(fcn, new Set(['神经网络', '神经', '网络', '神经网', '经网']), idf)).toBeCloseTo(0.8 / 3);
    expect(coverage(fcn, new Set(['全', '卷积', '神经网络']), idf)).toBeCloseTo(0.8);
  });

  it('finds a translation where its words are, not where one of them is', () => {
    // RPN is 区域建议网络 or 区域生成网络: a section on 候选框生成 holds one word of the second.
    const rpn = [rpnGroup()];
    expect(coverage(rpn, new Set(['区域', '建议', '网络']), idf)).toBeCloseTo(0.8);
    expect(coverage(rpn, new Set(['候选框', '生成']), idf)).toBeCloseTo(0.8 / 3);
    // Without its phrases (a corrected spelling moved among the expansions), each expansion stands alone.
    expect(coverage([{ ...rpn[0]!, translations: undefined }], new Set(['生成']), idf)).toBeCloseTo(0.8);
  });
});

describe('abstention: topical vocabulary', () => {
  // 100 sections; "anchor" in 30 of them, "rule" in 3. Everyday English uses "rule" a lot, "anchor" rarely.
  const corpus = { sections: 100, sectionsWith: (t: string) => ({ anchor: 30, rule: 3, once: 1 })[t] ?? 0 };
  const background = { paragraphShare: (t: string) => ({ anchor: 0.001, rule: 0.05, once: 0.000001 })[t] ?? 0.01 };

  it('calls a term topical when the notes use it an order of magnitude more than everyday language', () => {
    expect(isTopical('anchor', corpus, background)).toBe(true);
    expect(isTopical('rule', corpus, background)).toBe(false);
    expect(isTopical('once', corpus, background)).toBe(false); // a single section is not the notes' vocabulary
  });

  it('covers a question only when the best section shares a topical term with it', () => {
    const anchor = [{ surface: 'anchor', tokens: ['anchor'], expansions: [], guesses: [] }];
    const rule = [{ surface: 'rule', tokens: ['rule'], expansions: [], guesses: [] }];
    const topical = topicalTerms(['anchor', 'rule', 'once'], corpus, background);
    expect(topical).toEqual(new Set(['anchor']));
    const isTopicalTerm = (t: string) => topical.has(t);
    expect(coversQuestion(anchor, new Set(['anchor']), isTopicalTerm)).toBe(true);
    expect(coversQuestion(rule, new Set(['rule']), isTopicalTerm)).toBe(false);
    expect(coversQuestion(anchor, new Set(['rule']), isTopicalTerm)).toBe(false);
  });

  it('does not take a glossary term of two or more words as topical unless one of its words is ("transfer learning credits")', () => {
    // A term of the field has everyday senses too: credits transfer between colleges.
    const transfer = translatedGroup('transfer learning', ['transfer', 'learn'], ['迁移', '学习']);
    expect(coversQuestion([transfer], new Set(['迁移', '学习', 'transfer', 'learn']), () => false)).toBe(false);
    expect(coversQuestion([transfer], new Set(['迁移', '学习']), (t) => t === '迁移')).toBe(true);
  });

  it('takes a glossary term jieba cuts into everyday pieces (感受野: 感受 + 野) as topical where a section holds it whole', () => {
    const { tokenize } = createAnalyzer(emptyGlossary());
    const typed = translatedGroup('感受野', ['感受', '野'], ['recept', 'field']);
    const english = translatedGroup('recept field', ['recept', 'field'], ['感受', '野']);
    const defining = '我们首先了解一个概念，感受野，即每个神经元仅与输入神经元相连接的一块区域。';
    const termIn = (text: string) => (g: QueryGroup) => holdsGlossaryTerm(g, text, tokenize);
    const nothingTopical = () => false;
    expect(coversQuestion([typed], new Set(['感受', '野']), nothingTopical, termIn(defining))).toBe(true);
    expect(coversQuestion([english], new Set(['感受', '野']), nothingTopical, termIn(defining))).toBe(true);
    // The pieces apart are not the term, and without the rule nothing here is topical.
    expect(coversQuestion([typed], new Set(['感受', '野']), nothingTopical, termIn('他感受到了野外的风。'))).toBe(false);
    expect(coversQuestion([typed], new Set(['感受', '野']), nothingTopical)).toBe(false);
    // Typed in Chinese, a term of two words is the field's term too.
    const augmentation = translatedGroup('数据增强', ['数据', '增强'], ['data', 'augment']);
    expect(coversQuestion([augmentation], new Set(['数据', '增强']), nothingTopical, termIn('数据增强：翻转、裁剪'))).toBe(true);
    // Translated, a phrase of two words is judged by its words: an access control system with key fobs is no question on C++.
    const access = translatedGroup('access control', ['access', 'control'], ['访问', '控制']);
    expect(coversQuestion([access], new Set(['访问', '控制']), nothingTopical, termIn('访问控制：public、private'))).toBe(false);
  });

  it('takes a Latin name everyday language does not know as the notes own word, even in one section', () => {
    const everyday = new Set(['drop', 'last', 'kernel']);
    const topical = withOwnNames(
      () => false,
      (t) => everyday.has(t),
    );
    expect(topical('drop_last')).toBe(true);
    expect(topical('refinenet')).toBe(true);
    expect(topical('kernel')).toBe(false);
    // Numbers name nothing, and what jieba does not know is a fragment of segmentation.
    expect(topical('2015')).toBe(false);
    expect(topical('达式')).toBe(false);
    const dropLast = [{ surface: 'drop_last', tokens: ['drop_last'], expansions: [], guesses: [] }];
    expect(coversQuestion(dropLast, new Set(['drop_last', 'batch']), topical)).toBe(true);
  });

  it('never takes a dictionary guess alone as evidence that the notes cover a question', () => {
    // "offside rule" guessed as 法则 would meet 链式法则 in notes on backpropagation.
    const offside = [{ surface: 'rule', tokens: ['rule'], expansions: [], guesses: ['anchor'] }];
    const topical = topicalTerms(['anchor', 'rule', 'once'], corpus, background);
    expect(coversQuestion(offside, new Set(['anchor']), (t) => topical.has(t))).toBe(false);
  });
});

describe('topicalInSection', () => {
  const group = (token: string) => ({ surface: token, tokens: [token], expansions: [], guesses: [] });
  const idf = () => 1;
  const nothingTopical = () => false;

  it('counts the words of a heading that names at least half the question as topical there', () => {
    expect(HEADING_VOUCHES).toBe(0.5);
    const refinenet = topicalInSection([group('refinenet')], new Set(['refinenet']), nothingTopical, idf);
    expect(refinenet('refinenet')).toBe(true);
    expect(coversQuestion([group('refinenet')], new Set(['refinenet', 'multi', 'path']), refinenet)).toBe(true);
  });

  it('does not let one word of the heading vouch for a question that is mostly about something else', () => {
    // "what does the entropy of a steam engine tell an engineer" against "MACE (Mobile AI Compute Engine)"
    const question = [group('entropi'), group('steam'), group('engin')];
    const mace = topicalInSection(question, new Set(['mace', 'mobile', 'comput', 'engin']), nothingTopical, idf);
    expect(mace('engin')).toBe(false);
  });

  it('never makes a word outside the heading topical, and keeps the notes own topical terms', () => {
    const heading = topicalInSection([group('refinenet'), group('path')], new Set(['refinenet']), (t) => t === 'anchor', idf);
    expect(heading('path')).toBe(false);
    expect(heading('anchor')).toBe(true);
  });
});

describe('checkQuestion', () => {
  it('accepts a normal question and tidies white space', () => {
    expect(checkQuestion('  what is\n focal   loss ')).toEqual({ ok: true, question: 'what is focal loss' });
  });
  it('refuses empty, over-long and wordless input with a clear message', () => {
    expect(checkQuestion('   ')).toMatchObject({ ok: false, error: expect.stringContaining('empty') });
    const long = checkQuestion('a'.repeat(5000));
    expect(long).toMatchObject({ ok: false, error: expect.stringContaining(`limit is ${MAX_QUESTION_CHARS}`) });
    expect(checkQuestion('\u0000\u0001\ufffd?? !!')).toMatchObject({ ok: false, error: expect.stringContaining('no words') });
  });
});
