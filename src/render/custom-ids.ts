/**
 * Button custom ids: the only state a button carries (≤ 100 characters).
 * Everything else (the question of an answer) is looked up by message id, so
 * buttons keep working after a restart.
 */
import { LIMITS } from './kit/limits.js';

export type ButtonAction =
  | { kind: 'ask-next'; result: number }
  | { kind: 'ask-section'; chunkId: string }
  | { kind: 'ask-vote'; vote: 1 | -1; chunkId: string }
  | { kind: 'topics-page'; page: number }
  | { kind: 'quiz-concept'; conceptId: string }
  | { kind: 'quiz-answer'; questionId: string; choice: number }
  /** 👎 "Bad question" on the verdict of a posted question (`questionId`: the posting). */
  | { kind: 'quiz-bad'; questionId: string }
  /** "Review my mistakes" (on /mystats) and "Next question" under a question of that review. */
  | { kind: 'quiz-mistakes' }
  /** `topic`: a note file, or null for "what is due"; `sameAs`: the note of that stored question (when its file is too long for an id). */
  | { kind: 'quiz-next'; topic: string | null; sameAs: string | null }
  /** "Show answer" under one of the member's own flashcards (notes/cards.ts). */
  | { kind: 'card-show'; cardId: string }
  /** A rating (1 Again … 4 Easy) of a flashcard whose answer was shown when the member's card had `seenReps` reviews. */
  | { kind: 'card-rate'; cardId: string; grade: 1 | 2 | 3 | 4; seenReps: number };

export const customIds = {
  askNext: (result: number) => `ask:next:${result}`,
  /** The drop-down list of an answer's results: the chosen one (its value) is shown, as Next result shows the next. */
  askJump: () => 'ask:jump',
  askSection: (chunkId: string) => `ask:section:${chunkId}`,
  /** The drop-down list of the nearest sections under a refusal: the chosen one (its value, a chunk id) opens, as Full section does. */
  askOpen: () => 'ask:open',
  askVote: (vote: 1 | -1, chunkId: string) => `ask:vote:${vote > 0 ? 'up' : 'down'}:${chunkId}`,
  /** `which` keeps "Previous" and "Next" distinct: ids must be unique within a message. */
  topicsPage: (page: number, which: 'prev' | 'next') => `topics:${which}:${page}`,
  /** "Quiz me" under a daily concept post. */
  quizConcept: (conceptId: string) => `quiz:concept:${conceptId}`,
  /** Re-ask the concepts the member got wrong. */
  quizMistakes: () => 'quiz:mistakes',
  /** Option `choice` (0–3) of a posted quiz question. */
  quizAnswer: (questionId: string, choice: number) => `quiz:a:${questionId}:${choice}`,
  /** 👎 "Bad question" under the verdict of posted question `questionId`. */
  quizBad: (questionId: string) => `quiz:bad:${questionId}`,
  /** "Next question" on the same note (`topic`), or on what is due (null); a note file too long for an id is referred to by the question. */
  quizNext: (topic: string | null, questionId: string) =>
    topic === null ? 'quiz:next:*' : `quiz:next:${topic}`.length <= LIMITS.customId ? `quiz:next:${topic}` : `quiz:next:@${questionId}`,
  /** "Next question" under a flashcard, which is no stored question to refer to: a note file too long for an id falls back to what is due. */
  quizNextAfterCard: (topic: string | null) =>
    topic !== null && `quiz:next:${topic}`.length <= LIMITS.customId ? `quiz:next:${topic}` : 'quiz:next:*',
  cardShow: (cardId: string) => `card:show:${cardId}`,
  cardRate: (cardId: string, grade: 1 | 2 | 3 | 4, seenReps: number) => `card:rate:${cardId}:${grade}:${seenReps}`,
};

/** A stored id as a custom id or an option's value carries it (a chunk, question or card id): nothing longer or stranger is ours. */
const STORED_ID = String.raw`[\w-]{1,64}`;
const ONLY_STORED_ID = new RegExp(`^${STORED_ID}$`);
const QUIZ_ANSWER = new RegExp(`^quiz:a:(${STORED_ID}):([0-3])$`);
const QUIZ_BAD = new RegExp(`^quiz:bad:(${STORED_ID})$`);
const CARD_SHOW = new RegExp(`^card:show:(${STORED_ID})$`);
const CARD_RATE = new RegExp(String.raw`^card:rate:(${STORED_ID}):([1-4]):(\d{1,6})$`);

/** The action of a button, or of a drop-down list with the `values` chosen in it (a button has none). */
export function parseCustomId(id: string, values: readonly string[] = []): ButtonAction | null {
  // Discord never sends longer ids: a longer one was forged, so nothing in it is trusted.
  if (id.length > LIMITS.customId) return null;
  const [scope, verb, a, b] = id.split(':');
  const index = (s: string | undefined) => (s !== undefined && /^\d{1,4}$/.test(s) ? Number(s) : null);
  if (id === customIds.askJump()) {
    const result = values.length === 1 ? index(values[0]) : null;
    return result === null ? null : { kind: 'ask-next', result };
  }
  if (id === customIds.askOpen()) {
    const chunkId = values.length === 1 && ONLY_STORED_ID.test(values[0]!) ? values[0]! : null;
    return chunkId === null ? null : { kind: 'ask-section', chunkId };
  }
  if (scope === 'ask' && verb === 'next') {
    const result = index(a);
    return result === null ? null : { kind: 'ask-next', result };
  }
  if (scope === 'ask' && verb === 'section' && a) return { kind: 'ask-section', chunkId: a };
  if (scope === 'ask' && verb === 'vote' && (a === 'up' || a === 'down') && b)
    return { kind: 'ask-vote', vote: a === 'up' ? 1 : -1, chunkId: b };
  if (scope === 'topics' && (verb === 'prev' || verb === 'next')) {
    const page = index(a);
    return page === null ? null : { kind: 'topics-page', page };
  }
  if (scope === 'quiz' && verb === 'concept' && a) return { kind: 'quiz-concept', conceptId: a };
  if (id === 'quiz:mistakes') return { kind: 'quiz-mistakes' };
  const answer = QUIZ_ANSWER.exec(id);
  if (answer) return { kind: 'quiz-answer', questionId: answer[1]!, choice: Number(answer[2]) };
  const bad = QUIZ_BAD.exec(id);
  if (bad) return { kind: 'quiz-bad', questionId: bad[1]! };
  const cardShow = CARD_SHOW.exec(id);
  if (cardShow) return { kind: 'card-show', cardId: cardShow[1]! };
  const cardRate = CARD_RATE.exec(id);
  if (cardRate)
    return { kind: 'card-rate', cardId: cardRate[1]!, grade: Number(cardRate[2]) as 1 | 2 | 3 | 4, seenReps: Number(cardRate[3]) };
  if (scope === 'quiz' && verb === 'next' && a) {
    // A note file may itself contain ':', so the topic is everything after the prefix.
    const topic = id.slice('quiz:next:'.length);
    if (topic === '*') return { kind: 'quiz-next', topic: null, sameAs: null };
    if (topic.startsWith('@')) return topic.length > 1 ? { kind: 'quiz-next', topic: null, sameAs: topic.slice(1) } : null;
    return { kind: 'quiz-next', topic, sameAs: null };
  }
  return null;
}
