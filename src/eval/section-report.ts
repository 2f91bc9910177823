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
