import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { parseProtocol } from '../load';
import type { Protocol, ProtocolInput } from '../schema';
import { renderChart } from './chart';
import { PROFILES, type PatientMoment, rateCraving } from './patients';
import { main, type SimulationResult, simulate, summarize } from './simulate';

const text = (en: string) => ({ fr: en, en });

/** Gallery baseline, bar levels 1, 3 and 4 (3 and 4 show active use), coping, wash-out in the gallery. */
const input: ProtocolInput = {
  id: 'sim-test',
  version: 1,
  title: text('Simulator test'),
  substance: 'alcohol',
  patientTexts: { welcome: text('Welcome'), ratingQuestion: text('How strong is your craving?'), pause: text('Pause') },
  scale: { kind: 'vas' },
  // The bar's level 4 repeats active use every 40 s for 8 s: 10 s cool-down + 15 s to answer leave room.
  safety: { cooldownSeconds: 10, answerSeconds: 15, ceiling: 50, baselineMargin: 15 },
  preSessionCheck: [
    { id: 'abstinent-today', text: text('Abstinent today?'), blocksIf: 'no' },
    { id: 'intoxicated', text: text('Intoxicated?'), blocksIf: 'yes' },
  ],
  steps: [
    { type: 'baseline', scene: 'gallery', durationSeconds: 40, rateAt: ['start', 'end'] },
    { type: 'exposure', scene: 'bar', level: 1, minSeconds: 60, maxSeconds: 300, ratingEverySeconds: 30, advance: { rule: 'dropFromPeak', percent: 40 } },
    { type: 'exposure', scene: 'bar', level: 3, minSeconds: 60, maxSeconds: 360, ratingEverySeconds: 30, advance: { rule: 'dropFromPeak', percent: 40 } },
    { type: 'exposure', scene: 'bar', level: 4, minSeconds: 60, maxSeconds: 360, ratingEverySeconds: 30, advance: { rule: 'dropFromPeak', percent: 40 } },
    { type: 'coping', scene: 'bar', level: 1, skill: 'urge-surfing', durationSeconds: 90, guidance: text('Watch the urge rise and fall like a wave.') },
    { type: 'washout', scene: 'gallery', untilNearBaseline: { margin: 10 }, maxSeconds: 600, ratingEverySeconds: 60 },
  ],
};

function load(p: ProtocolInput): Protocol {
  // JSON is YAML: go through the real loader, with its reference and safety checks.
  const r = parseProtocol(JSON.stringify(p), 'sim-test.yaml');
  if (!r.ok) throw new Error(r.problems.map((x) => x.message).join('\n'));
  return r.protocol;
}

const protocol = load(input);
const SEEDS = [1, 2, 3, 4, 5];
const runs = new Map<string, SimulationResult[]>();
const runsOf = (profile: string) => {
  if (!runs.has(profile)) runs.set(profile, SEEDS.map((seed) => simulate(protocol, profile, { seed })));
  return runs.get(profile)!;
};
const kinds = (r: SimulationResult, kind: string) => r.timeline.filter((x) => x.kind === kind);

describe('patient profiles', () => {
  const moment = (over: Partial<PatientMoment>): PatientMoment => ({
    sessionMs: 0,
    stepMs: 0,
    blockMs: 0,
    level: 0,
    cue: true,
    activeUseMs: null,
    sinceActiveUseMs: null,
    entry: PROFILES.habituating!.baseline,
    priorLevelMs: 0,
    ...over,
  });

  it('habituating: craving rises with the level, then decays within the block', () => {
    const p = PROFILES.habituating!;
    const at = (level: number, s: number) => p.craving(moment({ level, blockMs: s * 1000, entry: p.baseline }));
    expect(at(4, 40)).toBeGreaterThan(at(2, 40));
    expect(at(2, 40)).toBeGreaterThan(at(1, 40));
    expect(at(3, 300)).toBeLessThan(at(3, 40) * 0.5);
  });

  it('non-habituating stays high at high levels; late-peak peaks late', () => {
    const n = PROFILES['non-habituating']!;
    const nAt = (s: number) => n.craving(moment({ level: 4, blockMs: s * 1000, entry: n.baseline }));
    expect(nAt(300)).toBeGreaterThan(nAt(40) * 0.9);
    const l = PROFILES['high-reactive-late-peak']!;
    const lAt = (s: number) => l.craving(moment({ level: 3, blockMs: s * 1000, entry: l.baseline }));
    expect(lAt(150)).toBeGreaterThan(lAt(60));
    expect(lAt(150)).toBeGreaterThan(lAt(300));
  });

  it('ratings are integers on 0–100, deterministic for a seed', () => {
    const p = PROFILES['high-reactive-late-peak']!;
    for (let s = 0; s < 600; s += 7) {
      const m = moment({ level: 4, blockMs: s * 1000, sessionMs: s * 1000 });
      const v = rateCraving(p, m, 42);
      expect(Number.isInteger(v) && v >= 0 && v <= 100).toBe(true);
      expect(rateCraving(p, m, 42)).toBe(v);
      expect(Math.abs(v - p.craving(m))).toBeLessThanOrEqual(p.noise + 0.5);
    }
  });
});

