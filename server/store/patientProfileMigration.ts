import type { Kysely } from 'kysely';

// Migration 0011_patient_profile: what the console records before therapy. The profile (abstinence
// date, programme, substances, screening flags, personalisation) is one row per patient, edited in
// place; the cue-hierarchy ratings are append-only (a new rating of an item supersedes the older one,
// which stays as history). Schema builder only; the append-only triggers come from the caller.

export async function patientProfile(db: Kysely<any>, appendOnly: (table: 'cue_hierarchy_ratings') => Promise<void>): Promise<void> {
  await db.schema
    .createTable('patient_profiles')
    .addColumn('patient_id', 'text', (c) => c.primaryKey().references('patients.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('abstinent_since', 'text')
    .addColumn('programme', 'text')
    // JSON arrays / object (flags, substances, personalisation values).
    .addColumn('substances', 'text', (c) => c.notNull())
    .addColumn('flags', 'text', (c) => c.notNull())
    .addColumn('personalisation', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull().references('accounts.id'))
    .execute();

  await db.schema
    .createTable('cue_hierarchy_ratings')
    // The client's write id: a retried rating is stored once.
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('scene_id', 'text', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('value', 'integer', (c) => c.notNull())
    .addColumn('rated_by', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('rated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('cue_hierarchy_ratings_patient').on('cue_hierarchy_ratings').column('patient_id').execute();
  await appendOnly('cue_hierarchy_ratings');
}
