import type { AccountView, LoginResponse, Role } from '../../contract';
import type { AccountRecord, Store } from '../store/store';
import { hashPassword, verifyPassword } from './passwords';
import { hashToken, newId, newToken } from './tokens';

const CLINICIAN_TOKEN_TTL_MS = 12 * 60 * 60 * 1000;
const SETUP_TOKEN_TTL_MS = 7 * 24 * 60 * 60 * 1000;

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

export function viewOf(a: AccountRecord): AccountView {
  return { id: a.id, username: a.username, organisationId: a.organisationId, roles: a.roles };
}

/** Accounts, sign-in tokens and the first-start setup link. */
export class Accounts {
  constructor(
    private readonly store: Store,
    private readonly now: () => number,
  ) {}

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

  async createAccount(a: { organisationId: string; username: string; password: string; roles: Role[] }): Promise<AccountView> {
    const record: AccountRecord = {
      id: newId(),
      organisationId: a.organisationId,
      username: a.username.toLowerCase(),
      passwordHash: await hashPassword(a.password),
      roles: a.roles,
    };
    await this.store.createAccount(record, this.now());
    return viewOf(record);
  }

  async login(username: string, password: string): Promise<LoginResponse> {
    const account = await this.store.findAccountByUsername(username.toLowerCase());
    // Same work whether or not the account exists, so timing does not reveal usernames.
    const ok = await verifyPassword(password, account?.passwordHash ?? DUMMY_HASH);
    if (!account || !ok) throw new AuthError('unauthenticated', 'wrong username or password');
    const { token, hash } = newToken();
    const at = this.now();
    const expiresAt = at + CLINICIAN_TOKEN_TTL_MS;
    await this.store.createToken(hash, { kind: 'clinician', accountId: account.id, sessionId: null, expiresAt }, at);
    return { token, expiresAt, account: viewOf(account) };
  }

  async logout(tokenHash: string): Promise<void> {
    await this.store.revokeToken(tokenHash, this.now());
  }

  async authenticate(token: string): Promise<Principal> {
    const tokenHash = hashToken(token);
    const t = await this.store.findToken(tokenHash);
    if (!t || t.kind !== 'clinician' || t.revokedAt !== null || t.expiresAt < this.now() || !t.accountId) {
      throw new AuthError('unauthenticated', 'sign in again: this sign-in has expired or was revoked');
    }
    const account = await this.store.findAccount(t.accountId);
    if (!account) throw new AuthError('unauthenticated', 'this account no longer exists');
    return { account: viewOf(account), tokenHash };
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

// A valid hash of a random password, used when the username is unknown.
const DUMMY_HASH = 'scrypt$32768$8$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
