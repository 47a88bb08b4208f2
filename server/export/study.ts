import type { Protocol } from '../../protocols/schema';
import { iso, type SessionExport, tableCsv } from './csv';
import { sessionBundle } from './fhir';
import { sessionJson } from './json';
import { psychDsDataset } from './psychds';

// Every session that ran one protocol, as one study: what the CLI writes to a folder and what the
// HTTP study export sends (one table, one JSON document, or the whole folder as a zip).

export const STUDY_JSON_FORMAT = 'cueroom.study-export';

/** Relative path → content: tidy CSVs, one JSON log and one FHIR bundle per session, a Psych-DS dataset. */
export function studyFiles(sessions: readonly SessionExport[], protocol: Protocol, deidentified: boolean, exportedAt: number): Map<string, string> {
  const files = new Map<string, string>([
    ['ratings.csv', tableCsv('ratings', sessions)],
    ['events.csv', tableCsv('events', sessions)],
  ]);
  if (sessions.some((s) => s.derived.instruments.length > 0)) files.set('instruments.csv', tableCsv('instruments', sessions));
  for (const s of sessions) {
    files.set(`sessions/${s.input.session.id}.json`, JSON.stringify(sessionJson(s, exportedAt), null, 2) + '\n');
    files.set(`fhir/${s.input.session.id}.fhir.json`, JSON.stringify(sessionBundle(s, exportedAt), null, 2) + '\n');
  }
  for (const [path, body] of psychDsDataset({ protocol, sessions, deidentified, exportedAt })) files.set(`psych-ds/${path}`, body);
  return files;
}

/** Every session's full record in one document. */
export function studyJson(sessions: readonly SessionExport[], protocolId: string, deidentified: boolean, exportedAt: number) {
  return {
    format: STUDY_JSON_FORMAT,
    version: 1,
    exportedAt: iso(exportedAt),
    protocolId,
    deidentified,
    sessions: sessions.map((s) => sessionJson(s, exportedAt)),
  };
}
