import { iso, ratingRows, type SessionExport } from './csv';

// The full record of one session: the protocol as it ran, every log record in order with its data,
// and the ratings with their derived context (the same fields as the ratings CSV).

export const JSON_EXPORT_FORMAT = 'cueroom.session-export';
export const JSON_EXPORT_VERSION = 1;

export function sessionJson(s: SessionExport, exportedAt: number) {
  const { input, derived } = s;
  const session = input.session;
  return {
    format: JSON_EXPORT_FORMAT,
    version: JSON_EXPORT_VERSION,
    exportedAt: iso(exportedAt),
    deidentified: input.deidentified,
    session: {
      id: session.id,
      participantId: session.participantId,
      status: session.status,
      createdAt: iso(session.createdAt),
      endedAt: iso(session.endedAt),
      patientActiveUse: session.patientActiveUse,
      activeUseOverride: session.activeUseOverride,
      context: session.context,
    },
    protocol: input.protocol,
    events: derived.events.map(({ entry, step }) => ({
      seq: entry.seq,
      at: iso(entry.at),
      atMs: entry.at,
      actor: entry.actor,
      type: entry.type,
      step,
      data: entry.data,
    })),
    ratings: ratingRows(s),
  };
}
