import { seededRandom } from '../../scenes/kit/seededRandom';
import type {
  AppliedReport,
  AttentionReport,
  ClinicianCommand,
  HeadsetDirective,
  PersonalisationValues,
  RatingScale,
  RatingSubmission,
  ScenePlacement,
  SegmentReport,
} from '../../contract';
import { RATING_MAX } from '../../contract';
import { personalisationProblem } from '../../scenes/personalisation';
import { cuesAtLevel } from '../../scenes/manifestSchema';
import { hierarchySlot } from '../hierarchy';
import { DEFAULT_PRE_SESSION_CHECK, HIERARCHY, type Protocol, type Step } from '../schema';
import { activeUseWindows, promptBlock, safetyOf } from './gate';
import { proposeNext } from './proposal';
import { advanceMet, closeBlock } from './rules';
import type { CorrectionTarget, Decision, LogRecord, RatingRecord, RuntimeContext, SessionState } from './state';

// The protocol runtime: decide(state, input, now, ctx) → new state, log records and the next time it
// must be woken. Pure: no I/O, no clock, ids from ctx. The server stores what it returns, then emits.

export type SessionInput =
  | { kind: 'tick' }
  /** `target`: for correctRating, the stored rating it corrects (absent if no such rating in this session). */
  | { kind: 'command'; writeId: string; command: ClinicianCommand; target?: CorrectionTarget }
  | { kind: 'applied'; report: AppliedReport }
  | { kind: 'segment'; report: SegmentReport }
  | { kind: 'attention'; report: AttentionReport }
  | { kind: 'rating'; submission: RatingSubmission }
  | { kind: 'pause'; writeId: string }
  | { kind: 'link'; up: boolean }
  | { kind: 'paired' };

export interface StartOptions {
  protocol: Protocol | null;
  patientActiveUse: boolean;
  activeUseOverride: string | null;
  /** How many sessions this patient had before: drives counterbalancing. */
  sessionIndex: number;
  safeScene: ScenePlacement;
  /** The patient's hierarchy items for `scene: hierarchy` steps, in order (see protocols/hierarchy.ts). */
  hierarchy?: ScenePlacement[];
  /** The patient's saved personalisation, carried by the first directive. */
  personalisation?: PersonalisationValues;
}

/** Headset settings a directive carries; sessions stored before they existed get these. */
const HEADSET_DEFAULTS = { posture: 'seated', recenter: 0, personalisation: {} } as const satisfies Partial<HeadsetDirective>;

/** The scene `scene: context` steps show in the patient's session number `sessionIndex` (counterbalancing). */
export function contextFor(p: Protocol | null, sessionIndex: number): string | null {
  if (!p?.contexts) return null;
  const n = p.contexts.scenes.length;
  // `random` is a seeded shuffle per patient session index, so a re-run reproduces it.
  const i = p.contexts.order === 'rotate' ? sessionIndex % n : Math.floor(seededRandom(sessionIndex + 1)() * n);
  return p.contexts.scenes[i]!;
}

export function startState(o: StartOptions): SessionState {
  const p = o.protocol;
  const context = contextFor(p, o.sessionIndex);
  return {
    status: 'open',
    phase: 'check',
    pause: null,
    directive: { ...HEADSET_DEFAULTS, personalisation: { ...o.personalisation }, revision: 0, commandId: null, scene: { ...o.safeScene }, stopped: false, prompt: null, guidance: null, event: null },
    applied: null,
    levelStartedAt: null,
    link: { up: false, downSince: null },
    activeUse: { showing: [], lastEndedAt: null, events: [] },
    pending: null,
    ratings: [],
    baseline: null,
    protocol: p
      ? {
          id: p.id,
          version: p.version,
          stepIndex: -1,
          stepElapsedMs: 0,
          runningSince: null,
          nextRatingAtMs: null,
          level: null,
          peak: null,
          hold: false,
          context,
          hierarchy: o.hierarchy ?? [],
          finished: false,
          awaitingEndRating: false,
        }
      : null,
    patientActiveUse: o.patientActiveUse,
    overrides: { patientActiveUse: o.activeUseOverride, close: null },
  };
}

/** How far the headset's report of when a level started may drift from ours (transit, frame timing). */
const LEVEL_CLOCK_TOLERANCE_MS = 1000;

/** A mutable working copy for one decision; the caller's state is never touched. */
class Draft {
  s: SessionState;
  records: LogRecord[] = [];
  rating?: RatingRecord;
  ended = false;

