import type { LogEntry, Rating } from '../../../contract';
import type { SceneManifest } from '../../../scenes/manifestSchema';

// What the craving chart plots, built from the session log and ratings alone: craving ratings, the
// level shown (a step line), active-use windows, prompts, baseline and ceiling. Times are seconds
// from the session's start.

export interface ChartSeries {
  t0: number;
  /** Seconds from t0 at the right edge (the session's end, or now while it runs). */
  until: number;
  ratings: { t: number; value: number; source: Rating['source'] }[];
  /** The level shown from `t` on, as the headset reported it (0 for neutral and relaxation scenes' only level). */
  levels: { t: number; level: number; sceneId: string }[];
  activeUse: { start: number; end: number }[];
  prompts: number[];
  baseline: number | null;
  ceiling: number | null;
}

export interface SeriesInput {
  t0: number;
  now: number;
  log: readonly LogEntry[];
  ratings: readonly Rating[];
  baseline: number | null;
  ceiling: number | null;
  findScene(id: string): SceneManifest | undefined;
}

const secs = (t0: number, at: number) => Math.round((at - t0) / 100) / 10;

export function chartSeries(input: SeriesInput): ChartSeries {
  const { t0, log } = input;
  const endedAt = log.find((e) => e.type === 'session.ended')?.at;
  const right = endedAt ?? Math.max(input.now, log.at(-1)?.at ?? t0);
  const corrected = new Map<string, number>();
  const levels: ChartSeries['levels'] = [];
  const activeUse: ChartSeries['activeUse'] = [];
  const prompts: number[] = [];
  const openSegments = new Map<string, number>();
  let revision = -1;
  let sceneId: string | null = null;

  const closeSegments = (at: number) => {
    for (const start of openSegments.values()) activeUse.push({ start: secs(t0, start), end: secs(t0, at) });
    openSegments.clear();
  };

  for (const e of log) {
    const d = e.data;
    switch (e.type) {
      case 'scene.applied': {
        // A late report of an older directive changes nothing, as in the runtime.
        if (Number(d.revision) < revision) break;
        revision = Number(d.revision);
        closeSegments(e.at);
        sceneId = String(d.sceneId);
        levels.push({ t: secs(t0, e.at), level: Number(d.level), sceneId });
        break;
      }
      case 'segment.started':
        if (d.activeUse === true && !openSegments.has(String(d.segmentId))) openSegments.set(String(d.segmentId), e.at);
        break;
      case 'segment.ended': {
        const start = openSegments.get(String(d.segmentId));
        if (start !== undefined) {
          activeUse.push({ start: secs(t0, start), end: secs(t0, e.at) });
          openSegments.delete(String(d.segmentId));
        }
        break;
      }
      case 'scene.event':
        if (d.activeUse === true) {
          const event = sceneId ? input.findScene(sceneId)?.events.find((x) => x.id === d.eventId) : undefined;
          activeUse.push({ start: secs(t0, e.at), end: secs(t0, Math.min(right, e.at + (event?.duration ?? 0) * 1000)) });
        }
        break;
      case 'rating.prompted':
        prompts.push(secs(t0, e.at));
        break;
      case 'rating.corrected':
        if (typeof d.value === 'number') corrected.set(String(d.ratingId), d.value);
        break;
    }
  }
  closeSegments(right);

  const ratings = [...input.ratings]
    .sort((a, b) => a.answeredAt - b.answeredAt)
    .map((r) => {
      const v = corrected.get(r.id) ?? r.value;
      return { t: secs(t0, r.answeredAt), value: r.scale === 'nrs10' ? v * 10 : v, source: r.source };
    });
  activeUse.sort((a, b) => a.start - b.start);
  return { t0, until: secs(t0, right), ratings, levels, activeUse, prompts, baseline: input.baseline, ceiling: input.ceiling };
}

/** The level on show at `t` (seconds), or null before the headset reported anything. */
export function levelAt(levels: ChartSeries['levels'], t: number): number | null {
  let level: number | null = null;
  for (const l of levels) if (l.t <= t) level = l.level;
  return level;
}

/**
 * uPlot's aligned columns: x, craving (null between ratings), level (stepped), prompts (marked at
 * the top of the scale), baseline and ceiling (flat lines).
 */
export function alignedData(s: ChartSeries): [number[], ...(number | null)[][]] {
  const xs = [...new Set([0, ...s.ratings.map((r) => r.t), ...s.levels.map((l) => l.t), ...s.prompts, s.until])].sort((a, b) => a - b);
  const ratingAt = new Map(s.ratings.map((r) => [r.t, r.value]));
  const promptAt = new Set(s.prompts);
  return [
    xs,
    xs.map((x) => ratingAt.get(x) ?? null),
    xs.map((x) => levelAt(s.levels, x)),
    xs.map((x) => (promptAt.has(x) ? 100 : null)),
    xs.map(() => s.baseline),
    xs.map(() => s.ceiling),
  ];
}
