import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../../contract';
import { findScene } from '../../../scenes/manifests';
import { dwellAt, seconds } from './dwell';

let seq = 0;
const rec = (type: string, data: Record<string, unknown>): LogEntry => ({ sessionId: 'S', seq: ++seq, at: seq, actor: 'headset', type, data });

describe('live dwell per cue', () => {
  const log = [
    rec('attention.dwell', { sceneId: 'bar', level: 2, dwellMs: { 'table-drink': 1000, room: 300 } }),
    rec('attention.dwell', { sceneId: 'bar', level: 3, dwellMs: { patrons: 5000 } }),
    rec('scene.applied', { sceneId: 'bar', level: 2 }),
    rec('attention.dwell', { sceneId: 'bar', level: 2, dwellMs: { 'table-drink': 2500 } }),
  ];

  it('sums the batches of the one level asked, longest first, with each cue’s kind', () => {
    expect(dwellAt(log, findScene('bar'), 'bar', 2)).toEqual([
      { cueId: 'table-drink', kind: 'substance', dwellMs: 3500 },
      { cueId: 'room', kind: 'place', dwellMs: 300 },
    ]);
    expect(dwellAt(log, findScene('bar'), 'bar', 4)).toEqual([]);
    expect(seconds(3500)).toBe('3.5');
  });
});
