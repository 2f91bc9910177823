/** The /quiz core, for the bot: build the bank, pick and generate questions, store answers and schedules. */
export { buildConceptBank, type QuizConceptBank } from '../concepts/bank.js';
export type { ConceptContext } from '../concepts/contexts.js';
export type { NoteInput } from '../concepts/docs.js';
export type { Concept, ConceptBank, ConceptKind } from '../concepts/types.js';
export {
  generateAll,
  generateQuestion,
  generateQuiz,
  type GenerateOptions,
  type QuizOptions,
} from './generate.js';
export { LETTERS, QUESTION_TYPES, type Question, type QuestionSource, type QuestionType } from './question-types.js';
export { createSrs, orderForReview, type ReviewItem, type Srs, type SrsOptions } from './srs.js';
export {
  applyQuizMigrations,
  QUIZ_MIGRATIONS,
  QuizStore,
  type AnswerResult,
  type AskedQuestion,
  type LeaderboardPeriod,
  type LeaderboardRow,
  type MemberStats,
  type Mistake,
  type QuizStoreOptions,
  type Tally,
  type TopicStat,
} from './store.js';
export {
  QUIZ_BANK_MIGRATION,
  QuestionBankStore,
  REPORTS_TO_RETIRE,
  type BankRow,
  type ReportResult,
  type RetiredQuestion,
} from './bank-store.js';
export { askFromBank, BANK_SEED, QuestionBank, rebuildQuestionBank, type BankedQuestion, type RebuildReport } from './question-bank.js';
export { GENERATOR_VERSION, questionKey, sectionFingerprint, sectionTextsOf } from './question-key.js';
export { conceptsForTopic } from './topic.js';
export { validateQuestion } from './validate.js';
