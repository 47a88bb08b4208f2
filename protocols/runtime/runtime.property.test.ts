import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClinicianCommand } from '../../contract';
import { findScene, SAFE_SCENE } from '../../scenes/manifests';
import { windows } from '../../scenes/timeline';
import type { Protocol, ProtocolInput } from '../schema';
import { Driver, protocolOf, testContext, wid } from './testing';

// Property-based tests over random protocols, craving trajectories, clinician commands and link drops,
// with a simulated headset that shows each directive after a delay and a patient who answers (or not).

const sec = (lo: number, hi: number) => fc.integer({ min: lo, max: hi });

const advanceRule = fc.oneof(
  fc.record({ rule: fc.constant('threshold' as const), atOrBelow: sec(10, 60), consecutive: sec(1, 3) }),
  fc.record({ rule: fc.constant('dropFromPeak' as const), percent: sec(20, 80), consecutive: sec(1, 3) }),
  fc.record({ rule: fc.constant('nearBaseline' as const), margin: sec(5, 30), consecutive: sec(1, 3) }),
);

const exposure = fc
  .record({ level: sec(0, 4), min: sec(20, 120), extra: sec(0, 180), every: sec(15, 90), advance: advanceRule, stepBack: fc.option(sec(50, 95), { nil: undefined }) })
  .map((e) => ({
    type: 'exposure' as const,
    scene: 'bar',
    level: e.level,
    minSeconds: e.min,
    maxSeconds: e.min + e.extra,
    ratingEverySeconds: e.every,
    advance: e.advance,
    ...(e.stepBack ? { stepBack: { above: e.stepBack } } : {}),
  }));

const protocolArb: fc.Arbitrary<Protocol> = fc
  .record({
    baseline: sec(20, 120),
    rateAt: fc.constantFrom<('start' | 'end')[]>(['start'], ['end'], ['start', 'end']),
    exposures: fc.array(exposure, { minLength: 1, maxLength: 3 }),
    coping: fc.option(fc.record({ level: sec(0, 3), duration: sec(20, 120) }), { nil: undefined }),
    washout: fc.record({ margin: sec(5, 30), max: sec(60, 300), every: sec(20, 90) }),
    safety: fc.record({ cooldownSeconds: sec(5, 30), answerSeconds: sec(5, 30), ceiling: sec(30, 90), baselineMargin: sec(5, 30), linkLossSeconds: sec(1, 5) }),
  })
  .map((g) =>
    protocolOf({
      safety: g.safety,
      steps: [
        { type: 'baseline', scene: 'gallery', durationSeconds: g.baseline, rateAt: g.rateAt },
        ...g.exposures,
        ...(g.coping
          ? [{ type: 'coping' as const, scene: 'bar', level: g.coping.level, skill: 'urge-surfing' as const, durationSeconds: g.coping.duration, guidance: { fr: 'a', en: 'a' } }]
          : []),
        { type: 'washout', scene: 'gallery', untilNearBaseline: { margin: g.washout.margin }, maxSeconds: g.washout.max, ratingEverySeconds: g.washout.every },
      ] as ProtocolInput['steps'],
    }),
  );

type Disturbance =
  | { at: number; kind: 'command'; command: ClinicianCommand }
  | { at: number; kind: 'stop'; resumeAfter: number }
  | { at: number; kind: 'linkDrop'; duration: number };

const disturbance: fc.Arbitrary<Disturbance> = fc.oneof(
  fc.record({
    at: sec(0, 1800),
    kind: fc.constant('command' as const),
    command: fc.constantFrom<ClinicianCommand>(
      { type: 'requestRating', scale: 'vas' },
      { type: 'advance' },
      { type: 'stepBack' },
      { type: 'setLevel', level: 1 },
      { type: 'setLevel', level: 3 },
      { type: 'setLevel', level: 4 },
      { type: 'fireEvent', eventId: 'glasses-clink' },
      { type: 'spokenRating', scale: 'vas', value: 40 },
      { type: 'end' },
    ),
  }),
  fc.record({ at: sec(0, 1800), kind: fc.constant('stop' as const), resumeAfter: sec(1, 120) }),
  fc.record({ at: sec(0, 1800), kind: fc.constant('linkDrop' as const), duration: sec(1, 30) }),
);

interface Shown {
  sceneId: string;
  level: number;
  from: number;
  to: number;
}

