import type { NextDecision, RuleProgress } from '../../contract';
import type { AdvanceRule, Protocol } from '../schema';
import { advanceMet, closeBlock } from './rules';
import type { SessionState } from './state';

// What the runtime proposes next for the current protocol step, for the console to show with a
// one-click confirm or a written override. Pure: the state, the protocol and the time in, a proposal out.
// It never proposes ending a session: ending always goes through the close gate.

/** The limit an advance rule sets on the last ratings, and how far the step is toward it. */
export function ruleProgress(rule: AdvanceRule, stepValues: number[], baseline: number | null, peak: number | null): RuleProgress {
  const limit =
    rule.rule === 'threshold' ? rule.atOrBelow : rule.rule === 'dropFromPeak' ? (peak === null ? null : Math.round(peak * (1 - rule.percent / 100))) : baseline === null ? null : baseline + rule.margin;
  return { rule: rule.rule, limit, current: stepValues.at(-1) ?? null, have: Math.min(stepValues.length, rule.consecutive), need: rule.consecutive };
}

export function proposeNext(state: SessionState, protocol: Protocol | null, now: number): NextDecision | null {
  const run = state.protocol;
  if (!protocol || !run || state.status !== 'open' || state.phase !== 'running' || state.pause !== null || run.stepIndex < 0) return null;
  const last = state.ratings.at(-1) ?? null;
  if (run.finished) {
    // The steps are done but craving is too high to close: the runtime washes out until it is not.
    return closeBlock(state, protocol.safety) ? { kind: 'washout', reason: 'close-gate', current: last?.value ?? null, limit: closeLimit(state, protocol) } : null;
  }
  const step = protocol.steps[run.stepIndex];
  if (!step) return null;
  const elapsedMs = run.stepElapsedMs + (run.runningSince !== null ? now - run.runningSince : 0);
  const left = (seconds: number) => Math.max(0, Math.ceil(seconds - elapsedMs / 1000));
  const stepRatings = state.ratings.filter((p) => p.step === run.stepIndex);
  const stepValues = stepRatings.map((p) => p.value);
  const current = stepValues.at(-1) ?? null;

  switch (step.type) {
    case 'baseline':
      return { kind: 'hold', reason: 'baseline', rule: null, secondsLeft: left(step.durationSeconds) };
    case 'coping':
      return { kind: 'hold', reason: 'coping', rule: null, secondsLeft: left(step.durationSeconds) };
    case 'washout': {
      const limit = state.baseline === null ? null : state.baseline + step.untilNearBaseline.margin;
      const rule: RuleProgress = { rule: 'nearBaseline', limit, current, have: Math.min(stepValues.length, 1), need: 1 };
      if (current !== null && (limit === null || current <= limit)) return { kind: 'advance', reason: 'near-baseline', rule };
      return { kind: 'hold', reason: 'washing-out', rule, secondsLeft: run.hold ? null : left(step.maxSeconds) };
    }
    case 'exposure': {
      // The level the step uses now (a hierarchy step takes its level from the patient's item).
      const level = run.level ?? state.directive.scene.level;
      // Only a rating given at the level now shown says the level is too much (a step back lowers it).
      const lastHere = stepRatings.at(-1);
      const atThisLevel = lastHere !== undefined && (lastHere.level === undefined || lastHere.level === level);
      if (step.stepBack && atThisLevel && lastHere.value > step.stepBack.above) {
        return level > 0
          ? { kind: 'stepBack', reason: 'ceiling', current: lastHere.value, limit: step.stepBack.above }
          : { kind: 'washout', reason: 'ceiling', current: lastHere.value, limit: step.stepBack.above };
      }
      // Past its maximum only while held: the runtime would have left the step by itself.
      if (elapsedMs >= step.maxSeconds * 1000) return { kind: 'washout', reason: 'max-time', current, limit: null };
      const rule = ruleProgress(step.advance, stepValues, state.baseline, run.peak);
      const met = advanceMet(step.advance, stepValues, state.baseline, run.peak).met;
      if (met && elapsedMs >= step.minSeconds * 1000) return { kind: 'advance', reason: run.hold ? 'on-hold' : 'rule-met', rule };
      if (met) return { kind: 'hold', reason: 'min-time', rule, secondsLeft: left(step.minSeconds) };
      return { kind: 'hold', reason: 'habituating', rule, secondsLeft: run.hold ? null : left(step.maxSeconds) };
    }
  }
}

/** The craving at or below which the session may close: the lower of the ceiling and baseline + margin. */
function closeLimit(state: SessionState, protocol: Protocol): number {
  const { ceiling, baselineMargin } = protocol.safety;
  return state.baseline === null ? ceiling : Math.min(ceiling, state.baseline + baselineMargin);
}
