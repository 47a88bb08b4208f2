// Failed attempts per key (a username, a client address) in a sliding window. Pure: the clock is
// injected, nothing is stored, a restart forgets. Only failures count; a success may reset its key.

export interface FailureRule {
  /** Failures allowed within the window; the next attempt is refused until the oldest of them ages out. */
  failures: number;
  windowMs: number;
}

export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    readonly rule: FailureRule,
    private readonly now: () => number,
    /** Bounds memory when someone tries endless names: the longest-unused keys are forgotten first. */
    private readonly maxKeys = 10_000,
  ) {}

  /** 0 if an attempt may be made now, else how long to wait. */
  retryAfterMs(key: string): number {
    const recent = this.recent(key);
    if (recent.length < this.rule.failures) return 0;
    return recent[recent.length - this.rule.failures]! + this.rule.windowMs - this.now();
  }

  fail(key: string): void {
    const recent = this.recent(key);
    recent.push(this.now());
    // Re-inserting keeps the Map in least-recently-failed order for eviction.
    this.failures.delete(key);
    this.failures.set(key, recent);
    while (this.failures.size > this.maxKeys) this.failures.delete(this.failures.keys().next().value!);
  }

  reset(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string): number[] {
    const since = this.now() - this.rule.windowMs;
    const kept = (this.failures.get(key) ?? []).filter((t) => t > since);
    if (kept.length) this.failures.set(key, kept);
    else this.failures.delete(key);
    return kept;
  }
}
