import { describe, expect, it } from 'vitest';
import { SAFE_SCENE } from '../../scenes/manifests';
import { Driver, protocolOf, testContext, wid } from './testing';

const CHECK_OK = { answers: { 'abstinent-today': 'yes', intoxicated: 'no', 'acute-crisis': 'no' } } as const;

function manual(opts?: ConstructorParameters<typeof Driver>[1]) {
  const d = new Driver(testContext(null), opts);
  d.send({ kind: 'link', up: true });
  d.applyDirective();
  return d;
}

describe('pre-session check and patient status', () => {
  it('refuses steering until the check is done, and refuses incomplete answers', () => {
    const d = manual();
    expect(d.command({ type: 'setScene', sceneId: 'bar', level: 1 }, { allowRefusal: true }).ok).toBe(false);
    expect(d.command({ type: 'preCheck', answers: { intoxicated: 'no' } }, { allowRefusal: true })).toMatchObject({ ok: false, message: expect.stringMatching(/abstinent-today/) });
    d.command({ type: 'preCheck', ...CHECK_OK });
    expect(d.state.phase).toBe('running');
  });

  it('an "intoxicated" answer blocks the session', () => {
    const d = manual();
    d.command({ type: 'preCheck', answers: { ...CHECK_OK.answers, intoxicated: 'yes' } });
    expect(d.state.phase).toBe('blocked');
    expect(d.command({ type: 'setScene', sceneId: 'bar', level: 1 }, { allowRefusal: true }).ok).toBe(false);
    expect(d.command({ type: 'requestRating', scale: 'vas' }, { allowRefusal: true }).ok).toBe(false);
  });

  it('a patient in active use cannot start, nor be prompted, without a written override', () => {
    const d = manual({ patientActiveUse: true });
    expect(d.command({ type: 'preCheck', ...CHECK_OK }, { allowRefusal: true }).ok).toBe(false);
    d.command({ type: 'override', target: 'patientActiveUse', reason: 'Harm-reduction session agreed with the patient' });
    d.command({ type: 'preCheck', ...CHECK_OK });
    d.command({ type: 'requestRating', scale: 'vas' });
    expect(d.state.directive.prompt).not.toBeNull();
    expect(d.types()).toContain('override.patientActiveUse');
  });
});

