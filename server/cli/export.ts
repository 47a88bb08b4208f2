import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openSqlite } from '../store/sqlite';
import { Store } from '../store/store';
import { parseExportArgs, USAGE, writeStudyExport } from './studyExport';

// `npm run export -- --protocol <id> --out <dir> [--deidentify] [--seed <secret>] [--organisation <id>]`
// Reads the database the way the server does: DATA_DIR/cueroom.sqlite (default ./data).
// NOTE: when the store gains a DATABASE_URL opener (PostgreSQL), open the store through it here.

async function main(): Promise<number> {
  let options;
  try {
    options = parseExportArgs(process.argv.slice(2), Date.now());
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const file = join(resolve(process.env.DATA_DIR ?? 'data'), 'cueroom.sqlite');
  // Opening a missing file would create an empty database: refuse instead.
  if (!existsSync(file)) {
    console.error(`no database at ${file} (set DATA_DIR)`);
    return 1;
  }
  const store = new Store(openSqlite(file));
  try {
    const summary = await writeStudyExport(store, options);
    console.log(`${summary.sessions} session(s), ${summary.ratings} rating(s), ${summary.events} log record(s) → ${options.out}`);
    for (const f of summary.files) console.log(`  ${f}`);
    if (!options.deidentify) console.log('Identified export (pseudonyms, real dates, free text): keep it within the care team. Use --deidentify for research.');
    return 0;
  } catch (err) {
    console.error((err as Error).message);
    return 1;
  } finally {
    await store.close();
  }
}

process.exitCode = await main();
