import { wilsonInterval } from './metrics.js';
import { summarizeSections, type SectionOutcome, type Share, type SectionSummary } from './sections.js';

export interface SectionRow {
  set: string;
  corpus: string;
  lang: string;
  summary: SectionSummary;
}

/**
 * One row per language (all / en / zh, both corpora) and per corpus (both
 * languages), for each question set; a set is never pooled with another, so
 * the held-out figures stay apart from the ones that were looked at.
 */
export function sectionRows(sets: Array<[string, SectionOutcome[]]>, corpora: string[]): SectionRow[] {
  const rows: SectionRow[] = [];
  for (const [set, outcomes] of sets) {
    const add = (corpus: string, lang: string, subset: SectionOutcome[]) => {
      if (subset.length) rows.push({ set, corpus, lang, summary: summarizeSections(subset) });
    };
    for (const lang of ['all', 'en', 'zh'])
      add(
        'all',
        lang,
        outcomes.filter((o) => lang === 'all' || o.lang === lang),
      );
    for (const corpus of corpora)
      add(
        corpus,
        'all',
        outcomes.filter((o) => o.corpus === corpus),
      );
  }
  return rows;
}

const rate = (s: Share) => (s.n ? s.rate.toFixed(3) : '–');
const count = (s: Share) => (s.n ? `${s.hits}/${s.n}` : '–');

/** A Markdown table: rates for the main figures, counts where the subset is small. */
export function sectionTable(rows: SectionRow[]): string[] {
  const lines = [
    '| set | corpus | lang | n | sec@1 | sec@3 | quote@1 | quote if sec@1 | both sides | typo sec@3 | near-miss refused | far refused | false abstention | stale |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const { set, corpus, lang, summary: s } of rows) {
    lines.push(
      `| ${set} | ${corpus} | ${lang} | ${s.onTopic} | ${rate(s.secAt1)} | ${rate(s.secAt3)} | ${rate(s.quoteAt1)} | ${rate(s.quoteGivenSec1)} | ${count(s.bothSides)} | ${count(s.typoSecAt3)} | ${count(s.nearMissRefused)} | ${count(s.farRefused)} | ${count(s.falseAbstention)} | ${s.stale} |`,
    );
  }
  return lines;
}

/**
 * Each set's main figures with their 95 % intervals (metrics.ts): how far a
 * figure could move on another set of questions asked the same way.
 */
export function intervalTable(rows: SectionRow[]): string[] {
  const lines = ['| set | n | sec@1 | sec@3 | quote@1 | both sides | false abstention |', '|---|---|---|---|---|---|---|'];
  const within = (s: Share) => {
    if (!s.n) return '–';
    const { low, high } = wilsonInterval(s.hits, s.n);
    return `${s.rate.toFixed(3)} (${low.toFixed(3)}–${high.toFixed(3)})`;
  };
  for (const { set, corpus, lang, summary: s } of rows) {
    if (corpus !== 'all' || lang !== 'all') continue;
    lines.push(
      `| ${set} | ${s.onTopic} | ${within(s.secAt1)} | ${within(s.secAt3)} | ${within(s.quoteAt1)} | ${within(s.bothSides)} | ${within(s.falseAbstention)} |`,
    );
  }
  return lines;
}
