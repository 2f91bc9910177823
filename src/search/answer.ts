import type { Correction } from './spelling.js';

/** What ask() returns and takes: the shapes bot/, cli/, render/ and eval/ read (re-exported by search/ask.ts). */
export interface AnswerResult {
  chunkId: string;
  file: string;
  title: string;
  headingPath: string[];
  startLine: number;
  endLine: number;
  /** Ranking score: RRF when both legs ran, BM25 otherwise. Comparable within one answer only. */
  score: number;
  /** Share of the question's ideas found in this section (0–1): the abstention signal. */
  coverage: number;
  /** The most relevant passage of the section, at most about 600 characters. */
  quote: string;
  /** The whole section, for "Full section". */
  text: string;
  /** For a comparison, the side this result answers (both sides, "X / Y", for a section that compares them). */
  side?: string;
}

export interface Answer {
  question: string;
  /** The question as searched, when some of its words were corrected ("showing results for …"). */
  correctedQuestion?: string;
  corrections: Correction[];
  /** False when the notes do not cover the question; results are then only the nearest sections. */
  answered: boolean;
  results: AnswerResult[];
  /** Which legs ran: keyword always, dense when a model is loaded. */
  legs: { keyword: true; dense: boolean };
  /** Set when the question compares two or three things: their best sections come first. */
  comparison?: { sides: string[] };
}

export interface AskOptions {
  k?: number;
  /** Minimum coverage of the best section to count as answered. */
  minCoverage?: number;
  /** Switches for measuring what each part of the keyword leg is worth (`npm run eval -- --ablation`). */
  features?: Partial<KeywordFeatures>;
}

export interface KeywordFeatures {
  /** Cross-language glossary expansion of the query. */
  expansion: boolean;
  /** Dictionary guesses for English words the glossary lacks. */
  dictionary: boolean;
  /** Reranking the BM25 candidates by coverage. */
  rerank: boolean;
  /** Correcting words neither the notes nor everyday language know (search/spelling.ts). */
  spelling: boolean;
  /** Refusing questions whose specific words the answering sections mostly lack (search/hinges.ts). */
  hinges: boolean;
  /** In the hinge rule, asking that one section hold several of the question's words together (search/hinges.ts). */
  cooccurrence: boolean;
  /** For "what is X", preferring the section that defines X (search/definition.ts). */
  definitions: boolean;
  /** For "X vs Y", the best section of each side first (search/comparison.ts). */
  comparisons: boolean;
  /** Preferring the section whose heading answers what the question asks: why, how, the use, … (search/aspects.ts). */
  aspects: boolean;
  /** A note's intro yields to the section of its note whose heading names the question better than its title. */
  overviews: boolean;
  /** A section whose own heading names most of the question counts its heading's words as topical (search/abstain.ts). */
  headingVouches: boolean;
  /** In BM25, a typed word the notes share with everyday language weighs what a translation weighs (search/query-groups.ts). */
  termhood: boolean;
  /** Abstention: a Latin name everyday language does not know is topical where a section holds it (search/abstain.ts). */
  ownNames: boolean;
  /**
   * A dictionary guess held by a section's own heading is a translation of its word there: in the ranking, for
   * each candidate; in abstention, for the first sections' headings (search/hinges.ts).
   */
  headingGuesses: boolean;
  /** Ranking: a word weighs its IDF times its specificity in everyday language (search/specificity.ts). */
  specificity: boolean;
  /** A versioned name typed apart or together ("yolo v3", "yolov3") also finds the form the notes use (search/name-variants.ts). */
  nameVariants: boolean;
  /** Abstention: a question of several sentences is answered when its last, asking sentence hinges on nothing the notes lack (search/ask.ts). */
  askingSentence: boolean;
  /** Ranking: the rerank weighs only the ideas some candidate holds (search/query-groups.ts, ideasHeld). */
  heldIdeas: boolean;
  /** Abstention: a question that names the first section's note by its own name (PolarMask) is about it (search/abstain.ts). */
  noteNames: boolean;
  /** Two English words whose senses make a word of the notes (指数 + 分布 = 指数分布) are translated by it (search/compounds.ts). */
  compounds: boolean;
  /** Ranking: a heading holding the question's words side by side in its order ("vector to sequence") is preferred (search/word-order.ts). */
  wordOrder: boolean;
  /** Quotes: a section's opening sentence holds the question's words its own heading holds (search/answer-quote.ts). */
  headingLead: boolean;
  /** Abstention: a question word nothing translates is the one word of the first heading it sits beside (search/heading-alignment.ts). */
  headingAlignment: boolean;
  /** Ranking: of a question placing its subject ("问答系统里的语义匹配"), the heading naming the subject is preferred (search/comparison.ts, questionPlace). */
  placedSubject: boolean;
  /** A typed word's slips in the notes ("SequeezeNet" for squeezenet) as other spellings of it (search/notes-slips.ts). */
  notesSlips: boolean;
  /** Ranking: a dictionary guess of a word of many senses ("sense": eleven) earns a section less (search/coverage.ts). */
  sensesShared: boolean;
  /** Ranking: for "who proposed X", the section whose text tells where X came from, under a path naming X (search/aspects.ts). */
  originInText: boolean;
  /** Quotes: a passage counts each idea of the question once, however many of its translations it holds (search/answer-quote.ts). */
  ideasOnce: boolean;
  /** Abstention: a glossary term the section holds whole (感受野: 感受 + 野, everyday pieces) is topical there (search/abstain.ts). */
  termsWhole: boolean;
  /** Ranking: for "what is X's part" ("PSPNet 的金字塔池化模块是什么"), only a section defining the part defines X (search/definition.ts). */
  partAsked: boolean;
}
