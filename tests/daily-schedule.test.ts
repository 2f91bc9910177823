/**
 * Specification for src/daily/schedule.ts: what a server admin may type, and
 * when "HH:MM in zone Z" happens, including the two DST days of America/New_York
 * in 2026 (spring forward 2026-03-08 02:00 → 03:00, fall back 2026-11-01
 * 02:00 → 01:00).
 */
import { describe, it, expect } from 'vitest';
import {
  formatLocal,
  localDateOf,
  nextRun,
  parseSchedule,
  parseTime,
  parseTimezone,
  previousRun,
  slotOn,
  timezoneSuggestions,
  type Schedule,
  type Slot,
} from '../src/daily/schedule.js';
import { scheduleProblemMessage } from '../src/render/daily.js';

const utc = (s: string) => new Date(s);
const iso = (slot: Slot) => ({ at: slot.at.toISOString(), localDate: slot.localDate });

/** Follows nextRun from `from` to `to`, as a scheduler that always sleeps until the next run would. */
function runsBetween(schedule: Schedule, from: Date, to: Date): Array<{ at: string; localDate: string }> {
  const runs: Slot[] = [];
  let t = from;
  for (;;) {
    const r = nextRun(schedule, t);
    if (r.at >= to) break;
    runs.push(r);
    t = r.at;
  }
  return runs.map(iso);
}

describe('parseTime', () => {
  it.each([
    ['08:30', '08:30'],
    ['8:30', '08:30'],
    [' 21:15 ', '21:15'],
    ['00:00', '00:00'],
    ['23:59', '23:59'],
  ])('accepts %j as %s', (input, value) => {
    expect(parseTime(input)).toEqual({ ok: true, value });
  });

  it.each(['24:00', '08:60', '8.30', '0830', '8:3', '-1:00', 'noon', '', '08:30pm'])('rejects %j with the expected format', (input) => {
    const r = parseTime(input);
    expect(r).toEqual({ ok: false, error: { code: 'invalid_time', input } });
    // The core returns a code; what the user reads is worded by render/.
    if (!r.ok) {
      expect(scheduleProblemMessage(r.error)).toContain('Time must be HH:MM in 24-hour form, e.g. 08:30');
      expect(scheduleProblemMessage(r.error)).toContain(`"${input}"`);
    }
  });

  it('the help text names the format', () => {
    expect(scheduleProblemMessage({ code: 'invalid_time', input: 'noon' })).toMatch(/ Time must be HH:MM in 24-hour form, e\.g\. 08:30/);
  });
});

describe('parseTimezone', () => {
  it('accepts IANA names and normalises their spelling', () => {
    expect(parseTimezone('Europe/Berlin')).toEqual({ ok: true, value: 'Europe/Berlin' });
    expect(parseTimezone('asia/shanghai')).toEqual({ ok: true, value: 'Asia/Shanghai' });
    expect(parseTimezone(' America/New_York ')).toEqual({ ok: true, value: 'America/New_York' });
    expect(parseTimezone('UTC')).toEqual({ ok: true, value: 'UTC' });
    // The current name, not ICU's older Asia/Calcutta.
    expect(parseTimezone('asia/kolkata')).toEqual({ ok: true, value: 'Asia/Kolkata' });
  });

  it('rejects unknown zones with an example of a valid name', () => {
    expect(parseTimezone('Mars/Base')).toEqual({ ok: false, error: { code: 'unknown_timezone', input: 'Mars/Base' } });
    expect(scheduleProblemMessage({ code: 'unknown_timezone', input: 'Mars/Base' })).toBe(
      'Unknown timezone "Mars/Base". Use an IANA name like Europe/Berlin or Asia/Shanghai.',
    );
    for (const bad of ['', '+05:00', 'GMT+8 China', 'Berlin']) expect(parseTimezone(bad).ok).toBe(false);
  });

  it('parseSchedule reports the first problem', () => {
    expect(parseSchedule('25:00', 'Mars/Base')).toEqual({ ok: false, error: { code: 'invalid_time', input: '25:00' } });
    expect(parseSchedule('07:05', 'Mars/Base')).toEqual({ ok: false, error: { code: 'unknown_timezone', input: 'Mars/Base' } });
    expect(parseSchedule('7:05', 'europe/berlin')).toEqual({ ok: true, value: { time: '07:05', timezone: 'Europe/Berlin' } });
  });
});

