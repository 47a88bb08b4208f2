import pino from 'pino';
import { io as ioClient, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, HandshakeAuth, LoginResponse, PatientView, ServerToClientEvents, SessionView } from '../../contract';
import { newId } from '../../server/auth/tokens';
import { type RunningServer, startServer } from '../../server/app';
import { BACKENDS, type BackendCase } from './backends';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface TestServer extends RunningServer {
  dataDir: string;
  /** Signs in the administrator created through the first-start setup link. */
  admin: LoginResponse;
  stop(): Promise<void>;
}

/**
 * A real CueRoom server on a random port with its own fresh database: a SQLite file in a temporary
 * folder (default), or a throw-away PostgreSQL database.
 */
export async function startTestServer(opts: { serveClient?: boolean; backend?: BackendCase } = {}): Promise<TestServer> {
  const place = await (opts.backend ?? BACKENDS[0]!).fresh();
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir: place.dataDir,
    databaseUrl: place.databaseUrl,
    serveClient: opts.serveClient ?? false,
    log: pino({ level: 'silent' }),
  });
  const admin = await server.accounts.completeSetup(server.setupToken!, 'admin', 'correct-horse-battery');
  return {
    ...server,
    dataDir: place.dataDir,
    admin,
    async stop() {
      await server.close();
      await place.drop();
    },
  };
}

/** A clinician in a new organisation of their own. */
export async function clinicianOfAnotherOrganisation(server: RunningServer, username: string): Promise<LoginResponse> {
  const organisationId = newId();
  await server.store.createOrganisation(organisationId, 'Other clinic', Date.now());
  await server.accounts.createAccount({ organisationId, username, password: 'another-long-password', roles: ['clinician'] });
  return server.accounts.login(username, 'another-long-password');
}

export async function http<T>(server: { url: string }, path: string, token: string | null, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${server.url}/api${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

export async function patientAndSession(server: { url: string }, token: string, code = `P-${Math.floor(Math.random() * 1e6)}`) {
  const patient = await http<PatientView>(server, '/patients', token, { code });
  const session = await http<SessionView>(server, '/sessions', token, { patientId: patient.body.id });
  return { patient: patient.body, session: session.body };
}

export function socketFor(server: { url: string }, auth: HandshakeAuth): TestSocket {
  return ioClient(server.url, { auth, transports: ['websocket'], forceNew: true, reconnection: false });
}

export function connected(s: TestSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    if (s.connected) return resolve();
    s.once('connect', () => resolve());
    s.once('connect_error', reject);
  });
}

export function nextEvent<E extends keyof ServerToClientEvents>(s: TestSocket, event: E, timeoutMs = 5000): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
    s.once(event, ((payload: never) => {
      clearTimeout(timer);
      resolve(payload);
    }) as never);
  });
}

/** Answers the default pre-session check so the session runs (abstinent, not intoxicated, no crisis). */
export async function passPreCheck(clinician: TestSocket, sessionId: string): Promise<void> {
  const ack = await clinician.emitWithAck('session:command', {
    id: crypto.randomUUID(),
    sessionId,
    command: { type: 'preCheck', answers: { 'abstinent-today': 'yes', intoxicated: 'no', 'acute-crisis': 'no' } },
  });
  if (!ack.ok) throw new Error(ack.error.message);
}

/** A headset paired to the session through the real pairing flow. */
export async function pairHeadset(server: { url: string }, clinician: TestSocket, sessionId: string): Promise<{ headset: TestSocket; deviceToken: string }> {
  const pairing = socketFor(server, { kind: 'pairing' });
  const { code } = await nextEvent(pairing, 'pairing:code');
  const paired = nextEvent(pairing, 'pairing:paired');
  const ack = await clinician.emitWithAck('session:pair', { id: crypto.randomUUID(), sessionId, code });
  if (!ack.ok) throw new Error(ack.error.message);
  const { deviceToken } = await paired;
  pairing.disconnect();
  const headset = socketFor(server, { kind: 'device', token: deviceToken });
  await connected(headset);
  return { headset, deviceToken };
}
