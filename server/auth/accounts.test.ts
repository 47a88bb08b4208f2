import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../store/sqlite';
import { Store } from '../store/store';
import { Accounts, DUMMY_HASH, IDLE_TIMEOUT_MS, type Revocation, SIGN_IN_TTL_MS } from './accounts';
import { hashPassword } from './passwords';

// Accounts over a real SQLite file, with a clock the test moves.

let dir: string;
let store: Store;
let accounts: Accounts;
const clock = { t: Date.UTC(2026, 6, 1, 8) };
const PASSWORD = 'a-long-enough-password';

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cueroom-accounts-'));
  store = new Store(openSqlite(join(dir, 'cueroom.sqlite')));
  await store.migrate();
  await store.createOrganisation('org-1', 'Clinic', clock.t);
  accounts = new Accounts(store, () => clock.t);
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('sign-ins', () => {
  it('verify the dummy hash as costly as a real one, so unknown usernames take as long as wrong passwords', async () => {
    const real = (await hashPassword('x')).split('$');
    const dummy = DUMMY_HASH.split('$');
    expect(dummy).toHaveLength(real.length);
    expect(dummy.slice(0, 4)).toEqual(real.slice(0, 4));
    expect(Buffer.from(dummy[5]!, 'base64url')).toHaveLength(Buffer.from(real[5]!, 'base64url').length);
  });

  it('last a clinic day (12 h), end after 90 min unused, and count each use', async () => {
    await accounts.createAccount({ organisationId: 'org-1', username: 'dr-a', password: PASSWORD, roles: ['clinician'] });
    const { token, expiresAt } = await accounts.login('dr-a', PASSWORD);
    expect(expiresAt - clock.t).toBe(SIGN_IN_TTL_MS);
    expect(SIGN_IN_TTL_MS).toBe(12 * 3_600_000);
    clock.t += IDLE_TIMEOUT_MS - 1;
    await accounts.authenticate(token);
    clock.t += IDLE_TIMEOUT_MS;
    await accounts.authenticate(token);
    clock.t += IDLE_TIMEOUT_MS + 1;
    await expect(accounts.authenticate(token)).rejects.toThrow(/unused for too long/);
    // Ended for good, not only refused this once.
    clock.t -= IDLE_TIMEOUT_MS;
    await expect(accounts.authenticate(token)).rejects.toThrow(/expired or was revoked/);
  });

  it('refuse a disabled account, and say so only to someone who knows the password', async () => {
    const a = await accounts.createAccount({ organisationId: 'org-1', username: 'dr-b', password: PASSWORD, roles: ['clinician'] });
    const { token } = await accounts.login('dr-b', PASSWORD);
    const revoked: Revocation[] = [];
    accounts.onRevoked((r) => revoked.push(r));
    await accounts.setDisabled(a.id, true);
    expect(revoked).toEqual([{ accountId: a.id }]);
    await expect(accounts.authenticate(token)).rejects.toThrow();
    await expect(accounts.login('dr-b', 'wrong-password')).rejects.toThrow('wrong username or password');
    await expect(accounts.login('dr-b', PASSWORD)).rejects.toThrow(/disabled/);
    await accounts.setDisabled(a.id, false);
    await expect(accounts.authenticate(token)).rejects.toThrow();
    expect((await accounts.login('dr-b', PASSWORD)).account.username).toBe('dr-b');
  });

  it('end every sign-in of an account whose roles change', async () => {
    const a = await accounts.createAccount({ organisationId: 'org-1', username: 'dr-c', password: PASSWORD, roles: ['clinician'] });
    const one = await accounts.login('dr-c', PASSWORD);
    const two = await accounts.login('dr-c', PASSWORD);
    await accounts.setRoles(a.id, ['researcher']);
    await expect(accounts.authenticate(one.token)).rejects.toThrow();
    await expect(accounts.authenticate(two.token)).rejects.toThrow();
    expect((await accounts.login('dr-c', PASSWORD)).account.roles).toEqual(['researcher']);
  });
});

describe('invitation and reset links', () => {
  it('an invited account has no password until the link is spent, once', async () => {
    const a = await accounts.createAccount({ organisationId: 'org-1', username: 'res-d', roles: ['researcher'] });
    await expect(accounts.login('res-d', '')).rejects.toThrow('wrong username or password');
    const link = await accounts.issuePasswordLink(a.id);
    expect(link.path).toBe(`/console/#invite=${link.token}`);
    const signedIn = await accounts.redeemPasswordLink(link.token, PASSWORD);
    expect(signedIn.account).toMatchObject({ username: 'res-d', roles: ['researcher'] });
    await expect(accounts.redeemPasswordLink(link.token, 'another-password')).rejects.toThrow(/no longer valid/);
    expect((await accounts.login('res-d', PASSWORD)).account.id).toBe(a.id);
  });

  it('a reset ends the old password and sign-ins at once, and an older link dies with a newer one', async () => {
    const a = await accounts.createAccount({ organisationId: 'org-1', username: 'dr-e', password: PASSWORD, roles: ['clinician'] });
    const { token } = await accounts.login('dr-e', PASSWORD);
    const first = await accounts.issuePasswordLink(a.id);
    await expect(accounts.authenticate(token)).rejects.toThrow();
    await expect(accounts.login('dr-e', PASSWORD)).rejects.toThrow('wrong username or password');
    const second = await accounts.issuePasswordLink(a.id);
    await expect(accounts.redeemPasswordLink(first.token, 'a-new-password-1')).rejects.toThrow();
    clock.t += 73 * 3_600_000;
    await expect(accounts.redeemPasswordLink(second.token, 'a-new-password-2')).rejects.toThrow(/no longer valid/);
  });
});
