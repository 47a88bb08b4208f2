import type { SceneLevel } from './manifestSchema';

// When a level's timed segments show, as pure arithmetic on seconds since the level started. The
// headset animates from it; the server's safety gate reads the same windows without three.js.

export interface Window {
  /** Seconds since the level started. */
  start: number;
  end: number;
  segmentId: string;
  activeUse: boolean;
}

type Segment = SceneLevel['segments'][number];

/** Every occurrence of `segment` that overlaps [from, to). */
export function occurrences(segment: Segment, from: number, to: number): Window[] {
  const out: Window[] = [];
  const make = (start: number): Window => ({ start, end: start + segment.duration, segmentId: segment.id, activeUse: segment.activeUse });
  if (!segment.period) {
    if (segment.start < to && segment.start + segment.duration > from) out.push(make(segment.start));
    return out;
  }
  const first = Math.max(0, Math.floor((from - segment.start - segment.duration) / segment.period));
  for (let k = first; ; k++) {
    const start = segment.start + k * segment.period;
    if (start >= to) break;
    if (start + segment.duration > from) out.push(make(start));
  }
  return out;
}

/** All segment windows of a level overlapping [from, to), in start order. */
export function windows(level: Pick<SceneLevel, 'segments'>, from: number, to: number): Window[] {
  return level.segments.flatMap((s) => occurrences(s, from, to)).sort((a, b) => a.start - b.start);
}

/** The segments showing at second `t` of the level. */
export function showingAt(level: Pick<SceneLevel, 'segments'>, t: number): Window[] {
  return windows(level, t, t + 1e-9).filter((w) => w.start <= t && t < w.end);
}
