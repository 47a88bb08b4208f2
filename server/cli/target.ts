import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { type DatabaseTarget, isPostgresUrl, openDatabase, sqliteFileOf } from '../store/database';
import { Store } from '../store/store';

// The command-line tools find the data the way the server does: DATABASE_URL, else DATA_DIR (./data).

export function targetFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  return { databaseUrl: env.DATABASE_URL, dataDir: resolve(env.DATA_DIR ?? 'data') };
}

/** Opens an existing database (a tool must not create an empty SQLite file where none was). */
export function openExisting(target: DatabaseTarget): Store {
  if (!isPostgresUrl(target.databaseUrl) && !existsSync(sqliteFileOf(target))) {
    throw new Error(`no database at ${sqliteFileOf(target)} (set DATA_DIR or DATABASE_URL)`);
  }
  return new Store(openDatabase(target));
}

/** Runs a tool's main, printing a failure plainly and setting the exit code. */
export function runMain(main: () => Promise<number>): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error(`error: ${(err as Error).message}`);
      process.exitCode = 2;
    },
  );
}
