import { barManifest } from './bar/manifest';
import { galleryManifest } from './gallery/manifest';
import { SceneManifest } from './manifestSchema';

/** Every scene's manifest, server-safe (no three.js, no react), validated when first imported. */
export const sceneManifests: readonly SceneManifest[] = [galleryManifest, barManifest].map((m) => SceneManifest.parse(m));

export function findScene(id: string): SceneManifest | undefined {
  return sceneManifests.find((m) => m.id === id);
}

/** Where the headset goes on emergency stop, pause or link loss. */
export const SAFE_SCENE = { sceneId: galleryManifest.id, level: 0 } as const;
