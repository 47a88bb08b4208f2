import type { SceneManifestInput } from '../manifestSchema';

/** Art gallery: the classic neutral control scene of cue-reactivity studies, and the safe scene. */
export const galleryManifest: SceneManifestInput = {
  id: 'gallery',
  title: { fr: 'Galerie d’art', en: 'Art gallery' },
  role: 'neutral',
  substances: ['none'],
  environment: 'gallery',
  levels: [
    {
      level: 0,
      title: { fr: 'Galerie calme', en: 'Quiet gallery' },
      cues: [
        { id: 'room', kind: 'place', tags: ['neutral'] },
        { id: 'paintings', kind: 'place', tags: ['neutral'] },
      ],
      segments: [],
    },
  ],
  events: [],
};
