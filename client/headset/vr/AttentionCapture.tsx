import { useThree } from '@react-three/fiber';
import { useEffect } from 'react';
import { Raycaster, Vector3 } from 'three';
import type { ScenePlacement } from '../../../contract';
import { cuesAtLevel } from '../../../scenes/manifestSchema';
import { findScene } from '../../../scenes/manifests';
import { writeId } from '../../common/socket';
import { addSample, type DwellBatch, emptyAccumulator, takeBatch } from '../attention/accumulator';
import { gazedCue } from '../attention/gaze';
import { AttentionOutbox } from '../attention/outbox';
import { targetOf, useHeadset } from '../headsetStore';
import { reportAttention } from '../link';

/** Head-gaze samples: every 100 ms, not every frame, so the ray costs little on a standalone headset. */
const SAMPLE_MS = 100;
const BATCH_MS = 5000;
/** Cues further than this are not "looked at" (the ray would cross the whole street). */
const GAZE_RANGE_M = 30;

/** The cue ids a level can show: the server refuses a batch naming any other. */
function cuesOf(p: ScenePlacement): Set<string> {
  const manifest = findScene(p.sceneId);
  return new Set(manifest ? cuesAtLevel(manifest, p.level).map((c) => c.id) : []);
}

/**
 * Measures how long the patient's head points at each tagged cue of the level on show, and sends it
 * as durable batches (every 5 s and on each scene or level change), retried until the server answers.
 */
export function AttentionCapture() {
  const gl = useThree((s) => s.gl);
  const scene = useThree((s) => s.scene);
  const camera = useThree((s) => s.camera);

  useEffect(() => {
    const ray = new Raycaster();
    ray.far = GAZE_RANGE_M;
    const origin = new Vector3();
    const direction = new Vector3();
    let acc = emptyAccumulator();
    let last = performance.now();
    let lastBatch = last;
    const outbox = new AttentionOutbox(reportAttention);
    let known: { place: ScenePlacement; ids: Set<string> } | null = null;
    const queue = (b: DwellBatch | null) => {
      if (b) outbox.push({ id: writeId(), ...b });
      void outbox.flush();
    };

    const sample = () => {
      const now = performance.now();
      const dt = now - last;
      last = now;
      const s = useHeadset.getState();
      const target = targetOf(s);
      if (s.mode === 'paired' && !target.stopped && s.phase === 'steady') {
        const eye = gl.xr.isPresenting ? gl.xr.getCamera() : camera;
        eye.getWorldPosition(origin);
        eye.getWorldDirection(direction);
        ray.set(origin, direction);
        // Sprites (and lines' thresholds) measure against the viewing camera.
        ray.camera = eye;
        if (!known || known.place !== s.shown) known = { place: s.shown, ids: cuesOf(s.shown) };
        const cue = gazedCue(ray.intersectObject(scene, true));
        const step = addSample(acc, s.shown, cue !== null && known.ids.has(cue) ? cue : null, dt);
        acc = step.acc;
        if (step.flushed) {
          queue(step.flushed);
          lastBatch = now;
        }
      }
      if (now - lastBatch >= BATCH_MS) {
        const taken = takeBatch(acc);
        acc = taken.acc;
        queue(taken.batch);
        lastBatch = now;
      }
    };
    const timer = setInterval(sample, SAMPLE_MS);
    return () => clearInterval(timer);
  }, [gl, scene, camera]);
  return null;
}
