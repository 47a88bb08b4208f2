import type { SceneManifestInput } from '../manifestSchema';

/**
 * Public aquarium hall: a neutral control scene of cue-reactivity studies (an aquarium, as in Saladin et al.).
 * A dim, quiet hall with a large lit tank of slowly swimming fish, plants and bubbles; nothing related to any
 * substance, nobody else in the room.
 */
export const aquariumManifest: SceneManifestInput = {
  id: 'aquarium',
  title: { fr: 'Aquarium public', en: 'Public aquarium' },
  role: 'neutral',
  substances: ['none'],
  environment: 'aquarium',
  levels: [
    {
      level: 0,
      title: { fr: 'Devant le grand bassin', en: 'In front of the large tank' },
      cues: [
        { id: 'hall', kind: 'place', tags: ['neutral'] },
        { id: 'tank', kind: 'place', tags: ['neutral', 'fish'] },
      ],
      segments: [],
    },
  ],
  events: [],
};
