import { EMPTY_PROFILE, type PatientProfileView, type ScenePlacement, type ScreeningFlag, type SessionPlan } from '../../contract';
import { hierarchyOrder, resolveHierarchy } from '../../protocols/hierarchy';
import { contextFor } from '../../protocols/runtime/runtime';
import { DEFAULT_PRE_SESSION_CHECK, type Protocol } from '../../protocols/schema';
import { plannedPlacements, protocolTimeline } from '../../protocols/timeline';
import { findPersonalisation, findScene, sceneManifests } from '../../scenes/manifests';
import { personalisationProblem } from '../../scenes/personalisation';
import { screeningWarnings } from '../../scenes/screening';
import type { PatientProfileTable } from '../store/schema';
import type { PatientRecord, Store } from '../store/store';

// What a new session of `protocol` would be for this patient: loaded here, decided by pure functions
// (hierarchy resolution, timeline, screening warnings). The console previews it; POST /sessions
// starts from the same plan, so what was previewed and acknowledged is what runs.

export interface PlannedSession {
  plan: SessionPlan;
  /** Items for the protocol's `scene: hierarchy` steps, in order. */
  hierarchy: ScenePlacement[];
  /** The patient's saved personalisation that today's scene library still declares. */
  personalisation: Record<string, string>;
  /** The patient's screening flags, all of them (the session screen warns of scenes chosen by hand). */
  flags: ScreeningFlag[];
}

export function profileView(row: PatientProfileTable | undefined): PatientProfileView {
  if (!row) return EMPTY_PROFILE;
  return {
    abstinentSince: row.abstinent_since,
    programme: row.programme,
    substances: JSON.parse(row.substances) as PatientProfileView['substances'],
    flags: JSON.parse(row.flags) as PatientProfileView['flags'],
    personalisation: JSON.parse(row.personalisation) as PatientProfileView['personalisation'],
    updatedAt: row.updated_at,
  };
}

/** Steered by hand, any scene level may be shown. */
const EVERY_LEVEL = sceneManifests.flatMap((m) => m.levels.map((l) => ({ sceneId: m.id, level: l.level })));

export async function planSession(store: Store, patient: PatientRecord, protocol: Protocol | null): Promise<PlannedSession> {
  const [profile, ratings, sessionIndex] = await Promise.all([
    store.findProfile(patient.id).then(profileView),
    store.listHierarchyRatings(patient.id),
    store.countPatientSessions(patient.id),
  ]);
  const personalisation = Object.fromEntries(
    Object.entries(profile.personalisation).filter(([id, value]) => {
      const declaration = findPersonalisation(id);
      return declaration && personalisationProblem(declaration, value) === null;
    }),
  );
  if (!protocol) {
    return {
      plan: { protocol: null, timeline: [], checkItems: DEFAULT_PRE_SESSION_CHECK, warnings: screeningWarnings(profile.flags, EVERY_LEVEL, findScene), problem: null },
      hierarchy: [],
      personalisation,
      flags: profile.flags,
    };
  }
  const items = hierarchyOrder(ratings.map((r) => ({ id: r.id, sceneId: r.scene_id, level: r.level, value: r.value, ratedAt: r.rated_at, ratedBy: r.rated_by })));
  const resolved = resolveHierarchy(protocol, items, findScene);
  const hierarchy = resolved.ok ? resolved.placements : [];
  const timeline = protocolTimeline(protocol, { context: contextFor(protocol, sessionIndex), hierarchy }, findScene);
  return {
    plan: {
      protocol: { id: protocol.id, version: protocol.version, title: protocol.title },
      timeline,
      checkItems: protocol.preSessionCheck,
      warnings: screeningWarnings(profile.flags, plannedPlacements(protocol, timeline), findScene),
      problem: resolved.ok ? null : resolved.message,
    },
    hierarchy,
    personalisation,
    flags: profile.flags,
  };
}
