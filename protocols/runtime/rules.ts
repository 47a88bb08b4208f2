import type { AdvanceRule, Protocol } from '../schema';
import type { SessionState } from './state';

// Clinical decision rules, as pure functions of ratings. Values are on the 0–100 scale.

/** Whether the last `consecutive` ratings of the step satisfy the advance rule, and why. */
export function advanceMet(rule: AdvanceRule, stepValues: number[], baseline: number | null, peak: number | null): { met: boolean; why: string } {
  const n = rule.consecutive;
  const last = stepValues.slice(-n);
  if (last.length < n) return { met: false, why: `${last.length}/${n} ratings so far` };
  switch (rule.rule) {
    case 'threshold':
      return { met: last.every((v) => v <= rule.atOrBelow), why: `last ${n} rating(s) ≤ ${rule.atOrBelow}` };
    case 'dropFromPeak': {
      if (peak === null) return { met: false, why: 'no peak yet' };
      const limit = peak * (1 - rule.percent / 100);
      return { met: peak > 0 && last.every((v) => v <= limit), why: `last ${n} rating(s) ≤ ${limit.toFixed(0)} (${rule.percent}% below peak ${peak})` };
    }
    case 'nearBaseline': {
      if (baseline === null) return { met: false, why: 'no baseline' };
      return { met: last.every((v) => v <= baseline + rule.margin), why: `last ${n} rating(s) ≤ baseline ${baseline} + ${rule.margin}` };
    }
  }
}

/** The close gate: a patient does not leave with craving above the ceiling or above baseline + margin. */
export function closeBlock(state: SessionState, safety: Protocol['safety']): string | null {
  const last = state.ratings.at(-1)?.value;
  if (last === undefined) return null;
  if (last > safety.ceiling) return `last craving ${last} is above the ceiling ${safety.ceiling}`;
  if (state.baseline !== null && last > state.baseline + safety.baselineMargin) {
    return `last craving ${last} is above baseline ${state.baseline} + ${safety.baselineMargin}`;
  }
  return null;
}
