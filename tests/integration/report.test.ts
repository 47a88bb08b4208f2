import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgressPoint, SessionSummary } from '../../contract';
import { call } from '../support/people';
import {
  clinicianOfAnotherOrganisation,
  connected,
  pairHeadset,
  passPreCheck,
  patientAndSession,
  socketFor,
  startTestServer,
  type TestServer,
  type TestSocket,
} from '../support/testServer';

// Attention batches from the headset, the after-session summary and a patient's progress, against a
// real server and SQLite.

let server: TestServer;
const open: TestSocket[] = [];
const track = (s: TestSocket) => (open.push(s), s);
const uuid = () => crypto.randomUUID();
let sessionId = '';
let patientId = '';
let clinician: TestSocket;
let headset: TestSocket;

const command = async (c: object) => {
  const ack = await clinician.emitWithAck('session:command', { id: uuid(), sessionId, command: c as never });
  if (!ack.ok) throw new Error(ack.error.message);
};
/** The headset settles on whatever the server last directed, as a real one does. */
const settle = async () => {
  const { directive } = (await server.sessions.snapshot(sessionId))!;
  const ack = await headset.emitWithAck('headset:applied', { id: uuid(), revision: directive.revision, scene: directive.scene, sinceMs: 0 });
  if (!ack.ok) throw new Error(ack.error.message);
};
const dwellRecords = async () => (await server.store.listLog(sessionId)).filter((e) => e.type === 'attention.dwell');

beforeAll(async () => {
  server = await startTestServer();
  const made = await patientAndSession(server, server.admin.token, 'P-REPORT');
  sessionId = made.session.id;
  patientId = made.patient.id;
  clinician = track(socketFor(server, { kind: 'clinician', token: server.admin.token }));
  await connected(clinician);
  headset = track((await pairHeadset(server, clinician, sessionId)).headset);
  await passPreCheck(clinician, sessionId);
});
afterAll(async () => {
  open.splice(0).forEach((s) => s.disconnect());
  await server?.stop();
});

describe('headset:attention', () => {
  it('stores a batch once, acknowledged after it is stored; a replay of its id gets the same answer', async () => {
    const report = { id: uuid(), sceneId: 'bar', level: 2, dwellMs: { 'table-drink': 4200, 'shelf-bottles': 800 } };
    const first = await headset.emitWithAck('headset:attention', report);
    expect(first).toMatchObject({ ok: true, data: { seq: expect.any(Number) } });
    const stored = await dwellRecords();
    expect(stored).toEqual([expect.objectContaining({ actor: 'headset', data: { sceneId: 'bar', level: 2, dwellMs: report.dwellMs } })]);
    expect(await headset.emitWithAck('headset:attention', report)).toEqual(first);
    expect(await dwellRecords()).toHaveLength(1);
  });

  it('refuses cue ids the level does not show, and bad payloads, changing nothing', async () => {
    const before = await server.store.listLog(sessionId);
    const refused: { sceneId: string; level: number; dwellMs: Record<string, number> }[] = [
      { sceneId: 'bar', level: 1, dwellMs: { 'table-drink': 100 } }, // a level-2 cue at level 1
      { sceneId: 'bar', level: 2, dwellMs: { 'aquarium-fish': 100 } },
      { sceneId: 'no-such-scene', level: 0, dwellMs: { room: 100 } },
    ];
    for (const r of refused) expect(await headset.emitWithAck('headset:attention', { id: uuid(), ...r })).toMatchObject({ ok: false, error: { code: 'rejected' } });
    const invalid = [
      { id: uuid(), sceneId: 'bar', level: 2, dwellMs: { room: 10_000_000 } },
      { id: uuid(), sceneId: 'bar', level: 2, dwellMs: {} },
      { id: 'not-a-uuid', sceneId: 'bar', level: 2, dwellMs: { room: 1 } },
      { id: uuid(), sceneId: 'bar', level: 7, dwellMs: { room: 1 } },
    ];
    for (const r of invalid) expect(await headset.emitWithAck('headset:attention', r as never)).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(await server.store.listLog(sessionId)).toEqual(before);
  });
});

