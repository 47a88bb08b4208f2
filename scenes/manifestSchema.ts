import { z } from 'zod';

// Scene manifests are data: the server reads them to validate commands (and, later, to gate prompts)
// without importing three.js or react.

const Text = z.object({ fr: z.string().min(1), en: z.string().min(1) });

export const CueKind = z.enum(['substance', 'paraphernalia', 'place', 'social', 'affective', 'sound']);

export const Cue = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  kind: CueKind,
  tags: z.array(z.string()).default([]),
});

/** A timed piece of a level, e.g. a patron drinking. `activeUse` segments forbid craving prompts. */
export const Segment = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: Text,
  /** Seconds from the level's start; the segment repeats every `period` seconds when set. */
  start: z.number().min(0),
  duration: z.number().positive(),
  period: z.number().positive().optional(),
  activeUse: z.boolean(),
});

export const SceneEvent = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: Text,
  duration: z.number().positive(),
  activeUse: z.boolean(),
});

/** A per-patient choice the scene honours, e.g. the preferred drink or a brand's label colour. */
export const Personalisation = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: Text,
  /** Allowed values (for `choice`), or a pattern for free text/colour. */
  type: z.enum(['choice', 'colour', 'text']),
  /** A choice may add cues of its own, shown at every level while it is chosen (e.g. an added stressor). */
  values: z.array(z.object({ id: z.string(), title: Text, cues: z.array(Cue).default([]) })).optional(),
  default: z.string(),
});

export const SceneLevel = z.object({
  level: z.number().int().min(0).max(4),
  title: Text,
  cues: z.array(Cue),
  segments: z.array(Segment).default([]),
});

export const SceneManifest = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{2,40}$/),
    title: Text,
    /** `neutral` scenes are the safe place the headset falls back to. */
    role: z.enum(['cue', 'neutral', 'relaxation']),
    substances: z.array(z.enum(['alcohol', 'tobacco', 'cannabis', 'cocaine', 'opioids', 'none'])),
    environment: z.string(),
    levels: z.array(SceneLevel).min(1),
    events: z.array(SceneEvent).default([]),
    personalisation: z.array(Personalisation).default([]),
  })
  .superRefine((m, ctx) => {
    m.levels.forEach((l, i) => {
      if (l.level !== i) ctx.addIssue({ code: 'custom', path: ['levels', i, 'level'], message: `expected level ${i}` });
    });
  });

export type SceneManifest = z.infer<typeof SceneManifest>;
/** What a scene's manifest.ts declares; defaults are filled in when the registry parses it. */
export type SceneManifestInput = z.input<typeof SceneManifest>;
export type SceneLevel = z.infer<typeof SceneLevel>;

/**
 * Every cue a level can show: its own and every lower level's (cues accumulate), and those a personalisation
 * choice adds (e.g. an added stressor), whichever is chosen, so gaze on them is credited without a race with
 * a choice changed mid-scene.
 */
export function cuesAtLevel(manifest: SceneManifest, level: number): z.infer<typeof Cue>[] {
  const chosen = manifest.personalisation.flatMap((p) => (p.values ?? []).flatMap((v) => v.cues));
  return [...manifest.levels.slice(0, level + 1).flatMap((l) => l.cues), ...chosen];
}
