import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

// The back ends the integration tests run against: SQLite always; PostgreSQL when a server answers at
// 127.0.0.1:5432 (user postgres), with a throw-away database per use, dropped afterwards. Under CI a
// missing PostgreSQL fails the run; elsewhere its tests are skipped with a notice.

export type BackendName = 'sqlite' | 'postgres';

/** One fresh, empty place to keep data: a temporary folder, plus a database for PostgreSQL. */
export interface Place {
  backend: BackendName;
  dataDir: string;
  /** '' for SQLite: explicit, so a DATABASE_URL in the developer's environment cannot leak in. */
  databaseUrl: string;
  /** Removes the folder and drops the database. */
  drop(): Promise<void>;
}

export interface BackendCase {
  name: BackendName;
  available: boolean;
  fresh(): Promise<Place>;
}

const ADMIN_URL = process.env.CUEROOM_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const RUN = Math.random().toString(36).slice(2, 8);
let made = 0;

async function reachable(): Promise<string | null> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (err) {
    return (err as Error).message;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function admin<T>(run: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

const tempDir = () => mkdtempSync(join(tmpdir(), 'cueroom-data-'));

/** A new empty PostgreSQL database named cueroom_test_<run>_<n>, and its URL. */
export async function createPgDatabase(): Promise<{ name: string; url: string }> {
  const name = `cueroom_test_${RUN}_${++made}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
}

export async function dropPgDatabase(name: string): Promise<void> {
  await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

const pgProblem = await reachable();
if (pgProblem) {
  if (process.env.CI) throw new Error(`CI is set but PostgreSQL is unreachable at ${ADMIN_URL}: ${pgProblem}`);
  console.warn(`\n*** PostgreSQL not reachable at ${ADMIN_URL} (${pgProblem}): its integration tests are SKIPPED. ***\n`);
}

export const BACKENDS: BackendCase[] = [
  {
    name: 'sqlite',
    available: true,
    async fresh() {
      const dataDir = tempDir();
      return { backend: 'sqlite', dataDir, databaseUrl: '', drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'postgres',
    available: pgProblem === null,
    async fresh() {
      const dataDir = tempDir();
      const db = await createPgDatabase();
      return {
        backend: 'postgres',
        dataDir,
        databaseUrl: db.url,
        async drop() {
          rmSync(dataDir, { recursive: true, force: true });
          await dropPgDatabase(db.name);
        },
      };
    },
  },
];
