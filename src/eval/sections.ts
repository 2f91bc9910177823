import { z } from 'zod';
import { SPACE_REFERENCE } from '../notes/spaces.js';

/**
 * The section-level eval (eval/sections, eval-holdout/sections): does the
 * first section a student sees answer the question, and does its quote?
 * Everything here is pure; reading files and asking the index is run.ts's job.
 */

export const SECTION_KINDS = ['definition', 'why-how', 'comparison', 'typo', 'near-miss', 'far'] as const;
export type SectionKind = (typeof SECTION_KINDS)[number];
/** Kinds the notes must refuse; every other kind must be answered. */
const REFUSED_KINDS: ReadonlySet<SectionKind> = new Set(['near-miss', 'far']);

const sectionRef = z.object({ file: z.string().min(1), heading: z.string().min(1) });
export type SectionRef = z.infer<typeof sectionRef>;

const questionSchema = z
  .object({
    id: z.string().min(1),
    corpus: z.string().min(1),
    lang: z.enum(['en', 'zh']),
    kind: z.enum(SECTION_KINDS),
    question: z.string().min(1),
    sections: z.array(sectionRef).min(1).optional(),
    sides: z.array(z.array(sectionRef).min(1)).min(2).optional(),
    // Long enough to be specific, short enough to sit inside any sensible quote.
    answers: z
      .array(z.string().refine((a) => [...a].length >= 5 && [...a].length <= 30, 'answer strings are 5–30 characters'))
      .min(1)
      .max(3)
      .optional(),
  })
  .superRefine((q, ctx) => {
    const refused = REFUSED_KINDS.has(q.kind);
    const problem = refused
      ? q.sections || q.sides || q.answers
        ? `a ${q.kind} question has no sections, sides or answers`
        : null
      : q.kind === 'comparison'
        ? !q.sides || q.sections
          ? 'a comparison has `sides` (one list per side) and no `sections`'
          : null
        : !q.sections || q.sides
          ? `a ${q.kind} question has \`sections\` and no \`sides\``
          : null;
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
    if (!refused && !q.answers) ctx.addIssue({ code: 'custom', message: 'an on-topic question needs 1–3 `answers`' });
  });
export type SectionQuestion = z.infer<typeof questionSchema>;

