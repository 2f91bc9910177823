import { ButtonStyle, type APIButtonComponent, type APIEmbedField } from 'discord.js';
import type { LeaderboardPeriod, LeaderboardRow, MemberStats, Question, QuestionSource, RetiredQuestion, Tally } from '../quiz/index.js';
import { LETTERS } from '../quiz/index.js';
import { buttonLabels, renderQuestion } from './quiz-question.js';
import { customIds } from './custom-ids.js';
import { button, rows, timestamp, type MessageView } from './kit/components.js';
import { fitEmbed } from './kit/embed.js';
import { LIMITS } from './kit/limits.js';
import { fitContent, truncate, truncateMarkdown } from './kit/markdown.js';
import { translate, type Translate } from './messages.js';
import { inlineMarkdown, inlinePlain, sectionMarkdown } from './section-text.js';
import { citation, headingTrail } from './text.js';

/**
 * How quizzes look in Discord: the public question with its answer buttons and
 * running tally, the private verdict, /leaderboard and /mystats. Pure
 * functions, kept within Discord's limits whatever the notes contain.
 */

const COLOR = { open: 0x5865f2, closed: 0x99aab5, right: 0x57f287, wrong: 0xed4245, info: 0xfee75c } as const;
/** The quote in a verdict: enough to re-read the definition, not the whole section. */
const QUOTE_MAX = 1500;

const letter = (i: number) => LETTERS[i] ?? '?';
const percent = (x: number) => `${Math.round(x * 100)}%`;

/** "No answers yet", "1 answered, 1 correct", "3 answered, 2 correct". */
export function tallyText(tally: Pick<Tally, 'total' | 'correct'>, t: Translate = translate): string {
  return t('quiz.tally', { count: tally.total, total: tally.total, correct: tally.correct });
}

/** Why a question takes no more answers; null while it does. */
export type ClosedReason = 'expired' | 'gone';

export interface QuizPostInput {
  /** The stored question's id (what the buttons carry), not the generator's `question.id`. */
  questionId: string;
  question: Question;
  tally: Pick<Tally, 'total' | 'correct' | 'counts'>;
  expiresAt: Date | null;
  closed: ClosedReason | null;
  /** The note "Next question" asks about; null for what is due. */
  nextTopic: string | null;
  /** "Next question" goes on with the member's mistakes (nextTopic is then ignored). */
  nextMistakes?: boolean;
}

/** The public question: stem (with the lettered options when they are too long for buttons), tally, answer buttons and "Next question". */
export function quizPostView(input: QuizPostInput, t: Translate = translate): MessageView {
  const { question: q, closed } = input;
  const fields: APIEmbedField[] = [{ name: t('quiz.answers'), value: tallyText(input.tally, t), inline: true }];
  if (!closed) {
    fields.push({ name: t('quiz.closes'), value: input.expiresAt ? timestamp(input.expiresAt, 'R') : t('quiz.never'), inline: true });
  } else {
    const right = `**${letter(q.correctIndex)}. ${inlineMarkdown(q.options[q.correctIndex] ?? '')}**`;
    fields.push({ name: t('quiz.closed'), value: closed === 'gone' ? t('quiz.closedGone') : t('quiz.closedExpired'), inline: true });
    fields.push({ name: t('quiz.answer'), value: right });
    fields.push({
      name: t('quiz.choices'),
      value: q.options.map((_, i) => `${letter(i)}: ${input.tally.counts[i] ?? 0}`).join(' · '),
      inline: true,
    });
    fields.push({ name: t('quiz.source'), value: `\`${citation(q.source)}\``, inline: true });
  }
  const embed = fitEmbed({
    author: { name: t('quiz.author') },
    description: sectionMarkdown(renderQuestion(q)),
    fields,
    footer: { text: closed ? t('quiz.footerClosed') : t('quiz.footerOpen') },
    color: closed ? COLOR.closed : COLOR.open,
  });
  const answers: APIButtonComponent[] = buttonLabels(q).map((label, i) =>
    button(
      customIds.quizAnswer(input.questionId, i),
      inlinePlain(label).trim() || letter(i),
      closed && i === q.correctIndex ? ButtonStyle.Success : closed ? ButtonStyle.Secondary : ButtonStyle.Primary,
      { disabled: closed !== null },
    ),
  );
  const nextId = input.nextMistakes ? customIds.quizMistakes() : customIds.quizNext(input.nextTopic, input.questionId);
  const next = button(nextId, t('quiz.nextButton'), ButtonStyle.Secondary, { emoji: '➡️' });
  return { embeds: [embed], components: [...rows(answers), ...rows([next])] };
}

