/**
 * The quiz, wired into the bot: one runtime object (store on the bot's
 * database, timers that close questions, one edit at a time per message, the
 * wrong-answer rates the daily rotation reads) and the flow shared by `/quiz`,
 * "Next question" and "Quiz me": pick a question, post it publicly with its
 * answer buttons, close it when it expires.
 */
import { MessageFlags, type ButtonInteraction, type ChatInputCommandInteraction, type Message } from 'discord.js';
import type { QuizConceptBank } from '../concepts/bank.js';
import type { StudyDatabase } from '../db/database.js';
import { QuizStore, type AskedQuestion, type Tally } from '../quiz/index.js';
import { quizPostView, QUIZ_MESSAGES, type ClosedReason } from '../render/quiz.js';
import type { MessageView } from '../render/discord.js';
import type { BotContext } from './context.js';
import { parseCustomId } from './custom-ids.js';
import { EditQueue } from './edit-queue.js';
import type { BotLogger } from './logger.js';
import { pickQuestion, type QuestionPick, type QuizTarget } from './quiz-pick.js';
import { NO_MENTIONS, replyPrivately } from './replies.js';

/** Per member, shared by /quiz, "Next question" and "Quiz me": one new question every few seconds is plenty. */
export const QUIZ_COOLDOWN_MS = 3000;
/** Closing fires this much after the expiry, so the store already counts the question as expired. */
const CLOSE_SLACK_MS = 250;
/** Interaction tokens last 15 minutes; after that the message is edited through the channel instead. */
const TOKEN_SAFE_MS = 14 * 60_000;
/** setTimeout's limit (about 24.8 days). */
const MAX_DELAY_MS = 2 ** 31 - 1;
const RATES_TTL_MS = 60_000;

export interface QuizRuntimeOptions {
  timeoutMs: number;
  logger: BotLogger;
}

/** The bot's quiz state. One per bot; handlers reach it as `ctx.quiz`. */
export class QuizRuntime {
  readonly store: QuizStore;
  readonly timeoutMs: number;
  /** Edits of public quiz messages, one at a time per message, latest wins. */
  readonly edits = new EditQueue();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly rates = new Map<string, { at: number; rates: Map<string, number> }>();
  private stopped = false;

  constructor(db: StudyDatabase, private readonly options: QuizRuntimeOptions) {
    this.store = new QuizStore(db);
    this.timeoutMs = options.timeoutMs;
  }

  /**
   * Share of this server's first answers on `conceptId` that were wrong (0 when
   * nobody answered it). Synchronous; the per-server table is read once a
   * minute, or again after an answer.
   */
  wrongRate(guildId: string, conceptId: string): number {
    const now = Date.now();
    let cached = this.rates.get(guildId);
    if (!cached || now - cached.at > RATES_TTL_MS) {
      cached = { at: now, rates: this.store.conceptWrongRates(guildId) };
      this.rates.set(guildId, cached);
    }
    return cached.rates.get(conceptId) ?? 0;
  }

  /** An answer was recorded in `guildId`: its wrong-answer rates are read again next time. */
  answered(guildId: string): void {
    this.rates.delete(guildId);
  }

  /** Runs `close` (which edits the message to its closed state) once the question has expired. Only for questions this process posted. */
  closeAt(questionId: string, at: Date, close: () => Promise<void>): void {
    if (this.stopped) return;
    this.cancelClose(questionId);
    const delay = Math.min(MAX_DELAY_MS, Math.max(0, at.getTime() - this.store.now().getTime()) + CLOSE_SLACK_MS);
    const timer = setTimeout(() => {
      this.timers.delete(questionId);
      close().catch((err: unknown) => this.options.logger.warn({ err, questionId }, 'could not close an expired quiz question'));
    }, delay);
    timer.unref();
    this.timers.set(questionId, timer);
  }

  cancelClose(questionId: string): void {
    const timer = this.timers.get(questionId);
    if (timer) clearTimeout(timer);
    this.timers.delete(questionId);
  }

  /** Questions waiting to be closed by this process. */
  get pendingCloses(): number {
    return this.timers.size;
  }

