import { seededRandom } from '../../scenes/kit/seededRandom';
import { writeFileSync } from 'node:fs';
import type { ScenePlacement } from '../../contract';
import { basename, extname, resolve } from 'node:path';
import { findPersonalisation, findScene, SAFE_SCENE, sceneManifests } from '../../scenes/manifests';
import { showingAt, windows } from '../../scenes/timeline';
import { hierarchyByLevel } from '../hierarchy';
import { formatProblem, loadProtocolFile } from '../load';
import { activeUseWindows } from '../runtime/gate';
import { decide, type SessionInput, startState } from '../runtime/runtime';
import type { LogRecord, RuntimeContext, SessionState } from '../runtime/state';
import type { Protocol, Step } from '../schema';
import { renderChart } from './chart';
import { type PatientMoment, type PatientProfile, PROFILES, rateCraving } from './patients';

// Runs a protocol against a synthetic patient through the REAL runtime (decide), on a virtual clock:
// a simulated headset applies every directive after ~1.5 s and reports its active-use segments, the
// patient answers each prompt after 4–8 s with the profile's craving, and the runtime is ticked at every
// wakeAt it asks for (and at least every 5 s). Nothing here reads the wall clock.

export interface TimelineRow {
  /** Ms since the session started. */
  t: number;
  /** A runtime record type (step.started, decision.advance, rating.prompted …), `scene` or `activeUse`. */
  kind: string;
  details: string;
  /** `activeUse`: when the window ended (ms since start, clipped to when the level stopped showing). */
  end?: number;
  /** `rating.recorded`: the value on 0–100. */
  value?: number;
  /** `rating.prompted` after a deferral: how long it waited, in ms. */
  deferredMs?: number;
  /** `step.started`: which step. */
  step?: { index: number; type: Step['type']; sceneId: string; level: number };
}

export interface Sample {
  /** Ms since the session started. */
  t: number;
  /** The patient's noise-free craving (ratings add the noise). */
  craving: number;
  /** Level shown on the headset. */
  level: number;
  activeUse: boolean;
  sceneId: string;
}

export interface SimulationResult {
  protocolId: string;
  profile: string;
  timeline: TimelineRow[];
  samples: Sample[];
  ended: boolean;
  durationMs: number;
  /** Every record the runtime logged, with its time, for deeper inspection. */
  records: { t: number; record: LogRecord }[];
  /** Inputs the runtime refused (e.g. an answer that came after its prompt was withdrawn). */
  rejected: { t: number; input: SessionInput['kind']; message: string }[];
  stepCount: number;
  /** Upper bound the run was allowed (sum of step maxima + 30 min). */
  limitMs: number;
}

export interface SimulateOptions {
  /** Seeds the noise, the headset delays and the answer delays. */
  seed?: number;
  /** Session start in epoch ms (virtual). */
  t0?: number;
  /** Counterbalancing: how many sessions the patient had before. */
  sessionIndex?: number;
  /** Items for `scene: hierarchy` steps; by default the protocol's scenes by ascending level. */
  hierarchy?: ScenePlacement[];
  /** Headset transition time: a directive is applied after this many ms, ± 20 %. */
  applyMs?: number;
  /** The patient answers a prompt after a delay drawn in [min, max] ms. */
  answerMs?: [number, number];
  /** Patient-curve sampling period for the chart, ms. */
  sampleMs?: number;
  /** The runtime gets a tick at least this often, ms. */
  tickMs?: number;
  /** Whether the headset reports its active-use segments (as the real one does). */
  reportSegments?: boolean;
}

const SAFETY_BOUND_MS = 30 * 60_000;

/** The longest a step can last by its own definition, in ms. */
function stepMaxMs(step: Step): number {
  switch (step.type) {
    case 'baseline':
      return step.durationSeconds * 1000;
    case 'exposure':
      return step.maxSeconds * 1000;
    case 'coping':
      return step.durationSeconds * 1000;
    case 'washout':
      return step.maxSeconds * 1000;
  }
}

