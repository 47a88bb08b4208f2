import type { Protocol } from '../../protocols/schema';
import { allVariables, type Table } from './columns';
import { iso, type SessionExport, tableCsv } from './csv';

// A Psych-DS dataset folder for one protocol's sessions: dataset_description.json (schema.org
// Dataset, JSON-LD) describing every column, a README, and data/ files named by keyword-value pairs
// ending in `_data.csv`. Psych-DS keyword values are letters and digits only, hence camelCase ids.

export const PSYCH_DS_VERSION = 'Psych-DS 1.0.0';
/** The file-name rule of the Psych-DS validator for data files. */
export const PSYCH_DS_DATA_FILE = /^([a-z]+-[a-zA-Z0-9]+)(_[a-z]+-[a-zA-Z0-9]+)*_data\.(csv|tsv)$/;

export interface DatasetOptions {
  protocol: Protocol;
  sessions: readonly SessionExport[];
  deidentified: boolean;
  exportedAt: number;
}

/** `alcohol-alcovr-booster` → `alcoholAlcovrBooster`. */
export function keywordValue(id: string): string {
  const words = id.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0]!.toUpperCase() + w.slice(1).toLowerCase())).join('') || 'unnamed';
}

/** Relative path → file content. */
export function psychDsDataset(o: DatasetOptions): Map<string, string> {
  const tables: Table[] = ['ratings', 'events'];
  if (o.sessions.some((s) => s.derived.instruments.length > 0)) tables.push('instruments');
  const study = keywordValue(o.protocol.id);
  const files = new Map<string, string>();
  for (const t of tables) files.set(`data/study-${study}_description-${t}_data.csv`, tableCsv(t, o.sessions));

  const kind = o.deidentified
    ? 'De-identified: study ids instead of pseudonyms, dates shifted by a random whole number of days per participant, free text removed.'
    : 'NOT de-identified: contains the clinic’s pseudonymous patient codes and real dates; for the care team only.';
  const description = [
    `Craving ratings and session logs of ${o.sessions.length} VR cue-exposure session(s) run with protocol ${o.protocol.id} version ${o.protocol.version} (${o.protocol.title.en} / ${o.protocol.title.fr}), exported from CueRoom on ${iso(o.exportedAt)}.`,
    kind,
    'Tables: ratings (one row per craving rating, with the protocol step and whether active-use content was on screen when it was asked), events (one row per session log record)' +
      (tables.includes('instruments') ? ', instruments (one row per questionnaire item answered).' : '.'),
  ].join(' ');
  files.set(
    'dataset_description.json',
    JSON.stringify(
      {
        '@context': 'https://schema.org/',
        '@type': 'Dataset',
        name: `CueRoom — ${o.protocol.title.en} (${o.protocol.id} v${o.protocol.version})`,
        schemaVersion: PSYCH_DS_VERSION,
        description,
        keywords: ['cue exposure therapy', 'virtual reality', 'craving', o.protocol.substance],
        usageInfo: o.deidentified ? 'de-identified research export' : 'identified clinical export: do not share outside the care team',
        variableMeasured: allVariables(tables).map((v) => ({ '@type': 'PropertyValue', name: v.name, description: `${v.en} / ${v.fr}` })),
      },
      null,
      2,
    ) + '\n',
  );
  files.set(
    'README.md',
    [
      `# ${o.protocol.title.en} — CueRoom export`,
      '',
      description,
      '',
      'Column descriptions (English / French) are in dataset_description.json (variableMeasured) and in CueRoom’s docs/data-dictionary.md.',
      'Times are ISO 8601 in UTC; CSV files follow RFC 4180 (UTF-8, CRLF line ends, header row).',
      '',
    ].join('\n'),
  );
  return files;
}
