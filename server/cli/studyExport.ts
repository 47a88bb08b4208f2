import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import type { SessionExport } from '../export/csv';
import { exportInput } from '../export/input';
import { prepareExport } from '../export/sessionExport';
import { studyFiles } from '../export/study';
import type { Store } from '../store/store';

// Every session that ran one protocol, written as a study folder: tidy CSVs, one JSON log and one
// FHIR bundle per session, and a Psych-DS dataset.

export interface StudyExportOptions {
  protocolId: string;
  out: string;
  deidentify: boolean;
  /** De-identification key; a fresh random one when absent (then nothing can re-derive the shifts). */
  seed?: string;
  organisationId?: string;
  exportedAt: number;
}

export interface StudyExportSummary {
  sessions: number;
  ratings: number;
  events: number;
  files: string[];
}

export const USAGE =
  'usage: npm run export -- --protocol <id> --out <dir> [--deidentify] [--seed <secret>] [--organisation <id>]\n' +
  '  reads DATABASE_URL, else DATA_DIR/cueroom.sqlite (default ./data); --out must be a new or empty folder';

export function parseExportArgs(argv: string[], now: number): StudyExportOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      protocol: { type: 'string' },
      out: { type: 'string' },
      deidentify: { type: 'boolean', default: false },
      seed: { type: 'string' },
      organisation: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (!values.protocol || !values.out) throw new Error('--protocol and --out are required');
  if (values.seed !== undefined && !values.deidentify) throw new Error('--seed only applies with --deidentify');
  return { protocolId: values.protocol, out: values.out, deidentify: values.deidentify, seed: values.seed, organisationId: values.organisation, exportedAt: now };
}

export async function writeStudyExport(store: Store, o: StudyExportOptions): Promise<StudyExportSummary> {
  // Never mix a new export into an old one (an identified file left beside de-identified ones).
  if (readdirSafe(o.out).length > 0) throw new Error(`${o.out} is not empty: choose a new folder`);
  const records = await store.listSessionsByProtocol(o.protocolId, o.organisationId);
  if (records.length === 0) throw new Error(`no session ran protocol "${o.protocolId}"`);
  const key = o.deidentify ? (o.seed ?? randomBytes(32).toString('hex')) : null;

  const sessions: SessionExport[] = [];
  for (const r of records) {
    const input = exportInput(r, await store.listLog(r.id), await store.listRatings(r.id));
    sessions.push(prepareExport(input, { deidentify: key === null ? null : { key } }));
  }
  // The newest version that ran describes the dataset; each row carries its own protocol_version.
  const files = studyFiles(sessions, records.at(-1)!.protocol!, key !== null, o.exportedAt);

  for (const [path, body] of files) {
    const target = join(o.out, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, body);
  }
  return {
    sessions: sessions.length,
    ratings: sessions.reduce((n, s) => n + s.derived.ratings.length, 0),
    events: sessions.reduce((n, s) => n + s.derived.events.length, 0),
    files: [...files.keys()],
  };
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
