import { stressorPersonalisation } from '../stressor';
import type { SceneManifestInput } from '../manifestSchema';

/**
 * A shabby flat where opioids are injected, graded from the bare living room to the person beside the patient
 * heating a spoon and holding out a syringe. Only for patients who injected (the console guards it with a
 * screening flag). Non-graphic: no needle in skin, no blood; the syringe is only ever held near an arm.
 */
export const injectionFlatManifest: SceneManifestInput = {
  id: 'injection-flat',
  title: { fr: 'Appartement : injection d’opioïdes', en: 'Flat: injecting opioids' },
  role: 'cue',
  substances: ['opioids'],
  environment: 'flat',
  levels: [
    {
      level: 0,
      title: { fr: 'Le salon, sans produit', en: 'The living room, no drugs' },
      cues: [{ id: 'room', kind: 'place', tags: ['flat'] }],
      segments: [],
    },
    {
      level: 1,
      title: { fr: 'Une plaquette vide et une cuillère sur le plan de travail', en: 'An empty blister pack and a spoon on the counter' },
      cues: [
        { id: 'blister-pack', kind: 'paraphernalia', tags: ['distal', 'medication'] },
        { id: 'counter-spoon', kind: 'paraphernalia', tags: ['distal', 'spoon'] },
      ],
      segments: [],
    },
    {
      level: 2,
      title: { fr: 'Le matériel d’injection sur la table', en: 'Injecting kit on the table' },
      cues: [
        { id: 'burnt-spoon', kind: 'paraphernalia', tags: ['proximal', 'spoon', 'cooker'] },
        { id: 'table-lighter', kind: 'paraphernalia', tags: ['proximal', 'lighter'] },
        { id: 'capped-syringe', kind: 'paraphernalia', tags: ['proximal', 'syringe'] },
        { id: 'tourniquet', kind: 'paraphernalia', tags: ['proximal', 'tourniquet', 'belt'] },
        { id: 'cotton-filter', kind: 'paraphernalia', tags: ['proximal', 'filter'] },
        { id: 'heroin-packet', kind: 'substance', tags: ['proximal', 'heroin', 'brown-powder'] },
      ],
      segments: [],
    },
    {
      level: 3,
      title: { fr: 'Une personne se prépare un shoot sur le canapé', en: 'Someone prepares a shot on the sofa' },
      cues: [{ id: 'sofa-user', kind: 'social', tags: ['peer', 'active-use', 'tourniquet'] }],
      segments: [
        {
          id: 'preparing-shot',
          title: { fr: 'Prépare l’injection (sans piqûre visible)', en: 'Prepares the injection (no needle in skin)' },
          start: 15,
          duration: 10,
          period: 60,
          activeUse: true,
        },
      ],
    },
    {
      level: 4,
      title: { fr: 'Le voisin chauffe la cuillère et tend une seringue', en: 'The person beside heats a spoon and holds out a syringe' },
      cues: [
        { id: 'neighbour', kind: 'social', tags: ['proximal', 'offer'] },
        { id: 'offered-syringe', kind: 'paraphernalia', tags: ['proximal', 'offer', 'syringe'] },
        { id: 'spoon-lighter', kind: 'sound', tags: ['proximal', 'lighter', 'flame'] },
      ],
      segments: [
        {
          id: 'cooking-spoon',
          title: { fr: 'Le voisin chauffe la cuillère', en: 'The person beside heats the spoon' },
          start: 6,
          duration: 8,
          period: 60,
          activeUse: true,
        },
        {
          id: 'syringe-offered',
          title: { fr: 'Le voisin tend une seringue', en: 'The person beside holds out a syringe' },
          start: 14,
          duration: 8,
          period: 60,
          activeUse: true,
        },
        {
          id: 'preparing-shot',
          title: { fr: 'Prépare l’injection (sans piqûre visible)', en: 'Prepares the injection (no needle in skin)' },
          start: 8,
          duration: 10,
          period: 60,
          activeUse: true,
        },
      ],
    },
  ],
  events: [
    {
      id: 'lighter-click',
      title: { fr: 'Clic de briquet', en: 'Lighter click' },
      duration: 2.5,
      activeUse: false,
    },
    {
      id: 'offer-syringe',
      title: { fr: 'On lui tend une seringue', en: 'A syringe is held out' },
      duration: 6,
      activeUse: true,
    },
  ],
  personalisation: [stressorPersonalisation],
};
