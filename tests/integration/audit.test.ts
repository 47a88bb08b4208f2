import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyCommand } from '../../server/cli/audit';
import { openDatabase } from '../../server/store/database';
import { chainHash } from '../../server/store/hashChain';
import { setAppendOnly } from '../../server/store/migrations';
import { Store } from '../../server/store/store';
import { BACKENDS, type Place } from '../support/backends';
import { seedOrganisation, seedSession, writer } from '../support/seed';

const run = promisify(execFile);

for (const backend of BACKENDS) {
  describe.skipIf(!backend.available)(`audit verify over ${backend.name}`, () => {
    let place: Place;
    let store: Store;

    beforeEach(async () => {
      place = await backend.fresh();
      store = new Store(openDatabase(place));
      await store.migrate();
      await seedOrganisation(store);
      await seedSession(store, 'ses-intact', 3);
      await seedSession(store, 'ses-target', 5); // seq 1..6
    });
    afterEach(async () => {
      await store.close();
      await place.drop();
    });

    /** Plays the forger: lifts the append-only triggers and rewrites the log behind the store's back. */
    async function forge(statements: ReturnType<typeof sql>[]) {
      await setAppendOnly(store.db, store.backend, 'session_log', false);
      for (const s of statements) await s.execute(store.db);
      await setAppendOnly(store.db, store.backend, 'session_log', true);
    }

    async function report(sessionId?: string) {
      const lines: string[] = [];
      const ok = await verifyCommand(store, sessionId, (l) => lines.push(l));
      return { ok, lines };
    }

    it('reports OK for every intact session', async () => {
      expect(await report()).toEqual({ ok: true, lines: ['OK ses-intact (4 records)', 'OK ses-target (6 records)', '2 session(s) checked, 0 broken'] });
    });

    it('reads one snapshot: a session being written to while it is audited verifies', async () => {
      const w = writer(store, 'ses-target');
      for (let i = 0; i < 60; i++) expect((await store.verifyLog('ses-target'))?.broken).toBeNull();
      await w.stop();
      expect(w.acked.length).toBeGreaterThan(0);
    });

    it('names the edited record', async () => {
      await forge([sql`UPDATE session_log SET data = ${JSON.stringify({ value: 0 })} WHERE session_id = 'ses-target' AND seq = 4`]);
      const r = await report();
      expect(r.ok).toBe(false);
      expect(r.lines[0]).toBe('OK ses-intact (4 records)');
      expect(r.lines[1]).toMatch(/^BROKEN ses-target at seq 4: the record’s content does not match its hash \(edited\); expected hash [0-9a-f]{64}, found hash [0-9a-f]{64}$/);
    });

    it('names the next record when the forger also recomputed the edited record’s hash', async () => {
      const row = await store.db.selectFrom('session_log').selectAll().where('session_id', '=', 'ses-target').where('seq', '=', 3).executeTakeFirstOrThrow();
      const data = { ...JSON.parse(row.data), value: 0 };
      const hash = chainHash(row.prev_hash, { sessionId: row.session_id, seq: 3, at: Number(row.at), actor: row.actor, type: row.type, data });
      await forge([sql`UPDATE session_log SET data = ${JSON.stringify(data)}, hash = ${hash} WHERE session_id = 'ses-target' AND seq = 3`]);
      expect((await report('ses-target')).lines[0]).toMatch(/^BROKEN ses-target at seq 4: the record does not link to the record before it; expected prev_hash [0-9a-f]{64}, found prev_hash/);
    });

    it('names where a deleted record was', async () => {
      await forge([sql`DELETE FROM session_log WHERE session_id = 'ses-target' AND seq = 3`]);
      expect((await report('ses-target')).lines[0]).toBe('BROKEN ses-target at seq 3: a record is missing or out of order here; expected seq 3, found seq 4');
    });

    it('names the first of two reordered records', async () => {
      await forge([
        sql`UPDATE session_log SET seq = -1 WHERE session_id = 'ses-target' AND seq = 2`,
        sql`UPDATE session_log SET seq = 2 WHERE session_id = 'ses-target' AND seq = 3`,
        sql`UPDATE session_log SET seq = 3 WHERE session_id = 'ses-target' AND seq = -1`,
      ]);
      expect((await report('ses-target')).lines[0]).toMatch(/^BROKEN ses-target at seq 2: the record does not link to the record before it/);
    });

    it('sees a removed last record', async () => {
      await forge([sql`DELETE FROM session_log WHERE session_id = 'ses-target' AND seq = 6`]);
      expect((await report('ses-target')).lines[0]).toBe(
        'BROKEN ses-target at seq 6: the log does not end where the session says it does (records removed or added at the end); expected records up to seq 6, found last record seq 5',
      );
    });

    it('npm run audit -- verify: exit 0 when intact, 1 and the broken seq when not', async () => {
      const env = { ...process.env, DATA_DIR: place.dataDir, DATABASE_URL: place.databaseUrl };
      const cli = (...args: string[]) => run('node', ['--import', 'tsx', 'server/cli/audit.ts', ...args], { env }).then(
        (r) => ({ code: 0, out: r.stdout }),
        (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
      );
      expect(await cli('verify', 'ses-intact')).toEqual({ code: 0, out: 'OK ses-intact (4 records)\n1 session(s) checked, 0 broken\n' });
      await forge([sql`UPDATE session_log SET at = 99999 WHERE session_id = 'ses-target' AND seq = 5`]);
      const broken = await cli('verify');
      expect(broken.code).toBe(1);
      expect(broken.out).toMatch(/OK ses-intact[\s\S]*BROKEN ses-target at seq 5:[\s\S]*2 session\(s\) checked, 1 broken/);
    });
  });
}
