import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../contract';
import { tableCsv } from './csv';
import { alias, dateShiftDays, deidentify, MAX_SHIFT_DAYS, studyId } from './deidentify';
import { derive } from './derive';
import { sessionBundle } from './fhir';
import type { ExportInput } from './input';
import { sessionJson } from './json';
import { psychDsDataset } from './psychds';
import { recordedSession, withInstrumentAnswers } from './testing';

const DAY = 86_400_000;
const exportedAt = Date.UTC(2026, 5, 30, 12);
const KEY = 'test-key';

/** The recorded session with the free text clinicians write: override reasons that name people. */
function withFreeText(input: ExportInput): ExportInput {
  const last = input.log.at(-1)!;
  const log: LogEntry[] = input.log.map((e) => {
    if (e.type === 'session.opened') return { ...e, data: { ...e.data, activeUseOverride: 'Réduction des risques convenue avec M. Martin' } };
    if (e.type === 'session.ended') return { ...e, data: { ...e.data, override: 'override: calme, raccompagné par sa sœur Julie' } };
    return e;
  });
  const i = log.length - 1;
  log.splice(i, 0, { ...last, type: 'override.close', actor: 'clinician', data: { commandId: '10000000-0000-4000-8000-999999999999', reason: 'calme, raccompagné par sa sœur Julie', note: 'rue des Lilas' } });
  return { ...input, log: log.map((e, n) => ({ ...e, seq: n + 1 })) };
}

/** Everything every format would write for these sessions, as one text. */
function everything(inputs: ExportInput[]): string {
  const sessions = inputs.map((input) => ({ input, derived: derive(input) }));
  const dataset = psychDsDataset({ protocol: inputs[0]!.protocol!, sessions, deidentified: true, exportedAt });
  return [
    tableCsv('ratings', sessions),
    tableCsv('events', sessions),
    tableCsv('instruments', sessions),
    ...sessions.map((s) => JSON.stringify(sessionJson(s, exportedAt))),
    ...sessions.map((s) => JSON.stringify(sessionBundle(s, exportedAt))),
    ...dataset.values(),
  ].join('\n');
}

