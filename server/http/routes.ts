import express, { type NextFunction, type Request, type Response } from 'express';
import type { z } from 'zod';
import {
  CreatePatientBody,
  CreateSessionBody,
  type ErrorBody,
  type ProtocolSummary,
  UpdatePatientBody,
  issuesOf,
  LoginBody,
  type PatientView,
  type SessionView,
  SetupBody,
} from '../../contract';
import { sceneManifests } from '../../scenes/manifests';
import { type Accounts, AuthError, type Principal } from '../auth/accounts';
import { newId } from '../auth/tokens';
import type { SessionService } from '../sessions/sessionService';
import type { PatientRecord, SessionRecord, Store } from '../store/store';
import type { Protocol } from '../../protocols/schema';
import { exportRoutes } from './exportRoutes';

type Authed = Request & { principal?: Principal };

function send(res: Response, status: number, error: ErrorBody) {
  res.status(status).json({ error });
}

/** Validates the JSON body at the boundary; a bad body gets 400 with what was expected, and changes nothing. */
function body<S extends z.ZodType>(schema: S) {
  return (req: Request, res: Response, next: NextFunction) => {
    const parsed = schema.safeParse(req.body ?? {});
    if (!parsed.success) return send(res, 400, { code: 'invalid_payload', message: 'invalid request body', issues: issuesOf(parsed.error) });
    req.body = parsed.data;
    next();
  };
}

function sessionView(s: SessionRecord): SessionView {
  return {
    id: s.id,
    patientId: s.patientId,
    patientCode: s.patientCode,
    protocolId: s.protocol?.id ?? null,
    status: s.status,
    createdAt: s.createdAt,
    endedAt: s.endedAt,
  };
}

const patientView = (p: PatientRecord): PatientView => ({ id: p.id, code: p.code, status: p.status, createdAt: p.createdAt });

