import type { Answer, AnswerResult } from '../search/ask.js';
import { translate, type Translate } from './messages.js';
import { inlinePlain, sectionMarkdown } from './section-text.js';

/** `file:12-30`, the citation format used everywhere. */
export function citation(r: Pick<AnswerResult, 'file' | 'startLine' | 'endLine'>): string {
  return `${r.file}:${r.startLine}-${r.endLine}`;
}

export function headingTrail(r: Pick<AnswerResult, 'headingPath'>): string {
  return r.headingPath.map(inlinePlain).join(' › ');
}

/** The CLI's readable answer: the quote with where it is from, then the other results a line each. */
export function renderAnswerText(answer: Answer, t: Translate = translate): string {
  const lines: string[] = [];
  const [best, ...rest] = answer.results;
  if (!best) return t('cli.nothing');
  if (answer.answered) {
    lines.push(headingTrail(best), `${citation(best)}  ${t('cli.coverage', { coverage: best.coverage.toFixed(2) })}`, '');
    // The same formatter as Discord's, without images: display math as code blocks.
    lines.push(...sectionMarkdown(best.quote).split('\n').map((l) => `  ${l}`), '');
    if (rest.length) lines.push(t('cli.alsoRelevant'));
    rest.forEach((r, i) => lines.push(`  ${i + 2}. ${headingTrail(r)} — ${citation(r)}`));
  } else {
    lines.push(t('cli.notCovered'));
    answer.results.forEach((r, i) => lines.push(`  ${i + 1}. ${headingTrail(r)} — ${citation(r)}`));
  }
  if (!answer.legs.dense) lines.push('', t('cli.keywordOnly'));
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
