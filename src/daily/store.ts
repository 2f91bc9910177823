/**
 * SQLite persistence for daily concept posts. The caller owns the connection
 * and runs DAILY_MIGRATIONS as part of its own migration list; every statement
 * here is synchronous so a claim and the rotation step it consumes can share one
 * transaction.
 */
import type Database from 'better-sqlite3';
import type { Migration } from '../db/migration.js';

/** The daily steps of the bot's migration list; ids are frozen (see Migration). */
export const DAILY_MIGRATION_STEPS: readonly Migration[] = [
  {
    id: 2,
    name: 'daily: schedules, posts and rotation',
    sql: `
  CREATE TABLE IF NOT EXISTS daily_schedules (
    guild_id        TEXT PRIMARY KEY,
    channel_id      TEXT NOT NULL,
    time            TEXT NOT NULL,            -- HH:MM, 24-hour, server-local
    timezone        TEXT NOT NULL,            -- IANA name
    enabled         INTEGER NOT NULL DEFAULT 1,
    disabled_reason TEXT,
    updated_at      TEXT NOT NULL             -- ISO UTC; slots before it are never due
  );
  CREATE TABLE IF NOT EXISTS daily_posts (
    guild_id    TEXT NOT NULL,
    local_date  TEXT NOT NULL,                -- YYYY-MM-DD in the schedule's zone
    concept_id  TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('claimed', 'posted', 'failed')),
    trigger     TEXT NOT NULL CHECK (trigger IN ('schedule', 'manual')),
    channel_id  TEXT NOT NULL,
    message_id  TEXT,
    error       TEXT,
    attempts    INTEGER NOT NULL DEFAULT 1,
    claimed_at  TEXT NOT NULL,
    posted_at   TEXT,
    UNIQUE (guild_id, local_date)
  );
  CREATE TABLE IF NOT EXISTS daily_rotation (
    guild_id        TEXT PRIMARY KEY,
    seed            INTEGER NOT NULL,
    cycle           INTEGER NOT NULL,
    last_concept_id TEXT                      -- so a new cycle does not open with a repeat
  );
  CREATE TABLE IF NOT EXISTS daily_rotation_shown (
    guild_id   TEXT NOT NULL,
    concept_id TEXT NOT NULL,
    position   INTEGER NOT NULL,              -- order within the current cycle
    PRIMARY KEY (guild_id, concept_id)
  );
  `,
  },
];

/** The same steps as plain SQL, for setting up the tables without the bot's list (tests, tools). */
export const DAILY_MIGRATIONS: string[] = DAILY_MIGRATION_STEPS.map((step) => step.sql);

/**
 * Why a schedule is off, as a code with its details (the bot words it).
 * `legacy`: a reason stored as a sentence by an earlier version.
 */
export type DisabledReason =
  | { code: 'turned_off'; userId: string; at: Date }
  | { code: 'missing_channel' | 'missing_permissions'; channelId: string; localDate: string }
  | { code: 'legacy'; text: string };

export interface ScheduleRecord {
  guildId: string;
  channelId: string;
  time: string;
  timezone: string;
  enabled: boolean;
  disabledReason: DisabledReason | null;
  updatedAt: Date;
}

export type PostStatus = 'claimed' | 'posted' | 'failed';
export type PostTrigger = 'schedule' | 'manual';

export interface PostRecord {
  guildId: string;
  localDate: string;
  conceptId: string;
  status: PostStatus;
  trigger: PostTrigger;
  channelId: string;
  messageId: string | null;
  error: string | null;
  attempts: number;
  claimedAt: Date;
  postedAt: Date | null;
}

export interface RotationRecord {
  seed: number;
  cycle: number;
  lastConceptId: string | null;
}

export interface ClaimInput {
  guildId: string;
  localDate: string;
  conceptId: string;
  channelId: string;
  trigger: PostTrigger;
}

export interface RetakeFailed {
  /** A failed attempt may be retried only if it was claimed at or before this. */
  claimedBefore: Date;
  /** ...and fewer than this many attempts were made. */
  maxAttempts: number;
}

interface ScheduleRow {
  guild_id: string;
  channel_id: string;
  time: string;
  timezone: string;
  enabled: number;
  disabled_reason: string | null;
  updated_at: string;
}
interface PostRow {
  guild_id: string;
  local_date: string;
  concept_id: string;
  status: PostStatus;
  trigger: PostTrigger;
  channel_id: string;
  message_id: string | null;
  error: string | null;
  attempts: number;
  claimed_at: string;
  posted_at: string | null;
}

export class DailyStore {
  private readonly s: ReturnType<typeof prepareStatements>;

  constructor(readonly db: Database.Database) {
    this.s = prepareStatements(db);
  }

  /**
   * Runs fn in a write (IMMEDIATE) transaction, so two connections to one file
   * cannot both read "no post yet" and act on it. Nested calls join the outer one.
   */
  transaction<T>(fn: () => T): T {
    if (this.db.inTransaction) return fn();
    return this.db.transaction(fn).immediate();
  }

