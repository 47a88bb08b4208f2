import { describe, expect, it } from 'vitest';
import { Driver, testContext, wid } from './testing';

function session() {
  const d = new Driver(testContext(null));
  d.send({ kind: 'link', up: true });
  return d;
}

describe('head-gaze attention reports', () => {
  it('logs the dwell of cues the level shows, its own and lower levels’ (cues are cumulative)', () => {
    const d = session();
    d.send({ kind: 'attention', report: { id: wid(), sceneId: 'bar', level: 2, dwellMs: { 'table-drink': 1200, 'shelf-bottles': 300, room: 100 } } });
    const rec = d.records.filter((r) => r.type === 'attention.dwell');
    expect(rec).toEqual([expect.objectContaining({ data: { sceneId: 'bar', level: 2, dwellMs: { 'table-drink': 1200, 'shelf-bottles': 300, room: 100 } } })]);
  });

  it('credits the cues a personalisation adds (an added stressor) at any level, but not in a scene that lacks them', () => {
    const d = session();
    d.send({ kind: 'attention', report: { id: wid(), sceneId: 'bar', level: 0, dwellMs: { 'stressor-bills': 900 } } });
    expect(d.records.filter((r) => r.type === 'attention.dwell')).toHaveLength(1);
    const r = d.send({ kind: 'attention', report: { id: wid(), sceneId: 'gallery', level: 0, dwellMs: { 'stressor-bills': 900 } } }, { allowRefusal: true });
    expect(r.ok).toBe(false);
  });

  it('refuses a cue the level does not show (a higher level’s, another scene’s, an unknown one) and logs nothing', () => {
    const d = session();
    const before = d.records.length;
    const refused: Record<string, number>[] = [{ friend: 100 }, { 'table-drink': 100, aquarium: 5 }, { nope: 1 }];
    for (const dwellMs of refused) {
      const r = d.send({ kind: 'attention', report: { id: wid(), sceneId: 'bar', level: 2, dwellMs } }, { allowRefusal: true });
      expect(r).toMatchObject({ ok: false, message: expect.stringContaining('not cues of bar level 2') });
    }
    expect(d.send({ kind: 'attention', report: { id: wid(), sceneId: 'nowhere', level: 0, dwellMs: { room: 1 } } }, { allowRefusal: true }).ok).toBe(false);
    expect(d.records.length).toBe(before);
  });
});