/** Parses one JSONL line; `where` ("file:line") makes the error findable. */
export function parseSectionQuestion(line: string, where: string): SectionQuestion {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    throw new Error(`${where} is not valid JSON`);
  }
  const parsed = questionSchema.safeParse(raw);
  if (!parsed.success)
    throw new Error(`${where}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'question'}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

export function isOnTopic(q: Pick<SectionQuestion, 'kind'>): boolean {
  return !REFUSED_KINDS.has(q.kind);
}

/** Every acceptable section of a question (a comparison's sides together). */
export function acceptableSections(q: SectionQuestion): SectionRef[] {
  return q.sides ? q.sides.flat() : (q.sections ?? []);
}

export function normalizeHeading(h: string): string {
  // An annotation copies the Markdown source; the chunker's heading is the text Markdown renders, where a space
  // entity ("### &emsp;&emsp;整个系统…", dl500's indent) is a space.
  return h.replace(SPACE_REFERENCE, ' ').normalize('NFKC').replace(/\s+/g, ' ').trim();
}

/** Quotes and answer strings are compared with white space folded: a quote's line breaks are not the answer's business. */
export function normalizeText(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

/** What the eval needs of one ranked result. */
export interface RankedSection {
  file: string;
  headingPath: string[];
  quote: string;
}

/** A result is an acceptable section when file and its own heading match. */
export function isSection(result: RankedSection, ref: SectionRef): boolean {
  const own = result.headingPath[result.headingPath.length - 1];
  return result.file === ref.file && own !== undefined && normalizeHeading(own) === normalizeHeading(ref.heading);
}

/** 1-based rank of the first result in `refs`, or null. */
export function sectionRank(results: RankedSection[], refs: SectionRef[]): number | null {
  const i = results.findIndex((r) => refs.some((ref) => isSection(r, ref)));
  return i < 0 ? null : i + 1;
}

export function quoteAnswers(quote: string, answers: string[]): boolean {
  const q = normalizeText(quote);
  return answers.some((a) => q.includes(normalizeText(a)));
}

/**
 * Each side of a comparison has one of its acceptable sections among the
 * first results: two, or one per side when there are three (the bot answers
 * with each side's section first; two results cannot hold three sides unless
 * one compares them).
 */
export function bothSidesFound(results: RankedSection[], sides: SectionRef[][], top = Math.max(2, sides.length)): boolean {
  const first = results.slice(0, top);
  return sides.every((side) => sectionRank(first, side) !== null);
}

/**
 * Answer strings that no acceptable section holds any more (the note was
 * edited since the question was annotated). `textOf` gives a section's
 * current text, or undefined when the section is gone.
 */
export function staleAnswers(q: SectionQuestion, textOf: (ref: SectionRef) => string | undefined): string[] {
  const texts = acceptableSections(q)
    .map((ref) => textOf(ref))
    .filter((t): t is string => t !== undefined)
    .map(normalizeText);
  return (q.answers ?? []).filter((a) => !texts.some((t) => t.includes(normalizeText(a))));
}

export interface SectionOutcome {
  id: string;
  corpus: string;
  lang: string;
  kind: SectionKind;
  answered: boolean;
  /** On-topic only: rank of the first acceptable section (null: none in the results). */
  rank: number | null;
  /** On-topic only: the first result's quote holds an answer string. */
  quoteHolds: boolean;
  /** Comparisons only. */
  bothSides: boolean | null;
  /** An answer string no acceptable section holds any more: reported, not scored. */
  stale: boolean;
}

/** Scores one question against the answer the bot gave. */
export function scoreSectionQuestion(
  q: SectionQuestion,
  answer: { answered: boolean; results: RankedSection[] },
  textOf: (ref: SectionRef) => string | undefined,
): SectionOutcome {
  const onTopic = isOnTopic(q);
  const first = answer.results[0];
  return {
    id: q.id,
    corpus: q.corpus,
    lang: q.lang,
    kind: q.kind,
    answered: answer.answered,
    rank: onTopic ? sectionRank(answer.results, acceptableSections(q)) : null,
    quoteHolds: onTopic && first !== undefined && quoteAnswers(first.quote, q.answers ?? []),
    bothSides: q.sides ? bothSidesFound(answer.results, q.sides) : null,
    stale: onTopic && staleAnswers(q, textOf).length > 0,
  };
}

/** A share with its counts, so a rate over four questions does not pass for a rate over forty. */
export interface Share {
  hits: number;
  n: number;
  /** hits / n; 0 when n is 0 (show the n, not the rate, then). */
  rate: number;
}

function share<T>(items: T[], hit: (item: T) => boolean): Share {
  const hits = items.filter(hit).length;
  return { hits, n: items.length, rate: items.length ? hits / items.length : 0 };
}

export interface SectionSummary {
  /** On-topic questions scored (stale ones left out). */
  onTopic: number;
  secAt1: Share;
  secAt3: Share;
  quoteAt1: Share;
  /** Of the questions whose first section is acceptable, how many quotes hold the answer: the quote's own quality. */
  quoteGivenSec1: Share;
  bothSides: Share;
  typoSecAt3: Share;
  nearMissRefused: Share;
  farRefused: Share;
  /** On-topic questions the bot refused. */
  falseAbstention: Share;
  stale: number;
}

/** An on-topic question scored: a stale one is reported, not scored. */
export function isScored(o: SectionOutcome): boolean {
  return isOnTopic(o) && !o.stale;
}

/** An acceptable section among the first `k` results. */
export const rankedWithin =
  (k: number) =>
  (o: SectionOutcome): boolean =>
    o.rank !== null && o.rank <= k;

export function summarizeSections(outcomes: SectionOutcome[]): SectionSummary {
  const onTopic = outcomes.filter(isScored);
  return {
    onTopic: onTopic.length,
    secAt1: share(onTopic, rankedWithin(1)),
    secAt3: share(onTopic, rankedWithin(3)),
    quoteAt1: share(onTopic, (o) => o.quoteHolds),
    quoteGivenSec1: share(onTopic.filter(rankedWithin(1)), (o) => o.quoteHolds),
    bothSides: share(
      onTopic.filter((o) => o.bothSides !== null),
      (o) => o.bothSides === true,
    ),
    typoSecAt3: share(
      onTopic.filter((o) => o.kind === 'typo'),
      rankedWithin(3),
    ),
    nearMissRefused: share(
      outcomes.filter((o) => o.kind === 'near-miss'),
      (o) => !o.answered,
    ),
    farRefused: share(
      outcomes.filter((o) => o.kind === 'far'),
      (o) => !o.answered,
    ),
    falseAbstention: share(onTopic, (o) => !o.answered),
    stale: outcomes.filter((o) => o.stale).length,
  };
}
