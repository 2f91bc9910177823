/**
 * The persisted question bank: for each concept and question type, the
 * question the generator made, under its stable key (question-key.ts). A
 * rebuild after the notes changed keeps every stored question whose key is
 * unchanged verbatim (same stem, same options in the same order) and generates
 * only where the source section changed, the concept is new, or a kept question
 * no longer passes the generator's checks; rows of concepts that left are
 * dropped. Questions are then picked from the bank, never generated at pick time.
 */
import type { QuizConceptBank } from '../concepts/bank.js';
import type { NoteInput } from '../concepts/docs.js';
import type { Concept } from '../concepts/types.js';
import type { Section } from '../notes/section.js';
import type { BankRow, QuestionBankStore } from './bank-store.js';
import { createRng, seedFrom, shuffle } from '../random.js';
import { distractorsNearby } from './distractors.js';
import { generateQuestion } from './generate.js';
import { preparedBank } from './prepare.js';
import { questionKey, sectionFingerprint, sectionTextsOf, type SectionTexts } from './question-key.js';
import { QUESTION_TYPES, type Question, type QuestionType } from './types.js';
import { validateQuestion } from './validate.js';

/** The seed of the bank's questions: fixed, so regenerating an unchanged source makes the same question. */
export const BANK_SEED = 'bank';

/** A question of the bank with its stable key. */
export interface BankedQuestion {
  key: string;
  question: Question;
}

/** The bank as read for picking: each concept's questions, in QUESTION_TYPES order. */
export class QuestionBank {
  private readonly byConcept = new Map<string, BankedQuestion[]>();
  private readonly byKey = new Map<string, BankedQuestion>();

  constructor(rows: Iterable<Pick<BankRow, 'key' | 'question' | 'type'>>) {
    const sorted = [...rows].sort((a, b) => QUESTION_TYPES.indexOf(a.type) - QUESTION_TYPES.indexOf(b.type));
    for (const row of sorted) {
      if (!row.question) continue;
      const banked = { key: row.key, question: row.question };
      const list = this.byConcept.get(row.question.conceptId) ?? [];
      list.push(banked);
      this.byConcept.set(row.question.conceptId, list);
      this.byKey.set(row.key, banked);
    }
  }

  of(conceptId: string): readonly BankedQuestion[] {
    return this.byConcept.get(conceptId) ?? [];
  }

  get(key: string): BankedQuestion | null {
    return this.byKey.get(key) ?? null;
  }

  get size(): number {
    return this.byKey.size;
  }
}

export interface RebuildReport {
  /** Questions in the bank after the rebuild. */
  questions: number;
  /** (concept, type) pairs kept as stored (a question, or the note that none could be made). */
  kept: number;
  /** Pairs generated now: new concepts, changed sections, kept questions that failed today's checks. */
  generated: number;
  /** Rows of concepts that left the notes. */
  dropped: number;
  ms: number;
}

/**
 * Brings the stored bank up to date with `concepts` (built from `notes`) and
 * returns it. See the module comment for what is kept and what is made anew.
 */
export function rebuildQuestionBank(
  store: Pick<QuestionBankStore, 'rows' | 'replace'>,
  concepts: QuizConceptBank,
  notes: ReadonlyArray<NoteInput>,
): { bank: QuestionBank; report: RebuildReport } {
  const started = performance.now();
  const texts = sectionTextsOf(notes);
  const stored = new Map(store.rows().map((r) => [`${r.conceptId}\u0000${r.type}`, r]));
  const rows: BankRow[] = [];
  let kept = 0;
  for (const concept of concepts.concepts) {
    for (const type of QUESTION_TYPES) {
      const previous = stored.get(`${concept.id}\u0000${type}`);
      const still = previous ? stillValid(previous, concepts, texts) : null;
      if (still) kept++;
      rows.push(still ?? made(concepts, concept, type, texts));
    }
  }
  const { deleted } = store.replace(rows);
  const bank = new QuestionBank(rows);
  return {
    bank,
    report: { questions: bank.size, kept, generated: rows.length - kept, dropped: deleted, ms: Math.round(performance.now() - started) },
  };
}

/** The stored row as it stands now (lines moved with its section), or null when it must be made again. */
function stillValid(row: BankRow, concepts: QuizConceptBank, texts: SectionTexts): BankRow | null {
  const q = row.question;
  if (!q) {
    const concept = concepts.byId.get(row.conceptId);
    return concept && keyOfMissing(concepts, concept, row.type, texts) === row.key ? row : null;
  }
  const section = texts.get(q.source);
  const fingerprint = sectionFingerprint(texts, [q.source]);
  if (!section || !fingerprint || questionKey(q.conceptId, q.type, fingerprint) !== row.key) return null;
  // Same text, so the same offsets within the section: only lines above it moved.
  const shift = row.sectionLine === null ? 0 : section.startLine - row.sectionLine;
  const moved =
    shift === 0 ? q : { ...q, source: { ...q.source, startLine: q.source.startLine + shift, endLine: q.source.endLine + shift } };
  // A distractor may have left the notes, or become another name of the answer.
  if (validateQuestion(concepts, moved).length > 0) return null;
  return { ...row, question: moved, sectionLine: section.startLine };
}

function made(concepts: QuizConceptBank, concept: Concept, type: QuestionType, texts: SectionTexts): BankRow {
  const question = generateQuestion(concepts, concept, type, { seed: BANK_SEED });
  const fingerprint = question ? sectionFingerprint(texts, [question.source]) : null;
  if (!question || !fingerprint) {
    return { conceptId: concept.id, type, key: keyOfMissing(concepts, concept, type, texts), question: null, sectionLine: null };
  }
  return {
    conceptId: concept.id,
    type,
    key: questionKey(concept.id, type, fingerprint),
    question,
    sectionLine: texts.get(question.source)?.startLine ?? null,
  };
}

/**
 * What a (concept, type) without a question was tried on: the concept's own
 * section, and for fill-in-the-blank the sections of every sentence using its
 * name. It is tried again when one of them changes.
 */
function keyOfMissing(concepts: QuizConceptBank, concept: Concept, type: QuestionType, texts: SectionTexts): string {
  const sections: Section[] = [concept.source];
  if (type === 'cloze') for (const ctx of concepts.contexts.get(concept.id) ?? []) sections.push(ctx);
  return questionKey(concept.id, type, `none-${sectionFingerprint(texts, sections) ?? 'gone'}`);
}

/**
 * The first question of the bank for these concepts, in order: for each concept a question type
 * chosen by `seed`, preferring one whose distractors come from the answer's
 * note or its neighbours; `retired` keys are never returned.
 */
export function askFromBank(
  concepts: QuizConceptBank,
  questions: QuestionBank,
  conceptIds: readonly string[],
  options: { seed: string | number; retired?: ReadonlySet<string> },
): BankedQuestion | null {
  const prepared = preparedBank(concepts);
  for (const id of conceptIds) {
    const open = questions.of(id).filter((b) => !options.retired?.has(b.key));
    let fallback: BankedQuestion | null = null;
    for (const banked of shuffle(open, createRng(seedFrom(options.seed, 'pick', id)))) {
      if (distractorsNearby(prepared, id, banked.question.optionConceptIds)) return banked;
      fallback ??= banked;
    }
    if (fallback) return fallback;
  }
  return null;
}