/** A deterministic UUID-shaped id (prompts and writes need UUIDs on the wire). */
function uuidFrom(n: number, kind: number): string {
  const hex = n.toString(16).padStart(12, '0').slice(-12);
  return `00000000-0000-4000-8${kind.toString(16).padStart(3, '0').slice(-3)}-${hex}`;
}

export function simulate(protocol: Protocol, profileName: string, opts: SimulateOptions = {}): SimulationResult {
  const profile: PatientProfile | undefined = PROFILES[profileName];
  if (!profile) throw new Error(`unknown patient profile "${profileName}" (known: ${Object.keys(PROFILES).join(', ')})`);
  const seed = opts.seed ?? 1;
  const t0 = opts.t0 ?? Date.UTC(2025, 0, 6, 9, 0, 0);
  const applyMs = opts.applyMs ?? 1500;
  const [answerMin, answerMax] = opts.answerMs ?? [4000, 8000];
  const sampleMs = opts.sampleMs ?? 1000;
  const tickMs = opts.tickMs ?? 5000;
  const reportSegments = opts.reportSegments ?? true;
  const random = seededRandom(seed * 7919 + 17);

  let ids = 0;
  const ctx: RuntimeContext = { protocol, findScene, findPersonalisation, safeScene: SAFE_SCENE, newId: () => uuidFrom(++ids, 1) };
  const writeId = () => uuidFrom(++ids, 2);
  const limitMs = protocol.steps.reduce((sum, s) => sum + stepMaxMs(s), 0) + SAFETY_BOUND_MS;

  let state: SessionState = startState({ protocol, patientActiveUse: false, activeUseOverride: null, sessionIndex: opts.sessionIndex ?? 0,
    safeScene: SAFE_SCENE,
    hierarchy: opts.hierarchy ?? hierarchyByLevel(protocol, sceneManifests),
  });
  let now = t0;
  let wakeAt: number | null = null;
  let ended = false;

  const timeline: TimelineRow[] = [];
  const records: SimulationResult['records'] = [];
  const rejected: SimulationResult['rejected'] = [];
  const samples: Sample[] = [];
  const rel = (t: number) => t - t0;

  // --- The headset: what it shows, since when, and what it has reported. ---
  const headset = {
    shown: { ...SAFE_SCENE } as { sceneId: string; level: number },
    shownAt: t0,
    /** Noise-free craving when the current block started. */
    entry: profile.baseline,
    /** Revision waiting to be applied, and when. */
    settle: null as { revision: number; at: number } | null,
    seenRevision: -1,
    activeShowing: [] as string[],
    /** Ms each scene level was shown in earlier blocks, by `scene/level`. */
    shownMs: new Map<string, number>(),
  };
  const levelKey = (scene: { sceneId: string; level: number }) => `${scene.sceneId}/${scene.level}`;
  // --- The patient: the prompt being answered (an object, as closures update it). ---
  const patient = { answer: null as { promptId: string; at: number } | null, seenPrompt: null as string | null };

  const levelOf = (scene: { sceneId: string; level: number }) => findScene(scene.sceneId)?.levels[scene.level];

  /** The patient's situation at `t` given what the headset shows. */
  const moment = (t: number): PatientMoment => {
    const level = levelOf(headset.shown);
    const blockMs = t - headset.shownAt;
    const blockS = blockMs / 1000;
    const showing = level ? showingAt(level, blockS).filter((w) => w.activeUse) : [];
    const past = level ? windows(level, 0, blockS).filter((w) => w.activeUse && w.end <= blockS) : [];
    const lastEnd = past.length ? Math.max(...past.map((w) => w.end)) : null;
    const run = state.protocol;
    const stepMs = run && !run.finished ? run.stepElapsedMs + (run.runningSince !== null ? t - run.runningSince : 0) : 0;
    return {
      sessionMs: rel(t),
      stepMs,
      blockMs,
      level: headset.shown.level,
      cue: findScene(headset.shown.sceneId)?.role === 'cue',
      activeUseMs: showing.length ? (blockS - Math.min(...showing.map((w) => w.start))) * 1000 : null,
      sinceActiveUseMs: lastEnd !== null ? (blockS - lastEnd) * 1000 : null,
      entry: headset.entry,
      priorLevelMs: headset.shownMs.get(levelKey(headset.shown)) ?? 0,
    };
  };

  // --- Active-use windows of the shown level, collected per interval the level was applied. ---
  let shownInterval: { from: number; state: SessionState } | null = null;
  const closeInterval = (until: number) => {
    if (!shownInterval) return;
    const { from, state: st } = shownInterval;
    for (const w of activeUseWindows(st, ctx, from, until)) {
      const end = Math.min(w.end, until);
      if (end <= w.start) continue;
      timeline.push({ t: rel(w.start), end: rel(end), kind: 'activeUse', details: `${w.id} until ${mmss(rel(end))}${end < w.end ? ' (cut short)' : ''}` });
    }
    shownInterval = null;
  };

  const dispatch = (input: SessionInput) => {
    if (ended) return;
    const before = state;
    const d = decide(state, input, now, ctx);
    if (!d.ok) {
      if (input.kind === 'command') throw new Error(`the runtime refused ${input.command.type}: ${d.message}`);
      rejected.push({ t: rel(now), input: input.kind, message: d.message });
      return;
    }
    state = d.state;
    wakeAt = d.wakeAt;
    for (const r of d.records) {
      records.push({ t: rel(now), record: r });
      const row = rowOf(r, rel(now), t0);
      if (row) timeline.push(row);
    }
    // The shown level's segment clock: a new interval whenever the applied level or its start changes.
    const a = state.applied;
    const b = before.applied;
    const changed = !a || !b || a.scene.sceneId !== b.scene.sceneId || a.scene.level !== b.scene.level || state.levelStartedAt !== before.levelStartedAt;
    if (changed) {
      closeInterval(now);
      if (a && state.levelStartedAt !== null) shownInterval = { from: now, state };
    }
    if (d.ended) {
      ended = true;
      closeInterval(now);
    }
    onDirective();
  };

  /** The headset and the patient react to a new directive. */
  const onDirective = () => {
    const dir = state.directive;
    if (dir.revision !== headset.seenRevision) {
      headset.seenRevision = dir.revision;
      headset.settle = { revision: dir.revision, at: now + Math.round(applyMs * (0.8 + 0.4 * random())) };
    }
    const p = dir.prompt;
    if (p && p.promptId !== patient.seenPrompt) {
      patient.seenPrompt = p.promptId;
      patient.answer = { promptId: p.promptId, at: now + Math.round(answerMin + (answerMax - answerMin) * random()) };
    }
  };

  /** The headset finishes a transition: switches what it shows if needed, then reports it applied. */
  const settleHeadset = () => {
    const target = state.directive;
    headset.settle = null;
    const scene = target.scene;
    let sinceMs = now - headset.shownAt;
    if (scene.sceneId !== headset.shown.sceneId || scene.level !== headset.shown.level) {
      const entry = profile.craving(moment(now));
      // Whatever active use showed stops with the old level.
      for (const id of headset.activeShowing) if (reportSegments) dispatch({ kind: 'segment', report: { id: writeId(), segmentId: id, showing: false } });
      headset.activeShowing = [];
      const key = levelKey(headset.shown);
      headset.shownMs.set(key, (headset.shownMs.get(key) ?? 0) + (now - headset.shownAt));
      headset.shown = { ...scene };
      headset.shownAt = now;
      headset.entry = entry;
      sinceMs = 0;
      timeline.push({ t: rel(now), kind: 'scene', details: `${scene.sceneId} L${scene.level} shown` });
    }
    dispatch({ kind: 'applied', report: { id: writeId(), revision: target.revision, scene: { ...scene }, sinceMs } });
  };

  /** The next start or end of an active-use segment on the headset, in epoch ms. */
  const nextSegmentEdge = (): number => {
    const level = levelOf(headset.shown);
    if (!level || !reportSegments) return Infinity;
    const s = (now - headset.shownAt) / 1000;
    let next = Infinity;
    for (const w of windows(level, s, s + 3600).filter((x) => x.activeUse)) {
      if (w.start * 1000 + headset.shownAt > now) next = Math.min(next, w.start * 1000 + headset.shownAt);
      if (w.end * 1000 + headset.shownAt > now) next = Math.min(next, w.end * 1000 + headset.shownAt);
    }
    return next;
  };

  const syncSegments = () => {
    const level = levelOf(headset.shown);
    const showing = level ? showingAt(level, (now - headset.shownAt) / 1000).filter((w) => w.activeUse).map((w) => w.segmentId) : [];
    for (const id of showing) if (!headset.activeShowing.includes(id)) dispatch({ kind: 'segment', report: { id: writeId(), segmentId: id, showing: true } });
    for (const id of headset.activeShowing) if (!showing.includes(id)) dispatch({ kind: 'segment', report: { id: writeId(), segmentId: id, showing: false } });
    headset.activeShowing = showing;
  };

  // --- Start: headset connected, pre-session check answered with nothing blocking. ---
  dispatch({ kind: 'link', up: true });
  const answers = Object.fromEntries((protocol.preSessionCheck ?? []).map((i) => [i.id, i.blocksIf === 'yes' ? 'no' : 'yes'] as const));
  dispatch({ kind: 'command', writeId: writeId(), command: { type: 'preCheck', answers } });

  let lastTick = now;
  let nextSample = now;
  const limit = t0 + limitMs;
  while (!ended) {
    const edge = nextSegmentEdge();
    const tickAt = Math.min(wakeAt ?? Infinity, lastTick + tickMs);
    const candidates = [tickAt, edge, headset.settle?.at ?? Infinity, patient.answer?.at ?? Infinity, nextSample];
    const t = Math.min(...candidates);
    if (!Number.isFinite(t) || t > limit) break;
    now = Math.max(now, t);

    if (edge <= now) syncSegments();
    if (!ended && headset.settle && headset.settle.at <= now) settleHeadset();
    const a = patient.answer;
    if (!ended && a && a.at <= now) {
      patient.answer = null;
      const m = moment(now);
      const value = rateCraving(profile, m, seed);
      const scaled = state.directive.prompt?.scale === 'nrs10' ? Math.round(value / 10) : value;
      dispatch({ kind: 'rating', submission: { id: writeId(), promptId: a.promptId, value: scaled } });
    }
    if (nextSample <= now) {
      const m = moment(now);
      samples.push({
        t: rel(now),
        craving: Math.round(profile.craving(m) * 10) / 10,
        level: headset.shown.level,
        activeUse: m.activeUseMs !== null,
        sceneId: headset.shown.sceneId,
      });
      nextSample += sampleMs;
    }
    if (!ended && tickAt <= now) {
      lastTick = now;
      dispatch({ kind: 'tick' });
    }
  }
  if (!ended) {
    now = Math.min(Math.max(now, t0), limit);
    closeInterval(now);
  }
  // Windows were collected when their level stopped showing: put them in time order, first at a tie.
  timeline.sort((x, y) => x.t - y.t || Number(y.kind === 'activeUse') - Number(x.kind === 'activeUse'));
  return {
    protocolId: protocol.id,
    profile: profileName,
    timeline,
    samples,
    ended,
    durationMs: rel(now),
    records,
    rejected,
    stepCount: protocol.steps.length,
    limitMs,
  };
}

