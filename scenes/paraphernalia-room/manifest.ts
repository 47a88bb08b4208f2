import { stressorPersonalisation } from '../stressor';
import type { SceneManifestInput } from '../manifestSchema';

/**
 * A shared-flat living room at night with the roommate's desk: cannabis paraphernalia graded from a plain room
 * to the roommate handing the patient a bong.
 *
 * Timeline of levels 3 and 4 (seconds from the level's start, every period):
 *   level 3: roommate-rolls 6–16 (not active use), roommate-bong 22–30 (period 45) → no active use 0–22, 30–67, …
 *   level 4: roommate-bong 8–16, bong-offered 16–24 (period 50)                  → safe 0–8, 24–58, …
 */
export const paraphernaliaRoomManifest: SceneManifestInput = {
  id: 'paraphernalia-room',
  title: { fr: 'Chambre avec matériel', en: 'Room with paraphernalia' },
  role: 'cue',
  substances: ['cannabis'],
  environment: 'flat-living-room-night',
  levels: [
    {
      level: 0,
      title: { fr: 'La pièce, le colocataire sur son téléphone', en: 'The room, the roommate on his phone' },
      cues: [{ id: 'room', kind: 'place', tags: ['home', 'evening', 'roommate'] }],
      segments: [],
    },
    {
      level: 1,
      title: { fr: 'Affiche et bocal de têtes sur l’étagère', en: 'A poster and a jar of buds on the shelf' },
      cues: [
        { id: 'leaf-poster', kind: 'place', tags: ['distal', 'symbol'] },
        { id: 'bud-jar', kind: 'substance', tags: ['distal', 'herb'] },
      ],
      segments: [],
    },
    {
      level: 2,
      title: { fr: 'Grinder, feuilles, plateau d’herbe et bang sur la table', en: 'Grinder, papers, a tray of buds and a bong on the table' },
      cues: [
        { id: 'grinder', kind: 'paraphernalia', tags: ['proximal'] },
        { id: 'rolling-papers', kind: 'paraphernalia', tags: ['proximal'] },
        { id: 'bud-tray', kind: 'substance', tags: ['proximal', 'herb'] },
        { id: 'bong', kind: 'paraphernalia', tags: ['proximal'] },
      ],
      segments: [],
    },
    {
      level: 3,
      title: { fr: 'Le colocataire roule un joint puis fume le bang', en: 'The roommate rolls a joint, then smokes the bong' },
      cues: [
        { id: 'roommate-stash', kind: 'social', tags: ['peer', 'rolling', 'lap-tray'] },
        { id: 'desk-bong', kind: 'paraphernalia', tags: ['peer'] },
        { id: 'bong-bubbles', kind: 'sound', tags: ['peer', 'bong'] },
      ],
      segments: [
        {
          id: 'roommate-rolls',
          title: { fr: 'Le colocataire roule un joint', en: 'The roommate rolls a joint' },
          start: 6,
          duration: 10,
          period: 45,
          activeUse: false,
        },
        {
          id: 'roommate-bong',
          title: { fr: 'Le colocataire fume le bang', en: 'The roommate smokes the bong' },
          start: 22,
          duration: 8,
          period: 45,
          activeUse: true,
        },
      ],
    },
    {
      level: 4,
      title: { fr: 'Le colocataire s’approche, fume et tend le bang', en: 'The roommate comes over, smokes and hands over the bong' },
      cues: [
        { id: 'bong-lighter', kind: 'paraphernalia', tags: ['proximal', 'lighter'] },
        { id: 'rolled-joint', kind: 'substance', tags: ['proximal', 'joint'] },
        { id: 'bong-bubbles-near', kind: 'sound', tags: ['proximal', 'bong'] },
      ],
      segments: [
        {
          id: 'roommate-bong',
          title: { fr: 'Le colocataire fume le bang sur la table', en: 'The roommate smokes the bong on the table' },
          start: 8,
          duration: 8,
          period: 50,
          activeUse: true,
        },
        {
          id: 'bong-offered',
          title: { fr: 'Le colocataire tend le bang au patient', en: 'The roommate holds the bong out to the patient' },
          start: 16,
          duration: 8,
          period: 50,
          activeUse: true,
        },
      ],
    },
  ],
  events: [
    {
      id: 'bong-bubbling',
      title: { fr: 'Bruit de bang qui bouillonne', en: 'A bong bubbling' },
      duration: 5,
      activeUse: true,
    },
    {
      id: 'knock-on-door',
      title: { fr: 'On frappe à la porte', en: 'A knock on the door' },
      duration: 3,
      activeUse: false,
    },
  ],
  personalisation: [stressorPersonalisation],
};
