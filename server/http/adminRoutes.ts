import express, { type Response } from 'express';
import type { z } from 'zod';
import {
  AccessLogQuery,
  type AccountChange,
  type AdminAccountView,
  CreateAccountBody,
  GrantableSessionsQuery,
  type GrantableSessionView,
  GrantBody,
  type GrantView,
  ResetPasswordBody,
  SetDisabledBody,
  UpdateRolesBody,
} from '../../contract';
import type { Protocol } from '../../protocols/schema';
import type { AccessEvent, AccessLog } from '../access/accessLog';
import type { Accounts } from '../auth/accounts';
import { newId } from '../auth/tokens';
import type { AccountRecord, Store } from '../store/store';
import { type Authed, body, parseQuery, send, signedIn } from './guards';

// The administrator's API: the organisation's accounts, research grants, and the access log. An
// administrator never reaches another organisation (its accounts answer 404, as if absent), and the
// organisation always keeps one enabled administrator.

export interface AdminRouteDeps {
  store: Store;
  accounts: Accounts;
  protocols: Map<string, Protocol>;
  accessLog: AccessLog;
  now: () => number;
  logRead: (req: Authed, e: AccessEvent) => Promise<void>;
}

const adminView = (a: AccountRecord): AdminAccountView => ({
  id: a.id,
  username: a.username,
  roles: a.roles,
  disabled: !!a.disabledAt,
  passwordSet: a.passwordHash !== '',
  createdAt: a.createdAt ?? 0,
});

const enabledAdmin = (a: AccountRecord) => a.roles.includes('admin') && !a.disabledAt;

