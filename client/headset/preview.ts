import { findScene } from '../../scenes/manifests';
import { useHeadset } from './headsetStore';

/** Shows one scene level with no session and no server link (the scene appears at once, no fade). */
export function startPreview(sceneId: string, level: number): void {
  const scene = findScene(sceneId) ? { sceneId, level } : { sceneId: 'gallery', level: 0 };
  useHeadset.setState({
    mode: 'paired',
    shown: scene,
    shownAt: performance.now() / 1000,
    directive: { revision: 0, commandId: null, scene, stopped: false, prompt: null, guidance: null, event: null },
  });
}
