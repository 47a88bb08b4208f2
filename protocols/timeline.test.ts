import { describe, expect, it } from 'vitest';
import { findScene } from '../scenes/manifests';
import { loadProtocolLibrary } from './library';
import { plannedPlacements, protocolTimeline } from './timeline';

const library = loadProtocolLibrary().protocols;

describe('a protocol’s timeline as the console previews it', () => {
  it('lists each step with its scene, level and durations', () => {
    const rows = protocolTimeline(library.get('tobacco-cafe-terrace')!, { context: null, hierarchy: [] }, findScene);
    expect(rows.map((r) => [r.type, r.sceneId, r.level, r.minSeconds, r.maxSeconds])).toEqual([
      ['baseline', 'gallery', 0, 120, 120],
      ['exposure', 'cafe-terrace', 2, 120, 360],
      ['exposure', 'cafe-terrace', 3, 180, 480],
      ['coping', 'cafe-terrace', 4, 180, 180],
      ['washout', 'nature', 0, 0, 600],
    ]);
    expect(rows[1]!.levelTitle?.en).toBe(findScene('cafe-terrace')!.levels[2]!.title.en);
  });

  it('shows the patient’s hierarchy items in hierarchy steps, and unknown ones as missing', () => {
    const p = library.get('personal-hierarchy')!;
    const rows = protocolTimeline(p, { context: null, hierarchy: [{ sceneId: 'bar', level: 1 }] }, findScene);
    expect(rows.filter((r) => r.source === 'hierarchy').map((r) => [r.sceneId, r.level])).toEqual([
      ['bar', 1],
      [null, 0],
      [null, 0],
    ]);
  });

  it('plans every level a step may show, step back included', () => {
    const p = library.get('tobacco-cafe-terrace')!;
    const placements = plannedPlacements(p, protocolTimeline(p, { context: null, hierarchy: [] }, findScene));
    // Step 3 (level 3) may step back to 0; the coping step stays at 4.
    expect(placements.filter((x) => x.sceneId === 'cafe-terrace').map((x) => x.level).sort()).toEqual([0, 1, 2, 2, 3, 4]);
  });
});
