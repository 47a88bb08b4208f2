import type { LogEntry } from '../../../contract';
import type { SceneManifest } from '../../../scenes/manifestSchema';

export interface CueDwell {
  cueId: string;
  kind: string | null;
  dwellMs: number;
}

/** Head-gaze dwell per cue at one scene level, from the log's `attention.dwell` records, longest first. */
export function dwellAt(log: readonly LogEntry[], scene: SceneManifest | undefined, sceneId: string, level: number): CueDwell[] {
  const sums = new Map<string, number>();
  for (const e of log) {
    if (e.type !== 'attention.dwell' || e.data.sceneId !== sceneId || e.data.level !== level) continue;
    for (const [cueId, ms] of Object.entries((e.data.dwellMs ?? {}) as Record<string, number>)) sums.set(cueId, (sums.get(cueId) ?? 0) + ms);
  }
  const cues = scene?.levels.slice(0, level + 1).flatMap((l) => l.cues) ?? [];
  return [...sums]
    .map(([cueId, dwellMs]) => ({ cueId, kind: cues.find((c) => c.id === cueId)?.kind ?? null, dwellMs }))
    .sort((a, b) => b.dwellMs - a.dwellMs || a.cueId.localeCompare(b.cueId));
}

/** Seconds with one decimal, for tables. */
export const seconds = (ms: number) => (ms / 1000).toFixed(1);
