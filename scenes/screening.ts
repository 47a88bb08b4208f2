import type { ScenePlacement, ScreeningFlag, ScreeningWarning } from '../contract';
import type { SceneManifest } from './manifestSchema';

// Screening flags against scenes: which scene levels a session may show are a risk for a patient with
// a given flag (docs DOMAIN §5: trials exclude photosensitive epilepsy; stimulant users have cardiac
// risk; trauma and psychosis are frequent comorbidities; injection content only for people who
// injected). Read from the manifests' cues and events, so a new scene is judged by what it declares.

type Why = ScreeningWarning['why'];

/** Cue tags up to and including `level` (levels add cues to the ones below). */
function tagsUpTo(scene: SceneManifest, level: number): Set<string> {
  return new Set(scene.levels.slice(0, level + 1).flatMap((l) => l.cues.flatMap((c) => c.tags)));
}

const hasAny = (tags: Set<string>, wanted: string[]) => wanted.some((t) => tags.has(t));

/** Why a scene level concerns each kind of risk. */
const RISKS: Record<Why, (scene: SceneManifest, level: number) => boolean> = {
  // Strobe lights (a scene event) or a flickering flame close by.
  flicker: (scene, level) => scene.events.some((e) => /strobe|flash/i.test(e.title.en)) || tagsUpTo(scene, level).has('flame'),
  injection: (scene, level) => hasAny(tagsUpTo(scene, level), ['syringe', 'injection', 'tourniquet', 'cooker']),
  // Stimulant scenes and stress scenes at their most intense levels (use close by, conflict, an offer).
  arousal: (scene, level) => level >= 3 && scene.role === 'cue' && (scene.substances.includes('cocaine') || scene.substances.includes('none')),
  // Shouting, humiliation, whispering about the patient, a dealer approaching.
  conflict: (scene, level) => hasAny(tagsUpTo(scene, level), ['conflict', 'humiliation', 'gossip', 'dealer']),
};

const FLAG_RISK: Record<ScreeningFlag, Why> = {
  'photosensitive-epilepsy': 'flicker',
  'injection-history': 'injection',
  cardiac: 'arousal',
  psychosis: 'conflict',
  ptsd: 'conflict',
};

/**
 * The warnings a clinician must acknowledge before a session that may show `placements` to a patient
 * with `flags`: one per flag that concerns at least one placement, naming those placements.
 */
export function screeningWarnings(
  flags: readonly ScreeningFlag[],
  placements: readonly ScenePlacement[],
  findScene: (id: string) => SceneManifest | undefined,
): ScreeningWarning[] {
  const unique = [...new Map(placements.map((p) => [`${p.sceneId}/${p.level}`, p])).values()];
  return flags.flatMap((flag) => {
    const why = FLAG_RISK[flag];
    const scenes = unique.filter((p) => {
      const scene = findScene(p.sceneId);
      return scene !== undefined && RISKS[why](scene, p.level);
    });
    return scenes.length ? [{ flag, why, scenes: scenes.map((p) => ({ sceneId: p.sceneId, level: p.level })) }] : [];
  });
}
