import { describe, expect, it } from 'vitest';
import { findScene, sceneManifests } from './manifests';
import { screeningWarnings } from './screening';

const everyLevel = sceneManifests.flatMap((m) => m.levels.map((l) => ({ sceneId: m.id, level: l.level })));
const flagged = (flag: Parameters<typeof screeningWarnings>[0][number]) =>
  (screeningWarnings([flag], everyLevel, findScene)[0]?.scenes ?? []).map((p) => `${p.sceneId}/${p.level}`);

describe('screening flags against scenes', () => {
  it('warns of no scene for a patient without flags, and of nothing in neutral scenes', () => {
    expect(screeningWarnings([], everyLevel, findScene)).toEqual([]);
    const all = screeningWarnings(['psychosis', 'cardiac', 'ptsd', 'photosensitive-epilepsy', 'injection-history'], [{ sceneId: 'gallery', level: 0 }, { sceneId: 'nature', level: 0 }], findScene);
    expect(all).toEqual([]);
  });

  it('photosensitive epilepsy: the nightclub’s strobe at every level, and flickering flames', () => {
    const scenes = flagged('photosensitive-epilepsy');
    expect(scenes).toEqual(expect.arrayContaining(['nightclub/0', 'nightclub/4', 'crack-room/3']));
    expect(scenes).not.toContain('bar/4');
  });

  it('past injection: scenes showing syringes, tourniquets or injection litter', () => {
    const scenes = flagged('injection-history');
    expect(scenes).toEqual(expect.arrayContaining(['injection-flat/2', 'injection-flat/4', 'open-drug-scene/1']));
    expect(scenes).not.toContain('injection-flat/0');
    expect(scenes.some((s) => s.startsWith('bar/') || s.startsWith('nightclub/'))).toBe(false);
  });

  it('cardiac history: high-arousal levels of stimulant and stress scenes', () => {
    const scenes = flagged('cardiac');
    expect(scenes).toEqual(expect.arrayContaining(['nightclub/3', 'crack-room/4', 'stress-home/3', 'stress-work/4']));
    expect(scenes).not.toContain('nightclub/2');
    expect(scenes).not.toContain('bar/4');
  });

  it('psychosis and PTSD: conflict, humiliation, gossip and a dealer approaching', () => {
    for (const flag of ['psychosis', 'ptsd'] as const) {
      const scenes = flagged(flag);
      expect(scenes).toEqual(expect.arrayContaining(['stress-home/3', 'stress-home/4', 'stress-work/4', 'open-drug-scene/3']));
      expect(scenes).not.toContain('stress-home/2');
      expect(scenes).not.toContain('cafe-terrace/4');
    }
  });

  it('names each placement once, and only flags that concern the planned scenes', () => {
    const w = screeningWarnings(['cardiac', 'injection-history'], [{ sceneId: 'nightclub', level: 4 }, { sceneId: 'nightclub', level: 4 }], findScene);
    expect(w).toEqual([{ flag: 'cardiac', why: 'arousal', scenes: [{ sceneId: 'nightclub', level: 4 }] }]);
  });
});
