import { z } from 'zod';
import type { LogEntry, Rating } from '../../contract';
import { DEFAULT_SAFETY } from '../../protocols/schema';
import { findScene, sceneManifests } from '../../scenes/manifests';
import { windows } from '../../scenes/timeline';
import type { ExportInput } from './input';

// Replays a session's log to give each rating and each event its context: the protocol step it fell
// in and, for ratings, whether active use was on screen (or in its cool-down) when the prompt was
// issued. The runtime's gate should make that impossible; the export makes it auditable.

/** The protocol step a record falls in; `after-protocol` is the extended wash-out past the last step. */
export interface StepRef {
  index: number | null;
  type: string;
}

export type ActiveUseState = 'none' | 'showing' | 'cooldown';

export interface RatingContext {
  rating: Rating;
  /** 1-based order of the rating in its session. */
  number: number;
  step: StepRef | null;
  /** When the gate was checked: the prompt for headset ratings, the answer for spoken ones. */
  checkedAt: number;
  activeUse: ActiveUseState;
  /** Time from the end of the last active-use content to `checkedAt`; null if none before. */
  activeUseSinceMs: number | null;
  /** Active use showed between prompt and answer (null for spoken ratings, which have no prompt). */
  activeUseDuringAnswer: boolean | null;
  /** How long the gate held the prompt back (0 when issued at once; null for spoken ratings). */
  deferredMs: number | null;
}

export interface EventContext {
  entry: LogEntry;
  step: StepRef | null;
}

/**
 * A multi-item instrument answered (CCQ-Brief, MCQ-SF…). The product declares instruments in
 * protocols but does not administer them yet; this is the log record it is expected to write.
 */
export const InstrumentAnswered = z.object({
  instrument: z.string().min(1),
  when: z.enum(['pre', 'post']),
  answers: z.record(z.string(), z.number()),
});
export const INSTRUMENT_RECORD = 'instrument.answered';

export interface InstrumentAnswer {
  seq: number;
  at: number;
  instrument: string;
  when: 'pre' | 'post';
  /** Item answers in the order the protocol declares the items; unknown items follow. */
  items: { id: string; value: number; min: number | null; max: number | null; text: { fr: string; en: string } | null }[];
}

export interface DerivedSession {
  ratings: RatingContext[];
  events: EventContext[];
  instruments: InstrumentAnswer[];
}

interface Interval {
  start: number;
  end: number;
}

interface LevelSpan {
  revision: number;
  sceneId: string;
  level: number;
  /** When the level started showing on the headset (its segment clock's zero). */
  levelStart: number;
  from: number;
}