export function adminRoutes(deps: AdminRouteDeps) {
  const { store, accounts } = deps;
  const router = express.Router();
  const admin = signedIn(accounts, 'admin');
  const orgOf = (req: Authed) => req.principal!.account.organisationId;

  /** The account named in the path, if it is in the administrator's organisation; else 404. */
  const ownAccount = async (req: Authed, res: Response): Promise<AccountRecord | undefined> => {
    const a = await store.findAccount(String(req.params.id));
    if (a && a.organisationId === orgOf(req)) return a;
    send(res, 404, { code: 'not_found', message: 'no such account in your organisation' });
    return undefined;
  };

  /** Would this change leave the organisation without an enabled administrator? */
  const lastAdmin = async (req: Authed, target: AccountRecord): Promise<boolean> =>
    enabledAdmin(target) && (await store.listAccounts(orgOf(req))).filter(enabledAdmin).length <= 1;

  const changed = async (id: string, link: AccountChange['link'] = null): Promise<AccountChange> => ({ account: adminView((await store.findAccount(id))!), link });

  router.get('/admin/accounts', admin, async (req: Authed, res) => {
    res.json((await store.listAccounts(orgOf(req))).map(adminView));
  });

  router.post('/admin/accounts', admin, body(CreateAccountBody), async (req: Authed, res) => {
    const b = req.body as z.infer<typeof CreateAccountBody>;
    if (await store.findAccountByUsername(b.username.toLowerCase())) {
      return send(res, 409, { code: 'conflict', message: `the username ${b.username} is taken` });
    }
    const created = await accounts.createAccount({ organisationId: orgOf(req), username: b.username, password: b.password, roles: b.roles });
    const link = b.password === undefined ? await accounts.issuePasswordLink(created.id) : null;
    res.status(201).json(await changed(created.id, link));
  });

  router.post('/admin/accounts/:id/roles', admin, body(UpdateRolesBody), async (req: Authed, res) => {
    const target = await ownAccount(req, res);
    if (!target) return;
    const { roles } = req.body as z.infer<typeof UpdateRolesBody>;
    if (!roles.includes('admin') && (await lastAdmin(req, target))) {
      return send(res, 409, { code: 'rejected', message: 'the organisation needs an enabled administrator: make someone else administrator first' });
    }
    // A change of roles ends the account's sign-ins: the next one carries the new roles.
    if (roles.join() !== target.roles.join()) await accounts.setRoles(target.id, roles);
    res.json(await changed(target.id));
  });

  router.post('/admin/accounts/:id/disabled', admin, body(SetDisabledBody), async (req: Authed, res) => {
    const target = await ownAccount(req, res);
    if (!target) return;
    const { disabled } = req.body as z.infer<typeof SetDisabledBody>;
    if (disabled && target.id === req.principal!.account.id) return send(res, 409, { code: 'rejected', message: 'you cannot disable your own account' });
    if (disabled && (await lastAdmin(req, target))) return send(res, 409, { code: 'rejected', message: 'the organisation needs an enabled administrator' });
    if (disabled !== !!target.disabledAt) await accounts.setDisabled(target.id, disabled);
    res.json(await changed(target.id));
  });

  router.post('/admin/accounts/:id/password', admin, body(ResetPasswordBody), async (req: Authed, res) => {
    const target = await ownAccount(req, res);
    if (!target) return;
    const { password } = req.body as z.infer<typeof ResetPasswordBody>;
    if (password !== undefined) await accounts.setPassword(target.id, password);
    const link = password === undefined ? await accounts.issuePasswordLink(target.id) : null;
    res.json(await changed(target.id, link));
  });

  // — research grants —

  const grantView = (g: Awaited<ReturnType<Store['listGrants']>>[number]): GrantView => ({
    id: g.id,
    researcherId: g.researcher_id,
    researcherUsername: g.researcher,
    kind: g.kind,
    protocolId: g.protocol_id,
    sessionId: g.session_id,
    grantedBy: g.granter,
    createdAt: g.created_at,
  });

  router.get('/admin/grants', admin, async (req: Authed, res) => {
    res.json((await store.listGrants({ organisationId: orgOf(req) })).map(grantView));
  });

  /** Sessions that may be granted one by one: no patient code, only protocol, date and status. */
  router.get('/admin/sessions', admin, async (req: Authed, res) => {
    const q = parseQuery(GrantableSessionsQuery, req, res, 'expected protocolId=<protocol id>');
    if (!q) return;
    const sessions = await store.listSessionsByProtocol(q.protocolId, orgOf(req));
    res.json(sessions.map((s): GrantableSessionView => ({ id: s.id, protocolId: q.protocolId, createdAt: s.createdAt, status: s.status })));
  });

  router.post('/admin/grants', admin, body(GrantBody), async (req: Authed, res) => {
    const b = req.body as z.infer<typeof GrantBody>;
    const organisationId = orgOf(req);
    const researcher = await store.findAccount(b.researcherId);
    if (!researcher || researcher.organisationId !== organisationId) return send(res, 404, { code: 'not_found', message: 'no such account in your organisation' });
    if (!researcher.roles.includes('researcher')) return send(res, 409, { code: 'rejected', message: `${researcher.username} does not hold the researcher role` });
    let protocolId: string;
    let sessionId: string | null = null;
    if (b.kind === 'session') {
      const s = await store.findSession(b.sessionId);
      if (!s || s.organisationId !== organisationId) return send(res, 404, { code: 'not_found', message: 'no such session in your organisation' });
      if (!s.protocol) return send(res, 409, { code: 'rejected', message: 'a session steered by hand belongs to no study: only protocol sessions can be granted' });
      protocolId = s.protocol.id;
      sessionId = s.id;
    } else {
      protocolId = b.protocolId;
      const known = deps.protocols.has(protocolId) || (await store.listSessionsByProtocol(protocolId, organisationId)).length > 0;
      if (!known) return send(res, 404, { code: 'not_found', message: `no protocol "${protocolId}"` });
    }
    const existing = await store.listGrants({ organisationId, researcherId: researcher.id });
    if (existing.some((g) => g.kind === b.kind && g.protocol_id === protocolId && g.session_id === sessionId)) {
      return send(res, 409, { code: 'conflict', message: 'this is already granted' });
    }
    const id = newId();
    await store.createGrant({
      id,
      organisation_id: organisationId,
      researcher_id: researcher.id,
      kind: b.kind,
      protocol_id: protocolId,
      session_id: sessionId,
      granted_by: req.principal!.account.id,
      created_at: deps.now(),
    });
    const created = (await store.listGrants({ organisationId })).find((g) => g.id === id)!;
    res.status(201).json(grantView(created));
  });

  router.delete('/admin/grants/:id', admin, async (req: Authed, res) => {
    const g = await store.findGrant(String(req.params.id));
    if (!g || g.organisation_id !== orgOf(req) || g.revoked_at !== null) return send(res, 404, { code: 'not_found', message: 'no such grant in your organisation' });
    await store.revokeGrant(g.id, req.principal!.account.id, deps.now());
    res.status(204).end();
  });

  // — access log —

  router.get('/access-log', admin, async (req: Authed, res) => {
    const q = parseQuery(AccessLogQuery, req, res, 'invalid access-log query: accountId, patientId, sessionId, action, from, to (epoch ms), limit (1–1000)');
    if (!q) return;
    const entries = await deps.accessLog.list(orgOf(req), q);
    // Reading who read what is itself recorded.
    await deps.logRead(req, { action: 'access-log.read', patientId: q.patientId ?? null, sessionId: q.sessionId ?? null, detail: `count=${entries.length}` });
    res.json(entries);
  });

  return router;
}
