/** Specification of the bot's small runtime pieces: cooldowns and in-flight tracking for graceful shutdown. */
import { describe, expect, it } from 'vitest';
import { Cooldowns } from '../src/bot/cooldowns.js';
import { InFlight } from '../src/bot/in-flight.js';

describe('Cooldowns', () => {
  it('lets a user run a command again only after the pause, per user and per command', () => {
    let now = 1_000;
    const cooldowns = new Cooldowns(() => now);
    expect(cooldowns.take('alice', 'ask', 3000)).toEqual({ ok: true });
    now += 1000;
    expect(cooldowns.take('alice', 'ask', 3000)).toEqual({ ok: false, remainingMs: 2000 });
    expect(cooldowns.take('bob', 'ask', 3000)).toEqual({ ok: true });
    expect(cooldowns.take('alice', 'topics', 1000)).toEqual({ ok: true });
    now += 2000;
    expect(cooldowns.take('alice', 'ask', 3000)).toEqual({ ok: true });
  });

  it('a refused attempt does not extend the wait; no cooldown means always allowed', () => {
    let now = 0;
    const cooldowns = new Cooldowns(() => now);
    cooldowns.take('alice', 'ask', 3000);
    now = 2999;
    expect(cooldowns.take('alice', 'ask', 3000).ok).toBe(false);
    now = 3000;
    expect(cooldowns.take('alice', 'ask', 3000).ok).toBe(true);
    expect(cooldowns.take('alice', 'help', 0).ok).toBe(true);
    expect(cooldowns.take('alice', 'help', 0).ok).toBe(true);
  });

  it('forgets expired entries instead of growing without bound', () => {
    let now = 0;
    const cooldowns = new Cooldowns(() => now);
    for (let i = 0; i < 10_001; i++) cooldowns.take(`user${i}`, 'ask', 10);
    now = 100;
    cooldowns.take('late', 'ask', 10);
    expect(cooldowns.size).toBeLessThan(10);
  });
});

describe('InFlight', () => {
  it('drain waits for tracked work, including work that fails', async () => {
    const inFlight = new InFlight();
    let finished = 0;
    inFlight.track(new Promise((r) => setTimeout(r, 30)).then(() => finished++));
    inFlight.track(Promise.reject(new Error('handled elsewhere'))).catch(() => {});
    expect(inFlight.size).toBe(2);
    expect(await inFlight.drain(1000)).toBe(true);
    expect(finished).toBe(1);
    expect(inFlight.size).toBe(0);
  });

  it('drain gives up after the timeout', async () => {
    const inFlight = new InFlight();
    inFlight.track(new Promise(() => {}));
    const started = Date.now();
    expect(await inFlight.drain(50)).toBe(false);
    expect(Date.now() - started).toBeLessThan(500);
  });
});
