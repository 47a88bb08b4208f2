import { readFileSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startState } from '../../protocols/runtime/runtime';
import { SAFE_SCENE } from '../../scenes/manifests';
import { BACKENDS, type Place } from '../../tests/support/backends';
import { snapshotDatabase } from '../../tests/support/dbSnapshot';
import { openDatabase, sqliteFileOf } from './database';
import { GENESIS } from './hashChain';
import { MigrationError, MIGRATIONS } from './migrations';
import { Store } from './store';

const initialSessionState = () => startState({ protocol: null, patientActiveUse: false, activeUseOverride: null, sessionIndex: 0, safeScene: SAFE_SCENE });

async function seedSession(s: Store) {
  await s.createOrganisation('org-1', 'Clinic', 1);
  await s.createAccount({ id: 'acc-1', organisationId: 'org-1', username: 'dr', passwordHash: 'x', roles: ['clinician'] }, 1);
  await s.createPatient({ id: 'pat-00001', organisationId: 'org-1', code: 'P-1', status: 'abstinent', createdAt: 1 });
  await s.createSession(
    { id: 'ses-00001', organisationId: 'org-1', patientId: 'pat-00001', clinicianId: 'acc-1', status: 'open', state: initialSessionState(), protocol: null, createdAt: 10 },
    { actor: 'clinician', type: 'session.opened', data: {} },
  );
}

const spoken = (id: string, value: number, at = 100) => ({
  sessionId: 'ses-00001',
  at,
  state: initialSessionState(),
  records: [{ actor: 'clinician' as const, type: 'rating.recorded', data: { ratingId: id, value } }],
  write: { id, kind: 'spokenRating' },
  rating: { promptId: null, scale: 'vas' as const, value, source: 'spoken' as const, promptedAt: null, scene: { sceneId: 'bar', level: 2 } },
  result: { revision: 0 },
});

