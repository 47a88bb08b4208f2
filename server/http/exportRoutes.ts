import express, { type RequestHandler, type Response } from 'express';
import { ExportQuery } from '../../contract';
import type { AccessEvent } from '../access/accessLog';
import { studyKey } from '../access/studies';
import type { Principal } from '../auth/accounts';
import { exportInput } from '../export/input';
import { prepareExport, sessionFile } from '../export/sessionExport';
import type { SessionRecord, Store } from '../store/store';
import { type Authed, parseQuery } from './guards';

// GET /api/sessions/:id/export?format=csv|json|fhir[&table=ratings|events|instruments][&deidentify=true]
// Same sign-in and organisation check as the other session routes; reading changes nothing but the
// access log.

export interface ExportRouteDeps {
  store: Store;
  now: () => number;
  /** The sign-in guard of the API (sets req.principal, answers 401/403). */
  signedIn: RequestHandler;
  /** The session if it belongs to the principal's organisation, else answers 404/403 and gives undefined. */
  ownSession: (req: Authed, res: Response) => Promise<SessionRecord | undefined>;
  logRead: (req: Authed, e: AccessEvent) => Promise<void>;
}

/** A clinician chooses; anyone else only ever gets de-identified data, whatever they ask. */
export function mustDeidentify(principal: Principal, deidentifyAsked: boolean): boolean {
  return deidentifyAsked || !principal.account.roles.includes('clinician');
}

/** Sends a file the export builders made, as bytes, so express keeps FHIR's `fhirVersion` parameter as written. */
export function sendFile(res: Response, file: { filename: string; contentType: string; body: string | Buffer }): void {
  res.attachment(file.filename);
  res.set({ 'Content-Type': file.contentType, 'Cache-Control': 'no-store' });
  res.send(typeof file.body === 'string' ? Buffer.from(file.body, 'utf8') : file.body);
}

export function exportRoutes(deps: ExportRouteDeps) {
  const router = express.Router();

  router.get('/sessions/:id/export', deps.signedIn, async (req: Authed, res: Response) => {
    const q = parseQuery(
      ExportQuery,
      req,
      res,
      'invalid export query: expected format=csv|json|fhir, for csv optionally table=ratings|events|instruments, and optionally deidentify=true',
    );
    if (!q) return;
    const session = await deps.ownSession(req, res);
    if (!session) return;
    const deidentified = mustDeidentify(req.principal!, q.deidentify === 'true');
    // The study's stored key: the same study ids and date shifts as every other export of this study.
    const key = deidentified ? await studyKey(deps.store, session.organisationId, session.protocol?.id ?? null, deps.now()) : null;
    const input = exportInput(session, await deps.store.listLog(session.id), await deps.store.listRatings(session.id));
    const file = sessionFile(prepareExport(input, { deidentify: key ? { key } : null }), q.format, q.table ?? 'ratings', deps.now());
    await deps.logRead(req, {
      action: 'session.export',
      sessionId: session.id,
      patientId: session.patientId,
      protocolId: session.protocol?.id ?? null,
      detail: exportDetail(q.format, q.table, deidentified),
    });
    sendFile(res, file);
  });
  return router;
}

export const exportDetail = (format: string, table: string | undefined, deidentified: boolean) =>
  [`format=${format}`, table ? `table=${table}` : null, deidentified ? 'deidentified' : 'identified'].filter(Boolean).join(' ');
