import { ButtonStyle, ComponentType, type APIButtonComponent, type APIEmbed, type APIEmbedField } from 'discord.js';
import type { LeaderboardPeriod, LeaderboardRow, MemberStats, Question, QuestionSource, Tally } from '../quiz/index.js';
import { LETTERS } from '../quiz/index.js';
import { buttonLabels, renderQuestion } from './quiz-question.js';
import { customIds } from '../bot/custom-ids.js';
import { discordMarkdown, fitContent, fitEmbed, LIMITS, rows, truncate, truncateMarkdown, type MessageView } from './discord.js';
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
const unix = (d: Date) => Math.floor(d.getTime() / 1000);

/** "No answers yet", "1 answered, 1 correct", "3 answered, 2 correct". */
export function tallyText(tally: Pick<Tally, 'total' | 'correct'>): string {
  return tally.total === 0 ? 'No answers yet' : `${tally.total} answered, ${tally.correct} correct`;
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
}

/** The public question: stem (with the lettered options when they are too long for buttons), tally, answer buttons and "Next question". */
export function quizPostView(input: QuizPostInput): MessageView {
  const { question: q, closed } = input;
  const fields: APIEmbedField[] = [{ name: 'Answers', value: tallyText(input.tally), inline: true }];
  if (!closed) {
    fields.push({ name: 'Closes', value: input.expiresAt ? `<t:${unix(input.expiresAt)}:R>` : 'Never', inline: true });
  } else {
    const right = `**${letter(q.correctIndex)}. ${discordMarkdown(q.options[q.correctIndex] ?? '')}**`;
    fields.push({ name: 'Closed', value: closed === 'gone' ? 'Its note was removed or changed.' : 'Answers are no longer counted.', inline: true });
    fields.push({ name: 'Answer', value: right });
    fields.push({ name: 'Choices', value: q.options.map((_, i) => `${letter(i)}: ${input.tally.counts[i] ?? 0}`).join(' · '), inline: true });
    fields.push({ name: 'Source', value: `\`${citation(q.source)}\``, inline: true });
  }
  const embed = fitEmbed({
    author: { name: '🧠 Quiz' },
    description: discordMarkdown(renderQuestion(q)),
    fields,
    footer: { text: closed ? 'Start another with /quiz or "Next question".' : 'Each member’s first click counts; your result is shown only to you.' },
    color: closed ? COLOR.closed : COLOR.open,
  });
  const answers: APIButtonComponent[] = buttonLabels(q).map((label, i) => ({
    type: ComponentType.Button,
    custom_id: customIds.quizAnswer(input.questionId, i),
    style: closed && i === q.correctIndex ? ButtonStyle.Success : closed ? ButtonStyle.Secondary : ButtonStyle.Primary,
    label: truncate(label.trim() || letter(i), LIMITS.buttonLabel),
    ...(closed ? { disabled: true } : {}),
  }));
  const next: APIButtonComponent = {
    type: ComponentType.Button,
    custom_id: customIds.quizNext(input.nextTopic, input.questionId),
    style: ButtonStyle.Secondary,
    label: 'Next question',
    emoji: { name: '➡️' },
  };
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
}

/** The private answer to a click: right or wrong, the right answer, and the passage of the notes it comes from. */
export function verdictView(v: VerdictInput): MessageView {
  const q = v.question;
  const option = (i: number) => `**${letter(i)}.** ${discordMarkdown(q.options[i] ?? '')}`;
  const lines = v.correct
    ? [`Your answer: ${option(v.choice)}`]
    : [`Your answer: ${option(v.choice)}`, `The right answer: ${option(q.correctIndex)}`];
  if (v.nextDue) lines.push(`You will get this concept again <t:${unix(v.nextDue)}:R>.`);
  lines.push('', `**From the notes** — ${headingTrail(v.source) || v.source.file}`);
  const quote = v.quote ? truncateMarkdown(discordMarkdown(v.quote).trim(), QUOTE_MAX) : '';
  // `>>>` quotes everything after it, so the quote comes last.
  if (quote) lines.push(`>>> ${quote}`);
  const embed = fitEmbed({
    title: v.correct ? '✅ Correct!' : '❌ Not quite',
    description: lines.join('\n'),
    footer: { text: citation(v.source) },
    color: v.correct ? COLOR.right : COLOR.wrong,
  });
  return { embeds: [embed], components: [] };
}

