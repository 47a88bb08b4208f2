import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientToServerEvents, HandshakeAuth, LoginResponse, Role, SessionView, StudyView } from '../../contract';
import { newId } from '../../server/auth/tokens';
import { EVENTS_BY_ROLE } from '../../server/realtime/socketServer';
import { accountWith, call, databaseSnapshot, expiredToken, listRoutes, tokenFor } from '../support/people';
import { connected, pairHeadset, passPreCheck, socketFor, startTestServer, type TestServer, type TestSocket } from '../support/testServer';

// The authorisation matrix: every HTTP route and every socket event, tried by everyone who must be
// refused (no sign-in, an expired, revoked or forged one, a disabled account, a headset's device
// token, the wrong role, a researcher without a grant, another organisation). Each must be refused
// and change nothing in the database. The rules are data: a route or event the server serves without
// a rule here fails the test, so a new route cannot ship unlisted.

const PROTOCOL = 'alcohol-alcovr-booster';
const CODE_A = 'MX-ORG-A';
const uuid = () => crypto.randomUUID();

/** Who may call a route. `resource`: the URL names something of organisation A; `own-org`: acts on the caller's organisation only. */
interface RouteRule {
  roles: Role[] | 'public';
  scope: 'resource' | 'own-org' | 'none';
  /** A researcher also needs a grant for it. */
  grant?: true;
  url: () => string;
  body?: () => unknown;
}

interface Ctx {
  patientId: string;
  sessionId: string;
  endedSessionId: string;
  targetAccountId: string;
  researcherId: string;
  grantId: string;
  studySessionId: string;
}
const ctx = {} as Ctx;

