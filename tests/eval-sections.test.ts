import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sectionRows, sectionTable } from '../src/eval/section-report.js';
import { currentSectionTexts } from '../src/eval/section-texts.js';
import {
  bothSidesFound,
  parseSectionQuestion,
  quoteAnswers,
  scoreSectionQuestion,
  sectionRank,
  staleAnswers,
  summarizeSections,
  type RankedSection,
  type SectionQuestion,
  type SectionRef,
  acceptableSections,
} from '../src/eval/sections.js';
import { notesDir, repoRoot } from './support/paths.js';

const focal: SectionRef = { file: 'retinanet.md', heading: 'Focal Loss 的定义' };
const balanced: SectionRef = { file: 'retinanet.md', heading: '平衡交叉熵' };
const ppm: SectionRef = { file: 'pspnet.md', heading: '金字塔池化模块' };

const result = (ref: SectionRef, quote = '', parents: string[] = ['Note']): RankedSection => ({
  file: ref.file,
  headingPath: [...parents, ref.heading],
  quote,
});

const definition: SectionQuestion = {
  id: 'sn-01',
  corpus: 'notes',
  lang: 'en',
  kind: 'definition',
  question: 'what is focal loss',
  sections: [focal],
  answers: ['在交叉熵上乘以调制因子'],
};
const comparison: SectionQuestion = {
  id: 'sn-40',
  corpus: 'notes',
  lang: 'en',
  kind: 'comparison',
  question: 'focal loss vs balanced ce',
  sides: [[focal], [balanced]],
  answers: ['区分不了难易'],
};
const nearMiss: SectionQuestion = { id: 'sn-70', corpus: 'notes', lang: 'zh', kind: 'near-miss', question: '金字塔原理写作怎么用' };

const texts = new Map<string, string>([
  [focal.heading, '**Focal Loss 是**在交叉熵上乘以调制因子的损失。'],
  [balanced.heading, 'α 只平衡了正负样本的数量，区分不了难易。'],
]);
const textOf = (ref: SectionRef) => texts.get(ref.heading);

describe('section matching', () => {
  it('ranks by the section’s own heading and file, not by a parent heading', () => {
    const results = [
      result(ppm),
      result({ file: 'retinanet.md', heading: 'Focal Loss 的定义' }, '', ['RetinaNet', '从交叉熵到 Focal Loss']),
    ];
    expect(sectionRank(results, [focal])).toBe(2);
    // The parent "从交叉熵到 Focal Loss" is not the section "Focal Loss 的定义".
    expect(sectionRank([result({ file: 'retinanet.md', heading: '从交叉熵到 Focal Loss' })], [focal])).toBeNull();
    expect(sectionRank([result({ file: 'other.md', heading: focal.heading })], [focal])).toBeNull();
  });

  it('compares headings after Unicode and white-space folding', () => {
    expect(sectionRank([result({ file: ppm.file, heading: '金字塔池化模块 ' })], [{ file: ppm.file, heading: '金字塔池化模块' }])).toBe(1);
  });

  it('reads a space entity copied from the Markdown source as the space the chunker’s heading has', () => {
    // "### &emsp;&emsp;整个系统…" renders (and is chunked) with two em spaces.
    const chunked = result({ file: 'tf.md', heading: '\u2003\u2003整个系统从底层到上层可分为七层：' });
    expect(sectionRank([chunked], [{ file: 'tf.md', heading: '&emsp;&emsp;整个系统从底层到上层可分为七层：' }])).toBe(1);
  });
});

describe('quoteAnswers', () => {
  it('holds when an answer string is inside the quote, line breaks aside', () => {
    expect(quoteAnswers('Focal Loss 是在交叉熵上乘以\n调制因子的损失', ['在交叉熵上乘以 调制因子'])).toBe(true);
    expect(quoteAnswers('Focal Loss 是在交叉熵上乘以调制因子的损失', ['在交叉熵上乘以调制因子'])).toBe(true);
  });

  it('fails when the quote holds none of them', () => {
    expect(quoteAnswers('RetinaNet 是单阶段检测器', ['在交叉熵上乘以调制因子', '区分不了难易'])).toBe(false);
  });
});

