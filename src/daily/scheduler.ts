/**
 * Posts each server's daily concept. All decisions happen in tick(now), which is
 * safe to call at any time, any number of times, from any number of processes
 * sharing the database: the (guild, local date) claim in DailyStore makes the
 * post happen at most once. start()/stop() are a thin timer that calls tick at
 * every minute boundary; tests drive tick directly with their own clock.
 *
 * Which slot is due: the latest slot at or before now (today's, or yesterday's
 * just after midnight), if it is at most `graceMs` old and not older than the
 * schedule's last change, and nothing has been claimed for its local date.
 * Anything older is skipped, so a bot that was down for days posts once, not
 * once per missed day; and setting a schedule at 10:00 for 08:00 does not post
 * immediately (postNow does that on request).
 *
 * At most once: a post whose outcome is unknown (the process died while it was
 * 'claimed', or the post callback threw) is never re-posted automatically, however
 * old, because Discord may have accepted the message before we could record it.
 * status() reports such claims as unconfirmed once older than `staleClaimMs`.
 * Only attempts the callback reports as failed (`{ error }`) are retried: by the
 * scheduler after `retryAfterMs`, up to `maxAttempts`, within the grace period,
 * and by postNow at once.
 */
import type { Logger } from '../log.js';
import { silentLogger } from '../log.js';
import type { Concept } from '../concepts/types.js';
import { Rotation, type RotationProgress } from './rotation.js';
import { formatLocal, localDateOf, nextRun, parseSchedule, previousRun, type Parsed, type Slot } from './schedule.js';
import type { DailyStore, DisabledReason, PostRecord, PostTrigger, RetakeFailed, ScheduleRecord } from './store.js';

/** Errors after which posting cannot work until an admin acts; they disable the schedule. */
export type PermanentPostError = 'missing_channel' | 'missing_permissions';

/**
 * What the bot's poster reports. Return `{ error }` only when the message
 * certainly did not go out; throw when unsure (e.g. a timeout), which leaves the
 * day claimed and never re-posted.
 */
export type PostResult = { messageId: string } | { error: PermanentPostError | (string & {}) };

export type PostFn = (guildId: string, channelId: string, concept: Concept, localDate: string) => Promise<PostResult>;

export interface Clock {
  now(): Date;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface DailySchedulerOptions {
  store: DailyStore;
  post: PostFn;
  /** The current concept bank. Called only when a post is about to be made. */
  concepts: () => readonly Concept[] | Promise<readonly Concept[]>;
  /** Defaults to a Rotation over `store` with a random seed per server. */
  rotation?: Rotation;
  /** Share of this server's answers on a concept that were wrong, 0..1; favours those concepts. */
  wrongRate?: (guildId: string, conceptId: string) => number;
  clock?: Clock;
  timers?: Timers;
  logger?: Logger;
  /** How late a missed slot may still be posted. Default 6 h. */
  graceMs?: number;
  /** Wait before retrying an attempt that reported an error. Default 5 min. */
  retryAfterMs?: number;
  /** Attempts per day by the scheduler, including the first. Default 3. */
  maxAttempts?: number;
  /** When a claim without outcome is reported as unconfirmed. Default 10 min. */
  staleClaimMs?: number;
}

export type DailyOutcome =
  | { guildId: string; localDate: string; outcome: 'posted'; conceptId: string; messageId: string }
  | { guildId: string; localDate: string; outcome: 'failed'; conceptId: string; error: string; disabledReason: DisabledReason | null }
  | { guildId: string; localDate: string; outcome: 'unknown'; conceptId: string; error: string }
  | { guildId: string; localDate: string; outcome: 'no_concepts' };

export type PostNowResult =
  | DailyOutcome
  | { guildId: string; localDate: string; outcome: 'already_posted'; post: PostRecord }
  /** Claimed by another attempt still running, or unconfirmed when `stale` (see at-most-once above). */
  | { guildId: string; localDate: string; outcome: 'in_progress'; post: PostRecord; stale: boolean }
  | { guildId: string; outcome: 'no_schedule' };

export interface NextPost {
  at: Date;
  localDate: string;
  /** e.g. "2026-03-08 03:00 EDT (UTC-4)". */
  local: string;
  /** A missed slot still within grace: it goes out at the next tick. */
  overdue: boolean;
}

export interface DailyStatus {
  guildId: string;
  schedule: ScheduleRecord | null;
  /** Null when there is no schedule or it is disabled. */
  next: NextPost | null;
  disabledReason: DisabledReason | null;
  rotation: RotationProgress;
  /** Most recent post that reached the channel. */
  lastPosted: PostRecord | null;
  /** Most recent record of any status (posted, failed, or still claimed). */
  latest: PostRecord | null;
  /** Claims older than staleClaimMs with no outcome: check the channel by hand. */
  unconfirmed: PostRecord[];
}

const HOUR = 3_600_000;
const MINUTE = 60_000;

class LostClaim extends Error {}

export class DailyScheduler {
  readonly store: DailyStore;
  readonly rotation: Rotation;
  private readonly opts: Required<Pick<DailySchedulerOptions, 'graceMs' | 'retryAfterMs' | 'maxAttempts' | 'staleClaimMs'>>;
  private readonly clock: Clock;
  private readonly timers: Timers;
  private readonly log: Logger;
  private handle: unknown;
  private running = false;
  private inFlight: Promise<void> | null = null;
  private wakeRequested = false;

