import { Matrix4, Quaternion, Vector3, type Object3D } from 'three';
import type { RigHandle, RigPose } from './rig';

/*
 * Small helpers for choreographing rigs and the objects they handle (a joint, a banknote, a bong), shared by
 * the substance scenes. Everything here is in the scene frame unless said otherwise.
 */

const UP = new Vector3(0, 1, 0);
const Y = new Vector3(0, 1, 0);
const cm = new Matrix4();
const cq = new Quaternion();
const cs = new Vector3();

/**
 * Where the palm centre sits when the fingers pinch a slim object 3.5 cm from its `filter` (near) end. `lift`
 * is the palm's height over the object: positive when picking it up from above, negative when holding it up
 * between the fingers (the object then shows above the hand).
 */
export function grip(filter: Vector3, dir: Vector3, out: Vector3, lift = -0.028): Vector3 {
  return out.copy(filter).addScaledVector(dir, 0.035).addScaledVector(UP, lift);
}

/** The inverse of `grip`: the near end of an object held by a palm at `hand`. */
export function gripFilter(hand: Vector3, dir: Vector3, out: Vector3, lift = -0.028): Vector3 {
  return out.copy(hand).addScaledVector(dir, -0.035).addScaledVector(UP, -lift);
}

/** Places an object whose origin is its near end and whose +y runs along it (matrixAutoUpdate off). */
export function carry(obj: Object3D, at: Vector3, dir: Vector3, scale = 1) {
  cq.setFromUnitVectors(Y, cs.copy(dir).normalize());
  cs.setScalar(scale);
  obj.matrix.compose(at, cq, cs);
  obj.matrixWorldNeedsUpdate = true;
}

/** A rig-local direction turned into the scene frame (yaw only). */
export function toWorldDir(rig: RigHandle, local: Vector3, out: Vector3): Vector3 {
  const ry = rig.root ? rig.root.rotation.y : 0;
  const c = Math.cos(ry);
  const s = Math.sin(ry);
  return out.set(local.x * c + local.z * s, local.y, -local.x * s + local.z * c);
}

const ml = new Vector3();
const ol = new Vector3();

/**
 * A slim object (joint) held at the lips by the hand on `side`: its near end touching the mouth and pointing
 * out, down and a little to that side. Returns scene-frame `filter`, `dir` and the `hand` (palm) target.
 */
export function mouthGrip(rig: RigHandle, pose: RigPose, side: number, hand: Vector3, dir: Vector3) {
  const f = rig.frame;
  f.mouth(pose, ml);
  f.headPoint(pose, side * 0.05, 0.072 - 0.04, 0.112 + 0.075, ol).sub(ml).normalize();
  const filter = rig.toParent(ml.addScaledVector(ol, 0.004), new Vector3());
  toWorldDir(rig, ol, dir);
  grip(filter, dir, hand);
  return { hand, dir, filter };
}

/** Eases a rig pose toward a target so that switching between actions (or levels) never pops. */
export class PoseSmoother {
  readonly pose: RigPose = {
    lean: 0,
    twist: 0,
    headPitch: 0,
    headYaw: 0,
    headRoll: 0,
    right: { hand: new Vector3(), pole: new Vector3() },
    left: { hand: new Vector3(), pole: new Vector3() },
  };
  private primed = false;

  constructor(private readonly rate = 14) {}

  step(target: RigPose, dt: number): RigPose {
    const p = this.pose;
    const k = this.primed ? 1 - Math.exp(-this.rate * Math.min(dt, 0.1)) : 1;
    this.primed = true;
    p.lean += (target.lean - p.lean) * k;
    p.twist += (target.twist - p.twist) * k;
    p.headPitch += (target.headPitch - p.headPitch) * k;
    p.headYaw += (target.headYaw - p.headYaw) * k;
    p.headRoll += (target.headRoll - p.headRoll) * k;
    p.right.hand.lerp(target.right.hand, k);
    p.right.pole.lerp(target.right.pole, k);
    p.left.hand.lerp(target.left.hand, k);
    p.left.pole.lerp(target.left.pole, k);
    return p;
  }
}