  constructor(
    state: SessionState,
    readonly now: number,
    readonly ctx: RuntimeContext,
  ) {
    this.s = structuredClone(state);
    this.s.directive = { ...HEADSET_DEFAULTS, ...this.s.directive };
  }

  log(actor: LogRecord['actor'], type: string, data: Record<string, unknown> = {}) {
    this.records.push({ actor, type, data });
  }

  redirect(patch: Partial<HeadsetDirective>, commandId: string | null) {
    const before = this.s.directive;
    const moved = patch.scene && (patch.scene.sceneId !== before.scene.sceneId || patch.scene.level !== before.scene.level);
    this.s.directive = { ...before, ...patch, revision: before.revision + 1, commandId };
    // A new scene or level brings its own timeline: an open question is withdrawn and asked again when safe.
    if (moved && before.prompt && patch.prompt === undefined) {
      this.s.directive.prompt = null;
      this.log('runtime', 'rating.cancelled', { promptId: before.prompt.promptId, reason: 'scene-change' });
      if (this.s.status === 'open' && !this.s.pause) this.s.pending = { due: this.now, deferred: false, reason: null, until: null };
    }
  }

  get running(): boolean {
    return this.s.status === 'open' && this.s.phase === 'running' && this.s.pause === null;
  }

  step(): Step | undefined {
    const run = this.s.protocol;
    return run && !run.finished ? this.ctx.protocol?.steps[run.stepIndex] : undefined;
  }

  stepElapsedMs(): number {
    const run = this.s.protocol!;
    return run.stepElapsedMs + (run.runningSince !== null ? this.now - run.runningSince : 0);
  }

  /** Where step `index` (by default the current one) takes the patient: context and hierarchy resolved. */
  placementOf(step: Step, index = this.s.protocol?.stepIndex ?? -1): ScenePlacement {
    const level = ('level' in step ? step.level : undefined) ?? 0;
    if (step.scene === HIERARCHY) {
      const item = this.s.protocol?.hierarchy?.[hierarchySlot(this.ctx.protocol?.steps ?? [], index)];
      return item ? { ...item } : { ...this.ctx.safeScene };
    }
    return { sceneId: step.scene === 'context' ? (this.s.protocol?.context ?? this.ctx.safeScene.sceneId) : step.scene, level };
  }

  sceneOf(step: Step): string {
    return this.placementOf(step).sceneId;
  }
}

const reject = (message: string): Decision => ({ ok: false, code: 'rejected', message });

export function decide(state: SessionState, input: SessionInput, now: number, ctx: RuntimeContext): Decision {
  // A mistyped rating can still be corrected after the session ended: the record must be right.
  // So can a note be added: the clinician's record of the session.
  const afterwards = input.kind === 'command' && (input.command.type === 'correctRating' || input.command.type === 'note');
  if (state.status === 'ended' && !afterwards) return reject('the session has ended');
  const d = new Draft(state, now, ctx);
  const refused = handle(d, input);
  if (refused) return refused;
  settle(d);
  return { ok: true, state: d.s, records: d.records, rating: d.rating, ended: d.ended || undefined, wakeAt: wakeAt(d) };
}

function handle(d: Draft, input: SessionInput): Decision | null {
  const s = d.s;
  switch (input.kind) {
    case 'tick':
      return null;
    case 'paired':
      d.log('clinician', 'headset.paired');
      return null;
    case 'link':
      if (input.up === s.link.up) return null;
      s.link = { up: input.up, downSince: input.up ? null : d.now };
      d.log('server', input.up ? 'headset.connected' : 'headset.disconnected');
      return null;
    case 'applied': {
      const r = input.report;
      const newer = !s.applied || r.revision >= s.applied.revision;
      const moved = !s.applied || s.applied.scene.sceneId !== r.scene.sceneId || s.applied.scene.level !== r.scene.level;
      // The headset's own level clock says whether it kept showing the level or started it again (after a
      // link loss it faded to the safe scene by itself): the gate must follow the timeline actually shown.
      const restarted = s.levelStartedAt === null || Math.abs(d.now - r.sinceMs - s.levelStartedAt) > LEVEL_CLOCK_TOLERANCE_MS;
      if (newer && !moved && !restarted) {
        // The same scene and level, still showing, acknowledged again (posture, personalisation,
        // re-centring): its timeline and what active use shows are unchanged.
        s.applied = { ...s.applied!, revision: r.revision };
        return null;
      }
      if (newer) {
        // Active use seen just before the level changed still needs its cool-down.
        const seen = activeUseWindows(s, d.ctx, d.now - safetyOf(d.ctx).cooldownSeconds * 1000, d.now).filter((w) => w.start < d.now);
        const endedAt = Math.max(s.activeUse.lastEndedAt ?? -Infinity, ...seen.map((w) => Math.min(w.end, d.now)), s.activeUse.showing.length ? d.now : -Infinity);
        if (Number.isFinite(endedAt)) s.activeUse.lastEndedAt = endedAt;
        s.applied = { revision: r.revision, scene: r.scene, at: d.now };
        s.levelStartedAt = d.now - r.sinceMs;
        s.activeUse.showing = [];
      }
      // sinceMs dates the level's segment clock, so the log alone can replay when active use showed.
      d.log('headset', 'scene.applied', { revision: r.revision, ...r.scene, sinceMs: r.sinceMs });
      return null;
    }
    case 'segment':
      return segment(d, input.report);
    case 'attention':
      return attention(d, input.report);
    case 'rating':
      return headsetRating(d, input.submission);
    case 'pause':
      pause(d, 'patient', input.writeId, 'headset');
      return null;
    case 'command':
      return command(d, input.writeId, input.command, input.target);
  }
}

