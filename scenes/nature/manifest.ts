import type { SceneManifestInput } from '../manifestSchema';

/** Relaxation (wash-out) scene: a forest clearing by a lake at golden hour, with gentle motion only. */
export const natureManifest: SceneManifestInput = {
  id: 'nature',
  title: { fr: 'Clairière au bord du lac', en: 'Lakeside clearing' },
  role: 'relaxation',
  substances: ['none'],
  environment: 'nature',
  levels: [
    {
      level: 0,
      title: { fr: 'Lac au soleil couchant', en: 'Lake at golden hour' },
      cues: [{ id: 'lake', kind: 'place', tags: ['relaxation', 'nature'] }],
      segments: [],
    },
  ],
  events: [],
};
