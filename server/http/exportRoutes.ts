import { randomBytes } from 'node:crypto';
import express, { type Request, type RequestHandler, type Response } from 'express';
import { type ErrorBody, ExportQuery, issuesOf } from '../../contract';
import type { Principal } from '../auth/accounts';
import { exportInput } from '../export/input';
import { type ExportOptions, prepareExport, sessionFile } from '../export/sessionExport';
import type { SessionRecord, Store } from '../store/store';

// GET /api/sessions/:id/export?format=csv|json|fhir[&table=ratings|events|instruments][&deidentify=true]
// Same sign-in and organisation check as the other session routes; reading changes nothing.

type Authed = Request & { principal?: Principal };

export interface ExportRouteDeps {
  store: Store;
  now: () => number;
  /** The sign-in guard of the API (sets req.principal, answers 401/403). */
  signedIn: RequestHandler;
  /** The session if it belongs to the principal's organisation, else answers 404/403 and gives undefined. */
  ownSession: (req: Authed, res: Response) => Promise<SessionRecord | undefined>;
}

/**
 * Who gets what. A clinician chooses; an account without the clinician role (a future researcher
 * role, once its guard lets it in) only ever gets de-identified exports. A fresh random key per
 * request: study ids and date shifts cannot be recovered, nor linked across requests.
 */
export function exportOptions(principal: Principal, deidentifyAsked: boolean): ExportOptions {
  const identifiedAllowed = principal.account.roles.includes('clinician');
  return { deidentify: deidentifyAsked || !identifiedAllowed ? { key: randomBytes(32).toString('hex') } : null };
}

export function exportRoutes(deps: ExportRouteDeps) {
  const router = express.Router();
  const send = (res: Response, status: number, error: ErrorBody) => res.status(status).json({ error });

  router.get('/sessions/:id/export', deps.signedIn, async (req: Authed, res: Response) => {
    const query = ExportQuery.safeParse(req.query);
    if (!query.success) {
      return send(res, 400, { code: 'invalid_payload', message: 'invalid export query: expected format=csv|json|fhir, for csv optionally table=ratings|events|instruments, and optionally deidentify=true', issues: issuesOf(query.error) });
    }
    const session = await deps.ownSession(req, res);
    if (!session) return;
    const q = query.data;
    const input = exportInput(session, await deps.store.listLog(session.id), await deps.store.listRatings(session.id));
    const prepared = prepareExport(input, exportOptions(req.principal!, q.deidentify === 'true'));
    const file = sessionFile(prepared, q.format, q.table ?? 'ratings', deps.now());
    res.attachment(file.filename);
    // Set as is and sent as bytes, so express keeps FHIR's `fhirVersion` parameter as written.
    res.set({ 'Content-Type': file.contentType, 'Cache-Control': 'no-store' });
    res.send(Buffer.from(file.body, 'utf8'));
  });
  return router;
}