  constructor(private readonly options: DailySchedulerOptions) {
    this.store = options.store;
    this.rotation = options.rotation ?? new Rotation(options.store);
    this.clock = options.clock ?? { now: () => new Date() };
    this.timers = options.timers ?? {
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
    };
    this.log = options.logger ?? silentLogger;
    this.opts = {
      graceMs: options.graceMs ?? 6 * HOUR,
      retryAfterMs: options.retryAfterMs ?? 5 * MINUTE,
      maxAttempts: options.maxAttempts ?? 3,
      staleClaimMs: options.staleClaimMs ?? 10 * MINUTE,
    };
  }

  // -- configuration (for /daily set, /daily off) -----------------------------

  /** Validates and saves a schedule; (re)enables it. Errors are codes with the input (the bot words them). */
  configure(input: { guildId: string; channelId: string; time: string; timezone: string }, now = this.clock.now()): Parsed<ScheduleRecord> {
    const parsed = parseSchedule(input.time, input.timezone);
    if (!parsed.ok) return parsed;
    const record = this.store.setSchedule({ guildId: input.guildId, channelId: input.channelId, ...parsed.value }, now);
    this.wake();
    return { ok: true, value: record };
  }

  disable(guildId: string, reason: DisabledReason, now = this.clock.now()): void {
    this.store.disableSchedule(guildId, reason, now);
  }

  // -- the work ----------------------------------------------------------------

  /** Posts every due slot. Returns what was attempted; guilds with nothing due are omitted. */
  async tick(now = this.clock.now()): Promise<DailyOutcome[]> {
    const outcomes = await Promise.all(
      this.store.enabledSchedules().map((s) =>
        this.tickGuild(s, now).catch((err: unknown) => {
          this.log.error(`daily: guild ${s.guildId}: ${errorText(err)}`);
          return null;
        }),
      ),
    );
    return outcomes.filter((o): o is DailyOutcome => o !== null);
  }

  /** Posts today's concept now; it counts as today's post, so the slot later today is skipped. */
  async postNow(guildId: string, now = this.clock.now()): Promise<PostNowResult> {
    const schedule = this.store.getSchedule(guildId);
    if (!schedule) return { guildId, outcome: 'no_schedule' };
    const localDate = localDateOf(now, schedule.timezone);
    const blocked = this.blockedBy(guildId, localDate, now);
    if (blocked) return blocked;
    // A known failure may be retried by hand straight away.
    const outcome = await this.attempt(schedule, localDate, 'manual', now, { claimedBefore: now, maxAttempts: Number.MAX_SAFE_INTEGER });
    if (outcome) return outcome;
    // Lost the claim to a concurrent tick or postNow: report what it did.
    const post = this.store.getPost(guildId, localDate)!;
    return this.blockedBy(guildId, localDate, now) ?? { guildId, localDate, outcome: 'in_progress', post, stale: false };
  }