function segment(d: Draft, r: SegmentReport): Decision | null {
  const s = d.s;
  const scene = s.applied && d.ctx.findScene(s.applied.scene.sceneId);
  const seg = scene?.levels[s.applied!.scene.level]?.segments.find((x) => x.id === r.segmentId);
  if (!seg) return reject(`segment "${r.segmentId}" is not part of the shown scene level`);
  d.log('headset', r.showing ? 'segment.started' : 'segment.ended', { segmentId: r.segmentId, activeUse: seg.activeUse });
  if (!seg.activeUse) return null;
  if (r.showing) {
    if (!s.activeUse.showing.includes(r.segmentId)) s.activeUse.showing.push(r.segmentId);
    cancelPrompt(d, 'active-use-started');
  } else {
    s.activeUse.showing = s.activeUse.showing.filter((x) => x !== r.segmentId);
    s.activeUse.lastEndedAt = d.now;
  }
  return null;
}

/** Gaze dwell from the headset: stored as measured, once every cue id is one that level can show. */
function attention(d: Draft, r: AttentionReport): Decision | null {
  const scene = d.ctx.findScene(r.sceneId);
  if (!scene?.levels[r.level]) return reject(`scene "${r.sceneId}" has no level ${r.level}`);
  const shown = new Set(cuesAtLevel(scene, r.level).map((c) => c.id));
  const unknown = Object.keys(r.dwellMs).filter((id) => !shown.has(id));
  if (unknown.length) return reject(`not cues of ${r.sceneId} level ${r.level}: ${unknown.join(', ')}`);
  d.log('headset', 'attention.dwell', { sceneId: r.sceneId, level: r.level, dwellMs: r.dwellMs });
  return null;
}

function cancelPrompt(d: Draft, reason: string) {
  const p = d.s.directive.prompt;
  if (!p) return;
  d.redirect({ prompt: null }, null);
  d.log('runtime', 'rating.cancelled', { promptId: p.promptId, reason });
  // The question is still owed: ask again at the next safe moment.
  d.s.pending = { due: d.now, deferred: false, reason: null, until: null };
}

function pause(d: Draft, reason: 'emergency' | 'patient' | 'link', commandId: string | null, actor: LogRecord['actor']) {
  const s = d.s;
  const run = s.protocol;
  if (run && run.runningSince !== null) {
    run.stepElapsedMs += d.now - run.runningSince;
    run.runningSince = null;
  }
  const had = s.directive.prompt;
  s.pause = s.pause ?? reason;
  s.pending = null;
  d.redirect({ stopped: true, scene: { ...d.ctx.safeScene }, prompt: null, guidance: null }, commandId);
  d.log(actor, reason === 'emergency' ? 'emergency.stop' : reason === 'patient' ? 'patient.pause' : 'link.lost.paused', { commandId });
  if (had) d.log('runtime', 'rating.cancelled', { promptId: had.promptId, reason });
}

