import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import 'dotenv/config';
import { coreConfigFrom } from '../config/core.js';
import { StudyIndex } from '../index/study-index.js';
import { stderrLogger } from '../log.js';
import { ask, type AnswerResult, type KeywordFeatures } from '../search/ask.js';
import { correctSpelling } from '../search/spelling.js';
import { curatedGlossary } from '../text/glossary.js';
import { compareRuns, comparisonTable, parseSavedRun, savedRunJson } from './compare.js';
import { correctAbstention, retrievalMetrics, type Outcome } from './metrics.js';
import { intervalTable, sectionRows, sectionTable } from './section-report.js';
import { currentSectionTexts } from './section-texts.js';
import { glossarySlips, tallySlips } from './typo-check.js';
import {
  acceptableSections,
  normalizeHeading,
  parseSectionQuestion,
  scoreSectionQuestion,
  summarizeSections,
  type SectionOutcome,
  type SectionQuestion,
  type Share,
} from './sections.js';

/**
 * `npm run eval`: Recall@1/3/5, MRR and abstention rates of `ask` over the
 * question sets in eval/*.jsonl, per corpus and per language; then the
 * section-level figures (sec@k, quote@1, ...) of eval/sections and, kept
 * apart, eval-holdout/sections. Each corpus is indexed as a notes folder in
 * its own data dir under DATA_DIR/eval.
 */
interface EvalQuestion {
  id: string;
  corpus: 'notes' | 'dl500' | 'offtopic';
  lang: string;
  question: string;
  expect: { file: string; heading?: string } | null;
}

const { values } = parseArgs({
  options: {
    questions: { type: 'string', default: 'eval' },
    sections: { type: 'string', default: 'eval/sections' },
    'sections-holdout': { type: 'string', default: 'eval-holdout/sections' },
    dl500: { type: 'string', default: process.env.DL500_DIR ?? '../shared/corpora/dl500-questions' },
    json: { type: 'boolean', default: false },
    verbose: { type: 'boolean', short: 'v', default: false },
    ablation: { type: 'boolean', default: false },
    typos: { type: 'boolean', default: false },
    // The public section set's outcomes, question by question, to compare a later run against (compare.ts).
    save: { type: 'string' },
    against: { type: 'string' },
  },
});

const config = coreConfigFrom(process.env);
const logger = stderrLogger();
const questions = loadQuestions(values.questions!);
// Read before the long run, so a mistyped file fails at once.
const baseline = values.against ? readBaseline(values.against) : null;
const corpora: Record<string, string | null> = {
  notes: config.notesDir,
  dl500: existsSync(values.dl500!) ? path.resolve(values.dl500!) : null,
};
if (!corpora.dl500) logger.warn(`dl500 corpus not found at ${values.dl500}; its questions are skipped (set DL500_DIR).`);

const indexes: Array<[string, StudyIndex]> = [];
for (const [corpus, notesDir] of Object.entries(corpora)) {
  if (!notesDir) continue;
  const index = await StudyIndex.open({ ...config, notesDir, dataDir: path.join(config.dataDir, 'eval', corpus), logger });
  await index.sync();
  indexes.push([corpus, index]);
}

async function evaluate(features: Partial<KeywordFeatures> = {}, misses: string[] = []): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const [corpus, index] of indexes) {
    // Off-topic questions are asked of every corpus: neither should answer them.
    const set = questions.filter((q) => q.corpus === corpus || q.corpus === 'offtopic');
    for (const q of set) {
      const answer = await ask(index, q.question, { k: 5, features });
      const rank = q.expect ? answer.results.findIndex((r) => matches(r, q.expect!)) + 1 || null : null;
      outcomes.push({
        corpus: q.corpus === 'offtopic' ? `offtopic@${corpus}` : corpus,
        lang: q.lang,
        expected: q.expect !== null,
        rank,
        answered: answer.answered,
      });
      if (q.expect ? rank !== 1 || !answer.answered : answer.answered) {
        const top = answer.results[0];
        misses.push(
          `${q.id} [${q.lang}] rank=${rank ?? '-'} answered=${answer.answered} cov=${top?.coverage ?? 0} q="${q.question}"\n    want ${q.expect ? `${q.expect.file} ${q.expect.heading ?? ''}` : '(refusal)'}\n    got  ${top ? `${top.file} ${top.headingPath.join(' › ')}` : '(nothing)'}`,
        );
      }
    }
  }
  return outcomes;
}

const misses: string[] = [];
const outcomes = await evaluate({}, misses);

