import { aquariumManifest } from './aquarium/manifest';
import { barManifest } from './bar/manifest';
import { cafeTerraceManifest } from './cafe-terrace/manifest';
import { crackRoomManifest } from './crack-room/manifest';
import { galleryManifest } from './gallery/manifest';
import { homeEveningManifest } from './home-evening/manifest';
import { injectionFlatManifest } from './injection-flat/manifest';
import { natureManifest } from './nature/manifest';
import { nightclubManifest } from './nightclub/manifest';
import { openDrugSceneManifest } from './open-drug-scene/manifest';
import { paraphernaliaRoomManifest } from './paraphernalia-room/manifest';
import { partyPatioManifest } from './party-patio/manifest';
import { stressHomeManifest } from './stress-home/manifest';
import { stressWorkManifest } from './stress-work/manifest';
import { SceneManifest } from './manifestSchema';
import type { PersonalisationDeclaration } from './personalisation';

/** Every scene's manifest, server-safe (no three.js, no react), validated when first imported. */
export const sceneManifests: readonly SceneManifest[] = [
  galleryManifest,
  aquariumManifest,
  natureManifest,
  barManifest,
  homeEveningManifest,
  cafeTerraceManifest,
  partyPatioManifest,
  paraphernaliaRoomManifest,
  nightclubManifest,
  crackRoomManifest,
  openDrugSceneManifest,
  injectionFlatManifest,
  stressHomeManifest,
  stressWorkManifest,
].map((m) => SceneManifest.parse(m));

export function findScene(id: string): SceneManifest | undefined {
  return sceneManifests.find((m) => m.id === id);
}

/** A personalisation id as the scenes declare it (scenes sharing an id share its declaration). */
export function findPersonalisation(id: string): PersonalisationDeclaration | undefined {
  return sceneManifests.flatMap((m) => m.personalisation).find((p) => p.id === id);
}

/** Where the headset goes on emergency stop, pause or link loss. */
export const SAFE_SCENE = { sceneId: galleryManifest.id, level: 0 } as const;
