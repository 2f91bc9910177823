import type { QuizConceptBank } from '../concepts/bank.js';
import type { StudyIndex } from '../index/study-index.js';
import { QuestionBank, rebuildQuestionBank, type QuestionBankStore } from '../quiz/index.js';
import type { BotLogger } from './logger.js';

/**
 * The persisted question bank of the notes as currently indexed: brought up to
 * date whenever the concept bank is rebuilt (after a sync that changed the
 * notes), keeping every question whose source section is unchanged.
 */
export function questionBankOf(
  index: Pick<StudyIndex, 'notes'>,
  conceptBank: () => QuizConceptBank,
  store: Pick<QuestionBankStore, 'rows' | 'replace'>,
  logger: BotLogger,
): () => QuestionBank {
  let built: { concepts: QuizConceptBank; bank: QuestionBank } | null = null;
  return () => {
    const concepts = conceptBank();
    if (built?.concepts === concepts) return built.bank;
    try {
      const { bank, report } = rebuildQuestionBank(store, concepts, index.notes);
      built = { concepts, bank };
      logger.info({ ...report, concepts: concepts.concepts.length }, 'question bank built');
    } catch (err) {
      // Quizzes keep the questions they had (or those last stored) rather than failing every /quiz.
      logger.error({ err }, 'could not rebuild the question bank; quizzes keep the stored questions');
      built = { concepts, bank: built?.bank ?? new QuestionBank(store.rows()) };
    }
    return built.bank;
  };
}
