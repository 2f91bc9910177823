/**
 * The flow shared by `/quiz`, "Next question" and "Quiz me": pick a question,
 * post it publicly with its answer buttons, close it when it expires. Each
 * function takes the parts of the bot it uses, not the whole context.
 */
import { MessageFlags, type ChatInputCommandInteraction, type Message } from 'discord.js';
import type { QuizConceptBank } from '../concepts/bank.js';
import type { AskedQuestion, QuestionBank, QuizStore, Tally } from '../quiz/index.js';
import { parseCustomId } from '../render/custom-ids.js';
import type { MessageView } from '../render/kit/components.js';
import type { Translate } from '../render/messages.js';
import { noConceptsInNoteMessage, quizPostView, type ClosedReason } from '../render/quiz.js';
import type { ComponentInteraction } from './context.js';
import type { Guards } from './guards.js';
import type { BotLogger } from './logger.js';
import type { NoteCardDeck } from './note-cards.js';
import { postDueCard } from './quiz-card.js';
import { buttonIdsOf } from './message-buttons.js';
import { pickQuestion, type QuestionPick, type QuizTarget } from './quiz-pick.js';
import type { QuizRuntime } from './quiz-runtime.js';

/** Per member, shared by /quiz, "Next question" and "Quiz me": one new question every few seconds is plenty. */
export const QUIZ_COOLDOWN_MS = 3000;
/** The guards of everything that posts a question. */
export const QUIZ_GUARDS = {
  guildOnly: { refusal: 'quiz.onlyInServer' },
  cooldown: { bucket: 'quiz', ms: QUIZ_COOLDOWN_MS },
} as const satisfies Guards;

/** Interaction tokens last 15 minutes; after that the message is edited through the channel instead. */
const TOKEN_SAFE_MS = 14 * 60_000;

const EMPTY_TALLY: Pick<Tally, 'total' | 'correct' | 'counts'> = { total: 0, correct: 0, counts: [0, 0, 0, 0] };

/** Why a question takes no more answers now, if it does not: its concept left the notes, or it expired. */
export function closedReason(asked: AskedQuestion, bank: QuizConceptBank, now: Date): ClosedReason | null {
  if (!bank.byId.has(asked.conceptId)) return 'gone';
  if (asked.expiresAt && now.getTime() > asked.expiresAt.getTime()) return 'expired';
  return null;
}

/** What rendering a posted question needs. */
export interface QuestionMessageDeps {
  store: QuizStore;
  conceptBank: () => QuizConceptBank;
  t: Translate;
}

/** The public message of a question as it should look now: current tally, open or closed. */
export function questionMessage(
  deps: QuestionMessageDeps,
  asked: AskedQuestion,
  nextTopic: string | null,
  nextMistakes = false,
): MessageView {
  const { store } = deps;
  return quizPostView(
    {
      nextMistakes,
      questionId: asked.id,
      question: asked.question,
      tally: store.tally(asked.id) ?? EMPTY_TALLY,
      expiresAt: asked.expiresAt,
      closed: closedReason(asked, deps.conceptBank(), store.now()),
      nextTopic,
    },
    deps.t,
  );
}

/**
 * The note "Next question" on `message` asks about, read back from its button
 * (so it survives restarts without a column of its own); null for "what is due".
 */
export function nextTopicOf(store: Pick<QuizStore, 'getQuestion'>, message: Pick<Message, 'components'>): string | null {
  if (nextIsMistakes(message)) return null;
  for (const id of buttonIdsOf(message)) {
    const action = parseCustomId(id);
    if (action?.kind === 'quiz-next') return nextQuestionNote(store, action);
  }
  return null;
}

/** True when the "Next question" on `message` goes on with the member's mistakes. */
export function nextIsMistakes(message: Pick<Message, 'components'>): boolean {
  return buttonIdsOf(message).some((id) => parseCustomId(id)?.kind === 'quiz-mistakes');
}

/**
 * The note a "Next question" button stands for: its own topic, or (when the
 * file name was too long for the custom id) the topic of the question `sameAs`;
 * null for "what is due", or when that question is no longer stored.
 */
export function nextQuestionNote(
  store: Pick<QuizStore, 'getQuestion'>,
  action: { topic: string | null; sameAs: string | null },
): string | null {
  if (action.topic !== null) return action.topic;
  return action.sameAs ? (store.getQuestion(action.sameAs)?.topic ?? null) : null;
}

