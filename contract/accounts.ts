import { z } from 'zod';
import { Password, Role, Username } from './auth';

// The administrator's API over the accounts of their own organisation (/api/admin/accounts…).

/** One or more roles, each once; kept in a stable order. */
export const Roles = z
  .array(Role, { error: 'expected a list of roles: admin, clinician, researcher' })
  .min(1, 'expected at least one role')
  .max(3)
  .refine((r) => new Set(r).size === r.length, 'expected each role once')
  .transform((r) => Role.options.filter((o) => r.includes(o)));

/** Without a password, the server issues a one-time invitation link for the person to choose theirs. */
export const CreateAccountBody = z.object({ username: Username, roles: Roles, password: Password.optional() }).strict();
export const UpdateRolesBody = z.object({ roles: Roles }).strict();
export const SetDisabledBody = z.object({ disabled: z.boolean({ error: 'expected disabled: true or false' }) }).strict();
/** Without a password, the server issues a one-time reset link. Either way, every sign-in of the account ends. */
export const ResetPasswordBody = z.object({ password: Password.optional() }).strict();

export interface AdminAccountView {
  id: string;
  username: string;
  roles: Role[];
  disabled: boolean;
  /** false until an invited person has chosen their password. */
  passwordSet: boolean;
  createdAt: number;
}

/** A one-time link for the person: `/console/#invite=<token>`, valid until `expiresAt`. Shown once. */
export interface IssuedLink {
  token: string;
  path: string;
  expiresAt: number;
}

export interface AccountChange {
  account: AdminAccountView;
  link: IssuedLink | null;
}
