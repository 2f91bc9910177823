/** What the bot uses from the daily-concept core. */
export { DAILY_MIGRATIONS, DailyStore } from './store.js';
export type { DisabledReason, PostRecord, PostStatus, PostTrigger, ScheduleRecord } from './store.js';
export { DailyScheduler } from './scheduler.js';
export type {
  Clock,
  DailyOutcome,
  DailySchedulerOptions,
  DailyStatus,
  NextPost,
  PermanentPostError,
  PostFn,
  PostNowResult,
  PostResult,
  Timers,
} from './scheduler.js';
export { Rotation, relatedConcept } from './rotation.js';
export type { RotationOptions, RotationProgress, WrongRate } from './rotation.js';
export {
  formatLocal,
  localDateOf,
  nextRun,
  parseSchedule,
  parseTime,
  parseTimezone,
  previousRun,
  slotOn,
  timezoneSuggestions,
} from './schedule.js';
export type { Parsed, Schedule, ScheduleProblem, Slot } from './schedule.js';
