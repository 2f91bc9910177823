/**
 * Which notes a typed topic means ("fpn", "FPN.md", "cv/fcn", a title, "focal"),
 * for `/quiz topic:` and for `quiz:sample --topic` alike.
 */
import type { QuizConceptBank } from '../concepts/bank.js';
import type { Concept } from '../concepts/types.js';
import { withoutNoteExtension } from '../notes/note-file.js';

const lower = (s: string) => s.trim().toLowerCase();
const baseName = (file: string) => file.replace(/^.*\//, '');

/** The names a note answers to, lower case: its file with and without extension and folder, and its title when given. */
export function topicNames(file: string, title?: string): string[] {
  const f = lower(file);
  const names = [f, withoutNoteExtension(f), baseName(f), withoutNoteExtension(baseName(f))];
  if (title !== undefined) names.push(lower(title));
  return [...new Set(names)];
}

/**
 * The notes `typed` names: those it names exactly, if any (`exact`), otherwise
 * those with a name it is part of. Blank text names none. Notes keep their order.
 */
export function notesNamedBy<T extends { file: string; title?: string }>(
  notes: readonly T[],
  typed: string,
): { exact: boolean; notes: T[] } {
  const wanted = lower(typed);
  if (!wanted) return { exact: false, notes: [] };
  const named = notes.map((note) => ({ note, names: topicNames(note.file, note.title) }));
  const exact = named.filter((n) => n.names.includes(wanted)).map((n) => n.note);
  if (exact.length > 0) return { exact: true, notes: exact };
  return { exact: false, notes: named.filter((n) => n.names.some((name) => name.includes(wanted))).map((n) => n.note) };
}

/** Concepts of the notes `topic` names (every note it names, when it names several); all concepts when no topic is given. */
export function conceptsForTopic(bank: QuizConceptBank, topic: string | undefined): Concept[] {
  if (!topic) return bank.concepts;
  const files = new Set(
    notesNamedBy(
      [...bank.byTopic.keys()].map((file) => ({ file })),
      topic,
    ).notes.map((n) => n.file),
  );
  return bank.concepts.filter((c) => files.has(c.topic));
}
