import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { backupTo, readBackup, verifyDump } from '../store/backup';
import { describeTarget, isPostgresUrl } from '../store/database';
import { HASH_CHAIN_MIGRATION } from '../store/migrations';
import { describeBreak } from './audit';
import { runMain, targetFromEnv } from './target';

// npm run backup -- [--out file]
// A consistent snapshot of the live database (the server may keep running): SQLite's online backup
// (a .sqlite file) or, for PostgreSQL, a one-snapshot JSON export. The copy's log chains are checked.

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const target = targetFromEnv();
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const out = resolve(values.out ?? join(target.dataDir, 'backups', `cueroom-${stamp}.${isPostgresUrl(target.databaseUrl) ? 'json' : 'sqlite'}`));
  mkdirSync(dirname(out), { recursive: true });
  await backupTo(target, out);
  const dump = await readBackup(out);
  console.log(`backup of ${describeTarget(target)} written to ${out}`);
  console.log(`${dump.tables.sessions.length} session(s), ${dump.tables.session_log.length} log record(s), ${dump.tables.ratings.length} rating(s), schema ${dump.migrations.at(-1)}`);
  if (!dump.migrations.includes(HASH_CHAIN_MIGRATION)) {
    console.log('log chains not checked: this database has not been migrated to the hash chain yet (it will be on restore)');
    return 0;
  }
  const broken = verifyDump(dump).filter((r) => r.broken);
  for (const r of broken) console.log(describeBreak(r.broken!));
  return broken.length ? 1 : 0;
}

runMain(main);
