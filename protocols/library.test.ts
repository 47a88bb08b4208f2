import { describe, expect, it } from 'vitest';
import { formatProblem } from './load';
import { loadProtocolLibrary } from './library';
import { simulate } from './simulate/simulate';

describe('the protocols shipped in protocols/', () => {
  const library = loadProtocolLibrary();

  it('all pass the check (schema, scenes and levels exist, safe moments to rate)', () => {
    expect(library.problems.map(formatProblem)).toEqual([]);
    expect(library.protocols.size).toBeGreaterThanOrEqual(4);
  });

  it.each([...library.protocols.keys()])('%s runs to its end in simulation for every synthetic patient', (id) => {
    const protocol = library.protocols.get(id)!;
    for (const profile of ['habituating', 'non-habituating', 'high-reactive-late-peak'] as const) {
      const r = simulate(protocol, profile);
      const types = r.timeline.map((row) => row.kind);
      expect(types, `${id} / ${profile}`).toContain('rating.prompted');
      expect(r.ended || types.includes('decision.washout'), `${id} / ${profile} neither ended nor washed out`).toBe(true);
    }
  });
});
