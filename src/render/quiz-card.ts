/**
 * How the member's own flashcards look in Discord: the public post (the
 * question, where it is in the notes, "Show answer"), the private answer with
 * the four FSRS ratings, and what a rating did. A flashcard cannot honestly be
 * multiple choice, so the member judges their own recall. Pure functions;
 * card text goes through the one note formatter (`sectionMarkdown`), as quiz
 * stems and quotes do: formulas as Unicode or code, never raw LaTeX.
 */
import { ButtonStyle } from 'discord.js';
import type { NoteCard } from '../notes/cards.js';
import { customIds } from './custom-ids.js';
import { button, rows, timestamp, type MessageView } from './kit/components.js';
import { fitEmbed } from './kit/embed.js';
import { fitContent, truncateMarkdown } from './kit/markdown.js';
import { translate, type Translate } from './messages.js';
import { sectionMarkdown } from './section-text.js';
import { citation, headingTrail } from './text.js';

const COLOR = { card: 0x9b59b6, answer: 0x57f287 } as const;
/** A card is meant to be short; a long one is cut (with a pointer to the note) rather than refused. */
const SIDE_MAX = 1800;

/** ts-fsrs ratings, as the buttons show them. */
export const CARD_GRADES = [
  { grade: 1, key: 'card.again', style: ButtonStyle.Danger },
  { grade: 2, key: 'card.hard', style: ButtonStyle.Secondary },
  { grade: 3, key: 'card.good', style: ButtonStyle.Success },
  { grade: 4, key: 'card.easy', style: ButtonStyle.Primary },
] as const;

export type CardGrade = (typeof CARD_GRADES)[number]['grade'];

const side = (markdown: string) => truncateMarkdown(sectionMarkdown(markdown).trim(), SIDE_MAX);

/** Where the card is: heading path and `file:lines`. */
function whereOf(card: NoteCard): string {
  const trail = headingTrail(card);
  return trail ? `${trail}\n\`${citation(card)}\`` : `\`${citation(card)}\``;
}

/** The public post: the card's question, its place in the notes, "Show answer" and "Next question". */
export function cardPostView(input: { card: NoteCard; nextTopic: string | null }, t: Translate = translate): MessageView {
  const { card } = input;
  const embed = fitEmbed({
    author: { name: t('card.author') },
    description: side(card.question),
    fields: [{ name: t('quiz.source'), value: whereOf(card) }],
    footer: { text: t('card.footer') },
    color: COLOR.card,
  });
  const show = button(customIds.cardShow(card.id), t('card.showAnswer'), ButtonStyle.Primary, { emoji: '👀' });
  const next = button(customIds.quizNextAfterCard(input.nextTopic), t('quiz.nextButton'), ButtonStyle.Secondary, { emoji: '➡️' });
  return { embeds: [embed], components: rows([show, next]) };
}

/**
 * The answer, shown to the clicker alone, with the four ratings. `seenReps` (how
 * many times they had rated the card) goes into the buttons, so only one
 * rating of this showing counts.
 */
export function cardAnswerView(input: { card: NoteCard; seenReps: number }, t: Translate = translate): MessageView {
  const { card } = input;
  const lines = [side(card.answer), '', t('card.rateHint')];
  const embed = fitEmbed({
    author: { name: t('card.answerAuthor') },
    description: lines.join('\n'),
    footer: { text: citation(card) },
    color: COLOR.answer,
  });
  const ratings = CARD_GRADES.map((g) => button(customIds.cardRate(card.id, g.grade, input.seenReps), t(g.key), g.style));
  return { embeds: [embed], components: rows(ratings) };
}

/** After a rating: the answer stays, the buttons go, and the member learns when the card comes back. */
export function cardRatedView(input: { card: NoteCard; grade: CardGrade; due: Date }, t: Translate = translate): MessageView {
  const { card } = input;
  const label = t(CARD_GRADES.find((g) => g.grade === input.grade)!.key);
  const embed = fitEmbed({
    author: { name: t('card.answerAuthor') },
    description: [side(card.answer), '', t('card.rated', { grade: label, when: timestamp(input.due, 'R') })].join('\n'),
    footer: { text: citation(card) },
    color: COLOR.answer,
  });
  return { embeds: [embed], components: [] };
}

/** A click on a card that is no longer in the notes (edited or removed). */
export function cardGoneMessage(t: Translate = translate): string {
  return fitContent(t('card.gone'));
}

/** A second rating of one showing of the answer. */
export function cardAlreadyRatedMessage(due: Date | null, t: Translate = translate): string {
  return fitContent(due ? t('card.alreadyRated', { when: timestamp(due, 'R') }) : t('card.alreadyRatedNoDue'));
}
