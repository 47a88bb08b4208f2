import type { Server as HttpServer } from 'node:http';
import type { Logger } from 'pino';
import { Server, type Socket } from 'socket.io';
import {
  type Ack,
  AppliedReport,
  AttentionReport,
  type ClientToServerEvents,
  CommandRequest,
  HandshakeAuth,
  HeadsetTelemetry,
  PairRequest,
  PauseRequest,
  PingRequest,
  SegmentReport,
  RatingSubmission,
  type ServerToClientEvents,
  WatchRequest,
} from '../../contract';
import type { AccessLog } from '../access/accessLog';
import { type Accounts, AuthError, type Principal } from '../auth/accounts';
import type { SessionService } from '../sessions/sessionService';
import type { SessionRecord } from '../store/store';
import { PairingRegistry } from './pairing';
import { PoseThrottle } from './poseThrottle';
import { validated } from './validated';

type SocketData =
  | { role: 'clinician'; principal: Principal; token: string }
  | { role: 'headset'; sessionId: string; token: string }
  | { role: 'pairing' };

type CueSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type CueServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const consoleRoom = (sessionId: string) => `console:${sessionId}`;
const headsetRoom = (sessionId: string) => `headset:${sessionId}`;
/** Every event a connection may send, by the role it connected in; anything else is refused. */
export const EVENTS_BY_ROLE: Record<SocketData['role'], readonly (keyof ClientToServerEvents)[]> = {
  clinician: ['session:watch', 'session:pair', 'session:command', 'session:ping'],
  headset: ['headset:applied', 'headset:segment', 'headset:pause', 'headset:telemetry', 'rating:submit', 'headset:attention'],
  pairing: [],
};
const DEVICE_TOKEN_TTL_MS = 12 * 60 * 60 * 1000;
/** The mirror view needs no more than 20 head poses a second. */
const POSE_INTERVAL_MS = 50;

const fail = (code: 'forbidden' | 'not_found' | 'rejected' | 'unauthenticated', message: string): Ack<never> => ({
  ok: false,
  error: { code, message },
});