const ROUTES: Record<string, RouteRule> = {
  // Public: sign-in and links (rate-limited, tested in people.test.ts).
  'POST /setup': { roles: 'public', scope: 'none', url: () => '/setup' },
  'POST /password': { roles: 'public', scope: 'none', url: () => '/password' },
  'POST /login': { roles: 'public', scope: 'none', url: () => '/login' },
  'POST /logout': { roles: ['admin', 'clinician', 'researcher'], scope: 'none', url: () => '/logout', body: () => ({}) },
  'GET /me': { roles: ['admin', 'clinician', 'researcher'], scope: 'none', url: () => '/me' },
  'GET /protocols': { roles: ['admin', 'clinician', 'researcher'], scope: 'none', url: () => '/protocols' },
  'GET /scenes': { roles: ['admin', 'clinician', 'researcher'], scope: 'none', url: () => '/scenes' },
  'GET /patients': { roles: ['clinician'], scope: 'own-org', url: () => '/patients' },
  'POST /patients': { roles: ['clinician'], scope: 'own-org', url: () => '/patients', body: () => ({ code: 'MX-NEW' }) },
  'POST /patients/:id/status': { roles: ['clinician'], scope: 'resource', url: () => `/patients/${ctx.patientId}/status`, body: () => ({ status: 'active-use' }) },
  'GET /patients/:id/identity': { roles: ['clinician'], scope: 'resource', url: () => `/patients/${ctx.patientId}/identity` },
  'PUT /patients/:id/identity': { roles: ['clinician'], scope: 'resource', url: () => `/patients/${ctx.patientId}/identity`, body: () => ({ name: 'Intrus' }) },
  'GET /patients/:id': { roles: ['clinician'], scope: 'resource', url: () => `/patients/${ctx.patientId}` },
  'PUT /patients/:id/profile': {
    roles: ['clinician'],
    scope: 'resource',
    url: () => `/patients/${ctx.patientId}/profile`,
    body: () => ({ abstinentSince: '2026-01-02', programme: 'Intrus', substances: ['alcohol'], flags: ['cardiac'], personalisation: {} }),
  },
  'POST /patients/:id/hierarchy': { roles: ['clinician'], scope: 'resource', url: () => `/patients/${ctx.patientId}/hierarchy`, body: () => ({ id: uuid(), sceneId: 'bar', level: 2, value: 40 }) },
  'GET /patients/:id/session-plan': { roles: ['clinician'], scope: 'resource', url: () => `/patients/${ctx.patientId}/session-plan?protocolId=${PROTOCOL}` },
  'GET /sessions': { roles: ['clinician'], scope: 'own-org', url: () => '/sessions' },
  'POST /sessions': { roles: ['clinician'], scope: 'resource', url: () => '/sessions', body: () => ({ patientId: ctx.patientId }) },
  'GET /sessions/:id': { roles: ['clinician'], scope: 'resource', url: () => `/sessions/${ctx.sessionId}` },
  'GET /sessions/:id/log': { roles: ['clinician'], scope: 'resource', url: () => `/sessions/${ctx.sessionId}/log` },
  'GET /sessions/:id/ratings': { roles: ['clinician'], scope: 'resource', url: () => `/sessions/${ctx.sessionId}/ratings` },
  'GET /sessions/:id/export': { roles: ['clinician'], scope: 'resource', url: () => `/sessions/${ctx.sessionId}/export?format=json` },
  'GET /sessions/:id/summary': { roles: ['clinician'], scope: 'resource', url: () => `/sessions/${ctx.sessionId}/summary` },
  'GET /patients/:id/progress': { roles: ['clinician'], scope: 'resource', url: () => `/patients/${ctx.patientId}/progress` },
  'GET /studies': { roles: ['researcher'], scope: 'own-org', url: () => '/studies' },
  'GET /studies/:protocolId/export': { roles: ['clinician', 'researcher'], scope: 'own-org', grant: true, url: () => `/studies/${PROTOCOL}/export?format=json` },
  'GET /studies/:protocolId/sessions/:studySessionId/export': {
    roles: ['researcher'],
    scope: 'resource',
    grant: true,
    url: () => `/studies/${PROTOCOL}/sessions/${ctx.studySessionId}/export?format=json`,
  },
  'GET /admin/accounts': { roles: ['admin'], scope: 'own-org', url: () => '/admin/accounts' },
  'POST /admin/accounts': { roles: ['admin'], scope: 'own-org', url: () => '/admin/accounts', body: () => ({ username: 'mx-new', roles: ['clinician'] }) },
  'POST /admin/accounts/:id/roles': { roles: ['admin'], scope: 'resource', url: () => `/admin/accounts/${ctx.targetAccountId}/roles`, body: () => ({ roles: ['admin'] }) },
  'POST /admin/accounts/:id/disabled': { roles: ['admin'], scope: 'resource', url: () => `/admin/accounts/${ctx.targetAccountId}/disabled`, body: () => ({ disabled: true }) },
  'POST /admin/accounts/:id/password': { roles: ['admin'], scope: 'resource', url: () => `/admin/accounts/${ctx.targetAccountId}/password`, body: () => ({}) },
  'GET /admin/grants': { roles: ['admin'], scope: 'own-org', url: () => '/admin/grants' },
  'GET /admin/sessions': { roles: ['admin'], scope: 'own-org', url: () => `/admin/sessions?protocolId=${PROTOCOL}` },
  'POST /admin/grants': { roles: ['admin'], scope: 'resource', url: () => '/admin/grants', body: () => ({ kind: 'protocol', researcherId: ctx.researcherId, protocolId: 'tobacco-cafe-terrace' }) },
  'DELETE /admin/grants/:id': { roles: ['admin'], scope: 'resource', url: () => `/admin/grants/${ctx.grantId}` },
  'GET /access-log': { roles: ['admin'], scope: 'own-org', url: () => '/access-log' },
};

/** Someone calling: a sign-in that must not work (roles null), or an account in a role. */
interface Caller {
  name: string;
  token: () => string | null;
  roles: Role[] | null;
  otherOrg?: true;
  noGrant?: true;
}

