import { type Kysely, sql, type Transaction } from 'kysely';
import { rolesAndAccess } from './accessMigration';
import { patientProfile } from './patientProfileMigration';
import { type Backend, backendOf } from './database';
import { chainHash, GENESIS } from './hashChain';

// Versioned schema migrations: one list for both back ends, written with kysely's schema builder;
// dialect-specific only where SQL differs (append-only triggers). Never edit a migration that has
// shipped: add a new one. (0001's triggers gained a PostgreSQL branch; its SQLite path is unchanged.)

export interface SchemaMigration {
  /** Applied in list order; names sort in that order. */
  name: string;
  up(db: Kysely<any>, backend: Backend): Promise<void>;
}

/** From this migration on, every log record is hash-chained. */
export const HASH_CHAIN_MIGRATION = '0003_log_hash_chain';

export const MIGRATIONS: SchemaMigration[] = [
  {
    name: '0001_initial',
    async up(db, backend) {
      await db.schema
        .createTable('organisations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('accounts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('roles', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('tokens')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('account_id', 'text', (c) => c.references('accounts.id'))
        .addColumn('session_id', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('revoked_at', 'bigint')
        .execute();
      await db.schema.createIndex('tokens_session').on('tokens').column('session_id').execute();
      await db.schema
        .createTable('patients')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('patients_org_code', ['organisation_id', 'code'])
        .execute();
      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
        .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
        .addColumn('clinician_id', 'text', (c) => c.notNull().references('accounts.id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('last_seq', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('ended_at', 'bigint')
        .execute();
      await db.schema
        .createTable('session_log')
        .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('session_log_pk', ['session_id', 'seq'])
        .execute();
      await db.schema
        .createTable('ratings')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id'))
        .addColumn('prompt_id', 'text')
        .addColumn('scale', 'text', (c) => c.notNull())
        .addColumn('value', 'integer', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('prompted_at', 'bigint')
        .addColumn('answered_at', 'bigint', (c) => c.notNull())
        .addColumn('scene_id', 'text', (c) => c.notNull())
        .addColumn('level', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('ratings_session').on('ratings').column('session_id').execute();
      await db.schema
        .createTable('client_writes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('session_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('result', 'text', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .execute();
      // The log is append-only: the database itself refuses edits and deletions.
      if (backend === 'sqlite') {
        // Kept word for word as shipped, so existing SQLite files and new ones have the same schema.
        await sql`CREATE TRIGGER session_log_no_update BEFORE UPDATE ON session_log
        BEGIN SELECT RAISE(ABORT, 'session_log is append-only'); END`.execute(db);
        await sql`CREATE TRIGGER session_log_no_delete BEFORE DELETE ON session_log
        BEGIN SELECT RAISE(ABORT, 'session_log is append-only'); END`.execute(db);
      } else {
        await setAppendOnly(db, backend, 'session_log', true);
      }
    },
  },
  {
    name: '0002_protocols_and_patient_status',
    async up(db) {
      // Active use is a safety status: it gates prompts and exposure (see the runtime's gate).
      await db.schema.alterTable('patients').addColumn('status', 'text', (c) => c.notNull().defaultTo('abstinent')).execute();
      // The protocol as it was when the session started, so a session replays the version it ran.
      await db.schema.alterTable('sessions').addColumn('protocol', 'text').execute();
    },
  },
  {
    name: HASH_CHAIN_MIGRATION,
    async up(db, backend) {
      // Each log record chains to the previous one (see hashChain.ts); the session row keeps the head so
      // a truncated tail is seen too.
      await db.schema.alterTable('session_log').addColumn('prev_hash', 'text', (c) => c.notNull().defaultTo('')).execute();
      await db.schema.alterTable('session_log').addColumn('hash', 'text', (c) => c.notNull().defaultTo('')).execute();
      await db.schema.alterTable('sessions').addColumn('last_hash', 'text', (c) => c.notNull().defaultTo('')).execute();
      // Records written before this migration are chained as they stand now.
      await setAppendOnly(db, backend, 'session_log', false);
      const rows = await db.selectFrom('session_log').select(['session_id', 'seq', 'at', 'actor', 'type', 'data']).orderBy('session_id').orderBy('seq').execute();
      const heads = new Map<string, string>();
      for (const r of rows) {
        const prev = heads.get(r.session_id) ?? GENESIS;
        const hash = chainHash(prev, { sessionId: r.session_id, seq: Number(r.seq), at: Number(r.at), actor: r.actor, type: r.type, data: JSON.parse(r.data) });
        await db.updateTable('session_log').set({ prev_hash: prev, hash }).where('session_id', '=', r.session_id).where('seq', '=', r.seq).execute();
        heads.set(r.session_id, hash);
      }
      for (const [id, hash] of heads) await db.updateTable('sessions').set({ last_hash: hash }).where('id', '=', id).execute();
      await setAppendOnly(db, backend, 'session_log', true);
      // Ratings are never updated either: a correction is a new log record.
      await setAppendOnly(db, backend, 'ratings', true);
    },
  },
  {
    // Numbered from 0010: written beside the storage work's 0003, landed after it.
    name: '0010_roles_and_access',
    up: (db, backend) => rolesAndAccess(db, (table) => setAppendOnly(db, backend, table, true)),
  },
  {
    name: '0011_patient_profile',
    up: (db, backend) => patientProfile(db, (table) => setAppendOnly(db, backend, table, true)),
  },
];

/**
 * Makes the database refuse UPDATE and DELETE (and TRUNCATE on PostgreSQL) on a table, or lifts that
 * (only inside a migration that must rewrite history, e.g. a backfill, or a test that plays the forger).
 */
export async function setAppendOnly(db: Kysely<any>, backend: Backend, table: 'session_log' | 'ratings' | 'access_log' | 'cue_hierarchy_ratings', on: boolean): Promise<void> {
  const t = sql.table(table);
  const trigger = (what: string) => sql.id(`${table}_no_${what}`);
  if (backend === 'sqlite') {
    for (const what of ['update', 'delete']) {
      if (!on) await sql`DROP TRIGGER IF EXISTS ${trigger(what)}`.execute(db);
      else await sql`CREATE TRIGGER ${trigger(what)} BEFORE ${sql.raw(what.toUpperCase())} ON ${t} BEGIN SELECT RAISE(ABORT, ${sql.lit(`${table} is append-only`)}); END`.execute(db);
    }
    return;
  }
  await sql`CREATE OR REPLACE FUNCTION cueroom_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$`.execute(db);
  for (const what of ['update', 'delete', 'truncate']) {
    if (!on) await sql`DROP TRIGGER IF EXISTS ${trigger(what)} ON ${t}`.execute(db);
    else {
      const each = what === 'truncate' ? sql`FOR EACH STATEMENT` : sql`FOR EACH ROW`;
      await sql`CREATE TRIGGER ${trigger(what)} BEFORE ${sql.raw(what.toUpperCase())} ON ${t} ${each} EXECUTE FUNCTION cueroom_append_only()`.execute(db);
    }
  }
}

/** Names the migration that failed and why; nothing of the run was applied. */
export class MigrationError extends Error {
  constructor(
    readonly migration: string,
    readonly reason: string,
  ) {
    super(`migration ${migration} failed: ${reason}. Nothing was changed: the database is as it was before this start.`);
    this.name = 'MigrationError';
  }
}

// The bookkeeping table keeps kysely's Migrator name and shape, so databases it migrated carry on.
const TABLE = 'kysely_migration';
const PG_LOCK_KEY = 0x43_75_65_52; // "CueR": serialises servers starting at once on one PostgreSQL database

export interface MigrateOptions {
  /** Extra migrations after the shipped ones (tests inject a failing one). */
  extra?: SchemaMigration[];
  /** Stop after this migration (restoring a dump made by an older version). */
  upTo?: string;
}

/**
 * Brings the schema up to date in ONE transaction (DDL is transactional in SQLite and PostgreSQL):
 * a failure anywhere rolls back every migration of the run, the bookkeeping table included, and
 * throws a MigrationError naming the migration. Returns the names applied.
 */
export async function migrateToLatest(db: Kysely<any>, o: MigrateOptions = {}): Promise<string[]> {
  const backend = backendOf(db);
  return db.transaction().execute((tx) => migrateWithin(tx, backend, o));
}

/** The same, inside the caller's transaction (a restore migrates and loads the data in one go). */
export async function migrateWithin(tx: Transaction<any>, backend: Backend, o: MigrateOptions = {}): Promise<string[]> {
  const list = [...MIGRATIONS, ...(o.extra ?? [])];
  if (backend === 'postgres') await sql`SELECT pg_advisory_xact_lock(${PG_LOCK_KEY})`.execute(tx);
  await tx.schema
    .createTable(TABLE)
    .ifNotExists()
    .addColumn('name', 'varchar(255)', (c) => c.notNull().primaryKey())
    .addColumn('timestamp', 'varchar(255)', (c) => c.notNull())
    .execute();
  const done = (await tx.selectFrom(TABLE).select('name').orderBy('name').execute()).map((r) => r.name as string);
  const known = list.map((m) => m.name);
  if (done.some((name, i) => known[i] !== name)) {
    throw new MigrationError(
      '(check)',
      `the database has migrations [${done.join(', ')}] but this version knows [${known.join(', ')}]; it was written by another version of CueRoom`,
    );
  }
  const applied: string[] = [];
  for (const m of list.slice(done.length)) {
    if (o.upTo && m.name > o.upTo) break;
    try {
      await m.up(tx, backend);
    } catch (err) {
      throw new MigrationError(m.name, err instanceof Error ? err.message : String(err));
    }
    await tx.insertInto(TABLE).values({ name: m.name, timestamp: new Date().toISOString() }).execute();
    applied.push(m.name);
  }
  return applied;
}

/** The migrations a database has had, in order. */
export async function appliedMigrations(db: Kysely<any>): Promise<string[]> {
  const rows = await db.selectFrom(TABLE).select('name').orderBy('name').execute();
  return rows.map((r) => r.name as string);
}