describe('nextRun in two timezones', () => {
  const shanghai: Schedule = { time: '08:30', timezone: 'Asia/Shanghai' }; // UTC+8, no DST
  const newYork: Schedule = { time: '08:30', timezone: 'America/New_York' };

  it('Asia/Shanghai: later today, or tomorrow once the slot has passed', () => {
    expect(iso(nextRun(shanghai, utc('2026-01-15T00:00:00Z')))).toEqual({ at: '2026-01-15T00:30:00.000Z', localDate: '2026-01-15' });
    // Exactly at the slot, the next run is tomorrow's (the current one is being handled).
    expect(iso(nextRun(shanghai, utc('2026-01-15T00:30:00Z')))).toEqual({ at: '2026-01-16T00:30:00.000Z', localDate: '2026-01-16' });
    // 20:00Z is already 04:00 on the 16th in Shanghai.
    expect(iso(nextRun(shanghai, utc('2026-01-15T20:00:00Z')))).toEqual({ at: '2026-01-16T00:30:00.000Z', localDate: '2026-01-16' });
  });

  it('America/New_York: follows EST in winter and EDT in summer', () => {
    expect(iso(nextRun(newYork, utc('2026-01-15T12:00:00Z')))).toEqual({ at: '2026-01-15T13:30:00.000Z', localDate: '2026-01-15' });
    expect(iso(nextRun(newYork, utc('2026-07-15T12:00:00Z')))).toEqual({ at: '2026-07-15T12:30:00.000Z', localDate: '2026-07-15' });
    // 04:00Z on the 16th is still the evening of the 15th in New York.
    expect(iso(nextRun(newYork, utc('2026-01-16T04:00:00Z')))).toEqual({ at: '2026-01-16T13:30:00.000Z', localDate: '2026-01-16' });
  });

  it("the local date is the zone's, even when the UTC date differs", () => {
    const evening: Schedule = { time: '21:00', timezone: 'America/New_York' };
    expect(iso(nextRun(evening, utc('2026-01-15T12:00:00Z')))).toEqual({ at: '2026-01-16T02:00:00.000Z', localDate: '2026-01-15' });
    expect(localDateOf(utc('2026-01-16T02:00:00Z'), 'America/New_York')).toBe('2026-01-15');
    expect(localDateOf(utc('2026-01-16T02:00:00Z'), 'Asia/Shanghai')).toBe('2026-01-16');
  });

  it('previousRun is the latest slot at or before now', () => {
    expect(iso(previousRun(shanghai, utc('2026-01-15T00:30:00Z')))).toEqual({ at: '2026-01-15T00:30:00.000Z', localDate: '2026-01-15' });
    expect(iso(previousRun(shanghai, utc('2026-01-15T00:29:59Z')))).toEqual({ at: '2026-01-14T00:30:00.000Z', localDate: '2026-01-14' });
  });

  it('formats the local time with its offset for status messages', () => {
    expect(formatLocal(utc('2026-03-08T07:00:00Z'), 'America/New_York')).toBe('2026-03-08 03:00 EDT (UTC-4)');
    expect(formatLocal(utc('2026-01-15T03:00:00Z'), 'Asia/Kolkata')).toBe('2026-01-15 08:30 GMT+5:30 (UTC+5:30)');
  });
});

