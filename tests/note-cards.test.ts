/**
 * Specification of reading the student's own flashcards (src/notes/cards.ts):
 * the card formats of the Obsidian Spaced Repetition plugin, its tag rule, code
 * left alone, its scheduling comments ignored, and bad input reported without
 * losing the rest of the note.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chunkNote } from '../src/notes/chunk.js';
import { isFlashcardTag, parseCards } from '../src/notes/cards.js';
import { notesDir } from './support/paths.js';

const note = (text: string, file = 'deck.md') => parseCards({ file, text });
const tagged = (body: string) => note(`---\ntags: [flashcards]\n---\n${body}`);
const qa = (text: string) => tagged(text).cards.map((c) => [c.question, c.answer]);

describe('card formats', () => {
  it('reads `question::answer` as one card, with its heading path and line', () => {
    const parsed = tagged('# C++\n## 引用\n\n引用必须在定义时做什么？::初始化，之后不能再绑定别的对象\n');
    expect(parsed.cards).toEqual([
      expect.objectContaining({
        kind: 'single',
        question: '引用必须在定义时做什么？',
        answer: '初始化，之后不能再绑定别的对象',
        headingPath: ['C++', '引用'],
        startLine: 7,
        endLine: 7,
        file: 'deck.md',
      }),
    ]);
    expect(parsed.cardLines).toEqual([7]);
    expect(parsed.problems).toEqual([]);
  });

  it('reads `question:::answer` as two cards, one in each direction, with distinct ids', () => {
    const { cards } = tagged('RAII:::Resource Acquisition Is Initialization\n');
    expect(cards.map((c) => [c.question, c.answer, c.variant])).toEqual([
      ['RAII', 'Resource Acquisition Is Initialization', 0],
      ['Resource Acquisition Is Initialization', 'RAII', 1],
    ]);
    expect(new Set(cards.map((c) => c.id)).size).toBe(2);
  });

  it('reads a multi-line card split by `?` alone on a line, and `??` as both directions', () => {
    const text =
      'Why declare a base class destructor virtual?\n(when deleting through a base pointer)\n?\nSo the derived destructor runs too;\notherwise the behaviour is undefined.\n\nFront\n??\nBack\n';
    const { cards, cardLines } = tagged(text);
    expect(cards.map((c) => [c.kind, c.question, c.answer, c.startLine, c.endLine])).toEqual([
      [
        'multi',
        'Why declare a base class destructor virtual?\n(when deleting through a base pointer)',
        'So the derived destructor runs too;\notherwise the behaviour is undefined.',
        4,
        8,
      ],
      ['multi-reversed', 'Front', 'Back', 10, 12],
      ['multi-reversed', 'Back', 'Front', 10, 12],
    ]);
    expect(cardLines).toEqual([4, 5, 6, 7, 8, 10, 11, 12]);
  });

  it('reads a cloze text as one card per ==highlight==, hiding that one and showing the others', () => {
    const { cards } = tagged('FPN 的 ==自顶向下路径== 把语义强的特征经 ==横向连接== 传给浅层。\n');
    expect(cards.map((c) => [c.kind, c.variant, c.question, c.answer])).toEqual([
      ['cloze', 0, 'FPN 的 [...] 把语义强的特征经 横向连接 传给浅层。', 'FPN 的 **自顶向下路径** 把语义强的特征经 横向连接 传给浅层。'],
      ['cloze', 1, 'FPN 的 自顶向下路径 把语义强的特征经 [...] 传给浅层。', 'FPN 的 自顶向下路径 把语义强的特征经 **横向连接** 传给浅层。'],
    ]);
  });

  it('keeps Markdown and formulas of a card as written, and drops a list marker or deck tag before the question', () => {
    expect(qa('- Focal loss 的调制因子::$(1-p_t)^\\gamma$，**降低**易分样本的权重\n')).toEqual([
      ['Focal loss 的调制因子', '$(1-p_t)^\\gamma$，**降低**易分样本的权重'],
    ]);
    expect(qa('#flashcards/cpp 纯虚函数怎么写？::`= 0`\n')).toEqual([['纯虚函数怎么写？', '`= 0`']]);
  });

  it('gives ids that are stable across edits elsewhere and unique for a card written twice', () => {
    const a = tagged('Q1::A1\n').cards[0]!.id;
    const b = tagged('Intro paragraph.\n\nQ1::A1\n').cards[0]!.id;
    expect(a).toBe(b);
    expect(note('---\ntags: [flashcards]\n---\nQ1::A1\n', 'other.md').cards[0]!.id).not.toBe(a);
    const twice = tagged('Q1::A1\n\nQ1::A1\n').cards;
    expect(new Set(twice.map((c) => c.id)).size).toBe(2);
  });
});

describe('the tag rule', () => {
  it('reads no cards in a note without a flashcard tag', () => {
    const parsed = note('# C++\n\nstd::vector 是动态数组::不是卡片\n');
    expect(parsed).toEqual({ flashcardNote: false, cards: [], problems: [], cardLines: [] });
  });

  it('accepts #flashcards and its sub-tags, inline or in front matter, but not look-alikes', () => {
    expect(note('#flashcards\n\nQ::A\n').cards).toHaveLength(1);
    expect(note('Q::A\n\n#flashcards/cpp/oop\n').cards).toHaveLength(1);
    expect(note('---\ntags: flashcards/dl\n---\nQ::A\n').cards).toHaveLength(1);
    expect(note('#flashcardsx\n\nQ::A\n').cards).toHaveLength(0);
    expect(note('`#flashcards`\n\nQ::A\n').cards).toHaveLength(0);
    expect(['flashcards', '#Flashcards', 'flashcards/cpp'].every(isFlashcardTag)).toBe(true);
    expect(['flashcard', 'my-flashcards', 'flashcardsx'].some(isFlashcardTag)).toBe(false);
  });
});

describe('code, math and comments', () => {
  it('never reads `::` or `==` inside inline code or fenced code', () => {
    const text = [
      '`::`、`.`、`?:` 不能重载，`a == b` 是比较。',
      '',
      '```cpp',
      'std::cout << Circle::area() << (a == b);',
      '?',
      '```',
      '',
      '$$',
      'a::b == c',
      '$$',
      '',
      '用 `std::vector<int>` 存放::动态数组',
    ].join('\n');
    const parsed = tagged(text);
    expect(parsed.cards.map((c) => [c.question, c.answer, c.startLine])).toEqual([['用 `std::vector<int>` 存放', '动态数组', 15]]);
    expect(parsed.problems).toEqual([]);
  });

  it('ignores the plugin’s scheduling comments, on the card’s line or the next, and cards wrapped in a comment', () => {
    const text =
      'Q1::A1 <!--SR:!2024-08-16,51,230-->\nQ2::A2\n<!--SR:!2024-08-20,3,250-->\n\n<!--Hidden::card-->\n\nMulti\n?\nLine\n<!--SR:!2024-09-01,1,230-->\n';
    const parsed = tagged(text);
    expect(parsed.cards.map((c) => [c.question, c.answer])).toEqual([
      ['Q1', 'A1'],
      ['Q2', 'A2'],
      ['Multi', 'Line'],
    ]);
    expect(parsed.cardLines).toEqual([4, 5, 6, 10, 11, 12, 13]);
  });
});

describe('bad input', () => {
  it('reports an unclosed == and still makes the cards of the closed highlights', () => {
    const parsed = tagged('A ==closed== and ==open\n');
    expect(parsed.cards.map((c) => c.question)).toEqual(['A [...] and ==open']);
    expect(parsed.problems).toEqual([{ line: 4, message: expect.stringMatching(/not closed/) }]);
  });

  it('reports a card with an empty side and makes no card of it, keeping the others', () => {
    const parsed = tagged('::no question\nno answer::\nfine::card\n\nquestion only\n?\n\nx ==== y\n');
    expect(parsed.cards.map((c) => c.question)).toEqual(['fine']);
    expect(parsed.problems.map((p) => p.line)).toEqual([4, 5, 9, 11]);
    expect(parsed.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/both sides of "::"/),
      expect.stringMatching(/both sides of "::"/),
      expect.stringMatching(/both sides of "\?"/),
      expect.stringMatching(/empty/),
    ]);
  });

  it('reads nothing from a note that has no cards, an empty note, or front matter alone', () => {
    expect(tagged('Just prose, a question? And an answer.\n').cards).toEqual([]);
    expect(note('').cards).toEqual([]);
    expect(note('---\ntags: [flashcards]\n---').cards).toEqual([]);
  });
});

describe('the bundled notes', () => {
  it('the C++ note is a flashcard note whose cards never come from its code', () => {
    const text = readFileSync(path.join(notesDir, 'cpp-review.md'), 'utf8');
    const parsed = parseCards({ file: 'cpp-review.md', text });
    expect(parsed.flashcardNote).toBe(true);
    expect(parsed.problems).toEqual([]);
    expect(parsed.cards.length).toBeGreaterThanOrEqual(4);
    expect(new Set(parsed.cards.map((c) => c.kind))).toEqual(new Set(['single', 'single-reversed', 'multi', 'cloze']));
    for (const card of parsed.cards) expect(card.question).not.toMatch(/std$|^std|Circle$/);
  });

  it('card lines are not part of the chunks (so neither /ask nor the concept bank reads them), and line numbers stay the file’s', () => {
    const text = readFileSync(path.join(notesDir, 'cpp-review.md'), 'utf8');
    const parsed = parseCards({ file: 'cpp-review.md', text });
    const chunks = chunkNote({ file: 'cpp-review.md', text }).chunks;
    for (const card of parsed.cards) {
      expect(chunks.filter((c) => c.startLine <= card.endLine && card.startLine <= c.endLine)).toEqual([]);
      expect(chunks.some((c) => c.text.includes(`${card.question}::`))).toBe(false);
    }
    const lines = text.split('\n');
    for (const chunk of chunks) expect(lines[chunk.startLine - 1]!.trim().startsWith(chunk.text.split('\n')[0]!.trim())).toBe(true);
  });
});
