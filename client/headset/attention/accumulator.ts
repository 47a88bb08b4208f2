import type { ScenePlacement } from '../../../contract';

// Head-gaze dwell per cue for the scene and level on show, accumulated from ~10 Hz samples and cut
// into batches: at a steady interval, and whenever the shown scene or level changes.

export interface DwellBatch extends ScenePlacement {
  /** Whole milliseconds per cue id; only cues actually looked at. */
  dwellMs: Record<string, number>;
}

export interface Accumulator {
  placement: ScenePlacement | null;
  dwellMs: Record<string, number>;
}

/** A sample never credits more than this: a stalled timer (tab hidden, long frame) must not inflate dwell. */
export const MAX_SAMPLE_MS = 250;

export const emptyAccumulator = (): Accumulator => ({ placement: null, dwellMs: {} });

const samePlace = (a: ScenePlacement | null, b: ScenePlacement) => a !== null && a.sceneId === b.sceneId && a.level === b.level;

/**
 * Credits `dtMs` of gaze to `cueId` (null: no cue looked at) while `placement` shows. A change of
 * placement first closes the previous one's batch, returned as `flushed`.
 */
export function addSample(acc: Accumulator, placement: ScenePlacement, cueId: string | null, dtMs: number): { acc: Accumulator; flushed: DwellBatch | null } {
  let flushed: DwellBatch | null = null;
  let next = acc;
  if (!samePlace(acc.placement, placement)) {
    flushed = takeBatch(acc).batch;
    next = { placement: { sceneId: placement.sceneId, level: placement.level }, dwellMs: {} };
  }
  const dt = Math.min(Math.max(dtMs, 0), MAX_SAMPLE_MS);
  if (cueId !== null && dt > 0) next = { ...next, dwellMs: { ...next.dwellMs, [cueId]: (next.dwellMs[cueId] ?? 0) + dt } };
  return { acc: next, flushed };
}

/** The batch so far (null if no cue was looked at for a whole millisecond), and a fresh accumulator for the same placement. */
export function takeBatch(acc: Accumulator): { acc: Accumulator; batch: DwellBatch | null } {
  const rest = { placement: acc.placement, dwellMs: {} };
  if (!acc.placement) return { acc: rest, batch: null };
  const dwellMs = Object.fromEntries(
    Object.entries(acc.dwellMs)
      .map(([id, ms]) => [id, Math.round(ms)] as const)
      .filter(([, ms]) => ms > 0),
  );
  return { acc: rest, batch: Object.keys(dwellMs).length ? { ...acc.placement, dwellMs } : null };
}
