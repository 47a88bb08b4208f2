import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HeadsetTelemetry, PoseRelay, SessionSnapshot } from '../../contract';
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

// The live part of a session that is never stored: head poses relayed to the console's mirror view,
// and the console's round-trip probe. Real server, real sockets, real SQLite.

let server: TestServer;
const open: TestSocket[] = [];
const track = (s: TestSocket) => (open.push(s), s);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  open.splice(0).forEach((s) => s.disconnect());
  await server.stop();
});

async function watchedSessionWithHeadset() {
  const { session } = await patientAndSession(server, server.admin.token);
  const clinician = track(socketFor(server, { kind: 'clinician', token: server.admin.token }));
  await connected(clinician);
  expect((await clinician.emitWithAck('session:watch', { sessionId: session.id })).ok).toBe(true);
  await passPreCheck(clinician, session.id);
  let latest: SessionSnapshot | null = null;
  const onSnapshot = (snap: SessionSnapshot) => (latest = snap);
  clinician.on('session:snapshot', onSnapshot);
  const { headset } = await pairHeadset(server, clinician, session.id);
  track(headset);
  // The server marks the headset connected after its socket joined: wait for the console to hear it.
  await expect.poll(() => latest?.headset.connected, { timeout: 5000 }).toBe(true);
  clinician.off('session:snapshot', onSnapshot);
  return { sessionId: session.id, clinician, headset };
}

const pose = (yaw: number): NonNullable<HeadsetTelemetry['pose']> => ({ p: [0, 1.2, 0], q: [0, Math.sin(yaw / 2), 0, Math.cos(yaw / 2)] });

function collect(socket: TestSocket): PoseRelay[] {
  const got: PoseRelay[] = [];
  socket.on('session:pose', (p) => got.push(p));
  return got;
}

describe('head pose relay to the mirror view', () => {
  it('reaches the session’s watchers, at most 20 times a second, whatever the headset sends', async () => {
    const { sessionId, clinician, headset } = await watchedSessionWithHeadset();
    const got = collect(clinician);
    // 100 poses in about a second: 100 Hz.
    const started = Date.now();
    for (let i = 0; i < 100; i++) {
      headset.emit('headset:telemetry', { immersive: true, fps: 72, pose: pose(i / 100) });
      await sleep(10);
    }
    const seconds = (Date.now() - started) / 1000;
    await sleep(300);
    expect(got.length).toBeGreaterThanOrEqual(5);
    expect(got.length).toBeLessThanOrEqual(Math.ceil(seconds * 20) + 1);
    expect(got.every((p) => p.sessionId === sessionId)).toBe(true);
    // Time-ordered, and the relayed poses are ones the headset sent.
    expect(got.map((p) => p.at)).toEqual([...got.map((p) => p.at)].sort((a, b) => a - b));
    expect(got.at(-1)!.pose.p).toEqual([0, 1.2, 0]);
    const gaps = got.slice(1).map((p, i) => p.at - got[i]!.at);
    // The throttle runs on a monotonic clock; `at` is wall-clock time, which the system may slew a little.
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(45);
  });

  it('is not stored, and does not flood the console with snapshots', async () => {
    const { sessionId, clinician, headset } = await watchedSessionWithHeadset();
    const logBefore = await server.store.listLog(sessionId);
    const snapshots: SessionSnapshot[] = [];
    clinician.on('session:snapshot', (s) => snapshots.push(s));
    for (let i = 0; i < 20; i++) {
      headset.emit('headset:telemetry', { immersive: false, fps: 60, pose: pose(i / 20) });
      await sleep(60);
    }
    await sleep(200);
    expect(await server.store.listLog(sessionId)).toEqual(logBefore);
    // Mode and frame rate changed once: one snapshot, not one per pose.
    expect(snapshots.length).toBe(1);
    expect(snapshots[0]!.headset).toMatchObject({ immersive: false, fps: 60 });
  });

  it('reaches no one else: not another session’s console, not another organisation, not a connection that did not watch', async () => {
    const a = await watchedSessionWithHeadset();
    const b = await watchedSessionWithHeadset();
    const notWatching = track(socketFor(server, { kind: 'clinician', token: server.admin.token }));
    const other = await clinicianOfAnotherOrganisation(server, `mirror-${Date.now()}`);
    const foreign = track(socketFor(server, { kind: 'clinician', token: other.token }));
    await Promise.all([connected(notWatching), connected(foreign)]);
    const refused = await foreign.emitWithAck('session:watch', { sessionId: a.sessionId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const [toA, toB, toIdle, toForeign, toHeadsetB] = [collect(a.clinician), collect(b.clinician), collect(notWatching), collect(foreign), collect(b.headset)];
    for (let i = 0; i < 5; i++) {
      a.headset.emit('headset:telemetry', { immersive: true, fps: 72, pose: pose(0.5) });
      await sleep(70);
    }
    await sleep(200);
    expect(toA.length).toBeGreaterThan(0);
    expect(toB).toEqual([]);
    expect(toIdle).toEqual([]);
    expect(toForeign).toEqual([]);
    expect(toHeadsetB).toEqual([]);
  });

  it('drops bad payloads: no relay, no change', async () => {
    const { clinician, headset } = await watchedSessionWithHeadset();
    const got = collect(clinician);
    const bad: unknown[] = [
      { immersive: true, fps: 72, pose: { p: [0, 1.2], q: [0, 0, 0, 1] } },
      { immersive: true, fps: 72, pose: { p: [0, 1.2, 0], q: [0, 0, 0, 2] } },
      { immersive: true, fps: 72, pose: { p: [0, 1e9, 0], q: [0, 0, 0, 1] } },
      { immersive: true, fps: 72, pose: { p: ['x', 0, 0], q: [0, 0, 0, 1] } },
      { immersive: 'yes', fps: 72, pose: pose(0) },
      'junk',
    ];
    for (const payload of bad) {
      headset.emit('headset:telemetry', payload as HeadsetTelemetry);
      await sleep(70);
    }
    await sleep(200);
    expect(got).toEqual([]);
    // A clinician cannot inject poses: telemetry is a headset event.
    const ack = await clinician.timeout(2000).emitWithAck('headset:telemetry' as 'session:ping', { immersive: true, fps: 72, pose: pose(0) } as never);
    expect(ack).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(got).toEqual([]);
  });
});

describe('round-trip probe', () => {
  it('echoes the console’s timestamp for its own session, refuses another organisation’s, and rejects bad input', async () => {
    const { sessionId, clinician } = await watchedSessionWithHeadset();
    const ack = await clinician.emitWithAck('session:ping', { sessionId, sentAt: 12345 });
    expect(ack).toEqual({ ok: true, data: { sentAt: 12345 } });
    const bad = await clinician.emitWithAck('session:ping', { sessionId, sentAt: 'now' } as never);
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    const other = await clinicianOfAnotherOrganisation(server, `ping-${Date.now()}`);
    const foreign = track(socketFor(server, { kind: 'clinician', token: other.token }));
    await connected(foreign);
    expect(await foreign.emitWithAck('session:ping', { sessionId, sentAt: 1 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