  async status(guildId: string, now = this.clock.now()): Promise<DailyStatus> {
    const schedule = this.store.getSchedule(guildId);
    return {
      guildId,
      schedule,
      next: schedule?.enabled ? this.nextPost(schedule, now) : null,
      disabledReason: schedule && !schedule.enabled ? schedule.disabledReason : null,
      rotation: this.rotation.progress(guildId, await this.options.concepts()),
      lastPosted: this.store.lastDelivered(guildId),
      latest: this.store.lastPost(guildId),
      unconfirmed: this.store.staleClaims(guildId, new Date(now.getTime() - this.opts.staleClaimMs)),
    };
  }

  // -- timer adapter -------------------------------------------------------------

  /** Ticks now (catch-up after downtime), then at every minute boundary. */
  start(): void {
    if (this.running) return;
    this.running = true;
    void this.runTimerTick();
  }

  /** Stops the timer; resolves when a tick in progress has finished. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.handle !== undefined) this.timers.clearTimeout(this.handle);
    this.handle = undefined;
    await this.inFlight;
  }

  /** Ticks as soon as possible, e.g. after a schedule change. */
  wake(): void {
    if (!this.running) return;
    if (this.inFlight) {
      this.wakeRequested = true;
      return;
    }
    if (this.handle !== undefined) this.timers.clearTimeout(this.handle);
    this.handle = undefined;
    void this.runTimerTick();
  }

  private async runTimerTick(): Promise<void> {
    this.handle = undefined;
    this.inFlight = this.tick()
      .then(() => undefined)
      .catch((err: unknown) => this.log.error(`daily: tick failed: ${errorText(err)}`));
    await this.inFlight;
    this.inFlight = null;
    if (!this.running) return;
    if (this.wakeRequested) {
      this.wakeRequested = false;
      void this.runTimerTick();
      return;
    }
    // Slots fall on whole minutes; wake just after each one.
    const ms = this.clock.now().getTime();
    this.handle = this.timers.setTimeout(() => void this.runTimerTick(), MINUTE - (ms % MINUTE) + 250);
  }

  // -- internals -------------------------------------------------------------------

  private async tickGuild(schedule: ScheduleRecord, now: Date): Promise<DailyOutcome | null> {
    const slot = this.dueSlot(schedule, now);
    if (!slot) return null;
    const retake = this.retakePolicy(now);
    if (!this.mayAttempt(this.store.getPost(schedule.guildId, slot.localDate), retake)) return null;
    return this.attempt(schedule, slot.localDate, 'schedule', now, retake);
  }

  private dueSlot(schedule: ScheduleRecord, now: Date): Slot | null {
    const slot = previousRun(schedule, now);
    const late = now.getTime() - slot.at.getTime();
    if (late > this.opts.graceMs || slot.at.getTime() < schedule.updatedAt.getTime()) return null;
    return slot;
  }

  private retakePolicy(now: Date): RetakeFailed {
    return { claimedBefore: new Date(now.getTime() - this.opts.retryAfterMs), maxAttempts: this.opts.maxAttempts };
  }

  private mayAttempt(existing: PostRecord | null, retake: RetakeFailed): boolean {
    if (!existing) return true;
    return (
      existing.status === 'failed' &&
      existing.attempts < retake.maxAttempts &&
      existing.claimedAt.getTime() <= retake.claimedBefore.getTime()
    );
  }