function simulate(protocol: Protocol, cravings: number[], answerDelays: number[], disturbances: Disturbance[]) {
  const d = new Driver(testContext(protocol));
  const safety = protocol.safety;
  const t0 = d.now;
  d.send({ kind: 'link', up: true });
  d.command({ type: 'preCheck', answers: { intoxicated: 'no' } });

  const shown: Shown[] = [];
  let showing: Shown | null = null;
  let linkUp = true;
  let applyAt: number | null = t0 + 500;
  let answerAt: number | null = null;
  let answered = 0;
  let openId: string | null = null;
  const issues: string[] = [];
  const queue = [...disturbances].sort((a, b) => a.at - b.at).map((x) => ({ ...x, at: t0 + x.at * 1000 }));
  const resumes: number[] = [];
  const links: number[] = [];
  let pausedMs = 0;

  const stepMax = protocol.steps.reduce((sum, s) => sum + (s.type === 'exposure' || s.type === 'washout' ? s.maxSeconds : s.durationSeconds), 0);
  const bound = (stepMax + 120 + 5) * 1000;

  for (let guard = 0; d.state.status === 'open'; guard++) {
    const running = d.now - t0 - pausedMs;
    if (running > bound + 60_000 || d.now - t0 > 6 * 3600_000) break;
    if (guard > 200_000) {
      issues.push('simulation made no progress');
      break;
    }
    // Next moment anything happens.
    const wake = d.last && d.last.ok ? d.last.wakeAt : null;
    const next = Math.max(d.now + 1, Math.min(wake ?? Infinity, applyAt ?? Infinity, answerAt ?? Infinity, queue[0]?.at ?? Infinity, resumes[0] ?? Infinity, links[0] ?? Infinity, d.now + 2000));
    const dt = Math.max(next, d.now) - d.now;
    if (d.state.pause) pausedMs += dt;
    d.now = Math.max(next, d.now);

    if (links[0] !== undefined && d.now >= links[0]) {
      links.shift();
      linkUp = true;
      d.send({ kind: 'link', up: true });
      applyAt = d.now + 300;
    }
    if (resumes[0] !== undefined && d.now >= resumes[0]) {
      resumes.shift();
      if (linkUp) d.command({ type: 'resume' }, { allowRefusal: true });
      else resumes.push(d.now + 1000);
    }
    while (queue[0] && d.now >= queue[0].at) {
      const x = queue.shift()!;
      if (x.kind === 'command') {
        const before = d.records.length;
        d.command(x.command, { allowRefusal: true });
        if (x.command.type === 'end' && ended()) {
          const ended = d.records.slice(before).find((r) => r.type === 'session.ended');
          if (ended && !ended.data.override) checkClose();
        }
      } else if (x.kind === 'stop') {
        d.command({ type: 'emergencyStop' });
        // Invariant: emergency stop leads to the safe scene within one step.
        if (d.state.directive.scene.sceneId !== SAFE_SCENE.sceneId || !d.state.directive.stopped) issues.push('emergency stop did not go to the safe scene');
        resumes.push(d.now + x.resumeAfter * 1000);
        resumes.sort((a, b) => a - b);
      } else if (linkUp) {
        linkUp = false;
        d.send({ kind: 'link', up: false });
        links.push(d.now + x.duration * 1000);
        answerAt = null; // the patient cannot answer what the headset no longer shows
        links.sort((a, b) => a - b);
        if (showing) {
          // The headset fades itself to the safe scene; it shows nothing of the cue level any more.
          showing.to = d.now;
          showing = null;
        }
      }
      if (d.state.status !== 'open') break;
    }
    if (d.state.status !== 'open') break;

    // Simulated headset: shows the directive after a delay, reports the level clock.
    const want = d.state.directive.scene;
    if (linkUp && (!showing || showing.sceneId !== want.sceneId || showing.level !== want.level)) {
      if (applyAt === null) applyAt = d.now + 800;
      else if (d.now >= applyAt) {
        if (showing) showing.to = d.now;
        showing = { ...want, from: d.now, to: Infinity };
        shown.push(showing);
        d.applyDirective(0);
        applyAt = null;
      }
    } else applyAt = null;

    // Simulated patient.
    const prompt = d.state.directive.prompt;
    if (prompt && (prompt.promptId !== openId || (answerAt === null && linkUp))) {
      openId = prompt.promptId;
      answerAt = d.now + (answerDelays[answered % answerDelays.length] ?? 5) * 1000;
    }
    if (prompt && answerAt !== null && d.now >= answerAt && linkUp) {
      d.send({ kind: 'rating', submission: { id: wid(), promptId: prompt.promptId, value: cravings[answered++ % cravings.length] ?? 30 } }, { allowRefusal: true });
      answerAt = null;
    }
    if (!d.state.directive.prompt && openId !== null) {
      openId = null;
      answerAt = null;
    }
    // The clinician resumes a link-loss pause a few seconds after the headset is back.
    if (d.state.pause === 'link' && linkUp && resumes.length === 0) resumes.push(d.now + 5_000);
    if (d.state.status === 'open') d.send({ kind: 'tick' });
    if (ended()) {
      const record = d.records.filter((r) => r.type === 'session.ended').at(-1);
      if (record && !record.data.override) checkClose();
    }
  }
  if (showing) showing.to = d.now;

  // A function, not a narrowed field: the driver mutates the state between reads.
  function ended() {
    return d.state.status === 'ended';
  }

  function checkClose() {
    const last = d.state.ratings.at(-1)?.value;
    if (last === undefined) return;
    if (last > safety.ceiling) issues.push(`closed with craving ${last} above the ceiling ${safety.ceiling}`);
    if (d.state.baseline !== null && last > d.state.baseline + safety.baselineMargin) issues.push(`closed with craving ${last} above baseline + margin`);
  }

  // Ground truth: the active-use windows the simulated headset actually showed.
  const activeUse = shown.flatMap((s) => {
    const level = findScene(s.sceneId)?.levels[s.level];
    if (!level) return [];
    return windows(level, 0, (Math.min(s.to, d.now) - s.from) / 1000)
      .filter((w) => w.activeUse)
      .map((w) => ({ start: s.from + w.start * 1000, end: Math.min(s.from + w.end * 1000, s.to) }))
      .filter((w) => w.end > w.start);
  });
  const cool = safety.cooldownSeconds * 1000;
  // When each prompt was open, exactly, from the runtime's own records.
  const intervals = d.records
    .filter((r) => r.type === 'rating.prompted')
    .map((p) => {
      const closed = d.records.find(
        (r) => r.at >= p.at && r !== p && ['rating.recorded', 'rating.cancelled', 'rating.unanswered'].includes(r.type) && r.data.promptId === p.data.promptId,
      );
      return { from: p.at, to: closed?.at ?? d.now };
    });
  for (const p of intervals) {
    for (const w of activeUse) {
      if (p.from >= w.start && p.from < w.end + cool) issues.push(`prompt issued at ${(p.from - t0) / 1000}s inside active use ${(w.start - t0) / 1000}–${(w.end - t0) / 1000}s or its cool-down`);
      if (p.from < w.end && w.start < p.to) issues.push(`prompt open ${(p.from - t0) / 1000}–${(p.to - t0) / 1000}s while active use showed ${(w.start - t0) / 1000}–${(w.end - t0) / 1000}s`);
    }
  }
  const finished = d.state.status === 'ended' || d.state.protocol?.finished === true;
  return { issues, finished, running: d.now - t0 - pausedMs, bound, d };
}

describe('runtime properties', () => {
  it('never prompts in or near active use, always stops safely, keeps the close gate, and finishes within the protocol maximum', () => {
    fc.assert(
      fc.property(
        protocolArb,
        fc.array(sec(0, 100), { minLength: 1, maxLength: 40 }),
        fc.array(sec(1, 40), { minLength: 1, maxLength: 10 }),
        fc.array(disturbance, { maxLength: 12 }),
        (protocol, cravings, delays, disturbances) => {
          // The clinician's "end" is left out of the termination check: it may close the session early.
          const r = simulate(protocol, cravings, delays, disturbances);
          expect(r.issues).toEqual([]);
          expect(r.finished, `not finished after ${r.running / 1000}s running (bound ${r.bound / 1000}s); last records: ${r.d.types().slice(-8).join(', ')}`).toBe(true);
        },
      ),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 200), ...(process.env.PROPERTY_SEED ? { seed: Number(process.env.PROPERTY_SEED) } : {}) },
    );
  }, 120_000);
});
