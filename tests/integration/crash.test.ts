import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as ioClient } from 'socket.io-client';
import type { Ack, ClinicianCommand, HandshakeAuth, HeadsetDirective, LoginResponse } from '../../contract';
import { verifyCommand } from '../../server/cli/audit';
import { openDatabase } from '../../server/store/database';
import { Store } from '../../server/store/store';
import { BACKENDS, type BackendCase } from '../support/backends';
import { compileServer, freePort, type ServerProcess, type ServerProgram, startServerProcess } from '../support/serverProcess';
import { http, nextEvent, patientAndSession, type TestSocket } from '../support/testServer';

// Crash test: the real server in a child process, a simulated console and headset streaming commands
// and ratings, and SIGKILL at random (seeded) moments, many times. Clients retry every write that was
// not acknowledged with the SAME id after each restart (at-least-once); at the end every acknowledged
// write must be stored exactly once, nothing refused may be stored, and every log chain must verify.

const KILLS = Number(process.env.CRASH_KILLS ?? 20);
const SEED = Number(process.env.CRASH_SEED ?? 20261201);

function rng(seed: number) {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let x = Math.imul(t ^ (t >>> 15), t | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type WriteEvent = 'session:command' | 'rating:submit' | 'headset:applied';
interface Sent {
  id: string;
  event: WriteEvent;
  /** The command type, 'rating' or 'applied'. */
  kind: string;
  ack: Ack<unknown>;
  /** Connections it was sent on: more than 1 when a kill cut it off before its ack. */
  attempts: number;
}

/**
 * One simulated client. Writes go one at a time; a write whose connection drops before its ack is
 * sent again, same id and payload, on the next connection.
 */
class Peer {
  private socket: TestSocket | null = null;
  private waiting: (() => void)[] = [];

  attach(socket: TestSocket) {
    this.socket = socket;
    socket.on('disconnect', () => {
      if (this.socket === socket) this.socket = null;
    });
    for (const w of this.waiting.splice(0)) w();
  }

  private async connected(): Promise<TestSocket> {
    while (!this.socket?.connected) await new Promise<void>((r) => this.waiting.push(r));
    return this.socket;
  }

  async send(event: WriteEvent, payload: { id: string }): Promise<{ ack: Ack<unknown>; attempts: number }> {
    for (let attempts = 1; ; attempts++) {
      const s = await this.connected();
      const ack = await new Promise<Ack<unknown> | 'lost'>((resolve) => {
        const lost = () => resolve('lost');
        s.once('disconnect', lost);
        (s.emit as (e: string, p: unknown, cb: (a: Ack<unknown>) => void) => void)(event, payload, (a) => {
          s.off('disconnect', lost);
          resolve(a);
        });
      });
      if (ack !== 'lost') return { ack, attempts };
    }
  }
}

/** `listen` attaches handlers before the handshake: the server speaks first (directive, pairing code). */
function connect(url: string, auth: HandshakeAuth, listen: (s: TestSocket) => void = () => undefined): Promise<TestSocket> {
  const s = ioClient(url, { auth, transports: ['websocket'], forceNew: true, reconnection: false }) as TestSocket;
  listen(s);
  return new Promise((resolve, reject) => {
    s.once('connect', () => resolve(s));
    s.once('connect_error', (e) => reject(e));
  });
}

async function crashRun(backend: BackendCase, program: ServerProgram) {
  const place = await backend.fresh();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = { PORT: String(port), DATA_DIR: place.dataDir, DATABASE_URL: place.databaseUrl };
  // Separate seeded streams, so the kill moments do not depend on how many writes went before.
  const killAfter = rng(SEED);
  const pick = rng(SEED + 1);
  const craving = rng(SEED + 2);
  const sent: Sent[] = [];
  const timings: number[] = [];
  let server: ServerProcess | null = null;
  const sockets: TestSocket[] = [];
  try {
    // First start: administrator, patient, session, pre-session check, headset paired for real.
    server = await startServerProcess(program, env, true);
    await http({ url }, '/setup', null, { token: server.setupToken, username: 'admin', password: 'correct-horse-battery' });
    const admin = (await http<LoginResponse>({ url }, '/login', null, { username: 'admin', password: 'correct-horse-battery' })).body;
    const { session } = await patientAndSession({ url }, admin.token, 'P-CRASH');
    const sessionId = session.id;
    const clinician = new Peer();
    const headset = new Peer();
    const command = async (c: ClinicianCommand) => {
      const id = crypto.randomUUID();
      const { ack, attempts } = await clinician.send('session:command', { id, sessionId, command: c } as never);
      sent.push({ id, event: 'session:command', kind: c.type, ack, attempts });
      return ack;
    };

    const first = await connect(url, { kind: 'clinician', token: admin.token });
    sockets.push(first);
    clinician.attach(first);
    await first.emitWithAck('session:watch', { sessionId });
    expect((await command({ type: 'preCheck', answers: { 'abstinent-today': 'yes', intoxicated: 'no', 'acute-crisis': 'no' } })).ok).toBe(true);
    let codeShown!: Promise<{ code: string }>;
    const pairing = await connect(url, { kind: 'pairing' }, (s) => (codeShown = nextEvent(s, 'pairing:code', 30_000)));
    const { code } = await codeShown;
    const paired = nextEvent(pairing, 'pairing:paired');
    const pairId = crypto.randomUUID();
    sent.push({ id: pairId, event: 'session:command', kind: 'pair', ack: await first.emitWithAck('session:pair', { id: pairId, sessionId, code }), attempts: 1 });
    const { deviceToken } = await paired;
    pairing.disconnect();

    // The headset answers what the server tells it: reports each directive applied, answers each prompt.
    let stopping = false;
    let lastApplied = -1;
    const answered = new Set<string>();
    const queue: (() => Promise<void>)[] = [];
    const signal = { wake: (): void => undefined };
    const onDirective = (d: HeadsetDirective) => {
      if (stopping) return;
      if (d.revision > lastApplied) {
        lastApplied = d.revision;
        const id = crypto.randomUUID();
        queue.push(async () => {
          const { ack, attempts } = await headset.send('headset:applied', { id, revision: d.revision, scene: d.scene, sinceMs: 0 } as never);
          sent.push({ id, event: 'headset:applied', kind: 'applied', ack, attempts });
        });
      }
      if (d.prompt && !answered.has(d.prompt.promptId)) {
        answered.add(d.prompt.promptId);
        const id = crypto.randomUUID();
        const value = Math.floor(craving() * 101);
        const promptId = d.prompt.promptId;
        queue.push(async () => {
          const { ack, attempts } = await headset.send('rating:submit', { id, promptId, value } as never);
          sent.push({ id, event: 'rating:submit', kind: 'rating', ack, attempts });
        });
      }
      signal.wake();
    };
    const headsetLoop = (async () => {
      for (;;) {
        const job = queue.shift();
        if (job) await job();
        else if (stopping) return;
        else await new Promise<void>((r) => (signal.wake = r));
      }
    })();
    const reconnect = async () => {
      const h = await connect(url, { kind: 'device', token: deviceToken }, (s) => s.on('headset:directive', onDirective));
      sockets.push(h);
      headset.attach(h);
      const c = await connect(url, { kind: 'clinician', token: admin.token });
      sockets.push(c);
      await c.emitWithAck('session:watch', { sessionId });
      clinician.attach(c);
    };
    await reconnect();
    first.disconnect();

    // The console streams commands, a seeded mix, as fast as they are acknowledged.
    const clinicianLoop = (async () => {
      while (!stopping) {
        const r = pick();
        const level = Math.floor(pick() * 3);
        const c: ClinicianCommand =
          r < 0.3
            ? { type: 'setLevel', level }
            : r < 0.45
              ? { type: 'setScene', sceneId: pick() < 0.5 ? 'bar' : 'gallery', level }
              : r < 0.7
                ? { type: 'spokenRating', scale: 'vas', value: Math.floor(pick() * 101) }
                : r < 0.92
                  ? { type: 'requestRating', scale: 'vas' }
                  : { type: 'resume' };
        await command(c);
        await sleep(5 + pick() * 25);
      }
    })();

    for (let kill = 0; kill < KILLS; kill++) {
      await sleep(150 + killAfter() * 650);
      server.child.kill('SIGKILL');
      await server.exited;
      const t0 = performance.now();
      server = await startServerProcess(program, env);
      await reconnect();
      timings.push(performance.now() - t0);
    }
    await sleep(300);
    stopping = true;
    signal.wake();
    await Promise.all([clinicianLoop, headsetLoop]);
    server.child.kill('SIGTERM');
    await server.exited;
    server = null;
    return { place, sessionId, sent, timings };
  } catch (err) {
    await place.drop();
    throw err;
  } finally {
    for (const s of sockets) s.disconnect();
    if (server) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
  }
}

let program: ServerProgram;
beforeAll(async () => {
  program = await compileServer();
}, 60_000);
afterAll(() => program?.remove());

// Both back ends at once: each run mostly waits for its server to start, so two cores serve both.
describe.concurrent('crash test', () => {
  for (const backend of BACKENDS) {
    it.skipIf(!backend.available)(`${backend.name}: SIGKILLed ${KILLS} times mid-stream, every acknowledged write is stored exactly once and the chain verifies`, { timeout: 360_000 }, async () => {
      const started = performance.now();
      const { place, sessionId, sent, timings } = await crashRun(backend, program);
      const store = new Store(openDatabase(place));
      try {
        const ok = sent.filter((s) => s.ack.ok);
        const refused = sent.filter((s) => !s.ack.ok);
        const writes = await store.db.selectFrom('client_writes').selectAll().where('session_id', '=', sessionId).execute();
        const log = await store.listLog(sessionId);
        const ratings = await store.listRatings(sessionId);

        // Every acknowledged write is stored once, with the acknowledgement it was given; nothing refused is.
        const stored = new Map(writes.map((w) => [w.id, JSON.parse(w.result) as unknown]));
        for (const s of ok) {
          // Pairing acknowledges {paired: true} to the console; the store keeps the session's seq and revision.
          if (s.kind === 'pair') expect(stored.has(s.id)).toBe(true);
          else expect(stored.get(s.id), `${s.kind} ${s.id}`).toEqual((s.ack as { data: unknown }).data);
        }
        for (const s of refused) expect(stored.has(s.id), `refused ${s.kind} ${s.id} (${JSON.stringify(s.ack)})`).toBe(false);
        expect(new Set(ok.map((s) => s.id))).toEqual(new Set(stored.keys()));

        // Ratings: one row per acknowledged rating, one rating.recorded record each, no others.
        const ratingIds = ok.filter((s) => s.kind === 'rating' || s.kind === 'spokenRating').map((s) => s.id).sort();
        expect(ratings.map((r) => r.id).sort()).toEqual(ratingIds);
        expect(log.filter((e) => e.type === 'rating.recorded').map((e) => e.data.ratingId as string).sort()).toEqual(ratingIds);

        // Commands: exactly one log record carries each acknowledged command's id; no record carries another id.
        const byCommand = new Map<string, number>();
        for (const e of log) if (typeof e.data.commandId === 'string') byCommand.set(e.data.commandId, (byCommand.get(e.data.commandId) ?? 0) + 1);
        const okIds = new Set(ok.map((s) => s.id));
        for (const id of byCommand.keys()) expect(okIds.has(id), `log names unacknowledged ${id}`).toBe(true);
        for (const s of ok.filter((x) => ['setLevel', 'setScene', 'requestRating', 'resume', 'preCheck'].includes(x.kind))) {
          expect(byCommand.get(s.id), `${s.kind} ${s.id}`).toBe(1);
        }

        const lines: string[] = [];
        expect(await verifyCommand(store, undefined, (l) => lines.push(l))).toBe(true);
        expect(lines[0]).toBe(`OK ${sessionId} (${log.length} records)`);

        const count = (kind: string) => ok.filter((s) => s.kind === kind).length;
        const retried = sent.filter((s) => s.attempts > 1);
        expect(timings).toHaveLength(KILLS);
        // The at-least-once path was taken: kills cut writes off mid-flight and they were sent again.
        expect(retried.length).toBeGreaterThan(0);
        expect(count('rating')).toBeGreaterThan(0);
        expect(count('spokenRating')).toBeGreaterThan(0);
        console.log(
          `[crash ${backend.name}] ${KILLS} kills, restart+reconnect ${Math.round(Math.min(...timings))}–${Math.round(Math.max(...timings))} ms ` +
            `(median ${Math.round(timings.sort((a, b) => a - b)[timings.length >> 1]!)}), ${ok.length} writes acknowledged ` +
            `(${count('rating')} headset ratings, ${count('spokenRating')} spoken, ${count('applied')} applied reports, ` +
            `${ok.length - count('rating') - count('spokenRating') - count('applied')} other commands), ${refused.length} refused, ` +
            `${retried.length} cut off by a kill and sent again (${retried.filter((s) => s.ack.ok).length} then acknowledged), ` +
            `${log.length} log records, ${Math.round((performance.now() - started) / 1000)} s`,
        );
      } finally {
        await store.close();
        await place.drop();
      }
    });
  }
});