const NOTABLE = /^(check\.(passed|blocked)|step\.started|decision\.|rating\.(prompted|deferred|cancelled|unanswered|recorded)|protocol\.finished|session\.ended|link\.lost|emergency\.stop)/;

function rowOf(r: LogRecord, t: number, t0: number): TimelineRow | null {
  if (!NOTABLE.test(r.type)) return null;
  const d = r.data;
  const str = (k: string) => (d[k] === undefined || d[k] === null ? '' : String(d[k]));
  switch (r.type) {
    case 'step.started': {
      const step = { index: Number(d.index), type: d.type as Step['type'], sceneId: str('sceneId'), level: Number(d.level) };
      return { t, kind: r.type, details: `#${step.index + 1} ${step.type} ${step.sceneId} L${step.level} (${str('why')})`, step };
    }
    case 'rating.prompted': {
      const deferredMs = typeof d.deferredMs === 'number' ? d.deferredMs : undefined;
      return { t, kind: r.type, details: `${str('scale')}${deferredMs !== undefined ? `, after waiting ${(deferredMs / 1000).toFixed(1)} s` : ''}`, ...(deferredMs !== undefined ? { deferredMs } : {}) };
    }
    case 'rating.deferred': {
      const until = typeof d.until === 'number' ? ` until ${mmss(d.until - t0)}` : '';
      return { t, kind: r.type, details: `${str('reason')}${until}` };
    }
    case 'rating.recorded': {
      const scale = str('scale');
      const raw = Number(d.value);
      const value = scale === 'nrs10' ? raw * 10 : raw;
      const latency = typeof d.latencyMs === 'number' ? `, answered in ${(d.latencyMs / 1000).toFixed(1)} s` : '';
      return { t, kind: r.type, details: `${raw}${scale === 'nrs10' ? '/10' : ''} (${str('source')}${latency})`, value };
    }
    case 'rating.cancelled':
      return { t, kind: r.type, details: str('reason') };
    case 'rating.unanswered':
      return { t, kind: r.type, details: 'no answer in time' };
    case 'decision.notHabituated':
      return { t, kind: r.type, details: `${str('reason')}, skipped to step #${Number(d.skippedTo) + 1}` };
    case 'decision.stepBack':
      return { t, kind: r.type, details: `${str('reason')} → L${str('level')}` };
    case 'check.passed':
      return { t, kind: r.type, details: `${Object.keys((d.answers as Record<string, string>) ?? {}).length} item(s) answered, none blocking` };
    case 'check.blocked':
      return { t, kind: r.type, details: `blocking: ${(d.blocking as string[]).join(', ')}` };
    default:
      return { t, kind: r.type, details: str('reason') };
  }
}

