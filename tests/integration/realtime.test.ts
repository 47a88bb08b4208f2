import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack, HeadsetDirective, Rating, SessionSnapshot } from '../../contract';
import {
  clinicianOfAnotherOrganisation,
  connected,
  http,
  nextEvent,
  pairHeadset,
  passPreCheck,
  patientAndSession,
  socketFor,
  type TestServer,
  type TestSocket,
  startTestServer,
} from '../support/testServer';
import { BACKENDS } from '../support/backends';

let server: TestServer;
const open: TestSocket[] = [];
const track = (s: TestSocket) => (open.push(s), s);
const uuid = () => crypto.randomUUID();

// The whole file runs once per back end: SQLite, and PostgreSQL when reachable.
for (const backend of BACKENDS) {
  describe.skipIf(!backend.available)(`realtime over ${backend.name}`, () => {
    beforeAll(async () => {
      server = await startTestServer({ backend });
    });
    afterAll(async () => {
      open.splice(0).forEach((s) => s.disconnect());
      await server.stop();
    });

    async function clinicianSession() {
      const { session } = await patientAndSession(server, server.admin.token);
      const clinician = track(socketFor(server, { kind: 'clinician', token: server.admin.token }));
      await connected(clinician);
      const watch = await clinician.emitWithAck('session:watch', { sessionId: session.id });
      expect(watch.ok).toBe(true);
      await passPreCheck(clinician, session.id);
      return { sessionId: session.id, clinician };
    }

    describe('handshake authentication', () => {
      it('refuses a socket without credentials or with a forged token', async () => {
        await expect(connected(track(socketFor(server, {} as never)))).rejects.toThrow(/unauthenticated/);
        await expect(connected(track(socketFor(server, { kind: 'clinician', token: 'x'.repeat(43) })))).rejects.toThrow(/unauthenticated/);
        await expect(connected(track(socketFor(server, { kind: 'device', token: 'y'.repeat(43) })))).rejects.toThrow(/unauthenticated/);
      });
    });

    describe('validation at the boundary', () => {
      it('answers a malformed command with invalid_payload and changes nothing', async () => {
        const { sessionId, clinician } = await clinicianSession();
        const before = await server.store.listLog(sessionId);
        const bad = await clinician.emitWithAck('session:command', { id: uuid(), sessionId, command: { type: 'setLevel', level: 9 } } as never);
        expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_payload', issues: [expect.objectContaining({ path: 'command.level' })] } });
        const junk = await clinician.emitWithAck('session:command', 'not even an object' as never);
        expect(junk).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
        expect(await server.store.listLog(sessionId)).toEqual(before);
      });

      it('rejects bad HTTP bodies with 400 and the field at fault', async () => {
        const r = await http<{ error: { code: string; issues: { path: string }[] } }>(server, '/patients', server.admin.token, { code: 'Jean Dupont!' });
        expect(r.status).toBe(400);
        expect(r.body.error.issues[0]!.path).toBe('code');
        const notJson = await http<{ error: { code: string } }>(server, '/patients', server.admin.token, '{oops');
        expect(notJson.status).toBe(400);
        expect(notJson.body.error.code).toBe('invalid_payload');
      });
    });

    describe('idempotent, durable writes', () => {
      it('applies a retried command id once and acknowledges it identically', async () => {
        const { sessionId, clinician } = await clinicianSession();
        const req = { id: uuid(), sessionId, command: { type: 'setScene' as const, sceneId: 'bar', level: 2 } };
        const first = await clinician.emitWithAck('session:command', req);
        const second = await clinician.emitWithAck('session:command', req);
        expect(first.ok).toBe(true);
        expect(second).toEqual(first);
        const requested = (await server.store.listLog(sessionId)).filter((e) => e.type === 'scene.requested');
        expect(requested).toHaveLength(1);
      });

      it('acknowledges only after the write is in the database', async () => {
        const { sessionId, clinician } = await clinicianSession();
        const id = uuid();
        const ack = await clinician.emitWithAck('session:command', { id, sessionId, command: { type: 'spokenRating', scale: 'vas', value: 64 } });
        expect(ack.ok).toBe(true);
        expect(await server.store.listRatings(sessionId)).toEqual([expect.objectContaining({ id, value: 64, source: 'spoken' })]);
      });

      it('corrects a mistyped spoken rating by appending a record; the stored rating is untouched', async () => {
        const { sessionId, clinician } = await clinicianSession();
        const ratingId = uuid();
        expect((await clinician.emitWithAck('session:command', { id: ratingId, sessionId, command: { type: 'spokenRating', scale: 'vas', value: 80 } })).ok).toBe(true);
        const correction = { type: 'correctRating' as const, ratingId, value: 8, reason: 'typed 80, the patient said 8' };
        expect((await clinician.emitWithAck('session:command', { id: uuid(), sessionId, command: correction })).ok).toBe(true);
        expect(await server.store.listRatings(sessionId)).toEqual([expect.objectContaining({ id: ratingId, value: 80 })]);
        expect((await server.store.listLog(sessionId)).at(-1)).toMatchObject({ actor: 'clinician', type: 'rating.corrected', data: { ratingId, original: 80, value: 8 } });
        // A rating of another session cannot be corrected from here.
        const other = await clinicianSession();
        const refused = await other.clinician.emitWithAck('session:command', { id: uuid(), sessionId: other.sessionId, command: correction });
        expect(refused).toMatchObject({ ok: false, error: { code: 'rejected' } });
      });

      it('refuses to reuse a write id from another session', async () => {
        const a = await clinicianSession();
        const b = await clinicianSession();
        const id = uuid();
        expect((await a.clinician.emitWithAck('session:command', { id, sessionId: a.sessionId, command: { type: 'emergencyStop' } })).ok).toBe(true);
        const reused = await b.clinician.emitWithAck('session:command', { id, sessionId: b.sessionId, command: { type: 'emergencyStop' } });
        expect(reused).toMatchObject({ ok: false, error: { code: 'conflict' } });
      });
    });

    describe('authorisation', () => {
      it('a headset cannot send clinician commands, and only reaches its own session', async () => {
        const { sessionId, clinician } = await clinicianSession();
        const { headset } = await pairHeadset(server, clinician, sessionId);
        track(headset);
        const tried = (await headset.emitWithAck('session:command', { id: uuid(), sessionId, command: { type: 'emergencyStop' } })) as Ack<unknown>;
        expect(tried).toMatchObject({ ok: false, error: { code: 'forbidden' } });
        const watch = (await headset.emitWithAck('session:watch', { sessionId })) as Ack<unknown>;
        expect(watch).toMatchObject({ ok: false, error: { code: 'forbidden' } });
        expect((await server.store.listLog(sessionId)).some((e) => e.type === 'emergency.stop')).toBe(false);
      });

      it('a clinician cannot watch or steer another organisation’s session', async () => {
        const { sessionId } = await clinicianSession();
        const other = await clinicianOfAnotherOrganisation(server, 'dr-elsewhere');
        const intruder = track(socketFor(server, { kind: 'clinician', token: other.token }));
        await connected(intruder);
        expect(await intruder.emitWithAck('session:watch', { sessionId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
        expect(await intruder.emitWithAck('session:command', { id: uuid(), sessionId, command: { type: 'setScene', sceneId: 'bar', level: 4 } })).toMatchObject({
          ok: false,
          error: { code: 'forbidden' },
        });
        expect((await http(server, `/sessions/${sessionId}/log`, other.token)).status).toBe(403);
        expect((await http(server, `/sessions/${sessionId}/ratings`, other.token)).status).toBe(403);
        expect((await http(server, '/sessions', other.token)).body).toEqual([]);
      });

      it('refuses API calls without a valid sign-in, and signing out revokes the token', async () => {
        expect((await http(server, '/patients', null)).status).toBe(401);
        const login = await http<{ token: string }>(server, '/login', null, { username: 'admin', password: 'correct-horse-battery' });
        expect(login.status).toBe(200);
        expect((await http(server, '/patients', login.body.token)).status).toBe(200);
        expect((await http(server, '/logout', login.body.token, {})).status).toBe(204);
        expect((await http(server, '/patients', login.body.token)).status).toBe(401);
        expect((await http(server, '/login', null, { username: 'admin', password: 'wrong-password' })).status).toBe(401);
      });
    });

    describe('a session through the socket contract', () => {
      it('pairs a headset, relays scene changes and the applied report, takes a prompted rating, stops, and revokes at the end', async () => {
        const { sessionId, clinician } = await clinicianSession();
        const { headset, deviceToken } = await pairHeadset(server, clinician, sessionId);
        track(headset);

        const directive = nextEvent(headset, 'headset:directive');
        expect((await clinician.emitWithAck('session:command', { id: uuid(), sessionId, command: { type: 'setScene', sceneId: 'bar', level: 2 } })).ok).toBe(true);
        const d: HeadsetDirective = await directive;
        expect(d.scene).toEqual({ sceneId: 'bar', level: 2 });

        const snap = new Promise<SessionSnapshot>((resolve) => {
          const on = (s: SessionSnapshot) => s.applied?.revision === d.revision && (clinician.off('session:snapshot', on), resolve(s));
          clinician.on('session:snapshot', on);
        });
        expect((await headset.emitWithAck('headset:applied', { id: uuid(), revision: d.revision, scene: d.scene, sinceMs: 0 })).ok).toBe(true);
        expect((await snap).applied?.scene).toEqual({ sceneId: 'bar', level: 2 });

        // A rating nobody asked for is refused.
        const unprompted = await headset.emitWithAck('rating:submit', { id: uuid(), promptId: uuid(), value: 50 });
        expect(unprompted).toMatchObject({ ok: false, error: { code: 'rejected' } });

        const prompted = nextEvent(headset, 'headset:directive');
        expect((await clinician.emitWithAck('session:command', { id: uuid(), sessionId, command: { type: 'requestRating', scale: 'vas' } })).ok).toBe(true);
        const { prompt } = await prompted;
        expect(prompt).not.toBeNull();
        const recorded = nextEvent(clinician, 'rating:recorded');
        const ratingId = uuid();
        expect((await headset.emitWithAck('rating:submit', { id: ratingId, promptId: prompt!.promptId, value: 72 })).ok).toBe(true);
        const r: Rating = await recorded;
        expect(r).toMatchObject({ id: ratingId, value: 72, source: 'headset', sceneId: 'bar', level: 2 });

        const stopped = nextEvent(headset, 'headset:directive');
        expect((await clinician.emitWithAck('session:command', { id: uuid(), sessionId, command: { type: 'emergencyStop' } })).ok).toBe(true);
        expect(await stopped).toMatchObject({ stopped: true, scene: { sceneId: 'gallery', level: 0 } });

        // Close gate: the last craving (72) is above the ceiling, so ending means wash-out, not closing.
        expect((await clinician.emitWithAck('session:command', { id: uuid(), sessionId, command: { type: 'end' } })).ok).toBe(true);
        expect((await server.store.findSession(sessionId))?.status).toBe('open');
        expect((await server.store.listLog(sessionId)).map((e) => e.type)).toContain('decision.washout');
        const revoked = nextEvent(headset, 'headset:revoked');
        const reason = 'Patient calm on interview, leaving with a support person';
        expect((await clinician.emitWithAck('session:command', { id: uuid(), sessionId, command: { type: 'override', target: 'close', reason } })).ok).toBe(true);
        expect((await clinician.emitWithAck('session:command', { id: uuid(), sessionId, command: { type: 'end' } })).ok).toBe(true);
        await revoked;
        const ended = (await server.store.listLog(sessionId)).find((e) => e.type === 'session.ended');
        expect(ended?.data.override).toContain(reason);
        await expect(connected(track(socketFor(server, { kind: 'device', token: deviceToken })))).rejects.toThrow(/unauthenticated/);

        const types = (await server.store.listLog(sessionId)).map((e) => e.type);
        for (const t of ['session.opened', 'headset.paired', 'headset.connected', 'scene.requested', 'scene.applied', 'rating.prompted', 'rating.recorded', 'emergency.stop', 'session.ended']) {
          expect(types).toContain(t);
        }
        expect(await server.store.verifyLog(sessionId)).toMatchObject({ records: types.length, broken: null });
      });

      it('refuses a wrong pairing code without pairing anything', async () => {
        const { sessionId, clinician } = await clinicianSession();
        const ack = await clinician.emitWithAck('session:pair', { id: uuid(), sessionId, code: 'ZZZZ22' });
        expect(ack).toMatchObject({ ok: false, error: { code: 'not_found' } });
        expect((await server.store.listLog(sessionId)).map((e) => e.type)).toEqual(['session.opened', 'check.passed']);
      });
    });
  });
}