describe('GET /sessions/:id/summary and /patients/:id/progress', () => {
  it('summarises the session: baseline, peak, end, attention and overrides', async () => {
    await settle();
    await command({ type: 'spokenRating', scale: 'vas', value: 20 });
    await command({ type: 'setScene', sceneId: 'bar', level: 2 });
    await settle();
    await command({ type: 'spokenRating', scale: 'vas', value: 65 });
    await command({ type: 'spokenRating', scale: 'nrs10', value: 3 });
    await command({ type: 'override', target: 'close', reason: 'Accompanied home by a relative' });
    const res = await call<SessionSummary>(server, 'GET', `/sessions/${sessionId}/summary`, server.admin.token);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ sessionId, patientId, patientCode: 'P-REPORT', baseline: 20, peak: 65, end: 30, ratingCount: 3 });
    expect(res.body.levels).toEqual([expect.objectContaining({ sceneId: 'bar', level: 2, peak: 65, habituationMs: expect.any(Number) })]);
    expect(res.body.maxLevel).toEqual({ bar: 2 });
    expect(res.body.overrides).toEqual([expect.objectContaining({ type: 'override.close', reason: 'Accompanied home by a relative' })]);
    expect(res.body.attention).toEqual([
      { sceneId: 'bar', level: 2, cueId: 'table-drink', kind: 'substance', dwellMs: 4200 },
      { sceneId: 'bar', level: 2, cueId: 'shelf-bottles', kind: 'substance', dwellMs: 800 },
    ]);
  });

  it('records each read in the access log, as a read of this patient’s data', async () => {
    await call(server, 'GET', `/sessions/${sessionId}/summary`, server.admin.token);
    await call(server, 'GET', `/patients/${patientId}/progress`, server.admin.token);
    const rows = await server.store.listAccess(server.admin.account.organisationId, { limit: 10 });
    expect(rows.find((r) => r.action === 'session.summary')).toMatchObject({ session_id: sessionId, patient_id: patientId, role: 'clinician' });
    expect(rows.find((r) => r.action === 'patient.progress')).toMatchObject({ patient_id: patientId, detail: 'sessions=1' });
  });

  it('gives one point per session of the patient, oldest first', async () => {
    const second = await call<{ id: string }>(server, 'POST', '/sessions', server.admin.token, { patientId });
    const res = await call<ProgressPoint[]>(server, 'GET', `/patients/${patientId}/progress`, server.admin.token);
    expect(res.status).toBe(200);
    expect(res.body.map((p) => [p.sessionId, p.baseline, p.peak, p.end])).toEqual([
      [sessionId, 20, 65, 30],
      [second.body.id, null, null, null],
    ]);
  });

  it('refuses a malformed id (400), an unknown one (404) and another organisation (403/404), logging no read', async () => {
    const other = await clinicianOfAnotherOrganisation(server, 'report-other');
    const before = await server.store.listAccess(server.admin.account.organisationId, { limit: 1000 });
    expect((await call(server, 'GET', '/sessions/bad!id/summary', server.admin.token)).status).toBe(400);
    expect((await call(server, 'GET', '/patients/x/progress', server.admin.token)).status).toBe(400);
    expect((await call(server, 'GET', '/sessions/AAAAAAAAAAAA/summary', server.admin.token)).status).toBe(404);
    expect((await call(server, 'GET', '/patients/AAAAAAAAAAAA/progress', server.admin.token)).status).toBe(404);
    const foreign = await call(server, 'GET', `/sessions/${sessionId}/summary`, other.token);
    expect(foreign.status).toBe(403);
    expect(foreign.text).not.toContain('P-REPORT');
    expect((await call(server, 'GET', `/patients/${patientId}/progress`, other.token)).status).toBe(404);
    expect(await server.store.listAccess(server.admin.account.organisationId, { limit: 1000 })).toEqual(before);
  });
});