function command(d: Draft, writeId: string, c: ClinicianCommand, target?: CorrectionTarget): Decision | null {
  const s = d.s;
  const logged = (type: string, data: Record<string, unknown> = {}) => d.log('clinician', type, { commandId: writeId, ...data });

  switch (c.type) {
    case 'correctRating':
      return correctRating(d, writeId, c, target);
    case 'note':
      logged('note', { text: c.text });
      return null;
    case 'emergencyStop':
      // Never refused, whatever the state.
      pause(d, 'emergency', writeId, 'clinician');
      return null;
    case 'end': {
      const block = closeBlock(s, safetyOf(d.ctx));
      if (block && !s.overrides.close) {
        logged('session.end.requested');
        goToWashout(d, block, writeId);
        return null;
      }
      endSession(d, writeId, block ? `override: ${s.overrides.close}` : null);
      return null;
    }
    case 'override':
      if (c.target === 'close') s.overrides.close = c.reason;
      else s.overrides.patientActiveUse = c.reason;
      logged(c.target === 'close' ? 'override.close' : 'override.patientActiveUse', { reason: c.reason });
      return null;
    case 'preCheck': {
      if (s.phase !== 'check') return reject('the pre-session check is already done');
      const items = d.ctx.protocol?.preSessionCheck ?? DEFAULT_PRE_SESSION_CHECK;
      const missing = items.filter((i) => !(i.id in c.answers)).map((i) => i.id);
      if (missing.length) return reject(`answer every pre-session check item: ${missing.join(', ')}`);
      const blocking = items.filter((i) => c.answers[i.id] === i.blocksIf).map((i) => i.id);
      if (s.patientActiveUse && !s.overrides.patientActiveUse) {
        return reject('the patient is recorded in active use: an override with a written reason is needed');
      }
      if (blocking.length) {
        s.phase = 'blocked';
        logged('check.blocked', { answers: c.answers, blocking });
        return null;
      }
      s.phase = 'running';
      logged('check.passed', { answers: c.answers });
      if (s.protocol) enterStep(d, 0, writeId, 'protocol start');
      return null;
    }
    // Fitting the headset to the patient is part of getting ready: allowed before and after the check.
    case 'setPosture':
      // A new posture needs the scene re-aligned to the patient's head.
      d.redirect({ posture: c.posture, recenter: s.directive.recenter + 1 }, writeId);
      logged('headset.posture', { posture: c.posture });
      return null;
    case 'recenter':
      d.redirect({ recenter: s.directive.recenter + 1 }, writeId);
      logged('headset.recentered');
      return null;
    case 'personalise': {
      for (const [id, value] of Object.entries(c.values)) {
        const declaration = d.ctx.findPersonalisation(id);
        if (!declaration) return reject(`no scene declares the personalisation "${id}"`);
        const problem = personalisationProblem(declaration, value);
        if (problem) return reject(`personalisation "${id}": ${problem}`);
      }
      d.redirect({ personalisation: { ...s.directive.personalisation, ...c.values } }, writeId);
      logged('scene.personalised', { values: c.values });
      return null;
    }
  }

  if (s.phase !== 'running') return reject('complete the pre-session check first');

  switch (c.type) {
    case 'resume': {
      if (!s.pause) return reject('the session is not paused');
      if (!s.link.up) return reject('the headset is not connected: it cannot resume yet');
      s.pause = null;
      const step = d.step();
      const scene = step && step.type !== 'baseline' && step.type !== 'washout' ? { sceneId: d.sceneOf(step), level: s.protocol!.level ?? 0 } : step ? { sceneId: d.sceneOf(step), level: 0 } : { ...d.ctx.safeScene };
      d.redirect({ stopped: false, scene, guidance: step?.type === 'coping' ? step.guidance : null }, writeId);
      if (s.protocol && s.protocol.runningSince === null && !s.protocol.finished) s.protocol.runningSince = d.now;
      logged('session.resumed', { ...scene });
      return null;
    }
    case 'setScene':
    case 'setLevel': {
      if (s.pause) return reject('the session is paused: resume it first');
      const scene = { sceneId: c.type === 'setScene' ? c.sceneId : s.directive.scene.sceneId, level: c.level };
      const manifest = d.ctx.findScene(scene.sceneId);
      if (!manifest) return reject(`unknown scene "${scene.sceneId}"`);
      if (!manifest.levels[scene.level]) return reject(`scene "${scene.sceneId}" has no level ${scene.level}`);
      d.redirect({ scene }, writeId);
      if (s.protocol && !s.protocol.finished) s.protocol.level = scene.level;
      logged(s.protocol ? 'override.scene' : 'scene.requested', { ...scene });
      return null;
    }
    case 'requestRating':
      if (s.pause) return reject('the session is paused: no rating is asked of the patient');
      if (s.directive.prompt || s.pending) return { ok: false, code: 'conflict', message: 'a rating is already asked or due' };
      s.pending = { due: d.now, deferred: false, reason: null, until: null };
      logged('rating.requested', { scale: c.scale });
      return null;
    case 'spokenRating': {
      const block = promptBlock(s, d.ctx, d.now);
      if (block) return reject(`not a safe moment to rate craving (${block.reason})`);
      if (c.value > RATING_MAX[c.scale]) return reject(`a ${c.scale} rating is at most ${RATING_MAX[c.scale]}`);
      recordRating(d, { promptId: null, scale: c.scale, value: c.value, source: 'spoken', promptedAt: null, scene: s.directive.scene }, writeId, 'clinician');
      return null;
    }
    case 'advance':
      if (!s.protocol || s.protocol.finished) return reject('no protocol step to advance from');
      if (s.pause) return reject('the session is paused');
      d.log('clinician', 'decision.advance', { commandId: writeId, reason: 'clinician' });
      enterStep(d, s.protocol.stepIndex + 1, writeId, 'clinician');
      return null;
    case 'washout': {
      if (!s.protocol || s.protocol.finished) return reject('no protocol step to leave for wash-out');
      if (s.pause) return reject('the session is paused');
      const index = d.ctx.protocol!.steps.findIndex((st) => st.type === 'washout');
      if (index < 0) return reject('this protocol has no wash-out step');
      if (s.protocol.stepIndex === index) return reject('already washing out');
      d.log('clinician', 'decision.washout', { commandId: writeId, reason: 'clinician' });
      enterStep(d, index, writeId, 'clinician');
      return null;
    }
    case 'overrideProposal': {
      // Checked against what the runtime proposes now, so the log says exactly what was declined.
      const proposal = proposeNext(s, d.ctx.protocol, d.now);
      if (!proposal || proposal.kind !== c.kind) return { ok: false, code: 'conflict', message: 'the runtime proposes something else now: look again' };
      // Declining an advance keeps the patient in the step: the runtime would otherwise advance by itself.
      if (proposal.kind === 'advance' && s.protocol) s.protocol.hold = true;
      logged('override.proposal', { proposal, reason: c.reason });
      return null;
    }
    case 'hold':
      if (!s.protocol || s.protocol.finished) return reject('no protocol step to hold');
      s.protocol.hold = c.on;
      logged(c.on ? 'decision.hold' : 'decision.release', {});
      return null;
    case 'stepBack': {
      const step = d.step();
      if (!step || step.type !== 'exposure') return reject('step back applies to an exposure step');
      if ((s.protocol!.level ?? 0) === 0) return reject('already at level 0');
      stepBack(d, 'clinician', writeId);
      return null;
    }
    case 'fireEvent': {
      if (s.pause) return reject('the session is paused');
      const event = d.ctx.findScene(s.directive.scene.sceneId)?.events.find((e) => e.id === c.eventId);
      if (!event) return reject(`the current scene has no event "${c.eventId}"`);
      d.redirect({ event: { id: writeId, eventId: c.eventId } }, writeId);
      logged('scene.event', { eventId: c.eventId, activeUse: event.activeUse });
      if (event.activeUse) {
        s.activeUse.events = [...s.activeUse.events.filter((e) => e.until > d.now), { eventId: c.eventId, until: d.now + event.duration * 1000 }];
        cancelPrompt(d, 'active-use-event');
      }
      return null;
    }
  }
}

