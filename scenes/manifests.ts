import { barManifest } from './bar/manifest';
import { galleryManifest } from './gallery/manifest';
import type { SceneManifest } from './manifestSchema';

/** Every scene's manifest, server-safe (no three.js, no react). */
export const sceneManifests: readonly SceneManifest[] = [galleryManifest, barManifest];

export function findScene(id: string): SceneManifest | undefined {
  return sceneManifests.find((m) => m.id === id);
}

/** Where the headset goes on emergency stop, pause or link loss. */
export const SAFE_SCENE = { sceneId: galleryManifest.id, level: 0 } as const;
