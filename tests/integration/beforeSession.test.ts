import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HierarchyItem, PatientDetail, PatientProfileView, SessionPlan, SessionSnapshot, SessionView } from '../../contract';
import { BACKENDS } from '../support/backends';
import { call } from '../support/people';
import { clinicianOfAnotherOrganisation, startTestServer, type TestServer } from '../support/testServer';

// Before the session, over HTTP on a real server and database (SQLite, and PostgreSQL when it runs):
// the patient profile and screening flags, the cue hierarchy (idempotent, append-only, latest wins),
// the session plan, and a session that starts from it (hierarchy, personalisation, acknowledged flags).

type ErrorReply = { error: { code: string; message: string; issues?: { path: string; message: string }[] } };
const uuid = () => crypto.randomUUID();
const PROFILE = { abstinentSince: '2026-10-01', programme: 'Hôpital de jour', substances: ['alcohol'], flags: ['cardiac', 'psychosis'], personalisation: { 'preferred-drink': 'wine' } };

for (const backend of BACKENDS) {
  describe.skipIf(!backend.available)(`before the session (${backend.name})`, () => {
    let server: TestServer;
    let token: string;
    let patientId: string;
    const rate = (sceneId: string, level: number, value: number, id = uuid()) => call<HierarchyItem | ErrorReply>(server, 'POST', `/patients/${patientId}/hierarchy`, token, { id, sceneId, level, value });

    beforeAll(async () => {
      server = await startTestServer({ backend });
      token = server.admin.token;
      patientId = (await call<{ id: string }>(server, 'POST', '/patients', token, { code: `BS-${backend.name}` })).body.id;
    }, 60_000);
    afterAll(async () => {
      await server?.stop();
    });

    it('stores the profile, and refuses a bad one with the fields at fault and nothing changed', async () => {
      const empty = await call<PatientDetail>(server, 'GET', `/patients/${patientId}`, token);
      expect(empty.body.profile).toEqual({ abstinentSince: null, programme: null, substances: [], flags: [], personalisation: {}, updatedAt: null });
      const bad = await call<ErrorReply>(server, 'PUT', `/patients/${patientId}/profile`, token, { ...PROFILE, abstinentSince: '2026-02-30', flags: ['cardiac', 'cardiac', 'vertigo'] });
      expect(bad.status).toBe(400);
      expect(bad.body.error.issues!.map((i) => i.path)).toEqual(expect.arrayContaining(['abstinentSince', 'flags.2']));
      const drink = await call<ErrorReply>(server, 'PUT', `/patients/${patientId}/profile`, token, { ...PROFILE, personalisation: { 'preferred-drink': 'absinthe' } });
      expect(drink.status).toBe(400);
      expect(drink.body.error.issues).toEqual([{ path: 'personalisation.preferred-drink', message: expect.stringMatching(/expected one of/) }]);
      const future = await call<ErrorReply>(server, 'PUT', `/patients/${patientId}/profile`, token, { ...PROFILE, abstinentSince: '2999-01-01' });
      expect(future.body.error.issues).toEqual([{ path: 'abstinentSince', message: expect.stringMatching(/not in the future/) }]);
      expect((await call<PatientDetail>(server, 'GET', `/patients/${patientId}`, token)).body.profile.updatedAt).toBeNull();
      const ok = await call<PatientProfileView>(server, 'PUT', `/patients/${patientId}/profile`, token, PROFILE);
      expect(ok.status).toBe(200);
      expect((await call<PatientDetail>(server, 'GET', `/patients/${patientId}`, token)).body.profile).toEqual({ ...PROFILE, updatedAt: expect.any(Number) });
    });

    it('stores a hierarchy rating once per write id, keeps every rating, and orders the latest ones ascending', async () => {
      const id = uuid();
      const first = await rate('bar', 3, 70, id);
      expect(first.status).toBe(201);
      const retry = await rate('bar', 3, 70, id);
      expect(retry.status).toBe(200);
      expect(retry.body).toEqual(first.body);
      expect((await rate('bar', 3, 10, id)).status).toBe(409);
      expect((await rate('bar', 1, 30)).status).toBe(201);
      expect((await rate('stress-home', 2, 50)).status).toBe(201);
      expect((await rate('bar', 3, 20)).status).toBe(201); // re-rated: the latest wins
      const detail = (await call<PatientDetail>(server, 'GET', `/patients/${patientId}`, token)).body;
      expect(detail.hierarchy.map((i) => [i.sceneId, i.level, i.value, i.ratedBy])).toEqual([
        ['bar', 3, 20, 'admin'],
        ['bar', 1, 30, 'admin'],
        ['stress-home', 2, 50, 'admin'],
      ]);
      expect(await server.store.listHierarchyRatings(patientId)).toHaveLength(4);
      await expect(server.store.db.deleteFrom('cue_hierarchy_ratings').execute()).rejects.toThrow(/append-only/);
    });

    it('refuses hierarchy items that are not cue situations, and bad values', async () => {
      for (const [sceneId, level, value] of [['gallery', 1, 10], ['nature', 2, 10], ['bar', 0, 10], ['bar', 2, 101], ['no-such-scene', 1, 5]] as const) {
        const r = await rate(sceneId, level, value);
        expect(r.status, `${sceneId}/${level}=${value}`).toBe(400);
        expect((r.body as ErrorReply).error.code).toBe('invalid_payload');
      }
    });

    it('plans a hierarchy session: timeline with the patient’s items, warnings for the flags, refusal without acknowledgement', async () => {
      const plan = (await call<SessionPlan>(server, 'GET', `/patients/${patientId}/session-plan?protocolId=personal-hierarchy`, token)).body;
      expect(plan.problem).toBeNull();
      expect(plan.timeline.filter((r) => r.source === 'hierarchy').map((r) => `${r.sceneId}/${r.level}`)).toEqual(['bar/3', 'bar/1', 'stress-home/2']);
      expect(plan.checkItems.map((c) => c.id)).toContain('intoxicated');
      // Cardiac: none of these levels is high-arousal (step back stays within them); psychosis: none shows conflict.
      expect(plan.warnings).toEqual([]);
      const handPlan = (await call<SessionPlan>(server, 'GET', `/patients/${patientId}/session-plan`, token)).body;
      expect(handPlan.warnings.map((w) => w.flag)).toEqual(['cardiac', 'psychosis']);
      const refused = await call<ErrorReply>(server, 'POST', '/sessions', token, { patientId });
      expect(refused.status).toBe(409);
      expect(refused.body.error.message).toMatch(/acknowledge .* cardiac, psychosis/);
      expect((await call<PatientDetail>(server, 'GET', `/patients/${patientId}`, token)).body.sessions).toEqual([]);
      const ok = await call<SessionView>(server, 'POST', '/sessions', token, { patientId, acknowledgedFlags: ['cardiac', 'psychosis'] });
      expect(ok.status).toBe(201);
      const opened = (await server.store.listLog(ok.body.id))[0]!;
      expect(opened.data).toMatchObject({ screeningFlags: ['cardiac', 'psychosis'], screeningAcknowledged: ['cardiac', 'psychosis'], personalisation: { 'preferred-drink': 'wine' } });
    });

    it('starts a hierarchy session with the items resolved and the personalisation in the first directive', async () => {
      const s = await call<SessionView>(server, 'POST', '/sessions', token, { patientId, protocolId: 'personal-hierarchy' });
      expect(s.status).toBe(201);
      const snap = (await call<SessionSnapshot>(server, 'GET', `/sessions/${s.body.id}`, token)).body;
      expect(snap.directive.personalisation).toEqual({ 'preferred-drink': 'wine' });
      const stored = await server.store.findSession(s.body.id);
      expect(stored!.state.protocol!.hierarchy).toEqual([{ sceneId: 'bar', level: 3 }, { sceneId: 'bar', level: 1 }, { sceneId: 'stress-home', level: 2 }]);
      const history = (await call<PatientDetail>(server, 'GET', `/patients/${patientId}`, token)).body.sessions;
      expect(history.map((h) => [h.protocolId, h.status])).toEqual([['personal-hierarchy', 'open'], [null, 'open']]);
    });

    it('refuses a hierarchy session for a patient with too few rated items, saying how many', async () => {
      const other = (await call<{ id: string }>(server, 'POST', '/patients', token, { code: `BS2-${backend.name}` })).body.id;
      await call(server, 'POST', `/patients/${other}/hierarchy`, token, { id: uuid(), sceneId: 'bar', level: 2, value: 10 });
      const plan = (await call<SessionPlan>(server, 'GET', `/patients/${other}/session-plan?protocolId=personal-hierarchy`, token)).body;
      expect(plan.problem).toMatch(/shows 3 items .* rated 1 item/);
      const r = await call<ErrorReply>(server, 'POST', '/sessions', token, { patientId: other, protocolId: 'personal-hierarchy' });
      expect(r.status).toBe(409);
      expect(r.body.error.message).toMatch(/rate at least 3/);
    });

    it('keeps every route to the patient’s organisation, and logs reads of the patient page', async () => {
      const outsider = (await clinicianOfAnotherOrganisation(server, `outsider-${backend.name}`)).token;
      expect((await call(server, 'GET', `/patients/${patientId}`, outsider)).status).toBe(404);
      expect((await call(server, 'GET', `/patients/${patientId}/session-plan`, outsider)).status).toBe(404);
      expect((await call(server, 'PUT', `/patients/${patientId}/profile`, outsider, PROFILE)).status).toBe(404);
      expect((await call(server, 'POST', `/patients/${patientId}/hierarchy`, outsider, { id: uuid(), sceneId: 'bar', level: 2, value: 1 })).status).toBe(404);
      const reads = await server.store.listAccess(server.admin.account.organisationId, { patientId, action: 'patient.read', limit: 100 });
      expect(reads.map((r) => r.detail)).toEqual(expect.arrayContaining(['page', 'session-plan']));
    });
  });
}