/**
 * Appends a correction of a stored rating; the rating itself is never changed. The session's own
 * picture (last rating, baseline) uses the corrected value from now on; past decisions stand, logged.
 */
function correctRating(d: Draft, writeId: string, c: Extract<ClinicianCommand, { type: 'correctRating' }>, target: CorrectionTarget | undefined): Decision | null {
  if (!target || target.id !== c.ratingId) return reject('no rating with this id in this session');
  if (c.value > RATING_MAX[target.scale]) return reject(`a ${target.scale} rating is at most ${RATING_MAX[target.scale]}`);
  const s = d.s;
  const point = s.ratings.find((p) => p.id === c.ratingId);
  if (point) {
    const previous = point.value;
    point.value = target.scale === 'nrs10' ? c.value * 10 : c.value;
    const steps = d.ctx.protocol?.steps;
    const inBaseline = point.step !== null && steps?.[point.step]?.type === 'baseline';
    if (inBaseline) {
      const values = s.ratings.filter((p) => p.step === point.step).map((p) => p.value);
      s.baseline = Math.round(values.reduce((a, b) => a + b, 0) / values.length);
    } else if (!steps && s.ratings[0] === point && s.baseline === previous) {
      s.baseline = point.value; // steered by hand: the first rating is the baseline
    }
  }
  d.log('clinician', 'rating.corrected', { commandId: writeId, ratingId: c.ratingId, scale: target.scale, original: target.value, value: c.value, reason: c.reason });
  return null;
}

