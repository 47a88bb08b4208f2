import { createHmac } from 'node:crypto';
import type { LogEntry, Rating } from '../../contract';
import type { ExportInput } from './input';

// De-identification for research exports: a study id replaces the pseudonym and the internal ids,
// every timestamp of one patient moves by the same whole number of days (times of day and intervals
// survive), and free text that could identify someone is removed. Everything derives from a key by
// HMAC: the same key gives the same study ids and shifts (tests, or a study exported twice), a fresh
// random key gives ones nobody can recover. The shift is never written into the export.

export interface DeidentifyOptions {
  /** Secret from which study ids, aliases and date shifts derive; keep it like a password or discard it. */
  key: string;
}

export const DAY_MS = 86_400_000;
export const MAX_SHIFT_DAYS = 365;

/** Fields a log record may keep in a de-identified export; anything else is dropped and named. */
const KEPT = new Set([
  'revision', 'sceneId', 'level', 'sinceMs', 'segmentId', 'activeUse', 'eventId', 'scale', 'value', 'source', 'latencyMs',
  'deferredMs', 'reason', 'why', 'index', 'type', 'skippedTo', 'answers', 'blocking', 'protocol', 'context', 'scene',
  'instrument', 'when', 'promptId', 'ratingId', 'commandId', 'promptedAt', 'until',
]);
const ALIASED = new Set(['promptId', 'ratingId', 'commandId']);
const TIMES = new Set(['promptedAt', 'until']);
/** Written by a clinician in their own words: may name people, places, circumstances. */
const FREE_TEXT: Record<string, string[]> = {
  'session.opened': ['activeUseOverride'],
  'override.close': ['reason'],
  'override.patientActiveUse': ['reason'],
  'session.ended': ['override'],
  // A clinician's correction of a rating says why in their own words.
  'rating.corrected': ['reason'],
};
/** A reason a clinician's command logged is kept only as a code ('clinician'); any sentence is their words. */
const CODE = /^[a-z][a-z-]{0,40}$/;

function digest(key: string, purpose: string, value: string): Buffer {
  return createHmac('sha256', key).update(`${purpose}\u0000${value}`).digest();
}

/** A stable study id for a patient under this key, e.g. `P3FA2C1D9`. */
export function studyId(key: string, patientId: string): string {
  return 'P' + digest(key, 'participant', patientId).toString('hex').slice(0, 8).toUpperCase();
}

/** The patient's date shift in days: never 0, at most a year either way. */
export function dateShiftDays(key: string, patientId: string): number {
  const n = digest(key, 'date-shift', patientId).readUInt32BE(0);
  const days = 1 + (n % MAX_SHIFT_DAYS);
  return n & 0x8000_0000 ? -days : days;
}

/** A UUID-shaped alias for an internal id (session, rating, prompt, command). */
export function alias(key: string, id: string): string {
  const h = digest(key, 'alias', id).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export function deidentify(input: ExportInput, { key }: DeidentifyOptions): ExportInput {
  const patient = input.session.patientId;
  const study = studyId(key, patient);
  const shiftMs = dateShiftDays(key, patient) * DAY_MS;
  const shift = (ms: number) => ms + shiftMs;
  const aka = (id: string) => alias(key, id);
  const sessionId = aka(input.session.id);

  const log = input.log.map(
    (e): LogEntry => ({ sessionId, seq: e.seq, at: shift(e.at), actor: e.actor, type: e.type, data: cleanData(e, shift, aka) }),
  );
  const ratings = input.ratings.map(
    (r): Rating => ({
      ...r,
      id: aka(r.id),
      sessionId,
      promptId: r.promptId === null ? null : aka(r.promptId),
      promptedAt: r.promptedAt === null ? null : shift(r.promptedAt),
      answeredAt: shift(r.answeredAt),
    }),
  );
  return {
    session: {
      ...input.session,
      id: sessionId,
      patientId: study,
      participantId: study,
      createdAt: shift(input.session.createdAt),
      endedAt: input.session.endedAt === null ? null : shift(input.session.endedAt),
    },
    protocol: input.protocol,
    log,
    ratings,
    deidentified: true,
  };
}

function cleanData({ type, actor, data }: LogEntry, shift: (ms: number) => number, aka: (id: string) => string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const redacted: string[] = [];
  const freeText = (k: string, value: unknown) =>
    FREE_TEXT[type]?.includes(k) || (k === 'reason' && actor === 'clinician' && !(typeof value === 'string' && CODE.test(value)));
  for (const [k, value] of Object.entries(data)) {
    if (!KEPT.has(k) || freeText(k, value)) redacted.push(k);
    else if (ALIASED.has(k) && typeof value === 'string') out[k] = aka(value);
    else if (TIMES.has(k) && typeof value === 'number') out[k] = shift(value);
    else out[k] = value;
  }
  if (redacted.length) out.redacted = redacted.sort();
  return out;
}
