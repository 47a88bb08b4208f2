import express, { type RequestHandler, type Response } from 'express';
import { IdParams, issuesOf, type ProgressPoint, type SessionSummary } from '../../contract';
import { findScene } from '../../scenes/manifests';
import type { AccessEvent } from '../access/accessLog';
import { progressPoint, summarise } from '../report/summary';
import type { PatientRecord, SessionRecord, Store } from '../store/store';
import { type Authed, send } from './guards';

// GET /api/sessions/:id/summary and GET /api/patients/:id/progress: read-only views for the
// clinician of the patient's organisation, each read recorded in the access log before it is sent.

export interface ReportRouteDeps {
  store: Store;
  signedIn: RequestHandler;
  ownSession: (req: Authed, res: Response) => Promise<SessionRecord | undefined>;
  ownPatient: (req: Authed, res: Response) => Promise<PatientRecord | undefined>;
  logRead: (req: Authed, e: AccessEvent) => Promise<void>;
}

/** The `:id` parameter, validated like a body. */
const validId: RequestHandler = (req, res, next) => {
  const parsed = IdParams.safeParse(req.params);
  if (!parsed.success) return send(res, 400, { code: 'invalid_payload', message: 'invalid id in the address', issues: issuesOf(parsed.error) });
  next();
};

async function summaryOf(store: Store, s: SessionRecord): Promise<SessionSummary> {
  const [log, ratings] = await Promise.all([store.listLog(s.id), store.listRatings(s.id)]);
  return summarise({
    session: { id: s.id, patientId: s.patientId, patientCode: s.patientCode, status: s.status, createdAt: s.createdAt, endedAt: s.endedAt },
    protocol: s.protocol,
    log,
    ratings,
    findScene,
  });
}

export function reportRoutes(deps: ReportRouteDeps) {
  const router = express.Router();

  router.get('/sessions/:id/summary', deps.signedIn, validId, async (req: Authed, res) => {
    const s = await deps.ownSession(req, res);
    if (!s) return;
    const summary = await summaryOf(deps.store, s);
    await deps.logRead(req, { action: 'session.summary', sessionId: s.id, patientId: s.patientId });
    res.set('Cache-Control', 'no-store').json(summary);
  });

  router.get('/patients/:id/progress', deps.signedIn, validId, async (req: Authed, res) => {
    const patient = await deps.ownPatient(req, res);
    if (!patient) return;
    const sessions = (await deps.store.listSessions(patient.organisationId)).filter((s) => s.patientId === patient.id);
    const points: ProgressPoint[] = [];
    for (const s of sessions.sort((a, b) => a.createdAt - b.createdAt)) points.push(progressPoint(await summaryOf(deps.store, s)));
    await deps.logRead(req, { action: 'patient.progress', patientId: patient.id, detail: `sessions=${points.length}` });
    res.set('Cache-Control', 'no-store').json(points);
  });
  return router;
}
