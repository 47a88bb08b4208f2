import type { AttentionSummary, LevelSummary, LogEntry, NoteSummary, OverrideSummary, ProgressPoint, Rating, SessionSummary } from '../../contract';
import { DEFAULT_SAFETY, type Protocol } from '../../protocols/schema';
import type { SceneManifest } from '../../scenes/manifestSchema';

// The after-session summary: a pure replay of the session log and its ratings against the scene
// manifests. Definitions (baseline, habituation…) are in docs/data-dictionary.md.

export interface SummaryInput {
  session: { id: string; patientId: string; patientCode: string; status: 'open' | 'ended'; createdAt: number; endedAt: number | null };
  protocol: Protocol | null;
  log: LogEntry[];
  ratings: Rating[];
  findScene(id: string): SceneManifest | undefined;
}

interface Scored {
  rating: Rating;
  value: number;
  stepType: string | null;
}

const on100 = (scale: Rating['scale'], v: number) => (scale === 'nrs10' ? v * 10 : v);
const mean = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) / xs.length);
const maxOf = (xs: number[]) => (xs.length ? Math.max(...xs) : null);
const key = (sceneId: string, level: number) => `${sceneId}\u0000${level}`;

/** Ratings in answer order, corrections applied, each with the protocol step type it was given in. */
function scoredRatings(input: SummaryInput): Scored[] {
  const corrected = new Map<string, number>();
  const stepOf = new Map<string, string | null>();
  let step: string | null = null;
  for (const e of input.log) {
    if (e.type === 'step.started') step = String(e.data.type);
    else if (e.type === 'protocol.finished') step = 'after-protocol';
    else if (e.type === 'rating.recorded') stepOf.set(String(e.data.ratingId), step);
    else if (e.type === 'rating.corrected' && typeof e.data.value === 'number') corrected.set(String(e.data.ratingId), e.data.value);
  }
  return [...input.ratings]
    .sort((a, b) => a.answeredAt - b.answeredAt)
    .map((r) => ({ rating: r, value: on100(r.scale, corrected.get(r.id) ?? r.value), stepType: stepOf.get(r.id) ?? null }));
}

/** Baseline: the mean of the baseline step's ratings; without one (steered by hand), the first rating. */
export function baselineOf(scored: Scored[]): number | null {
  const inBaseline = scored.filter((s) => s.stepType === 'baseline').map((s) => s.value);
  if (inBaseline.length) return mean(inBaseline);
  return scored[0]?.value ?? null;
}

export function summarise(input: SummaryInput): SessionSummary {
  const safety = input.protocol?.safety ?? DEFAULT_SAFETY;
  const scored = scoredRatings(input);
  const baseline = baselineOf(scored);
  const values = scored.map((s) => s.value);
  const endAt = input.session.endedAt ?? input.log.at(-1)?.at ?? input.session.createdAt;

  return {
    sessionId: input.session.id,
    patientId: input.session.patientId,
    patientCode: input.session.patientCode,
    status: input.session.status,
    createdAt: input.session.createdAt,
    endedAt: input.session.endedAt,
    protocol: input.protocol ? { id: input.protocol.id, version: input.protocol.version } : null,
    ratingCount: scored.length,
    baseline,
    peak: maxOf(values),
    end: values.at(-1) ?? null,
    margin: safety.baselineMargin,
    ceiling: safety.ceiling,
    ...levelsOf(input, scored, baseline, safety.baselineMargin, endAt),
    overrides: overridesOf(input.log),
    attention: attentionOf(input),
    notes: notesOf(input.log),
  };
}