describe('de-identification', () => {
  const d = recordedSession();
  const original = withInstrumentAnswers(withFreeText(d.input()), { want: 4, control: 2 });
  const deid = deidentify(original, { key: KEY });

  it('leaves no pseudonym, internal id, clinician id, free text or real date anywhere in any format', () => {
    const text = everything([deid]);
    const forbidden = [
      'PX-ROSE-42',
      'patient-internal-0001',
      'clinician-internal-0001',
      'session-0001',
      'Martin',
      'Julie',
      'Lilas',
      '2026-03-14',
      String(original.session.createdAt),
      ...original.ratings.flatMap((r) => [r.id, r.promptId ?? 'no prompt']),
      ...original.log.map((e) => e.data.commandId).filter((x): x is string => typeof x === 'string'),
    ];
    for (const s of forbidden) expect(text, s).not.toContain(s);
    expect(text).toContain(studyId(KEY, 'patient-internal-0001'));
    // The shift itself is written nowhere: no field for it, and not its value in ms or days.
    expect(text).not.toMatch(/"[^"]*(shift|offset)[^"]*"\s*:/i);
    const delta = deid.session.createdAt - original.session.createdAt;
    expect(text).not.toContain(String(delta));
    expect(text).not.toMatch(new RegExp(`"?(shift|days?)"?\\W+${delta / DAY}\\b`, 'i'));
  });

  it('moves every timestamp of the patient by the same whole number of days, never 0, at most a year', () => {
    const delta = deid.session.createdAt - original.session.createdAt;
    expect(Math.abs(delta) % DAY).toBe(0);
    expect(delta).not.toBe(0);
    expect(Math.abs(delta)).toBeLessThanOrEqual(MAX_SHIFT_DAYS * DAY);
    expect(delta).toBe(dateShiftDays(KEY, 'patient-internal-0001') * DAY);
    expect(deid.session.endedAt! - original.session.endedAt!).toBe(delta);
    expect(deid.log.map((e, i) => e.at - original.log[i]!.at)).toEqual(original.log.map(() => delta));
    expect(deid.ratings.map((r, i) => [r.answeredAt - original.ratings[i]!.answeredAt, (r.promptedAt ?? 0) - (original.ratings[i]!.promptedAt ?? 0)])).toEqual([
      [delta, delta],
      [delta, delta],
      [delta, 0],
    ]);
    const timeIn = (log: LogEntry[], type: string, key: string) => log.find((e) => e.type === type)!.data[key] as number;
    expect(timeIn(deid.log, 'rating.deferred', 'until') - timeIn(original.log, 'rating.deferred', 'until')).toBe(delta);
    expect(timeIn(deid.log, 'rating.recorded', 'promptedAt') - timeIn(original.log, 'rating.recorded', 'promptedAt')).toBe(delta);
    // Times of day survive (in UTC), and so does the audit of the gate.
    expect(new Date(deid.ratings[1]!.answeredAt).toISOString().slice(11)).toBe(new Date(original.ratings[1]!.answeredAt).toISOString().slice(11));
    const audit = (i: ExportInput) => derive(i).ratings.map((c) => [c.number, c.step, c.activeUse, c.activeUseSinceMs, c.deferredMs, c.activeUseDuringAnswer]);
    expect(audit(deid)).toEqual(audit(original));
  });

  it('drops identifying fields and free text from the log and names what it dropped', () => {
    const data = (type: string) => deid.log.find((e) => e.type === type)!.data;
    expect(data('session.opened')).toEqual({ protocol: { id: 'export-test', version: 3 }, context: null, redacted: ['activeUseOverride', 'clinicianId', 'patientId'] });
    expect(data('override.close')).toEqual({ commandId: alias(KEY, '10000000-0000-4000-8000-999999999999'), redacted: ['note', 'reason'] });
    expect(data('session.ended')).toMatchObject({ redacted: ['override'] });
    // Machine-written reasons stay: they explain the protocol's decisions.
    expect(data('rating.deferred').reason).toBe('active-use');
    expect(deid.session).toMatchObject({ participantId: studyId(KEY, 'patient-internal-0001'), activeUseOverride: false });
  });

  it('drops any sentence a clinician\'s command logged as a reason (a rating correction, a future command), keeping codes', () => {
    const base = d.input();
    const at = base.log.at(-1)!.at;
    const extra: LogEntry[] = [
      { sessionId: 'session-0001', seq: 0, at, actor: 'clinician', type: 'rating.corrected', data: { ratingId: 'r-1', value: 30, reason: 'tapé 80 au lieu de 30, dit Mme Durand' } },
      { sessionId: 'session-0001', seq: 0, at, actor: 'clinician', type: 'decision.someNewCommand', data: { reason: 'parce que Julie est arrivée' } },
      { sessionId: 'session-0001', seq: 0, at, actor: 'clinician', type: 'decision.advance', data: { reason: 'clinician' } },
    ];
    const log = [...base.log, ...extra].map((e, n) => ({ ...e, seq: n + 1 }));
    const cleaned = deidentify({ ...base, log }, { key: KEY }).log.slice(-3).map((e) => e.data);
    expect(cleaned[0]).toEqual({ ratingId: alias(KEY, 'r-1'), value: 30, redacted: ['reason'] });
    expect(cleaned[1]).toEqual({ redacted: ['reason'] });
    expect(cleaned[2]).toEqual({ reason: 'clinician' });
  });

  it('keeps links between records: prompt ↔ rating, rating ↔ its log record', () => {
    const recorded = deid.log.filter((e) => e.type === 'rating.recorded');
    expect(recorded.map((e) => e.data.ratingId)).toEqual(deid.ratings.map((r) => r.id));
    const prompted = deid.log.filter((e) => e.type === 'rating.prompted').map((e) => e.data.promptId);
    expect(deid.ratings.filter((r) => r.promptId).map((r) => r.promptId)).toEqual(prompted);
  });

  it('is deterministic under a key, and a patient keeps one study id and one shift across sessions', () => {
    expect(deidentify(original, { key: KEY })).toEqual(deid);
    const second = recordedSession({ sessionId: 'session-0002' }).input();
    const other = recordedSession({ sessionId: 'session-0003', patientId: 'patient-internal-0002' }).input();
    const [a, b, c] = [original, second, other].map((i) => deidentify(i, { key: KEY }));
    expect(b!.session.participantId).toBe(a!.session.participantId);
    expect(b!.session.createdAt - second.session.createdAt).toBe(a!.session.createdAt - original.session.createdAt);
    expect(c!.session.participantId).not.toBe(a!.session.participantId);
    expect(b!.session.id).not.toBe(a!.session.id);
    expect(deidentify(original, { key: 'another key' }).session.participantId).not.toBe(a!.session.participantId);
  });

  it('spreads shifts over both directions and the whole year', () => {
    const days = Array.from({ length: 2000 }, (_, i) => dateShiftDays(KEY, `patient-${i}`));
    expect(days.every((n) => Number.isInteger(n) && n !== 0 && Math.abs(n) <= MAX_SHIFT_DAYS)).toBe(true);
    expect(days.filter((n) => n < 0).length).toBeGreaterThan(800);
    expect(days.filter((n) => n > 0).length).toBeGreaterThan(800);
    expect(new Set(days).size).toBeGreaterThan(600);
  });
});
