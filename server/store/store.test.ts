import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startState } from '../../protocols/runtime/runtime';
import { SAFE_SCENE } from '../../scenes/manifests';
import { openSqlite } from './sqlite';
import { Store } from './store';

let dir: string;
let store: Store;
const file = () => join(dir, 'cueroom.sqlite');
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

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cueroom-store-'));
  store = new Store(openSqlite(file()));
  await store.migrate();
  await seedSession(store);
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('SQLite store', () => {
  it('opens the file in WAL mode with synchronous=FULL', async () => {
    const mode = await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(store.db);
    const sync = await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(store.db);
    expect(mode.rows[0]!.journal_mode).toBe('wal');
    expect(sync.rows[0]!.synchronous).toBe(2); // FULL
  });

  it('migrates idempotently (a second start changes nothing)', async () => {
    await store.migrate();
    expect(await store.countAccounts()).toBe(1);
  });

  it('commits log, state and rating atomically with consecutive sequence numbers', async () => {
    const state = initialSessionState();
    const write = { id: '11111111-1111-4111-8111-111111111111', kind: 'spokenRating' };
    const out = await store.commit({
      sessionId: 'ses-00001',
      at: 100,
      state,
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
    expect(await store.listRatings('ses-00001')).toEqual([expect.objectContaining({ id: write.id, value: 33, source: 'spoken', sceneId: 'bar', level: 2 })]);
  });

  it('applies a write id once and returns the first acknowledgement on a retry', async () => {
    const w = {
      sessionId: 'ses-00001',
      at: 100,
      state: initialSessionState(),
      records: [{ actor: 'clinician' as const, type: 'x', data: {} }],
      write: { id: '22222222-2222-4222-8222-222222222222', kind: 'x' },
      result: { revision: 7 },
    };
    const first = await store.commit(w);
    const again = await store.commit({ ...w, at: 200 });
    expect(again).toEqual({ duplicate: true, result: first.result });
    expect(await store.listLog('ses-00001')).toHaveLength(2);
  });

  it('refuses to edit or delete the session log', async () => {
    await expect(sql`UPDATE session_log SET type = 'forged'`.execute(store.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM session_log`.execute(store.db)).rejects.toThrow(/append-only/);
  });

  it('keeps what was committed across a reopen of the file', async () => {
    await store.commit({
      sessionId: 'ses-00001',
      at: 100,
      state: { ...initialSessionState(), link: { up: true, downSince: null } },
      records: [{ actor: 'server', type: 'headset.connected', data: {} }],
      result: {},
    });
    await store.close();
    store = new Store(openSqlite(file()));
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
});
