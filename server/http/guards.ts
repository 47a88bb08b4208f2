import type { NextFunction, Request, Response } from 'express';
import type { z } from 'zod';
import { type ErrorBody, issuesOf, type Role } from '../../contract';
import { type Accounts, AuthError, type Principal } from '../auth/accounts';

// What every route shares: clear JSON errors, validation at the boundary, and the sign-in + role guard.

/** A signed-in request: who, and the role the route admitted them in (what the access log records). */
export type Authed = Request & { principal?: Principal; actingRole?: Role };

/** The client's address as the socket sees it (behind a reverse proxy, configure express's trust proxy). */
export const clientAddress = (req: Request): string => req.ip ?? req.socket.remoteAddress ?? 'unknown';

export function send(res: Response, status: number, error: ErrorBody): void {
  res.status(status).json({ error });
}

/** Validates the JSON body; a bad body gets 400 with what was expected at which path, and changes nothing. */
export function body<S extends z.ZodType>(schema: S) {
  return (req: Request, res: Response, next: NextFunction) => {
    const parsed = schema.safeParse(req.body ?? {});
    if (!parsed.success) return send(res, 400, { code: 'invalid_payload', message: 'invalid request body', issues: issuesOf(parsed.error) });
    req.body = parsed.data;
    next();
  };
}

/** The query string, validated like a body; `message` says what the route accepts. */
export function parseQuery<S extends z.ZodType>(schema: S, req: Request, res: Response, message: string): z.infer<S> | undefined {
  const parsed = schema.safeParse(req.query);
  if (parsed.success) return parsed.data;
  send(res, 400, { code: 'invalid_payload', message, issues: issuesOf(parsed.error) });
  return undefined;
}

/**
 * Admits a valid sign-in holding one of `roles` (401 without one, 403 with none of the roles). The
 * acting role is the first of `roles` the account holds, so list the most privileged reading last.
 */
export function signedIn(accounts: Accounts, ...roles: Role[]) {
  return async (req: Authed, res: Response, next: NextFunction) => {
    const header = req.get('authorization') ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7) : '';
    try {
      req.principal = await accounts.authenticate(token);
    } catch (err) {
      return send(res, 401, { code: 'unauthenticated', message: err instanceof AuthError ? err.message : 'sign in first' });
    }
    const acting = roles.find((r) => req.principal!.account.roles.includes(r));
    if (!acting) return send(res, 403, { code: 'forbidden', message: `this needs the ${roles.join(' or ')} role` });
    req.actingRole = acting;
    next();
  };
}