function headsetRating(d: Draft, sub: RatingSubmission): Decision | null {
  const prompt = d.s.directive.prompt;
  if (!prompt || prompt.promptId !== sub.promptId) return reject('no open prompt has this id: a rating is only accepted in answer to a prompt');
  if (sub.value > RATING_MAX[prompt.scale]) return reject(`a ${prompt.scale} rating is at most ${RATING_MAX[prompt.scale]}`);
  d.redirect({ prompt: null }, sub.id);
  recordRating(
    d,
    { promptId: prompt.promptId, scale: prompt.scale, value: sub.value, source: 'headset', promptedAt: prompt.issuedAt, scene: d.s.directive.scene },
    sub.id,
    'headset',
    d.now - prompt.issuedAt,
  );
  return null;
}

/** Stores a rating and applies the protocol's rules to it. Values are compared on 0–100. */
function recordRating(d: Draft, r: RatingRecord, ratingId: string, actor: LogRecord['actor'], latencyMs?: number) {
  const s = d.s;
  d.rating = r;
  const value = r.scale === 'nrs10' ? r.value * 10 : r.value;
  const run = s.protocol;
  const step = d.step();
  s.ratings.push({ id: ratingId, value, at: d.now, source: r.source, step: run && !run.finished ? run.stepIndex : null, level: r.scene.level });
  if (s.ratings.length > 200) s.ratings.splice(0, s.ratings.length - 200);
  d.log(actor, 'rating.recorded', { ratingId, ...r, ...(latencyMs !== undefined ? { latencyMs } : {}) });

  if (!run) {
    if (s.baseline === null) s.baseline = value;
    return;
  }
  if (run.finished) {
    // Extended wash-out after the last step: close as soon as the gate allows, else ask again later.
    if (!closeBlock(s, safetyOf(d.ctx))) endSession(d, null, null);
    else if (!s.pending) s.pending = { due: d.now + EXTENDED_WASHOUT_RATING_MS, deferred: false, reason: null, until: null };
    return;
  }
  const stepValues = s.ratings.filter((p) => p.step === run.stepIndex).map((p) => p.value);
  if (!step) return;
  switch (step.type) {
    case 'baseline':
      s.baseline = Math.round(stepValues.reduce((a, b) => a + b, 0) / stepValues.length);
      if (run.awaitingEndRating) {
        d.log('runtime', 'decision.advance', { reason: `baseline ${s.baseline} measured` });
        enterStep(d, run.stepIndex + 1, null, 'baseline done');
      }
      return;
    case 'exposure': {
      run.peak = Math.max(run.peak ?? 0, value);
      if (step.stepBack && value > step.stepBack.above && (run.level ?? 0) > 0) {
        stepBack(d, `craving ${value} above ${step.stepBack.above}`, null);
        return;
      }
      const rule = advanceMet(step.advance, stepValues, s.baseline, run.peak);
      if (rule.met && !run.hold && d.stepElapsedMs() >= step.minSeconds * 1000) {
        d.log('runtime', 'decision.advance', { reason: rule.why });
        enterStep(d, run.stepIndex + 1, null, rule.why);
      }
      return;
    }
    case 'washout':
      if (s.baseline === null || value <= s.baseline + step.untilNearBaseline.margin) {
        d.log('runtime', 'decision.advance', { reason: `craving ${value} back near baseline ${s.baseline ?? '—'}` });
        enterStep(d, run.stepIndex + 1, null, 'washout done');
      }
      return;
    case 'coping':
      return;
  }
}

function stepBack(d: Draft, reason: string, commandId: string | null) {
  const run = d.s.protocol!;
  run.level = Math.max(0, (run.level ?? 0) - 1);
  d.redirect({ scene: { sceneId: d.s.directive.scene.sceneId, level: run.level } }, commandId);
  d.log(commandId ? 'clinician' : 'runtime', 'decision.stepBack', { reason, level: run.level });
}