let server: TestServer;
const sockets: TestSocket[] = [];
const track = (s: TestSocket) => (sockets.push(s), s);
const tokens: Record<string, string> = {};
const CALLERS: Caller[] = [
  { name: 'no sign-in', token: () => null, roles: null },
  { name: 'forged token', token: () => 'f'.repeat(43), roles: null },
  { name: 'expired sign-in', token: () => tokens.expired!, roles: null },
  { name: 'signed-out sign-in', token: () => tokens.revoked!, roles: null },
  { name: 'disabled account', token: () => tokens.disabled!, roles: null },
  { name: 'headset device token', token: () => tokens.device!, roles: null },
  { name: 'device token of an ended session', token: () => tokens.endedDevice!, roles: null },
  { name: 'administrator only', token: () => tokens.admin!, roles: ['admin'] },
  { name: 'clinician only', token: () => tokens.clinician!, roles: ['clinician'] },
  { name: 'researcher with a grant', token: () => tokens.researcher!, roles: ['researcher'] },
  { name: 'researcher without a grant', token: () => tokens.researcherNoGrant!, roles: ['researcher'], noGrant: true },
  { name: 'every role, other organisation', token: () => tokens.otherOrg!, roles: ['admin', 'clinician', 'researcher'], otherOrg: true },
];

type Outcome = 'unauthenticated' | 'forbidden' | 'org-refused' | 'allowed' | 'own-org' | 'public';

function outcome(rule: RouteRule, c: Caller): Outcome {
  if (rule.roles === 'public') return 'public';
  if (!c.roles) return 'unauthenticated';
  const admitted = rule.roles.some((r) => c.roles!.includes(r));
  if (!admitted) return 'forbidden';
  if (c.otherOrg) return rule.scope === 'resource' ? 'org-refused' : rule.scope === 'own-org' ? 'own-org' : 'allowed';
  if (rule.grant && c.noGrant) return 'forbidden';
  return 'allowed';
}

async function endSession(clinician: TestSocket, sessionId: string) {
  await clinician.emitWithAck('session:command', { id: uuid(), sessionId, command: { type: 'end' } });
  if ((await server.store.findSession(sessionId))!.status === 'open') {
    await clinician.emitWithAck('session:command', { id: uuid(), sessionId, command: { type: 'override', target: 'close', reason: 'ending the matrix test session' } });
    await clinician.emitWithAck('session:command', { id: uuid(), sessionId, command: { type: 'end' } });
  }
  expect((await server.store.findSession(sessionId))!.status).toBe('ended');
}

beforeAll(async () => {
  server = await startTestServer();
  const orgA = server.admin.account.organisationId;
  const admin = server.admin.token;
  const made = async (name: string, roles: Role[]) => accountWith(server, orgA, name, roles);
  tokens.admin = (await made('mx-admin', ['admin'])).token;
  tokens.clinician = (await made('mx-clin', ['clinician'])).token;
  const researcher: LoginResponse = await made('mx-res', ['researcher']);
  tokens.researcher = researcher.token;
  ctx.researcherId = researcher.account.id;
  tokens.researcherNoGrant = (await made('mx-res-none', ['researcher'])).token;
  ctx.targetAccountId = (await made('mx-target', ['clinician'])).account.id;
  const disabled = await made('mx-disabled', ['admin', 'clinician', 'researcher']);
  await server.accounts.setDisabled(disabled.account.id, true);
  tokens.disabled = await tokenFor(server, disabled.account.id);
  const revoked = await made('mx-revoked', ['admin', 'clinician', 'researcher']);
  expect((await call(server, 'POST', '/logout', revoked.token, {})).status).toBe(204);
  tokens.revoked = revoked.token;
  tokens.expired = await expiredToken(server, server.admin.account.id);

  const orgB = newId();
  await server.store.createOrganisation(orgB, 'Other clinic', Date.now());
  tokens.otherOrg = (await accountWith(server, orgB, 'mx-other', ['admin', 'clinician', 'researcher'])).token;

  // Organisation A: a patient with identity fields, a protocol session with a headset, an ended one.
  const patient = await call<{ id: string }>(server, 'POST', '/patients', admin, { code: CODE_A });
  ctx.patientId = patient.body.id;
  expect((await call(server, 'PUT', `/patients/${ctx.patientId}/identity`, admin, { name: 'Marie Matrix' })).status).toBe(200);
  const session = await call<SessionView>(server, 'POST', '/sessions', admin, { patientId: ctx.patientId, protocolId: PROTOCOL });
  ctx.sessionId = session.body.id;
  const ended = await call<SessionView>(server, 'POST', '/sessions', admin, { patientId: ctx.patientId, protocolId: PROTOCOL });
  ctx.endedSessionId = ended.body.id;
  const console_ = track(socketFor(server, { kind: 'clinician', token: admin }));
  await connected(console_);
  const live = await pairHeadset(server, console_, ctx.sessionId);
  track(live.headset);
  tokens.device = live.deviceToken;
  const gone = await pairHeadset(server, console_, ctx.endedSessionId);
  track(gone.headset);
  tokens.endedDevice = gone.deviceToken;
  await passPreCheck(console_, ctx.endedSessionId);
  await endSession(console_, ctx.endedSessionId);

  const grant = await call<{ id: string }>(server, 'POST', '/admin/grants', admin, { kind: 'protocol', researcherId: ctx.researcherId, protocolId: PROTOCOL });
  expect(grant.status).toBe(201);
  ctx.grantId = grant.body.id;
  const studies = await call<StudyView[]>(server, 'GET', '/studies', tokens.researcher);
  ctx.studySessionId = studies.body[0]!.sessions[0]!.id;
  // Let link reports of the headsets settle before the database is compared.
  await new Promise((r) => setTimeout(r, 500));
}, 60_000);