describe('bothSidesFound', () => {
  it('needs each side among the first two results', () => {
    expect(bothSidesFound([result(balanced), result(focal)], [[focal], [balanced]])).toBe(true);
    expect(bothSidesFound([result(focal), result(ppm), result(balanced)], [[focal], [balanced]])).toBe(false);
  });

  it('needs each of three sides among the first three results', () => {
    expect(bothSidesFound([result(focal), result(balanced), result(ppm)], [[focal], [balanced], [ppm]])).toBe(true);
    expect(bothSidesFound([result(focal), result(balanced), result(focal), result(ppm)], [[focal], [balanced], [ppm]])).toBe(false);
  });

  it('is satisfied by one section acceptable for both sides', () => {
    expect(bothSidesFound([result(ppm)], [[ppm], [ppm, focal]])).toBe(true);
  });
});

describe('staleAnswers', () => {
  it('lists answer strings no acceptable section holds any more', () => {
    expect(staleAnswers(definition, textOf)).toEqual([]);
    const edited = (ref: SectionRef) => (ref.heading === focal.heading ? 'Focal Loss 给难样本更大的权重。' : undefined);
    expect(staleAnswers(definition, edited)).toEqual(['在交叉熵上乘以调制因子']);
  });

  it('treats a section that is gone as holding nothing', () => {
    expect(staleAnswers(definition, () => undefined)).toEqual(['在交叉熵上乘以调制因子']);
  });
});

describe('scoreSectionQuestion and summarizeSections', () => {
  it('scores the first section, its quote and both sides of a comparison', () => {
    const o = scoreSectionQuestion(
      comparison,
      { answered: true, results: [result(focal, '在交叉熵上乘以调制因子'), result(balanced)] },
      textOf,
    );
    expect(o).toMatchObject({ rank: 1, quoteHolds: false, bothSides: true, stale: false });
  });

  it('counts refusals of off-topic kinds and false abstentions of on-topic ones', () => {
    const outcomes = [
      scoreSectionQuestion(definition, { answered: true, results: [result(focal, '在交叉熵上乘以调制因子的损失')] }, textOf),
      scoreSectionQuestion({ ...definition, id: 'sn-02', lang: 'zh' }, { answered: false, results: [result(ppm), result(focal)] }, textOf),
      scoreSectionQuestion(nearMiss, { answered: false, results: [result(ppm)] }, textOf),
      scoreSectionQuestion({ ...nearMiss, id: 'sn-71', kind: 'far' }, { answered: true, results: [result(ppm)] }, textOf),
    ];
    const s = summarizeSections(outcomes);
    expect(s.onTopic).toBe(2);
    expect(s.secAt1).toEqual({ hits: 1, n: 2, rate: 0.5 });
    expect(s.secAt3.rate).toBe(1);
    expect(s.quoteAt1).toEqual({ hits: 1, n: 2, rate: 0.5 });
    expect(s.quoteGivenSec1).toEqual({ hits: 1, n: 1, rate: 1 });
    expect(s.falseAbstention).toEqual({ hits: 1, n: 2, rate: 0.5 });
    expect(s.nearMissRefused).toEqual({ hits: 1, n: 1, rate: 1 });
    expect(s.farRefused).toEqual({ hits: 0, n: 1, rate: 0 });
    expect(s.bothSides.n).toBe(0);
  });

  it('reports a stale question and leaves it out of every on-topic figure', () => {
    const gone = () => undefined;
    const outcomes = [
      scoreSectionQuestion(definition, { answered: true, results: [result(ppm)] }, gone),
      scoreSectionQuestion(
        { ...definition, id: 'sn-02', kind: 'typo' },
        { answered: true, results: [result(focal, '在交叉熵上乘以调制因子')] },
        textOf,
      ),
    ];
    const s = summarizeSections(outcomes);
    expect(s.stale).toBe(1);
    expect(s.onTopic).toBe(1);
    expect(s.secAt1.rate).toBe(1);
    expect(s.typoSecAt3).toEqual({ hits: 1, n: 1, rate: 1 });
  });
});

