import { z } from 'zod';
import { EntityId, Level, SceneId, WriteId } from './common';
import { RatingScale } from './rating';

/** How the patient takes part: seated (the scene's eye height is set to a seated patient's) or standing. */
export const Posture = z.enum(['seated', 'standing']);
export type Posture = z.infer<typeof Posture>;

/**
 * Per-patient scene choices by personalisation id (e.g. `preferred-drink: wine`); each scene honours the
 * ids its manifest declares, and the server checks every value against those declarations.
 */
export const PersonalisationValues = z
  .record(z.string().regex(/^[a-z0-9-]{1,40}$/, 'expected a personalisation id'), z.string().max(40))
  .refine((v) => Object.keys(v).length <= 20, 'expected at most 20 personalisation values');
export type PersonalisationValues = z.infer<typeof PersonalisationValues>;

/** What the clinician can ask of a live session. Each is a durable, idempotent write. */
export const ClinicianCommand = z.discriminatedUnion('type', [
  z.object({ type: z.literal('setScene'), sceneId: SceneId, level: Level }),
  z.object({ type: z.literal('setLevel'), level: Level }),
  z.object({ type: z.literal('requestRating'), scale: RatingScale.default('vas') }),
  z.object({
    type: z.literal('spokenRating'),
    scale: RatingScale,
    value: z.number().int().min(0).max(100),
  }),
  /**
   * Corrects a recorded rating (e.g. a mistyped spoken one). Appends a `rating.corrected` record; the
   * original rating is never changed. `ratingId` is the rating's id (the write id that recorded it).
   */
  z.object({
    type: z.literal('correctRating'),
    ratingId: WriteId,
    value: z.number().int().min(0).max(100),
    reason: z.string().trim().min(3, 'expected the reason for the correction').max(2000),
  }),
  z.object({ type: z.literal('emergencyStop') }),
  z.object({ type: z.literal('resume') }),
  z.object({ type: z.literal('end') }),
  /** Answers to the pre-session check, by item id. */
  z.object({ type: z.literal('preCheck'), answers: z.record(z.string().max(64), z.enum(['yes', 'no'])) }),
  z.object({ type: z.literal('advance') }),
  z.object({ type: z.literal('hold'), on: z.boolean() }),
  z.object({ type: z.literal('stepBack') }),
  z.object({ type: z.literal('fireEvent'), eventId: z.string().regex(/^[a-z0-9-]{1,64}$/) }),
  z.object({ type: z.literal('setPosture'), posture: Posture }),
  /** Re-aligns the scene with the patient's head: eye height (seated) and facing direction. */
  z.object({ type: z.literal('recenter') }),
  z.object({ type: z.literal('personalise'), values: PersonalisationValues }),
  /** A clinician decision against a safety rule, always with a written reason (logged). */
  z.object({
    type: z.literal('override'),
    target: z.enum(['close', 'patientActiveUse']),
    reason: z.string().trim().min(10, 'expected a written reason of at least 10 characters').max(2000),
  }),
  /** A timestamped clinician note, appended to the session log. */
  z.object({ type: z.literal('note'), text: z.string().trim().min(1, 'expected the note text').max(2000) }),
  /** Go to the protocol's wash-out step now (confirms a wash-out proposal). */
  z.object({ type: z.literal('washout') }),
  /**
   * Declines what the runtime proposes next (`kind` must be the current proposal), with a written reason;
   * logged with the proposal it overrides. Declining an advance holds the step.
   */
  z.object({
    type: z.literal('overrideProposal'),
    kind: z.enum(['advance', 'hold', 'washout', 'stepBack']),
    reason: z.string().trim().min(10, 'expected a written reason of at least 10 characters').max(2000),
  }),
]);
export type ClinicianCommand = z.infer<typeof ClinicianCommand>;

export const CommandRequest = z.object({ id: WriteId, sessionId: EntityId, command: ClinicianCommand });
export type CommandRequest = z.infer<typeof CommandRequest>;

export const WatchRequest = z.object({ sessionId: EntityId });
export type WatchRequest = z.infer<typeof WatchRequest>;

export const PairRequest = z.object({
  id: WriteId,
  sessionId: EntityId,
  code: z
    .string()
    .transform((s) => s.trim().toUpperCase())
    .pipe(z.string().regex(/^[A-HJ-NP-Z2-9]{6}$/, 'expected the 6-character code shown on the headset')),
});
export type PairRequest = z.infer<typeof PairRequest>;