function failureMessage(reason: Exclude<QuestionPick, { ok: true }>['reason'], target: QuizTarget, t: Translate): string {
  switch (reason) {
    case 'concept-gone':
      return t('quiz.conceptGone');
    case 'no-concepts':
      return target.kind === 'note' ? noConceptsInNoteMessage(target.file, t) : t('quiz.noConcepts');
    case 'no-question':
      return t('quiz.noQuestion');
    case 'no-mistakes':
      return t('quiz.noMistakes');
  }
}

/** A quiz is posted from a server channel only: the dispatcher's guildOnly guard makes sure. */
export type QuizInteraction = ChatInputCommandInteraction<'cached' | 'raw'> | ComponentInteraction<'cached' | 'raw'>;

export interface PostQuizDeps {
  quiz: QuizRuntime;
  conceptBank: () => QuizConceptBank;
  questionBank: () => QuestionBank;
  /** The member's own flashcards, asked before generated questions (quiz-card.ts). */
  noteCards: () => Promise<NoteCardDeck>;
  logger: BotLogger;
  /** The member's words: why no question could be made. */
  t: Translate;
  /** The server's words: the question everyone sees. */
  publicT: Translate;
}

/**
 * Posts one question publicly in the interaction's channel: `/quiz`, "Next
 * question" and "Quiz me" all end here. Acknowledged first (building the bank
 * after a re-index, or trying many concepts, may take longer than Discord's
 * 3 s); when no question can be made, the public "thinking…" is removed and
 * the reason told privately.
 */
export async function postQuiz(interaction: QuizInteraction, deps: PostQuizDeps, target: QuizTarget): Promise<void> {
  const { quiz, logger, t, publicT } = deps;
  await interaction.deferReply();
  const { store } = quiz;
  const guildId = interaction.guildId;
  if (await postDueCard(interaction, deps, target)) return;
  const questions = { bank: deps.questionBank(), retired: quiz.bank.retiredKeys(guildId) };
  const pick = pickQuestion(deps.conceptBank(), store, { guildId, userId: interaction.user.id, target, seed: interaction.id, questions });
  if (!pick.ok) {
    logger.info({ interactionId: interaction.id, target, reason: pick.reason }, 'no quiz question to post');
    await interaction.deleteReply();
    await interaction.followUp({ content: failureMessage(pick.reason, target, t), flags: MessageFlags.Ephemeral });
    return;
  }
  const expiresAt = new Date(store.now().getTime() + quiz.timeoutMs);
  const asked = store.recordQuestion({ guildId, channelId: interaction.channelId, question: pick.question, expiresAt });
  if (pick.key) quiz.bank.recordPostedKey(asked.id, pick.key);
  const nextTopic = target.kind === 'due' || target.kind === 'mistakes' ? null : asked.topic;
  const nextMistakes = target.kind === 'mistakes';
  const message = await interaction.editReply(
    quizPostView(
      { questionId: asked.id, question: asked.question, tally: EMPTY_TALLY, expiresAt, closed: null, nextTopic, nextMistakes },
      publicT,
    ),
  );
  store.setMessageId(asked.id, message.id);
  logger.info(
    {
      interactionId: interaction.id,
      questionId: asked.id,
      conceptId: asked.conceptId,
      key: pick.key,
      type: asked.question.type,
      topic: asked.topic,
      target: target.kind,
      messageId: message.id,
    },
    'quiz question posted',
  );
  quiz.closeAt(asked.id, expiresAt, () =>
    quiz.edits.run(message.id, async () => {
      const latest = store.getQuestion(asked.id);
      if (!latest) return;
      const view = questionMessage({ store, conceptBank: deps.conceptBank, t: publicT }, latest, nextTopic, nextMistakes);
      if (Date.now() - interaction.createdTimestamp < TOKEN_SAFE_MS) {
        await interaction.editReply(view); // the posting interaction's reply IS the question message
      } else {
        const channel = await interaction.client.channels.fetch(asked.channelId);
        if (!channel?.isTextBased()) throw new Error(`channel ${asked.channelId} is gone`);
        await channel.messages.edit(message.id, view);
      }
      logger.info({ questionId: asked.id, messageId: message.id }, 'quiz question closed');
    }),
  );
}