describe('section report', () => {
  it('keeps question sets apart and shows counts for small subsets', () => {
    const pub = [scoreSectionQuestion(definition, { answered: true, results: [result(focal, '在交叉熵上乘以调制因子')] }, textOf)];
    const held = [scoreSectionQuestion(nearMiss, { answered: true, results: [result(ppm)] }, textOf)];
    const rows = sectionRows(
      [
        ['public', pub],
        ['held-out', held],
      ],
      ['notes'],
    );
    expect(rows.map((r) => `${r.set}/${r.corpus}/${r.lang}`)).toEqual([
      'public/all/all',
      'public/all/en',
      'public/notes/all',
      'held-out/all/all',
      'held-out/all/zh',
      'held-out/notes/all',
    ]);
    const table = sectionTable(rows);
    expect(table[2]).toBe('| public | all | all | 1 | 1.000 | 1.000 | 1.000 | 1.000 | – | – | – | – | 0/1 | 0 |');
    expect(table[5]).toContain('| 0/1 | – | – | 0 |');
  });
});

describe('currentSectionTexts', () => {
  it('finds every annotated answer of the notes/ questions in the notes as they are now', async () => {
    const questions = ['eval/sections', 'eval-holdout/sections']
      .flatMap((dir) =>
        readdirSync(path.join(repoRoot, dir))
          .filter((f) => f.endsWith('.jsonl'))
          .flatMap((f) =>
            readFileSync(path.join(repoRoot, dir, f), 'utf8')
              .split('\n')
              .filter((l) => l.trim())
              .map((l) => parseSectionQuestion(l, `${dir}/${f}`)),
          ),
      )
      .filter((q) => q.corpus === 'notes');
    const textOf = await currentSectionTexts(notesDir, questions.flatMap(acceptableSections));
    const stale = questions.filter((q) => staleAnswers(q, textOf).length > 0).map((q) => q.id);
    // A failure here means a note was edited: re-annotate the listed questions.
    expect(stale).toEqual([]);
    expect(questions.filter((q) => q.answers).length).toBeGreaterThan(50);
  });

  it('leaves the sections of a missing note undefined', async () => {
    const textOf = await currentSectionTexts(notesDir, [{ file: 'missing.md', heading: 'x' }, focal]);
    expect(textOf({ file: 'missing.md', heading: 'x' })).toBeUndefined();
  });
});

describe('parseSectionQuestion', () => {
  it('says which line is wrong and why', () => {
    expect(() => parseSectionQuestion('{', 'a.jsonl:3')).toThrow('a.jsonl:3 is not valid JSON');
    const noSides = JSON.stringify({ ...comparison, sides: undefined, sections: [focal] });
    expect(() => parseSectionQuestion(noSides, 'a.jsonl:4')).toThrow(/a\.jsonl:4: .*comparison has `sides`/);
    const longAnswer = JSON.stringify({ ...definition, answers: ['x'.repeat(31)] });
    expect(() => parseSectionQuestion(longAnswer, 'a.jsonl:5')).toThrow('5–30 characters');
    const answeredOffTopic = JSON.stringify({ ...nearMiss, answers: ['金字塔原理写作'] });
    expect(() => parseSectionQuestion(answeredOffTopic, 'a.jsonl:6')).toThrow('near-miss question has no sections');
  });

  it('accepts every question in the committed section sets', () => {
    for (const dir of ['eval/sections', 'eval-holdout/sections']) {
      const abs = path.join(repoRoot, dir);
      for (const f of readdirSync(abs).filter((name) => name.endsWith('.jsonl'))) {
        const lines = readFileSync(path.join(abs, f), 'utf8')
          .split('\n')
          .filter((l) => l.trim());
        expect(lines.length).toBeGreaterThan(0);
        lines.forEach((l, i) => {
          expect(() => parseSectionQuestion(l, `${dir}/${f}:${i + 1}`)).not.toThrow();
        });
      }
    }
  });
});
