import { describe, expect, it } from 'vitest';
import type { LogEntry, Rating } from '../../../contract';
import { findScene } from '../../../scenes/manifests';
import { alignedData, chartSeries, levelAt } from './series';

const T0 = 1_700_000_000_000;
let seq = 0;
const e = (s: number, type: string, data: Record<string, unknown> = {}): LogEntry => ({ sessionId: 'S', seq: ++seq, at: T0 + s * 1000, actor: 'headset', type, data });
const r = (id: string, s: number, value: number, scale: Rating['scale'] = 'vas'): Rating => ({
  id,
  sessionId: 'S',
  promptId: null,
  scale,
  value,
  source: 'headset',
  promptedAt: null,
  answeredAt: T0 + s * 1000,
  sceneId: 'bar',
  level: 2,
});

const log = [
  e(2, 'scene.applied', { revision: 1, sceneId: 'gallery', level: 0 }),
  e(10, 'scene.applied', { revision: 2, sceneId: 'cafe-terrace', level: 3 }),
  e(30, 'segment.started', { segmentId: 'patron-sips', activeUse: true }),
  e(36, 'segment.ended', { segmentId: 'patron-sips', activeUse: true }),
  e(40, 'rating.prompted', { promptId: 'p' }),
  e(41, 'scene.applied', { revision: 1, sceneId: 'gallery', level: 0 }), // late, older: ignored
  e(50, 'scene.event', { eventId: 'offer-cigarette', activeUse: true }), // 6 s in the manifest
  e(55, 'rating.corrected', { ratingId: 'b', value: 4 }),
  e(60, 'scene.applied', { revision: 3, sceneId: 'cafe-terrace', level: 1 }),
  e(70, 'segment.started', { segmentId: 'x', activeUse: true }), // still showing at the end
];

describe('craving chart series', () => {
  const s = chartSeries({ t0: T0, now: T0 + 90_000, log, ratings: [r('a', 45, 60), r('b', 20, 5, 'nrs10')], baseline: 25, ceiling: 50, findScene });

  it('plots ratings on 0–100 with corrections, in time order, and the level as reported by the headset', () => {
    expect(s.ratings).toEqual([
      { t: 20, value: 40, source: 'headset' },
      { t: 45, value: 60, source: 'headset' },
    ]);
    expect(s.levels.map((l) => [l.t, l.level])).toEqual([
      [2, 0],
      [10, 3],
      [60, 1],
    ]);
    expect(levelAt(s.levels, 59)).toBe(3);
    expect(levelAt(s.levels, 1)).toBeNull();
  });

  it('shades active-use segments and active-use events (for the event’s duration), and segments still on at the edge', () => {
    expect(s.activeUse).toEqual([
      { start: 30, end: 36 },
      { start: 50, end: 56 },
      { start: 70, end: 90 },
    ]);
    expect(s.prompts).toEqual([40]);
    expect(s.until).toBe(90);
  });

  it('aligns the columns uPlot draws', () => {
    const [xs, craving, level, prompts, baseline] = alignedData(s);
    expect(xs).toEqual([0, 2, 10, 20, 40, 45, 60, 90]);
    expect(craving).toEqual([null, null, null, 40, null, 60, null, null]);
    expect(level).toEqual([null, 0, 3, 3, 3, 3, 1, 1]);
    expect(prompts![4]).toBe(100);
    expect(new Set(baseline)).toEqual(new Set([25]));
  });

  it('stops at the session’s end', () => {
    const ended = chartSeries({ t0: T0, now: T0 + 999_000, log: [...log, e(80, 'session.ended')], ratings: [], baseline: null, ceiling: null, findScene });
    expect(ended.until).toBe(80);
    expect(ended.activeUse.at(-1)).toEqual({ start: 70, end: 80 });
  });
});
