import { findScene } from '../scenes/manifests';
import { windows } from '../scenes/timeline';
import type { PathProblem } from './load';
import type { Protocol } from './schema';

/**
 * Rejects protocols that could never be run safely: an exposure (or coping) step that asks for ratings
 * while its level's active-use segments, with their cool-downs and the time to answer, cover the whole
 * step, so no rating could ever fall at a safe moment.
 */
export function safetyProblems(p: Protocol): PathProblem[] {
  const out: PathProblem[] = [];
  const { cooldownSeconds, answerSeconds } = p.safety;
  p.steps.forEach((step, i) => {
    if (step.type !== 'exposure' && !(step.type === 'coping' && step.ratingEverySeconds)) return;
    const length = step.type === 'exposure' ? step.maxSeconds : step.durationSeconds;
    // Hierarchy steps are checked when the session resolves the patient's items (see hierarchy.ts).
    if (step.level === undefined) return;
    const scenes = step.scene === 'context' ? (p.contexts?.scenes ?? []) : [step.scene];
    for (const id of scenes) {
      const level = findScene(id)?.levels[step.level];
      if (!level) continue;
      if (firstSafeSecond(level, length, cooldownSeconds, answerSeconds) === null) {
        out.push({
          path: ['steps', i, step.type === 'exposure' ? 'ratingEverySeconds' : 'ratingEverySeconds'],
          message: `no safe moment to rate in ${length} s of "${id}" level ${step.level}: its active-use segments plus the ${cooldownSeconds} s cool-down and ${answerSeconds} s answer time cover the whole step`,
        });
      }
    }
  });
  return out;
}

/** The first second in [0, length) at which a prompt could be issued, or null if none. */
export function firstSafeSecond(level: Parameters<typeof windows>[0], length: number, cooldown: number, answer: number): number | null {
  const active = windows(level, -cooldown, length + answer).filter((w) => w.activeUse);
  let t = 0;
  for (let guard = 0; guard < 10_000 && t < length; guard++) {
    const hit = active.filter((w) => w.end > t - cooldown && w.start < t + answer);
    if (hit.length === 0) return t;
    t = Math.max(...hit.map((w) => w.end)) + cooldown;
  }
  return null;
}
