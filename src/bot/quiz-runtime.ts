import type { StudyDatabase } from '../db/database.js';
import { QuestionBankStore, QuizStore } from '../quiz/index.js';
import { NoteCardReviews } from '../quiz/card-reviews.js';
import { RecentCards } from './card-pick.js';
import { EditQueue } from './edit-queue.js';
import type { BotLogger } from './logger.js';

/** Closing fires this much after the expiry, so the store already counts the question as expired. */
const CLOSE_SLACK_MS = 250;
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
  /** The persisted question bank and members' 👎 reports. */
  readonly bank: QuestionBankStore;
  /** Members' schedules of the flashcards in their notes (same database, same clock). */
  readonly cardReviews: NoteCardReviews;
  /** Flashcards posted to each member and not rated yet, passed over for a while by the next /quiz. */
  readonly recentCards = new RecentCards();
  readonly timeoutMs: number;
  /** Edits of public quiz messages, one at a time per message, latest wins. */
  readonly edits = new EditQueue();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly rates = new Map<string, { at: number; rates: Map<string, number> }>();
  private stopped = false;

  constructor(
    db: StudyDatabase,
    private readonly options: QuizRuntimeOptions,
  ) {
    this.store = new QuizStore(db);
    this.bank = new QuestionBankStore(db);
    this.cardReviews = new NoteCardReviews(db, { srs: this.store.srs });
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
