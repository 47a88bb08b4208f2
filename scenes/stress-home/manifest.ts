import type { SceneManifestInput } from '../manifestSchema';

/**
 * Affective (stress) scene at home: a small kitchen, graded from a quiet evening to money worries and a
 * partner's anger. No substance in it: it trains coping with a common relapse trigger (negative affect,
 * interpersonal conflict). The segments mark stress peaks, not substance use, so `activeUse` is false.
 */
export const stressHomeManifest: SceneManifestInput = {
  id: 'stress-home',
  title: { fr: 'Stress à la maison', en: 'Stress at home' },
  role: 'cue',
  substances: ['none'],
  environment: 'kitchen',
  levels: [
    {
      level: 0,
      title: { fr: 'Cuisine calme', en: 'Quiet kitchen' },
      cues: [{ id: 'kitchen', kind: 'place', tags: ['home'] }],
      segments: [],
    },
    {
      level: 1,
      title: { fr: 'Factures impayées sur la table', en: 'Unpaid bills on the table' },
      cues: [
        { id: 'unpaid-bills', kind: 'affective', tags: ['distal', 'debt'] },
        { id: 'fridge-notice', kind: 'affective', tags: ['distal', 'debt'] },
      ],
      segments: [],
    },
    {
      level: 2,
      title: { fr: 'Appels manqués et lettre ouverte', en: 'Missed calls and an opened letter' },
      cues: [
        { id: 'missed-calls', kind: 'affective', tags: ['proximal', 'phone'] },
        { id: 'opened-letter', kind: 'affective', tags: ['proximal', 'debt'] },
      ],
      segments: [],
    },
    {
      level: 3,
      title: { fr: 'Dispute avec le ou la partenaire', en: 'Argument with the partner' },
      cues: [
        { id: 'partner', kind: 'social', tags: ['conflict', 'partner'] },
        { id: 'partner-voice', kind: 'sound', tags: ['conflict', 'voice'] },
      ],
      segments: [
        {
          id: 'argument-peak',
          title: { fr: 'La dispute s’envenime', en: 'The argument peaks' },
          start: 12,
          duration: 8,
          period: 40,
          activeUse: false,
        },
      ],
    },
    {
      level: 4,
      title: { fr: 'Le ou la partenaire crie et frappe la table', en: 'The partner shouts and slams the table' },
      cues: [
        { id: 'slammed-letter', kind: 'affective', tags: ['proximal', 'conflict', 'debt'] },
        { id: 'partner-shouts', kind: 'sound', tags: ['proximal', 'conflict', 'voice'] },
        { id: 'hand-slam', kind: 'sound', tags: ['proximal', 'conflict', 'impact'] },
      ],
      segments: [
        {
          id: 'table-slam',
          title: { fr: 'Coup de la main sur la table', en: 'A hand slams the table' },
          start: 8,
          duration: 7,
          period: 40,
          activeUse: false,
        },
      ],
    },
  ],
  events: [
    {
      id: 'phone-rings',
      title: { fr: 'Le téléphone sonne', en: 'The phone rings' },
      duration: 6,
      activeUse: false,
    },
    {
      id: 'door-slams',
      title: { fr: 'Une porte claque', en: 'A door slams' },
      duration: 3,
      activeUse: false,
    },
  ],
};