export interface VerdictInput {
  question: Question;
  choice: number;
  correct: boolean;
  /** Where the answer is written: the definition, or the sentence of a fill-in-the-blank question. */
  source: QuestionSource;
  /** The note's own words there (Markdown); null when the note no longer has them. */
  quote: string | null;
  /** When FSRS will ask this member about the concept again. */
  nextDue: Date | null;
  /** The posting the 👎 "Bad question" button reports; no button when absent (a question posted before the bank kept keys). */
  reportId?: string | null;
}

/** The private answer to a click: right or wrong, the right answer, and the passage of the notes it comes from. */
export function verdictView(v: VerdictInput, t: Translate = translate): MessageView {
  const q = v.question;
  const option = (i: number) => `**${letter(i)}.** ${inlineMarkdown(q.options[i] ?? '')}`;
  const lines = v.correct
    ? [t('quiz.yourAnswer', { option: option(v.choice) })]
    : [t('quiz.yourAnswer', { option: option(v.choice) }), t('quiz.rightAnswer', { option: option(q.correctIndex) })];
  if (v.nextDue) lines.push(t('quiz.nextDue', { when: timestamp(v.nextDue, 'R') }));
  lines.push('', t('quiz.fromNotes', { where: headingTrail(v.source) || v.source.file }));
  const quote = v.quote ? truncateMarkdown(sectionMarkdown(v.quote).trim(), QUOTE_MAX) : '';
  // `>>>` quotes everything after it, so the quote comes last.
  if (quote) lines.push(`>>> ${quote}`);
  const embed = fitEmbed({
    title: v.correct ? t('quiz.correct') : t('quiz.wrong'),
    description: lines.join('\n'),
    footer: { text: citation(v.source) },
    color: v.correct ? COLOR.right : COLOR.wrong,
  });
  const report = v.reportId
    ? rows([button(customIds.quizBad(v.reportId), t('quiz.badButton'), ButtonStyle.Secondary, { emoji: '👎' })])
    : [];
  return { embeds: [embed], components: report };
}

/** A typed `topic` that names no note. */
export function unknownTopicMessage(raw: string, t: Translate = translate): string {
  return fitContent(t('quiz.unknownTopic', { raw: truncate(raw, 100) }));
}

/** A typed `topic` that names several notes. */
export function ambiguousTopicMessage(raw: string, files: string[], t: Translate = translate): string {
  return fitContent(
    t('quiz.ambiguousTopic', {
      raw: truncate(raw, 100),
      files: files
        .slice(0, 10)
        .map((f) => `\`${f}\``)
        .join(', '),
      more: files.length > 10 ? t('quiz.andMoreFiles', { count: files.length - 10 }) : '',
    }),
  );
}

export function noConceptsInNoteMessage(file: string, t: Translate = translate): string {
  return fitContent(t('quiz.noConceptsInNote', { file }));
}

export function noteGoneMessage(file: string, t: Translate = translate): string {
  return fitContent(t('quiz.noteGone', { file }));
}

/** A click after the question expired: it says what the answer was. */
export function expiredMessage(q: Question, t: Translate = translate): string {
  return fitContent(t('quiz.expired', { answer: `${letter(q.correctIndex)}. ${inlineMarkdown(q.options[q.correctIndex] ?? '')}` }));
}

/** A second click by the same member. */
export function duplicateMessage(choice: number, correct: boolean, t: Translate = translate): string {
  return t('quiz.duplicate', { letter: letter(choice), verdict: correct ? t('quiz.right') : t('quiz.wrongWord') });
}

// --- /quiz mode:report ----------------------------------------------------------

/** How much of a stem a line of the report shows. */
const STEM_START = 90;
/** Room kept in the description for the "and N more" line. */
const REPORT_ROOM = LIMITS.embedDescription - 200;

