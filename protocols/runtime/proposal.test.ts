import { describe, expect, it } from 'vitest';
import { proposeNext } from './proposal';
import { Driver, protocolOf, testContext } from './testing';

const protocol = protocolOf({
  safety: { ceiling: 60, baselineMargin: 15 },
  steps: [
    { type: 'baseline', scene: 'gallery', durationSeconds: 60, rateAt: ['end'] },
    { type: 'exposure', scene: 'bar', level: 2, minSeconds: 60, maxSeconds: 300, ratingEverySeconds: 30, advance: { rule: 'threshold', atOrBelow: 30, consecutive: 2 }, stepBack: { above: 85 } },
    { type: 'washout', scene: 'gallery', untilNearBaseline: { margin: 10 }, maxSeconds: 300, ratingEverySeconds: 60 },
  ],
});

/** A session past its baseline (rated `baseline`), in the exposure step at bar level 2. */
function inExposure(baseline = 20) {
  const d = new Driver(testContext(protocol));
  d.send({ kind: 'link', up: true });
  d.command({ type: 'preCheck', answers: { intoxicated: 'no' } });
  d.applyDirective();
  d.advance(60_000);
  d.answer(baseline);
  d.applyDirective();
  expect(d.state.protocol?.stepIndex).toBe(1);
  return d;
}

const next = (d: Driver) => proposeNext(d.state, protocol, d.now);

/** Answers the prompts that open over `ms`, one value each. */
function rate(d: Driver, ms: number, values: number[]) {
  const end = d.now + ms;
  while (d.now < end) {
    if (d.state.directive.prompt && values.length) d.answer(values.shift()!);
    const a = d.state.applied?.scene;
    const w = d.state.directive.scene;
    if (!a || a.sceneId !== w.sceneId || a.level !== w.level) d.applyDirective();
    d.advance(1_000);
  }
}

describe('what the runtime proposes next', () => {
  it('proposes nothing before the check, without a protocol, or while paused', () => {
    const d = new Driver(testContext(protocol));
    expect(next(d)).toBeNull();
    const manual = new Driver(testContext(null));
    expect(proposeNext(manual.state, null, manual.now)).toBeNull();
    const e = inExposure();
    e.command({ type: 'emergencyStop' });
    expect(next(e)).toBeNull();
  });

  it('holds during the baseline, saying how long is left', () => {
    const d = new Driver(testContext(protocol));
    d.send({ kind: 'link', up: true });
    d.command({ type: 'preCheck', answers: { intoxicated: 'no' } });
    d.applyDirective();
    d.advance(15_000);
    expect(next(d)).toEqual({ kind: 'hold', reason: 'baseline', rule: null, secondsLeft: 45 });
  });

  it('holds while habituating, with the rule, the current value and the ratings still needed', () => {
    const d = inExposure();
    rate(d, 31_000, [55]);
    expect(next(d)).toMatchObject({ kind: 'hold', reason: 'habituating', rule: { rule: 'threshold', limit: 30, current: 55, have: 1, need: 2 } });
  });

  it('holds for the minimum time when the rule is met early, then the runtime advances by itself', () => {
    const d = inExposure();
    // Ratings fall due every 30 s: two low ones by 60 s, and the minimum time is 60 s.
    d.command({ type: 'requestRating', scale: 'vas' });
    d.answer(20);
    d.command({ type: 'requestRating', scale: 'vas' });
    d.answer(20);
    expect(next(d)).toMatchObject({ kind: 'hold', reason: 'min-time', rule: { limit: 30, current: 20, have: 2, need: 2 }, secondsLeft: 60 });
  });

  it('proposes to advance when the rule is met but the clinician holds the step; confirming advances', () => {
    const d = inExposure();
    d.command({ type: 'hold', on: true });
    rate(d, 65_000, [25, 20]);
    expect(d.state.protocol?.stepIndex).toBe(1);
    expect(next(d)).toMatchObject({ kind: 'advance', reason: 'on-hold', rule: { limit: 30, current: 20 } });
    d.command({ type: 'advance' });
    expect(d.state.protocol?.stepIndex).toBe(2);
  });

  it('proposes a step back above the step-back limit, and not again for the lower level until a new rating', () => {
    const d = inExposure();
    d.command({ type: 'hold', on: true });
    // The runtime steps back by itself on a rating above 85; held at level 1 by hand, the next says so again.
    d.command({ type: 'requestRating', scale: 'vas' });
    d.answer(90);
    expect(d.state.directive.scene.level).toBe(1);
    expect(next(d)).toMatchObject({ kind: 'hold', reason: 'habituating' });
    d.applyDirective();
    d.command({ type: 'setLevel', level: 2 });
    d.applyDirective();
    d.state.ratings.push({ value: 92, at: d.now, source: 'spoken', step: 1, level: 2 });
    expect(next(d)).toEqual({ kind: 'stepBack', reason: 'ceiling', current: 92, limit: 85 });
  });

  it('proposes wash-out above the step-back limit at level 0, and when a held step is past its maximum', () => {
    const d = inExposure();
    d.command({ type: 'hold', on: true });
    d.command({ type: 'setLevel', level: 0 });
    d.applyDirective();
    d.state.ratings.push({ value: 90, at: d.now, source: 'spoken', step: 1, level: 0 });
    expect(next(d)).toMatchObject({ kind: 'washout', reason: 'ceiling', current: 90, limit: 85 });
    d.state.ratings.pop();
    d.advance(301_000);
    expect(next(d)).toMatchObject({ kind: 'washout', reason: 'max-time' });
    // Confirming: the wash-out command goes straight to the protocol's wash-out step.
    d.command({ type: 'washout' });
    expect(d.state.protocol?.stepIndex).toBe(2);
    expect(d.state.directive.scene).toEqual({ sceneId: 'gallery', level: 0 });
    expect(d.records.find((r) => r.type === 'decision.washout')?.data).toMatchObject({ reason: 'clinician' });
  });

  it('in wash-out: holds until near baseline, then proposes to advance; never proposes to end with high craving', () => {
    const d = inExposure(20);
    d.command({ type: 'washout' });
    d.applyDirective();
    d.command({ type: 'hold', on: true });
    d.command({ type: 'requestRating', scale: 'vas' });
    d.answer(70);
    expect(next(d)).toMatchObject({ kind: 'hold', reason: 'washing-out', rule: { rule: 'nearBaseline', limit: 30, current: 70 } });
    // Advancing past the last step with craving 70 does not end the session: the close gate washes out.
    d.command({ type: 'advance' });
    expect(d.state.status).toBe('open');
    expect(next(d)).toEqual({ kind: 'washout', reason: 'close-gate', current: 70, limit: 35 });
  });
});

