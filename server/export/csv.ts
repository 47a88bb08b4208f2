import { RATING_MAX } from '../../contract';
import { TABLE_COLUMNS, type Table } from './columns';
import type { DerivedSession, StepRef } from './derive';
import type { ExportInput } from './input';

// Tidy tables: one row per rating, per log record, per instrument item answer. RFC 4180 (CRLF,
// quotes doubled), UTF-8 without BOM, a header row, ISO 8601 UTC times, columns in a stable order.

export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;

export interface SessionExport {
  input: ExportInput;
  derived: DerivedSession;
}

/**
 * Spreadsheets run a text cell starting with = + - @ (or a tab or CR before one) as a formula: such a
 * cell gets a leading apostrophe (OWASP CSV injection). Numbers are written as numbers, untouched.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function csvField(value: Cell): string {
  if (value === null) return '';
  const s = typeof value === 'string' ? neutraliseFormula(value) : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function toCsv(columns: readonly string[], rows: readonly Row[]): string {
  const line = (cells: Cell[]) => cells.map(csvField).join(',') + '\r\n';
  return line([...columns]) + rows.map((r) => line(columns.map((c) => r[c] ?? null))).join('');
}

export const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
const seconds = (ms: number) => Math.round(ms) / 1000;

function sessionCells(input: ExportInput): Row {
  return {
    session_id: input.session.id,
    participant_id: input.session.participantId,
    protocol_id: input.protocol?.id ?? null,
    protocol_version: input.protocol?.version ?? null,
  };
}

const stepCells = (step: StepRef | null): Row => ({ step_index: step?.index ?? null, step_type: step?.type ?? null });

export function ratingRows({ input, derived }: SessionExport): Row[] {
  const base = sessionCells(input);
  return derived.ratings.map((c) => {
    const r = c.rating;
    return {
      ...base,
      rating_id: r.id,
      rating_number: c.number,
      ...stepCells(c.step),
      scene_id: r.sceneId,
      level: r.level,
      active_use: c.activeUse,
      active_use_since_s: c.activeUseSinceMs === null ? null : seconds(c.activeUseSinceMs),
      active_use_during_answer: c.activeUseDuringAnswer,
      prompt_deferred_ms: c.deferredMs,
      prompted_at: iso(r.promptedAt),
      answered_at: iso(r.answeredAt),
      session_time_s: seconds(r.answeredAt - input.session.createdAt),
      latency_ms: r.promptedAt === null ? null : r.answeredAt - r.promptedAt,
      value: r.value,
      scale: r.scale,
      scale_max: RATING_MAX[r.scale],
      value_100: r.scale === 'nrs10' ? r.value * 10 : r.value,
      source: r.source,
    };
  });
}

export function eventRows({ input, derived }: SessionExport): Row[] {
  const base = sessionCells(input);
  return derived.events.map(({ entry, step }) => ({
    ...base,
    seq: entry.seq,
    at: iso(entry.at),
    session_time_s: seconds(entry.at - input.session.createdAt),
    actor: entry.actor,
    type: entry.type,
    ...stepCells(step),
    data: JSON.stringify(entry.data),
  }));
}

export function instrumentRows({ input, derived }: SessionExport): Row[] {
  const base = sessionCells(input);
  return derived.instruments.flatMap((a) =>
    a.items.map((item) => ({
      ...base,
      instrument: a.instrument,
      timing: a.when,
      answered_at: iso(a.at),
      session_time_s: seconds(a.at - input.session.createdAt),
      item_id: item.id,
      answer: item.value,
      item_min: item.min,
      item_max: item.max,
    })),
  );
}

const ROWS: Record<Table, (s: SessionExport) => Row[]> = { ratings: ratingRows, events: eventRows, instruments: instrumentRows };

/** One table over any number of sessions, in the order given. */
export function tableCsv(table: Table, sessions: readonly SessionExport[]): string {
  return toCsv(
    TABLE_COLUMNS[table].map((c) => c.name),
    sessions.flatMap((s) => ROWS[table](s)),
  );
}
