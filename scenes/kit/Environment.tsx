import { useThree } from '@react-three/fiber';
import { useLayoutEffect } from 'react';
import { Color, PMREMGenerator, type ColorRepresentation } from 'three';
import { RoomEnvironment } from 'three/examples/jsm/environments/RoomEnvironment.js';

interface SceneEnvironmentProps {
  /** Strength of the image-based light (reflections on glass, bottles, metal; soft fill). */
  intensity?: number;
  /** Clear colour seen past the room (through gaps); the rooms are closed, so it rarely shows. */
  background?: ColorRepresentation;
}

/**
 * Image-based lighting without any network: three's procedural `RoomEnvironment`, prefiltered once with a
 * PMREM generator, set as `scene.environment`. Restores the previous environment on unmount, so scenes can be
 * swapped. Direct lights are left to each scene.
 */
export function SceneEnvironment({ intensity = 1, background = '#000000' }: SceneEnvironmentProps) {
  const gl = useThree((s) => s.gl);
  const scene = useThree((s) => s.scene);

  useLayoutEffect(() => {
    const pmrem = new PMREMGenerator(gl);
    const room = new RoomEnvironment();
    const target = pmrem.fromScene(room, 0.04);
    room.traverse((o) => {
      const m = o as unknown as { geometry?: { dispose(): void }; material?: { dispose(): void } };
      m.geometry?.dispose();
      m.material?.dispose();
    });
    pmrem.dispose();
    const prev = { env: scene.environment, intensity: scene.environmentIntensity, bg: scene.background };
    scene.environment = target.texture;
    scene.environmentIntensity = intensity;
    scene.background = new Color(background);
    return () => {
      scene.environment = prev.env;
      scene.environmentIntensity = prev.intensity;
      scene.background = prev.bg;
      target.dispose();
    };
  }, [gl, scene, intensity, background]);

  return null;
}
