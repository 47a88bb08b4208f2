import { useFrame, useThree } from '@react-three/fiber';
import { useRef } from 'react';
import { BackSide, type Mesh, type MeshBasicMaterial, Vector3 } from 'three';
import { CUE_FADE_SECONDS, stepToward, VIEW_FADE_SECONDS } from '../../../scenes/kit/fade';
import { SceneView } from '../../common/SceneView';
import { show, targetOf, useHeadset } from '../headsetStore';
import { reportApplied, reportSegment } from '../link';
import { findScene } from '../../../scenes/manifests';
import { showingAt } from '../../../scenes/timeline';

const NONE = {};

/** The scene the headset is showing, at its level. Cues inside fade by level on their own. */
export function Stage() {
  const shown = useHeadset((s) => s.shown);
  const shownAt = useHeadset((s) => s.shownAt);
  const events = useHeadset((s) => s.events);
  const personalisation = useHeadset((s) => s.directive?.personalisation ?? NONE);
  return <SceneView sceneId={shown.sceneId} level={shown.level} levelStartedAt={shownAt} events={events} personalisation={personalisation} />;
}

const head = new Vector3();

/** Reports active-use segments as they start and end on screen; the rating panel stays shut meanwhile. */
function trackActiveUse(shown: { sceneId: string; level: number }, shownAt: number, before: string[]) {
  const level = findScene(shown.sceneId)?.levels[shown.level];
  const now = showingAt(level ?? { segments: [] }, performance.now() / 1000 - shownAt)
    .filter((w) => w.activeUse)
    .map((w) => w.segmentId);
  if (now.length === before.length && now.every((id) => before.includes(id))) return;
  for (const id of now) if (!before.includes(id)) reportSegment(id, true);
  for (const id of before) if (!now.includes(id)) reportSegment(id, false);
  useHeadset.setState({ activeUseShowing: now });
}

/**
 * Moves what is shown toward what the server asked for, without popping: a scene change fades the view
 * to dark and back; a level change lets the cues fade. Once settled, reports what is actually shown.
 */
export function TransitionDirector() {
  const veil = useRef<Mesh>(null);
  const opacity = useRef(0);
  const settleLeft = useRef(0);
  const camera = useThree((s) => s.camera);

  useFrame((_, rawDt) => {
    const dt = Math.min(rawDt, 0.1);
    const s = useHeadset.getState();
    const target = targetOf(s);
    const same = s.shown.sceneId === target.scene.sceneId;

    let phase = s.phase;
    if (!same && phase !== 'out') phase = 'out';
    else if (same && s.shown.level !== target.scene.level) {
      show(target.scene);
      settleLeft.current = CUE_FADE_SECONDS;
      phase = 'settling';
    }

    if (phase === 'out') {
      opacity.current = stepToward(opacity.current, 1, dt, VIEW_FADE_SECONDS);
      if (opacity.current >= 1) {
        show(target.scene);
        phase = 'in';
      }
    } else if (phase === 'in') {
      opacity.current = stepToward(opacity.current, 0, dt, VIEW_FADE_SECONDS);
      if (opacity.current <= 0) {
        settleLeft.current = CUE_FADE_SECONDS;
        phase = 'settling';
      }
    } else if (phase === 'settling') {
      settleLeft.current -= dt;
      if (settleLeft.current <= 0) phase = 'steady';
    }

    if (phase !== s.phase) useHeadset.setState({ phase });
    if (phase === 'steady' && target.revision !== null && s.appliedRevision !== target.revision && same) {
      useHeadset.setState({ appliedRevision: target.revision });
      reportApplied(target.revision, s.shown, (performance.now() / 1000 - s.shownAt) * 1000);
    }

    trackActiveUse(s.shown, s.shownAt, s.activeUseShowing);

    const v = veil.current;
    if (v) {
      camera.getWorldPosition(head);
      v.position.copy(head);
      (v.material as MeshBasicMaterial).opacity = opacity.current;
      v.visible = opacity.current > 0;
      v.userData.opacity = opacity.current;
    }
  });

  return (
    <mesh ref={veil} name="view-veil" renderOrder={2000} visible={false}>
      <sphereGeometry args={[0.3, 16, 12]} />
      <meshBasicMaterial color="#05070a" side={BackSide} transparent depthTest={false} depthWrite={false} />
    </mesh>
  );
}