export const ScenePlacement = z.object({ sceneId: SceneId, level: Level });
export type ScenePlacement = z.infer<typeof ScenePlacement>;

export const SessionStatus = z.enum(['open', 'ended']);
export type SessionStatus = z.infer<typeof SessionStatus>;

export interface OpenPrompt {
  promptId: string;
  scale: RatingScale;
  issuedAt: number;
}

export type PauseReason = 'emergency' | 'patient' | 'link';

export interface Bilingual {
  fr: string;
  en: string;
}

/** What the headset must show, as decided by the server. `revision` orders directives. */
export interface HeadsetDirective {
  revision: number;
  commandId: string | null;
  scene: ScenePlacement;
  /** Emergency stop or pause engaged: safe scene shown, only the clinician can resume. */
  stopped: boolean;
  prompt: OpenPrompt | null;
  /** Coping guidance shown to the patient during a coping step. */
  guidance: Bilingual | null;
  /** The last clinician-fired scene event (the headset plays it once per id). */
  event: { id: string; eventId: string } | null;
  posture: Posture;
  /** Counts re-centring requests: the headset re-aligns the scene when it changes. */
  recenter: number;
  personalisation: PersonalisationValues;
}

export type SessionPhase = 'check' | 'blocked' | 'running';

/** A prompt that is due but not yet shown because the moment is not safe. */
export interface PendingPrompt {
  due: number;
  deferred: boolean;
  reason: string | null;
  /** When it will be safe, if known. */
  until: number | null;
}

export interface ProtocolProgress {
  id: string;
  version: number;
  stepIndex: number;
  stepCount: number;
  stepType: string;
  elapsedSeconds: number;
  hold: boolean;
  finished: boolean;
}

export interface AppliedState {
  revision: number;
  scene: ScenePlacement;
  at: number;
}

export interface HeadsetLink {
  paired: boolean;
  connected: boolean;
  immersive: boolean;
  fps: number | null;
  since: number | null;
}

/** How an advance rule is doing: the limit the last `need` ratings must be at or below, and the latest value. */
export interface RuleProgress {
  rule: 'threshold' | 'dropFromPeak' | 'nearBaseline';
  /** Craving (0–100) the ratings must be at or below; null while unknown (no peak, no baseline). */
  limit: number | null;
  current: number | null;
  have: number;
  need: number;
}

/**
 * What the runtime proposes next for the current protocol step, with a machine-readable reason the
 * console words in its language. Computed from the state; never acted upon without the runtime's rules.
 */
export type NextDecision =
  | { kind: 'advance'; reason: 'rule-met' | 'near-baseline' | 'on-hold'; rule: RuleProgress | null }
  | {
      kind: 'hold';
      reason: 'habituating' | 'min-time' | 'baseline' | 'coping' | 'washing-out';
      rule: RuleProgress | null;
      /** Seconds left before the step may end or advance by itself, if timed. */
      secondsLeft: number | null;
    }
  | { kind: 'washout'; reason: 'ceiling' | 'max-time' | 'close-gate'; current: number | null; limit: number | null }
  | { kind: 'stepBack'; reason: 'ceiling'; current: number; limit: number };

/** The console's authoritative picture of a session. */
export interface SessionSnapshot {
  id: string;
  patientCode: string;
  status: SessionStatus;
  createdAt: number;
  phase: SessionPhase;
  pause: PauseReason | null;
  checkItems: { id: string; text: Bilingual; blocksIf: 'yes' | 'no' }[];
  pending: PendingPrompt | null;
  protocol: ProtocolProgress | null;
  baseline: number | null;
  /** The protocol's craving ceiling (or the hand-steered default): above it the session may not close. */
  ceiling: number;
  lastRating: number | null;
  directive: HeadsetDirective;
  applied: AppliedState | null;
  headset: HeadsetLink;
  /** The runtime's proposal for the current step; null without a running protocol step. */
  next: NextDecision | null;
}

export type Actor = 'clinician' | 'headset' | 'runtime' | 'server';

export interface LogEntry {
  sessionId: string;
  seq: number;
  at: number;
  actor: Actor;
  type: string;
  data: Record<string, unknown>;
}

export interface CommandResult {
  seq: number;
  revision: number;
}