/** A stem as one line: quote marks, code and bold marks, and line breaks removed. */
const stemLine = (stem: string) =>
  inlinePlain(stem)
    .replace(/^>\s?/gm, '')
    .replace(/`|\*\*/g, '')
    .replace(/\s+/g, ' ')
    .trim();

/** The questions retired in a server (for its admins): stem start, note and line, when, by how many reports; as many as fit, then how many more. */
export function retiredQuestionsView(retired: readonly RetiredQuestion[], t: Translate = translate): MessageView {
  const lines: string[] = [];
  let length = 0;
  for (const r of retired) {
    const line = t('quiz.reportRow', {
      stem: truncate(stemLine(r.question.stem), STEM_START),
      where: `${r.question.source.file}:${r.question.source.startLine}`,
      when: timestamp(r.retiredAt, 'R'),
      count: r.reports,
    });
    if (length + line.length + 1 > REPORT_ROOM) break;
    lines.push(line);
    length += line.length + 1;
  }
  if (lines.length < retired.length) lines.push(t('quiz.reportMore', { count: retired.length - lines.length }));
  const embed = fitEmbed({
    title: t('quiz.reportTitle'),
    description: retired.length ? lines.join('\n') : t('quiz.reportNone'),
    footer: { text: t('quiz.reportFooter', { count: retired.length }) },
    color: COLOR.info,
  });
  return { embeds: [embed], components: [] };
}

// --- /leaderboard -------------------------------------------------------------

const MEDALS = ['🥇', '🥈', '🥉'];

/** Members by correct answers. Mentions render as names in an embed; the client's default `allowedMentions` parses none, so nobody is pinged. */
export function leaderboardView(rowsIn: readonly LeaderboardRow[], period: LeaderboardPeriod, t: Translate = translate): MessageView {
  const week = period === 'week';
  const lines = rowsIn.map((r, i) =>
    t('leaderboard.row', {
      rank: MEDALS[i] ?? `**${i + 1}.**`,
      member: `<@${r.userId}>`,
      correct: r.correct,
      answered: r.answered,
      accuracy: percent(r.accuracy),
    }),
  );
  const embed = fitEmbed({
    title: t('leaderboard.title', { when: week ? t('leaderboard.week') : t('leaderboard.all') }),
    description: lines.length ? lines.join('\n') : week ? t('leaderboard.emptyWeek') : t('leaderboard.emptyAll'),
    footer: { text: week ? t('leaderboard.footerWeek') : t('leaderboard.footerAll') },
    color: COLOR.info,
  });
  return { embeds: [embed], components: [] };
}

// --- /mystats -----------------------------------------------------------------

/** A member's numbers; `titleOf` names a topic (note file) for display. `cardsReviewed`: ratings of their own flashcards (never part of accuracy). */
export function statsView(
  stats: MemberStats & { cardsReviewed?: number },
  titleOf: (file: string) => string,
  t: Translate = translate,
): MessageView {
  if (stats.answered === 0 && !stats.cardsReviewed) {
    return { embeds: [fitEmbed({ title: t('stats.title'), description: t('stats.none'), color: COLOR.info })], components: [] };
  }
  const days = (n: number) => t('stats.days', { count: n });
  const fields: APIEmbedField[] = [
    { name: t('stats.answered'), value: String(stats.answered), inline: true },
    {
      name: t('stats.accuracy'),
      value: t('stats.accuracyValue', { percent: percent(stats.accuracy), correct: stats.correct }),
      inline: true,
    },
    {
      name: t('stats.streak'),
      value: t('stats.streakValue', { days: days(stats.streakDays), best: days(stats.bestStreakDays) }),
      inline: true,
    },
    {
      name: t('stats.due'),
      value: stats.dueCount === 0 ? t('stats.dueNone') : t('stats.dueSome', { count: stats.dueCount }),
      inline: true,
    },
  ];
  // A topic answered without a mistake is nobody's weak spot.
  const weak = stats.weakestTopics.filter((w) => w.accuracy < 1);
  if (weak.length) {
    fields.push({
      name: t('stats.weakest'),
      value: weak
        .map((w) =>
          t('stats.weakRow', {
            title: truncate(titleOf(w.topic), 80),
            file: truncate(w.topic, 80),
            correct: w.correct,
            answered: w.answered,
            percent: percent(w.accuracy),
          }),
        )
        .join('\n'),
    });
  }
  if (stats.mistakes) fields.push({ name: t('stats.mistakes'), value: t('stats.mistakesValue', { count: stats.mistakes }), inline: true });
  if (stats.cardsReviewed)
    fields.push({ name: t('stats.cardsReviewed'), value: t('stats.cardsReviewedValue', { count: stats.cardsReviewed }), inline: true });
  const review = stats.mistakes
    ? rows([button(customIds.quizMistakes(), t('stats.mistakesButton'), ButtonStyle.Primary, { emoji: '🔁' })])
    : [];
  return {
    embeds: [fitEmbed({ title: t('stats.title'), fields, footer: { text: t('stats.footer') }, color: COLOR.info })],
    components: review,
  };
}
