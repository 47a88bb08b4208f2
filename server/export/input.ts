import type { LogEntry, Rating } from '../../contract';
import type { Protocol } from '../../protocols/schema';
import type { SessionRecord } from '../store/store';

// What every export format is built from: plain records, already loaded. De-identification maps one
// ExportInput to another, so the format builders never need to know which kind they are given.

export interface ExportSession {
  id: string;
  /** Internal patient id: only de-identification reads it (to key study ids and date shifts). */
  patientId: string;
  /** The clinic's pseudonymous patient code, or the study id once de-identified. */
  participantId: string;
  status: 'open' | 'ended';
  createdAt: number;
  endedAt: number | null;
  /** The patient was recorded in active use when the session started. */
  patientActiveUse: boolean;
  /** A clinician overrode the active-use status (the written reason stays in the log). */
  activeUseOverride: boolean;
  /** Scene this session's counterbalancing assigned to `scene: context` steps. */
  context: string | null;
}

export interface ExportInput {
  session: ExportSession;
  protocol: Protocol | null;
  log: LogEntry[];
  ratings: Rating[];
  deidentified: boolean;
}

export function exportInput(session: SessionRecord, log: LogEntry[], ratings: Rating[]): ExportInput {
  return {
    session: {
      id: session.id,
      patientId: session.patientId,
      participantId: session.patientCode,
      status: session.status,
      createdAt: session.createdAt,
      endedAt: session.endedAt,
      patientActiveUse: session.state.patientActiveUse,
      activeUseOverride: session.state.overrides.patientActiveUse !== null,
      context: session.state.protocol?.context ?? null,
    },
    protocol: session.protocol,
    log,
    ratings,
    deidentified: false,
  };
}
