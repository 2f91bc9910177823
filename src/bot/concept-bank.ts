import { buildConceptBank, type QuizConceptBank } from '../concepts/bank.js';
import type { StudyIndex } from '../index/study-index.js';
import type { FileRecord } from '../index/store.js';
import type { BotLogger } from './logger.js';

/**
 * The concept bank of the notes as currently indexed. Built once after the
 * start-up sync and rebuilt only when a sync (e.g. /reindex) changed a note:
 * `index.sync()` keeps the record of an unchanged file, so the same notes
 * array, or one holding the same records in the same order, means nothing
 * changed (a sync may return a new array of the same records).
 */
export function conceptBankOf(index: StudyIndex, logger: BotLogger): () => QuizConceptBank {
  let built: { from: ReadonlyArray<FileRecord>; bank: QuizConceptBank } | null = null;
  return () => {
    const notes = index.notes;
    if (built && (notes === built.from || sameRecords(notes, built.from))) return built.bank;
    const started = performance.now();
    try {
      built = { from: notes, bank: buildConceptBank(notes, index.glossaryPairs) };
      logger.info({ concepts: built.bank.concepts.length, notes: notes.length, ms: Math.round(performance.now() - started) }, 'concept bank built');
    } catch (err) {
      // A note the extractor chokes on must not take /ask down with it; retried after the notes change.
      logger.error({ err }, 'could not build the concept bank; daily posts and quizzes keep the previous one');
      built = { from: notes, bank: built?.bank ?? { concepts: [], byId: new Map(), byTopic: new Map(), contexts: new Map() } };
    }
    return built.bank;
  };
}

function sameRecords(a: ReadonlyArray<FileRecord>, b: ReadonlyArray<FileRecord>): boolean {
  return a.length === b.length && a.every((n, i) => n === b[i]);
}
