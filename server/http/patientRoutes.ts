import express, { type RequestHandler, type Response } from 'express';
import {
  type HierarchyItem,
  HierarchyRatingBody,
  type PatientDetail,
  PatientProfileBody,
  type PatientView,
  SessionPlanQuery,
} from '../../contract';
import { hierarchyOrder, rateableItems } from '../../protocols/hierarchy';
import type { Protocol } from '../../protocols/schema';
import { findPersonalisation, sceneManifests } from '../../scenes/manifests';
import { personalisationProblem } from '../../scenes/personalisation';
import type { AccessEvent } from '../access/accessLog';
import { planSession, profileView } from '../sessions/sessionPlan';
import type { CueHierarchyRatingTable } from '../store/schema';
import type { PatientRecord, Store } from '../store/store';
import { type Authed, body, parseQuery, send } from './guards';

// Before the session: the patient page (profile, screening flags, personalisation, cue hierarchy,
// session history) and the plan of a session about to start. Clinicians of the patient's organisation only.

export interface PatientRouteDeps {
  store: Store;
  protocols: Map<string, Protocol>;
  now: () => number;
  clinician: RequestHandler;
  ownPatient(req: Authed, res: Response): Promise<PatientRecord | undefined>;
  logRead(req: Authed, e: AccessEvent): Promise<void>;
  patientView(p: PatientRecord): PatientView;
}

const RATEABLE = new Set(rateableItems(sceneManifests).map((i) => `${i.sceneId}/${i.level}`));

export function patientRoutes(deps: PatientRouteDeps) {
  const { store, protocols, clinician, ownPatient, logRead } = deps;
  const router = express.Router();

  const usernames = async (ids: string[]) => {
    const names = new Map<string, string>();
    for (const id of new Set(ids)) names.set(id, (await store.findAccount(id))?.username ?? id);
    return names;
  };
  const itemOf = (r: CueHierarchyRatingTable, names: Map<string, string>): HierarchyItem => ({
    sceneId: r.scene_id,
    level: r.level,
    value: r.value,
    ratingId: r.id,
    ratedAt: r.rated_at,
    ratedBy: names.get(r.rated_by) ?? r.rated_by,
  });

  router.get('/patients/:id', clinician, async (req: Authed, res) => {
    const patient = await ownPatient(req, res);
    if (!patient) return;
    const [profile, ratings, sessions] = await Promise.all([store.findProfile(patient.id), store.listHierarchyRatings(patient.id), store.listPatientSessions(patient.id)]);
    const names = await usernames(ratings.map((r) => r.rated_by));
    await logRead(req, { action: 'patient.read', patientId: patient.id, detail: 'page' });
    const detail: PatientDetail = {
      patient: deps.patientView(patient),
      profile: profileView(profile),
      hierarchy: hierarchyOrder(ratings.map((r) => ({ id: r.id, sceneId: r.scene_id, level: r.level, value: r.value, ratedAt: r.rated_at, ratedBy: names.get(r.rated_by)! }))),
      sessions: sessions.map((s) => ({
        id: s.id,
        protocolId: s.protocol?.id ?? null,
        protocolTitle: s.protocol?.title ?? null,
        status: s.status,
        createdAt: s.createdAt,
        endedAt: s.endedAt,
      })),
    };
    res.set('Cache-Control', 'no-store').json(detail);
  });

  router.put('/patients/:id/profile', clinician, body(PatientProfileBody), async (req: Authed, res) => {
    const b = req.body as PatientProfileBody;
    // Only what the scene library declares, with allowed values: the runtime would refuse anything else.
    const issues = Object.entries(b.personalisation).flatMap(([id, value]) => {
      const declaration = findPersonalisation(id);
      const problem = declaration ? personalisationProblem(declaration, value) : 'no scene declares this personalisation';
      return problem ? [{ path: `personalisation.${id}`, message: problem }] : [];
    });
    // A day ahead allows for the clinic's time zone against the server's UTC date.
    if (b.abstinentSince && b.abstinentSince > new Date(deps.now() + 86_400_000).toISOString().slice(0, 10)) {
      issues.push({ path: 'abstinentSince', message: 'expected a date that is not in the future' });
    }
    if (issues.length) return send(res, 400, { code: 'invalid_payload', message: 'invalid profile', issues });
    const patient = await ownPatient(req, res);
    if (!patient) return;
    const row = {
      patient_id: patient.id,
      organisation_id: patient.organisationId,
      abstinent_since: b.abstinentSince,
      programme: b.programme || null,
      substances: JSON.stringify(b.substances),
      flags: JSON.stringify(b.flags),
      personalisation: JSON.stringify(b.personalisation),
      updated_at: deps.now(),
      updated_by: req.principal!.account.id,
    };
    await store.putProfile(row);
    res.set('Cache-Control', 'no-store').json(profileView(row));
  });

  router.post('/patients/:id/hierarchy', clinician, body(HierarchyRatingBody), async (req: Authed, res) => {
    const b = req.body as HierarchyRatingBody;
    if (!RATEABLE.has(`${b.sceneId}/${b.level}`)) {
      return send(res, 400, {
        code: 'invalid_payload',
        message: 'not a cue situation of the library',
        issues: [{ path: 'sceneId', message: `expected levels 1–4 of a cue scene, not ${b.sceneId} level ${b.level}` }],
      });
    }
    const patient = await ownPatient(req, res);
    if (!patient) return;
    const { stored, duplicate } = await store.addHierarchyRating({
      id: b.id,
      patient_id: patient.id,
      organisation_id: patient.organisationId,
      scene_id: b.sceneId,
      level: b.level,
      value: b.value,
      rated_by: req.principal!.account.id,
      rated_at: deps.now(),
    });
    // A retry gets the first acknowledgement; the same id for something else is refused.
    const same = stored.patient_id === patient.id && stored.scene_id === b.sceneId && stored.level === b.level && stored.value === b.value;
    if (!same) return send(res, 409, { code: 'conflict', message: 'this write id was already used for another rating' });
    res.status(duplicate ? 200 : 201).json(itemOf(stored, await usernames([stored.rated_by])));
  });

  router.get('/patients/:id/session-plan', clinician, async (req: Authed, res) => {
    const query = parseQuery(SessionPlanQuery, req, res, 'expected ?protocolId=<protocol id> (or none, for a session steered by hand)');
    if (!query) return;
    const patient = await ownPatient(req, res);
    if (!patient) return;
    const protocol = query.protocolId ? protocols.get(query.protocolId) : null;
    if (protocol === undefined) return send(res, 404, { code: 'not_found', message: `no valid protocol "${query.protocolId}"` });
    const { plan } = await planSession(store, patient, protocol);
    await logRead(req, { action: 'patient.read', patientId: patient.id, protocolId: protocol?.id ?? null, detail: 'session-plan' });
    res.set('Cache-Control', 'no-store').json(plan);
  });

  return router;
}