/** Starts step `index` (or finishes the protocol past the last step). */
function enterStep(d: Draft, index: number, commandId: string | null, why: string) {
  const s = d.s;
  const run = s.protocol!;
  const steps = d.ctx.protocol!.steps;
  if (index >= steps.length) {
    finishProtocol(d, commandId);
    return;
  }
  const step = steps[index]!;
  Object.assign(run, {
    stepIndex: index,
    stepElapsedMs: 0,
    runningSince: d.running ? d.now : null,
    nextRatingAtMs: null,
    level: d.placementOf(step, index).level,
    peak: null,
    hold: false,
    awaitingEndRating: false,
  });
  const scene = { sceneId: d.sceneOf(step), level: run.level ?? 0 };
  if (step.type === 'baseline' && step.rateAt.includes('start')) s.pending = { due: d.now, deferred: false, reason: null, until: null };
  if (step.type === 'exposure' || step.type === 'washout') run.nextRatingAtMs = step.ratingEverySeconds * 1000;
  if (step.type === 'coping' && step.ratingEverySeconds) run.nextRatingAtMs = step.ratingEverySeconds * 1000;
  if (!s.pause) d.redirect({ scene, guidance: step.type === 'coping' ? step.guidance : null }, commandId);
  d.log('runtime', 'step.started', { index, type: step.type, ...scene, why });
}

function finishProtocol(d: Draft, commandId: string | null) {
  const s = d.s;
  const run = s.protocol!;
  run.finished = true;
  run.runningSince = null;
  d.log('runtime', 'protocol.finished');
  const block = closeBlock(s, safetyOf(d.ctx));
  if (!block) {
    endSession(d, commandId, null);
    return;
  }
  goToWashout(d, block, commandId);
}

/** Close gate: instead of ending with high craving, go to (or stay in) wash-out and say why. */
function goToWashout(d: Draft, why: string, commandId: string | null) {
  const s = d.s;
  const protocol = d.ctx.protocol;
  const run = s.protocol;
  const washoutIndex = protocol?.steps.findIndex((st) => st.type === 'washout') ?? -1;
  d.log('runtime', 'decision.washout', { reason: why });
  if (run && !run.finished && washoutIndex >= 0 && d.step()?.type !== 'washout') {
    enterStep(d, washoutIndex, commandId, why);
    return;
  }
  if (run && !run.finished) return; // already washing out
  // No protocol, or its steps are done: the relaxation scene until the gate opens or a clinician overrides.
  const washoutStep = protocol?.steps.find((st) => st.type === 'washout');
  const scene = washoutStep ? { sceneId: d.sceneOf(washoutStep), level: 0 } : { ...d.ctx.safeScene };
  if (!s.pause && (s.directive.scene.sceneId !== scene.sceneId || s.directive.scene.level !== scene.level)) d.redirect({ scene, guidance: null }, commandId);
  if (!s.pending && !s.directive.prompt) s.pending = { due: d.now + EXTENDED_WASHOUT_RATING_MS, deferred: false, reason: null, until: null };
}

const EXTENDED_WASHOUT_RATING_MS = 60_000;

function endSession(d: Draft, commandId: string | null, override: string | null) {
  const s = d.s;
  const had = s.directive.prompt;
  if (had) d.log('runtime', 'rating.cancelled', { promptId: had.promptId, reason: 'session-ended' });
  s.status = 'ended';
  s.pending = null;
  d.redirect({ stopped: true, scene: { ...d.ctx.safeScene }, prompt: null, guidance: null }, commandId);
  d.log(commandId ? 'clinician' : 'runtime', 'session.ended', { commandId, ...(override ? { override } : {}) });
  d.ended = true;
}

/** Timers and deferred work that are due at `now`, after any input. */
function settle(d: Draft) {
  const s = d.s;
  if (s.status !== 'open') return;
  const safety = safetyOf(d.ctx);

  if (!s.link.up && s.link.downSince !== null && d.now - s.link.downSince >= safety.linkLossSeconds * 1000 && s.pause === null && s.phase === 'running') {
    pause(d, 'link', null, 'runtime');
  }
  const p = s.directive.prompt;
  if (p && d.now >= p.issuedAt + safety.answerSeconds * 1000) {
    d.redirect({ prompt: null }, null);
    d.log('runtime', 'rating.unanswered', { promptId: p.promptId });
  }
  s.activeUse.events = s.activeUse.events.filter((e) => e.until + safety.cooldownSeconds * 1000 > d.now);

  if (d.running && s.protocol && !s.protocol.finished) stepTimers(d);

  const pending = s.pending;
  if (pending && d.now >= pending.due && s.status === 'open') {
    const block = promptBlock(s, d.ctx, d.now);
    if (!block) {
      const scale: RatingScale = d.ctx.protocol?.scale.kind ?? 'vas';
      const prompt = { promptId: d.ctx.newId(), scale, issuedAt: d.now };
      s.pending = null;
      d.redirect({ prompt }, null);
      d.log('runtime', 'rating.prompted', { promptId: prompt.promptId, scale, ...(pending.deferred ? { deferredMs: d.now - pending.due } : {}) });
    } else if (block.reason !== 'prompt-open' && (!pending.deferred || pending.reason !== block.reason || pending.until !== block.until)) {
      s.pending = { ...pending, deferred: true, reason: block.reason, until: block.until };
      d.log('runtime', 'rating.deferred', { reason: block.reason, until: block.until });
    }
  }
}