/** dl500 questions must hit the section (heading); our notes' questions the note. */
function matches(result: AnswerResult, expect: { file: string; heading?: string }): boolean {
  if (result.file !== expect.file) return false;
  return corpusNeedsHeading(expect) ? result.headingPath.some((h) => normalizeHeading(h) === normalizeHeading(expect.heading!)) : true;
}
function corpusNeedsHeading(expect: { file: string; heading?: string }): boolean {
  return Boolean(expect.heading) && expect.file.includes('/');
}

const rows: string[] = [];
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
rows.push('| corpus | lang | n | R@1 | R@3 | R@5 | MRR | false abstention |', '|---|---|---|---|---|---|---|---|');
const report: Record<string, unknown> = {};
for (const corpus of ['notes', 'dl500']) {
  for (const lang of ['all', 'en', 'zh']) {
    const subset = outcomes.filter((o) => o.corpus === corpus && (lang === 'all' || o.lang === lang));
    if (!subset.length) continue;
    const m = retrievalMetrics(subset);
    report[`${corpus}/${lang}`] = m;
    rows.push(
      `| ${corpus} | ${lang} | ${m.n} | ${m.recallAt1.toFixed(3)} | ${m.recallAt3.toFixed(3)} | ${m.recallAt5.toFixed(3)} | ${m.mrr.toFixed(3)} | ${pct(m.falseAbstention)} |`,
    );
  }
}
const offTopicRows: string[] = [];
for (const corpus of ['notes', 'dl500']) {
  for (const lang of ['all', 'en', 'zh']) {
    const subset = outcomes.filter((o) => o.corpus === `offtopic@${corpus}` && (lang === 'all' || o.lang === lang));
    if (!subset.length) continue;
    const a = correctAbstention(subset);
    report[`offtopic@${corpus}/${lang}`] = a;
    offTopicRows.push(`| ${corpus} | ${lang} | ${a.n} | ${pct(a.rate)} |`);
  }
}
if (offTopicRows.length) rows.push('', '| off-topic asked of | lang | n | correctly refused |', '|---|---|---|---|', ...offTopicRows);
const loaded = indexes.find(([, index]) => index.embedder)?.[1].embedder?.model;
const dense = loaded
  ? `dense leg on: ${loaded}`
  : `dense leg off${config.embeddingModel ? ` (${config.embeddingModel} not available)` : ''}: keyword leg only`;
if (!values.json) process.stdout.write(`StudyBot retrieval eval (${questions.length} questions; ${dense})\n\n${rows.join('\n')}\n`);
if (values.verbose && misses.length) process.stdout.write(`\nMisses (rank ≠ 1 or wrong abstention):\n${misses.join('\n')}\n`);

// Section-level sets: the public one, then the held-out one (its misses are never listed).
const sectionSets: Array<[string, string]> = [
  ['public', values.sections!],
  ['held-out', values['sections-holdout']!],
];
const scoredSets: Array<[string, SectionOutcome[]]> = [];
const sectionMisses: string[] = [];
for (const [set, dir] of sectionSets) {
  if (!existsSync(dir)) continue;
  const outcomes = await evaluateSections(loadSectionQuestions(dir), set === 'public' ? sectionMisses : []);
  scoredSets.push([set, outcomes]);
}
if (scoredSets.length) {
  const rows = sectionRows(
    scoredSets,
    indexes.map(([corpus]) => corpus),
  );
  report.sections = rows;
  if (!values.json) {
    const counts = scoredSets.map(([set, o]) => `${o.length} ${set}`).join(', ');
    process.stdout.write(`\nSection eval (${counts}): the first result's section and quote\n\n${sectionTable(rows).join('\n')}\n`);
    process.stdout.write(`\nWith 95 % intervals (Wilson):\n\n${intervalTable(rows).join('\n')}\n`);
  }
  if (values.verbose && sectionMisses.length) process.stdout.write(`\nSection misses (public set only):\n${sectionMisses.join('\n')}\n`);
}
const publicOutcomes = scoredSets.find(([set]) => set === 'public')?.[1] ?? [];
if (values.save) {
  writeFileSync(values.save, savedRunJson(values.sections!, publicOutcomes));
  logger.info(`Public section outcomes saved to ${values.save}: compare a later run with --against ${values.save}`);
}
if (baseline) {
  if (baseline.questions !== values.sections) logger.warn(`${values.against} scored ${baseline.questions}, this run ${values.sections}`);
  const comparison = compareRuns(baseline.outcomes, publicOutcomes);
  if (values.json) report.against = comparison;
  else
    process.stdout.write(`\nAgainst ${values.against} (public set, question by question):\n\n${comparisonTable(comparison).join('\n')}\n`);
}
if (values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);

