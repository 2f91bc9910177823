/**
 * The flashcards of a set of notes, read from disk: what the bot asks and the
 * preview shows. Only the notes tagged as flashcard notes are read (their tags
 * are known from the index, so a big vault with no cards costs nothing), and a note that cannot be read or a card that
 * does not parse is reported, never fatal: the other cards are still asked.
 */
import { isFlashcardTag, parseCards, type NoteCard } from './cards.js';
import { readNote } from './load.js';

export interface FlashcardsRead {
  /** How many notes are tagged as flashcard notes. */
  notes: number;
  /** Every card, note by note in the order given, in the order written. */
  cards: NoteCard[];
  /** A card that did not parse: where, and why. */
  problems: Array<{ file: string; line: number; message: string }>;
  /** A note that could not be read at all. */
  unreadable: Array<{ file: string; reason: string }>;
}

export async function readFlashcards(
  notesDir: string,
  notes: ReadonlyArray<{ file: string; meta: { tags: readonly string[] } }>,
): Promise<FlashcardsRead> {
  const files = notes.filter((n) => n.meta.tags.some(isFlashcardTag)).map((n) => n.file);
  const result: FlashcardsRead = { notes: files.length, cards: [], problems: [], unreadable: [] };
  for (const file of files) {
    const read = await readNote(notesDir, file);
    if (!read.ok) {
      result.unreadable.push({ file, reason: read.reason });
      continue;
    }
    const parsed = parseCards(read.note);
    result.cards.push(...parsed.cards);
    result.problems.push(...parsed.problems.map((p) => ({ file, ...p })));
  }
  return result;
}
