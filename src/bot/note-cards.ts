/**
 * The flashcards written in the notes (notes/cards.ts), as the bot asks them:
 * read from the notes tagged as flashcard notes in the index, rebuilt after a
 * sync that changed the notes (the index's generation says so, as for the
 * concept bank). Only tagged notes are read from disk, so a big vault with no
 * cards costs nothing.
 */
import { readFlashcards } from '../notes/card-deck.js';
import type { NoteCard } from '../notes/cards.js';
import type { StudyIndex } from '../index/study-index.js';
import type { BotLogger } from './logger.js';

export interface NoteCardDeck {
  /** Every card, note by note (path order), in the order written. */
  cards: NoteCard[];
  byId: Map<string, NoteCard>;
  byFile: Map<string, NoteCard[]>;
}

export function noteCardDeck(cards: readonly NoteCard[]): NoteCardDeck {
  const byFile = new Map<string, NoteCard[]>();
  for (const card of cards) byFile.set(card.file, [...(byFile.get(card.file) ?? []), card]);
  return { cards: [...cards], byId: new Map(cards.map((c) => [c.id, c])), byFile };
}

/** The deck of the notes as currently indexed; concurrent callers share one read. */
export function noteCardsOf(index: Pick<StudyIndex, 'notes' | 'generation' | 'notesDir'>, logger: BotLogger): () => Promise<NoteCardDeck> {
  let built: { generation: number; deck: Promise<NoteCardDeck> } | null = null;
  return () => {
    const { generation } = index;
    if (built?.generation !== generation) {
      const deck = readDeck(index, logger).catch((err: unknown) => {
        // Cards must not take /quiz down: without them, generated questions are asked. Retried after the notes change.
        logger.error({ err }, 'could not read the flashcards of the notes; quizzes ask generated questions only');
        return noteCardDeck([]);
      });
      built = { generation, deck };
    }
    return built.deck;
  };
}

async function readDeck(index: Pick<StudyIndex, 'notes' | 'notesDir'>, logger: BotLogger): Promise<NoteCardDeck> {
  const read = await readFlashcards(index.notesDir, index.notes);
  for (const { file, reason } of read.unreadable) logger.warn({ file, reason }, 'could not read the flashcards of a note');
  // The author is told where a card did not parse; the rest of the note's cards are asked.
  for (const { file, line, message } of read.problems) logger.warn({ file, line, problem: message }, 'flashcard not read');
  if (read.notes > 0) logger.info({ notes: read.notes, cards: read.cards.length }, 'flashcards read');
  return noteCardDeck(read.cards);
}
