/** Seconds a cue takes to fade/scale in or out: slow enough that nothing pops into view. */
export const CUE_FADE_SECONDS = 1;
/** Seconds of each half of a scene change (fade to dark, then in). */
export const VIEW_FADE_SECONDS = 0.5;

/** Moves `current` toward `target` at a rate that covers 0→1 in `seconds`. */
export function stepToward(current: number, target: number, dt: number, seconds: number): number {
  const step = dt / seconds;
  if (current < target) return Math.min(target, current + step);
  if (current > target) return Math.max(target, current - step);
  return current;
}
