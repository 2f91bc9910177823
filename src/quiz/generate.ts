/**
 * Multiple-choice questions from the concept bank: one question of a given
 * type about a concept (question-types.ts drafts it, distractors.ts completes
 * it, the options are shuffled by a seeded RNG), and batches of them. A
 * question that cannot meet the invariants of validate.ts is not generated
 * (null), never weakened.
 */
import { createHash } from 'node:crypto';
import type { QuizConceptBank } from '../concepts/bank.js';
import type { Concept } from '../concepts/types.js';
import { createRng, seedFrom, shuffle, type Rng } from '../random.js';
import { distractorsNearby } from './distractors.js';
import { preparedBank, type Prepared } from './prepare.js';
import { draftQuestion, QUESTION_TYPES, type Draft, type Question, type QuestionType } from './question-types.js';
import { conceptsForTopic } from './topic.js';
import { validateQuestion } from './validate.js';

export interface GenerateOptions {
  seed?: number | string;
}

/** One question of `type` about `concept`, or null when the bank cannot make a good one. */
export function generateQuestion(
  bank: QuizConceptBank,
  concept: Concept | string,
  type: QuestionType,
  options: GenerateOptions = {},
): Question | null {
  const prepared = preparedBank(bank);
  const id = typeof concept === 'string' ? concept : concept.id;
  const answer = prepared.byId.get(id);
  if (!answer) return null;
  const rng = createRng(seedFrom(options.seed ?? 0, id, type));
  const draft = draftQuestion(prepared, answer, type, rng);
  if (!draft) return null;
  const question = finish(answer, type, draft, rng);
  return validateQuestion(bank, question).length === 0 ? question : null;
}

function finish(answer: Prepared, type: QuestionType, draft: Draft, rng: Rng): Question {
  const order = shuffle([0, 1, 2, 3], rng);
  const texts = [draft.correct, ...draft.distractors.map((d) => d.option)];
  const ids = [answer.concept.id, ...draft.distractors.map((d) => d.id)];
  const options = order.map((k) => texts[k]!);
  const correctIndex = order.indexOf(0);
  const id = createHash('sha1')
    .update([answer.concept.id, type, draft.stem, ...options, String(correctIndex)].join('\u0000'))
    .digest('hex')
    .slice(0, 16);
  return {
    id,
    conceptId: answer.concept.id,
    type,
    stem: draft.stem,
    options,
    correctIndex,
    optionConceptIds: order.map((k) => ids[k]!),
    source: draft.source,
  };
}

/** Every question the bank can produce: each concept × each type where possible. */
export function generateAll(bank: QuizConceptBank, options: GenerateOptions & { types?: readonly QuestionType[] } = {}): Question[] {
  const out: Question[] = [];
  for (const c of bank.concepts) {
    for (const type of options.types ?? QUESTION_TYPES) {
      const q = generateQuestion(bank, c, type, options);
      if (q) out.push(q);
    }
  }
  return out;
}

export interface QuizOptions extends GenerateOptions {
  n: number;
  /** Only concepts of the notes this names (see topic.ts): a file name, with or without `.md`, or a part of one ("fpn"). */
  topic?: string;
  types?: readonly QuestionType[];
}

/**
 * `n` questions over varied concepts and types, deterministic for a seed. Questions
 * whose distractors all come from the answer's note or its neighbours go first; the
 * others only fill up what those cannot.
 */
export function generateQuiz(bank: QuizConceptBank, options: QuizOptions): Question[] {
  const types = options.types ?? QUESTION_TYPES;
  const rng = createRng(seedFrom(options.seed ?? 0, 'quiz', options.topic ?? ''));
  const concepts = shuffle(conceptsForTopic(bank, options.topic), rng);
  const prepared = preparedBank(bank);
  const out: Question[] = [];
  const used = new Set<string>();
  for (const nearbyOnly of [true, false]) {
    // Rounds over the concepts: each round tries one more type per concept.
    for (let round = 0; round < types.length && out.length < options.n; round++) {
      for (let i = 0; i < concepts.length && out.length < options.n; i++) {
        const c = concepts[i]!;
        for (let k = 0; k < types.length; k++) {
          const type = types[(i + round + k) % types.length]!;
          const key = `${c.id}\u0000${type}`;
          if (used.has(key)) continue;
          const q = generateQuestion(bank, c, type, options);
          if (q && nearbyOnly && !distractorsNearby(prepared, q.conceptId, q.optionConceptIds)) continue;
          used.add(key);
          if (!q) continue;
          out.push(q);
          break;
        }
      }
    }
  }
  return out;
}
