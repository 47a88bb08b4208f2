import { startState } from '../../protocols/runtime/runtime';
import { SAFE_SCENE } from '../../scenes/manifests';
import type { Store } from '../../server/store/store';

// A small clinical history written through the store's public API (tests only).

export const initialState = () => startState({ protocol: null, patientActiveUse: false, activeUseOverride: null, sessionIndex: 0, safeScene: SAFE_SCENE });

export async function seedOrganisation(store: Store, org = 'org-1'): Promise<void> {
  await store.createOrganisation(org, 'Clinic', 1);
  await store.createAccount({ id: `acc-${org}`, organisationId: org, username: `dr-${org}`, passwordHash: 'x', roles: ['clinician'] }, 1);
  await store.createPatient({ id: `pat-${org}`, organisationId: org, code: 'P-1', status: 'abstinent', createdAt: 1 });
}

/** A session with `ratings` spoken ratings after its opening record: 1 + ratings log records. */
export async function seedSession(store: Store, sessionId: string, ratings: number, org = 'org-1'): Promise<void> {
  await store.createSession(
    { id: sessionId, organisationId: org, patientId: `pat-${org}`, clinicianId: `acc-${org}`, status: 'open', state: initialState(), protocol: null, createdAt: 10 },
    { actor: 'clinician', type: 'session.opened', data: { clinicianId: `acc-${org}` } },
  );
  for (let i = 0; i < ratings; i++) {
    const id = crypto.randomUUID();
    await store.commit({
      sessionId,
      at: 100 + i,
      state: initialState(),
      records: [{ actor: 'clinician', type: 'rating.recorded', data: { ratingId: id, value: 10 * i, scale: 'vas', source: 'spoken' } }],
      write: { id, kind: 'spokenRating' },
      rating: { promptId: null, scale: 'vas', value: 10 * i, source: 'spoken', promptedAt: null, scene: { sceneId: 'bar', level: 1 } },
      result: { revision: 0 },
    });
  }
}

/** Commits spoken ratings into a session until stopped; `acked` lists those whose commit returned. */
export function writer(store: Store, sessionId: string, pad = '') {
  const acked: string[] = [];
  let stopped = false;
  const done = (async () => {
    for (let i = 0; !stopped; i++) {
      const id = crypto.randomUUID();
      await store.commit({
        sessionId,
        at: 1000 + i,
        state: initialState(),
        records: [{ actor: 'clinician', type: 'rating.recorded', data: { ratingId: id, value: i % 101, note: pad } }],
        write: { id, kind: 'spokenRating' },
        rating: { promptId: null, scale: 'vas', value: i % 101, source: 'spoken', promptedAt: null, scene: { sceneId: 'bar', level: 1 } },
        result: { revision: 0 },
      });
      acked.push(id);
      // better-sqlite3 answers without I/O waits: yield, or this loop starves timers and the backup.
      await new Promise((r) => setImmediate(r));
    }
  })();
  return {
    acked,
    async until(n: number) {
      while (acked.length < n) await new Promise((r) => setTimeout(r, 5));
    },
    async stop() {
      stopped = true;
      await done;
    },
  };
}
