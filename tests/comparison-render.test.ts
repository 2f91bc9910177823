/**
 * How a comparison and a corrected question are shown: the CLI prints each
 * side's quote, `--json` names the sides, Discord's first answer holds both
 * quotes (an embed and a Full section button each); a corrected question is
 * announced as "Showing results for …".
 */
import { describe, expect, it } from 'vitest';
import type { Answer, AnswerResult } from '../src/search/ask.js';
import { answerView } from '../src/render/answer.js';
import { embedLength } from '../src/render/kit/embed.js';
import { LIMITS } from '../src/render/kit/limits.js';
import { answerJson, renderAnswerText } from '../src/render/text.js';
import { buttons } from './support/buttons.js';

const result = (id: string, side?: string): AnswerResult => ({
  chunkId: id,
  file: `${id}.md`,
  title: id.toUpperCase(),
  headingPath: [id.toUpperCase()],
  startLine: 1,
  endLine: 9,
  score: 1,
  coverage: 0.8,
  quote: `${id} quote`,
  text: `${id} text`,
  ...(side ? { side } : {}),
});

const comparison: Answer = {
  question: 'lstm vs gru',
  corrections: [],
  answered: true,
  legs: { keyword: true, dense: false },
  comparison: { sides: ['lstm', 'gru'] },
  results: [result('lstm', 'lstm'), result('gru', 'gru'), result('rnn')],
};

describe('a comparison', () => {
  it('is printed by the CLI with both quotes, each under its side', () => {
    const text = renderAnswerText(comparison);
    expect(text).toContain('[lstm] LSTM');
    expect(text).toContain('  lstm quote');
    expect(text).toContain('[gru] GRU');
    expect(text).toContain('  gru quote');
    expect(text).toContain('3. RNN');
  });

  it('puts the sides first in --json, each naming its side', () => {
    const json = answerJson(comparison);
    expect(json.comparison).toEqual({ sides: ['lstm', 'gru'] });
    expect(json.results.map((r) => r.side)).toEqual(['lstm', 'gru', undefined]);
  });

  it('shows both quotes in the first Discord answer, each with its citation and Full section button', () => {
    const view = answerView(comparison, 0);
    expect(view.embeds.map((e) => e.description)).toEqual(['lstm quote', 'gru quote']);
    expect(view.embeds.map((e) => e.footer?.text)).toEqual([expect.stringContaining('lstm.md:1-9'), expect.stringContaining('gru.md:1-9')]);
    const labels = buttons(view).map((b) => b.label);
    expect(labels).toContain('Full section: lstm');
    expect(labels).toContain('Full section: gru');
    expect(labels).toContain('Next result (3/3)');
  });

  it('lists the sections after the sides under the last side, numbered on from them', () => {
    const view = answerView(comparison, 0);
    expect(view.embeds[0]!.fields).toBeUndefined();
    expect(view.embeds[1]!.fields?.[0]?.value).toMatch(/^3\. RNN/);
  });

  it('keeps the whole first message within the 6,000 characters Discord allows all its embeds together', () => {
    const long = (id: string, side?: string): AnswerResult => ({
      ...result(id, side),
      headingPath: [id.toUpperCase(), '节'.repeat(250)],
      quote: `${'长'.repeat(5000)}`,
    });
    const huge: Answer = {
      ...comparison,
      question: 'q'.repeat(300),
      results: [long('a', 'lstm'), long('b', 'gru'), long('c'), long('d'), long('e')],
    };
    const { embeds } = answerView(huge, 0);
    expect(embeds.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(LIMITS.embedTotal);
    expect(embeds[1]!.fields).toHaveLength(1);
  });

  it('shows one result per message after the first', () => {
    expect(answerView(comparison, 2).embeds).toHaveLength(1);
  });
});

describe('a corrected question', () => {
  const corrected: Answer = {
    question: 'segmantation',
    correctedQuestion: 'segmentation',
    corrections: [{ from: 'segmantation', to: 'segmentation', at: 0 }],
    answered: true,
    legs: { keyword: true, dense: false },
    results: [result('seg')],
  };

  it('is announced by the CLI, in --json and in Discord', () => {
    expect(renderAnswerText(corrected).split('\n')[0]).toBe('Showing results for “segmentation”');
    expect(answerJson(corrected).correctedQuestion).toBe('segmentation');
    expect(answerView(corrected, 0).embeds[0]?.description).toContain('Showing results for “segmentation”');
  });

  it('is not announced when nothing was corrected', () => {
    expect(renderAnswerText({ ...corrected, correctedQuestion: undefined, corrections: [] })).not.toContain('Showing results');
  });
});
