import { parseExportArgs, USAGE, writeStudyExport } from './studyExport';
import { openExisting, runMain, targetFromEnv } from './target';

// `npm run export -- --protocol <id> --out <dir> [--deidentify] [--seed <secret>] [--organisation <id>]`
// Finds the data the way the server does: DATABASE_URL, else DATA_DIR (./data).

async function main(): Promise<number> {
  let options;
  try {
    options = parseExportArgs(process.argv.slice(2), Date.now());
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const store = openExisting(targetFromEnv());
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

runMain(main);