describe('simulate', () => {
  it.each(Object.keys(PROFILES))('%s: the run terminates with the session ended', (profile) => {
    for (const r of runsOf(profile)) {
      expect(r.ended).toBe(true);
      expect(r.durationMs).toBeLessThan(r.limitMs);
      expect(kinds(r, 'session.ended')).toHaveLength(1);
      expect(kinds(r, 'rating.recorded').length).toBeGreaterThan(3);
    }
  });

  it.each(Object.keys(PROFILES))('%s: no prompt during active use on the shown level, nor within the cool-down after it', (profile) => {
    const cooldownMs = protocol.safety.cooldownSeconds * 1000;
    for (const r of runsOf(profile)) {
      const windows = kinds(r, 'activeUse');
      const prompts = kinds(r, 'rating.prompted');
      expect(prompts.length).toBeGreaterThan(0);
      for (const p of prompts) {
        const hit = windows.find((w) => p.t >= w.t && p.t < w.end! + cooldownMs);
        expect(hit, `prompt at ${p.t} ms falls in/after ${hit?.details}`).toBeUndefined();
      }
    }
  });

  it('the active-use windows and deferrals are actually exercised', () => {
    const r = runsOf('habituating')[0]!;
    expect(kinds(r, 'activeUse').length).toBeGreaterThan(2);
    expect(kinds(r, 'rating.deferred').some((x) => x.details.startsWith('active-use'))).toBe(true);
    expect(kinds(r, 'rating.prompted').some((x) => x.deferredMs !== undefined)).toBe(true);
  });

  it('habituating: advances through every exposure step; non-habituating: not habituated', () => {
    const exposures = protocol.steps.flatMap((s, i) => (s.type === 'exposure' ? [i] : []));
    for (const r of runsOf('habituating')) {
      const started = kinds(r, 'step.started').map((x) => x.step!.index);
      for (const i of exposures) expect(started).toContain(i);
      expect(kinds(r, 'decision.notHabituated')).toHaveLength(0);
      // Each exposure step was left because the rule was met, not because its time ran out.
      const advances = r.records.filter((x) => x.record.type === 'decision.advance' && String(x.record.data.reason).includes('below peak'));
      expect(advances.length).toBe(exposures.length);
      expect(summarize(r).maxLevel).toBe(4);
    }
    for (const r of runsOf('non-habituating')) {
      expect(kinds(r, 'decision.notHabituated').length).toBeGreaterThan(0);
      // Never raised past the level it failed to habituate to.
      expect(summarize(r).maxLevel).toBeLessThan(4);
    }
  });

  it('is deterministic for a seed', () => {
    const a = simulate(protocol, 'high-reactive-late-peak', { seed: 9 });
    const b = simulate(protocol, 'high-reactive-late-peak', { seed: 9 });
    expect(b.timeline).toEqual(a.timeline);
    expect(b.samples).toEqual(a.samples);
  });

  it('refuses an unknown profile', () => {
    expect(() => simulate(protocol, 'nobody')).toThrow(/unknown patient profile/);
  });
});

describe('chart', () => {
  it('renders an SVG with the craving path', () => {
    const svg = renderChart(runsOf('habituating')[0]!, { title: 'A <test> & chart' });
    expect(svg).toContain('<svg');
    expect(svg).toMatch(/<path class="craving" d="M[\d.]+ [\d.]+L/);
    expect(svg).toContain('class="level"');
    expect(svg).toContain('class="active-use"');
    expect(svg).toContain('A &lt;test&gt; &amp; chart');
    expect(svg.trim().endsWith('</svg>')).toBe(true);
  });
});

describe('CLI main', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cueroom-sim-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs a protocol file, prints the timeline and summary, writes the chart', () => {
    const file = join(dir, 'p.yaml');
    writeFileSync(file, JSON.stringify(input));
    const out = join(dir, 'chart.svg');
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(main([file, '--patient', 'habituating', '--out', out])).toBe(0);
      const printed = log.mock.calls.map((c) => String(c[0])).join('\n');
      expect(printed).toMatch(/\d\d:\d\d {2}step\.started/);
      expect(printed).toContain('steps reached');
      expect(readFileSync(out, 'utf8')).toContain('<svg');
    } finally {
      log.mockRestore();
      process.exitCode = undefined;
    }
  });

  it('prints file:line:col problems and returns 1 for an invalid file', () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'id: bad\nversion: 1\nsteps:\n  - type: exposure\n    scene: nowhere\n');
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(main([file, '--patient', 'habituating'])).toBe(1);
      expect(String(err.mock.calls[0]?.[0])).toMatch(/bad\.yaml:\d+:\d+: /);
    } finally {
      err.mockRestore();
      process.exitCode = undefined;
    }
  });

  it('returns 2 on usage errors', () => {
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(main([])).toBe(2);
      expect(main(['x.yaml', '--patient', 'nobody'])).toBe(2);
    } finally {
      err.mockRestore();
      process.exitCode = undefined;
    }
  });
});
