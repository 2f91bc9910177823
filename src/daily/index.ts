/** What the bot uses from the daily-concept core. */
export { DAILY_MIGRATIONS, DailyStore } from './store.js';
export type { PostRecord, PostStatus, PostTrigger, ScheduleRecord } from './store.js';
export { DailyScheduler } from './scheduler.js';
export type {
  Clock, DailyOutcome, DailySchedulerOptions, DailyStatus, NextPost, PermanentPostError, PostFn, PostNowResult, PostResult, Timers,
} from './scheduler.js';
export { Rotation, relatedConcept } from './rotation.js';
export type { RotationOptions, RotationProgress, WrongRate } from './rotation.js';
export {
  TIME_FORMAT_HELP, TIMEZONE_HELP, formatLocal, localDateOf, nextRun, parseSchedule, parseTime, parseTimezone, previousRun,
  slotOn, timezoneSuggestions,
} from './schedule.js';
export type { Parsed, Schedule, Slot } from './schedule.js';
