import { z } from 'zod';
import { EntityId, Level, SceneId, WriteId } from './common';
import { ScenePlacement } from './session';

/** The headset reports what it actually shows once a transition has settled. */
export const AppliedReport = z.object({
  id: WriteId,
  revision: z.number().int().min(0),
  scene: ScenePlacement,
  /** How long the level has been showing, so the server knows when its timed segments play. */
  sinceMs: z.number().min(0).max(3_600_000),
});

/** An active-use segment starting or ending on the headset, as rendered. */
export const SegmentReport = z.object({
  id: WriteId,
  segmentId: z.string().regex(/^[a-z0-9-]{1,64}$/),
  showing: z.boolean(),
});
export type SegmentReport = z.infer<typeof SegmentReport>;

/** The patient's deliberate pause gesture (both grips held a second). */
export const PauseRequest = z.object({ id: WriteId });
export type PauseRequest = z.infer<typeof PauseRequest>;
export type AppliedReport = z.infer<typeof AppliedReport>;

const Coordinate = z.number().min(-1000).max(1000);

/**
 * The patient's head in scene coordinates (after placement): position in metres and orientation as a
 * unit quaternion [x, y, z, w]. Drives the console's mirror view.
 */
export const HeadPose = z.object({
  p: z.tuple([Coordinate, Coordinate, Coordinate]),
  q: z
    .tuple([z.number(), z.number(), z.number(), z.number()])
    .refine((q) => Math.abs(Math.hypot(...q) - 1) < 0.01, 'expected a unit quaternion'),
});
export type HeadPose = z.infer<typeof HeadPose>;

/** Volatile telemetry (10–20 Hz): may be dropped, never stored one by one. */
export const HeadsetTelemetry = z.object({
  immersive: z.boolean(),
  fps: z.number().min(0).max(1000).nullable(),
  /** Absent before the first frame; older headsets send none. */
  pose: HeadPose.optional(),
});
export type HeadsetTelemetry = z.infer<typeof HeadsetTelemetry>;

/** The head pose relayed to a session's console watchers (volatile, at most 20 Hz per session). */
export interface PoseRelay {
  sessionId: string;
  /** Server time it was relayed. */
  at: number;
  pose: HeadPose;
}

/** The console's round-trip probe: the server echoes it back at once. */
export const PingRequest = z.object({ sessionId: EntityId, sentAt: z.number().finite() });
export type PingRequest = z.infer<typeof PingRequest>;

export interface PairingCode {
  code: string;
  expiresAt: number;
}

export interface Paired {
  deviceToken: string;
  sessionId: string;
}

/** The most gaze time one batch may credit to one cue: batches cover about 5 s of showing. */
export const ATTENTION_MAX_MS = 60_000;

/**
 * Head-gaze dwell on tagged cues, accumulated on the headset for one shown scene and level and sent
 * as a durable batch (idempotent by `id`). The server checks every cue id against that level.
 */
export const AttentionReport = z.object({
  id: WriteId,
  sceneId: SceneId,
  level: Level,
  dwellMs: z
    .record(z.string().regex(/^[a-z0-9-]{1,64}$/, 'expected a cue id'), z.number().int().min(0).max(ATTENTION_MAX_MS))
    .refine((v) => Object.keys(v).length >= 1 && Object.keys(v).length <= 64, 'expected dwell times for 1 to 64 cues'),
});
export type AttentionReport = z.infer<typeof AttentionReport>;
