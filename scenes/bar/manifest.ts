import { stressorPersonalisation } from '../stressor';
import { drinkPersonalisation } from '../home-evening/drinkPersonalisation';
import type { SceneManifestInput } from '../manifestSchema';

/** A bar at night, graded from an empty room to a friend drinking beside the patient and offering a glass. */
export const barManifest: SceneManifestInput = {
  id: 'bar',
  title: { fr: 'Bar de nuit', en: 'Bar at night' },
  role: 'cue',
  substances: ['alcohol'],
  environment: 'bar',
  levels: [
    {
      level: 0,
      title: { fr: 'Salle sans alcool', en: 'Room without alcohol' },
      cues: [{ id: 'room', kind: 'place', tags: ['bar'] }],
      segments: [],
    },
    {
      level: 1,
      title: { fr: 'Bouteilles au loin', en: 'Bottles in the distance' },
      cues: [
        { id: 'shelf-bottles', kind: 'substance', tags: ['distal', 'bottles'] },
        { id: 'beer-sign', kind: 'place', tags: ['distal', 'advert'] },
        { id: 'bar-music', kind: 'sound', tags: ['distal', 'music'] },
      ],
      segments: [],
    },
    {
      level: 2,
      title: { fr: 'Un verre sur la table', en: 'A drink on the table' },
      cues: [
        { id: 'table-drink', kind: 'substance', tags: ['proximal', 'preferred-drink'] },
        { id: 'bottle-opener', kind: 'paraphernalia', tags: ['proximal'] },
      ],
      segments: [],
    },
    {
      level: 3,
      title: { fr: 'Des clients boivent', en: 'Patrons drinking' },
      cues: [
        { id: 'patrons', kind: 'social', tags: ['peers'] },
        { id: 'crowd-murmur', kind: 'sound', tags: ['peers', 'crowd'] },
        { id: 'bottle-opening', kind: 'sound', tags: ['opening', 'preferred-drink'] },
      ],
      segments: [
        {
          id: 'patron-sips',
          title: { fr: 'Un client boit', en: 'A patron drinks' },
          start: 20,
          duration: 6,
          period: 45,
          activeUse: true,
        },
      ],
    },
    {
      level: 4,
      title: { fr: 'Un ami boit et propose un verre', en: 'A friend drinks and offers a glass' },
      cues: [
        { id: 'friend', kind: 'social', tags: ['proximal', 'offer'] },
        { id: 'offered-glass', kind: 'substance', tags: ['proximal', 'offer'] },
      ],
      segments: [
        {
          id: 'friend-offers',
          title: { fr: 'L’ami tend un verre', en: 'The friend holds out a glass' },
          start: 10,
          duration: 8,
          period: 40,
          activeUse: true,
        },
        {
          // the patrons at the counter drink while the friend offers: active use comes in one burst, leaving
          // a safe moment to rate between bursts with short cool-down and answer times
          id: 'patron-sips',
          title: { fr: 'Un client boit', en: 'A patron drinks' },
          start: 12,
          duration: 6,
          period: 40,
          activeUse: true,
        },
      ],
    },
  ],
  events: [
    {
      id: 'glasses-clink',
      title: { fr: 'Trinquer', en: 'Glasses clink' },
      duration: 3,
      activeUse: false,
    },
  ],
  personalisation: [...drinkPersonalisation, stressorPersonalisation],
};
