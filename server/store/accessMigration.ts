import type { Kysely } from 'kysely';

// Migration 0010_roles_and_access: disabled accounts, research grants, per-study de-identification
// keys, identity fields kept apart from the pseudonymous record, and the append-only access log.
// Schema builder only, so it runs on SQLite and PostgreSQL alike; the append-only triggers are
// dialect-specific and come from the caller (see migrations.ts), so that SQL lives in one place.

export async function rolesAndAccess(db: Kysely<any>, appendOnly: (table: 'access_log') => Promise<void>): Promise<void> {
  // Disabling keeps the account (its name stays in logs and grants) but refuses every sign-in.
  await db.schema.alterTable('accounts').addColumn('disabled_at', 'bigint').execute();

  await db.schema
    .createTable('research_grants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('researcher_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    // The protocol granted, or the one the granted session ran: a study is one protocol in one organisation.
    .addColumn('protocol_id', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text', (c) => c.references('sessions.id'))
    .addColumn('granted_by', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('revoked_at', 'bigint')
    .addColumn('revoked_by', 'text', (c) => c.references('accounts.id'))
    .execute();
  await db.schema.createIndex('research_grants_researcher').on('research_grants').column('researcher_id').execute();

  // One secret per (organisation, protocol): study ids and date shifts stay the same from one export
  // of a study to the next. Scope '' is the organisation's sessions steered by hand.
  await db.schema
    .createTable('study_keys')
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('study_keys_pk', ['organisation_id', 'scope'])
    .execute();

  // Identifying fields, all optional, never joined into lists, sessions, exports or logs.
  await db.schema
    .createTable('patient_identities')
    .addColumn('patient_id', 'text', (c) => c.primaryKey().references('patients.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('name', 'text')
    .addColumn('date_of_birth', 'text')
    .addColumn('hospital_record_number', 'text')
    .addColumn('phone', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull().references('accounts.id'))
    .execute();

  await db.schema
    .createTable('access_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('patient_id', 'text')
    .addColumn('session_id', 'text')
    .addColumn('protocol_id', 'text')
    .addColumn('detail', 'text')
    .addColumn('ip', 'text')
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('access_log_org_at').on('access_log').columns(['organisation_id', 'at']).execute();
  await appendOnly('access_log');
}
