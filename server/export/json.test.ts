import { describe, expect, it } from 'vitest';
import { derive } from './derive';
import { sessionJson } from './json';
import { recordedSession } from './testing';

describe('JSON export', () => {
  it('holds the full log in order with its data, the protocol as it ran, and the ratings with their context', () => {
    const d = recordedSession();
    const input = d.input();
    const exportedAt = Date.UTC(2026, 3, 1);
    const json = JSON.parse(JSON.stringify(sessionJson({ input, derived: derive(input) }, exportedAt)));
    expect(json).toMatchObject({
      format: 'cueroom.session-export',
      version: 1,
      exportedAt: '2026-04-01T00:00:00.000Z',
      deidentified: false,
      session: { id: 'session-0001', participantId: 'PX-ROSE-42', status: 'ended', patientActiveUse: false, activeUseOverride: false },
      protocol: { id: 'export-test', version: 3 },
    });
    expect(json.events).toHaveLength(d.log.length);
    expect(json.events.map((e: { seq: number }) => e.seq)).toEqual(d.log.map((_, i) => i + 1));
    expect(json.events.map((e: { data: unknown }) => e.data)).toEqual(d.log.map((e) => e.data));
    expect(json.events.map((e: { atMs: number; at: string }) => Date.parse(e.at) - e.atMs)).toEqual(d.log.map(() => 0));
    expect(json.protocol.steps).toHaveLength(3);
    expect(json.ratings.map((r: { value: number; step_type: string }) => [r.value, r.step_type])).toEqual([
      [20, 'baseline'],
      [40, 'exposure'],
      [2, 'washout'],
    ]);
  });
});
