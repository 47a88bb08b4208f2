import { describe, expect, it } from 'vitest';
import { findScene, sceneManifests } from '../scenes/manifests';
import { hierarchyOrder, hierarchySlot, rateableItems, resolveHierarchy, type StoredHierarchyRating } from './hierarchy';
import { Driver, protocolOf, testContext } from './runtime/testing';
import type { ProtocolInput } from './schema';

const rating = (sceneId: string, level: number, value: number, ratedAt: number, id = `${sceneId}-${level}-${ratedAt}`): StoredHierarchyRating => ({
  id,
  sceneId,
  level,
  value,
  ratedAt,
  ratedBy: 'clinician-1',
});

const exposure = (scene: string, level?: number) =>
  ({ type: 'exposure', scene, ...(level === undefined ? {} : { level }), minSeconds: 60, maxSeconds: 120, ratingEverySeconds: 30, advance: { rule: 'threshold', atOrBelow: 20 } }) as const;
const steps: ProtocolInput['steps'] = [
  { type: 'baseline', scene: 'gallery', durationSeconds: 60, rateAt: ['end'] },
  exposure('hierarchy'),
  exposure('bar', 2),
  exposure('hierarchy'),
  { type: 'washout', scene: 'nature', untilNearBaseline: { margin: 15 }, maxSeconds: 300, ratingEverySeconds: 60 },
];
const protocol = protocolOf({ substance: 'none', steps });

describe('the personal cue hierarchy', () => {
  it('offers levels 1–4 of cue scenes only (no neutral, relaxation or level 0)', () => {
    const items = rateableItems(sceneManifests);
    expect(items.every((i) => i.level >= 1 && findScene(i.sceneId)?.role === 'cue')).toBe(true);
    expect(items).toContainEqual({ sceneId: 'stress-home', level: 4 });
    expect(items.some((i) => i.sceneId === 'gallery' || i.sceneId === 'nature')).toBe(false);
  });

  it('keeps the latest rating of each item and orders items ascending', () => {
    const order = hierarchyOrder([rating('bar', 3, 80, 1), rating('bar', 1, 50, 2), rating('bar', 3, 20, 3), rating('nightclub', 2, 50, 4)]);
    expect(order.map((i) => [i.sceneId, i.level, i.value])).toEqual([
      ['bar', 3, 20],
      ['bar', 1, 50],
      ['nightclub', 2, 50],
    ]);
    expect(order[0]!.ratingId).toBe('bar-3-3');
  });

  it('numbers the hierarchy steps of a protocol in order', () => {
    expect(protocol.steps.map((_, i) => hierarchySlot(protocol.steps, i))).toEqual([-1, 0, -1, 1, -1]);
  });

  it('resolves the k-th hierarchy step to the k-th item, or refuses with too few items', () => {
    const items = hierarchyOrder([rating('nightclub', 2, 70, 1), rating('bar', 1, 10, 2), rating('stress-home', 3, 40, 3)]);
    expect(resolveHierarchy(protocol, items, findScene)).toEqual({
      ok: true,
      placements: [
        { sceneId: 'bar', level: 1 },
        { sceneId: 'stress-home', level: 3 },
      ],
    });
    const one = resolveHierarchy(protocol, items.slice(0, 1), findScene);
    expect(one).toMatchObject({ ok: false, message: expect.stringMatching(/shows 2 items .* rated 1 item/) });
  });

  it('keeps a substance protocol to its substance’s scenes and stress scenes', () => {
    const alcohol = protocolOf({ substance: 'alcohol', steps });
    const items = hierarchyOrder([rating('nightclub', 2, 5, 1), rating('bar', 2, 30, 2), rating('stress-work', 1, 20, 3)]);
    expect(resolveHierarchy(alcohol, items, findScene)).toEqual({
      ok: true,
      placements: [
        { sceneId: 'stress-work', level: 1 },
        { sceneId: 'bar', level: 2 },
      ],
    });
  });
});

describe('the runtime runs `scene: hierarchy` steps', () => {
  it('shows the patient’s items (scene and level) in order, around the protocol’s fixed steps', () => {
    const hierarchy = [
      { sceneId: 'home-evening', level: 1 },
      { sceneId: 'stress-work', level: 3 },
    ];
    const d = new Driver(testContext(protocol), { hierarchy, personalisation: { 'preferred-drink': 'wine' } });
    expect(d.state.directive.personalisation).toEqual({ 'preferred-drink': 'wine' });
    d.send({ kind: 'link', up: true });
    d.applyDirective();
    d.command({ type: 'preCheck', answers: { intoxicated: 'no' } });
    const shown: unknown[] = [];
    for (let i = 0; i < 3; i++) {
      d.command({ type: 'advance' });
      shown.push(d.state.directive.scene);
    }
    expect(shown).toEqual([{ sceneId: 'home-evening', level: 1 }, { sceneId: 'bar', level: 2 }, { sceneId: 'stress-work', level: 3 }]);
    expect(d.records.filter((r) => r.type === 'step.started').map((r) => `${r.data.sceneId}/${r.data.level}`)).toEqual([
      'gallery/0',
      'home-evening/1',
      'bar/2',
      'stress-work/3',
    ]);
  });

  it('steps back from a hierarchy item within its scene', () => {
    const d = new Driver(testContext(protocol), { hierarchy: [{ sceneId: 'bar', level: 3 }, { sceneId: 'bar', level: 4 }] });
    d.send({ kind: 'link', up: true });
    d.applyDirective();
    d.command({ type: 'preCheck', answers: { intoxicated: 'no' } });
    d.command({ type: 'advance' });
    d.command({ type: 'stepBack' });
    expect(d.state.directive.scene).toEqual({ sceneId: 'bar', level: 2 });
  });
});
