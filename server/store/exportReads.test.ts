import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startState } from '../../protocols/runtime/runtime';
import { protocolOf } from '../../protocols/runtime/testing';
import type { Protocol } from '../../protocols/schema';
import { SAFE_SCENE } from '../../scenes/manifests';
import { openSqlite } from './sqlite';
import { Store } from './store';

// The read the study export uses: sessions by the protocol they ran.

let dir: string;
let store: Store;
const steps = [{ type: 'baseline' as const, scene: 'gallery', durationSeconds: 60, rateAt: ['start' as const] }];
const alcohol = protocolOf({ id: 'alcohol', steps });
const alcoholV2 = protocolOf({ id: 'alcohol', version: 2, steps });
// A check item named like the other protocol: the stored JSON contains "id":"alcohol" too.
const decoy = protocolOf({ id: 'alcohol-bar', steps, preSessionCheck: [{ id: 'alcohol', text: { fr: 'a', en: 'a' }, blocksIf: 'yes' }] });

async function session(id: string, organisationId: string, protocol: Protocol | null, createdAt: number) {
  const state = startState({ protocol, patientActiveUse: false, activeUseOverride: null, sessionIndex: 0, safeScene: SAFE_SCENE });
  await store.createSession({ id, organisationId, patientId: `pat-${organisationId}`, clinicianId: `acc-${organisationId}`, status: 'open', state, protocol, createdAt }, { actor: 'clinician', type: 'session.opened', data: {} });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cueroom-store-'));
  store = new Store(openSqlite(join(dir, 'cueroom.sqlite')));
  await store.migrate();
  for (const org of ['org-a', 'org-b']) {
    await store.createOrganisation(org, org, 1);
    await store.createAccount({ id: `acc-${org}`, organisationId: org, username: `dr-${org}`, passwordHash: 'x', roles: ['clinician'] }, 1);
    await store.createPatient({ id: `pat-${org}`, organisationId: org, code: `P-${org}`, status: 'abstinent', createdAt: 1 });
  }
  await session('ses-00003', 'org-a', alcoholV2, 30);
  await session('ses-00001', 'org-a', alcohol, 10);
  await session('ses-00002', 'org-b', alcohol, 20);
  await session('ses-00004', 'org-a', decoy, 40);
  await session('ses-00005', 'org-a', null, 50);
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('Store.listSessionsByProtocol', () => {
  it('finds every session that ran the protocol, any version, oldest first, and no other', async () => {
    const found = await store.listSessionsByProtocol('alcohol');
    expect(found.map((s) => [s.id, s.protocol?.version, s.patientCode])).toEqual([
      ['ses-00001', 1, 'P-org-a'],
      ['ses-00002', 1, 'P-org-b'],
      ['ses-00003', 2, 'P-org-a'],
    ]);
    expect((await store.listSessionsByProtocol('alcohol-bar')).map((s) => s.id)).toEqual(['ses-00004']);
    expect(await store.listSessionsByProtocol('alc%')).toEqual([]);
  });

  it('keeps to one organisation when asked', async () => {
    expect((await store.listSessionsByProtocol('alcohol', 'org-b')).map((s) => s.id)).toEqual(['ses-00002']);
  });
});