export const QUIZ_MESSAGES = {
  onlyInServer: 'Quizzes, scores and stats are kept per server: use this command in a server channel.',
  unknownTopic: (raw: string) =>
    fitContent(`No note matches “${truncate(raw, 100)}”. Start typing in the \`topic\` option and pick a note from the suggestions, ` +
      'or see every note with `/topics`. Leave `topic` empty to be asked what is due for you.'),
  ambiguousTopic: (raw: string, files: string[]) =>
    fitContent(`“${truncate(raw, 100)}” matches several notes: ${files.slice(0, 10).map((f) => `\`${f}\``).join(', ')}` +
      `${files.length > 10 ? ` and ${files.length - 10} more` : ''}. Pick one from the suggestions as you type in the \`topic\` option.`),
  noConceptsInNote: (file: string) =>
    fitContent(`I cannot make a question from \`${file}\`: it defines no terms I can ask about (like “**X** 是……” or “X is …”). ` +
      'Try another note, or `/quiz` without a topic.'),
  noConcepts: 'The notes define no terms I can ask about yet. Add definitions to them (like “**X** 是……” or “X is …”), then run `/reindex`.',
  noQuestion: 'I could not make a good question this time (every candidate failed my checks for a fair question). Try another topic.',
  conceptGone: 'That concept is no longer in the notes (its note was removed or changed), so I cannot quiz you on it. Try `/quiz`.',
  noteGone: (file: string) => fitContent(`The note \`${file}\` is no longer in the notes. Try \`/quiz\` with another topic.`),
  unknownQuestion: 'I no longer have this quiz question. Start a new one with `/quiz`.',
  expired: (q: Question) =>
    fitContent(`⌛ This quiz has expired: answers are no longer counted. The answer was **${letter(q.correctIndex)}. ${discordMarkdown(q.options[q.correctIndex] ?? '')}**. ` +
      'Start a new one with `/quiz`.'),
  gone: 'This quiz has expired: its note was removed or changed since the question was posted. Start a new one with `/quiz`.',
  duplicate: (choice: number, correct: boolean) =>
    `You already answered this question (your answer: ${letter(choice)}, ${correct ? 'right' : 'wrong'}). Only your first click counts.`,
};

// --- /leaderboard -------------------------------------------------------------

const MEDALS = ['🥇', '🥈', '🥉'];

/** Members by correct answers. Mentions render as names in an embed; the message is sent with `allowedMentions: { parse: [] }` so nobody is pinged. */
export function leaderboardView(rowsIn: readonly LeaderboardRow[], period: LeaderboardPeriod): MessageView {
  const when = period === 'week' ? 'this week' : 'all time';
  const lines = rowsIn.map((r, i) =>
    `${MEDALS[i] ?? `**${i + 1}.**`} <@${r.userId}> — **${r.correct}** correct of ${r.answered} (${percent(r.accuracy)})`);
  const embed = fitEmbed({
    title: `🏆 Quiz leaderboard · ${when}`,
    description: lines.length ? lines.join('\n') : `Nobody has answered a quiz question ${when === 'all time' ? 'yet' : 'this week'}. Start one with \`/quiz\`!`,
    footer: { text: period === 'week' ? 'Correct first answers since Monday 00:00 UTC · quiz participants only' : 'Correct first answers · quiz participants only' },
    color: COLOR.info,
  });
  return { embeds: [embed], components: [] };
}

// --- /mystats -----------------------------------------------------------------

/** A member's numbers; `titleOf` names a topic (note file) for display. */
export function statsView(stats: MemberStats, titleOf: (file: string) => string): MessageView {
  if (stats.answered === 0) {
    const embed: APIEmbed = {
      title: '📊 Your quiz stats',
      description: 'You have not answered any quiz question in this server yet. Try `/quiz`: it asks what is due for you first.',
      color: COLOR.info,
    };
    return { embeds: [fitEmbed(embed)], components: [] };
  }
  const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;
  const fields: APIEmbedField[] = [
    { name: 'Answered', value: String(stats.answered), inline: true },
    { name: 'Accuracy', value: `${percent(stats.accuracy)} (${stats.correct} correct)`, inline: true },
    { name: 'Streak', value: `${days(stats.streakDays)} in a row (best ${days(stats.bestStreakDays)})`, inline: true },
    { name: 'Due for review', value: stats.dueCount === 0 ? 'Nothing due' : `${stats.dueCount} concept${stats.dueCount === 1 ? '' : 's'}: \`/quiz\` asks these first`, inline: true },
  ];
  // A topic answered without a mistake is nobody's weak spot.
  const weak = stats.weakestTopics.filter((t) => t.accuracy < 1);
  if (weak.length) {
    fields.push({
      name: 'Weakest topics',
      value: weak
        .map((t) => `• ${truncate(titleOf(t.topic), 80)} (\`${truncate(t.topic, 80)}\`) — ${t.correct}/${t.answered} (${percent(t.accuracy)})`)
        .join('\n'),
    });
  }
  return {
    embeds: [fitEmbed({ title: '📊 Your quiz stats', fields, footer: { text: 'Days count in UTC · only first answers count' }, color: COLOR.info })],
    components: [],
  };
}
