import express, { type Request, type Response } from 'express';
import type { z } from 'zod';
import { LoginBody, RedeemLinkBody, Role, SetupBody } from '../../contract';
import { type Accounts, AuthError } from '../auth/accounts';
import { FailureLimiter, type FailureRule } from '../auth/rateLimit';
import { type Authed, body, clientAddress, send, signedIn } from './guards';

// Sign-in, sign-out, and the one-time links (first-start setup, invitation, password reset).
// Guessing is slowed down: failed attempts are counted per username and per client address, and a
// limit reached answers 429 with Retry-After before any password is even checked.

const WINDOW_MS = 15 * 60 * 1000;
export const LOGIN_LIMITS = {
  /** Guessing one person's password, from anywhere. */
  username: { failures: 5, windowMs: WINDOW_MS },
  /** One machine trying many usernames; higher, as a clinic's staff may share one address. */
  address: { failures: 30, windowMs: WINDOW_MS },
  /** Guessing setup, invitation or reset links. */
  link: { failures: 10, windowMs: WINDOW_MS },
} satisfies Record<string, FailureRule>;

function tooMany(res: Response, retryAfterMs: number, what: string): void {
  const seconds = Math.ceil(retryAfterMs / 1000);
  const minutes = Math.ceil(seconds / 60);
  res.set('Retry-After', String(seconds));
  send(res, 429, { code: 'rate_limited', message: `too many failed ${what}: try again in ${minutes} minute${minutes > 1 ? 's' : ''}` });
}

export function authRoutes(deps: { accounts: Accounts; now: () => number }) {
  const { accounts } = deps;
  const router = express.Router();
  const byUsername = new FailureLimiter(LOGIN_LIMITS.username, deps.now);
  const byAddress = new FailureLimiter(LOGIN_LIMITS.address, deps.now);
  const links = new FailureLimiter(LOGIN_LIMITS.link, deps.now);

  /** Runs a link's redemption under the link limiter: only an invalid link counts as a failure. */
  const withLinkLimit = async (req: Request, res: Response, redeem: () => Promise<unknown>) => {
    const address = clientAddress(req);
    const wait = links.retryAfterMs(address);
    if (wait > 0) return tooMany(res, wait, 'link attempts from this address');
    try {
      res.status(201).json(await redeem());
    } catch (err) {
      if (!(err instanceof AuthError)) throw err;
      links.fail(address);
      send(res, 401, { code: err.code, message: err.message });
    }
  };

  router.post('/setup', body(SetupBody), async (req, res) => {
    const b = req.body as z.infer<typeof SetupBody>;
    await withLinkLimit(req, res, () => accounts.completeSetup(b.token, b.username, b.password));
  });

  router.post('/password', body(RedeemLinkBody), async (req, res) => {
    const b = req.body as z.infer<typeof RedeemLinkBody>;
    await withLinkLimit(req, res, () => accounts.redeemPasswordLink(b.token, b.password));
  });

  router.post('/login', body(LoginBody), async (req, res) => {
    const b = req.body as z.infer<typeof LoginBody>;
    const username = b.username.toLowerCase();
    const address = clientAddress(req);
    const forUser = byUsername.retryAfterMs(username);
    if (forUser > 0) return tooMany(res, forUser, 'sign-ins for this username');
    const forAddress = byAddress.retryAfterMs(address);
    if (forAddress > 0) return tooMany(res, forAddress, 'sign-ins from this address');
    try {
      const signedIn = await accounts.login(username, b.password);
      // The address's count is not reset: one good password must not buy more guesses at others.
      byUsername.reset(username);
      res.json(signedIn);
    } catch (err) {
      if (!(err instanceof AuthError)) throw err;
      byUsername.fail(username);
      byAddress.fail(address);
      send(res, 401, { code: err.code, message: err.message });
    }
  });

  const anyone = signedIn(accounts, ...Role.options);

  router.post('/logout', anyone, async (req: Authed, res) => {
    await accounts.logout(req.principal!.tokenHash);
    res.status(204).end();
  });

  router.get('/me', anyone, (req: Authed, res) => {
    res.json(req.principal!.account);
  });

  return router;
}