describe('overriding a proposal', () => {
  it('is logged with the proposal it overrides and its reason; declining an advance holds the step', () => {
    const d = inExposure();
    d.command({ type: 'hold', on: true });
    rate(d, 65_000, [25, 20]);
    d.command({ type: 'hold', on: false });
    // Released, the runtime would advance at the next rating: the override keeps the step.
    const proposal = next(d);
    expect(proposal).toMatchObject({ kind: 'advance' });
    d.command({ type: 'overrideProposal', kind: 'advance', reason: 'Patient reports the urge is coming back' });
    expect(d.state.protocol?.hold).toBe(true);
    const logged = d.records.find((r) => r.type === 'override.proposal');
    expect(logged?.data).toMatchObject({ proposal, reason: 'Patient reports the urge is coming back' });
  });

  it('is refused when the runtime proposes something else now, and changes nothing', () => {
    const d = inExposure();
    const before = structuredClone(d.state);
    const r = d.command({ type: 'overrideProposal', kind: 'advance', reason: 'a reason that is long enough' }, { allowRefusal: true });
    expect(r).toMatchObject({ ok: false, code: 'conflict' });
    expect(d.state).toEqual(before);
  });

  it('is refused before the pre-session check', () => {
    const d = new Driver(testContext(protocol));
    expect(d.command({ type: 'overrideProposal', kind: 'hold', reason: 'a reason that is long enough' }, { allowRefusal: true }).ok).toBe(false);
  });
});

describe('clinician notes', () => {
  it('are appended to the log as clinician notes, in any phase, even after the session ended', () => {
    const d = new Driver(testContext(null));
    d.command({ type: 'note', text: 'Patient arrived tired, slept badly.' });
    d.send({ kind: 'link', up: true });
    d.command({ type: 'preCheck', answers: { 'abstinent-today': 'yes', intoxicated: 'no', 'acute-crisis': 'no' } });
    d.command({ type: 'end' });
    expect(d.state.status).toBe('ended');
    const before = structuredClone(d.state);
    d.command({ type: 'note', text: 'Debrief: coped well.' });
    expect(d.state).toEqual(before);
    expect(d.records.filter((r) => r.type === 'note').map((r) => r.data.text)).toEqual(['Patient arrived tired, slept badly.', 'Debrief: coped well.']);
  });
});
