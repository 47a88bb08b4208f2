import { stressorPersonalisation } from '../stressor';
import type { SceneManifestInput } from '../manifestSchema';

/**
 * A club lounge at night (private party / nightclub): cocaine cues graded from a booth with a soft drink to a
 * friend cutting lines beside the patient and offering the rolled banknote.
 *
 * Timeline of levels 3 and 4 (seconds from the level's start, every period):
 *   level 3: neighbour-snorts 12–18 (period 40)                                       → safe 0–12, 18–52, …
 *   level 4: friend-cuts-lines 8–16, banknote-offered 16–23, neighbour-snorts 33–39 (period 50)
 *            → safe 0–8, 23–33, 39–58, …
 */
export const nightclubManifest: SceneManifestInput = {
  id: 'nightclub',
  title: { fr: 'Boîte de nuit', en: 'Nightclub' },
  role: 'cue',
  substances: ['cocaine'],
  environment: 'nightclub-lounge',
  levels: [
    {
      level: 0,
      title: { fr: 'Le salon du club, un soda sur la table', en: 'The club lounge, a soft drink on the table' },
      cues: [{ id: 'lounge', kind: 'place', tags: ['club', 'night', 'music', 'friend'] }],
      segments: [],
    },
    {
      level: 1,
      title: { fr: 'On danse au loin, le bar s’allume', en: 'People dancing in the distance, the bar lit up' },
      cues: [
        { id: 'dancers', kind: 'social', tags: ['distal', 'crowd', 'party'] },
        { id: 'bar', kind: 'place', tags: ['distal', 'bottles', 'bartender'] },
        { id: 'club-crowd', kind: 'sound', tags: ['distal', 'crowd', 'party'] },
      ],
      segments: [],
    },
    {
      level: 2,
      title: { fr: 'Un miroir avec des lignes, un billet roulé et une carte sur la table', en: 'A mirror with lines, a rolled banknote and a card on the table' },
      cues: [
        { id: 'mirror-lines', kind: 'substance', tags: ['proximal', 'powder', 'lines'] },
        { id: 'rolled-banknote', kind: 'paraphernalia', tags: ['proximal'] },
        { id: 'bank-card', kind: 'paraphernalia', tags: ['proximal'] },
      ],
      segments: [],
    },
    {
      level: 3,
      title: { fr: 'À la table voisine quelqu’un sniffe ; une porte de toilettes entrouverte', en: 'Someone snorts at the next table; a toilet cubicle door ajar' },
      cues: [
        { id: 'neighbour-lines', kind: 'social', tags: ['peers', 'snorting'] },
        { id: 'toilet-cubicle', kind: 'social', tags: ['place', 'peers', 'hidden-use'] },
        { id: 'snorting', kind: 'sound', tags: ['peers', 'snorting'] },
      ],
      segments: [
        {
          id: 'neighbour-snorts',
          title: { fr: 'Le voisin sniffe une ligne', en: 'The neighbour snorts a line' },
          start: 12,
          duration: 6,
          period: 40,
          activeUse: true,
        },
      ],
    },
    {
      level: 4,
      title: { fr: 'Un ami prépare des lignes à côté et tend le billet', en: 'A friend alongside cuts lines and holds out the banknote' },
      cues: [
        { id: 'coke-baggie', kind: 'substance', tags: ['proximal', 'powder'] },
        { id: 'fresh-line', kind: 'substance', tags: ['proximal', 'offer', 'lines'] },
        { id: 'chopping-lines', kind: 'sound', tags: ['proximal', 'powder', 'lines'] },
      ],
      segments: [
        {
          id: 'friend-cuts-lines',
          title: { fr: 'L’ami verse et coupe des lignes', en: 'The friend pours and cuts lines' },
          start: 8,
          duration: 8,
          period: 50,
          activeUse: true,
        },
        {
          id: 'banknote-offered',
          title: { fr: 'L’ami tend le billet roulé au patient', en: 'The friend holds the rolled banknote out to the patient' },
          start: 16,
          duration: 7,
          period: 50,
          activeUse: true,
        },
        {
          id: 'neighbour-snorts',
          title: { fr: 'Le voisin sniffe une ligne', en: 'The neighbour snorts a line' },
          start: 33,
          duration: 6,
          period: 50,
          activeUse: true,
        },
      ],
    },
  ],
  events: [
    {
      id: 'bass-drop',
      title: { fr: 'Drop de basses, stroboscope', en: 'Bass drop, strobe lights' },
      duration: 4,
      activeUse: false,
    },
    {
      id: 'offer-line',
      title: { fr: 'L’ami propose une ligne', en: 'The friend offers a line' },
      duration: 6,
      activeUse: true,
    },
  ],
  personalisation: [stressorPersonalisation],
};
