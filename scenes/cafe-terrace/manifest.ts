import { stressorPersonalisation } from '../stressor';
import type { SceneManifestInput } from '../manifestSchema';
import { timeOfDayPersonalisation } from '../timeOfDay';

/**
 * A café terrace in the sun after a meal (the classic after-lunch cigarette, after Malbos et al.): graded
 * from a quiet terrace to a friend across the table lighting up and holding the pack out to the patient.
 * After lunch in the sun, or after dinner at dusk (`time-of-day`).
 */
export const cafeTerraceManifest: SceneManifestInput = {
  id: 'cafe-terrace',
  title: { fr: 'Terrasse de café', en: 'Café terrace' },
  role: 'cue',
  substances: ['tobacco'],
  environment: 'terrace',
  levels: [
    {
      level: 0,
      title: { fr: 'Terrasse au soleil', en: 'Sunny terrace' },
      cues: [{ id: 'terrace', kind: 'place', tags: ['cafe', 'after-meal'] }],
      segments: [],
    },
    {
      level: 1,
      title: { fr: 'Un tabac en face, un cendrier au loin', en: 'A tobacconist across the street, an ashtray further off' },
      cues: [
        { id: 'tabac-sign', kind: 'place', tags: ['distal', 'tobacconist'] },
        { id: 'far-ashtray', kind: 'paraphernalia', tags: ['distal'] },
      ],
      segments: [],
    },
    {
      level: 2,
      title: { fr: 'Un paquet à côté du café', en: 'A pack beside the coffee' },
      cues: [
        { id: 'cigarette-pack', kind: 'substance', tags: ['proximal'] },
        { id: 'lighter', kind: 'paraphernalia', tags: ['proximal'] },
        { id: 'ashtray-stubs', kind: 'paraphernalia', tags: ['proximal'] },
      ],
      segments: [],
    },
    {
      level: 3,
      title: { fr: 'Des voisins de table fument', en: 'People at the next tables smoke' },
      cues: [
        { id: 'smoking-neighbours', kind: 'social', tags: ['peers', 'smoke'] },
        { id: 'lighter-behind', kind: 'sound', tags: ['peers', 'lighter', 'unseen'] },
      ],
      segments: [
        {
          id: 'neighbour-smokes',
          title: { fr: 'Un voisin tire sur sa cigarette', en: 'A neighbour draws on a cigarette' },
          start: 10,
          duration: 8,
          period: 60,
          activeUse: true,
        },
      ],
    },
    {
      level: 4,
      title: { fr: 'Un ami allume une cigarette et tend le paquet', en: 'A friend lights up and holds out the pack' },
      cues: [
        { id: 'friend', kind: 'social', tags: ['proximal', 'offer'] },
        { id: 'friend-lighter', kind: 'sound', tags: ['proximal', 'lighter'] },
      ],
      segments: [
        {
          id: 'friend-lights-up',
          title: { fr: 'L’ami allume une cigarette', en: 'The friend lights a cigarette' },
          start: 6,
          duration: 8,
          period: 60,
          activeUse: true,
        },
        {
          id: 'friend-offers-cigarette',
          title: { fr: 'L’ami tend le paquet', en: 'The friend holds out the pack' },
          start: 24,
          duration: 8,
          period: 60,
          activeUse: true,
        },
        {
          id: 'neighbour-smokes',
          title: { fr: 'Un voisin tire sur sa cigarette', en: 'A neighbour draws on a cigarette' },
          start: 42,
          duration: 8,
          period: 60,
          activeUse: true,
        },
      ],
    },
  ],
  events: [
    {
      id: 'lighter-click',
      title: { fr: 'Bruit de briquet', en: 'Lighter click' },
      duration: 2,
      activeUse: false,
    },
    {
      id: 'offer-cigarette',
      title: { fr: 'On lui propose une cigarette', en: 'A cigarette is offered' },
      duration: 6,
      activeUse: true,
    },
  ],
  personalisation: [timeOfDayPersonalisation, stressorPersonalisation],
};
