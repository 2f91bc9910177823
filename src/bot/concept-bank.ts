import { buildConceptBank, type QuizConceptBank } from '../concepts/bank.js';
import type { StudyIndex } from '../index/study-index.js';
import type { FileRecord } from '../index/store.js';
import type { BotLogger } from './logger.js';

/**
 * The concept bank of the notes as currently indexed. Built once after the
 * start-up sync and rebuilt only when a sync (e.g. /reindex) changed a note:
 * `index.sync()` keeps the record of an unchanged file, so comparing records
 * by identity tells whether anything changed.
 */
export function conceptBankOf(index: StudyIndex, logger: BotLogger): () => QuizConceptBank {
  let builtFrom: ReadonlyArray<FileRecord> | null = null;
  let bank: QuizConceptBank | null = null;
  return () => {
    const notes = index.notes;
    if (!bank || !builtFrom || notes.length !== builtFrom.length || notes.some((n, i) => n !== builtFrom![i])) {
      const started = performance.now();
      builtFrom = notes;
      try {
        bank = buildConceptBank(notes);
        logger.info({ concepts: bank.concepts.length, notes: notes.length, ms: Math.round(performance.now() - started) }, 'concept bank built');
      } catch (err) {
        // A note the extractor chokes on must not take /ask down with it; retried after the notes change.
        logger.error({ err }, 'could not build the concept bank; daily posts and quizzes keep the previous one');
        bank ??= { concepts: [], byId: new Map(), byTopic: new Map(), contexts: new Map() };
      }
    }
    return bank;
  };
}