export function mmss(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

export function formatTimeline(rows: TimelineRow[]): string {
  const width = Math.max(12, ...rows.map((r) => r.kind.length));
  return rows.map((r) => `${mmss(r.t).padStart(5)}  ${r.kind.padEnd(width)}  ${r.details}`).join('\n');
}

export interface Summary {
  stepsReached: number;
  stepCount: number;
  stepTypes: string[];
  maxLevel: number;
  peakCraving: number | null;
  peakLatentCraving: number;
  promptsIssued: number;
  promptsAfterDeferral: number;
  deferrals: number;
  unanswered: number;
  cancelled: number;
  ratings: number;
  notHabituated: number;
  stepBacks: number;
  ended: boolean;
  durationMs: number;
}

export function summarize(r: SimulationResult): Summary {
  const of = (kind: string) => r.timeline.filter((x) => x.kind === kind);
  const steps = of('step.started');
  const ratings = of('rating.recorded');
  return {
    stepsReached: steps.length ? Math.max(...steps.map((s) => s.step!.index)) + 1 : 0,
    stepCount: r.stepCount,
    stepTypes: steps.map((s) => (s.step!.type === 'exposure' ? `exposure L${s.step!.level}` : s.step!.type)),
    maxLevel: r.samples.reduce((m, s) => Math.max(m, findScene(s.sceneId)?.role === 'cue' ? s.level : 0), 0),
    peakCraving: ratings.length ? Math.max(...ratings.map((x) => x.value ?? 0)) : null,
    peakLatentCraving: r.samples.reduce((m, s) => Math.max(m, s.craving), 0),
    promptsIssued: of('rating.prompted').length,
    promptsAfterDeferral: of('rating.prompted').filter((x) => x.deferredMs !== undefined).length,
    deferrals: of('rating.deferred').length,
    unanswered: of('rating.unanswered').length,
    cancelled: of('rating.cancelled').length,
    ratings: ratings.length,
    notHabituated: of('decision.notHabituated').length,
    stepBacks: of('decision.stepBack').length,
    ended: r.ended,
    durationMs: r.durationMs,
  };
}

export function formatSummary(s: Summary): string {
  return [
    `steps reached     ${s.stepsReached}/${s.stepCount}: ${s.stepTypes.join(' → ')}`,
    `max cue level     ${s.maxLevel}`,
    `peak craving      ${s.peakCraving ?? '—'} rated (latent ${Math.round(s.peakLatentCraving)})`,
    `prompts           ${s.promptsIssued} issued (${s.promptsAfterDeferral} after a deferral), ${s.deferrals} deferral(s), ${s.unanswered} unanswered, ${s.cancelled} cancelled; ${s.ratings} rating(s)`,
    `decisions         ${s.notHabituated} not habituated, ${s.stepBacks} step back(s)`,
    `session           ${s.ended ? 'ended' : 'DID NOT END (stopped at the time bound)'} after ${mmss(s.durationMs)}`,
  ].join('\n');
}

const USAGE = 'usage: protocol simulate <file> --patient <profile> [--out <svg>] [--seed <n>] [--session <n>]';

/** `protocol simulate <file> --patient <profile> [--out <svg>]`. Returns the exit code (also set on process.exitCode). */
export function main(argv: string[]): number {
  const code = run(argv);
  process.exitCode = code;
  return code;
}

function run(argv: string[]): number {
  let file: string | undefined;
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-h' || arg === '--help') {
      console.log(`${USAGE}\npatients: ${Object.keys(PROFILES).join(', ')}`);
      return 0;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (!['patient', 'out', 'seed', 'session'].includes(name)) return usage(`unknown option --${name}`);
      if (value === undefined) return usage(`--${name} expects a value`);
      flags[name] = value;
    } else if (file === undefined) file = arg;
    else return usage(`unexpected argument "${arg}"`);
  }
  if (!file) return usage('expected a protocol file');
  const patient = flags.patient;
  if (!patient) return usage(`expected --patient <profile> (one of ${Object.keys(PROFILES).join(', ')})`);
  if (!PROFILES[patient]) return usage(`unknown patient profile "${patient}" (one of ${Object.keys(PROFILES).join(', ')})`);
  const seed = flags.seed !== undefined ? Number(flags.seed) : 1;
  const sessionIndex = flags.session !== undefined ? Number(flags.session) : 0;
  if (!Number.isInteger(seed)) return usage('--seed expects an integer');
  if (!Number.isInteger(sessionIndex) || sessionIndex < 0) return usage('--session expects a non-negative integer');

  const loaded = loadProtocolFile(file);
  if (!loaded.ok) {
    for (const p of loaded.problems) console.error(formatProblem(p));
    return 1;
  }
  const protocol = loaded.protocol;
  const result = simulate(protocol, patient, { seed, sessionIndex });
  console.log(`${protocol.title.en} (${protocol.id} v${protocol.version}) with a ${patient} patient, seed ${seed}\n`);
  console.log(formatTimeline(result.timeline));
  console.log('');
  console.log(formatSummary(summarize(result)));
  const out = resolve(flags.out ?? `${basename(file, extname(file))}.${patient}.svg`);
  writeFileSync(out, renderChart(result, { title: `${protocol.title.en} — ${patient} patient` }));
  console.log(`chart             ${out}`);
  return 0;
}

function usage(message: string): number {
  console.error(`${message}\n${USAGE}`);
  return 2;
}
