import { z } from 'zod';

export const Username = z.string().trim().regex(/^[a-z0-9._-]{3,40}$/i, 'expected 3–40 letters, digits, . _ or -');
export const Password = z.string().min(10, 'expected a password of at least 10 characters').max(200);
/** A one-time secret from a link (setup, invitation, password reset). */
export const LinkToken = z.string().min(20).max(200);

export const SetupBody = z.object({ token: LinkToken, username: Username, password: Password });
export const LoginBody = z.object({ username: Username, password: z.string().min(1).max(200) });
/** Spends an invitation or password-reset link: the account's new password, then signed in. */
export const RedeemLinkBody = z.object({ token: LinkToken, password: Password }).strict();
export type LoginResponse = { token: string; expiresAt: number; account: AccountView };

/**
 * admin: manages the organisation's accounts and research grants; clinician: runs sessions for the
 * organisation's patients; researcher: reads de-identified exports of what they are granted, nothing else.
 */
export const Role = z.enum(['admin', 'clinician', 'researcher']);
export type Role = z.infer<typeof Role>;

export interface AccountView {
  id: string;
  username: string;
  organisationId: string;
  roles: Role[];
}

/** How a socket identifies itself in the Socket.IO handshake (`auth`). */
export const HandshakeAuth = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('clinician'), token: z.string().min(20).max(200) }),
  z.object({ kind: z.literal('device'), token: z.string().min(20).max(200) }),
  z.object({ kind: z.literal('pairing') }),
]);
export type HandshakeAuth = z.infer<typeof HandshakeAuth>;
