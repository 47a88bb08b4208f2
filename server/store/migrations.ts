import { type Kysely, type Migration, type MigrationProvider, Migrator, PostgresAdapter, sql } from 'kysely';
import { rolesAndAccess } from './accessMigration';

// Versioned schema migrations, written with kysely's schema builder so the same steps can later run on
// PostgreSQL. Never edit a migration that has shipped: add a new one.

const migrations: Record<string, Migration> = {
  '0001_initial': {
    async up(db: Kysely<any>) {
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
      await sql`CREATE TRIGGER session_log_no_update BEFORE UPDATE ON session_log
        BEGIN SELECT RAISE(ABORT, 'session_log is append-only'); END`.execute(db);
      await sql`CREATE TRIGGER session_log_no_delete BEFORE DELETE ON session_log
        BEGIN SELECT RAISE(ABORT, 'session_log is append-only'); END`.execute(db);
    },
  },
  '0002_protocols_and_patient_status': {
    async up(db: Kysely<any>) {
      // Active use is a safety status: it gates prompts and exposure (see the runtime's gate).
      await db.schema.alterTable('patients').addColumn('status', 'text', (c) => c.notNull().defaultTo('abstinent')).execute();
      // The protocol as it was when the session started, so a session replays the version it ran.
      await db.schema.alterTable('sessions').addColumn('protocol', 'text').execute();
    },
  },
  // Numbered from 0010 so the storage work's 0003… migrations can land before it.
  '0010_roles_and_access': {
    up: (db: Kysely<any>) => rolesAndAccess(db, (table) => appendOnly(db, table)),
  },
};

/**
 * The one place with dialect-specific SQL: the database itself refuses UPDATE and DELETE on a table
 * (and TRUNCATE on PostgreSQL). TODO(merge with the storage branch): its setAppendOnly(db, backend,
 * table, on) does the same; keep that one, add 'access_log' to its tables, and delete this.
 */
async function appendOnly(db: Kysely<any>, table: 'access_log'): Promise<void> {
  const t = sql.table(table);
  const trigger = (what: string) => sql.id(`${table}_no_${what}`);
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) {
    for (const what of ['update', 'delete']) {
      await sql`CREATE TRIGGER ${trigger(what)} BEFORE ${sql.raw(what.toUpperCase())} ON ${t} BEGIN SELECT RAISE(ABORT, ${sql.lit(`${table} is append-only`)}); END`.execute(db);
    }
    return;
  }
  await sql`CREATE OR REPLACE FUNCTION cueroom_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$`.execute(db);
  for (const what of ['update', 'delete', 'truncate']) {
    const each = what === 'truncate' ? sql`FOR EACH STATEMENT` : sql`FOR EACH ROW`;
    await sql`CREATE TRIGGER ${trigger(what)} BEFORE ${sql.raw(what.toUpperCase())} ON ${t} ${each} EXECUTE FUNCTION cueroom_append_only()`.execute(db);
  }
}

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings the schema up to date; a failed migration is rolled back and reported. */
export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const which = failed ? `migration ${failed.migrationName} failed` : 'migration failed';
    throw new Error(`${which}; the database was left as it was: ${String((error as Error)?.message ?? error)}`);
  }
}