function stepTimers(d: Draft) {
  const s = d.s;
  const run = s.protocol!;
  const step = d.step();
  if (!step) return;
  const elapsed = d.stepElapsedMs();
  if (run.nextRatingAtMs !== null && elapsed >= run.nextRatingAtMs) {
    if (!s.pending && !s.directive.prompt) s.pending = { due: d.now, deferred: false, reason: null, until: null };
    const every = 'ratingEverySeconds' in step && step.ratingEverySeconds ? step.ratingEverySeconds * 1000 : null;
    run.nextRatingAtMs = every ? run.nextRatingAtMs + every * Math.max(1, Math.ceil((elapsed - run.nextRatingAtMs + 1) / every)) : null;
  }
  switch (step.type) {
    case 'baseline': {
      const end = step.durationSeconds * 1000;
      if (elapsed < end) return;
      if (step.rateAt.includes('end') && !run.awaitingEndRating) {
        run.awaitingEndRating = true;
        if (!s.pending && !s.directive.prompt) s.pending = { due: d.now, deferred: false, reason: null, until: null };
        return;
      }
      // Without its end rating (deferred, unanswered) the baseline still ends, a little later.
      if (!step.rateAt.includes('end') || elapsed >= end + BASELINE_GRACE_MS) {
        d.log('runtime', 'decision.advance', { reason: step.rateAt.includes('end') ? 'baseline time over without an end rating' : 'baseline time over' });
        enterStep(d, run.stepIndex + 1, null, 'baseline time over');
      }
      return;
    }
    case 'exposure':
      if (!run.hold && elapsed >= step.maxSeconds * 1000) {
        // Not habituated within the step's maximum: never raise intensity; go to coping or wash-out.
        const steps = d.ctx.protocol!.steps;
        let next = run.stepIndex + 1;
        while (next < steps.length && steps[next]!.type === 'exposure') next++;
        d.log('runtime', 'decision.notHabituated', { reason: `no habituation within ${step.maxSeconds} s`, skippedTo: next });
        enterStep(d, next, null, 'not habituated');
      }
      return;
    case 'coping':
      if (elapsed >= step.durationSeconds * 1000) {
        d.log('runtime', 'decision.advance', { reason: 'coping rehearsal time over' });
        enterStep(d, run.stepIndex + 1, null, 'coping done');
      }
      return;
    case 'washout':
      if (elapsed >= step.maxSeconds * 1000) {
        d.log('runtime', 'decision.advance', { reason: `wash-out maximum ${step.maxSeconds} s reached` });
        enterStep(d, run.stepIndex + 1, null, 'washout max');
      }
      return;
  }
}

const BASELINE_GRACE_MS = 120_000;

/** The next time something is due, so the service can wake the runtime with a tick. */
function wakeAt(d: Draft): number | null {
  const s = d.s;
  if (s.status !== 'open') return null;
  const safety = safetyOf(d.ctx);
  const times: number[] = [];
  if (!s.link.up && s.link.downSince !== null && s.pause === null && s.phase === 'running') times.push(s.link.downSince + safety.linkLossSeconds * 1000);
  if (s.directive.prompt) times.push(s.directive.prompt.issuedAt + safety.answerSeconds * 1000);
  if (s.pending) times.push(s.pending.deferred ? (s.pending.until ?? Infinity) : s.pending.due);
  for (const e of s.activeUse.events) times.push(e.until + safety.cooldownSeconds * 1000);
  const step = d.step();
  if (d.running && step && s.protocol) {
    const run = s.protocol;
    const elapsed = d.stepElapsedMs();
    const at = (ms: number) => d.now + Math.max(0, ms - elapsed);
    if (run.nextRatingAtMs !== null) times.push(at(run.nextRatingAtMs));
    if (step.type === 'baseline') times.push(at(step.durationSeconds * 1000 + (run.awaitingEndRating ? BASELINE_GRACE_MS : 0)));
    if (step.type === 'exposure' && !run.hold) times.push(at(step.maxSeconds * 1000));
    if (step.type === 'coping') times.push(at(step.durationSeconds * 1000));
    if (step.type === 'washout') times.push(at(step.maxSeconds * 1000));
  }
  const next = Math.min(...times.filter((t) => Number.isFinite(t)));
  return Number.isFinite(next) ? Math.max(next, d.now + 1) : null;
}
