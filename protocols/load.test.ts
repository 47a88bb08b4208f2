import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem, loadProtocolFile } from './load';

const FIXTURES = join(import.meta.dirname, '../tests/fixtures/protocols');

describe('protocol check', () => {
  it('accepts a valid protocol', () => {
    const r = loadProtocolFile(join(FIXTURES, 'valid.yaml'));
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
  });

  // Each broken file differs from valid.yaml by one mistake; the report names file, line and what was expected.
  const expected: Record<string, [line: number, message: RegExp]> = {
    '01-yaml-syntax': [31, /invalid YAML/],
    '02-missing-title': [1, /title: missing/],
    '03-unknown-key': [19, /unexpected key\(s\) "durationSecond"/],
    '04-wrong-type': [25, /steps\.1\.level: expected number, received string/],
    '05-level-out-of-range': [25, /steps\.1\.level: .*<=4/],
    '06-max-below-min': [27, /expected maxSeconds ≥ minSeconds/],
    '07-unknown-step-type': [30, /steps\.2\.type: expected one of the known types/],
    '08-unknown-scene': [24, /unknown scene "casino"/],
    '09-missing-level-in-scene': [32, /scene "gallery" has no level 3/],
    '10-baseline-in-cue-scene': [20, /expected a neutral scene for the baseline/],
    '11-no-washout': [19, /expected a washout step/],
    '12-never-safe-to-rate': [28, /no safe moment to rate in 180 s of "bar" level 4/],
    '13-duplicate-check-item': [18, /duplicate check item id "intoxicated"/],
    '14-percent-over-100': [29, /percent: .*<=100/],
    '15-unquoted-comma-in-flow-map': [16, /unexpected key\(s\) "ivre \?"/],
  };

  it('has a fixture for every expectation and vice versa', () => {
    const files = readdirSync(join(FIXTURES, 'broken')).map((f) => f.replace(/\.yaml$/, ''));
    expect(files.sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(Object.entries(expected))('rejects %s at the right line', (name, [line, message]) => {
    const file = join(FIXTURES, 'broken', `${name}.yaml`);
    const r = loadProtocolFile(file);
    expect(r.ok).toBe(false);
    const hit = r.problems.find((p) => message.test(p.message));
    expect(hit, r.problems.map(formatProblem).join('\n')).toBeDefined();
    expect(hit!.line).toBe(line);
    expect(formatProblem(hit!)).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${line}:\\d+: `));
  });

  it('reports a missing file clearly', () => {
    const r = loadProtocolFile(join(FIXTURES, 'nope.yaml'));
    expect(r.ok).toBe(false);
    expect(r.problems[0]!.message).toMatch(/cannot read the file/);
  });
});
