import type { ScenePlacement, TimelineRow } from '../contract';
import type { SceneManifest } from '../scenes/manifestSchema';
import { hierarchySlot } from './hierarchy';
import { HIERARCHY, type Protocol } from './schema';

// A protocol as the console previews it before a session: one row per step, with the scene and level
// this patient's session would show (counterbalanced context and hierarchy items resolved). Pure.

export interface Resolved {
  /** The scene `scene: context` steps show in this session, if the protocol rotates contexts. */
  context: string | null;
  /** The patient's items for `scene: hierarchy` steps, in order; missing ones show as unknown. */
  hierarchy: readonly ScenePlacement[];
}

export function protocolTimeline(protocol: Protocol, resolved: Resolved, findScene: (id: string) => SceneManifest | undefined): TimelineRow[] {
  return protocol.steps.map((step, index) => {
    let source: TimelineRow['source'] = 'fixed';
    let sceneId: string | null = step.scene;
    let level = ('level' in step ? step.level : undefined) ?? 0;
    if (step.scene === 'context') {
      source = 'context';
      sceneId = resolved.context;
    } else if (step.scene === HIERARCHY) {
      source = 'hierarchy';
      const item = resolved.hierarchy[hierarchySlot(protocol.steps, index)];
      sceneId = item?.sceneId ?? null;
      level = item?.level ?? level;
    }
    const scene = sceneId ? findScene(sceneId) : undefined;
    const [minSeconds, maxSeconds] =
      step.type === 'exposure' ? [step.minSeconds, step.maxSeconds] : step.type === 'washout' ? [0, step.maxSeconds] : [step.durationSeconds, step.durationSeconds];
    return {
      index,
      type: step.type,
      source,
      sceneId,
      sceneTitle: scene?.title ?? null,
      level,
      levelTitle: scene?.levels[level]?.title ?? null,
      minSeconds,
      maxSeconds,
    };
  });
}

/** The scene levels a session may show: every row's, and what step back can lower an exposure to. */
export function plannedPlacements(protocol: Protocol, rows: readonly TimelineRow[]): ScenePlacement[] {
  return rows.flatMap((row) => {
    if (!row.sceneId) return [];
    const step = protocol.steps[row.index]!;
    const lowest = step.type === 'exposure' && step.stepBack ? 0 : row.level;
    return Array.from({ length: row.level - lowest + 1 }, (_, i) => ({ sceneId: row.sceneId!, level: lowest + i }));
  });
}
