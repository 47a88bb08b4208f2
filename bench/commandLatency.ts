import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io as ioClient } from 'socket.io-client';
import type { SessionSnapshot } from '../contract';
import { connected, pairHeadset, passPreCheck, patientAndSession, socketFor, startTestServer, type TestSocket } from '../tests/support/testServer';
import { ms, type Summary, summarise } from './stats';

const SESSIONS = 50;
const COMMANDS_PER_SESSION = 25; // 1,250 commands in all

/** Baseline: a bare Socket.IO server that acknowledges each message, same clients, same concurrency. */
async function bareEcho(): Promise<Summary> {
  const http = createServer();
  const io = new Server(http);
  io.on('connection', (s) => s.on('echo', (payload: unknown, ack: (x: unknown) => void) => ack(payload)));
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const clients = await Promise.all(
    Array.from({ length: SESSIONS }, async () => {
      const c = ioClient(url, { transports: ['websocket'], forceNew: true });
      await new Promise<void>((r) => c.once('connect', () => r()));
      return c;
    }),
  );
  const samples: number[] = [];
  await Promise.all(
    clients.map(async (c) => {
      for (let i = 0; i < COMMANDS_PER_SESSION; i++) {
        const t0 = performance.now();
        await c.emitWithAck('echo', { id: crypto.randomUUID(), i });
        samples.push(performance.now() - t0);
      }
    }),
  );
  clients.forEach((c) => c.disconnect());
  await new Promise<void>((r) => io.close(() => r()));
  return summarise(samples);
}

/**
 * CueRoom: console command sent → server decides and stores it (fsync) → headset receives the directive
 * and reports it applied → server stores that (fsync) → console sees the applied revision.
 */
async function cueroom(): Promise<Summary> {
  const server = await startTestServer();
  const samples: number[] = [];
  const sockets: TestSocket[] = [];
  const rigs = await Promise.all(
    Array.from({ length: SESSIONS }, async (_, i) => {
      const { session } = await patientAndSession(server, server.admin.token, `B-${i}`);
      const clinician = socketFor(server, { kind: 'clinician', token: server.admin.token });
      await connected(clinician);
      await clinician.emitWithAck('session:watch', { sessionId: session.id });
      await passPreCheck(clinician, session.id);
      const { headset } = await pairHeadset(server, clinician, session.id);
      // The simulated headset applies each directive at once and reports it.
      headset.on('headset:directive', (d) => void headset.emitWithAck('headset:applied', { id: crypto.randomUUID(), revision: d.revision, scene: d.scene, sinceMs: 0 }).catch(() => undefined));
      sockets.push(clinician, headset);
      return { sessionId: session.id, clinician };
    }),
  );
  await Promise.all(
    rigs.map(async ({ sessionId, clinician }) => {
      // The console's view of the newest revision the headset reported applied.
      let applied = -1;
      let waiting: { revision: number; resolve: () => void } | null = null;
      clinician.on('session:snapshot', (snap: SessionSnapshot) => {
        applied = Math.max(applied, snap.applied?.revision ?? -1);
        if (waiting && applied >= waiting.revision) waiting.resolve();
      });
      for (let i = 0; i < COMMANDS_PER_SESSION; i++) {
        const t0 = performance.now();
        const ack = await clinician.emitWithAck('session:command', {
          id: crypto.randomUUID(),
          sessionId,
          command: { type: 'setScene', sceneId: 'bar', level: i % 5 },
        });
        if (!ack.ok) throw new Error(ack.error.message);
        const revision = ack.data.revision;
        if (applied < revision) await new Promise<void>((resolve) => (waiting = { revision, resolve }));
        waiting = null;
        samples.push(performance.now() - t0);
      }
    }),
  );
  sockets.forEach((s) => s.disconnect());
  await server.stop();
  return summarise(samples);
}

export async function commandLatencyBench(): Promise<void> {
  console.log(`\n## Console → headset command latency (${SESSIONS} concurrent sessions × ${COMMANDS_PER_SESSION} commands)`);
  const base = await bareEcho();
  const ours = await cueroom();
  const row = (name: string, s: Summary) => `| ${name} | ${s.n} | ${ms(s.p50)} | ${ms(s.p99)} | ${ms(s.mean)} |`;
  console.log('| scenario | n | p50 | p99 | mean |');
  console.log('|---|---|---|---|---|');
  console.log(row('bare Socket.IO echo (baseline)', base));
  console.log(row('CueRoom command → headset applied → console', ours));
  console.log(`ratio CueRoom / baseline: p50 ×${(ours.p50 / base.p50).toFixed(1)}, p99 ×${(ours.p99 / base.p99).toFixed(1)}`);
}
