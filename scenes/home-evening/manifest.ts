import { stressorPersonalisation } from '../stressor';
import type { SceneManifestInput } from '../manifestSchema';
import { drinkPersonalisation } from './drinkPersonalisation';

/**
 * Home after work, in the evening: graded from a quiet living room to a flatmate pouring the patient's
 * preferred drink beside them on the sofa and holding the glass out.
 */
export const homeEveningManifest: SceneManifestInput = {
  id: 'home-evening',
  title: { fr: 'Soirée à la maison', en: 'Evening at home' },
  role: 'cue',
  substances: ['alcohol'],
  environment: 'home',
  levels: [
    {
      level: 0,
      title: { fr: 'Salon au calme', en: 'Quiet living room' },
      cues: [{ id: 'living-room', kind: 'place', tags: ['home', 'evening'] }],
      segments: [],
    },
    {
      level: 1,
      title: { fr: 'Bouteilles et publicité', en: 'Bottles and an advert' },
      cues: [
        { id: 'wine-rack', kind: 'substance', tags: ['distal', 'bottles'] },
        { id: 'kitchen-bottles', kind: 'substance', tags: ['distal', 'bottles'] },
        { id: 'tv-advert', kind: 'place', tags: ['distal', 'advert', 'preferred-drink'] },
      ],
      segments: [],
    },
    {
      level: 2,
      title: { fr: 'Sa boisson sur la table basse', en: 'Their drink on the coffee table' },
      cues: [
        { id: 'preferred-drink', kind: 'substance', tags: ['proximal', 'preferred-drink'] },
        { id: 'fridge-open', kind: 'substance', tags: ['cans', 'preferred-drink'] },
      ],
      segments: [],
    },
    {
      level: 3,
      title: { fr: 'Le colocataire boit', en: 'The flatmate drinks' },
      cues: [{ id: 'flatmate-armchair', kind: 'social', tags: ['peer', 'partner'] }],
      segments: [
        {
          id: 'flatmate-drinks',
          title: { fr: 'Le colocataire boit une gorgée', en: 'The flatmate takes a sip' },
          start: 12,
          duration: 6,
          period: 60,
          activeUse: true,
        },
      ],
    },
    {
      level: 4,
      title: { fr: 'Le colocataire sert un verre et le propose', en: 'The flatmate pours a glass and offers it' },
      cues: [
        { id: 'flatmate-beside', kind: 'social', tags: ['proximal', 'offer'] },
        { id: 'poured-glass', kind: 'substance', tags: ['proximal', 'offer', 'preferred-drink'] },
        { id: 'pouring', kind: 'sound', tags: ['proximal', 'preferred-drink'] },
      ],
      segments: [
        {
          id: 'flatmate-offers',
          title: { fr: 'Le colocataire verse et tend un verre', en: 'The flatmate pours and holds out a glass' },
          start: 8,
          duration: 10,
          period: 45,
          activeUse: true,
        },
      ],
    },
  ],
  events: [
    {
      id: 'can-opens',
      title: { fr: 'Une canette s’ouvre (son)', en: 'A can opens (sound)' },
      duration: 2,
      activeUse: false,
    },
    {
      id: 'cheers',
      title: { fr: 'Le colocataire trinque et boit', en: 'The flatmate says cheers and drinks' },
      duration: 5,
      activeUse: true,
    },
  ],
  personalisation: [...drinkPersonalisation, stressorPersonalisation],
};