if (values.ablation) {
  // Each part of the keyword leg switched off in turn: what it is worth on these questions.
  const variants: Array<[string, Partial<KeywordFeatures>]> = [
    ['full keyword leg', {}],
    ['without spelling correction', { spelling: false }],
    ['without hinge-word refusal', { hinges: false }],
    ['hinge words without co-occurrence (count rule)', { cooccurrence: false }],
    ['without definition intent', { definitions: false }],
    ['without comparison sides', { comparisons: false }],
    ['without question aspects', { aspects: false }],
    ['without overview deferral', { overviews: false }],
    ['without heading-vouched topics', { headingVouches: false }],
    ['without termhood weighting', { termhood: false }],
    ['without the notes own names as topical', { ownNames: false }],
    ['without guesses confirmed by a heading', { headingGuesses: false }],
    ['without specificity in the ranking', { specificity: false }],
    ['without versioned-name variants', { nameVariants: false }],
    ['without the asking sentence', { askingSentence: false }],
    ['ranking with ideas no candidate holds', { heldIdeas: false }],
    ['without a note named by its own name', { noteNames: false }],
    ['without compound translations', { compounds: false }],
    ['without word order in headings', { wordOrder: false }],
    ['quotes without the heading they continue', { headingLead: false }],
    ['without words aligned with the first heading', { headingAlignment: false }],
    ["without a question's placed subject", { placedSubject: false }],
    ["without the notes' own slips", { notesSlips: false }],
    ['without guess credit shared among senses', { sensesShared: false }],
    ['without where a thing comes from, told in text', { originInText: false }],
    ['quotes counting each translation of an idea', { ideasOnce: false }],
    ['without glossary terms held whole as topical', { termsWhole: false }],
    ['without a part named by its owner (definitions)', { partAsked: false }],
    [
      'without all twenty-six (before #12)',
      {
        spelling: false,
        hinges: false,
        definitions: false,
        comparisons: false,
        aspects: false,
        overviews: false,
        headingVouches: false,
        termhood: false,
        ownNames: false,
        headingGuesses: false,
        specificity: false,
        nameVariants: false,
        askingSentence: false,
        heldIdeas: false,
        noteNames: false,
        compounds: false,
        wordOrder: false,
        headingLead: false,
        headingAlignment: false,
        placedSubject: false,
        notesSlips: false,
        sensesShared: false,
        originInText: false,
        ideasOnce: false,
        termsWhole: false,
        partAsked: false,
      },
    ],
    ['without dictionary guesses', { dictionary: false }],
    ['without glossary expansion', { expansion: false }],
    ['without either translation', { expansion: false, dictionary: false }],
    ['without coverage rerank', { rerank: false }],
    ['plain BM25 (no translation, no rerank)', { expansion: false, dictionary: false, rerank: false }],
  ];
  // Section figures of the public set only: the held-out set is never looked at question by question.
  const publicSections = existsSync(values.sections!) ? loadSectionQuestions(values.sections!) : [];
  const lines = [
    '',
    '| variant | notes R@1 | notes R@3 | dl500 R@1 | dl500 R@5 | dl500 MRR | dl500 false abstention | en R@5 (both) | off-topic refused | sec@1 | quote@1 | both sides | typo sec@3 | near-miss refused | far refused | false abstention |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const [name, features] of variants) {
    const o = await evaluate(features);
    const sec = summarizeSections(publicSections.length ? await evaluateSections(publicSections, [], features) : []);
    const r = (x: Share) => (x.n ? x.rate.toFixed(3) : '–');
    const c = (x: Share) => (x.n ? `${x.hits}/${x.n}` : '–');
    const sectionCells = `${r(sec.secAt1)} | ${r(sec.quoteAt1)} | ${c(sec.bothSides)} | ${c(sec.typoSecAt3)} | ${c(sec.nearMissRefused)} | ${c(sec.farRefused)} | ${c(sec.falseAbstention)}`;
    const notes = retrievalMetrics(o.filter((x) => x.corpus === 'notes'));
    const dl = retrievalMetrics(o.filter((x) => x.corpus === 'dl500'));
    const en = retrievalMetrics(o.filter((x) => (x.corpus === 'notes' || x.corpus === 'dl500') && x.lang === 'en'));
    const off = correctAbstention(o.filter((x) => x.corpus.startsWith('offtopic@')));
    // A question set without notes or off-topic questions (the held-out set) has no figure there, not a zero.
    const num = (n: number, x: number) => (n ? x.toFixed(3) : '–');
    lines.push(
      `| ${name} | ${num(notes.n, notes.recallAt1)} | ${num(notes.n, notes.recallAt3)} | ${num(dl.n, dl.recallAt1)} | ${num(dl.n, dl.recallAt5)} | ${num(dl.n, dl.mrr)} | ${dl.n ? pct(dl.falseAbstention) : '–'} | ${num(en.n, en.recallAt5)} | ${off.n ? pct(off.rate) : '–'} | ${sectionCells} |`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

if (values.typos) {
  // The speller on slips nobody chose (src/eval/typo-check.ts): corrected back, to another word, or left.
  const lines = [
    '',
    'Typo check (glossary words the notes use, one slip each, seed 7)',
    '',
    '| corpus | lang | n | corrected | wrong word | left |',
    '|---|---|---|---|---|---|',
  ];
  for (const [corpus, index] of indexes) {
    const used = (term: string) =>
      /^[a-z]+$/.test(term) ? index.tokenize(term).every((t) => index.sectionsWith(t) > 0) : index.sectionsWith(term) > 0;
    const outcomes = glossarySlips(curatedGlossary(), used).map(({ lang, term, typo }) => {
      const spelled = correctSpelling(lang === 'en' ? `what is ${typo}` : `${typo}是什么`, index);
      const to = spelled.corrections[0]?.to;
      const back = lang === 'en' ? to !== undefined && index.tokenize(to)[0] === index.tokenize(term)[0] : spelled.text.startsWith(term);
      return { lang, outcome: back ? ('corrected' as const) : spelled.corrections.length ? ('wrong' as const) : ('left' as const) };
    });
    for (const t of tallySlips(outcomes)) lines.push(`| ${corpus} | ${t.lang} | ${t.n} | ${t.corrected} | ${t.wrong} | ${t.left} |`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** Asks each section question of its own corpus and scores the first results and quote. */
async function evaluateSections(
  set: SectionQuestion[],
  missLines: string[],
  features: Partial<KeywordFeatures> = {},
): Promise<SectionOutcome[]> {
  const outcomes: SectionOutcome[] = [];
  for (const [corpus, index] of indexes) {
    const questions = set.filter((q) => q.corpus === corpus);
    const textOf = await currentSectionTexts(corpora[corpus]!, questions.flatMap(acceptableSections));
    for (const q of questions) {
      const answer = await ask(index, q.question, { k: 5, features });
      const o = scoreSectionQuestion(q, answer, textOf);
      outcomes.push(o);
      const refused = q.kind === 'near-miss' || q.kind === 'far';
      const wrong = o.stale || (refused ? o.answered : o.rank !== 1 || !o.quoteHolds || !o.answered);
      if (wrong) {
        const top = answer.results[0];
        const why = o.stale
          ? 'STALE (an answer string is no longer in its section)'
          : refused
            ? 'answered an off-topic question'
            : `rank=${o.rank ?? '-'} quote=${o.quoteHolds ? 'ok' : 'miss'} answered=${o.answered}`;
        missLines.push(
          `${q.id} [${q.lang} ${q.kind}] ${why} q="${q.question}"\n    got  ${top ? `${top.file} ${top.headingPath.join(' › ')}` : '(nothing)'}\n    quote ${JSON.stringify((top?.quote ?? '').slice(0, 160))}`,
        );
      }
    }
  }
  return outcomes;
}

/** A run saved by --save, or a one-line error and exit: a stack trace says nothing a user needs. */
function readBaseline(file: string) {
  try {
    if (!existsSync(file)) throw new Error(`No saved eval run at ${file}. Write one with: npm run eval -- --save ${file}`);
    return parseSavedRun(readFileSync(file, 'utf8'), file);
  } catch (err) {
    process.stderr.write(`error: ${(err as Error).message}\n`);
    process.exit(2);
  }
}

/** Every non-empty line of the `.jsonl` files in `dir`, in file-name order, with the file and line it came from. */
function jsonlLines(dir: string): Array<{ line: string; where: string }> {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .flatMap((f) =>
      readFileSync(path.join(dir, f), 'utf8')
        .split('\n')
        .map((line, i) => ({ line, where: `${path.join(dir, f)}:${i + 1}` }))
        .filter(({ line }) => line.trim()),
    );
}

function loadSectionQuestions(dir: string): SectionQuestion[] {
  return jsonlLines(dir).map(({ line, where }) => parseSectionQuestion(line, where));
}

function loadQuestions(dir: string): EvalQuestion[] {
  return jsonlLines(dir).map(({ line, where }) => {
    try {
      return JSON.parse(line) as EvalQuestion;
    } catch {
      throw new Error(`${where} is not valid JSON`);
    }
  });
}
