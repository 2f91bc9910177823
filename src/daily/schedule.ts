/**
 * When a server's daily concept is due: validation of the `HH:MM` + IANA zone a
 * server admin types, and the mapping from "local HH:MM on local date D" to a UTC
 * instant, including the two DST cases.
 *
 * DST rule (one run per local date, never skipped, never doubled):
 *  - Spring forward: a local time inside the gap (America/New_York 2026-03-08
 *    02:30 does not exist) runs at the first valid instant after the gap, i.e.
 *    the moment the clocks jump (03:00 EDT = 07:00Z). Shifting by the gap length
 *    (luxon's default, 03:30) would make the rule depend on the requested minute;
 *    "as soon as the time exists again" is easier to explain.
 *  - Fall back: an ambiguous local time (2026-11-01 01:30 happens at 05:30Z and
 *    again at 06:30Z) runs once, at the first occurrence. luxon picks the second,
 *    which is why the slot is computed here rather than with DateTime.fromObject.
 */
import { DateTime, IANAZone } from 'luxon';

interface DailyTime {
  hour: number;
  minute: number;
}

export interface Schedule {
  /** `HH:MM`, 24-hour, zero-padded (as returned by parseTime). */
  time: string;
  /** IANA zone name, e.g. Europe/Berlin. */
  timezone: string;
}

/** One scheduled run: the UTC instant and the server-local date it counts for. */
export interface Slot {
  at: Date;
  /** `YYYY-MM-DD` in the schedule's zone; the key of "exactly once per day". */
  localDate: string;
}

/** What is wrong with a schedule's input, as a code and the input (the bot words it). */
export type ScheduleProblem = { code: 'invalid_time' | 'unknown_timezone'; input: string };

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: ScheduleProblem };

const TIME_RE = /^(\d{1,2}):(\d{2})$/;

export function parseTime(input: string): Parsed<string> {
  const m = TIME_RE.exec(input.trim());
  const hour = m ? Number(m[1]) : NaN;
  const minute = m ? Number(m[2]) : NaN;
  if (!m || hour > 23 || minute > 59) {
    return { ok: false, error: { code: 'invalid_time', input } };
  }
  return { ok: true, value: `${pad(hour)}:${pad(minute)}` };
}

export function parseTimezone(input: string): Parsed<string> {
  const name = input.trim();
  if (!name || !IANAZone.isValidZone(name)) {
    return { ok: false, error: { code: 'unknown_timezone', input } };
  }
  // Intl accepts any letter case; store the spelling people recognise.
  return { ok: true, value: knownZones().get(name.toLowerCase()) ?? name };
}

export function parseSchedule(time: string, timezone: string): Parsed<Schedule> {
  const t = parseTime(time);
  if (!t.ok) return t;
  const z = parseTimezone(timezone);
  if (!z.ok) return z;
  return { ok: true, value: { time: t.value, timezone: z.value } };
}

/** `YYYY-MM-DD` of an instant in a zone. */
export function localDateOf(instant: Date, timezone: string): string {
  return DateTime.fromJSDate(instant, { zone: timezone }).toISODate()!;
}

function addDays(localDate: string, days: number): string {
  return DateTime.fromISO(localDate, { zone: 'UTC' }).plus({ days }).toISODate()!;
}

/** The UTC instant of the schedule's run on one local date (DST rule above). */
export function slotOn(schedule: Schedule, localDate: string): Date {
  const { hour, minute } = timeParts(schedule.time);
  const [y, mo, d] = localDate.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, mo - 1, d, hour, minute);
  const zone = IANAZone.create(schedule.timezone);
  const wallAt = (t: number) => t + zone.offset(t) * 60_000;

  // Every offset in force around that day; a zone changes at most once or twice a day.
  const offsets = new Set([-1, 0, 1].map((k) => zone.offset(wall + k * 86_400_000)));
  const candidates = [...offsets].map((o) => wall - o * 60_000).sort((a, b) => a - b);
  const exact = candidates.find((t) => wallAt(t) === wall);
  if (exact !== undefined) return new Date(exact); // earliest = first occurrence when ambiguous

  // In a gap: smallest instant whose wall clock has reached the requested time.
  let lo = candidates[0]!;
  let hi = candidates[candidates.length - 1]!;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (wallAt(mid) >= wall) hi = mid;
    else lo = mid;
  }
  return new Date(hi);
}

