/**
 * Specification for src/render/quiz-question.ts: button labels and message text
 * are worked out from the question, including questions stored before they were.
 */
import { describe, expect, it } from 'vitest';
import type { Question } from '../src/quiz/question-types.js';
import { BUTTON_LABEL_MAX, buttonLabels, optionsInStem, renderQuestion } from '../src/render/quiz-question.js';

const base = { stem: '以下哪个概念符合这段描述？\n> ＿＿＿……', options: ['焦点损失（Focal Loss）', '`L1` 损失', '锚框', '交叉熵'] };

describe('quiz question presentation', () => {
  it('short options are the button labels themselves, without code marks; the message is the stem alone', () => {
    expect(buttonLabels(base)).toEqual(['焦点损失（Focal Loss）', 'L1 损失', '锚框', '交叉熵']);
    expect(optionsInStem(base)).toBe(false);
    expect(renderQuestion(base)).toBe(base.stem);
  });

  it('one option over the limit: A–D buttons, and the lettered options go with the stem', () => {
    const long = { ...base, options: [...base.options.slice(0, 3), 'x'.repeat(BUTTON_LABEL_MAX + 1)] };
    expect(buttonLabels(long)).toEqual(['A', 'B', 'C', 'D']);
    expect(renderQuestion(long)).toBe(`${base.stem}\n\nA. 焦点损失（Focal Loss）\nB. \`L1\` 损失\nC. 锚框\nD. ${'x'.repeat(81)}`);
    // Code marks do not count towards the limit: they are not shown on a button.
    expect(optionsInStem({ options: [`\`${'x'.repeat(BUTTON_LABEL_MAX)}\``] })).toBe(false);
  });

  it('a question stored with the old buttonLabels/optionsInStem fields is shown from its options', () => {
    const stored = JSON.parse(
      JSON.stringify({
        ...base,
        id: 'q',
        conceptId: 'c',
        type: 'definition-to-term',
        correctIndex: 0,
        optionConceptIds: ['c', 'd', 'e', 'f'],
        source: { file: 'a.md', headingPath: [], startLine: 1, endLine: 1 },
        buttonLabels: ['焦点损失（Focal Loss）', 'L1 损失', '锚框', '交叉熵'],
        optionsInStem: false,
      }),
    ) as Question & { buttonLabels: string[] };
    expect(buttonLabels(stored)).toEqual(stored.buttonLabels);
    expect(renderQuestion(stored)).toBe(base.stem);
  });
});
