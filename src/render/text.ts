import type { Answer, AnswerResult } from '../search/ask.js';

/** `file:12-30`, the citation format used everywhere. */
export function citation(r: Pick<AnswerResult, 'file' | 'startLine' | 'endLine'>): string {
  return `${r.file}:${r.startLine}-${r.endLine}`;
}

export function headingTrail(r: Pick<AnswerResult, 'headingPath'>): string {
  return r.headingPath.join(' › ');
}

/** The CLI's readable answer: the quote with where it is from, then the other results a line each. */
export function renderAnswerText(answer: Answer): string {
  const lines: string[] = [];
  const [best, ...rest] = answer.results;
  if (!best) return 'Nothing in the notes matches this question.';
  if (answer.answered) {
    lines.push(headingTrail(best), `${citation(best)}  (coverage ${best.coverage.toFixed(2)})`, '');
    lines.push(...best.quote.split('\n').map((l) => `  ${l}`), '');
    if (rest.length) lines.push('Also relevant:');
    rest.forEach((r, i) => lines.push(`  ${i + 2}. ${headingTrail(r)} — ${citation(r)}`));
  } else {
    lines.push('The notes do not seem to cover this question. Nearest sections:');
    answer.results.forEach((r, i) => lines.push(`  ${i + 1}. ${headingTrail(r)} — ${citation(r)}`));
  }
  if (!answer.legs.dense) lines.push('', '(keyword search only: no embedding model loaded)');
  return lines.join('\n');
}

/** The stable JSON shape of `studybot ask --json` (one object per question). */
export function answerJson(answer: Answer) {
  return {
    question: answer.question,
    answered: answer.answered,
    results: answer.results.map((r) => ({
      file: r.file,
      headingPath: r.headingPath,
      startLine: r.startLine,
      endLine: r.endLine,
      score: r.score,
      coverage: r.coverage,
      quote: r.quote,
    })),
  };
}
