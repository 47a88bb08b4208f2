import { z } from 'zod';
import { EntityId } from './common';

// After the session: the summary of one session and a patient's progress across sessions. Read-only
// views computed from the session log and ratings; craving values are on 0–100 (0–10 ratings ×10).

export const IdParams = z.object({ id: EntityId });

/** One scene level the headset showed, and how long craving took to come back down there. */
export interface LevelSummary {
  sceneId: string;
  level: number;
  firstShownAt: number;
  /** Time on show, summed over every showing, in ms. */
  shownMs: number;
  peak: number | null;
  /**
   * From the level's first showing to the first rating given at this level at or below baseline +
   * margin (docs/data-dictionary.md, "time to habituation"); null if none, or no baseline.
   */
  habituationMs: number | null;
}

export interface OverrideSummary {
  seq: number;
  at: number;
  /** The log record type: `override.close`, `override.scene`, `rating.corrected`, `decision.advance`… */
  type: string;
  reason: string | null;
  detail: Record<string, unknown>;
}

export interface AttentionSummary {
  sceneId: string;
  level: number;
  cueId: string;
  kind: string | null;
  dwellMs: number;
}

export interface NoteSummary {
  seq: number;
  at: number;
  text: string;
}

export interface SessionSummary {
  sessionId: string;
  patientId: string;
  patientCode: string;
  status: 'open' | 'ended';
  createdAt: number;
  endedAt: number | null;
  protocol: { id: string; version: number } | null;
  ratingCount: number;
  baseline: number | null;
  peak: number | null;
  end: number | null;
  /** The margin over baseline used for habituation (the protocol's, else the default). */
  margin: number;
  ceiling: number;
  levels: LevelSummary[];
  /** Highest level shown of each cue scene. */
  maxLevel: Record<string, number>;
  overrides: OverrideSummary[];
  attention: AttentionSummary[];
  notes: NoteSummary[];
}

/** One session on a patient's progress chart (extinction over sessions). */
export interface ProgressPoint {
  sessionId: string;
  createdAt: number;
  protocolId: string | null;
  status: 'open' | 'ended';
  baseline: number | null;
  peak: number | null;
  end: number | null;
}
