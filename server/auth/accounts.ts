import type { AccountView, IssuedLink, LoginResponse, Role } from '../../contract';
import type { AccountRecord, Store } from '../store/store';
import { hashPassword, verifyPassword } from './passwords';
import { hashToken, newId, newToken } from './tokens';

/** A clinic day: a morning sign-in lasts until the evening, never overnight. */
export const SIGN_IN_TTL_MS = 12 * 60 * 60 * 1000;
/**
 * A sign-in unused this long ends (a console left open on a shared workstation). Longer than any
 * session: the console's commands and watches count as use, and emergency stop never needs a sign-in.
 */
export const IDLE_TIMEOUT_MS = 90 * 60 * 1000;
const SETUP_TOKEN_TTL_MS = 7 * 24 * 60 * 60 * 1000;
const LINK_TTL_MS = 72 * 60 * 60 * 1000;

export interface Principal {
  account: AccountView;
  tokenHash: string;
}

export class AuthError extends Error {
  constructor(
    readonly code: 'unauthenticated' | 'forbidden',
    message: string,
  ) {
    super(message);
  }
}

/** What ended: one sign-in (sign-out), or every sign-in of an account (disabled, roles or password changed). */
export type Revocation = { tokenHash: string } | { accountId: string };

export function viewOf(a: AccountRecord): AccountView {
  return { id: a.id, username: a.username, organisationId: a.organisationId, roles: a.roles };
}

/** Accounts, sign-in tokens, one-time links (setup, invitation, reset) and their revocation. */
export class Accounts {
  /** When each sign-in was last used. In memory: after a restart every sign-in gets a fresh idle period. */
  private readonly lastUsed = new Map<string, number>();
  private readonly revokedListeners: ((r: Revocation) => void)[] = [];

  constructor(
    private readonly store: Store,
    private readonly now: () => number,
  ) {}

  /** Live connections of a revoked sign-in are closed by whoever listens (the socket server). */
  onRevoked(listener: (r: Revocation) => void): void {
    this.revokedListeners.push(listener);
  }

  private revoked(r: Revocation): void {
    if ('tokenHash' in r) this.lastUsed.delete(r.tokenHash);
    for (const l of this.revokedListeners) l(r);
  }

  /** On a fresh database: a one-time setup token for the administrator. Nothing is hard-coded. */
  async setupTokenIfNeeded(): Promise<string | null> {
    if ((await this.store.countAccounts()) > 0) return null;
    const at = this.now();
    await this.store.revokeSetupTokens(at);
    const { token, hash } = newToken();
    await this.store.createToken(hash, { kind: 'setup', accountId: null, sessionId: null, expiresAt: at + SETUP_TOKEN_TTL_MS }, at);
    return token;
  }

  /** Spends the setup token: creates the organisation and its first administrator (who is also a clinician). */
  async completeSetup(token: string, username: string, password: string, organisationName = 'Clinic'): Promise<LoginResponse> {
    const t = await this.store.findToken(hashToken(token));
    const at = this.now();
    if (!t || t.kind !== 'setup' || t.revokedAt !== null || t.expiresAt < at || (await this.store.countAccounts()) > 0) {
      throw new AuthError('unauthenticated', 'this setup link is no longer valid');
    }
    const organisationId = newId();
    await this.store.createOrganisation(organisationId, organisationName, at);
    await this.createAccount({ organisationId, username, password, roles: ['admin', 'clinician'] });
    await this.store.revokeSetupTokens(at);
    return this.login(username, password);
  }

  /** Without a password the account has none until the person spends the invitation link returned. */
  async createAccount(a: { organisationId: string; username: string; password?: string; roles: Role[] }): Promise<AccountView> {
    const record: AccountRecord = {
      id: newId(),
      organisationId: a.organisationId,
      username: a.username.toLowerCase(),
      passwordHash: a.password === undefined ? '' : await hashPassword(a.password),
      roles: a.roles,
    };
    await this.store.createAccount(record, this.now());
    return viewOf(record);
  }

  async login(username: string, password: string): Promise<LoginResponse> {
    const account = await this.store.findAccountByUsername(username.toLowerCase());
    // Same work whether or not the account exists or has a password, so timing does not reveal usernames.
    const ok = await verifyPassword(password, account?.passwordHash || DUMMY_HASH);
    if (!account || !account.passwordHash || !ok) throw new AuthError('unauthenticated', 'wrong username or password');
    // Said only to someone who knows the password.
    if (account.disabledAt) throw new AuthError('unauthenticated', 'this account is disabled: ask your administrator');
    const { token, hash } = newToken();
    const at = this.now();
    const expiresAt = at + SIGN_IN_TTL_MS;
    await this.store.createToken(hash, { kind: 'clinician', accountId: account.id, sessionId: null, expiresAt }, at);
    this.lastUsed.set(hash, at);
    return { token, expiresAt, account: viewOf(account) };
  }

