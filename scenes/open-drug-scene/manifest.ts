import type { SceneManifestInput } from '../manifestSchema';

/**
 * An "open drug scene" at night under an elevated metro line (Paris Stalingrad / "Toxicoland" style), graded from
 * an ordinary street to a dealer walking up to the patient and offering crack.
 */
export const openDrugSceneManifest: SceneManifestInput = {
  id: 'open-drug-scene',
  title: { fr: 'Scène ouverte de crack sous le métro aérien', en: 'Open drug scene under the elevated metro' },
  role: 'cue',
  substances: ['cocaine', 'opioids'],
  environment: 'street-night',
  levels: [
    {
      level: 0,
      title: { fr: 'Une rue la nuit, des passants', en: 'A street at night, passers-by' },
      cues: [{ id: 'street', kind: 'place', tags: ['street', 'metro', 'night'] }],
      segments: [],
    },
    {
      level: 1,
      title: { fr: 'Briquets, sachets et bouchons de seringue par terre', en: 'Lighters, baggies and syringe caps on the ground' },
      cues: [
        { id: 'litter-lighters', kind: 'paraphernalia', tags: ['distal', 'lighter'] },
        { id: 'litter-baggies', kind: 'paraphernalia', tags: ['distal', 'baggie'] },
        { id: 'syringe-caps', kind: 'paraphernalia', tags: ['distal', 'injection'] },
      ],
      segments: [],
    },
    {
      level: 2,
      title: { fr: 'Un consommateur prépare sa pipe contre le mur', en: 'A user prepares a pipe against the wall' },
      cues: [
        { id: 'wall-user', kind: 'social', tags: ['proximal', 'peer'] },
        { id: 'user-pipe', kind: 'paraphernalia', tags: ['proximal', 'pipe'] },
      ],
      segments: [
        {
          id: 'user-prepares-pipe',
          title: { fr: 'Il bourre sa pipe', en: 'He packs his pipe' },
          start: 10,
          duration: 8,
          period: 60,
          activeUse: true,
        },
      ],
    },
    {
      level: 3,
      title: { fr: 'Un groupe fume sous le pont, un dealer attend', en: 'A group smokes under the bridge, a dealer waits' },
      cues: [
        { id: 'smoking-group', kind: 'social', tags: ['peers', 'active-use'] },
        { id: 'dealer', kind: 'social', tags: ['dealer'] },
        { id: 'group-smoke', kind: 'affective', tags: ['flame', 'smoke'] },
        { id: 'group-lighters', kind: 'sound', tags: ['peers', 'lighter', 'crackle'] },
      ],
      segments: [
        {
          id: 'group-smokes',
          title: { fr: 'Le groupe fume le crack', en: 'The group smokes crack' },
          start: 12,
          duration: 8,
          period: 60,
          activeUse: true,
        },
        {
          id: 'user-prepares-pipe',
          title: { fr: 'Il bourre sa pipe', en: 'He packs his pipe' },
          start: 14,
          duration: 6,
          period: 60,
          activeUse: true,
        },
      ],
    },
    {
      level: 4,
      title: { fr: 'Le dealer s’approche et propose', en: 'The dealer walks up and offers' },
      cues: [
        { id: 'dealer-offer', kind: 'substance', tags: ['proximal', 'offer', 'crack'] },
        { id: 'dealer-voice', kind: 'sound', tags: ['proximal', 'offer', 'voice'] },
      ],
      segments: [
        {
          id: 'group-smokes',
          title: { fr: 'Le groupe fume le crack', en: 'The group smokes crack' },
          start: 10,
          duration: 8,
          period: 60,
          activeUse: true,
        },
        {
          id: 'dealer-offers',
          title: { fr: 'Le dealer vient proposer', en: 'The dealer comes over and offers' },
          start: 18,
          duration: 10,
          period: 60,
          activeUse: true,
        },
        {
          id: 'user-prepares-pipe',
          title: { fr: 'Il bourre sa pipe', en: 'He packs his pipe' },
          start: 12,
          duration: 6,
          period: 60,
          activeUse: true,
        },
      ],
    },
  ],
  events: [
    {
      id: 'metro-arrives',
      title: { fr: 'Le métro arrive', en: 'A metro train arrives' },
      duration: 16,
      activeUse: false,
    },
    {
      id: 'dealer-whistles',
      title: { fr: 'Le dealer siffle', en: 'The dealer whistles' },
      duration: 3,
      activeUse: false,
    },
  ],
};
