import { z } from 'zod';
import { WriteId } from './common';
import { ScenePlacement } from './session';

/** The headset reports what it actually shows once a transition has settled. */
export const AppliedReport = z.object({
  id: WriteId,
  revision: z.number().int().min(0),
  scene: ScenePlacement,
});
export type AppliedReport = z.infer<typeof AppliedReport>;

/** Volatile telemetry: may be dropped, never stored one by one. */
export const HeadsetTelemetry = z.object({
  immersive: z.boolean(),
  fps: z.number().min(0).max(1000).nullable(),
});
export type HeadsetTelemetry = z.infer<typeof HeadsetTelemetry>;

export interface PairingCode {
  code: string;
  expiresAt: number;
}

export interface Paired {
  deviceToken: string;
  sessionId: string;
}
