import type { SceneManifestInput } from '../manifestSchema';

/**
 * Affective (stress) scene at work: an open-plan office, graded from an empty floor to a manager berating the
 * patient in front of colleagues. No substance in it; the segments mark stress peaks (`activeUse` false).
 */
export const stressWorkManifest: SceneManifestInput = {
  id: 'stress-work',
  title: { fr: 'Stress au travail', en: 'Stress at work' },
  role: 'cue',
  substances: ['none'],
  environment: 'office',
  levels: [
    {
      level: 0,
      title: { fr: 'Bureau vide', en: 'Empty office' },
      cues: [{ id: 'office', kind: 'place', tags: ['work'] }],
      segments: [],
    },
    {
      level: 1,
      title: { fr: 'Mauvais résultats à l’écran', en: 'Poor figures on the wall screen' },
      cues: [{ id: 'performance-screen', kind: 'affective', tags: ['distal', 'failure'] }],
      segments: [],
    },
    {
      level: 2,
      title: { fr: 'Avertissement écrit sur le bureau', en: 'Written warning on the desk' },
      cues: [{ id: 'warning-letter', kind: 'affective', tags: ['proximal', 'failure'] }],
      segments: [],
    },
    {
      level: 3,
      title: { fr: 'Des collègues chuchotent', en: 'Colleagues whispering' },
      cues: [
        { id: 'whispering-colleagues', kind: 'social', tags: ['peers', 'gossip'] },
        { id: 'whispers', kind: 'sound', tags: ['peers', 'gossip', 'voice'] },
      ],
      segments: [
        {
          id: 'whispering-glances',
          title: { fr: 'Les collègues chuchotent en regardant le patient', en: 'Colleagues whisper and stare at the patient' },
          start: 10,
          duration: 8,
          period: 35,
          activeUse: false,
        },
      ],
    },
    {
      level: 4,
      title: { fr: 'Le responsable réprimande le patient', en: 'The manager berates the patient' },
      cues: [
        { id: 'manager', kind: 'social', tags: ['proximal', 'humiliation'] },
        { id: 'manager-voice', kind: 'sound', tags: ['proximal', 'humiliation', 'voice'] },
      ],
      segments: [
        {
          id: 'manager-berates',
          title: { fr: 'Le responsable hausse le ton', en: 'The manager raises his voice' },
          start: 6,
          duration: 10,
          period: 45,
          activeUse: false,
        },
      ],
    },
  ],
  events: [
    {
      id: 'email-ping',
      title: { fr: 'Notification de courriel', en: 'Email notification' },
      duration: 4,
      activeUse: false,
    },
    {
      id: 'manager-calls-name',
      title: { fr: 'Le responsable appelle le patient', en: 'The manager calls the patient’s name' },
      duration: 5,
      activeUse: false,
    },
  ],
};
