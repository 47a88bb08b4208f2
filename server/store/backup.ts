import { closeSync, copyFileSync, existsSync, mkdtempSync, openSync, readFileSync, readSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { type Kysely, sql } from 'kysely';
import { type Backend, backendOf, type DatabaseTarget, isPostgresUrl, openDatabase, sqliteFileOf } from './database';
import { appliedMigrations, MIGRATIONS, migrateWithin } from './migrations';
import type { Database } from './schema';
import { openSqlite } from './sqlite';
import { type ChainReport, Store } from './store';
import { type StoredRecord, verifyChain } from './hashChain';

// Backups and restores. SQLite: the online backup API copies the live file page by page while the
// server writes. PostgreSQL: a pg_dump-like logical export, every table read in ONE repeatable-read
// transaction (one snapshot), written as JSON and loaded into an empty database in one transaction.
// The JSON dump is back-end neutral, so a dump (or a SQLite backup) restores into either back end.

/** Tables in foreign-key order (parents first). */
// In foreign-key order: a table comes after every table it references.
export const TABLES = [
  'organisations',
  'accounts',
  'tokens',
  'patients',
  'patient_identities',
  'patient_profiles',
  'cue_hierarchy_ratings',
  'sessions',
  'session_log',
  'ratings',
  'client_writes',
  'research_grants',
  'study_keys',
  'access_log',
] as const;
type Table = (typeof TABLES)[number];

const KEYS: Record<Table, string[]> = {
  organisations: ['id'],
  accounts: ['id'],
  tokens: ['token_hash'],
  patients: ['id'],
  sessions: ['id'],
  session_log: ['session_id', 'seq'],
  ratings: ['id'],
  client_writes: ['id'],
  research_grants: ['id'],
  study_keys: ['organisation_id', 'scope'],
  patient_identities: ['patient_id'],
  patient_profiles: ['patient_id'],
  cue_hierarchy_ratings: ['id'],
  access_log: ['id'],
};

/** Tables a later migration created: a database not yet at that migration has no such table to read. */
const CREATED_BY: Partial<Record<Table, string>> = {
  research_grants: '0010_roles_and_access',
  study_keys: '0010_roles_and_access',
  patient_identities: '0010_roles_and_access',
  access_log: '0010_roles_and_access',
  patient_profiles: '0011_patient_profile',
  cue_hierarchy_ratings: '0011_patient_profile',
};

export interface Dump {
  format: 'cueroom-dump';
  version: 1;
  createdAt: string;
  source: Backend;
  /** The schema version the rows were read at. */
  migrations: string[];
  tables: Record<Table, Record<string, unknown>[]>;
}

/** Every row of every table, from one consistent snapshot. */
export async function exportDump(db: Kysely<Database>): Promise<Dump> {
  const source = backendOf(db);
  let t = db.transaction();
  // A SQLite read transaction is one snapshot already (WAL); PostgreSQL needs repeatable read for it.
  if (source === 'postgres') t = t.setIsolationLevel('repeatable read').setAccessMode('read only');
  return t.execute(async (tx) => {
    const migrations = await appliedMigrations(tx);
    const tables = {} as Dump['tables'];
    for (const name of TABLES) {
      const createdBy = CREATED_BY[name];
      if (createdBy && !migrations.includes(createdBy)) {
        tables[name] = [];
        continue;
      }
      let q = tx.selectFrom(name).selectAll();
      for (const k of KEYS[name]) q = q.orderBy(sql.ref(k));
      tables[name] = (await q.execute()) as Record<string, unknown>[];
    }
    return { format: 'cueroom-dump', version: 1, createdAt: new Date().toISOString(), source, migrations, tables };
  });
}

/** Loads a dump into an empty database (or, with force, one emptied first), then migrates it to now. */
export async function restoreDump(db: Kysely<Database>, dump: Dump, o: { force?: boolean } = {}): Promise<void> {
  if (dump.format !== 'cueroom-dump' || dump.version !== 1) throw new Error('not a CueRoom dump');
  if (dump.migrations.some((m, i) => MIGRATIONS[i]?.name !== m)) {
    throw new Error(`the dump is at migrations [${dump.migrations.join(', ')}], which this version of CueRoom does not know`);
  }
  const backend = backendOf(db);
  await db.transaction().execute(async (tx) => {
    const existing = await userTables(tx, backend);
    if (existing.length && !(await allEmpty(tx, existing))) {
      if (!o.force) throw new Error('the target database is not empty: restore into an empty one, or pass --force to replace its contents');
    }
    for (const t of [...TABLES].reverse()) await sql`DROP TABLE IF EXISTS ${sql.table(t)}`.execute(tx);
    await sql`DROP TABLE IF EXISTS kysely_migration`.execute(tx);
    await sql`DROP TABLE IF EXISTS kysely_migration_lock`.execute(tx);
    // The schema as it was when the dump was made, its rows, then any later migration (e.g. a backfill).
    await migrateWithin(tx, backend, { upTo: dump.migrations.at(-1) ?? '' });
    for (const name of TABLES) {
      const rows = dump.tables[name] ?? [];
      for (let i = 0; i < rows.length; i += 200) await tx.insertInto(name).values(rows.slice(i, i + 200) as never).execute();
    }
    await migrateWithin(tx, backend);
  });
}

async function userTables(db: Kysely<any>, backend: Backend): Promise<string[]> {
  const rows =
    backend === 'sqlite'
      ? await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`.execute(db)
      : await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()`.execute(db);
  return rows.rows.map((r) => r.name);
}

async function allEmpty(db: Kysely<any>, tables: string[]): Promise<boolean> {
  for (const t of tables) {
    if (t.startsWith('kysely_migration')) continue;
    if ((await sql`SELECT 1 FROM ${sql.table(t)} LIMIT 1`.execute(db)).rows.length) return false;
  }
  return true;
}

/** SQLite's online backup of the live file: a consistent copy while the server keeps writing. */
export async function backupSqliteFile(file: string, out: string): Promise<void> {
  if (existsSync(out)) throw new Error(`${out} exists already`);
  const src = new SQLite(file, { fileMustExist: true });
  try {
    src.pragma('busy_timeout = 5000');
    // After the first 100 pages, copy the rest in one step: a write in between restarts the copy, and
    // one step holds a read snapshot, so it cannot be restarted for ever by a busy server.
    await src.backup(out, { progress: () => 1_000_000_000 });
  } finally {
    src.close();
  }
}

export function isSqliteFile(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(16);
    readSync(fd, head, 0, 16, 0);
    return head.toString('latin1') === 'SQLite format 3\0';
  } finally {
    closeSync(fd);
  }
}