describe('DST (America/New_York, 2026)', () => {
  it('spring forward: 02:30 does not exist on 2026-03-08 and runs when the clocks jump (03:00 EDT)', () => {
    const s: Schedule = { time: '02:30', timezone: 'America/New_York' };
    expect(slotOn(s, '2026-03-08').toISOString()).toBe('2026-03-08T07:00:00.000Z');
    expect(formatLocal(slotOn(s, '2026-03-08'), s.timezone)).toMatch(/^2026-03-08 03:00 EDT/);
  });

  it('spring forward: exactly one run per local date over 2026-03-07..09', () => {
    const s: Schedule = { time: '02:30', timezone: 'America/New_York' };
    // From 00:00 EST on the 7th to 00:00 EDT on the 10th.
    expect(runsBetween(s, utc('2026-03-07T05:00:00Z'), utc('2026-03-10T04:00:00Z'))).toEqual([
      { at: '2026-03-07T07:30:00.000Z', localDate: '2026-03-07' }, // 02:30 EST
      { at: '2026-03-08T07:00:00.000Z', localDate: '2026-03-08' }, // 02:30 missing → 03:00 EDT
      { at: '2026-03-09T06:30:00.000Z', localDate: '2026-03-09' }, // 02:30 EDT
    ]);
  });

  it('spring forward: a time just before the gap and one after it are unaffected', () => {
    expect(slotOn({ time: '01:59', timezone: 'America/New_York' }, '2026-03-08').toISOString()).toBe('2026-03-08T06:59:00.000Z');
    expect(slotOn({ time: '03:00', timezone: 'America/New_York' }, '2026-03-08').toISOString()).toBe('2026-03-08T07:00:00.000Z');
    expect(slotOn({ time: '08:30', timezone: 'America/New_York' }, '2026-03-08').toISOString()).toBe('2026-03-08T12:30:00.000Z');
  });

  it('fall back: 01:30 happens twice on 2026-11-01 and runs at the first (EDT) occurrence', () => {
    const s: Schedule = { time: '01:30', timezone: 'America/New_York' };
    expect(slotOn(s, '2026-11-01').toISOString()).toBe('2026-11-01T05:30:00.000Z');
    expect(formatLocal(slotOn(s, '2026-11-01'), s.timezone)).toMatch(/^2026-11-01 01:30 EDT/);
  });

  it('fall back: exactly one run per local date over 2026-10-31..11-02', () => {
    const s: Schedule = { time: '01:30', timezone: 'America/New_York' };
    // From 00:00 EDT on the 31st to 00:00 EST on the 3rd.
    expect(runsBetween(s, utc('2026-10-31T04:00:00Z'), utc('2026-11-03T05:00:00Z'))).toEqual([
      { at: '2026-10-31T05:30:00.000Z', localDate: '2026-10-31' }, // 01:30 EDT
      { at: '2026-11-01T05:30:00.000Z', localDate: '2026-11-01' }, // first 01:30 (EDT)
      { at: '2026-11-02T06:30:00.000Z', localDate: '2026-11-02' }, // 01:30 EST
    ]);
  });

  it('fall back: the second 01:30 is not a run of its own', () => {
    const s: Schedule = { time: '01:30', timezone: 'America/New_York' };
    for (const now of ['2026-11-01T06:00:00Z', '2026-11-01T06:30:00Z']) {
      expect(iso(nextRun(s, utc(now)))).toEqual({ at: '2026-11-02T06:30:00.000Z', localDate: '2026-11-02' });
    }
  });

  it('the rule holds in another zone (Europe/Berlin, 2026-03-29 02:30 → 03:00 CEST)', () => {
    expect(slotOn({ time: '02:30', timezone: 'Europe/Berlin' }, '2026-03-29').toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(slotOn({ time: '02:30', timezone: 'Europe/Berlin' }, '2026-10-25').toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });
});

describe('timezoneSuggestions', () => {
  it('matches the start of the name, then of a segment, then anywhere; at most 25', () => {
    expect(timezoneSuggestions('asia/sh')[0]).toBe('Asia/Shanghai');
    expect(timezoneSuggestions('berl')).toContain('Europe/Berlin');
    expect(timezoneSuggestions('new york')).toContain('America/New_York');
    expect(timezoneSuggestions('America/')).toHaveLength(25);
    expect(timezoneSuggestions('a').length).toBeLessThanOrEqual(25);
    expect(timezoneSuggestions('Mars/')).toEqual([]);
  });

  it('with nothing typed, offers common zones', () => {
    const s = timezoneSuggestions('');
    expect(s.length).toBeGreaterThan(0);
    expect(s.length).toBeLessThanOrEqual(25);
    expect(s).toEqual(expect.arrayContaining(['UTC', 'Europe/Berlin', 'Asia/Shanghai', 'America/New_York']));
  });

  it('every suggestion is accepted by parseTimezone', () => {
    for (const q of ['', 'eu', 'asia', 'kolk', 'utc']) {
      for (const z of timezoneSuggestions(q)) expect(parseTimezone(z)).toEqual({ ok: true, value: z });
    }
  });
});
