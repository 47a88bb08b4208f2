import type {
  Actor,
  HeadsetDirective,
  PauseReason,
  PendingPrompt,
  RatingScale,
  ScenePlacement,
  SessionPhase,
  SessionStatus,
} from '../../contract';
import type { SceneManifest } from '../../scenes/manifestSchema';
import type { PersonalisationDeclaration } from '../../scenes/personalisation';
import type { Protocol } from '../schema';

// The session's state as the runtime sees it. Plain data (stored as JSON with every write); times are
// server epoch milliseconds passed in by the caller, never read from a clock here.

export interface RatingPoint {
  /** The rating's id (absent in states stored before corrections existed). */
  id?: string;
  value: number;
  at: number;
  source: 'headset' | 'spoken';
  /** Protocol step it was given in, or null outside a protocol. */
  step: number | null;
  /** Exposure level shown when it was given (absent in states stored before proposals existed). */
  level?: number;
}

export interface ProtocolRun {
  id: string;
  version: number;
  stepIndex: number;
  /** Running time in the step, in ms, up to `runningSince` (time paused does not count). */
  stepElapsedMs: number;
  runningSince: number | null;
  /** Step-relative ms at which the next scheduled rating falls due. */
  nextRatingAtMs: number | null;
  /** The exposure level currently used within the step (step back lowers it). */
  level: number | null;
  peak: number | null;
  hold: boolean;
  /** Scene assigned to `scene: context` steps for this session (counterbalancing). */
  context: string | null;
  /** The patient's items `scene: hierarchy` steps show, in order (absent in states stored before). */
  hierarchy?: ScenePlacement[];
  finished: boolean;
  /** Baseline step: ratings still expected at its end. */
  awaitingEndRating: boolean;
}

export interface SessionState {
  status: SessionStatus;
  phase: SessionPhase;
  pause: PauseReason | null;
  directive: HeadsetDirective;
  applied: { revision: number; scene: ScenePlacement; at: number } | null;
  /** Server time at which the applied level started showing on the headset (segment clock). */
  levelStartedAt: number | null;
  link: { up: boolean; downSince: number | null };
  /** Active use as reported by the headset, and fired events, for the gate. */
  activeUse: { showing: string[]; lastEndedAt: number | null; events: { eventId: string; until: number }[] };
  pending: PendingPrompt | null;
  ratings: RatingPoint[];
  baseline: number | null;
  protocol: ProtocolRun | null;
  patientActiveUse: boolean;
  overrides: { patientActiveUse: string | null; close: string | null };
}

/** What the runtime needs besides the state: the protocol being run and the scene manifests. */
export interface RuntimeContext {
  protocol: Protocol | null;
  findScene(id: string): SceneManifest | undefined;
  /** How scenes declare a personalisation id (allowed values), to check the clinician's choices. */
  findPersonalisation(id: string): PersonalisationDeclaration | undefined;
  safeScene: ScenePlacement;
  /** Ids for prompts the runtime issues, injected like the clock so runs can be replayed. */
  newId(): string;
}

export interface LogRecord {
  actor: Actor;
  type: string;
  data: Record<string, unknown>;
}

export interface RatingRecord {
  promptId: string | null;
  scale: RatingScale;
  value: number;
  source: 'headset' | 'spoken';
  promptedAt: number | null;
  scene: ScenePlacement;
}

/** The stored rating a correction refers to, looked up by the caller: the runtime does no I/O. */
export interface CorrectionTarget {
  id: string;
  scale: RatingScale;
  value: number;
}

export type Decision =
  | {
      ok: true;
      state: SessionState;
      records: LogRecord[];
      rating?: RatingRecord;
      ended?: boolean;
      /** When the caller must feed a `tick` next, if any timer is running. */
      wakeAt: number | null;
    }
  | { ok: false; code: 'rejected' | 'conflict'; message: string };