  async logout(tokenHash: string): Promise<void> {
    await this.store.revokeToken(tokenHash, this.now());
    this.revoked({ tokenHash });
  }

  /** A person's sign-in: not expired, not revoked, not idle too long, account enabled. Counts as use. */
  async authenticate(token: string): Promise<Principal> {
    const tokenHash = hashToken(token);
    const t = await this.store.findToken(tokenHash);
    const at = this.now();
    if (!t || t.kind !== 'clinician' || t.revokedAt !== null || t.expiresAt < at || !t.accountId) {
      throw new AuthError('unauthenticated', 'sign in again: this sign-in has expired or was revoked');
    }
    const last = this.lastUsed.get(tokenHash);
    if (last !== undefined && at - last > IDLE_TIMEOUT_MS) {
      await this.logout(tokenHash);
      throw new AuthError('unauthenticated', 'sign in again: this sign-in was unused for too long');
    }
    const account = await this.store.findAccount(t.accountId);
    if (!account) throw new AuthError('unauthenticated', 'this account no longer exists');
    if (account.disabledAt) throw new AuthError('unauthenticated', 'this account is disabled: ask your administrator');
    this.lastUsed.set(tokenHash, at);
    if (this.lastUsed.size > 5_000) this.forgetIdle(at);
    return { account: viewOf(account), tokenHash };
  }

  private forgetIdle(at: number): void {
    for (const [hash, last] of this.lastUsed) if (at - last > IDLE_TIMEOUT_MS) this.lastUsed.delete(hash);
  }

  /**
   * A one-time link for the person to choose a password (invitation, or reset by an administrator).
   * The old password stops working at once and every sign-in of the account ends.
   */
  async issuePasswordLink(accountId: string): Promise<IssuedLink> {
    const at = this.now();
    await this.store.setPasswordHash(accountId, '', at);
    this.revoked({ accountId });
    const { token, hash } = newToken();
    const expiresAt = at + LINK_TTL_MS;
    await this.store.createToken(hash, { kind: 'invite', accountId, sessionId: null, expiresAt }, at);
    return { token, path: `/console/#invite=${token}`, expiresAt };
  }

  /** An administrator sets the password; every sign-in and link of the account ends. */
  async setPassword(accountId: string, password: string): Promise<void> {
    await this.store.setPasswordHash(accountId, await hashPassword(password), this.now());
    this.revoked({ accountId });
  }

  /** Spends an invitation or reset link: the person's own password, then signed in. */
  async redeemPasswordLink(token: string, password: string): Promise<LoginResponse> {
    const t = await this.store.findToken(hashToken(token));
    const account = t?.accountId ? await this.store.findAccount(t.accountId) : undefined;
    if (!t || t.kind !== 'invite' || t.revokedAt !== null || t.expiresAt < this.now() || !account || account.disabledAt) {
      throw new AuthError('unauthenticated', 'this link is no longer valid: ask your administrator for a new one');
    }
    await this.setPassword(account.id, password);
    return this.login(account.username, password);
  }

  async setRoles(accountId: string, roles: Role[]): Promise<void> {
    await this.store.setAccountRoles(accountId, roles, this.now());
    this.revoked({ accountId });
  }

  async setDisabled(accountId: string, disabled: boolean): Promise<void> {
    const at = this.now();
    await this.store.setAccountDisabled(accountId, disabled ? at : null, at);
    this.revoked({ accountId });
  }

  /** A device token scoped to one session; revoked by the store when the session ends. */
  async issueDeviceToken(sessionId: string, expiresAt: number): Promise<string> {
    const { token, hash } = newToken();
    await this.store.createToken(hash, { kind: 'device', accountId: null, sessionId, expiresAt }, this.now());
    return token;
  }

  async authenticateDevice(token: string): Promise<{ sessionId: string; tokenHash: string }> {
    const tokenHash = hashToken(token);
    const t = await this.store.findToken(tokenHash);
    if (!t || t.kind !== 'device' || t.revokedAt !== null || t.expiresAt < this.now() || !t.sessionId) {
      throw new AuthError('unauthenticated', 'this headset is no longer paired: pair it again');
    }
    return { sessionId: t.sessionId, tokenHash };
  }
}

// A well-formed hash (N, r, p, salt, key) that no password matches, verified when the username is
// unknown or has no password yet, so those answers take as long as a wrong password.
export const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
