import type { HierarchyItem, ScenePlacement } from '../contract';
import type { SceneManifest } from '../scenes/manifestSchema';
import { HIERARCHY, type Protocol, type Step } from './schema';
import { firstSafeSecond } from './safetyCheck';

// The patient's personal cue hierarchy: the situations they rated (scene levels 1–4, 0–100 "how much
// does this make you want to use"), in ascending order, and how a protocol's `scene: hierarchy` steps
// take them. Pure: the ratings and the scene library come in as arguments.

export interface StoredHierarchyRating {
  id: string;
  sceneId: string;
  level: number;
  value: number;
  ratedAt: number;
  ratedBy: string;
}

/** Scene levels a patient can rate: levels 1–4 of cue scenes (substance and stress), never neutral or relaxation. */
export function rateableItems(scenes: readonly SceneManifest[]): ScenePlacement[] {
  return scenes.filter((m) => m.role === 'cue').flatMap((m) => m.levels.filter((l) => l.level >= 1).map((l) => ({ sceneId: m.id, level: l.level })));
}

/** The latest rating of each item wins (ratings are append-only); ascending by value, ties by level then scene. */
export function hierarchyOrder(ratings: readonly StoredHierarchyRating[]): HierarchyItem[] {
  const latest = new Map<string, StoredHierarchyRating>();
  for (const r of ratings) {
    const key = `${r.sceneId}/${r.level}`;
    const seen = latest.get(key);
    if (!seen || r.ratedAt >= seen.ratedAt) latest.set(key, r);
  }
  return [...latest.values()]
    .map((r) => ({ sceneId: r.sceneId, level: r.level, value: r.value, ratingId: r.id, ratedAt: r.ratedAt, ratedBy: r.ratedBy }))
    .sort((a, b) => a.value - b.value || a.level - b.level || a.sceneId.localeCompare(b.sceneId));
}

export const isHierarchyStep = (step: Step): boolean => step.type === 'exposure' && step.scene === HIERARCHY;

/** Which hierarchy item step `index` shows (0 for the protocol's first hierarchy step), or -1. */
export function hierarchySlot(steps: readonly Step[], index: number): number {
  if (!steps[index] || !isHierarchyStep(steps[index])) return -1;
  return steps.slice(0, index).filter(isHierarchyStep).length;
}

/** Items of scenes for the protocol's substance, plus stress scenes (any protocol for substance `none`). */
export function itemsForProtocol(protocol: Protocol, items: readonly HierarchyItem[], findScene: (id: string) => SceneManifest | undefined): HierarchyItem[] {
  if (protocol.substance === 'none') return [...items];
  return items.filter((i) => {
    const subs = findScene(i.sceneId)?.substances ?? [];
    return subs.includes(protocol.substance) || subs.includes('none');
  });
}

export type Resolution = { ok: true; placements: ScenePlacement[] } | { ok: false; message: string };

/**
 * The placements a session of `protocol` gives its hierarchy steps: the k-th step gets the patient's k-th
 * item in ascending order. Refused with a clear reason when the patient rated too few items, or an item
 * could never be rated at a safe moment within its step.
 */
export function resolveHierarchy(protocol: Protocol, items: readonly HierarchyItem[], findScene: (id: string) => SceneManifest | undefined): Resolution {
  const steps = protocol.steps.filter(isHierarchyStep);
  if (steps.length === 0) return { ok: true, placements: [] };
  const usable = itemsForProtocol(protocol, items, findScene);
  if (usable.length < steps.length) {
    const which = protocol.substance === 'none' ? '' : ` for ${protocol.substance} (or stress)`;
    return {
      ok: false,
      message: `this protocol shows ${steps.length} items of the patient's cue hierarchy, but the patient has rated ${usable.length} item(s)${which}: rate at least ${steps.length} on the patient page first`,
    };
  }
  const placements = usable.slice(0, steps.length).map(({ sceneId, level }) => ({ sceneId, level }));
  for (const [k, p] of placements.entries()) {
    const step = steps[k]!;
    const level = findScene(p.sceneId)?.levels[p.level];
    if (!level) return { ok: false, message: `hierarchy item ${p.sceneId} level ${p.level} is not in the scene library` };
    if (step.type === 'exposure' && firstSafeSecond(level, step.maxSeconds, protocol.safety.cooldownSeconds, protocol.safety.answerSeconds) === null) {
      return { ok: false, message: `hierarchy item ${p.sceneId} level ${p.level} leaves no safe moment to rate craving within ${step.maxSeconds} s` };
    }
  }
  return { ok: true, placements };
}

/** A stand-in hierarchy for simulations: the protocol's scenes by ascending level, as if rated so. */
export function hierarchyByLevel(protocol: Protocol, scenes: readonly SceneManifest[]): ScenePlacement[] {
  const relevant = scenes.filter((m) => protocol.substance === 'none' || m.substances.includes(protocol.substance));
  return rateableItems(relevant).sort((a, b) => a.level - b.level || a.sceneId.localeCompare(b.sceneId));
}