  /** Claim, pick, post, record. Null when another caller holds the claim. */
  private async attempt(
    schedule: ScheduleRecord,
    localDate: string,
    trigger: PostTrigger,
    now: Date,
    retake: RetakeFailed,
  ): Promise<DailyOutcome | null> {
    const { guildId, channelId } = schedule;
    const concepts = await this.options.concepts();
    if (concepts.length === 0) {
      this.log.warn(`daily: guild ${guildId}: the concept bank is empty, nothing to post for ${localDate}`);
      return { guildId, localDate, outcome: 'no_concepts' };
    }
    const wrongRate = this.options.wrongRate;
    let concept: Concept;
    try {
      // One transaction: a lost claim must not consume a concept from the rotation.
      concept = this.store.transaction(() => {
        const picked = this.rotation.take(guildId, concepts, wrongRate && ((id) => wrongRate(guildId, id)))!;
        const won = this.store.claimPost({ guildId, localDate, conceptId: picked.id, channelId, trigger }, now, retake);
        if (!won) throw new LostClaim();
        return picked;
      });
    } catch (err) {
      if (err instanceof LostClaim) return null;
      throw err;
    }

    let result: PostResult;
    try {
      result = await this.options.post(guildId, channelId, concept, localDate);
    } catch (err) {
      const error = errorText(err);
      this.store.noteError(guildId, localDate, error);
      this.log.error(`daily: guild ${guildId}: posting ${localDate} threw (${error}); left unconfirmed, will not re-post`);
      return { guildId, localDate, outcome: 'unknown', conceptId: concept.id, error };
    }

    if ('messageId' in result) {
      this.store.markPosted(guildId, localDate, result.messageId, this.clock.now());
      this.log.info(`daily: guild ${guildId}: posted ${concept.id} for ${localDate} (message ${result.messageId})`);
      return { guildId, localDate, outcome: 'posted', conceptId: concept.id, messageId: result.messageId };
    }

    const error = result.error;
    const disabledReason = disableReasonFor(error, channelId, localDate);
    this.store.transaction(() => {
      this.store.markFailed(guildId, localDate, error);
      this.rotation.release(guildId, concept.id);
      // Only if nobody pointed the schedule elsewhere while we were posting.
      if (disabledReason && this.store.getSchedule(guildId)?.channelId === channelId) {
        this.store.disableSchedule(guildId, disabledReason, this.clock.now());
      }
    });
    if (disabledReason)
      this.log.warn(`daily: guild ${guildId}: schedule disabled: ${error} in channel ${channelId} (post for ${localDate})`);
    else this.log.warn(`daily: guild ${guildId}: posting ${localDate} failed: ${error}`);
    return { guildId, localDate, outcome: 'failed', conceptId: concept.id, error, disabledReason };
  }

  /** Why postNow cannot post for this date, or null if it can. */
  private blockedBy(guildId: string, localDate: string, now: Date): PostNowResult | null {
    const post = this.store.getPost(guildId, localDate);
    if (post?.status === 'posted') return { guildId, localDate, outcome: 'already_posted', post };
    if (post?.status === 'claimed') {
      const stale = now.getTime() - post.claimedAt.getTime() >= this.opts.staleClaimMs;
      return { guildId, localDate, outcome: 'in_progress', post, stale };
    }
    return null;
  }

  private nextPost(schedule: ScheduleRecord, now: Date): NextPost {
    const fmt = (slot: Slot, overdue: boolean): NextPost => ({ ...slot, local: formatLocal(slot.at, schedule.timezone), overdue });
    const due = this.dueSlot(schedule, now);
    if (due) {
      const existing = this.store.getPost(schedule.guildId, due.localDate);
      if (!existing) return fmt(due, true);
      if (existing.status === 'failed' && existing.attempts < this.opts.maxAttempts) {
        const retryAt = Math.max(now.getTime(), existing.claimedAt.getTime() + this.opts.retryAfterMs);
        if (retryAt - due.at.getTime() <= this.opts.graceMs) return fmt({ at: new Date(retryAt), localDate: due.localDate }, true);
      }
    }
    // Skip dates already covered, e.g. by postNow before today's slot.
    let slot = nextRun(schedule, now);
    while (this.store.getPost(schedule.guildId, slot.localDate)) slot = nextRun(schedule, slot.at);
    return fmt(slot, false);
  }
}

/** A failure that disables the schedule until an admin acts, or null for one worth retrying. */
function disableReasonFor(error: string, channelId: string, localDate: string): DisabledReason | null {
  if (error === 'missing_channel' || error === 'missing_permissions') return { code: error, channelId, localDate };
  return null;
}

/** An error's message, or the thrown value as text. */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
