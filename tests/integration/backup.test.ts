import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupTo, exportDump, readBackup, restoreFrom, verifyDump } from '../../server/store/backup';
import { openDatabase } from '../../server/store/database';
import { MIGRATIONS } from '../../server/store/migrations';
import { Store } from '../../server/store/store';
import { BACKENDS, type Place } from '../support/backends';
import { seedOrganisation, seedSession, writer } from '../support/seed';

const run = promisify(execFile);
const PAD = 'x'.repeat(1500); // makes the SQLite file span hundreds of pages, so its backup takes several steps

const sortedIds = (rows: { id: unknown }[]) => rows.map((r) => String(r.id)).sort();

for (const backend of BACKENDS) {
  describe.skipIf(!backend.available)(`backup and restore over ${backend.name}`, () => {
    let source: Place;
    let target: Place;
    let store: Store;

    beforeEach(async () => {
      source = await backend.fresh();
      target = await backend.fresh();
      store = new Store(openDatabase(source));
      await store.migrate();
      await seedOrganisation(store);
      await seedSession(store, 'ses-history', 20);
      await seedSession(store, 'ses-live', 0);
    });
    afterEach(async () => {
      await store.close();
      await source.drop();
      await target.drop();
    });

    it('takes a consistent snapshot while writes continue, and restores it whole into a fresh place', async () => {
      const w = writer(store, 'ses-live', PAD);
      await w.until(150);
      const ackedBefore = [...w.acked];
      const out = join(source.dataDir, backend.name === 'sqlite' ? 'snap.sqlite' : 'snap.json');
      await backupTo(source, out);
      const ackedDuring = w.acked.length;
      await w.until(ackedDuring + 20);
      await w.stop();

      const snapshot = await readBackup(out);
      expect(verifyDump(snapshot).every((r) => r.broken === null)).toBe(true);
      const restored = await restoreFrom(out, target);
      try {
        const after = await exportDump(restored.db);
        expect(after.tables).toEqual(snapshot.tables);
        expect(after.migrations).toEqual(snapshot.migrations);
        // Everything acknowledged before the backup began is in it; what came after the backup is not all there.
        const ratings = sortedIds(after.tables.ratings as { id: string }[]);
        for (const id of ackedBefore) expect(ratings).toContain(id);
        expect(ratings.length).toBeLessThan(20 + w.acked.length);
        for (const id of await restored.listAllSessionIds()) expect((await restored.verifyLog(id))?.broken).toBeNull();
        expect((await restored.listLog('ses-history')).length).toBe(21);
      } finally {
        await restored.close();
      }
    });

    it('refuses a target that holds data unless forced', async () => {
      const out = join(source.dataDir, 'snap.bak');
      await backupTo(source, out);
      const other = new Store(openDatabase(target));
      await other.migrate();
      await seedOrganisation(other, 'org-other');
      await other.close();
      await expect(restoreFrom(out, target)).rejects.toThrow(/not empty|exists/);
      const forced = await restoreFrom(out, target, { force: true });
      try {
        expect((await exportDump(forced.db)).tables).toEqual((await readBackup(out)).tables);
      } finally {
        await forced.close();
      }
    });

    it('npm run backup / npm run restore, with the server’s environment, while a writer runs', async () => {
      const env = (p: Place) => ({ ...process.env, DATA_DIR: p.dataDir, DATABASE_URL: p.databaseUrl });
      const w = writer(store, 'ses-live', PAD);
      await w.until(50);
      const out = join(source.dataDir, 'cli-backup');
      const backup = await run('node', ['--import', 'tsx', 'server/cli/backup.ts', '--out', out], { env: env(source) });
      await w.stop();
      expect(backup.stdout).toMatch(/written to .*cli-backup\n2 session\(s\), \d+ log record\(s\), \d+ rating\(s\), schema \d{4}_[a-z_]+\n/);
      expect(backup.stdout).toContain(`schema ${MIGRATIONS.at(-1)!.name}`);
      const restore = await run('node', ['--import', 'tsx', 'server/cli/restore.ts', out], { env: env(target) });
      expect(restore.stdout).toMatch(/OK ses-history \(21 records\)\nOK ses-live \(\d+ records\)\n2 session\(s\) checked, 0 broken/);
      if (backend.name === 'sqlite') expect(existsSync(join(target.dataDir, 'cueroom.sqlite'))).toBe(true);
    });
  });
}

describe.skipIf(!BACKENDS[1]!.available)('backups across back ends', () => {
  it('a SQLite backup restores into PostgreSQL, and a PostgreSQL dump into SQLite, rows equal', async () => {
    const [sqlite, postgres] = [BACKENDS[0]!, BACKENDS[1]!];
    const places = [await sqlite.fresh(), await postgres.fresh(), await sqlite.fresh()];
    try {
      const origin = new Store(openDatabase(places[0]!));
      await origin.migrate();
      await seedOrganisation(origin);
      await seedSession(origin, 'ses-cross', 5);
      const expected = (await exportDump(origin.db)).tables;
      await origin.close();

      await backupTo(places[0]!, join(places[0]!.dataDir, 'a.sqlite'));
      const inPg = await restoreFrom(join(places[0]!.dataDir, 'a.sqlite'), places[1]!);
      expect((await exportDump(inPg.db)).tables).toEqual(expected);
      await inPg.close();

      await backupTo(places[1]!, join(places[1]!.dataDir, 'b.json'));
      const back = await restoreFrom(join(places[1]!.dataDir, 'b.json'), places[2]!);
      expect((await exportDump(back.db)).tables).toEqual(expected);
      expect((await back.verifyLog('ses-cross'))?.broken).toBeNull();
      await back.close();
    } finally {
      for (const p of places) await p.drop();
    }
  });
});
