import { describe, expect, it } from 'vitest';
import { addSample, emptyAccumulator, MAX_SAMPLE_MS, takeBatch } from './accumulator';

const bar2 = { sceneId: 'bar', level: 2 };
const bar3 = { sceneId: 'bar', level: 3 };

describe('attention accumulator', () => {
  it('sums dwell per cue for the shown level, and a batch restarts the count', () => {
    let acc = emptyAccumulator();
    for (const cue of ['table-drink', 'table-drink', null, 'room']) acc = addSample(acc, bar2, cue, 100).acc;
    const first = takeBatch(acc);
    expect(first.batch).toEqual({ sceneId: 'bar', level: 2, dwellMs: { 'table-drink': 200, room: 100 } });
    expect(takeBatch(first.acc).batch).toBeNull();
    expect(takeBatch(addSample(first.acc, bar2, 'room', 40).acc).batch).toEqual({ sceneId: 'bar', level: 2, dwellMs: { room: 40 } });
  });

  it('closes the previous level’s batch when the level changes, so no dwell is credited to the wrong level', () => {
    let acc = addSample(emptyAccumulator(), bar2, 'table-drink', 100).acc;
    const step = addSample(acc, bar3, 'patrons', 100);
    expect(step.flushed).toEqual({ sceneId: 'bar', level: 2, dwellMs: { 'table-drink': 100 } });
    acc = step.acc;
    expect(takeBatch(acc).batch).toEqual({ sceneId: 'bar', level: 3, dwellMs: { patrons: 100 } });
  });

  it('caps a stalled sample, ignores negative time, and sends no batch for sub-millisecond dwell', () => {
    let acc = addSample(emptyAccumulator(), bar2, 'room', 5000).acc;
    acc = addSample(acc, bar2, 'room', -30).acc;
    expect(takeBatch(acc).batch?.dwellMs).toEqual({ room: MAX_SAMPLE_MS });
    expect(takeBatch(addSample(emptyAccumulator(), bar2, 'room', 0.2).acc).batch).toBeNull();
    expect(addSample(emptyAccumulator(), bar2, null, 100).flushed).toBeNull();
  });
});
