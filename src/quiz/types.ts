/**
 * The quiz core's data: a concept prepared for question generation, the
 * prepared bank, and a question as generated and stored. Kept apart from the
 * code that builds them so the generator's modules can share them without
 * importing one another.
 */
import type { ConceptContext } from '../concepts/contexts.js';
import type { Concept } from '../concepts/types.js';

/** A concept with what every question about it needs, worked out once per bank. */
export interface Prepared {
  concept: Concept;
  /** The parts of the display term (中文, English): the names the notes themselves use for it. */
  termParts: string[];
  names: string[];
  norms: string[];
  /** The description used as an option of term-to-definition questions; null when there is none. */
  gloss: string | null;
  /** Names of other concepts that contain one of this concept's names (池化 ⊂ 金字塔池化模块). */
  longerNames: string[];
  /**
   * What the concepts its definition names are said to be: the first clause of each one's
   * description (侧向连接's definition names 自底向上路径, which is “普通 backbone 的前向传播”).
   */
  namedIs: string[];
}

/** The bank's concepts prepared, grouped by kind, and how related its topics are. */
export interface PreparedBank {
  byId: Map<string, Prepared>;
  byKind: Map<string, Prepared[]>;
  /** topic → topic → how strongly related (names of one used in the other). */
  affinity: Map<string, Map<string, number>>;
  /** topic → the topics whose concepts make fair distractors for it (see `neighbourTopics`). */
  neighbours: Map<string, Set<string>>;
  contexts: Map<string, ConceptContext[]>;
  /** topic → its concepts' definitions and sentences, normalised (see `normalizeName`). */
  topicTexts: Map<string, string>;
}

export type QuestionType = 'definition-to-term' | 'term-to-definition' | 'cloze';
export const QUESTION_TYPES: readonly QuestionType[] = ['definition-to-term', 'term-to-definition', 'cloze'];

/** The letters of the four options, for buttons and lettered lists. */
export const LETTERS = ['A', 'B', 'C', 'D'] as const;

export interface QuestionSource {
  file: string;
  headingPath: string[];
  startLine: number;
  endLine: number;
}

/**
 * A question as generated and as stored (quiz_questions.question_json). How it
 * is shown (button labels, options in the message) is worked out from it by
 * render/quiz-question.ts; questions stored before that also carry
 * `buttonLabels` and `optionsInStem`, which are ignored.
 */
export interface Question {
  /** Stable for the same concept, type, seed and bank. */
  id: string;
  conceptId: string;
  type: QuestionType;
  /** The prompt (Discord Markdown: a quoted passage, formulas as `code`), without the options. */
  stem: string;
  /** Exactly four, full text. */
  options: string[];
  correctIndex: number;
  /** The concept behind each option (the answer's id at correctIndex). */
  optionConceptIds: string[];
  source: QuestionSource;
}
