import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountChange, AdminAccountView, LoginResponse } from '../../contract';
import { LOGIN_LIMITS } from '../../server/http/authRoutes';
import { accountWith, call, databaseSnapshot, PASSWORD } from '../support/people';
import { connected, socketFor, startTestServer, type TestServer } from '../support/testServer';

// Accounts managed by an administrator over HTTP, sign-ins revoked at once, and sign-in guessing
// slowed down: a real server and SQLite file.

type ErrorReply = { error: { code: string; message: string; issues?: { path: string; message: string }[] } };

let server: TestServer;
let admin: string;

beforeAll(async () => {
  server = await startTestServer();
  admin = server.admin.token;
});
afterAll(async () => {
  await server?.stop();
});

const accounts = async () => (await call<AdminAccountView[]>(server, 'GET', '/admin/accounts', admin)).body;
const byName = async (username: string) => (await accounts()).find((a) => a.username === username)!;

describe('an administrator manages the organisation’s accounts', () => {
  it('creates an account with an initial password, in the roles given', async () => {
    const r = await call<AccountChange>(server, 'POST', '/admin/accounts', admin, { username: 'Dr-Ines', roles: ['researcher', 'clinician'], password: PASSWORD });
    expect(r.status).toBe(201);
    expect(r.body).toEqual({ account: expect.objectContaining({ username: 'dr-ines', roles: ['clinician', 'researcher'], disabled: false, passwordSet: true }), link: null });
    expect((await call(server, 'POST', '/login', null, { username: 'dr-ines', password: PASSWORD })).status).toBe(200);
    expect((await call<ErrorReply>(server, 'POST', '/admin/accounts', admin, { username: 'dr-ines', roles: ['clinician'] })).status).toBe(409);
  });

  it('invites without a password: a one-time link the person spends to choose theirs', async () => {
    const r = await call<AccountChange>(server, 'POST', '/admin/accounts', admin, { username: 'res-invited', roles: ['researcher'] });
    expect(r.body.account.passwordSet).toBe(false);
    expect(r.body.link).toMatchObject({ path: `/console/#invite=${r.body.link!.token}`, expiresAt: expect.any(Number) });
    const spent = await call<LoginResponse>(server, 'POST', '/password', null, { token: r.body.link!.token, password: 'my-own-password-1' });
    expect(spent.status).toBe(201);
    expect(spent.body.account).toMatchObject({ username: 'res-invited', roles: ['researcher'] });
    expect((await call(server, 'POST', '/password', null, { token: r.body.link!.token, password: 'my-own-password-2' })).status).toBe(401);
    expect((await byName('res-invited')).passwordSet).toBe(true);
  });

  it('answers a bad body with 400 and every field at fault, and changes nothing', async () => {
    const before = await databaseSnapshot(server);
    const cases: [string, string, object, string[]][] = [
      ['POST', '/admin/accounts', { username: 'a b', roles: [] }, ['roles', 'username']],
      ['POST', '/admin/accounts', { username: 'dr-x', roles: ['root'], password: 'short' }, ['password', 'roles.0']],
      ['POST', '/admin/accounts', { username: 'dr-x', roles: ['clinician', 'clinician'] }, ['roles']],
      ['POST', '/admin/accounts', { username: 'dr-x', roles: ['clinician'], organisationId: 'elsewhere' }, ['(root)']],
      ['POST', `/admin/accounts/${server.admin.account.id}/roles`, { roles: 'admin' }, ['roles']],
      ['POST', `/admin/accounts/${server.admin.account.id}/disabled`, { disabled: 'yes' }, ['disabled']],
      ['POST', `/admin/accounts/${server.admin.account.id}/password`, { password: 'short' }, ['password']],
      ['POST', '/password', { token: 'x'.repeat(30), password: 'short' }, ['password']],
    ];
    for (const [method, path, body, paths] of cases) {
      const r = await call<ErrorReply>(server, method, path, admin, body);
      expect(r.status, `${path} ${JSON.stringify(body)}`).toBe(400);
      expect(r.body.error.code).toBe('invalid_payload');
      expect([...new Set(r.body.error.issues!.map((i) => i.path))].sort(), JSON.stringify(body)).toEqual(paths);
    }
    expect(await databaseSnapshot(server)).toEqual(before);
  });

  it('changing roles or disabling ends the account’s sign-ins and live connections at once', async () => {
    const dr = await accountWith(server, server.admin.account.organisationId, 'dr-roles', ['clinician']);
    const socket = socketFor(server, { kind: 'clinician', token: dr.token });
    await connected(socket);
    const dropped = new Promise((resolve) => socket.once('disconnect', resolve));
    const r = await call<AccountChange>(server, 'POST', `/admin/accounts/${dr.account.id}/roles`, admin, { roles: ['clinician', 'researcher'] });
    expect(r.body.account.roles).toEqual(['clinician', 'researcher']);
    await dropped;
    expect((await call(server, 'GET', '/patients', dr.token)).status).toBe(401);

    const again = await server.accounts.login('dr-roles', PASSWORD);
    const live = socketFor(server, { kind: 'clinician', token: again.token });
    await connected(live);
    const gone = new Promise((resolve) => live.once('disconnect', resolve));
    expect((await call<AccountChange>(server, 'POST', `/admin/accounts/${dr.account.id}/disabled`, admin, { disabled: true })).body.account.disabled).toBe(true);
    await gone;
    expect((await call(server, 'GET', '/me', again.token)).status).toBe(401);
    const refused = await call<ErrorReply>(server, 'POST', '/login', null, { username: 'dr-roles', password: PASSWORD });
    expect(refused.status).toBe(401);
    expect(refused.body.error.message).toMatch(/disabled/);
    await call(server, 'POST', `/admin/accounts/${dr.account.id}/disabled`, admin, { disabled: false });
    expect((await call(server, 'POST', '/login', null, { username: 'dr-roles', password: PASSWORD })).status).toBe(200);
  });

  it('signing out closes that sign-in’s live connection too', async () => {
    const dr = await accountWith(server, server.admin.account.organisationId, 'dr-signout', ['clinician']);
    const socket = socketFor(server, { kind: 'clinician', token: dr.token });
    await connected(socket);
    const dropped = new Promise((resolve) => socket.once('disconnect', resolve));
    expect((await call(server, 'POST', '/logout', dr.token, {})).status).toBe(204);
    await dropped;
  });

  it('resets a password with a new one or a link; either ends every sign-in, and a link ends the old password', async () => {
    const dr = await accountWith(server, server.admin.account.organisationId, 'dr-reset', ['clinician']);
    const set = await call<AccountChange>(server, 'POST', `/admin/accounts/${dr.account.id}/password`, admin, { password: 'set-by-the-admin' });
    expect(set.body.link).toBeNull();
    expect((await call(server, 'GET', '/me', dr.token)).status).toBe(401);
    const signedIn = await call<LoginResponse>(server, 'POST', '/login', null, { username: 'dr-reset', password: 'set-by-the-admin' });
    expect(signedIn.status).toBe(200);
    const linked = await call<AccountChange>(server, 'POST', `/admin/accounts/${dr.account.id}/password`, admin, {});
    expect(linked.body).toMatchObject({ account: { passwordSet: false }, link: { token: expect.any(String) } });
    expect((await call(server, 'GET', '/me', signedIn.body.token)).status).toBe(401);
    expect((await call(server, 'POST', '/login', null, { username: 'dr-reset', password: 'set-by-the-admin' })).status).toBe(401);
    expect((await call(server, 'POST', '/password', null, { token: linked.body.link!.token, password: 'chosen-by-me-now' })).status).toBe(201);
  });

  it('keeps an enabled administrator: the last one can neither drop the role nor be disabled', async () => {
    const me = server.admin.account.id;
    const before = await databaseSnapshot(server);
    const drop = await call<ErrorReply>(server, 'POST', `/admin/accounts/${me}/roles`, admin, { roles: ['clinician'] });
    expect(drop.status).toBe(409);
    expect(drop.body.error.message).toMatch(/administrator/);
    expect((await call<ErrorReply>(server, 'POST', `/admin/accounts/${me}/disabled`, admin, { disabled: true })).status).toBe(409);
    expect(await databaseSnapshot(server)).toEqual(before);

    // With a second administrator, the first may step down (and is signed out by it).
    const second = await accountWith(server, server.admin.account.organisationId, 'admin-two', ['admin']);
    expect((await call(server, 'POST', `/admin/accounts/${me}/roles`, admin, { roles: ['clinician'] })).status).toBe(200);
    expect((await call(server, 'GET', '/admin/accounts', admin)).status).toBe(401);
    // Now admin-two is the last: it cannot drop its own role, nor disable itself.
    expect((await call(server, 'POST', `/admin/accounts/${second.account.id}/roles`, second.token, { roles: ['researcher'] })).status).toBe(409);
    expect((await call(server, 'POST', `/admin/accounts/${second.account.id}/disabled`, second.token, { disabled: true })).status).toBe(409);
    // Put the first administrator back for the tests after this one.
    expect((await call(server, 'POST', `/admin/accounts/${me}/roles`, second.token, { roles: ['admin', 'clinician'] })).status).toBe(200);
    admin = (await server.accounts.login('admin', 'correct-horse-battery')).token;
  });
});

