import { buildConceptBank, type QuizConceptBank } from '../concepts/bank.js';
import type { StudyIndex } from '../index/study-index.js';
import type { BotLogger } from './logger.js';

/**
 * The concept bank of the notes as currently indexed. Built on first use and
 * rebuilt only after a sync (e.g. /reindex) changed the notes, which the
 * index's generation tells without comparing any notes.
 */
export function conceptBankOf(index: Pick<StudyIndex, 'notes' | 'generation' | 'glossaryPairs'>, logger: BotLogger): () => QuizConceptBank {
  let built: { generation: number; bank: QuizConceptBank } | null = null;
  return () => {
    const { generation } = index;
    if (built?.generation === generation) return built.bank;
    const notes = index.notes;
    const started = performance.now();
    try {
      built = { generation, bank: buildConceptBank(notes, index.glossaryPairs()) };
      logger.info(
        { concepts: built.bank.concepts.length, notes: notes.length, ms: Math.round(performance.now() - started) },
        'concept bank built',
      );
    } catch (err) {
      // A note the extractor chokes on must not take /ask down with it; retried after the notes change.
      logger.error({ err }, 'could not build the concept bank; daily posts and quizzes keep the previous one');
      built = { generation, bank: built?.bank ?? { concepts: [], byId: new Map(), byTopic: new Map(), contexts: new Map() } };
    }
    return built.bank;
  };
}