/** REST routes: sign-in, patients, sessions, and the data the console reads. */
export function apiRoutes(deps: { store: Store; accounts: Accounts; sessions: SessionService; protocols: Map<string, Protocol>; now: () => number }) {
  const { store, accounts, sessions, protocols } = deps;
  const api = express.Router();
  api.use(express.json({ limit: '64kb' }));

  const signedIn = (role: 'clinician' | 'admin') => async (req: Authed, res: Response, next: NextFunction) => {
    const header = req.get('authorization') ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7) : '';
    try {
      req.principal = await accounts.authenticate(token);
    } catch (err) {
      return send(res, 401, { code: 'unauthenticated', message: err instanceof AuthError ? err.message : 'sign in first' });
    }
    if (!req.principal.account.roles.includes(role)) return send(res, 403, { code: 'forbidden', message: `this needs the ${role} role` });
    next();
  };
  const clinician = signedIn('clinician');

  const ownSession = async (req: Authed, res: Response): Promise<SessionRecord | undefined> => {
    const s = await sessions.load(String(req.params.id));
    if (!s) send(res, 404, { code: 'not_found', message: 'no such session' });
    else if (s.organisationId !== req.principal!.account.organisationId) send(res, 403, { code: 'forbidden', message: 'this session belongs to another organisation' });
    else return s;
    return undefined;
  };

  api.post('/setup', body(SetupBody), async (req, res) => {
    const b = req.body as z.infer<typeof SetupBody>;
    try {
      res.status(201).json(await accounts.completeSetup(b.token, b.username, b.password));
    } catch (err) {
      if (err instanceof AuthError) return send(res, 401, { code: err.code, message: err.message });
      throw err;
    }
  });

  api.post('/login', body(LoginBody), async (req, res) => {
    const b = req.body as z.infer<typeof LoginBody>;
    try {
      res.json(await accounts.login(b.username, b.password));
    } catch (err) {
      if (err instanceof AuthError) return send(res, 401, { code: err.code, message: err.message });
      throw err;
    }
  });

  api.post('/logout', clinician, async (req: Authed, res) => {
    await accounts.logout(req.principal!.tokenHash);
    res.status(204).end();
  });

  api.get('/me', clinician, (req: Authed, res) => {
    res.json(req.principal!.account);
  });

  api.get('/scenes', (_req, res) => {
    res.json(sceneManifests);
  });

  api.get('/patients', clinician, async (req: Authed, res) => {
    const list = await store.listPatients(req.principal!.account.organisationId);
    res.json(list.map(patientView));
  });

  api.post('/patients', clinician, body(CreatePatientBody), async (req: Authed, res) => {
    const { code, status } = req.body as z.infer<typeof CreatePatientBody>;
    const organisationId = req.principal!.account.organisationId;
    if ((await store.listPatients(organisationId)).some((p) => p.code.toLowerCase() === code.toLowerCase())) {
      return send(res, 409, { code: 'conflict', message: `a patient with code ${code} already exists` });
    }
    const patient: PatientRecord = { id: newId(), organisationId, code, status, createdAt: deps.now() };
    await store.createPatient(patient);
    res.status(201).json(patientView(patient));
  });

  api.post('/patients/:id/status', clinician, body(UpdatePatientBody), async (req: Authed, res) => {
    const patient = await store.findPatient(String(req.params.id));
    if (!patient || patient.organisationId !== req.principal!.account.organisationId) {
      return send(res, 404, { code: 'not_found', message: 'no such patient in your organisation' });
    }
    const { status } = req.body as z.infer<typeof UpdatePatientBody>;
    await store.setPatientStatus(patient.id, status);
    res.json(patientView({ ...patient, status }));
  });

  api.get('/protocols', clinician, (_req, res) => {
    res.json(
      [...protocols.values()].map((p): ProtocolSummary => ({ id: p.id, version: p.version, title: p.title, substance: p.substance, steps: p.steps.length })),
    );
  });

  api.get('/sessions', clinician, async (req: Authed, res) => {
    res.json((await store.listSessions(req.principal!.account.organisationId)).map(sessionView));
  });

  api.post('/sessions', clinician, body(CreateSessionBody), async (req: Authed, res) => {
    const { patientId, protocolId, activeUseOverride } = req.body as z.infer<typeof CreateSessionBody>;
    const patient = await store.findPatient(patientId);
    if (!patient || patient.organisationId !== req.principal!.account.organisationId) {
      return send(res, 404, { code: 'not_found', message: 'no such patient in your organisation' });
    }
    const protocol = protocolId ? protocols.get(protocolId) : null;
    if (protocol === undefined) return send(res, 404, { code: 'not_found', message: `no valid protocol "${protocolId}"` });
    // Patient status gate: no exposure session for a patient in active use without a written reason.
    if (patient.status === 'active-use' && !activeUseOverride) {
      return send(res, 409, {
        code: 'rejected',
        message: 'the patient is recorded in active use: an exposure session needs a written override reason (activeUseOverride)',
      });
    }
    const s = await sessions.open(patient, req.principal!.account.id, protocol, activeUseOverride ?? null);
    res.status(201).json(sessionView(s));
  });

  api.get('/sessions/:id', clinician, async (req: Authed, res) => {
    const s = await ownSession(req, res);
    if (s) res.json(await sessions.snapshot(s.id));
  });

  api.get('/sessions/:id/log', clinician, async (req: Authed, res) => {
    const s = await ownSession(req, res);
    if (s) res.json(await store.listLog(s.id));
  });

  api.get('/sessions/:id/ratings', clinician, async (req: Authed, res) => {
    const s = await ownSession(req, res);
    if (s) res.json(await store.listRatings(s.id));
  });

  api.use(exportRoutes({ store, now: deps.now, signedIn: clinician, ownSession }));

  api.use((_req, res) => send(res, 404, { code: 'not_found', message: 'no such API route' }));
  return api;
}

/** Malformed JSON and unexpected failures become clear JSON errors, never a stack trace. */
export function errorHandler(log: { error: (o: object, m: string) => void }) {
  return (err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const e = err as { type?: string; status?: number };
    if (e.type === 'entity.parse.failed') return send(res, 400, { code: 'invalid_payload', message: 'the body is not valid JSON' });
    if (e.type === 'entity.too.large') return send(res, 413, { code: 'invalid_payload', message: 'the body is too large' });
    log.error({ err }, 'request failed');
    send(res, 500, { code: 'internal', message: 'the server could not process this; nothing was changed' });
  };
}