/** Writes a backup of the target: a SQLite file for SQLite, a JSON dump for PostgreSQL. */
export async function backupTo(target: DatabaseTarget, out: string): Promise<void> {
  if (!isPostgresUrl(target.databaseUrl)) return backupSqliteFile(sqliteFileOf(target), out);
  if (existsSync(out)) throw new Error(`${out} exists already`);
  const db = openDatabase(target);
  try {
    const dump = await exportDump(db);
    writeFileSync(`${out}.partial`, JSON.stringify(dump));
    renameSync(`${out}.partial`, out);
  } finally {
    await db.destroy();
  }
}

/** The backup's contents as a dump, whatever its kind. */
export async function readBackup(file: string): Promise<Dump> {
  if (!isSqliteFile(file)) return JSON.parse(readFileSync(file, 'utf8')) as Dump;
  // Read a copy: opening a SQLite file may write to it (WAL), and a backup must stay as it was.
  const dir = mkdtempSync(join(tmpdir(), 'cueroom-restore-'));
  try {
    copyFileSync(file, join(dir, 'copy.sqlite'));
    const db = openSqlite(join(dir, 'copy.sqlite'));
    try {
      return await exportDump(db);
    } finally {
      await db.destroy();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Restores a backup into the target and returns the opened, migrated store. SQLite backup into SQLite:
 * the file is copied in place (with force, the file there is kept beside it as *.replaced-<time>).
 * Anything else goes through the dump.
 */
export async function restoreFrom(file: string, target: DatabaseTarget, o: { force?: boolean } = {}): Promise<Store> {
  if (!isPostgresUrl(target.databaseUrl) && isSqliteFile(file)) {
    const dest = sqliteFileOf(target);
    if (existsSync(dest)) {
      if (!o.force) throw new Error(`${dest} exists: restore into an empty DATA_DIR, or pass --force to replace it (it is kept as ${dest}.replaced-<time>)`);
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      for (const ext of ['', '-wal', '-shm']) if (existsSync(dest + ext)) renameSync(dest + ext, `${dest}.replaced-${stamp}${ext}`);
    }
    copyFileSync(file, dest);
    const store = new Store(openDatabase(target));
    await store.migrate();
    return store;
  }
  const dump = await readBackup(file);
  const store = new Store(openDatabase(target));
  try {
    await restoreDump(store.db, dump, o);
  } catch (err) {
    await store.close();
    throw err;
  }
  return store;
}

/** Checks every session's log chain in a dump (a backup is only as good as its chains). */
export function verifyDump(dump: Dump): ChainReport[] {
  const bySession = new Map<string, StoredRecord[]>();
  for (const r of dump.tables.session_log as unknown as Database['session_log'][]) {
    const list = bySession.get(r.session_id) ?? [];
    list.push({ sessionId: r.session_id, seq: Number(r.seq), at: Number(r.at), actor: r.actor, type: r.type, data: JSON.parse(r.data), prevHash: r.prev_hash ?? '', hash: r.hash ?? '' });
    bySession.set(r.session_id, list);
  }
  return (dump.tables.sessions as unknown as Database['sessions'][]).map((s) => {
    const records = (bySession.get(s.id) ?? []).sort((a, b) => a.seq - b.seq);
    return { sessionId: s.id, records: records.length, broken: verifyChain(s.id, records, { lastSeq: Number(s.last_seq), lastHash: s.last_hash ?? '' }) };
  });
}
