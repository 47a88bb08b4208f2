import { windows } from '../../scenes/timeline';
import { DEFAULT_SAFETY, type Protocol } from '../schema';
import type { RuntimeContext, SessionState } from './state';

// The active-use gate: the one place that decides whether a craving prompt may reach the patient now.
// A rating is itself a cue; asking while someone on screen is using (or just after) can push a patient
// toward use (see docs/DOMAIN). So: never while active use shows, nor within its cool-down, and only
// when no active use will start before the patient has had time to answer.

export interface Block {
  /** Machine-readable reason, shown on the console. */
  reason:
    | 'session-ended'
    | 'pre-session-check'
    | 'paused'
    | 'patient-active-use'
    | 'prompt-open'
    | 'scene-changing'
    | 'active-use-showing'
    | 'active-use';
  /** Server time from which it will be safe, when the timeline says so; null when an event must come first. */
  until: number | null;
}

export function safetyOf(ctx: RuntimeContext): Protocol['safety'] {
  return ctx.protocol?.safety ?? DEFAULT_SAFETY;
}

/** Active-use windows of the shown level, in server time, overlapping [from, to). */
export function activeUseWindows(state: SessionState, ctx: RuntimeContext, from: number, to: number): { start: number; end: number; id: string }[] {
  if (!state.applied || state.levelStartedAt === null) return [];
  const level = ctx.findScene(state.applied.scene.sceneId)?.levels[state.applied.scene.level];
  if (!level) return [];
  const t0 = state.levelStartedAt;
  return windows(level, (from - t0) / 1000, (to - t0) / 1000)
    .filter((w) => w.activeUse)
    .map((w) => ({ start: t0 + w.start * 1000, end: t0 + w.end * 1000, id: w.segmentId }));
}

/**
 * The first moment at or after `from` at which nothing active-use shows within the cool-down before it
 * or the answer time after it, given the shown level's timeline and the fired events.
 */
export function nextSafeMoment(state: SessionState, ctx: RuntimeContext, from: number): number {
  const { cooldownSeconds, answerSeconds } = safetyOf(ctx);
  const cool = cooldownSeconds * 1000;
  const answer = answerSeconds * 1000;
  let t = from;
  if (state.activeUse.lastEndedAt !== null) t = Math.max(t, state.activeUse.lastEndedAt + cool);
  for (const e of state.activeUse.events) t = Math.max(t, e.until + cool);
  // Each pass moves t past every window that overlaps [t - cool, t + answer]; windows are finite per pass.
  for (let i = 0; i < 1000; i++) {
    const overlapping = activeUseWindows(state, ctx, t - cool, t + answer).filter((w) => w.end > t - cool && w.start < t + answer);
    if (overlapping.length === 0) return t;
    t = Math.max(...overlapping.map((w) => w.end)) + cool;
  }
  return t;
}

/** Why a prompt may not be issued now, or null when it may. */
export function promptBlock(state: SessionState, ctx: RuntimeContext, now: number): Block | null {
  if (state.status !== 'open') return { reason: 'session-ended', until: null };
  if (state.phase !== 'running') return { reason: 'pre-session-check', until: null };
  if (state.pause) return { reason: 'paused', until: null };
  if (state.patientActiveUse && !state.overrides.patientActiveUse) return { reason: 'patient-active-use', until: null };
  if (state.directive.prompt) return { reason: 'prompt-open', until: null };
  const d = state.directive.scene;
  const a = state.applied?.scene;
  // Until the headset shows what was asked, its timeline is unknown. (No headset ever shown: nothing is on screen.)
  if (a ? a.sceneId !== d.sceneId || a.level !== d.level : state.link.up) return { reason: 'scene-changing', until: null };
  if (state.activeUse.showing.length > 0) return { reason: 'active-use-showing', until: null };
  const safeAt = nextSafeMoment(state, ctx, now);
  return safeAt > now ? { reason: 'active-use', until: safeAt } : null;
}