  /** Stops the timers (at shutdown). A question left open is closed by the first click after its expiry. */
  stop(): void {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}

const EMPTY_TALLY: Pick<Tally, 'total' | 'correct' | 'counts'> = { total: 0, correct: 0, counts: [0, 0, 0, 0] };

/** Why a question takes no more answers now, if it does not: its concept left the notes, or it expired. */
export function closedReason(asked: AskedQuestion, bank: QuizConceptBank, now: Date): ClosedReason | null {
  if (!bank.byId.has(asked.conceptId)) return 'gone';
  if (asked.expiresAt && now.getTime() > asked.expiresAt.getTime()) return 'expired';
  return null;
}

/** The public message of a question as it should look now: current tally, open or closed. */
export function questionMessage(ctx: BotContext, asked: AskedQuestion, nextTopic: string | null): MessageView {
  const { store } = ctx.quiz;
  return quizPostView({
    questionId: asked.id,
    question: asked.question,
    tally: store.tally(asked.id) ?? EMPTY_TALLY,
    expiresAt: asked.expiresAt,
    closed: closedReason(asked, ctx.conceptBank(), store.now()),
    nextTopic,
  });
}

/**
 * The note "Next question" on `message` asks about, read back from its button
 * (so it survives restarts without a column of its own); null for "what is due".
 */
export function nextTopicOf(ctx: BotContext, message: Pick<Message, 'components'>): string | null {
  for (const row of message.components) {
    if (!('components' in row)) continue;
    for (const component of row.components) {
      const id = 'customId' in component ? component.customId : null;
      const action = id ? parseCustomId(id) : null;
      if (action?.kind !== 'quiz-next') continue;
      return nextQuestionNote(ctx, action);
    }
  }
  return null;
}

/**
 * The note a "Next question" button stands for: its own topic, or (when the
 * file name was too long for the custom id) the topic of the question `sameAs`;
 * null for "what is due", or when that question is no longer stored.
 */
export function nextQuestionNote(ctx: BotContext, action: { topic: string | null; sameAs: string | null }): string | null {
  if (action.topic !== null) return action.topic;
  return action.sameAs ? ctx.quiz.store.getQuestion(action.sameAs)?.topic ?? null : null;
}

function failureMessage(reason: Exclude<QuestionPick, { ok: true }>['reason'], target: QuizTarget): string {
  switch (reason) {
    case 'concept-gone':
      return QUIZ_MESSAGES.conceptGone;
    case 'no-concepts':
      return target.kind === 'note' ? QUIZ_MESSAGES.noConceptsInNote(target.file) : QUIZ_MESSAGES.noConcepts;
    case 'no-question':
      return QUIZ_MESSAGES.noQuestion;
  }
}

export type QuizInteraction = ChatInputCommandInteraction | ButtonInteraction;

/**
 * Posts one question publicly in the interaction's channel: `/quiz`, "Next
 * question" and "Quiz me" all end here. Acknowledged first (building the bank
 * after a re-index, or trying many concepts, may take longer than Discord's
 * 3 s); when no question can be made, the public "thinking…" is removed and
 * the reason told privately.
 */
export async function postQuiz(interaction: QuizInteraction, ctx: BotContext, target: QuizTarget): Promise<void> {
  if (!interaction.inGuild()) {
    await replyPrivately(interaction, QUIZ_MESSAGES.onlyInServer);
    return;
  }
  await interaction.deferReply();
  const { store } = ctx.quiz;
  const guildId = interaction.guildId;
  const pick = pickQuestion(ctx.conceptBank(), store, { guildId, userId: interaction.user.id, target, seed: interaction.id });
  if (!pick.ok) {
    ctx.logger.info({ interactionId: interaction.id, target, reason: pick.reason }, 'no quiz question to post');
    await interaction.deleteReply();
    await interaction.followUp({ content: failureMessage(pick.reason, target), flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
    return;
  }
  const expiresAt = new Date(store.now().getTime() + ctx.quiz.timeoutMs);
  const asked = store.recordQuestion({ guildId, channelId: interaction.channelId, question: pick.question, expiresAt });
  const nextTopic = target.kind === 'due' ? null : asked.topic;
  const message = await interaction.editReply({
    ...quizPostView({ questionId: asked.id, question: asked.question, tally: EMPTY_TALLY, expiresAt, closed: null, nextTopic }),
    allowedMentions: NO_MENTIONS,
  });
  store.setMessageId(asked.id, message.id);
  ctx.logger.info(
    { interactionId: interaction.id, questionId: asked.id, conceptId: asked.conceptId, type: asked.question.type, topic: asked.topic, target: target.kind, messageId: message.id },
    'quiz question posted',
  );
  ctx.quiz.closeAt(asked.id, expiresAt, () =>
    ctx.quiz.edits.run(message.id, async () => {
      const latest = store.getQuestion(asked.id);
      if (!latest) return;
      const view = { ...questionMessage(ctx, latest, nextTopic), allowedMentions: NO_MENTIONS };
      if (Date.now() - interaction.createdTimestamp < TOKEN_SAFE_MS) {
        await interaction.editReply(view); // the posting interaction's reply IS the question message
      } else {
        const channel = await interaction.client.channels.fetch(asked.channelId);
        if (!channel?.isTextBased()) throw new Error(`channel ${asked.channelId} is gone`);
        await channel.messages.edit(message.id, view);
      }
      ctx.logger.info({ questionId: asked.id, messageId: message.id }, 'quiz question closed');
    }));
}
