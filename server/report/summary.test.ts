import { describe, expect, it } from 'vitest';
import type { LogEntry, Rating } from '../../contract';
import { findScene } from '../../scenes/manifests';
import { progressPoint, summarise, type SummaryInput } from './summary';

const T0 = 1_700_000_000_000;
const s = (n: number) => T0 + n * 1000;
let seq = 0;
const entry = (atS: number, actor: LogEntry['actor'], type: string, data: Record<string, unknown> = {}): LogEntry => ({ sessionId: 'S1', seq: ++seq, at: s(atS), actor, type, data });
const rating = (id: string, atS: number, value: number, sceneId: string, level: number, scale: Rating['scale'] = 'vas'): Rating => ({
  id,
  sessionId: 'S1',
  promptId: null,
  scale,
  value,
  source: 'spoken',
  promptedAt: null,
  answeredAt: s(atS),
  sceneId,
  level,
});

function input(log: LogEntry[], ratings: Rating[]): SummaryInput {
  return { session: { id: 'S1', patientId: 'PAT1', patientCode: 'P-1', status: 'ended', createdAt: T0, endedAt: s(600) }, protocol: null, log, ratings, findScene };
}

describe('session summary', () => {
  // Steered by hand: gallery baseline 20, bar level 2 peaks at 70 and comes back to 30 at 200 s; level 4 never settles.
  const log = [
    entry(0, 'clinician', 'session.opened', { activeUseOverride: 'Agreed harm-reduction session' }),
    entry(5, 'headset', 'scene.applied', { revision: 1, sceneId: 'gallery', level: 0, sinceMs: 0 }),
    entry(10, 'clinician', 'rating.recorded', { ratingId: 'r1' }),
    entry(100, 'headset', 'scene.applied', { revision: 2, sceneId: 'bar', level: 2, sinceMs: 0 }),
    entry(104, 'headset', 'attention.dwell', { sceneId: 'bar', level: 2, dwellMs: { 'table-drink': 4000, room: 500 } }),
    entry(109, 'headset', 'attention.dwell', { sceneId: 'bar', level: 2, dwellMs: { 'table-drink': 3000, 'shelf-bottles': 900 } }),
    entry(150, 'clinician', 'rating.recorded', { ratingId: 'r2' }),
    entry(160, 'clinician', 'rating.corrected', { ratingId: 'r2', scale: 'vas', original: 60, value: 70, reason: 'mistyped spoken rating' }),
    entry(200, 'clinician', 'rating.recorded', { ratingId: 'r3' }),
    entry(210, 'clinician', 'note', { text: 'Patient describes the smell of beer' }),
    // A late report of an older revision changes nothing.
    entry(211, 'headset', 'scene.applied', { revision: 1, sceneId: 'gallery', level: 0, sinceMs: 0 }),
    entry(300, 'headset', 'scene.applied', { revision: 3, sceneId: 'bar', level: 4, sinceMs: 0 }),
    entry(350, 'clinician', 'override.close', { commandId: 'c', reason: 'Patient feels fine and is accompanied home' }),
    entry(400, 'headset', 'scene.applied', { revision: 4, sceneId: 'bar', level: 2, sinceMs: 0 }),
    entry(500, 'clinician', 'rating.recorded', { ratingId: 'r4' }),
  ];
  const ratings = [rating('r1', 10, 20, 'gallery', 0), rating('r2', 150, 60, 'bar', 2), rating('r3', 200, 30, 'bar', 2), rating('r4', 320, 9, 'bar', 4, 'nrs10')];
  const summary = summarise(input(log, ratings));

  it('gives baseline (first rating without a protocol), peak with corrections applied, and end on 0–100', () => {
    expect(summary).toMatchObject({ baseline: 20, peak: 90, end: 90, ratingCount: 4, margin: 15 });
  });

  it('times habituation per level from its first showing to the first rating at or below baseline + margin', () => {
    expect(summary.levels).toEqual([
      { sceneId: 'bar', level: 2, firstShownAt: s(100), shownMs: (200 + 200) * 1000, peak: 70, habituationMs: 100_000 },
      { sceneId: 'bar', level: 4, firstShownAt: s(300), shownMs: 100_000, peak: 90, habituationMs: null },
    ]);
    expect(summary.maxLevel).toEqual({ bar: 4 });
  });

  it('lists overrides and corrections with their reasons, notes, and attention per cue and level', () => {
    expect(summary.overrides.map((o) => [o.type, o.reason])).toEqual([
      ['override.patientActiveUse', 'Agreed harm-reduction session'],
      ['rating.corrected', 'mistyped spoken rating'],
      ['override.close', 'Patient feels fine and is accompanied home'],
    ]);
    expect(summary.notes).toEqual([{ seq: expect.any(Number), at: s(210), text: 'Patient describes the smell of beer' }]);
    expect(summary.attention).toEqual([
      { sceneId: 'bar', level: 2, cueId: 'table-drink', kind: 'substance', dwellMs: 7000 },
      { sceneId: 'bar', level: 2, cueId: 'shelf-bottles', kind: 'substance', dwellMs: 900 },
      { sceneId: 'bar', level: 2, cueId: 'room', kind: 'place', dwellMs: 500 },
    ]);
  });

  it('takes the baseline step’s mean when a protocol has one', () => {
    const withSteps = [
      entry(1, 'runtime', 'step.started', { index: 0, type: 'baseline' }),
      entry(2, 'headset', 'rating.recorded', { ratingId: 'a' }),
      entry(3, 'headset', 'rating.recorded', { ratingId: 'b' }),
      entry(4, 'runtime', 'step.started', { index: 1, type: 'exposure' }),
      entry(5, 'headset', 'rating.recorded', { ratingId: 'c' }),
    ];
    const sum = summarise(input(withSteps, [rating('a', 2, 10, 'gallery', 0), rating('b', 3, 21, 'gallery', 0), rating('c', 5, 5, 'bar', 1)]));
    expect(sum).toMatchObject({ baseline: 16, peak: 21, end: 5 });
    expect(progressPoint(sum)).toEqual({ sessionId: 'S1', createdAt: T0, protocolId: null, status: 'ended', baseline: 16, peak: 21, end: 5 });
  });

  it('is empty but well-formed for a session without ratings', () => {
    expect(summarise(input([], []))).toMatchObject({ baseline: null, peak: null, end: null, levels: [], overrides: [], attention: [], notes: [] });
  });
});