describe('active-use gate', () => {
  function atBarLevel(level: number) {
    const d = manual();
    d.command({ type: 'preCheck', ...CHECK_OK });
    d.command({ type: 'setScene', sceneId: 'bar', level });
    d.applyDirective(0);
    return d;
  }

  it('defers a prompt that falls due during an active-use segment until the segment and its cool-down are over', () => {
    // Bar level 3: "a patron drinks" from 20 s to 26 s, every 45 s. Cool-down 15 s, answer time 20 s.
    const d = atBarLevel(3);
    const t0 = d.now;
    d.advance(21_000);
    d.command({ type: 'requestRating', scale: 'vas' });
    expect(d.state.directive.prompt).toBeNull();
    expect(d.state.pending).toMatchObject({ deferred: true, reason: 'active-use', until: t0 + 26_000 + 15_000 });
    d.advance(19_000);
    expect(d.state.directive.prompt).toBeNull();
    d.advance(1_000);
    expect(d.state.directive.prompt?.issuedAt).toBe(t0 + 41_000);
    expect(d.types()).toEqual(expect.arrayContaining(['rating.deferred', 'rating.prompted']));
  });

  it('does not open a prompt when active use would start before the patient can answer', () => {
    const d = atBarLevel(3);
    const t0 = d.now;
    d.advance(5_000); // the patron drinks at 20 s: only 15 s away, less than the 20 s to answer
    d.command({ type: 'requestRating', scale: 'vas' });
    expect(d.state.directive.prompt).toBeNull();
    expect(d.state.pending?.until).toBe(t0 + 41_000);
  });

  it('a level where active use never leaves a safe moment never gets a prompt', () => {
    const d = atBarLevel(4); // the friend offers every 40 s for 8 s: 8 + 15 + 20 > 40
    d.command({ type: 'requestRating', scale: 'vas' });
    d.advance(10 * 60_000);
    expect(d.types()).not.toContain('rating.prompted');
    expect(d.state.pending?.deferred).toBe(true);
  });

  it('an active-use segment reported by the headset withdraws an open prompt and blocks until its end plus cool-down', () => {
    const d = atBarLevel(3);
    const t0 = d.now;
    d.advance(41_000); // after the first sip (20–26 s) and its cool-down
    d.command({ type: 'requestRating', scale: 'vas' });
    expect(d.state.directive.prompt?.issuedAt).toBe(t0 + 41_000);
    // The headset's clock runs early: it shows the next sip now. The server believes the headset.
    d.send({ kind: 'segment', report: { id: wid(), segmentId: 'patron-sips', showing: true } });
    expect(d.state.directive.prompt).toBeNull();
    expect(d.types()).toContain('rating.cancelled');
    d.advance(4_000);
    d.send({ kind: 'segment', report: { id: wid(), segmentId: 'patron-sips', showing: false } });
    d.advance(60_000);
    const reissued = d.records.filter((r) => r.type === 'rating.prompted').at(-1)!;
    // Not before the reported end + 15 s, and not while the manifest's next sip (65–71 s) is near.
    expect(reissued.at).toBe(t0 + 71_000 + 15_000);
  });

  it('a rating is accepted only in answer to the open prompt, and spoken ratings only at safe moments', () => {
    const d = atBarLevel(2);
    expect(d.send({ kind: 'rating', submission: { id: wid(), promptId: wid(), value: 10 } }, { allowRefusal: true }).ok).toBe(false);
    d.command({ type: 'requestRating', scale: 'vas' });
    d.answer(42);
    expect(d.state.ratings.at(-1)?.value).toBe(42);
    const bar3 = atBarLevel(3);
    bar3.advance(21_000);
    expect(bar3.command({ type: 'spokenRating', scale: 'vas', value: 30 }, { allowRefusal: true })).toMatchObject({ ok: false, message: expect.stringMatching(/active-use/) });
  });
});

describe('stops and pauses', () => {
  it('emergency stop always goes to the safe scene and cancels prompts; resuming needs the clinician', () => {
    const d = manual();
    d.command({ type: 'preCheck', ...CHECK_OK });
    d.command({ type: 'setScene', sceneId: 'bar', level: 2 });
    d.applyDirective();
    d.command({ type: 'requestRating', scale: 'vas' });
    d.command({ type: 'emergencyStop' });
    expect(d.state.directive).toMatchObject({ scene: SAFE_SCENE, stopped: true, prompt: null });
    expect(d.command({ type: 'setLevel', level: 3 }, { allowRefusal: true }).ok).toBe(false);
    d.command({ type: 'emergencyStop' }); // pressing again is never refused
    d.command({ type: 'resume' });
    expect(d.state.directive.stopped).toBe(false);
  });

  it('emergency stop works even before the pre-session check', () => {
    const d = manual();
    d.command({ type: 'emergencyStop' });
    expect(d.state.directive.stopped).toBe(true);
  });

  it('a lost headset link pauses the session after the grace period and stays paused after reconnecting', () => {
    const d = manual();
    d.command({ type: 'preCheck', ...CHECK_OK });
    d.command({ type: 'setScene', sceneId: 'bar', level: 2 });
    d.applyDirective();
    d.send({ kind: 'link', up: false });
    d.advance(2_900);
    expect(d.state.pause).toBeNull();
    d.advance(200);
    expect(d.state.pause).toBe('link');
    expect(d.state.directive.scene).toEqual(SAFE_SCENE);
    d.send({ kind: 'link', up: true });
    d.advance(10_000);
    expect(d.state.pause).toBe('link');
    d.command({ type: 'resume' });
    expect(d.state.pause).toBeNull();
  });

  it('the patient can pause from the headset', () => {
    const d = manual();
    d.command({ type: 'preCheck', ...CHECK_OK });
    d.send({ kind: 'pause', writeId: wid() });
    expect(d.state.pause).toBe('patient');
    expect(d.types()).toContain('patient.pause');
  });
});

