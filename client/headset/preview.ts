import { findScene } from '../../scenes/manifests';
import { show, useHeadset } from './headsetStore';

/** Shows one scene level with no session and no server link (the scene appears at once, no fade). */
export function startPreview(sceneId: string, level: number): void {
  const scene = findScene(sceneId) ? { sceneId, level } : { sceneId: 'gallery', level: 0 };
  useHeadset.setState({
    mode: 'paired',
    shown: scene,
    shownAt: performance.now() / 1000,
    directive: { revision: 0, commandId: null, scene, stopped: false, prompt: null, guidance: null, event: null },
  });
  // Lets a test or a scene author switch scene or level and fire scene events without a session.
  Object.assign(window, { cueroomPreview: { show: showInPreview, fire: fireInPreview } });
}

function showInPreview(sceneId: string, level: number): void {
  const scene = { sceneId, level };
  useHeadset.setState((s) => ({ directive: s.directive && { ...s.directive, scene } }));
  show(scene);
}

function fireInPreview(eventId: string): void {
  useHeadset.setState((s) => ({ events: [...s.events.slice(-4), { id: crypto.randomUUID(), eventId, startedAt: performance.now() / 1000 }] }));
}