  // -- schedules ------------------------------------------------------------

  /** Creates or replaces a schedule; (re)enables it and clears any disabled reason. */
  setSchedule(input: { guildId: string; channelId: string; time: string; timezone: string }, now: Date): ScheduleRecord {
    this.s.upsertSchedule.run({ ...input, now: iso(now) });
    return this.getSchedule(input.guildId)!;
  }

  getSchedule(guildId: string): ScheduleRecord | null {
    const row = this.s.getSchedule.get(guildId) as ScheduleRow | undefined;
    return row ? toSchedule(row) : null;
  }

  enabledSchedules(): ScheduleRecord[] {
    return (this.s.enabledSchedules.all() as ScheduleRow[]).map(toSchedule);
  }

  disableSchedule(guildId: string, reason: DisabledReason, now: Date): void {
    this.s.setEnabled.run({ guildId, enabled: 0, reason: JSON.stringify(reason), now: iso(now) });
  }

  // -- posts ----------------------------------------------------------------

  getPost(guildId: string, localDate: string): PostRecord | null {
    const row = this.s.getPost.get(guildId, localDate) as PostRow | undefined;
    return row ? toPost(row) : null;
  }

  /** The most recent local date with any record, whatever its status. */
  lastPost(guildId: string): PostRecord | null {
    const row = this.s.lastPost.get(guildId) as PostRow | undefined;
    return row ? toPost(row) : null;
  }

  lastDelivered(guildId: string): PostRecord | null {
    const row = this.s.lastDelivered.get(guildId) as PostRow | undefined;
    return row ? toPost(row) : null;
  }

  /** Claims still unresolved at `claimedBefore`: the poster died or hung mid-post. */
  staleClaims(guildId: string, claimedBefore: Date): PostRecord[] {
    return (this.s.staleClaims.all(guildId, iso(claimedBefore)) as PostRow[]).map(toPost);
  }

  /**
   * Claims (guild, local date) for this caller. True only for the one caller
   * that created the row, or that took over a failed attempt when `retake`
   * allows it; a 'claimed' or 'posted' row is never taken over.
   */
  claimPost(input: ClaimInput, now: Date, retake?: RetakeFailed): boolean {
    return this.transaction(() => {
      const params = { ...input, now: iso(now) };
      if (this.s.claim.run(params).changes === 1) return true;
      if (!retake) return false;
      return this.s.retake.run({ ...params, claimedBefore: iso(retake.claimedBefore), maxAttempts: retake.maxAttempts }).changes === 1;
    });
  }

  markPosted(guildId: string, localDate: string, messageId: string, now: Date): void {
    this.s.markPosted.run({ guildId, localDate, messageId, now: iso(now) });
  }

  /** Only for attempts known not to have reached Discord; they may be retried. */
  markFailed(guildId: string, localDate: string, error: string): void {
    this.s.markFailed.run({ guildId, localDate, error });
  }

  /** Records why an attempt's outcome is unknown, leaving it 'claimed' (never re-posted). */
  noteError(guildId: string, localDate: string, error: string): void {
    this.s.noteError.run({ guildId, localDate, error });
  }

  // -- rotation -------------------------------------------------------------

  getRotation(guildId: string): RotationRecord | null {
    const row = this.s.getRotation.get(guildId) as { seed: number; cycle: number; last_concept_id: string | null } | undefined;
    return row ? { seed: row.seed, cycle: row.cycle, lastConceptId: row.last_concept_id } : null;
  }

  createRotation(guildId: string, seed: number): RotationRecord {
    this.s.insertRotation.run(guildId, seed);
    return { seed, cycle: 1, lastConceptId: null };
  }

  setRotation(guildId: string, cycle: number, lastConceptId: string | null): void {
    this.s.setRotation.run({ guildId, cycle, lastConceptId });
  }

  /** Concept ids shown in the current cycle, in the order shown. */
  shownInCycle(guildId: string): string[] {
    return (this.s.shown.all(guildId) as Array<{ concept_id: string }>).map((r) => r.concept_id);
  }

  addShown(guildId: string, conceptId: string): void {
    this.s.addShown.run({ guildId, conceptId });
  }

  removeShown(guildId: string, conceptId: string): void {
    this.s.removeShown.run(guildId, conceptId);
  }

  clearShown(guildId: string): void {
    this.s.clearShown.run(guildId);
  }
}