describe('close gate', () => {
  it('ending with craving above the ceiling goes to wash-out; an override with a reason ends it', () => {
    const d = manual();
    d.command({ type: 'preCheck', ...CHECK_OK });
    d.command({ type: 'spokenRating', scale: 'vas', value: 20 });
    d.command({ type: 'spokenRating', scale: 'vas', value: 80 });
    d.command({ type: 'end' });
    expect(d.state.status).toBe('open');
    expect(d.types()).toContain('decision.washout');
    d.command({ type: 'override', target: 'close', reason: 'Patient requests to stop; seen by nurse after' });
    d.command({ type: 'end' });
    expect(d.state.status).toBe('ended');
  });

  it('ends normally once craving is back near baseline', () => {
    const d = manual();
    d.command({ type: 'preCheck', ...CHECK_OK });
    d.command({ type: 'spokenRating', scale: 'vas', value: 20 });
    d.command({ type: 'spokenRating', scale: 'vas', value: 30 });
    d.command({ type: 'end' });
    expect(d.state.status).toBe('ended');
  });
});

describe('protocol steps', () => {
  const protocol = protocolOf({
    steps: [
      { type: 'baseline', scene: 'gallery', durationSeconds: 60, rateAt: ['end'] },
      { type: 'exposure', scene: 'bar', level: 2, minSeconds: 60, maxSeconds: 300, ratingEverySeconds: 30, advance: { rule: 'dropFromPeak', percent: 50, consecutive: 2 }, stepBack: { above: 85 } },
      { type: 'exposure', scene: 'bar', level: 3, minSeconds: 60, maxSeconds: 120, ratingEverySeconds: 30, advance: { rule: 'threshold', atOrBelow: 10, consecutive: 2 } },
      { type: 'washout', scene: 'gallery', untilNearBaseline: { margin: 10 }, maxSeconds: 300, ratingEverySeconds: 60 },
    ],
  });

  function started() {
    const d = new Driver(testContext(protocol));
    d.send({ kind: 'link', up: true });
    d.command({ type: 'preCheck', answers: { intoxicated: 'no' } });
    d.applyDirective();
    return d;
  }

  /** Answers each prompt as it opens with the value the function gives, applying scene changes at once. */
  function run(d: Driver, ms: number, craving: () => number) {
    const end = d.now + ms;
    while (d.now < end && d.state.status === 'open') {
      if (d.state.directive.prompt) d.answer(craving());
      const a = d.state.applied;
      if (!a || a.scene.sceneId !== d.state.directive.scene.sceneId || a.scene.level !== d.state.directive.scene.level) d.applyDirective();
      d.advance(1_000);
    }
  }

  it('measures a baseline, advances on the drop-from-peak rule, and washes out to the end', () => {
    const d = started();
    expect(d.state.directive.scene).toEqual({ sceneId: 'gallery', level: 0 });
    let values = [20, 70, 60, 30, 30, 10, 10, 10, 10, 10, 20, 20, 20];
    run(d, 20 * 60_000, () => values.shift() ?? 20);
    const steps = d.records.filter((r) => r.type === 'step.started').map((r) => r.data.index);
    expect(steps).toEqual([0, 1, 2, 3]);
    expect(d.state.baseline).toBe(20);
    expect(d.records.find((r) => r.type === 'decision.advance' && String(r.data.reason).includes('below peak'))).toBeDefined();
    expect(d.state.status).toBe('ended');
    values = [];
  });

  it('steps back when craving exceeds the ceiling, and skips to wash-out when there is no habituation', () => {
    const d = started();
    run(d, 20 * 60_000, () => (d.state.protocol?.stepIndex === 0 ? 20 : 90));
    expect(d.types()).toContain('decision.stepBack');
    expect(d.types()).toContain('decision.notHabituated');
    // Craving stays high: the close gate keeps the session open in wash-out, waiting for the clinician.
    expect(d.state.status).toBe('open');
    expect(d.state.protocol?.finished).toBe(true);
    expect(d.types()).toContain('decision.washout');
  });

  it('time paused does not count toward a step', () => {
    const d = started();
    d.advance(20_000);
    d.command({ type: 'emergencyStop' });
    d.advance(10 * 60_000);
    expect(d.state.protocol?.stepIndex).toBe(0);
    d.command({ type: 'resume' });
    expect(d.state.protocol?.stepIndex).toBe(0);
  });

  it('rotates counterbalanced contexts across a patient’s sessions', () => {
    const p = protocolOf({
      contexts: { scenes: ['bar', 'gallery'], order: 'rotate' },
      steps: [{ type: 'washout', scene: 'gallery', untilNearBaseline: { margin: 10 }, maxSeconds: 60, ratingEverySeconds: 30 }],
    });
    const contexts = [0, 1, 2, 3].map((i) => new Driver(testContext(p), { sessionIndex: i }).state.protocol?.context);
    expect(contexts).toEqual(['bar', 'gallery', 'bar', 'gallery']);
  });
});

