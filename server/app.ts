import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import express, { type Router } from 'express';
import pino, { type Logger } from 'pino';
import { formatProblem } from '../protocols/load';
import { loadProtocolLibrary } from '../protocols/library';
import { AccessLog } from './access/accessLog';
import { Accounts } from './auth/accounts';
import { apiRoutes, errorHandler } from './http/routes';
import { staticFiles } from './http/staticFiles';
import { loadOrCreateCertificate } from './http/tls';
import { createSocketServer } from './realtime/socketServer';
import { SessionService } from './sessions/sessionService';
import { openDatabase } from './store/database';
import { Store } from './store/store';

export interface ServerOptions {
  port: number;
  host?: string;
  dataDir: string;
  /** postgres://… for PostgreSQL; otherwise the SQLite file in dataDir (default: DATABASE_URL). */
  databaseUrl?: string;
  /** Also serve HTTPS (self-signed) on this port, for headsets on the LAN. */
  httpsPort?: number;
  lanHosts?: string[];
  /** Serve the built client (off in tests that only need the API). */
  serveClient?: boolean;
  log?: Logger;
  now?: () => number;
  /** Where protocol files are read from (default: protocols/). */
  protocolsDir?: string;
}

export interface RunningServer {
  url: string;
  httpsUrl: string | null;
  setupToken: string | null;
  store: Store;
  accounts: Accounts;
  sessions: SessionService;
  /** The /api router, for tests that enumerate its routes. */
  api: Router;
  close(): Promise<void>;
}

/** The composition root: store, services, HTTP routes and Socket.IO on one port. */
export async function startServer(o: ServerOptions): Promise<RunningServer> {
  const log = o.log ?? pino({ level: process.env.LOG_LEVEL ?? 'info' });
  const now = o.now ?? Date.now;
  const store = new Store(openDatabase({ databaseUrl: o.databaseUrl ?? process.env.DATABASE_URL, dataDir: o.dataDir }));
  try {
    await store.migrate();
  } catch (err) {
    await store.close();
    throw err;
  }
  const accounts = new Accounts(store, now);
  const accessLog = new AccessLog(store, now);
  const sessions = new SessionService(store, now, (err) => log.error({ err }, 'session timer failed'));
  const library = loadProtocolLibrary(o.protocolsDir);
  for (const p of library.problems) log.warn(`protocol not loaded: ${formatProblem(p)}`);

  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  const api = apiRoutes({ store, accounts, sessions, protocols: library.protocols, accessLog, now });
  app.use('/api', api);
  if (o.serveClient !== false) app.use(staticFiles());
  app.use(errorHandler(log));

  const servers: Server[] = [createHttpServer(app)];
  if (o.httpsPort !== undefined) {
    const tls = await loadOrCreateCertificate(o.dataDir, ['localhost', '127.0.0.1', ...(o.lanHosts ?? [])]);
    servers.push(createHttpsServer(tls, app));
  }
  const io = createSocketServer({ servers, accounts, sessions, accessLog, log, now });
  await sessions.recover();
  const host = o.host ?? '0.0.0.0';
  await listen(servers[0]!, o.port, host);
  if (servers[1]) await listen(servers[1], o.httpsPort!, host);

  const port = (servers[0]!.address() as AddressInfo).port;
  const httpsPort = servers[1] ? (servers[1].address() as AddressInfo).port : null;
  return {
    url: `http://localhost:${port}`,
    httpsUrl: httpsPort ? `https://localhost:${httpsPort}` : null,
    setupToken: await accounts.setupTokenIfNeeded(),
    store,
    accounts,
    sessions,
    api,
    async close() {
      sessions.stop();
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await store.close();
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
}
