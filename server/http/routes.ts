import express, { type NextFunction, type Request, type Response } from 'express';
import type { z } from 'zod';
import {
  CreatePatientBody,
  CreateSessionBody,
  PatientIdentityBody,
  type PatientIdentityView,
  type PatientView,
  type ProtocolSummary,
  Role,
  type SessionView,
  UpdatePatientBody,
} from '../../contract';
import { sceneManifests } from '../../scenes/manifests';
import type { Protocol } from '../../protocols/schema';
import type { AccessEvent, AccessLog } from '../access/accessLog';
import type { Accounts } from '../auth/accounts';
import { newId } from '../auth/tokens';
import type { SessionService } from '../sessions/sessionService';
import type { PatientIdentityTable } from '../store/schema';
import type { PatientRecord, SessionRecord, Store } from '../store/store';
import { adminRoutes } from './adminRoutes';
import { authRoutes } from './authRoutes';
import { exportRoutes } from './exportRoutes';
import { reportRoutes } from './reportRoutes';
import { type Authed, body, clientAddress, send, signedIn } from './guards';
import { patientRoutes } from './patientRoutes';
import { planSession } from '../sessions/sessionPlan';
import { studyRoutes } from './studyRoutes';

export interface ApiDeps {
  store: Store;
  accounts: Accounts;
  sessions: SessionService;
  protocols: Map<string, Protocol>;
  accessLog: AccessLog;
  now: () => number;
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

function identityView(patientId: string, row: PatientIdentityTable | undefined): PatientIdentityView {
  return {
    patientId,
    name: row?.name ?? null,
    dateOfBirth: row?.date_of_birth ?? null,
    hospitalRecordNumber: row?.hospital_record_number ?? null,
    phone: row?.phone ?? null,
    updatedAt: row?.updated_at ?? null,
  };
}

/**
 * REST routes. Every route names the roles it admits (tests/integration/access.test.ts holds the
 * matrix, and fails for a route it does not list); organisation checks follow in each handler.
 */
export function apiRoutes(deps: ApiDeps) {
  const { store, accounts, sessions, protocols } = deps;
  const api = express.Router();
  api.use(express.json({ limit: '64kb' }));

  const clinician = signedIn(accounts, 'clinician');
  const anyone = signedIn(accounts, ...Role.options);

  /** One access record per read of patient data, stored before the data leaves. */
  const logRead = (req: Authed, e: AccessEvent) => deps.accessLog.record(req.principal!, req.actingRole!, clientAddress(req), e);

  const ownSession = async (req: Authed, res: Response): Promise<SessionRecord | undefined> => {
    const s = await sessions.load(String(req.params.id));
    if (!s) send(res, 404, { code: 'not_found', message: 'no such session' });
    else if (s.organisationId !== req.principal!.account.organisationId) send(res, 403, { code: 'forbidden', message: 'this session belongs to another organisation' });
    else return s;
    return undefined;
  };

  const ownPatient = async (req: Authed, res: Response): Promise<PatientRecord | undefined> => {
    const patient = await store.findPatient(String(req.params.id));
    if (patient && patient.organisationId === req.principal!.account.organisationId) return patient;
    send(res, 404, { code: 'not_found', message: 'no such patient in your organisation' });
    return undefined;
  };

  api.use(authRoutes({ accounts, now: deps.now }));

  api.get('/scenes', anyone, (_req, res) => {
    res.json(sceneManifests);
  });

  api.get('/protocols', anyone, (_req, res) => {
    res.json(
      [...protocols.values()].map((p): ProtocolSummary => ({ id: p.id, version: p.version, title: p.title, substance: p.substance, steps: p.steps.length })),
    );
  });

  api.get('/patients', clinician, async (req: Authed, res) => {
    const list = await store.listPatients(req.principal!.account.organisationId);
    await logRead(req, { action: 'patients.list', detail: `count=${list.length}` });
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
    const patient = await ownPatient(req, res);
    if (!patient) return;
    const { status } = req.body as z.infer<typeof UpdatePatientBody>;
    await store.setPatientStatus(patient.id, status);
    res.json(patientView({ ...patient, status }));
  });

  // Identity fields live apart: read only here, one patient at a time, and every read is logged.
  api.get('/patients/:id/identity', clinician, async (req: Authed, res) => {
    const patient = await ownPatient(req, res);
    if (!patient) return;
    await logRead(req, { action: 'identity.read', patientId: patient.id });
    res.set('Cache-Control', 'no-store').json(identityView(patient.id, await store.findIdentity(patient.id)));
  });

  api.put('/patients/:id/identity', clinician, body(PatientIdentityBody), async (req: Authed, res) => {
    const patient = await ownPatient(req, res);
    if (!patient) return;
    const b = req.body as z.infer<typeof PatientIdentityBody>;
    const row: PatientIdentityTable = {
      patient_id: patient.id,
      organisation_id: patient.organisationId,
      name: b.name,
      date_of_birth: b.dateOfBirth,
      hospital_record_number: b.hospitalRecordNumber,
      phone: b.phone,
      updated_at: deps.now(),
      updated_by: req.principal!.account.id,
    };
    await store.putIdentity(row);
    await logRead(req, { action: 'identity.write', patientId: patient.id });
    res.set('Cache-Control', 'no-store').json(identityView(patient.id, row));
  });

  api.get('/sessions', clinician, async (req: Authed, res) => {
    const list = await store.listSessions(req.principal!.account.organisationId);
    await logRead(req, { action: 'sessions.list', detail: `count=${list.length}` });
    res.json(list.map(sessionView));
  });

  api.post('/sessions', clinician, body(CreateSessionBody), async (req: Authed, res) => {
    const { patientId, protocolId, activeUseOverride, acknowledgedFlags } = req.body as z.infer<typeof CreateSessionBody>;
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
    // The plan the console previewed: hierarchy items resolved, screening warnings read by the clinician.
    const { plan, hierarchy, personalisation, flags } = await planSession(store, patient, protocol);
    if (plan.problem) return send(res, 409, { code: 'rejected', message: plan.problem });
    const unread = plan.warnings.filter((w) => !acknowledgedFlags.includes(w.flag)).map((w) => w.flag);
    if (unread.length) {
      return send(res, 409, {
        code: 'rejected',
        message: `the patient's screening flags concern scenes of this session: acknowledge the warnings first (acknowledgedFlags: ${unread.join(', ')})`,
      });
    }
    const screening = { flags, acknowledged: plan.warnings.map((w) => w.flag) };
    const s = await sessions.open(patient, req.principal!.account.id, protocol, activeUseOverride ?? null, { hierarchy, personalisation, screening });
    res.status(201).json(sessionView(s));
  });

  api.get('/sessions/:id', clinician, async (req: Authed, res) => {
    const s = await ownSession(req, res);
    if (!s) return;
    await logRead(req, { action: 'session.snapshot', sessionId: s.id, patientId: s.patientId });
    res.json(await sessions.snapshot(s.id));
  });

  api.get('/sessions/:id/log', clinician, async (req: Authed, res) => {
    const s = await ownSession(req, res);
    if (!s) return;
    await logRead(req, { action: 'session.log', sessionId: s.id, patientId: s.patientId });
    res.json(await store.listLog(s.id));
  });

  api.get('/sessions/:id/ratings', clinician, async (req: Authed, res) => {
    const s = await ownSession(req, res);
    if (!s) return;
    await logRead(req, { action: 'session.ratings', sessionId: s.id, patientId: s.patientId });
    res.json(await store.listRatings(s.id));
  });

  api.use(patientRoutes({ store, protocols, now: deps.now, clinician, ownPatient, logRead, patientView }));
  api.use(exportRoutes({ store, now: deps.now, signedIn: clinician, ownSession, logRead }));
  api.use(reportRoutes({ store, signedIn: clinician, ownSession, ownPatient, logRead }));
  api.use(studyRoutes({ ...deps, logRead }));
  api.use(adminRoutes({ ...deps, logRead }));

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