/** The Socket.IO adapter: authenticates handshakes, validates payloads, and relays the service's effects. */
export function createSocketServer(deps: {
  servers: HttpServer[];
  accounts: Accounts;
  sessions: SessionService;
  accessLog: AccessLog;
  log: Logger;
  now: () => number;
}): CueServer {
  const { accounts, sessions, log } = deps;
  const io: CueServer = new Server({ serveClient: false, maxHttpBufferSize: 64 * 1024 });
  for (const s of deps.servers) io.attach(s);
  const pairing = new PairingRegistry(deps.now);
  // A monotonic clock: a wall-clock step back must not silence the relay.
  const poses = new PoseThrottle(POSE_INTERVAL_MS, () => performance.now());

  sessions.attach({
    logAppended: (id, entries) => entries.forEach((e) => io.to(consoleRoom(id)).emit('session:log', e)),
    ratingRecorded: (r) => io.to(consoleRoom(r.sessionId)).emit('rating:recorded', r),
    directive: (id, d) => io.to(headsetRoom(id)).emit('headset:directive', d),
    snapshot: (s) => io.to(consoleRoom(s.id)).emit('session:snapshot', s),
    ended: (id) => {
      poses.forget(id);
      io.to(headsetRoom(id)).emit('headset:revoked');
      io.in(headsetRoom(id)).disconnectSockets(true);
    },
  });

  io.use((socket, next) => {
    const auth = HandshakeAuth.safeParse(socket.handshake.auth);
    if (!auth.success) return next(new Error('unauthenticated: expected auth {kind, token}'));
    const a = auth.data;
    const done = (data: SocketData) => {
      socket.data = data;
      next();
    };
    const refused = (err: unknown) =>
      next(new Error(err instanceof AuthError ? `unauthenticated: ${err.message}` : 'unauthenticated'));
    if (a.kind === 'pairing') return done({ role: 'pairing' });
    if (a.kind === 'clinician') {
      accounts.authenticate(a.token).then((principal) => {
        // Live sessions are for clinicians: an administrator or researcher account is refused outright.
        if (!principal.account.roles.includes('clinician')) return next(new Error('forbidden: live sessions need the clinician role'));
        done({ role: 'clinician', principal, token: a.token });
      }, refused);
    } else {
      accounts.authenticateDevice(a.token).then(({ sessionId }) => done({ role: 'headset', sessionId, token: a.token }), refused);
    }
  });

  // A sign-out, a disabled account or changed roles close that person's live connections at once.
  accounts.onRevoked((r) => {
    for (const socket of io.sockets.sockets.values()) {
      const d = socket.data;
      if (d.role !== 'clinician') continue;
      if ('tokenHash' in r ? d.principal.tokenHash === r.tokenHash : d.principal.account.id === r.accountId) socket.disconnect(true);
    }
  });

  io.on('connection', (socket: CueSocket) => {
    const data = socket.data;
    // An event outside the socket's role (a headset sending a clinician command…) is refused, not ignored.
    socket.onAny((event: string, ...args: unknown[]) => {
      if ((EVENTS_BY_ROLE[data.role] as readonly string[]).includes(event)) return;
      const ack = args.at(-1);
      if (typeof ack === 'function') ack(fail('forbidden', `a ${data.role} connection may not send ${event}`));
    });
    if (data.role === 'clinician') wireClinician(socket, data);
    else if (data.role === 'headset') wireHeadset(socket, data.sessionId);
    else wirePairing(socket);
  });

  /** A clinician may only reach sessions of their own organisation. */
  async function ownSession(principal: Principal, sessionId: string): Promise<SessionRecord | Ack<never>> {
    const s = await sessions.load(sessionId);
    if (!s) return fail('not_found', 'no such session');
    if (s.organisationId !== principal.account.organisationId) return fail('forbidden', 'this session belongs to another organisation');
    return s;
  }
  const isAck = (x: unknown): x is Ack<never> => typeof x === 'object' && x !== null && 'ok' in x;

  function wireClinician(socket: CueSocket, data: Extract<SocketData, { role: 'clinician' }>) {
    const { principal } = data;
    /** The handshake's sign-in, checked again (expiry, idle time, revocation, roles) before each event. */
    const stillSignedIn = async (): Promise<Ack<never> | null> => {
      try {
        const current = await accounts.authenticate(data.token);
        return current.account.roles.includes('clinician') ? null : fail('forbidden', 'live sessions need the clinician role');
      } catch (err) {
        return fail('unauthenticated', (err as Error).message);
      }
    };

    socket.on(
      'session:watch',
      validated(log, 'session:watch', WatchRequest, async ({ sessionId }) => {
        const refused = await stillSignedIn();
        if (refused) return refused;
        const s = await ownSession(principal, sessionId);
        if (isAck(s)) return s;
        await deps.accessLog.record(principal, 'clinician', socket.handshake.address, { action: 'session.watch', sessionId, patientId: s.patientId });
        await socket.join(consoleRoom(sessionId));
        return { ok: true, data: await sessions.snapshot(sessionId) };
      }),
    );

    socket.on(
      'session:pair',
      validated(log, 'session:pair', PairRequest, async (req) => {
        const refused = await stillSignedIn();
        if (refused) return refused;
        const s = await ownSession(principal, req.sessionId);
        if (isAck(s)) return s;
        if (s.state.status !== 'open') return fail('rejected', 'the session has ended');
        const socketId = pairing.take(req.code);
        const headset = socketId ? io.sockets.sockets.get(socketId) : undefined;
        if (!headset) return fail('not_found', 'no headset is showing this code: check the code on the headset screen');
        const deviceToken = await accounts.issueDeviceToken(req.sessionId, deps.now() + DEVICE_TOKEN_TTL_MS);
        const ack = await sessions.dispatch(req.sessionId, { kind: 'paired' }, { id: req.id, kind: 'pair' });
        if (!ack.ok) return ack;
        headset.emit('pairing:paired', { deviceToken, sessionId: req.sessionId });
        return { ok: true, data: { paired: true } };
      }),
    );

    socket.on(
      'session:command',
      validated(log, 'session:command', CommandRequest, async (req) => {
        const s = await ownSession(principal, req.sessionId);
        if (isAck(s)) return s;
        // Emergency stop must always work, even if this sign-in expired during the session.
        if (req.command.type !== 'emergencyStop') {
          const refused = await stillSignedIn();
          if (refused) return refused;
        }
        return sessions.dispatch(req.sessionId, { kind: 'command', writeId: req.id, command: req.command }, { id: req.id, kind: req.command.type });
      }),
    );

    // Round-trip probe for the console's connection status: answered at once, no database work.
    socket.on(
      'session:ping',
      validated(log, 'session:ping', PingRequest, async ({ sessionId, sentAt }) => {
        const s = await ownSession(principal, sessionId);
        if (isAck(s)) return s;
        return { ok: true, data: { sentAt } };
      }),
    );
  }

  function wireHeadset(socket: CueSocket, sessionId: string) {
    void (async () => {
      const s = await sessions.load(sessionId);
      if (!s || s.state.status !== 'open') {
        socket.emit('headset:revoked');
        socket.disconnect(true);
        return;
      }
      await socket.join(headsetRoom(sessionId));
      socket.emit('headset:directive', s.state.directive);
      await sessions.updateLink(sessionId, { paired: true, connected: true });
    })().catch((err: unknown) => log.error({ err }, 'headset connection failed'));

    socket.on(
      'headset:applied',
      validated(log, 'headset:applied', AppliedReport, (report) =>
        sessions.dispatch(sessionId, { kind: 'applied', report }, { id: report.id, kind: 'applied' }),
      ),
    );
    socket.on(
      'headset:segment',
      validated(log, 'headset:segment', SegmentReport, (report) =>
        sessions.dispatch(sessionId, { kind: 'segment', report }, { id: report.id, kind: 'segment' }),
      ),
    );
    socket.on(
      'headset:pause',
      validated(log, 'headset:pause', PauseRequest, (req) => sessions.dispatch(sessionId, { kind: 'pause', writeId: req.id }, { id: req.id, kind: 'pause' })),
    );
    socket.on(
      'rating:submit',
      validated(log, 'rating:submit', RatingSubmission, (submission) =>
        sessions.dispatch(sessionId, { kind: 'rating', submission }, { id: submission.id, kind: 'rating' }),
      ),
    );
    socket.on(
      'headset:attention',
      validated(log, 'headset:attention', AttentionReport, (report) =>
        sessions.dispatch(sessionId, { kind: 'attention', report }, { id: report.id, kind: 'attention' }),
      ),
    );
    socket.on('headset:telemetry', (payload: unknown) => {
      const t = HeadsetTelemetry.safeParse(payload);
      if (!t.success) return;
      sessions.telemetry(sessionId, t.data).catch((err: unknown) => log.error({ err }, 'headset telemetry failed'));
      // Only the session's console room hears it: sockets join it after session:watch checked them.
      if (t.data.pose && poses.admit(sessionId)) io.to(consoleRoom(sessionId)).volatile.emit('session:pose', { sessionId, at: deps.now(), pose: t.data.pose });
    });
    socket.on('disconnect', () => {
      void (async () => {
        const others = await io.in(headsetRoom(sessionId)).fetchSockets();
        if (others.length === 0) await sessions.updateLink(sessionId, { connected: false, immersive: false, fps: null });
      })().catch((err: unknown) => log.error({ err }, 'headset disconnect failed'));
    });
  }

  function wirePairing(socket: CueSocket) {
    const issue = () => socket.emit('pairing:code', pairing.issue(socket.id));
    issue();
    // Codes expire; a waiting headset gets a fresh one instead of a dead code.
    const timer = setInterval(issue, pairing.ttlMs - 5_000);
    socket.on('disconnect', () => {
      clearInterval(timer);
      pairing.release(socket.id);
    });
  }

  return io;
}
