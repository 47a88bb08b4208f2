import { z } from 'zod';
import { WriteId } from './common';

/** `vas`: visual analogue scale 0–100; `nrs10`: single item 0–10 (spoken). */
export const RatingScale = z.enum(['vas', 'nrs10']);
export type RatingScale = z.infer<typeof RatingScale>;

export const RATING_MAX: Record<RatingScale, number> = { vas: 100, nrs10: 10 };

export const RatingSource = z.enum(['headset', 'spoken']);
export type RatingSource = z.infer<typeof RatingSource>;

/** A rating from the headset answers one prompt the server issued; nothing else is accepted. */
export const RatingSubmission = z.object({
  id: WriteId,
  promptId: z.uuid({ error: 'expected the id of the prompt being answered' }),
  value: z.number().int().min(0).max(100),
});
export type RatingSubmission = z.infer<typeof RatingSubmission>;

export interface Rating {
  id: string;
  sessionId: string;
  promptId: string | null;
  scale: RatingScale;
  value: number;
  source: RatingSource;
  promptedAt: number | null;
  answeredAt: number;
  sceneId: string;
  level: number;
}
