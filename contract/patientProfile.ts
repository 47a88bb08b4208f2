import { z } from 'zod';
import { Level, SceneId, WriteId } from './common';
import type { PatientView, SessionView } from './patients';
import { PersonalisationValues, type ScenePlacement } from './session';

// Before the session: the patient's profile and screening flags, their personal cue hierarchy, and the
// plan of the session about to start (timeline, screening warnings to acknowledge).

/** Screening flags (see docs/DOMAIN §5): each makes some scenes a risk the clinician must weigh. */
export const ScreeningFlag = z.enum(['psychosis', 'cardiac', 'ptsd', 'photosensitive-epilepsy', 'injection-history']);
export type ScreeningFlag = z.infer<typeof ScreeningFlag>;

/** Substances a patient is treated for; the hierarchy shows these scenes first. */
export const ProfileSubstance = z.enum(['alcohol', 'tobacco', 'cannabis', 'cocaine', 'opioids']);
export type ProfileSubstance = z.infer<typeof ProfileSubstance>;

const unique = <T>(a: T[]) => new Set(a).size === a.length;

export const PatientProfileBody = z.object({
  /** Calendar date (YYYY-MM-DD) of the last use, or null when unknown or not abstinent. */
  abstinentSince: z.iso.date({ error: 'expected a date written YYYY-MM-DD' }).nullable(),
  programme: z.string().trim().max(120, 'expected at most 120 characters').nullable(),
  substances: z.array(ProfileSubstance).max(5).refine(unique, 'expected each substance once'),
  flags: z.array(ScreeningFlag).max(5).refine(unique, 'expected each flag once'),
  /** Applied to every new session's first directive (preferred drink, label, time of day…). */
  personalisation: PersonalisationValues,
});
export type PatientProfileBody = z.infer<typeof PatientProfileBody>;

export interface PatientProfileView extends PatientProfileBody {
  /** Null: never saved (the defaults are shown). */
  updatedAt: number | null;
}

export const EMPTY_PROFILE: PatientProfileView = { abstinentSince: null, programme: null, substances: [], flags: [], personalisation: {}, updatedAt: null };

/** How much one cue situation (scene level 1–4) makes the patient want to use, 0–100. */
export const HierarchyRatingBody = z.object({
  /** Client-generated: a retried rating is stored once. */
  id: WriteId,
  sceneId: SceneId,
  level: Level.min(1, 'expected a level from 1 to 4 (level 0 has no substance cue)'),
  value: z.number().int().min(0).max(100),
});
export type HierarchyRatingBody = z.infer<typeof HierarchyRatingBody>;

/** The latest rating of one item; the hierarchy is these in ascending order. */
export interface HierarchyItem extends ScenePlacement {
  ratingId: string;
  value: number;
  ratedAt: number;
  ratedBy: string;
}

export interface PatientSessionRow extends Pick<SessionView, 'id' | 'protocolId' | 'status' | 'createdAt' | 'endedAt'> {
  protocolTitle: { fr: string; en: string } | null;
}

export interface PatientDetail {
  patient: PatientView;
  profile: PatientProfileView;
  hierarchy: HierarchyItem[];
  sessions: PatientSessionRow[];
}

export const SessionPlanQuery = z.object({ protocolId: z.string().regex(/^[a-z0-9-]{1,80}$/).optional() });

/** One row of a protocol's timeline as the console previews it. */
export interface TimelineRow {
  index: number;
  type: 'baseline' | 'exposure' | 'coping' | 'washout';
  /** Where the scene comes from: written in the protocol, this session's context, the patient's hierarchy. */
  source: 'fixed' | 'context' | 'hierarchy';
  sceneId: string | null;
  sceneTitle: { fr: string; en: string } | null;
  level: number;
  levelTitle: { fr: string; en: string } | null;
  minSeconds: number;
  maxSeconds: number;
}

/** A screening flag that concerns scenes the session may show. */
export interface ScreeningWarning {
  flag: ScreeningFlag;
  /** Why (a key under `screening.why_*` in the console strings). */
  why: 'flicker' | 'injection' | 'arousal' | 'conflict';
  scenes: ScenePlacement[];
}

export interface SessionPlan {
  protocol: { id: string; version: number; title: { fr: string; en: string } } | null;
  timeline: TimelineRow[];
  checkItems: { id: string; text: { fr: string; en: string }; blocksIf: 'yes' | 'no' }[];
  warnings: ScreeningWarning[];
  /** Why the session cannot start as planned (e.g. too few hierarchy items), or null. */
  problem: string | null;
}
