import { findScene } from '../../../scenes/manifests';

export function sceneTitle(sceneId: string, language: string): string {
  const scene = findScene(sceneId);
  if (!scene) return sceneId;
  return language.startsWith('fr') ? scene.title.fr : scene.title.en;
}
