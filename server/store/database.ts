import { join } from 'node:path';
import { Kysely, PostgresAdapter, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema';
import { openSqlite } from './sqlite';

// Chooses the back end: DATABASE_URL postgres:// or postgresql:// → PostgreSQL; anything else (or
// nothing) → the embedded SQLite file in the data folder. Both speak the same schema and migrations.

export type Backend = 'sqlite' | 'postgres';

export interface DatabaseTarget {
  /** DATABASE_URL, if any. */
  databaseUrl?: string;
  /** DATA_DIR: where the SQLite file lives when no PostgreSQL URL is given. */
  dataDir: string;
}

export const SQLITE_FILE = 'cueroom.sqlite';

export function isPostgresUrl(url: string | undefined): url is string {
  return !!url && /^postgres(ql)?:\/\//i.test(url);
}

export function sqliteFileOf(target: DatabaseTarget): string {
  return join(target.dataDir, SQLITE_FILE);
}

/** Where the data is, for messages: the SQLite path, or the PostgreSQL URL without its password. */
export function describeTarget(target: DatabaseTarget): string {
  if (!isPostgresUrl(target.databaseUrl)) return sqliteFileOf(target);
  const u = new URL(target.databaseUrl);
  if (u.password) u.password = '***';
  return u.toString();
}

export function openDatabase(target: DatabaseTarget): Kysely<Database> {
  return isPostgresUrl(target.databaseUrl) ? openPostgres(target.databaseUrl) : openSqlite(sqliteFileOf(target));
}

const INT8_OID = 20;

export function openPostgres(url: string): Kysely<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    // Times are epoch milliseconds in bigint columns, and COUNT(*) is bigint: both fit a JS number.
    types: { getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === INT8_OID ? Number : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser },
  });
  // An idle connection the server closed (restart, admin) is dropped by the pool; the next query reconnects.
  pool.on('error', () => undefined);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

export function backendOf(db: Kysely<any>): Backend {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
