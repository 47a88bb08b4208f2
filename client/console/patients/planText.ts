import type { TimelineRow } from '../../../contract';

/** Minutes for the timeline: whole minutes, or one decimal under ten. */
export const minutes = (seconds: number): string => {
  const m = seconds / 60;
  return m >= 10 || Number.isInteger(m) ? String(Math.round(m)) : m.toFixed(1);
};

/** The most the timeline can take, in seconds (each step at its maximum). */
export const longest = (rows: readonly TimelineRow[]): number => rows.reduce((sum, r) => sum + r.maxSeconds, 0);
