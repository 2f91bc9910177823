/** Loads a notes folder the way the bot does (scan → read → chunk), for the quiz and concept tests. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chunkNote } from '../../src/notes/chunk.js';
import type { GlossaryPair } from '../../src/index/store.js';
import { minedPairs } from '../../src/index/vocabulary.js';
import { readNote, scanNotes } from '../../src/notes/load.js';
import type { ParsedNote } from '../../src/notes/types.js';
import type { QuizConceptBank } from '../../src/concepts/bank.js';
import { type QuestionBank, rebuildQuestionBank } from '../../src/quiz/question-bank.js';
import { notesDir, repoRoot } from './paths.js';

export { notesDir, repoRoot };
/** The external DL-500 corpus (GPL, read-only, never copied into the repo). */
export const dl500Dir = process.env.DL500_DIR ?? path.resolve(repoRoot, '../shared/corpora/dl500-questions');
export const hasDl500 = existsSync(dl500Dir);
export const DL500_SKIP_MESSAGE = `dl500 corpus not found at ${dl500Dir} (set DL500_DIR to run these checks)`;

export async function loadNotes(dir: string): Promise<ParsedNote[]> {
  const notes: ParsedNote[] = [];
  for (const s of await scanNotes(dir)) {
    const read = await readNote(dir, s.file);
    if (read.ok) notes.push(chunkNote(read.note));
  }
  return notes;
}

/** The glossary pairs an index sync would store for the folder (the concept bank is given them). */
export async function loadGlossaryPairs(dir: string): Promise<GlossaryPair[]> {
  const pairs: GlossaryPair[] = [];
  for (const s of await scanNotes(dir)) {
    const read = await readNote(dir, s.file);
    if (read.ok) pairs.push(...minedPairs(chunkNote(read.note).meta, read.note.text));
  }
  return pairs;
}

/** The bank of questions the bot would store for these notes, built in memory, with nothing retired. */
export function questionsOf(
  concepts: QuizConceptBank,
  notes: ReadonlyArray<ParsedNote>,
): { bank: QuestionBank; retired: ReadonlySet<string> } {
  const { bank } = rebuildQuestionBank({ rows: () => [], replace: (rows) => ({ written: rows.length, deleted: 0 }) }, concepts, notes);
  return { bank, retired: new Set() };
}