for (const backend of BACKENDS) {
  describe.skipIf(!backend.available)(`${backend.name} store`, () => {
    let place: Place;
    let store: Store;
    const open = () => new Store(openDatabase(place));

    beforeEach(async () => {
      place = await backend.fresh();
      store = open();
      await store.migrate();
      await seedSession(store);
    });
    afterEach(async () => {
      await store.close();
      await place.drop();
    });

    it('is durable: SQLite in WAL mode with synchronous=FULL, PostgreSQL with synchronous_commit on', async () => {
      if (backend.name === 'sqlite') {
        const mode = await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(store.db);
        const sync = await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(store.db);
        expect(mode.rows[0]!.journal_mode).toBe('wal');
        expect(sync.rows[0]!.synchronous).toBe(2); // FULL
      } else {
        const sync = await sql<{ synchronous_commit: string }>`SHOW synchronous_commit`.execute(store.db);
        expect(sync.rows[0]!.synchronous_commit).toBe('on');
      }
    });

    it('migrates idempotently (a second start changes nothing)', async () => {
      const before = await snapshotDatabase(store.db);
      expect(await store.migrate()).toEqual([]);
      expect(await snapshotDatabase(store.db)).toEqual(before);
      expect(await store.countAccounts()).toBe(1);
    });

    it('commits log, state and rating atomically with consecutive sequence numbers', async () => {
      const write = { id: '11111111-1111-4111-8111-111111111111', kind: 'spokenRating' };
      const out = await store.commit({
        sessionId: 'ses-00001',
        at: 100,
        state: initialSessionState(),
        records: [
          { actor: 'clinician', type: 'a', data: {} },
          { actor: 'clinician', type: 'b', data: {} },
        ],
        write,
        rating: { promptId: null, scale: 'vas', value: 33, source: 'spoken', promptedAt: null, scene: { sceneId: 'bar', level: 2 } },
        result: { revision: 0 },
      });
      expect(out.duplicate).toBe(false);
      expect((await store.listLog('ses-00001')).map((e) => [e.seq, e.type])).toEqual([
        [1, 'session.opened'],
        [2, 'a'],
        [3, 'b'],
      ]);
      expect(await store.listRatings('ses-00001')).toEqual([expect.objectContaining({ id: write.id, value: 33, source: 'spoken', sceneId: 'bar', level: 2, answeredAt: 100 })]);
      expect(await store.findRating(write.id)).toMatchObject({ id: write.id, sessionId: 'ses-00001', value: 33 });
    });

    it('chains every record to the previous one with a SHA-256 hash, and the chain verifies', async () => {
      await store.commit(spoken('11111111-1111-4111-8111-111111111111', 40));
      await store.commit(spoken('22222222-2222-4222-8222-222222222222', 20, 200));
      const rows = await store.db.selectFrom('session_log').selectAll().orderBy('seq').execute();
      expect(rows.map((r) => r.seq)).toEqual([1, 2, 3]);
      expect(rows[0]!.prev_hash).toBe(GENESIS);
      expect(rows[1]!.prev_hash).toBe(rows[0]!.hash);
      expect(rows[2]!.prev_hash).toBe(rows[1]!.hash);
      for (const r of rows) expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(await store.verifyLog('ses-00001')).toEqual({ sessionId: 'ses-00001', records: 3, broken: null });
    });

    it('applies a write id once and returns the first acknowledgement on a retry', async () => {
      const w = spoken('22222222-2222-4222-8222-222222222222', 7);
      const first = await store.commit(w);
      const again = await store.commit({ ...w, at: 200 });
      expect(again).toEqual({ duplicate: true, result: first.result });
      expect(await store.listLog('ses-00001')).toHaveLength(2);
      expect(await store.listRatings('ses-00001')).toHaveLength(1);
    });

    it('keeps one linear chain when commits race (PostgreSQL runs them side by side)', async () => {
      const ids = Array.from({ length: 20 }, (_, i) => `33333333-3333-4333-8333-${String(i).padStart(12, '0')}`);
      await Promise.all(ids.map((id, i) => store.commit(spoken(id, i, 100 + i))));
      expect((await store.listLog('ses-00001')).map((e) => e.seq)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
      expect((await store.verifyLog('ses-00001'))?.broken).toBeNull();
    });

    it('refuses to edit or delete the session log and the ratings', async () => {
      await store.commit(spoken('11111111-1111-4111-8111-111111111111', 40));
      await expect(sql`UPDATE session_log SET type = 'forged'`.execute(store.db)).rejects.toThrow(/session_log is append-only/);
      await expect(sql`DELETE FROM session_log`.execute(store.db)).rejects.toThrow(/session_log is append-only/);
      await expect(sql`UPDATE ratings SET value = 0`.execute(store.db)).rejects.toThrow(/ratings is append-only/);
      await expect(sql`DELETE FROM ratings`.execute(store.db)).rejects.toThrow(/ratings is append-only/);
      if (backend.name === 'postgres') await expect(sql`TRUNCATE ratings`.execute(store.db)).rejects.toThrow(/append-only/);
      expect(await store.listRatings('ses-00001')).toHaveLength(1);
    });

    it('keeps what was committed across a reopen', async () => {
      await store.commit({
        sessionId: 'ses-00001',
        at: 100,
        state: { ...initialSessionState(), link: { up: true, downSince: null } },
        records: [{ actor: 'server', type: 'headset.connected', data: {} }],
        result: {},
      });
      await store.close();
      store = open();
      const s = await store.findSession('ses-00001');
      expect(s?.state.link.up).toBe(true);
      expect(s?.patientCode).toBe('P-1');
      expect(await store.listLog('ses-00001')).toHaveLength(2);
    });

    it('revokes the session’s device tokens when the session ends', async () => {
      await store.createToken('hash-1', { kind: 'device', accountId: null, sessionId: 'ses-00001', expiresAt: 1e15 }, 1);
      await store.commit({
        sessionId: 'ses-00001',
        at: 300,
        state: { ...initialSessionState(), status: 'ended' },
        records: [{ actor: 'clinician', type: 'session.ended', data: {} }],
        ended: true,
        result: {},
      });
      expect((await store.findToken('hash-1'))?.revokedAt).toBe(300);
      expect((await store.findSession('ses-00001'))?.endedAt).toBe(300);
    });

    it('a failed migration leaves schema and data exactly as they were, and says which and why', async () => {
      await store.commit(spoken('11111111-1111-4111-8111-111111111111', 40));
      const before = await snapshotDatabase(store.db);
      const extra = [
        {
          name: '9001_fine',
          async up(db: typeof store.db) {
            await db.schema.createTable('scratch').addColumn('id', 'text').execute();
            await db.schema.alterTable('patients').addColumn('nickname', 'text').execute();
            await db.insertInto('organisations').values({ id: 'org-2', name: 'New', created_at: 5 }).execute();
          },
        },
        {
          name: '9002_broken',
          async up(db: typeof store.db) {
            await db.schema.createIndex('half_done').on('sessions').column('status').execute();
            await sql`SELECT * FROM no_such_table`.execute(db);
          },
        },
      ];
      const err = await store.migrate({ extra }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MigrationError);
      expect((err as MigrationError).migration).toBe('9002_broken');
      expect((err as Error).message).toMatch(/^migration 9002_broken failed: .*no_such_table.*Nothing was changed/);
      expect(await snapshotDatabase(store.db)).toEqual(before);
      // The server refuses to start on it, and the database is still usable by the shipped code.
      expect(await store.migrate()).toEqual([]);
      expect((await store.verifyLog('ses-00001'))?.broken).toBeNull();
    });

    it('a failed first migration of an empty database leaves it empty', async () => {
      const empty = await backend.fresh();
      const s = new Store(openDatabase(empty));
      try {
        const before = await snapshotDatabase(s.db);
        const broken = [{ name: '9001_broken', up: () => Promise.reject(new Error('disk says no')) }];
        await expect(s.migrate({ extra: broken })).rejects.toThrow(/migration 9001_broken failed: disk says no/);
        expect(await snapshotDatabase(s.db)).toEqual(before);
      } finally {
        await s.close();
        await empty.drop();
      }
    });
  });
}

describe('an existing SQLite file written before the hash chain', () => {
  let place: Place;
  beforeEach(async () => {
    place = await BACKENDS[0]!.fresh();
  });
  afterEach(() => place.drop());

  it('still migrates: old records are chained, ratings become append-only, data is untouched', async () => {
    const file = sqliteFileOf(place);
    const legacy = new SQLite(file);
    legacy.exec(readFileSync(new URL('../../tests/fixtures/legacy-0002.sql', import.meta.url), 'utf8'));
    legacy.close();
    const store = new Store(openDatabase(place));
    try {
      const logBefore = await store.listLog('ses-legacy1');
      const ratingsBefore = await store.listRatings('ses-legacy2');
      expect(await store.migrate()).toEqual(MIGRATIONS.slice(2).map((m) => m.name));
      expect(await store.listLog('ses-legacy1')).toEqual(logBefore);
      expect(await store.listRatings('ses-legacy2')).toEqual(ratingsBefore);
      for (const id of await store.listAllSessionIds()) expect(await store.verifyLog(id)).toMatchObject({ records: 5, broken: null });
      await expect(sql`UPDATE ratings SET value = 0`.execute(store.db)).rejects.toThrow(/append-only/);
      await expect(sql`DELETE FROM session_log`.execute(store.db)).rejects.toThrow(/append-only/);
    } finally {
      await store.close();
    }
  });
});
