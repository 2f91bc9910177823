import { createHash } from 'node:crypto';
import { z } from 'zod';
import { isOnTopic, isScored, rankedWithin, SECTION_KINDS, type SectionOutcome } from './sections.js';

/**
 * Two runs of the public section set, question by question: what a change
 * gained and lost, in each half of the set. A change that lifts one half and
 * sinks the other has learnt those questions, not the notes; `npm run eval
 * -- --save before.json` then `--against before.json` shows which it did.
 * The held-out set is never saved: its questions are not read one by one.
 */

/** The two halves of the public set, fixed by each question's id so every run splits it alike. */
export type Fold = 'A' | 'B';

export function foldOf(id: string): Fold {
  return Number.parseInt(createHash('sha1').update(id).digest('hex')[0]!, 16) < 8 ? 'A' : 'B';
}

/** A measure is a yes or no per question, or null where it does not apply (sec@1 of a near miss). */
interface Measure {
  name: string;
  hit(o: SectionOutcome): boolean | null;
}

/** The figures of the section table (sections.ts, summarizeSections), each read off one question. */
export const MEASURES: readonly Measure[] = [
  { name: 'sec@1', hit: (o) => (isScored(o) ? rankedWithin(1)(o) : null) },
  { name: 'sec@3', hit: (o) => (isScored(o) ? rankedWithin(3)(o) : null) },
  { name: 'quote@1', hit: (o) => (isScored(o) ? o.quoteHolds : null) },
  { name: 'both sides', hit: (o) => (isScored(o) && o.bothSides !== null ? o.bothSides : null) },
  { name: 'typo sec@3', hit: (o) => (isScored(o) && o.kind === 'typo' ? rankedWithin(3)(o) : null) },
  { name: 'off-topic refused', hit: (o) => (isOnTopic(o) ? null : !o.answered) },
  // Answering an on-topic question is the hit: a loss here is a new false abstention.
  { name: 'on-topic answered', hit: (o) => (isScored(o) ? o.answered : null) },
];

export interface MeasureChange {
  measure: string;
  fold: Fold | 'all';
  gained: number;
  lost: number;
}

export interface QuestionChange {
  id: string;
  fold: Fold;
  kind: string;
  /** Measures this question now meets and did not before. */
  gained: string[];
  lost: string[];
}

export interface RunComparison {
  measures: MeasureChange[];
  questions: QuestionChange[];
  /** Ids in one run only (a question added, removed or renamed): not compared. */
  unmatched: string[];
}

export function compareRuns(before: readonly SectionOutcome[], after: readonly SectionOutcome[]): RunComparison {
  const earlier = new Map(before.map((o) => [o.id, o]));
  const later = new Map(after.map((o) => [o.id, o]));
  const unmatched = [...before.filter((o) => !later.has(o.id)), ...after.filter((o) => !earlier.has(o.id))].map((o) => o.id);
  const questions: QuestionChange[] = [];
  for (const now of after) {
    const was = earlier.get(now.id);
    if (!was) continue;
    const change: QuestionChange = { id: now.id, fold: foldOf(now.id), kind: now.kind, gained: [], lost: [] };
    for (const m of MEASURES) {
      const [a, b] = [m.hit(was), m.hit(now)];
      // A question that became stale (or stopped being) in between is not compared on that measure.
      if (a === null || b === null || a === b) continue;
      (b ? change.gained : change.lost).push(m.name);
    }
    if (change.gained.length || change.lost.length) questions.push(change);
  }
  const measures: MeasureChange[] = [];
  for (const m of MEASURES) {
    for (const fold of ['A', 'B', 'all'] as const) {
      const here = questions.filter((q) => fold === 'all' || q.fold === fold);
      measures.push({
        measure: m.name,
        fold,
        gained: here.filter((q) => q.gained.includes(m.name)).length,
        lost: here.filter((q) => q.lost.includes(m.name)).length,
      });
    }
  }
  return { measures, questions, unmatched };
}

/** A Markdown table of gains and losses per measure and fold, then the questions that moved. */
export function comparisonTable(c: RunComparison): string[] {
  const cell = (measure: string, fold: Fold | 'all') => {
    const m = c.measures.find((x) => x.measure === measure && x.fold === fold)!;
    return `+${m.gained} −${m.lost}`;
  };
  const lines = ['| measure | fold A | fold B | all |', '|---|---|---|---|'];
  for (const m of MEASURES) lines.push(`| ${m.name} | ${cell(m.name, 'A')} | ${cell(m.name, 'B')} | ${cell(m.name, 'all')} |`);
  if (c.questions.length) {
    lines.push('', 'Questions that moved:');
    for (const q of c.questions) {
      const moves = [...q.gained.map((m) => `+${m}`), ...q.lost.map((m) => `−${m}`)].join(', ');
      lines.push(`- ${q.id} (fold ${q.fold}, ${q.kind}): ${moves}`);
    }
  }
  if (c.unmatched.length) lines.push('', `In one run only, not compared: ${c.unmatched.join(', ')}`);
  return lines;
}

const savedRun = z.object({
  format: z.literal(1),
  /** The question folder the run scored, so a run of another set is not compared by mistake. */
  questions: z.string(),
  outcomes: z.array(
    z.object({
      id: z.string(),
      corpus: z.string(),
      lang: z.string(),
      kind: z.enum(SECTION_KINDS),
      answered: z.boolean(),
      rank: z.number().int().positive().nullable(),
      quoteHolds: z.boolean(),
      bothSides: z.boolean().nullable(),
      stale: z.boolean(),
    }),
  ),
});
export type SavedRun = z.infer<typeof savedRun>;

export function savedRunJson(questions: string, outcomes: readonly SectionOutcome[]): string {
  const run: SavedRun = { format: 1, questions, outcomes: [...outcomes] };
  return `${JSON.stringify(run)}\n`;
}

/** Reads a saved run; `where` names the file in the error a bad one gets. */
export function parseSavedRun(json: string, where: string): SavedRun {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new Error(`${where} is not a saved eval run (not JSON). Write one with: npm run eval -- --save ${where}`);
  }
  const parsed = savedRun.safeParse(raw);
  if (!parsed.success)
    throw new Error(
      `${where} is not a saved eval run (${parsed.error.issues[0]?.path.join('.') || 'run'}: ${parsed.error.issues[0]?.message}).`,
    );
  return parsed.data;
}
