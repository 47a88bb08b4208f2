import type { ThreeEvent } from '@react-three/fiber';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RATING_MAX } from '../../../contract';
import { useHeadset } from '../headsetStore';
import { submitRating } from '../link';
import { CanvasText } from './CanvasText';
import { usePosture } from './PatientPlacement';
import { CONFIRM_Y, LINE_WIDTH, LINE_Y, panelPosition } from './ratingPanelLayout';


/**
 * The craving scale in the scene: point the controller ray at the line and pull the trigger (or click /
 * touch in the desktop view) to place the mark, then confirm. Shown only for a prompt the server issued.
 */
export function RatingPanel() {
  const { t } = useTranslation();
  // Defence in depth: even if asked, the panel stays shut while active use is on screen.
  const prompt = useHeadset((s) => (s.linkLost || s.directive?.stopped || s.activeUseShowing.length > 0 ? null : (s.directive?.prompt ?? null)));
  const value = useHeadset((s) => s.ratingDraft);
  const [sending, setSending] = useState(false);
  const posture = usePosture();
  if (!prompt) return null;
  const max = RATING_MAX[prompt.scale];
  const chosen = value?.promptId === prompt.promptId ? value.value : null;

  // Press-based, not click-based: a slow or shaky trigger pull (or a slow frame) still places the mark.
  const place = (e: ThreeEvent<PointerEvent>) => {
    e.stopPropagation();
    if (e.type === 'pointermove' && e.buttons === 0) return;
    const local = e.object.worldToLocal(e.point.clone());
    const fraction = Math.min(1, Math.max(0, local.x / LINE_WIDTH + 0.5));
    useHeadset.setState({ ratingDraft: { promptId: prompt.promptId, value: Math.round(fraction * max) } });
  };
  const confirm = async (e: ThreeEvent<PointerEvent>) => {
    e.stopPropagation();
    if (chosen === null || sending) return;
    setSending(true);
    await submitRating(prompt.promptId, chosen);
    setSending(false);
  };

  // Drawn last and over the scene (transparent list, high render order, no depth test), so no scene
  // object, not even glass, can hide the scale or show through it.
  return (
    <group position={panelPosition(posture)} name="rating-panel">
      <mesh renderOrder={1000} position={[0, 0, -0.01]}>
        <planeGeometry args={[1.0, 0.56]} />
        <meshBasicMaterial transparent depthTest={false} color="#14202a" />
      </mesh>
      <CanvasText overlay lines={[t('rating.question')]} width={0.96} height={0.1} fontSize={40} position={[0, 0.2, 0]} />
      <CanvasText
        overlay
        lines={[chosen === null ? t('rating.choose') : String(chosen)]}
        width={0.6}
        height={0.08}
        fontSize={chosen === null ? 30 : 46}
        color={chosen === null ? '#a9b6c2' : '#9fe3c4'}
        position={[0, 0.1, 0]}
      />
      <mesh renderOrder={1001} name="rating-line" position={[0, LINE_Y, 0]} onPointerDown={place} onPointerMove={place}>
        <planeGeometry args={[LINE_WIDTH, 0.08]} />
        <meshBasicMaterial transparent depthTest={false} color="#3a4a58" />
      </mesh>
      <mesh renderOrder={1002} position={[0, LINE_Y, 0.002]} raycast={() => null}>
        <planeGeometry args={[LINE_WIDTH, 0.008]} />
        <meshBasicMaterial transparent depthTest={false} color="#c9d4dd" />
      </mesh>
      {chosen !== null && (
        <mesh renderOrder={1003} position={[(chosen / max - 0.5) * LINE_WIDTH, LINE_Y, 0.004]} raycast={() => null}>
          <planeGeometry args={[0.016, 0.1]} />
          <meshBasicMaterial transparent depthTest={false} color="#9fe3c4" />
        </mesh>
      )}
      <CanvasText overlay lines={[t(prompt.scale === 'vas' ? 'rating.anchors' : 'rating.anchors10')]} width={0.9} height={0.05} fontSize={28} color="#a9b6c2" position={[0, -0.08, 0]} />
      <group position={[0, CONFIRM_Y, 0]}>
        <mesh renderOrder={1001} name="rating-confirm" onPointerUp={confirm}>
          <planeGeometry args={[0.3, 0.08]} />
          <meshBasicMaterial transparent depthTest={false} color={chosen === null ? '#2a333b' : '#2f7d5c'} />
        </mesh>
        <CanvasText overlay lines={[t('rating.confirm')]} width={0.3} height={0.08} fontSize={40} position={[0, 0, 0.002]} />
      </group>
    </group>
  );
}