export function derive(input: ExportInput): DerivedSession {
  const cooldownMs = (input.protocol?.safety.cooldownSeconds ?? DEFAULT_SAFETY.cooldownSeconds) * 1000;
  const events: EventContext[] = [];
  const stepOfRating = new Map<string, StepRef | null>();
  const deferredOfPrompt = new Map<string, number>();
  const instruments: InstrumentAnswer[] = [];
  const intervals: Interval[] = [];
  const openSegments = new Map<string, number>();
  let span: LevelSpan | null = null;
  let step: StepRef | null = null;

  const closeSpan = (at: number) => {
    if (span) intervals.push(...timelineIntervals(span, at));
    for (const start of openSegments.values()) intervals.push({ start, end: at });
    openSegments.clear();
    span = null;
  };

  for (const entry of input.log) {
    const d = entry.data;
    switch (entry.type) {
      case 'step.started':
        step = { index: Number(d.index), type: String(d.type) };
        break;
      case 'protocol.finished':
        step = { index: null, type: 'after-protocol' };
        break;
      case 'scene.applied': {
        // Like the runtime, a report older than the one shown is logged but changes nothing.
        const revision = Number(d.revision);
        if (span && revision < span.revision) break;
        closeSpan(entry.at);
        const sinceMs = typeof d.sinceMs === 'number' ? d.sinceMs : 0;
        span = { revision, sceneId: String(d.sceneId), level: Number(d.level), levelStart: entry.at - sinceMs, from: entry.at };
        break;
      }
      case 'segment.started':
        if (d.activeUse === true && !openSegments.has(String(d.segmentId))) openSegments.set(String(d.segmentId), entry.at);
        break;
      case 'segment.ended': {
        const start = openSegments.get(String(d.segmentId));
        if (d.activeUse === true && start !== undefined) {
          intervals.push({ start, end: entry.at });
          openSegments.delete(String(d.segmentId));
        }
        break;
      }
      case 'scene.event':
        if (d.activeUse === true) intervals.push({ start: entry.at, end: entry.at + eventDurationMs(String(d.eventId), span?.sceneId) });
        break;
      case 'rating.prompted':
        deferredOfPrompt.set(String(d.promptId), typeof d.deferredMs === 'number' ? d.deferredMs : 0);
        break;
      case 'rating.recorded':
        stepOfRating.set(String(d.ratingId), step);
        break;
      case INSTRUMENT_RECORD: {
        const parsed = InstrumentAnswered.safeParse(d);
        if (parsed.success) instruments.push(instrumentAnswer(input, entry, parsed.data));
        break;
      }
    }
    events.push({ entry, step });
  }
  closeSpan(input.log.at(-1)?.at ?? input.session.createdAt);

  const ratings = [...input.ratings]
    .sort((a, b) => a.answeredAt - b.answeredAt)
    .map((rating, i): RatingContext => {
      const checkedAt = rating.promptedAt ?? rating.answeredAt;
      const showing = intervals.some((v) => v.start <= checkedAt && checkedAt < v.end);
      const ended = intervals.filter((v) => v.end <= checkedAt).map((v) => v.end);
      const lastEnd = ended.length ? Math.max(...ended) : null;
      const activeUse: ActiveUseState = showing ? 'showing' : lastEnd !== null && checkedAt - lastEnd < cooldownMs ? 'cooldown' : 'none';
      const prompted = rating.promptedAt;
      return {
        rating,
        number: i + 1,
        step: stepOfRating.get(rating.id) ?? null,
        checkedAt,
        activeUse,
        activeUseSinceMs: showing || lastEnd === null ? null : checkedAt - lastEnd,
        activeUseDuringAnswer: prompted === null ? null : intervals.some((v) => v.start < rating.answeredAt && v.end > prompted),
        deferredMs: rating.promptId === null ? null : (deferredOfPrompt.get(rating.promptId) ?? 0),
      };
    });
  return { ratings, events, instruments };
}

/** The active-use windows the shown level's timeline played between the span's start and `to`. */
function timelineIntervals(span: LevelSpan, to: number): Interval[] {
  const level = findScene(span.sceneId)?.levels[span.level];
  if (!level || to <= span.from) return [];
  return windows(level, (span.from - span.levelStart) / 1000, (to - span.levelStart) / 1000)
    .filter((w) => w.activeUse)
    .map((w) => ({ start: Math.max(span.from, span.levelStart + w.start * 1000), end: Math.min(to, span.levelStart + w.end * 1000) }));
}

function eventDurationMs(eventId: string, sceneId: string | undefined): number {
  const inScene = sceneId ? findScene(sceneId)?.events.find((e) => e.id === eventId) : undefined;
  const event = inScene ?? sceneManifests.flatMap((m) => m.events).find((e) => e.id === eventId);
  return (event?.duration ?? 0) * 1000;
}

function instrumentAnswer(input: ExportInput, entry: LogEntry, a: z.infer<typeof InstrumentAnswered>): InstrumentAnswer {
  const declared = input.protocol?.instruments.find((i) => i.name === a.instrument);
  const known = (declared?.items ?? []).filter((item) => item.id in a.answers);
  const unknown = Object.keys(a.answers).filter((id) => !known.some((item) => item.id === id));
  return {
    seq: entry.seq,
    at: entry.at,
    instrument: a.instrument,
    when: a.when,
    items: [
      ...known.map((item) => ({ id: item.id, value: a.answers[item.id]!, min: declared!.itemMin, max: declared!.itemMax, text: item.text })),
      ...unknown.map((id) => ({ id, value: a.answers[id]!, min: null, max: null, text: null })),
    ],
  };
}
