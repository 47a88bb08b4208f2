import { stressorPersonalisation } from '../stressor';
import type { SceneManifestInput } from '../manifestSchema';

/**
 * A squat room where crack is smoked (and cocaine "based" into crack), graded from the bare room to a person
 * beside the patient preparing a pipe and holding it out.
 */
export const crackRoomManifest: SceneManifestInput = {
  id: 'crack-room',
  title: { fr: 'Squat : consommation de crack', en: 'Squat: smoking crack' },
  role: 'cue',
  substances: ['cocaine'],
  environment: 'squat',
  levels: [
    {
      level: 0,
      title: { fr: 'La pièce, sans produit', en: 'The room, no drugs' },
      cues: [{ id: 'room', kind: 'place', tags: ['squat'] }],
      segments: [],
    },
    {
      level: 1,
      title: { fr: 'Un briquet et un sachet vide sur l’étagère', en: 'A lighter and an empty baggie on the shelf' },
      cues: [
        { id: 'shelf-lighter', kind: 'paraphernalia', tags: ['distal', 'lighter'] },
        { id: 'empty-baggie', kind: 'paraphernalia', tags: ['distal', 'baggie'] },
      ],
      segments: [],
    },
    {
      level: 2,
      title: { fr: 'Pipe, galettes et matériel sur la table', en: 'Pipe, rocks and kit on the table' },
      cues: [
        { id: 'crack-pipe', kind: 'paraphernalia', tags: ['proximal', 'pipe', 'straight-stem'] },
        { id: 'steel-wool', kind: 'paraphernalia', tags: ['proximal', 'filter'] },
        { id: 'table-lighter', kind: 'paraphernalia', tags: ['proximal', 'lighter'] },
        { id: 'crack-rocks', kind: 'substance', tags: ['proximal', 'crack'] },
        { id: 'basing-kit', kind: 'paraphernalia', tags: ['proximal', 'basing', 'ammonia', 'baking-soda', 'spoon'] },
      ],
      segments: [],
    },
    {
      level: 3,
      title: { fr: 'Une personne fume la pipe sur le matelas', en: 'Someone smokes a pipe on the mattress' },
      cues: [
        { id: 'smoker', kind: 'social', tags: ['peer', 'active-use'] },
        { id: 'smoke', kind: 'affective', tags: ['flame', 'smoke'] },
        { id: 'pipe-crackle', kind: 'sound', tags: ['peer', 'flame', 'crackle'] },
      ],
      segments: [
        {
          id: 'person-smokes-pipe',
          title: { fr: 'Allume la pipe et inhale', en: 'Lights the pipe and inhales' },
          start: 15,
          duration: 8,
          period: 60,
          activeUse: true,
        },
      ],
    },
    {
      level: 4,
      title: { fr: 'Un voisin prépare une pipe et la tend', en: 'The person beside prepares a pipe and holds it out' },
      cues: [
        { id: 'neighbour', kind: 'social', tags: ['proximal', 'offer'] },
        { id: 'offered-pipe', kind: 'paraphernalia', tags: ['proximal', 'offer', 'pipe'] },
      ],
      segments: [
        {
          id: 'prepares-pipe',
          title: { fr: 'Le voisin prépare la pipe', en: 'The person beside prepares the pipe' },
          start: 6,
          duration: 8,
          period: 60,
          activeUse: true,
        },
        {
          id: 'pipe-offered',
          title: { fr: 'Le voisin tend la pipe', en: 'The person beside holds out the pipe' },
          start: 14,
          duration: 8,
          period: 60,
          activeUse: true,
        },
        {
          id: 'person-smokes-pipe',
          title: { fr: 'Allume la pipe et inhale', en: 'Lights the pipe and inhales' },
          start: 6,
          duration: 8,
          period: 60,
          activeUse: true,
        },
      ],
    },
  ],
  events: [
    {
      id: 'lighter-flick',
      title: { fr: 'Clic de briquet', en: 'Lighter flick' },
      duration: 3,
      activeUse: false,
    },
    {
      id: 'offer-pipe',
      title: { fr: 'On lui tend la pipe', en: 'A pipe is held out' },
      duration: 6,
      activeUse: true,
    },
  ],
  personalisation: [stressorPersonalisation],
};
