export type CooldownCheck = { ok: true } | { ok: false; remainingMs: number };

/**
 * Per-user, per-command rate limit: a user may run a command again only
 * `durationMs` after their last accepted run. Refused attempts do not extend it.
 */
export class Cooldowns {
  private readonly until = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  take(userId: string, command: string, durationMs: number): CooldownCheck {
    if (durationMs <= 0) return { ok: true };
    const key = `${command}\u0000${userId}`;
    const now = this.now();
    const until = this.until.get(key) ?? 0;
    if (until > now) return { ok: false, remainingMs: until - now };
    this.until.set(key, now + durationMs);
    if (this.until.size > 10_000) this.prune(now);
    return { ok: true };
  }

  get size(): number {
    return this.until.size;
  }

  private prune(now: number): void {
    for (const [key, until] of this.until) if (until <= now) this.until.delete(key);
  }
}
