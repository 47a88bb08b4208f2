import { stressorPersonalisation } from '../stressor';
import type { SceneManifestInput } from '../manifestSchema';

/**
 * An evening garden party on a patio (after Bordnick's cannabis party scene): string lights, a speaker, friends
 * on outdoor sofas, graded from soft drinks only to a friend beside the patient lighting a joint and offering it.
 *
 * Timeline of levels 3 and 4 (seconds from the level's start, every period):
 *   level 3: joint-passed 15–25 (period 60)            → safe 0–15, 25–75, …
 *   level 4: friend-lights-joint 8–16, joint-offered 16–24, joint-passed 34–44 (period 50 each)
 *            → safe 0–8, 24–34, 44–58, …
 */
export const partyPatioManifest: SceneManifestInput = {
  id: 'party-patio',
  title: { fr: 'Soirée en terrasse', en: 'Patio party' },
  role: 'cue',
  substances: ['cannabis'],
  environment: 'garden-patio-evening',
  levels: [
    {
      level: 0,
      title: { fr: 'Terrasse avec des boissons sans alcool', en: 'Patio with soft drinks' },
      cues: [{ id: 'patio', kind: 'place', tags: ['party', 'outdoor', 'evening', 'friends', 'music'] }],
      segments: [],
    },
    {
      level: 1,
      title: { fr: 'Drapeau feuille de cannabis et sachet d’herbe au loin', en: 'Cannabis-leaf flag and a bag of weed in the distance' },
      cues: [
        { id: 'leaf-flag', kind: 'place', tags: ['distal', 'symbol'] },
        { id: 'weed-bag', kind: 'substance', tags: ['distal', 'herb'] },
      ],
      segments: [],
    },
    {
      level: 2,
      title: { fr: 'Feuilles à rouler, grinder et joint sur la table basse', en: 'Rolling papers, grinder and a joint on the low table' },
      cues: [
        { id: 'rolling-papers', kind: 'paraphernalia', tags: ['proximal'] },
        { id: 'grinder', kind: 'paraphernalia', tags: ['proximal'] },
        { id: 'table-joint', kind: 'substance', tags: ['proximal', 'joint'] },
      ],
      segments: [],
    },
    {
      level: 3,
      title: { fr: 'Deux amis se passent un joint', en: 'Two friends pass a joint' },
      cues: [{ id: 'shared-joint', kind: 'social', tags: ['peers', 'smoking', 'smoke'] }],
      segments: [
        {
          id: 'joint-passed',
          title: { fr: 'Deux amis fument et se passent le joint', en: 'Two friends smoke and pass the joint' },
          start: 15,
          duration: 10,
          period: 60,
          activeUse: true,
        },
      ],
    },
    {
      level: 4,
      title: { fr: 'Un ami à côté allume un joint et le propose', en: 'A friend alongside lights a joint and offers it' },
      cues: [
        { id: 'friend-joint', kind: 'substance', tags: ['proximal', 'offer', 'joint'] },
        { id: 'friend-lighter', kind: 'paraphernalia', tags: ['proximal', 'lighter'] },
        { id: 'friend-lighter-click', kind: 'sound', tags: ['proximal', 'lighter'] },
      ],
      segments: [
        {
          id: 'friend-lights-joint',
          title: { fr: 'L’ami allume un joint et tire dessus', en: 'The friend lights a joint and takes a drag' },
          start: 8,
          duration: 8,
          period: 50,
          activeUse: true,
        },
        {
          id: 'joint-offered',
          title: { fr: 'L’ami tend le joint au patient', en: 'The friend holds the joint out to the patient' },
          start: 16,
          duration: 8,
          period: 50,
          activeUse: true,
        },
        {
          id: 'joint-passed',
          title: { fr: 'Deux amis fument et se passent le joint', en: 'Two friends smoke and pass the joint' },
          start: 34,
          duration: 10,
          period: 50,
          activeUse: true,
        },
      ],
    },
  ],
  events: [
    {
      id: 'lighter-click',
      title: { fr: 'Clic de briquet', en: 'Lighter click' },
      duration: 3,
      activeUse: false,
    },
    {
      id: 'offer-joint',
      title: { fr: 'L’ami propose un joint', en: 'The friend offers a joint' },
      duration: 6,
      activeUse: true,
    },
  ],
  personalisation: [stressorPersonalisation],
};
