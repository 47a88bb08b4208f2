import { describe, expect, it } from 'vitest';
import { FailureLimiter } from './rateLimit';

const MIN = 60_000;

function limiter(failures = 3, windowMs = 15 * MIN, maxKeys?: number) {
  const clock = { t: 1_000_000 };
  return { clock, l: new FailureLimiter({ failures, windowMs }, () => clock.t, maxKeys) };
}

describe('FailureLimiter', () => {
  it('allows attempts until the limit of failures, then refuses until the oldest ages out', () => {
    const { clock, l } = limiter();
    for (let i = 0; i < 3; i++) {
      expect(l.retryAfterMs('dr-a')).toBe(0);
      l.fail('dr-a');
      clock.t += MIN;
    }
    // Failures at t0, t0+1, t0+2 min; now t0+3 min: the first ages out at t0+15 min.
    expect(l.retryAfterMs('dr-a')).toBe(12 * MIN);
    clock.t += 12 * MIN - 1;
    expect(l.retryAfterMs('dr-a')).toBe(1);
    clock.t += 1;
    expect(l.retryAfterMs('dr-a')).toBe(0);
    // One more failure: the window again holds three (t0+1, t0+2, now).
    l.fail('dr-a');
    expect(l.retryAfterMs('dr-a')).toBe(MIN);
  });

  it('counts each key on its own and forgets a key on success', () => {
    const { l } = limiter(2);
    l.fail('a');
    l.fail('a');
    expect(l.retryAfterMs('a')).toBeGreaterThan(0);
    expect(l.retryAfterMs('b')).toBe(0);
    l.reset('a');
    expect(l.retryAfterMs('a')).toBe(0);
  });

  it('keeps at most maxKeys keys, forgetting the least recently failed', () => {
    const { l } = limiter(1, 15 * MIN, 2);
    l.fail('a');
    l.fail('b');
    l.fail('a');
    l.fail('c');
    expect(l.retryAfterMs('b')).toBe(0);
    expect(l.retryAfterMs('a')).toBeGreaterThan(0);
    expect(l.retryAfterMs('c')).toBeGreaterThan(0);
  });
});