afterAll(async () => {
  sockets.forEach((s) => s.disconnect());
  await server?.stop();
});

/** What organisation A's data looks like, to prove another organisation's reads never contain it. */
const markersOfA = () => [CODE_A, ctx.patientId, ctx.sessionId, 'mx-clin', 'Marie Matrix'];

describe('HTTP: every route × everyone who must be refused', () => {
  it('lists a rule for every route the API serves, and no rule for a route it does not', () => {
    expect(listRoutes(server.api).sort()).toEqual(Object.keys(ROUTES).sort());
  });

  let cells = 0;
  for (const [route, rule] of Object.entries(ROUTES)) {
    it(route, async () => {
      const method = route.split(' ')[0]!;
      const before = await databaseSnapshot(server);
      for (const c of CALLERS) {
        const expected = outcome(rule, c);
        if (expected === 'public') continue;
        // Writes by someone allowed are left to the functional tests (they would change the database).
        if ((expected === 'allowed' || expected === 'own-org') && method !== 'GET') continue;
        const res = await call(server, method, rule.url(), c.token(), rule.body?.());
        const what = `${route} by ${c.name}: ${res.status} ${res.text.slice(0, 200)}`;
        cells += 1;
        if (expected === 'unauthenticated') expect(res.status, what).toBe(401);
        else if (expected === 'forbidden') expect(res.status, what).toBe(403);
        else if (expected === 'org-refused') expect([403, 404], what).toContain(res.status);
        else {
          expect(res.status, what).toBeLessThan(300);
          if (expected === 'own-org') for (const m of markersOfA()) expect(res.text, `${what} leaks ${m}`).not.toContain(m);
        }
      }
      // Refusals write nothing, not even an access record; allowed reads were only GETs and are put back below.
      const after = await databaseSnapshot(server);
      const changed = Object.keys(before).filter((t) => JSON.stringify(before[t]) !== JSON.stringify(after[t]));
      expect(changed.filter((t) => t !== 'access_log' && t !== 'study_keys'), route).toEqual([]);
      const refusedOnly = CALLERS.every((c) => !['allowed', 'own-org'].includes(outcome(rule, c)));
      if (refusedOnly) expect(changed, route).toEqual([]);
    });
  }

  afterAll(() => {
    console.log(`authorisation matrix, HTTP: ${Object.keys(ROUTES).length} routes × ${CALLERS.length} callers, ${cells} requests sent`);
  });
});

/** A valid payload for every event, so a refusal is about who sends it, not what. */
const SOCKET_EVENTS: Record<keyof ClientToServerEvents, { role: 'clinician' | 'headset'; payload: () => unknown }> = {
  'session:watch': { role: 'clinician', payload: () => ({ sessionId: ctx.sessionId }) },
  'session:pair': { role: 'clinician', payload: () => ({ id: uuid(), sessionId: ctx.sessionId, code: 'ABCDEF' }) },
  'session:command': { role: 'clinician', payload: () => ({ id: uuid(), sessionId: ctx.sessionId, command: { type: 'setLevel', level: 1 } }) },
  'session:ping': { role: 'clinician', payload: () => ({ sessionId: ctx.sessionId, sentAt: 1 }) },
  'headset:applied': { role: 'headset', payload: () => ({ id: uuid(), revision: 0, scene: { sceneId: 'gallery', level: 0 }, sinceMs: 0 }) },
  'headset:segment': { role: 'headset', payload: () => ({ id: uuid(), segmentId: 'patron-sips', showing: true }) },
  'headset:pause': { role: 'headset', payload: () => ({ id: uuid() }) },
  'headset:telemetry': { role: 'headset', payload: () => ({ immersive: true, fps: 72 }) },
  'rating:submit': { role: 'headset', payload: () => ({ id: uuid(), promptId: uuid(), value: 50 }) },
  'headset:attention': { role: 'headset', payload: () => ({ id: uuid(), sceneId: 'bar', level: 1, dwellMs: { 'shelf-bottles': 500 } }) },
};

