import type { ExportFormat, ExportTable } from '../../contract';
import { type SessionExport, tableCsv } from './csv';
import { type DeidentifyOptions, deidentify } from './deidentify';
import { derive } from './derive';
import { FHIR_MEDIA_TYPE, sessionBundle } from './fhir';
import type { ExportInput } from './input';
import { sessionJson } from './json';

// One session in one format, as a file: what the HTTP route sends and what the CLI writes.

export interface ExportOptions {
  /** null: the identified clinical record (pseudonym, real dates, free text). */
  deidentify: DeidentifyOptions | null;
}

export interface ExportFile {
  filename: string;
  contentType: string;
  body: string;
}

export function prepareExport(input: ExportInput, o: ExportOptions): SessionExport {
  const shown = o.deidentify ? deidentify(input, o.deidentify) : input;
  return { input: shown, derived: derive(shown) };
}

export function sessionFile(s: SessionExport, format: ExportFormat, table: ExportTable, exportedAt: number): ExportFile {
  const stem = `cueroom-session-${s.input.session.id}`;
  switch (format) {
    case 'csv':
      return { filename: `${stem}-${table}.csv`, contentType: 'text/csv; charset=utf-8; header=present', body: tableCsv(table, [s]) };
    case 'json':
      return { filename: `${stem}.json`, contentType: 'application/json; charset=utf-8', body: JSON.stringify(sessionJson(s, exportedAt), null, 2) + '\n' };
    case 'fhir':
      return { filename: `${stem}.fhir.json`, contentType: FHIR_MEDIA_TYPE, body: JSON.stringify(sessionBundle(s, exportedAt), null, 2) + '\n' };
  }
}