/** The first run strictly after `now`. */
export function nextRun(schedule: Schedule, now: Date): Slot {
  let localDate = localDateOf(now, schedule.timezone);
  for (;;) {
    const at = slotOn(schedule, localDate);
    if (at.getTime() > now.getTime()) return { at, localDate };
    localDate = addDays(localDate, 1);
  }
}

/** The latest run at or before `now` (today's if it has passed, else yesterday's). */
export function previousRun(schedule: Schedule, now: Date): Slot {
  let localDate = localDateOf(now, schedule.timezone);
  for (;;) {
    const at = slotOn(schedule, localDate);
    if (at.getTime() <= now.getTime()) return { at, localDate };
    localDate = addDays(localDate, -1);
  }
}

/** e.g. "2026-03-08 03:00 EDT (UTC-4)" for status messages. */
export function formatLocal(instant: Date, timezone: string): string {
  return DateTime.fromJSDate(instant, { zone: timezone }).toFormat("yyyy-LL-dd HH:mm ZZZZ '(UTC'Z')'");
}

const SUGGESTION_LIMIT = 25; // Discord's autocomplete maximum
const POPULAR = [
  'UTC',
  'Europe/London',
  'Europe/Berlin',
  'Europe/Paris',
  'Europe/Moscow',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'America/Sao_Paulo',
  'Asia/Shanghai',
  'Asia/Hong_Kong',
  'Asia/Taipei',
  'Asia/Tokyo',
  'Asia/Seoul',
  'Asia/Singapore',
  'Asia/Kolkata',
  'Asia/Dubai',
  'Australia/Sydney',
  'Pacific/Auckland',
  'Africa/Cairo',
  'Africa/Johannesburg',
];
// Current names that Node 20's ICU lists only under their old spelling.
const MODERN_NAMES = ['UTC', 'Asia/Kolkata', 'Europe/Kyiv', 'Asia/Ho_Chi_Minh', 'Asia/Kathmandu', 'America/Nuuk'];

let zoneCache: Map<string, string> | undefined;
function knownZones(): Map<string, string> {
  if (!zoneCache) {
    const names = [...Intl.supportedValuesOf('timeZone'), ...MODERN_NAMES].filter((z) => IANAZone.isValidZone(z));
    zoneCache = new Map(names.map((z) => [z.toLowerCase(), z]));
  }
  return zoneCache;
}

let sortedZoneCache: string[] | undefined;
/** The known zone names, each once, sorted: built once, read on every autocomplete keystroke. */
function sortedZones(): readonly string[] {
  sortedZoneCache ??= [...new Set(knownZones().values())].sort();
  return sortedZoneCache;
}

/**
 * Autocomplete choices for what has been typed so far: names starting with it
 * first, then names with a segment starting with it ("berl" → Europe/Berlin,
 * "new york" → America/New_York), then any substring match.
 */
export function timezoneSuggestions(prefix: string): string[] {
  const q = prefix.trim().toLowerCase().replace(/\s+/g, '_');
  if (!q) return POPULAR.filter((z) => IANAZone.isValidZone(z)).slice(0, SUGGESTION_LIMIT);
  const all = sortedZones();
  const rank = (z: string) => {
    const l = z.toLowerCase();
    if (l.startsWith(q)) return 0;
    if (l.split('/').some((seg) => seg.startsWith(q))) return 1;
    return l.includes(q) ? 2 : -1;
  };
  return all
    .map((z) => ({ z, r: rank(z) }))
    .filter((x) => x.r >= 0)
    .sort((a, b) => a.r - b.r || a.z.localeCompare(b.z))
    .slice(0, SUGGESTION_LIMIT)
    .map((x) => x.z);
}

function timeParts(time: string): DailyTime {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return { hour: h, minute: m };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
