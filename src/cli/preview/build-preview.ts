import type { QuizConceptBank } from '../../concepts/bank.js';
import type { Concept } from '../../concepts/types.js';
import { relatedConcept } from '../../daily/index.js';
import type { StudyIndex } from '../../index/study-index.js';
import { generateQuiz } from '../../quiz/index.js';
import type { MediaOptions } from '../../render/answer-media.js';
import { conceptQuote } from '../../render/concept-quote.js';
import { formatSection } from '../../render/format/section.js';
import { answerMessage, dailyPostMessage, type MediaMessage } from '../../render/media-views.js';
import type { Translate } from '../../render/messages.js';
import { quizPostView } from '../../render/quiz.js';
import { ask } from '../../search/ask.js';
import { readFlashcards } from '../../notes/card-deck.js';
import type { NoteCard } from '../../notes/cards.js';
import { cardPostView } from '../../render/quiz-card.js';

/** The messages a preview shows, as the bot would send them now. */
export interface PreviewMessages {
  ask: MediaMessage;
  /** Null when the notes yield no question (too few concepts). */
  quiz: MediaMessage | null;
  /** Null when the notes hold no concept. */
  daily: MediaMessage | null;
  /** One of the student's own flashcards as /quiz posts it; null when no note is tagged #flashcards. */
  card: MediaMessage | null;
  /** The note the card comes from. */
  cardTopic: string | null;
  /** The note the answer quotes: the quiz and the daily post are taken from it when they can be. */
  topic: string | null;
}

export interface PreviewInput {
  index: StudyIndex;
  bank: QuizConceptBank;
  question: string;
  media: MediaOptions;
  t: Translate;
  now: Date;
}

const QUIZ_MINUTES = 10;

/**
 * What the bot would post: the /ask answer (the same call as the bot's /ask),
 * a quiz question and a daily post on the note the answer quotes. The daily
 * concept is one whose lines hold a formula when the note has one, since
 * that is what the preview is for.
 */
export async function buildPreview({ index, bank, question, media, t, now }: PreviewInput): Promise<PreviewMessages> {
  const answer = await ask(index, question, { k: 5 });
  const askMessage = await answerMessage(answer, 0, media, t);
  const topic = answer.answered ? (answer.results[0]?.file ?? null) : null;

  const [q] = [...(topic ? generateQuiz(bank, { n: 1, seed: question, topic }) : []), ...generateQuiz(bank, { n: 1, seed: question })];
  const quiz: MediaMessage | null = q
    ? {
        view: {
          ...quizPostView(
            {
              questionId: 'preview',
              question: q,
              tally: { total: 0, correct: 0, counts: [0, 0, 0, 0] },
              expiresAt: new Date(now.getTime() + QUIZ_MINUTES * 60_000),
              closed: null,
              nextTopic: topic,
            },
            t,
          ),
          files: [],
        },
        media: null,
      }
    : null;

  const concept = dailyConcept(index, bank, topic);
  const daily = concept
    ? await dailyPostMessage(
        {
          concept,
          quote: conceptQuote(index.notes, concept),
          related: relatedConcept(concept, bank.concepts),
          localDate: now.toISOString().slice(0, 10),
        },
        media,
        t,
      )
    : null;
  const card = await firstCard(index, topic);
  return {
    ask: askMessage,
    quiz,
    daily,
    card: card ? { view: { ...cardPostView({ card, nextTopic: card.file }, t), files: [] }, media: null } : null,
    cardTopic: card?.file ?? null,
    topic,
  };
}

/** A card of the answer's note when it has some, else the first card of any flashcard note. */
async function firstCard(index: StudyIndex, topic: string | null): Promise<NoteCard | null> {
  const { cards } = await readFlashcards(index.notesDir, index.notes);
  return cards.find((c) => c.file === topic) ?? cards[0] ?? null;
}

function dailyConcept(index: StudyIndex, bank: QuizConceptBank, topic: string | null): Concept | null {
  const candidates = topic ? [...(bank.byTopic.get(topic) ?? []), ...bank.concepts] : bank.concepts;
  const formulas = (c: Concept) => formatSection(conceptQuote(index.notes, c).markdown).formulas.length;
  return candidates.find((c) => formulas(c) > 0) ?? candidates[0] ?? null;
}
