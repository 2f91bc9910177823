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

/** How a surface writes a listed section: Discord escapes a heading's Markdown and shows the citation as code. */
export interface ListStyle {
  heading?: (trail: string) => string;
  /** The citation as written, or null to leave it out (each listed section is a click away). */
  cite?: ((citation: string) => string) | null;
}

/** A section listed by where it is, numbered as the answer's results are: "2. FPN › 侧向连接 — fpn.md:12-30". */
export function listedSection(
  r: Pick<AnswerResult, 'headingPath' | 'file' | 'startLine' | 'endLine'>,
  n: number,
  style: ListStyle = {},
): string {
  const heading = style.heading ? style.heading(headingTrail(r)) : headingTrail(r);
  if (style.cite === null) return `${n}. ${heading}`;
  return `${n}. ${heading} — ${style.cite ? style.cite(citation(r)) : citation(r)}`;
}

/** The CLI's readable answer: the quote with where it is from, then the other results a line each. */
export function renderAnswerText(answer: Answer, t: Translate = translate): string {
  const lines: string[] = [];
  if (answer.correctedQuestion) lines.push(t('ask.showingResultsFor', { question: answer.correctedQuestion }), '');
  // A comparison quotes each side's section in full; any other answer, its first.
  const quoted = answer.results.slice(0, Math.max(1, answer.results.filter((r) => r.side).length));
  const rest = answer.results.slice(quoted.length);
  if (!quoted[0]) return [...lines, t('cli.nothing')].join('\n');
  if (answer.answered) {
    for (const r of quoted) {
      lines.push(
        `${r.side ? `${t('cli.side', { side: r.side })} ` : ''}${headingTrail(r)}`,
        `${citation(r)}  ${t('cli.coverage', { coverage: r.coverage.toFixed(2) })}`,
        '',
      );
      // The same formatter as Discord's, without images: display math as code blocks.
      lines.push(
        ...withEscapesRead(sectionMarkdown(r.quote))
          .split('\n')
          .map((l) => `  ${l}`),
        '',
      );
    }
    if (rest.length) lines.push(t('ask.alsoRelevant'));
    rest.forEach((r, i) => {
      lines.push(`  ${listedSection(r, i + quoted.length + 1)}`);
    });
  } else {
    lines.push(t('cli.notCovered'));
    answer.results.forEach((r, i) => {
      lines.push(`  ${listedSection(r, i + 1)}`);
    });
  }
  if (!answer.legs.dense) lines.push('', t('cli.keywordOnly'));
  return lines.join('\n');
}

/**
 * Markdown's backslash escapes read as the characters they stand for, as Discord shows them: a terminal renders
 * no Markdown, and "μ\_B" (escaped so that two subscripts make no italics in Discord) should read μ_B there.
 * Code blocks and code spans keep every backslash: there it is text.
 */
export function withEscapesRead(markdown: string): string {
  let fence: string | null = null;
  return markdown
    .split('\n')
    .map((line) => {
      const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
      if (marker && (fence === null || marker.startsWith(fence))) {
        fence = fence === null ? marker : null;
        return line;
      }
      if (fence !== null) return line;
      return line
        .split(/(`+[^`]*?`+)/)
        .map((part, i) => (i % 2 === 1 ? part : part.replace(MARKDOWN_ESCAPE, '$1')))
        .join('');
    })
    .join('\n');
}

/** A backslash before ASCII punctuation: CommonMark shows the punctuation alone. */
const MARKDOWN_ESCAPE = /\\([!-/:-@[-`{-~])/g;

/** The stable JSON shape of `studybot ask --json` (one object per question). */
export function answerJson(answer: Answer) {
  return {
    question: answer.question,
    ...(answer.correctedQuestion ? { correctedQuestion: answer.correctedQuestion } : {}),
    answered: answer.answered,
    // ask() puts a comparison's sides first already; each names its side.
    ...(answer.comparison ? { comparison: answer.comparison } : {}),
    results: answer.results.map((r) => ({
      ...(r.side ? { side: r.side } : {}),
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