describe('sign-in guessing is slowed down', () => {
  let limited: TestServer;
  beforeAll(async () => {
    limited = await startTestServer();
    await accountWith(limited, limited.admin.account.organisationId, 'dr-target', ['clinician']);
  });
  afterAll(async () => {
    await limited?.stop();
  });
  const login = (username: string, password: string) => call<ErrorReply>(limited, 'POST', '/login', null, { username, password });
  let failures = 0;

  it('after 5 failures for one username: 429 with Retry-After, even with the right password', async () => {
    for (let i = 0; i < LOGIN_LIMITS.username.failures; i++) {
      expect((await login('dr-target', `wrong-guess-${i}`)).status).toBe(401);
      failures += 1;
    }
    const locked = await login('dr-target', PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.body.error).toMatchObject({ code: 'rate_limited', message: 'too many failed sign-ins for this username: try again in 15 minutes' });
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    // Usernames are counted whatever their case.
    expect((await login('DR-TARGET', PASSWORD)).status).toBe(429);
    // Another person at the same address is not locked out.
    expect((await login('admin', 'correct-horse-battery')).status).toBe(200);
  });

  it('counts only failures, and a success clears the username’s count', async () => {
    await accountWith(limited, limited.admin.account.organisationId, 'dr-typo', ['clinician']);
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < LOGIN_LIMITS.username.failures - 1; i++) {
        expect((await login('dr-typo', 'a-typo-in-it')).status).toBe(401);
        failures += 1;
      }
      expect((await login('dr-typo', PASSWORD)).status).toBe(200);
    }
  });

  it('after 30 failures from one address, whatever the usernames: 429 for that address', async () => {
    let n = 0;
    while (failures < LOGIN_LIMITS.address.failures) {
      expect((await login(`nobody-${n++}`, 'guess')).status).toBe(401);
      failures += 1;
    }
    const blocked = await login('nobody-else', 'guess');
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.message).toMatch(/from this address/);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('links (setup, invitation, reset): 10 invalid ones from an address, then 429', async () => {
    for (let i = 0; i < LOGIN_LIMITS.link.failures; i++) {
      const path = i % 2 ? '/setup' : '/password';
      const body = i % 2 ? { token: `guessed-token-number-${i}`, username: 'someone', password: 'a-long-password' } : { token: `guessed-token-number-${i}`, password: 'a-long-password' };
      expect((await call(limited, 'POST', path, null, body)).status).toBe(401);
    }
    const blocked = await call<ErrorReply>(limited, 'POST', '/password', null, { token: 'guessed-token-number-x', password: 'a-long-password' });
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toBeTruthy();
    expect(blocked.body.error.message).toMatch(/link attempts/);
  });
});
