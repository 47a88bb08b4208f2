import type { Router } from 'express';
import type { LoginResponse, Role } from '../../contract';
import type { RunningServer } from '../../server/app';
import { hashToken, newToken } from '../../server/auth/tokens';
import type { Database } from '../../server/store/schema';

// Helpers for the people-and-access tests: any HTTP method, accounts in a role, a sign-in that has
// expired, every route the API router serves, and the whole database as one comparable value.

export interface Reply<T = unknown> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

export async function call<T = any>(server: { url: string }, method: string, path: string, token: string | null, body?: unknown): Promise<Reply<T>> {
  const res = await fetch(`${server.url}/api${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // CSV, zip: kept as text.
  }
  return { status: res.status, body: parsed as T, text, headers: res.headers };
}

export const PASSWORD = 'a-long-test-password';

export async function accountWith(server: RunningServer, organisationId: string, username: string, roles: Role[]): Promise<LoginResponse> {
  await server.accounts.createAccount({ organisationId, username, password: PASSWORD, roles });
  return server.accounts.login(username, PASSWORD);
}

/** A sign-in of the account whose 12 hours are over. */
export async function expiredToken(server: RunningServer, accountId: string): Promise<string> {
  const { token } = newToken();
  const at = Date.now();
  await server.store.createToken(hashToken(token), { kind: 'clinician', accountId, sessionId: null, expiresAt: at - 1 }, at - 13 * 3_600_000);
  return token;
}

/** A sign-in token written straight into the store (for an account that can no longer sign in). */
export async function tokenFor(server: RunningServer, accountId: string): Promise<string> {
  const { token } = newToken();
  const at = Date.now();
  await server.store.createToken(hashToken(token), { kind: 'clinician', accountId, sessionId: null, expiresAt: at + 3_600_000 }, at);
  return token;
}

/** "METHOD /path" of every route the router (and the routers it mounts) serves. */
export function listRoutes(router: Router, prefix = ''): string[] {
  const out: string[] = [];
  for (const layer of router.stack as unknown as { route?: { path: string; methods: Record<string, boolean> }; handle: { stack?: unknown }; rawPath?: string }[]) {
    if (layer.route) {
      for (const m of Object.keys(layer.route.methods)) out.push(`${m.toUpperCase()} ${prefix}${layer.route.path}`);
    } else if (layer.handle.stack) {
      const mount = layer.rawPath && layer.rawPath !== '/' ? layer.rawPath : '';
      out.push(...listRoutes(layer.handle as unknown as Router, prefix + mount));
    }
  }
  return out;
}

const TABLES: (keyof Database)[] = [
  'organisations', 'accounts', 'tokens', 'patients', 'sessions', 'session_log', 'ratings', 'client_writes',
  'research_grants', 'study_keys', 'patient_identities', 'access_log', 'patient_profiles', 'cue_hierarchy_ratings',
];

/** Every row of every table, in a stable order: equal snapshots mean nothing was written. */
export async function databaseSnapshot(server: RunningServer): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of TABLES) {
    const rows = await server.store.db.selectFrom(t).selectAll().execute();
    out[t] = rows.map((r) => JSON.stringify(r)).sort();
  }
  return out;
}

/** A file download as bytes (zip), with its headers. */
export async function download(server: { url: string }, path: string, token: string | null): Promise<{ status: number; bytes: Buffer; headers: Headers }> {
  const res = await fetch(`${server.url}/api${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()), headers: res.headers };
}
