import type { ComponentType } from 'react';
import { BarScene } from './bar/BarScene';
import { GalleryScene } from './gallery/GalleryScene';

/** Client-only registry of scene components, keyed by manifest id. */
export const sceneComponents: Record<string, ComponentType> = {
  gallery: GalleryScene,
  bar: BarScene,
};