describe('posture, re-centring and personalisation', () => {
  it('a posture change and a re-centre each ask the headset to re-align, and are logged', () => {
    const d = manual();
    expect(d.state.directive).toMatchObject({ posture: 'seated', recenter: 0, personalisation: {} });
    d.command({ type: 'setPosture', posture: 'standing' });
    expect(d.state.directive).toMatchObject({ posture: 'standing', recenter: 1 });
    d.command({ type: 'recenter' });
    expect(d.state.directive.recenter).toBe(2);
    expect(d.types()).toEqual(expect.arrayContaining(['headset.posture', 'headset.recentered']));
  });

  it('personalisation values are checked against what the scenes declare, and a bad one changes nothing', () => {
    const d = manual();
    d.command({ type: 'personalise', values: { 'preferred-drink': 'wine', 'label-colour': '#2255aa', 'label-text': 'Château X' } });
    expect(d.state.directive.personalisation).toEqual({ 'preferred-drink': 'wine', 'label-colour': '#2255aa', 'label-text': 'Château X' });
    const before = structuredClone(d.state);
    for (const [values, why] of [
      [{ 'preferred-drink': 'absinthe' }, /expected one of beer, wine, spirits/],
      [{ 'label-colour': 'red' }, /#rrggbb/],
      [{ 'label-text': 'A label far too long' }, /1–14/],
      [{ 'favourite-bar': 'x' }, /no scene declares/],
    ] as const) {
      expect(d.command({ type: 'personalise', values }, { allowRefusal: true })).toMatchObject({ ok: false, message: expect.stringMatching(why) });
    }
    expect(d.state).toEqual(before);
  });

  it('a session stored before these settings existed gets the defaults', () => {
    const d = manual();
    const { posture: _p, recenter: _r, personalisation: _v, ...old } = d.state.directive;
    d.state = { ...d.state, directive: old as typeof d.state.directive };
    d.command({ type: 'recenter' });
    expect(d.state.directive).toMatchObject({ posture: 'seated', recenter: 1, personalisation: {} });
  });
});

describe('rating corrections', () => {
  function withSpoken(...values: number[]) {
    const d = manual();
    d.command({ type: 'preCheck', ...CHECK_OK });
    const ids = values.map((value) => {
      d.command({ type: 'spokenRating', scale: 'vas', value });
      return d.records.at(-1)!.data.ratingId as string;
    });
    return { d, ids };
  }
  const correct = (ratingId: string, value: number, original: number, scale: 'vas' | 'nrs10' = 'vas') => ({
    kind: 'command' as const,
    writeId: wid(),
    command: { type: 'correctRating' as const, ratingId, value, reason: 'typed 80 instead of 8' },
    target: { id: ratingId, scale, value: original },
  });

  it('appends a rating.corrected record, stores no new rating, and the close gate uses the corrected value', () => {
    const { d, ids } = withSpoken(10, 80);
    const out = d.send(correct(ids[1]!, 8, 80));
    expect(out).toMatchObject({ ok: true, records: [{ actor: 'clinician', type: 'rating.corrected', data: { ratingId: ids[1], original: 80, value: 8, reason: 'typed 80 instead of 8' } }] });
    expect(out.ok && out.rating).toBeUndefined();
    expect(d.state.ratings.at(-1)?.value).toBe(8);
    d.command({ type: 'end' });
    expect(d.state.status).toBe('ended');
    expect(d.types()).not.toContain('decision.washout');
  });

  it('a corrected first rating is the corrected baseline when steering by hand', () => {
    const { d, ids } = withSpoken(50);
    expect(d.state.baseline).toBe(50);
    d.send(correct(ids[0]!, 5, 50));
    expect(d.state.baseline).toBe(5);
  });

  it('refuses a rating it was not given, a value off the scale, and a target with another id', () => {
    const { d, ids } = withSpoken(30);
    const unknown = { type: 'correctRating' as const, ratingId: ids[0]!, value: 3, reason: 'wrong one' };
    expect(d.command(unknown, { allowRefusal: true })).toMatchObject({ ok: false, message: /no rating with this id/ });
    expect(d.send(correct(ids[0]!, 11, 3, 'nrs10'), { allowRefusal: true })).toMatchObject({ ok: false, message: /at most 10/ });
    expect(d.send({ ...correct(ids[0]!, 3, 30), target: { id: wid(), scale: 'vas', value: 30 } }, { allowRefusal: true })).toMatchObject({ ok: false });
    expect(d.types()).not.toContain('rating.corrected');
  });

  it('still corrects after the session ended, while every other command is refused', () => {
    const { d, ids } = withSpoken(10, 12);
    d.command({ type: 'end' });
    expect(d.state.status).toBe('ended');
    expect(d.send(correct(ids[0]!, 11, 10)).ok).toBe(true);
    expect(d.command({ type: 'requestRating', scale: 'vas' }, { allowRefusal: true }).ok).toBe(false);
    expect(d.types().at(-1)).toBe('rating.corrected');
  });
});

describe('the headset acknowledging a directive that kept its scene', () => {
  it('keeps the level clock and what active use shows, and logs no new scene', () => {
    const d = manual();
    d.command({ type: 'preCheck', ...CHECK_OK });
    d.command({ type: 'setScene', sceneId: 'bar', level: 3 });
    d.applyDirective(0);
    d.advance(21_000);
    d.send({ kind: 'segment', report: { id: wid(), segmentId: 'patron-sips', showing: true } });
    const { levelStartedAt } = d.state;
    const applied = d.types().filter((t) => t === 'scene.applied').length;
    d.command({ type: 'personalise', values: { 'preferred-drink': 'wine' } });
    d.applyDirective(21_000);
    expect(d.state.activeUse.showing).toEqual(['patron-sips']);
    expect(d.state.levelStartedAt).toBe(levelStartedAt);
    expect(d.state.applied?.revision).toBe(d.state.directive.revision);
    expect(d.types().filter((t) => t === 'scene.applied')).toHaveLength(applied);
    // Still no prompt while the patron drinks.
    d.command({ type: 'requestRating', scale: 'vas' });
    expect(d.state.directive.prompt).toBeNull();
  });

  it('follows the headset when it started the level again (it faded to safe after a link loss): a new level clock', () => {
    const d = manual();
    d.command({ type: 'preCheck', ...CHECK_OK });
    d.command({ type: 'setScene', sceneId: 'bar', level: 3 });
    d.applyDirective(0);
    d.advance(10_000);
    const first = d.state.levelStartedAt;
    d.send({ kind: 'link', up: false });
    d.advance(2_000);
    d.send({ kind: 'link', up: true });
    // Same scene, same level, same revision, but the headset's level clock is at zero again.
    d.applyDirective(0);
    expect(d.state.levelStartedAt).toBe(d.now);
    expect(d.state.levelStartedAt).not.toBe(first);
    expect(d.types().at(-1)).toBe('scene.applied');
  });
});
