import { type Kysely, sql } from 'kysely';
import { backendOf } from '../../server/store/database';

/** Every table, column, index, trigger and row of a database, as comparable data (tests only). */
export async function snapshotDatabase(db: Kysely<any>): Promise<{ schema: unknown[]; rows: Record<string, string[]> }> {
  let schema: unknown[];
  let tables: string[];
  if (backendOf(db) === 'sqlite') {
    schema = (await sql`SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name`.execute(db)).rows;
    tables = (schema as { type: string; name: string }[]).filter((o) => o.type === 'table' && !o.name.startsWith('sqlite_')).map((o) => o.name);
  } else {
    const columns = await sql<{ table_name: string }>`SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns
      WHERE table_schema = 'public' ORDER BY table_name, column_name`.execute(db);
    const indexes = await sql`SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname`.execute(db);
    const triggers = await sql`SELECT tgname, tgrelid::regclass::text AS tbl FROM pg_trigger WHERE NOT tgisinternal ORDER BY tgname`.execute(db);
    const functions = await sql`SELECT proname FROM pg_proc WHERE pronamespace = 'public'::regnamespace ORDER BY proname`.execute(db);
    schema = [columns.rows, indexes.rows, triggers.rows, functions.rows];
    tables = [...new Set(columns.rows.map((c) => c.table_name))];
  }
  const rows: Record<string, string[]> = {};
  for (const t of tables.sort()) {
    rows[t] = (await sql`SELECT * FROM ${sql.table(t)}`.execute(db)).rows.map((r) => JSON.stringify(r)).sort();
  }
  return { schema, rows };
}