describe('Socket.IO: every event × everyone who must be refused', () => {
  it('lists a rule for every event a connection may send', () => {
    const served = [...new Set(Object.values(EVENTS_BY_ROLE).flat())].sort();
    expect(Object.keys(SOCKET_EVENTS).sort()).toEqual(served);
  });

  it('refuses the connection of anyone who may not watch live sessions', async () => {
    const refused: [string, HandshakeAuth | object, RegExp][] = [
      ['no credentials', {}, /unauthenticated/],
      ['a forged sign-in', { kind: 'clinician', token: 'f'.repeat(43) }, /unauthenticated/],
      ['an expired sign-in', { kind: 'clinician', token: tokens.expired }, /unauthenticated/],
      ['a signed-out sign-in', { kind: 'clinician', token: tokens.revoked }, /unauthenticated/],
      ['a disabled account', { kind: 'clinician', token: tokens.disabled }, /unauthenticated/],
      ['an administrator without the clinician role', { kind: 'clinician', token: tokens.admin }, /forbidden/],
      ['a researcher', { kind: 'clinician', token: tokens.researcher }, /forbidden/],
      ['a device token used as a sign-in', { kind: 'clinician', token: tokens.device }, /unauthenticated/],
      ['a sign-in used as a device token', { kind: 'device', token: tokens.clinician }, /unauthenticated/],
      ['the device token of an ended session', { kind: 'device', token: tokens.endedDevice }, /unauthenticated/],
    ];
    const before = await databaseSnapshot(server);
    for (const [what, auth, message] of refused) {
      await expect(connected(track(socketFor(server, auth as HandshakeAuth))), what).rejects.toThrow(message);
    }
    expect(await databaseSnapshot(server)).toEqual(before);
  });

  it('answers forbidden to every event outside the connection’s role or organisation, and changes nothing', async () => {
    const otherOrg = track(socketFor(server, { kind: 'clinician', token: tokens.otherOrg! }));
    const clinician = track(socketFor(server, { kind: 'clinician', token: tokens.clinician! }));
    const headset = track(socketFor(server, { kind: 'device', token: tokens.device! }));
    const pairing = track(socketFor(server, { kind: 'pairing' }));
    await Promise.all([otherOrg, clinician, headset, pairing].map(connected));
    const connections: [string, TestSocket, 'clinician' | 'headset' | 'pairing', boolean][] = [
      ['another organisation’s clinician', otherOrg, 'clinician', true],
      ['a clinician', clinician, 'clinician', false],
      ['a headset', headset, 'headset', false],
      ['a pairing screen', pairing, 'pairing', false],
    ];
    const before = await databaseSnapshot(server);
    let cells = 0;
    for (const [who, socket, role, foreign] of connections) {
      for (const [event, rule] of Object.entries(SOCKET_EVENTS)) {
        const mayInRole = rule.role === role;
        if (mayInRole && !foreign) continue; // allowed: exercised by realtime.test.ts
        const ack = (await socket.timeout(5000).emitWithAck(event as 'session:watch', rule.payload() as never)) as { ok: boolean; error?: { code: string } };
        cells += 1;
        expect(ack, `${event} from ${who}`).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      }
    }
    expect(await databaseSnapshot(server)).toEqual(before);
    console.log(`authorisation matrix, Socket.IO: ${Object.keys(SOCKET_EVENTS).length} events, 10 refused handshakes, ${cells} refused events`);
  });
});