/** Every cue-scene level the headset reported showing, in order of first showing. */
function levelsOf(input: SummaryInput, scored: Scored[], baseline: number | null, margin: number, endAt: number) {
  const levels = new Map<string, LevelSummary>();
  let shown: { k: string; from: number; revision: number } | null = null;
  const close = (at: number) => {
    if (shown) levels.get(shown.k)!.shownMs += Math.max(0, at - shown.from);
    shown = null;
  };
  for (const e of input.log) {
    if (e.type !== 'scene.applied') continue;
    const revision = Number(e.data.revision);
    // Like the runtime, an older report than the one on show changes nothing.
    if (shown && revision < shown.revision) continue;
    close(e.at);
    const sceneId = String(e.data.sceneId);
    const level = Number(e.data.level);
    if (input.findScene(sceneId)?.role !== 'cue') continue;
    const k = key(sceneId, level);
    if (!levels.has(k)) levels.set(k, { sceneId, level, firstShownAt: e.at, shownMs: 0, peak: null, habituationMs: null });
    shown = { k, from: e.at, revision };
  }
  close(endAt);

  const maxLevel: Record<string, number> = {};
  for (const l of levels.values()) {
    maxLevel[l.sceneId] = Math.max(maxLevel[l.sceneId] ?? 0, l.level);
    const here = scored.filter((s) => s.rating.sceneId === l.sceneId && s.rating.level === l.level && s.rating.answeredAt >= l.firstShownAt);
    l.peak = maxOf(here.map((s) => s.value));
    const back = baseline === null ? undefined : here.find((s) => s.value <= baseline + margin);
    l.habituationMs = back ? back.rating.answeredAt - l.firstShownAt : null;
  }
  return { levels: [...levels.values()], maxLevel };
}

const OVERRIDE_TYPES = /^(override\.|rating\.corrected$)/;

/** Clinician decisions against the protocol or a safety rule, and corrections, with their reasons. */
function overridesOf(log: LogEntry[]): OverrideSummary[] {
  const out: OverrideSummary[] = [];
  for (const e of log) {
    const { reason, commandId: _c, ...detail } = e.data;
    if (e.type === 'session.opened' && typeof e.data.activeUseOverride === 'string') {
      out.push({ seq: e.seq, at: e.at, type: 'override.patientActiveUse', reason: e.data.activeUseOverride, detail: {} });
    } else if (OVERRIDE_TYPES.test(e.type) || (e.actor === 'clinician' && e.type.startsWith('decision.'))) {
      out.push({ seq: e.seq, at: e.at, type: e.type, reason: typeof reason === 'string' ? reason : null, detail });
    }
  }
  return out;
}

/** Head-gaze dwell summed per scene level and cue, longest first within each level. */
function attentionOf(input: SummaryInput): AttentionSummary[] {
  const sums = new Map<string, AttentionSummary>();
  for (const e of input.log) {
    if (e.type !== 'attention.dwell') continue;
    const sceneId = String(e.data.sceneId);
    const level = Number(e.data.level);
    const scene = input.findScene(sceneId);
    for (const [cueId, ms] of Object.entries((e.data.dwellMs ?? {}) as Record<string, number>)) {
      const k = `${key(sceneId, level)}\u0000${cueId}`;
      const kind = scene?.levels.slice(0, level + 1).flatMap((l) => l.cues).find((c) => c.id === cueId)?.kind ?? null;
      const s = sums.get(k) ?? { sceneId, level, cueId, kind, dwellMs: 0 };
      s.dwellMs += ms;
      sums.set(k, s);
    }
  }
  return [...sums.values()].sort((a, b) => a.sceneId.localeCompare(b.sceneId) || a.level - b.level || b.dwellMs - a.dwellMs);
}

/** Timestamped clinician notes (log records of type `note`). */
function notesOf(log: LogEntry[]): NoteSummary[] {
  return log
    .filter((e) => e.type === 'note')
    .map((e) => ({ seq: e.seq, at: e.at, text: [e.data.text, e.data.body, e.data.note].find((t): t is string => typeof t === 'string') ?? '' }));
}

export function progressPoint(s: SessionSummary): ProgressPoint {
  return { sessionId: s.sessionId, createdAt: s.createdAt, protocolId: s.protocol?.id ?? null, status: s.status, baseline: s.baseline, peak: s.peak, end: s.end };
}