function prepareStatements(db: Database.Database) {
  const p = (sql: string) => db.prepare(sql);
  return {
    upsertSchedule: p(`INSERT INTO daily_schedules (guild_id, channel_id, time, timezone, enabled, disabled_reason, updated_at)
      VALUES (@guildId, @channelId, @time, @timezone, 1, NULL, @now)
      ON CONFLICT (guild_id) DO UPDATE SET channel_id = excluded.channel_id, time = excluded.time,
        timezone = excluded.timezone, enabled = 1, disabled_reason = NULL, updated_at = excluded.updated_at`),
    getSchedule: p(`SELECT * FROM daily_schedules WHERE guild_id = ?`),
    enabledSchedules: p(`SELECT * FROM daily_schedules WHERE enabled = 1 ORDER BY guild_id`),
    setEnabled: p(`UPDATE daily_schedules SET enabled = @enabled, disabled_reason = @reason, updated_at = @now WHERE guild_id = @guildId`),

    getPost: p(`SELECT * FROM daily_posts WHERE guild_id = ? AND local_date = ?`),
    lastPost: p(`SELECT * FROM daily_posts WHERE guild_id = ? ORDER BY local_date DESC LIMIT 1`),
    lastDelivered: p(`SELECT * FROM daily_posts WHERE guild_id = ? AND status = 'posted' ORDER BY local_date DESC LIMIT 1`),
    staleClaims: p(`SELECT * FROM daily_posts WHERE guild_id = ? AND status = 'claimed' AND claimed_at <= ? ORDER BY local_date DESC`),
    claim: p(`INSERT INTO daily_posts (guild_id, local_date, concept_id, status, trigger, channel_id, claimed_at)
      VALUES (@guildId, @localDate, @conceptId, 'claimed', @trigger, @channelId, @now)
      ON CONFLICT (guild_id, local_date) DO NOTHING`),
    retake: p(`UPDATE daily_posts SET concept_id = @conceptId, status = 'claimed', trigger = @trigger, channel_id = @channelId,
        error = NULL, attempts = attempts + 1, claimed_at = @now
      WHERE guild_id = @guildId AND local_date = @localDate AND status = 'failed'
        AND claimed_at <= @claimedBefore AND attempts < @maxAttempts`),
    markPosted: p(`UPDATE daily_posts SET status = 'posted', message_id = @messageId, error = NULL, posted_at = @now
      WHERE guild_id = @guildId AND local_date = @localDate AND status = 'claimed'`),
    markFailed: p(`UPDATE daily_posts SET status = 'failed', error = @error
      WHERE guild_id = @guildId AND local_date = @localDate AND status = 'claimed'`),
    noteError: p(`UPDATE daily_posts SET error = @error WHERE guild_id = @guildId AND local_date = @localDate`),

    getRotation: p(`SELECT seed, cycle, last_concept_id FROM daily_rotation WHERE guild_id = ?`),
    insertRotation: p(`INSERT INTO daily_rotation (guild_id, seed, cycle, last_concept_id) VALUES (?, ?, 1, NULL)`),
    setRotation: p(`UPDATE daily_rotation SET cycle = @cycle, last_concept_id = @lastConceptId WHERE guild_id = @guildId`),
    shown: p(`SELECT concept_id FROM daily_rotation_shown WHERE guild_id = ? ORDER BY position`),
    addShown: p(`INSERT INTO daily_rotation_shown (guild_id, concept_id, position)
      VALUES (@guildId, @conceptId, (SELECT COALESCE(MAX(position), 0) + 1 FROM daily_rotation_shown WHERE guild_id = @guildId))`),
    removeShown: p(`DELETE FROM daily_rotation_shown WHERE guild_id = ? AND concept_id = ?`),
    clearShown: p(`DELETE FROM daily_rotation_shown WHERE guild_id = ?`),
  };
}

function iso(d: Date): string {
  return d.toISOString();
}

function toSchedule(r: ScheduleRow): ScheduleRecord {
  return {
    guildId: r.guild_id,
    channelId: r.channel_id,
    time: r.time,
    timezone: r.timezone,
    enabled: r.enabled === 1,
    disabledReason: r.disabled_reason === null ? null : toDisabledReason(r.disabled_reason),
    updatedAt: new Date(r.updated_at),
  };
}

/** The stored JSON of a DisabledReason; anything else is an earlier version's sentence, kept as it was written. */
function toDisabledReason(stored: string): DisabledReason {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stored);
  } catch {
    return { code: 'legacy', text: stored };
  }
  const r = parsed as Record<string, unknown> | null;
  if (r?.code === 'turned_off' && typeof r.userId === 'string' && typeof r.at === 'string') {
    return { code: 'turned_off', userId: r.userId, at: new Date(r.at) };
  }
  if (
    (r?.code === 'missing_channel' || r?.code === 'missing_permissions') &&
    typeof r.channelId === 'string' &&
    typeof r.localDate === 'string'
  ) {
    return { code: r.code, channelId: r.channelId, localDate: r.localDate };
  }
  return { code: 'legacy', text: stored };
}

function toPost(r: PostRow): PostRecord {
  return {
    guildId: r.guild_id,
    localDate: r.local_date,
    conceptId: r.concept_id,
    status: r.status,
    trigger: r.trigger,
    channelId: r.channel_id,
    messageId: r.message_id,
    error: r.error,
    attempts: r.attempts,
    claimedAt: new Date(r.claimed_at),
    postedAt: r.posted_at ? new Date(r.posted_at) : null,
  };
}
