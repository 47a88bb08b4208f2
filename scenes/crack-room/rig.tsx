import { useFrame } from '@react-three/fiber';
import { useEffect, useLayoutEffect, useMemo, useRef, type ReactNode } from 'react';
import {
  Bone,
  BoxGeometry,
  BufferAttribute,
  BufferGeometry,
  CapsuleGeometry,
  Color,
  CylinderGeometry,
  DynamicDrawUsage,
  Euler,
  Group,
  LatheGeometry,
  Matrix4,
  MeshBasicMaterial,
  NormalBlending,
  PlaneGeometry,
  Quaternion,
  Skeleton,
  SkinnedMesh,
  SphereGeometry,
  TorusGeometry,
  Vector2,
  Vector3,
  type Material,
  type Mesh,
  type Object3D,
} from 'three';
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js';
import { canvasTexture, glowHalo, matteVC, mergeParts, seededRandom, type Part, type Vec3 } from '../kit/materials';

/*
 * Animated people for the active-use scenes (crack room, open drug scene, injection flat).
 *
 * The kit's `Avatar` is one static merged mesh: perfect for a patron frozen mid-sip, but these scenes need a person
 * who raises a pipe to the mouth, lights it, lowers it, prepares a pipe or holds something out, exactly during the
 * manifest's segment windows. `Person` keeps the kit avatar's look and proportions but builds the body as one
 * rigidly skinned mesh (every part follows one bone), so a fully animated person is still a single draw call.
 * Each frame a pose function sets targets (hip height, lean, head turn, hand and foot positions); two-bone IK
 * places elbows and knees, and held objects are put where the pose function says.
 *
 * Everything is avatar-local: the person's origin is on the floor between the feet, +z is where they face.
 */

// ---------------------------------------------------------------------------------------------------------------
// Body template (bind pose: standing, arms hanging straight down)
// ---------------------------------------------------------------------------------------------------------------

export const UPPER_ARM = 0.29;
export const FOREARM = 0.3;
const THIGH = 0.43;
const SHIN = 0.41;
const HIP_Y = 0.93;
const TORSO_Y = 0.97;
const HEAD_Y = 1.5;
const SHOULDER_Y = 1.375;
const SHOULDER_X = 0.19;
const HIP_X = 0.095;

enum B {
  pelvis,
  torso,
  head,
  uArmR,
  fArmR,
  uArmL,
  fArmL,
  thighR,
  shinR,
  footR,
  thighL,
  shinL,
  footL,
}
const BONE_COUNT = 13;

/** Bind-pose pivot of every bone (avatar-local). Right is -x, like the kit avatar. */
const PIVOTS: Vec3[] = [
  [0, HIP_Y, 0],
  [0, TORSO_Y, 0],
  [0, HEAD_Y, 0],
  [-SHOULDER_X, SHOULDER_Y, 0],
  [-SHOULDER_X, SHOULDER_Y - UPPER_ARM, 0],
  [SHOULDER_X, SHOULDER_Y, 0],
  [SHOULDER_X, SHOULDER_Y - UPPER_ARM, 0],
  [-HIP_X, HIP_Y, 0],
  [-HIP_X, HIP_Y - THIGH, 0],
  [-HIP_X, HIP_Y - THIGH - SHIN, 0],
  [HIP_X, HIP_Y, 0],
  [HIP_X, HIP_Y - THIGH, 0],
  [HIP_X, HIP_Y - THIGH - SHIN, 0],
];

export interface Look {
  skin: string;
  shirt: string;
  pants: string;
  hair: string;
  shoes: string;
  hairStyle?: 'short' | 'long' | 'bald' | 'beanie' | 'cap' | 'hood';
  /** Colour of a beanie, cap or hood (defaults to the shirt). */
  hat?: string;
  sleeves?: 'long' | 'short';
  /** A jacket worn open over the shirt (its colour). */
  jacket?: string;
  /** A tourniquet band around the left upper arm (its colour). */
  tourniquet?: string;
  beard?: boolean;
}

const capsuleCache = new Map<string, CapsuleGeometry>();
function capsule(radius: number, length: number): CapsuleGeometry {
  const key = `${radius.toFixed(3)}:${length.toFixed(3)}`;
  let g = capsuleCache.get(key);
  if (!g) {
    g = new CapsuleGeometry(radius, Math.max(0.001, length), 3, 10);
    capsuleCache.set(key, g);
  }
  return g;
}

const SPHERE = new SphereGeometry(1, 14, 10);
const SPHERE_LO = new SphereGeometry(1, 8, 6);
const HAIR_CAP = new SphereGeometry(1, 14, 6, 0, Math.PI * 2, 0, Math.PI * 0.56);
const BEANIE = new SphereGeometry(1, 14, 7, 0, Math.PI * 2, 0, Math.PI * 0.5);
const BOX = new BoxGeometry(1, 1, 1);
const TORSO = new CylinderGeometry(0.178, 0.152, 1, 14, 1);
const CYL = new CylinderGeometry(1, 1, 1, 10, 1);
const RING = new TorusGeometry(1, 0.18, 6, 16);

/** A vertical limb hanging down from `top` by `length`. */
function hang(x: number, top: number, z: number, radius: number, length: number, color: string): Part {
  return { geometry: capsule(radius, length), position: [x, top - length / 2, z], color };
}

function bodyParts(look: Look): Part[][] {
  const all: Part[][] = Array.from({ length: BONE_COUNT }, () => []);
  const parts = (b: B): Part[] => all[b]!;
  const { skin, shirt, pants, hair, shoes } = look;
  const hairStyle = look.hairStyle ?? 'short';
  const hat = look.hat ?? shirt;
  const sleeves = look.sleeves ?? 'long';
  const outer = look.jacket ?? shirt;

  parts(B.pelvis).push({ geometry: SPHERE, position: [0, HIP_Y + 0.04, 0], scale: [0.175, 0.1, 0.125], color: pants });

  const torsoTop = 1.41;
  const t = parts(B.torso);
  t.push({ geometry: TORSO, position: [0, (TORSO_Y + torsoTop) / 2, 0], scale: [1, torsoTop - TORSO_Y, 0.62], color: outer });
  if (look.jacket) {
    // The shirt showing between the open jacket's fronts, and a collar.
    t.push({ geometry: BOX, position: [0, 1.2, 0.1], scale: [0.1, 0.4, 0.02], color: shirt });
    t.push({ geometry: BOX, position: [0, 1.2, 0.106], scale: [0.006, 0.4, 0.01], color: '#1a1a1a' });
  }
  const shoulderBar = capsule(0.072, 0.27);
  t.push({ geometry: shoulderBar, position: [0, 1.385, 0], rotation: [0, 0, Math.PI / 2], color: outer });
  t.push({ geometry: CYL, position: [0, 1.47, 0], scale: [0.047, 0.12, 0.047], color: skin });
  if (hairStyle === 'hood') {
    // A hood down on the back of the shoulders.
    t.push({ geometry: SPHERE_LO, position: [0, 1.445, -0.085], scale: [0.12, 0.05, 0.05], color: hat });
  }

  const h = parts(B.head);
  const hy = HEAD_Y;
  h.push({ geometry: SPHERE, position: [0, hy + 0.12, 0.01], scale: [0.097, 0.115, 0.107], color: skin });
  h.push({ geometry: SPHERE_LO, position: [0.1, hy + 0.115, 0], scale: [0.012, 0.026, 0.02], color: skin });
  h.push({ geometry: SPHERE_LO, position: [-0.1, hy + 0.115, 0], scale: [0.012, 0.026, 0.02], color: skin });
  h.push({ geometry: BOX, position: [0, hy + 0.108, 0.116], rotation: [0.25, 0, 0], scale: [0.022, 0.042, 0.025], color: skin });
  for (const side of [-1, 1]) {
    h.push({ geometry: SPHERE_LO, position: [side * 0.036, hy + 0.137, 0.098], scale: 0.0135, color: '#1f1611' });
    h.push({ geometry: BOX, position: [side * 0.038, hy + 0.164, 0.103], rotation: [0, 0, side * -0.12], scale: [0.036, 0.009, 0.012], color: hair });
  }
  h.push({ geometry: BOX, position: [0, hy + 0.072, 0.106], scale: [0.034, 0.007, 0.01], color: '#8a4a44' });
  if (look.beard) {
    h.push({ geometry: SPHERE_LO, position: [0, hy + 0.06, 0.045], scale: [0.092, 0.07, 0.08], color: hair });
  }
  if (hairStyle === 'short' || hairStyle === 'long' || hairStyle === 'hood') {
    h.push({ geometry: HAIR_CAP, position: [0, hy + 0.125, 0], rotation: [-0.32, 0, 0], scale: [0.105, 0.118, 0.118], color: hair });
    // back of the head down to the nape
    h.push({ geometry: SPHERE, position: [0, hy + 0.1, -0.035], scale: [0.094, 0.09, 0.08], color: hair });
    if (hairStyle === 'long') h.push({ geometry: capsule(0.095, 0.16), position: [0, hy + 0.04, -0.045], scale: [1.05, 1, 0.55], color: hair });
  } else if (hairStyle === 'beanie') {
    h.push({ geometry: BEANIE, position: [0, hy + 0.14, 0], rotation: [-0.2, 0, 0], scale: [0.108, 0.13, 0.118], color: hat });
    h.push({ geometry: RING, position: [0, hy + 0.155, 0.0], rotation: [Math.PI / 2 - 0.2, 0, 0], scale: [0.104, 0.114, 0.09], color: hat });
  } else if (hairStyle === 'cap') {
    h.push({ geometry: HAIR_CAP, position: [0, hy + 0.125, 0], rotation: [-0.32, 0, 0], scale: [0.105, 0.118, 0.118], color: hair });
    h.push({ geometry: BEANIE, position: [0, hy + 0.16, 0], rotation: [-0.12, 0, 0], scale: [0.106, 0.08, 0.114], color: hat });
    h.push({ geometry: BOX, position: [0, hy + 0.2, 0.14], rotation: [-0.18, 0, 0], scale: [0.14, 0.01, 0.085], color: hat });
  }

  for (const side of [-1, 1]) {
    const x = side * SHOULDER_X;
    const ua = side < 0 ? B.uArmR : B.uArmL;
    const fa = side < 0 ? B.fArmR : B.fArmL;
    parts(ua).push(hang(x, SHOULDER_Y, 0, 0.056, UPPER_ARM, outer));
    if (side > 0 && look.tourniquet) {
      parts(ua).push({ geometry: RING, position: [x, SHOULDER_Y - UPPER_ARM * 0.62, 0], rotation: [Math.PI / 2, 0, 0], scale: [0.06, 0.06, 0.09], color: look.tourniquet });
      parts(ua).push({ geometry: BOX, position: [x + 0.05, SHOULDER_Y - UPPER_ARM * 0.62, 0.03], rotation: [0, 0, -0.6], scale: [0.035, 0.008, 0.02], color: look.tourniquet });
    }
    const elbowY = SHOULDER_Y - UPPER_ARM;
    parts(fa).push(hang(x, elbowY, 0, 0.047, FOREARM - 0.05, sleeves === 'long' ? outer : skin));
    if (sleeves === 'long') parts(fa).push({ geometry: CYL, position: [x, elbowY - FOREARM + 0.06, 0], scale: [0.043, 0.018, 0.043], color: skin });
    parts(fa).push({ geometry: SPHERE, position: [x, elbowY - FOREARM, 0], scale: [0.038, 0.06, 0.05], color: skin });

    const lx = side * HIP_X;
    const th = side < 0 ? B.thighR : B.thighL;
    const sh = side < 0 ? B.shinR : B.shinL;
    const ft = side < 0 ? B.footR : B.footL;
    parts(th).push(hang(lx, HIP_Y, 0, 0.08, THIGH, pants));
    parts(sh).push(hang(lx, HIP_Y - THIGH, 0, 0.062, SHIN, pants));
    const ankleY = HIP_Y - THIGH - SHIN;
    parts(ft).push({ geometry: BOX, position: [lx, ankleY - 0.05, 0.055], scale: [0.1, 0.085, 0.25], color: shoes });
  }
  return all;
}

/** One skinned geometry: every part rigidly bound to its bone. */
function buildBody(look: Look): BufferGeometry {
  const perBone = bodyParts(look);
  const geos: BufferGeometry[] = [];
  perBone.forEach((parts, bone) => {
    if (parts.length === 0) return;
    let g = mergeParts(parts);
    if (g.index) g = g.toNonIndexed();
    const n = g.getAttribute('position').count;
    const idx = new Uint16Array(n * 4);
    const w = new Float32Array(n * 4);
    for (let i = 0; i < n; i++) {
      idx[i * 4] = bone;
      w[i * 4] = 1;
    }
    g.setAttribute('skinIndex', new BufferAttribute(idx, 4));
    g.setAttribute('skinWeight', new BufferAttribute(w, 4));
    geos.push(g);
  });
  const merged = mergeGeometries(geos, false);
  geos.forEach((g) => g.dispose());
  if (!merged) throw new Error('rig: could not merge body');
  merged.computeBoundingSphere();
  return merged;
}

// ---------------------------------------------------------------------------------------------------------------
// Pose
// ---------------------------------------------------------------------------------------------------------------

export interface Held {
  position: Vector3;
  quaternion: Quaternion;
  visible: boolean;
  /** Set by `gripAt`: placed by the pose; otherwise the object sits in the palm along the forearm. */
  free: boolean;
}

/** What a pose function sets each frame (all avatar-local). Reset to the rest pose before every call. */
export interface PoseState {
  /** Hide the whole person (e.g. a passer-by off the end of the street). */
  hidden: boolean;
  /** Extra root motion (walking): offset in the person's own frame, and extra yaw. */
  offset: Vector3;
  turn: number;
  hipY: number;
  /** Torso pitch forward (radians) and yaw. */
  lean: number;
  twist: number;
  /** Head pitch (positive looks down) and yaw (positive turns to the person's left). */
  headPitch: number;
  headYaw: number;
  handR: Vector3;
  handL: Vector3;
  /** Elbow hints: the elbow bends toward this direction. */
  poleR: Vector3;
  poleL: Vector3;
  footR: Vector3;
  footL: Vector3;
  kneePole: Vector3;
  heldR: Held;
  heldL: Held;
}

export interface PersonSetup {
  /** Seat height when seated (0.46 chair; ~0.2 a mattress or the ground), or null when standing. */
  seat: number | null;
  /** How far forward the feet rest when seated. */
  feetForward?: number;
  /** Feet spread (ankle x). */
  feetApart?: number;
}

const tmpE = new Euler();

export function restPose(p: PoseState, s: PersonSetup) {
  p.hidden = false;
  p.offset.set(0, 0, 0);
  p.turn = 0;
  p.twist = 0;
  p.lean = 0;
  p.headPitch = 0.05;
  p.headYaw = 0;
  p.poleR.set(-0.5, -0.3, -1);
  p.poleL.set(0.5, -0.3, -1);
  p.kneePole.set(0, 0.4, 1);
  const apart = s.feetApart ?? 0.12;
  if (s.seat !== null) {
    p.hipY = s.seat + 0.07;
    const fwd = s.feetForward ?? 0.47;
    p.footR.set(-apart, 0.09, fwd);
    p.footL.set(apart, 0.09, fwd);
    p.handR.set(-0.15, p.hipY + 0.12, 0.3);
    p.handL.set(0.15, p.hipY + 0.12, 0.3);
    p.poleR.set(-0.4, -0.2, -1);
    p.poleL.set(0.4, -0.2, -1);
  } else {
    p.hipY = HIP_Y;
    p.footR.set(-0.105, 0.09, 0);
    p.footL.set(0.105, 0.09, 0);
    p.handR.set(-0.23, 0.86, 0.03);
    p.handL.set(0.23, 0.86, 0.03);
  }
  for (const h of [p.heldR, p.heldL]) {
    h.visible = true;
    h.free = false;
  }
}

export function newPose(): PoseState {
  const held = (): Held => ({ position: new Vector3(), quaternion: new Quaternion(), visible: true, free: false });
  return {
    hidden: false,
    offset: new Vector3(),
    turn: 0,
    hipY: HIP_Y,
    lean: 0,
    twist: 0,
    headPitch: 0,
    headYaw: 0,
    handR: new Vector3(),
    handL: new Vector3(),
    poleR: new Vector3(),
    poleL: new Vector3(),
    footR: new Vector3(),
    footL: new Vector3(),
    kneePole: new Vector3(0, 0.4, 1),
    heldR: held(),
    heldL: held(),
  };
}

/** Torso rotation for a pose. */
export function torsoQuat(p: PoseState, out = new Quaternion()): Quaternion {
  return out.setFromEuler(tmpE.set(p.lean, p.twist, 0, 'YXZ'));
}

const torsoPivot = new Vector3();
/** Head pivot and rotation for a pose (avatar-local). */
export function headFrame(p: PoseState, pos: Vector3, quat: Quaternion) {
  torsoPivot.set(0, p.hipY + (TORSO_Y - HIP_Y), 0);
  torsoQuat(p, quat);
  pos.set(0, HEAD_Y - TORSO_Y, 0).applyQuaternion(quat).add(torsoPivot);
  quat.multiply(new Quaternion().setFromEuler(tmpE.set(p.headPitch, p.headYaw, 0, 'YXZ')));
}

const hp = new Vector3();
const hq = new Quaternion();
/** A point given in the head frame (e.g. the mouth [0, 0.072, 0.112]) in avatar-local coordinates. */
export function headPoint(p: PoseState, local: Vec3, out = new Vector3()): Vector3 {
  headFrame(p, hp, hq);
  return out.set(...local).applyQuaternion(hq).add(hp);
}
/** The direction the face points (avatar-local). */
export function headForward(p: PoseState, out = new Vector3()): Vector3 {
  headFrame(p, hp, hq);
  return out.set(0, 0, 1).applyQuaternion(hq);
}
export const MOUTH: Vec3 = [0, 0.072, 0.118];

/** Shoulder position for a pose (side -1 right, +1 left). */
export function shoulderOf(p: PoseState, side: number, out = new Vector3()): Vector3 {
  const q = torsoQuat(p, hq);
  return out.set(side * SHOULDER_X, SHOULDER_Y - TORSO_Y, 0).applyQuaternion(q).add(torsoPivot.set(0, p.hipY + (TORSO_Y - HIP_Y), 0));
}

// Two-bone IK (analytic), same as the kit avatar's.
function solve2(s: Vector3, target: Vector3, pole: Vector3, l1: number, l2: number, mid: Vector3, end: Vector3) {
  const dir = target.clone().sub(s);
  let d = dir.length();
  if (d < 1e-6) dir.set(0, -1, 0);
  dir.normalize();
  d = Math.min(Math.max(d, Math.abs(l1 - l2) + 0.02), l1 + l2 - 0.002);
  end.copy(s).addScaledVector(dir, d);
  const a = (l1 * l1 - l2 * l2 + d * d) / (2 * d);
  const h = Math.sqrt(Math.max(0, l1 * l1 - a * a));
  const perp = pole.clone().addScaledVector(dir, -pole.dot(dir));
  if (perp.lengthSq() < 1e-8) perp.set(0, 0, 1);
  perp.normalize();
  mid.copy(s).addScaledVector(dir, a).addScaledVector(perp, h);
}

const DOWN = new Vector3(0, -1, 0);
const v1 = new Vector3();
const v2 = new Vector3();
const q1 = new Quaternion();
const q2 = new Quaternion();

function aim(from: Vector3, to: Vector3, out: Quaternion) {
  v1.copy(to).sub(from).normalize();
  return out.setFromUnitVectors(DOWN, v1);
}

/** Sets bone `i` so its bind-pose parts appear rotated by `q` about the pivot moved to `at`. */
function setBone(bones: Bone[], i: number, at: Vector3, q: Quaternion) {
  const b = bones[i]!;
  // bone.matrix maps bind pivot → `at`; boneInverse (from the bind pose) removes the bind pivot.
  b.position.copy(at);
  b.quaternion.copy(q);
}

export interface Solved {
  handR: Vector3;
  handL: Vector3;
  foreR: Quaternion;
  foreL: Quaternion;
  mouth: Vector3;
}

function applyPose(p: PoseState, bones: Bone[], solved: Solved) {
  const tq = torsoQuat(p, new Quaternion());
  const pelvis = new Vector3(0, p.hipY, 0);
  const tp = new Vector3(0, p.hipY + (TORSO_Y - HIP_Y), 0);
  setBone(bones, B.pelvis, pelvis, q1.identity());
  setBone(bones, B.torso, tp, tq);
  const headPos = new Vector3();
  const headQ = new Quaternion();
  headFrame(p, headPos, headQ);
  setBone(bones, B.head, headPos, headQ);
  solved.mouth.set(...MOUTH).applyQuaternion(headQ).add(headPos);

  for (const side of [-1, 1]) {
    const shoulder = new Vector3(side * SHOULDER_X, SHOULDER_Y - TORSO_Y, 0).applyQuaternion(tq).add(tp);
    const target = side < 0 ? p.handR : p.handL;
    const pole = side < 0 ? p.poleR : p.poleL;
    const elbow = new Vector3();
    const hand = new Vector3();
    solve2(shoulder, target, pole, UPPER_ARM, FOREARM, elbow, hand);
    aim(shoulder, elbow, q1);
    v2.set(0, -1, 0).applyQuaternion(q1);
    v1.copy(hand).sub(elbow).normalize();
    q2.setFromUnitVectors(v2, v1).multiply(q1);
    setBone(bones, side < 0 ? B.uArmR : B.uArmL, shoulder, q1);
    setBone(bones, side < 0 ? B.fArmR : B.fArmL, elbow, q2);
    (side < 0 ? solved.handR : solved.handL).copy(hand);
    (side < 0 ? solved.foreR : solved.foreL).copy(q2);

    const hip = new Vector3(side * HIP_X, p.hipY, 0.02);
    const foot = side < 0 ? p.footR : p.footL;
    const knee = new Vector3();
    const ankle = new Vector3();
    solve2(hip, foot, p.kneePole, THIGH, SHIN, knee, ankle);
    aim(hip, knee, q1);
    v2.set(0, -1, 0).applyQuaternion(q1);
    v1.copy(ankle).sub(knee).normalize();
    q2.setFromUnitVectors(v2, v1).multiply(q1);
    setBone(bones, side < 0 ? B.thighR : B.thighL, hip, q1);
    setBone(bones, side < 0 ? B.shinR : B.shinL, knee, q2);
    setBone(bones, side < 0 ? B.footR : B.footL, ankle, q1.identity());
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Person component
// ---------------------------------------------------------------------------------------------------------------

export type PoseFn = (p: PoseState, time: number, solvedLast: Solved) => void;

interface PersonProps {
  look: Look;
  setup: PersonSetup;
  position?: Vec3;
  yaw?: number;
  /** Sets the frame's pose (after `restPose`); may place held objects. Called every frame. */
  pose?: PoseFn;
  /** Objects in the right / left hand: local origin where the pose puts `heldR` / `heldL`. */
  heldR?: ReactNode;
  heldL?: ReactNode;
  /** Extra avatar-local children (smoke, flames) that move with the person. */
  children?: ReactNode;
  name?: string;
}

/** A low-poly person (the kit avatar's look) that a pose function animates every frame; one draw call. */
export function Person({ look, setup, position = [0, 0, 0], yaw = 0, pose, heldR, heldL, children, name }: PersonProps) {
  const lookKey = JSON.stringify(look);
  const rig = useMemo(() => {
    const geometry = buildBody(JSON.parse(lookKey) as Look);
    const bones = PIVOTS.map((pv) => {
      const b = new Bone();
      b.position.set(...pv);
      return b;
    });
    const mesh = new SkinnedMesh(geometry, matteVC);
    bones.forEach((b) => mesh.add(b));
    mesh.updateMatrixWorld(true);
    const skeleton = new Skeleton(bones);
    mesh.bind(skeleton, new Matrix4());
    mesh.frustumCulled = false;
    return { mesh, bones, skeleton };
  }, [lookKey]);
  useEffect(
    () => () => {
      rig.mesh.geometry.dispose();
      rig.skeleton.dispose();
    },
    [rig],
  );

  const root = useRef<Group>(null);
  const heldRRef = useRef<Group>(null);
  const heldLRef = useRef<Group>(null);
  const state = useMemo(newPose, []);
  const solved = useMemo<Solved>(
    () => ({ handR: new Vector3(), handL: new Vector3(), foreR: new Quaternion(), foreL: new Quaternion(), mouth: new Vector3() }),
    [],
  );

  const step = (time: number) => {
    restPose(state, setup);
    // Default: held objects sit in the palm, aligned with the forearm.
    pose?.(state, time, solved);
    applyPose(state, rig.bones, solved);
    const r = root.current;
    if (r) {
      r.position.set(position[0], position[1], position[2]);
      r.rotation.set(0, yaw + state.turn, 0);
      r.position.add(state.offset.clone().applyAxisAngle(new Vector3(0, 1, 0), yaw));
      r.visible = !state.hidden;
      // Hidden and shown again by its own animation (a passer-by between walks), not by the exposure level.
      if (state.hidden) r.userData.animatedVisibility = true;
    }
    for (const [ref, held, target, hand, fore] of [
      [heldRRef, state.heldR, state.handR, solved.handR, solved.foreR],
      [heldLRef, state.heldL, state.handL, solved.handL, solved.foreL],
    ] as const) {
      const g = ref.current;
      if (!g) continue;
      if (held.free) {
        // Follow the hand where IK could not quite reach the target.
        held.position.add(hand).sub(target);
      } else {
        held.position.copy(hand);
        held.quaternion.copy(fore);
      }
      g.position.copy(held.position);
      g.quaternion.copy(held.quaternion);
      g.visible = held.visible;
    }
  };

  useLayoutEffect(() => step(performance.now() / 1000));
  useFrame(() => step(performance.now() / 1000));

  return (
    <group ref={root} name={name}>
      <primitive object={rig.mesh} />
      <group ref={heldRRef}>{heldR}</group>
      <group ref={heldLRef}>{heldL}</group>
      {children}
    </group>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Pose helpers
// ---------------------------------------------------------------------------------------------------------------

export const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
export const smooth = (x: number) => {
  const t = clamp01(x);
  return t * t * (3 - 2 * t);
};
/** 0 → 1 over [a, b], then back to 0 over [c, d] (smoothstepped). */
export function envelope(u: number, a: number, b: number, c: number, d: number): number {
  return smooth((u - a) / (b - a)) * (1 - smooth((u - c) / (d - c)));
}

/** Places a held object so that its local point `grip` (in its own frame) lies at `hand`. */
export function gripAt(held: Held, quat: Quaternion, hand: Vector3, grip: Vec3) {
  held.quaternion.copy(quat);
  held.position.set(...grip).applyQuaternion(quat).negate().add(hand);
  held.free = true;
}

/** Rotation taking +y to `dir` with the object's +z kept as close to `up` as possible. */
export function alongDir(dir: Vector3, up: Vector3 = new Vector3(0, 1, 0), out = new Quaternion()): Quaternion {
  const y = dir.clone().normalize();
  const z = up.clone().addScaledVector(y, -up.dot(y));
  if (z.lengthSq() < 1e-6) z.set(0, 0, 1).addScaledVector(y, -y.z);
  z.normalize();
  const x = new Vector3().crossVectors(y, z);
  const m = new Matrix4().makeBasis(x, y, z);
  return out.setFromRotationMatrix(m);
}

/** A simple walk cycle: sets feet, hip bob and arm swing for `phase` (radians), moving along +z. */
export function walkPose(p: PoseState, phase: number, stride = 0.32) {
  const s = Math.sin(phase);
  const c = Math.cos(phase);
  p.hipY = HIP_Y - 0.03 - 0.015 * Math.abs(c);
  p.footR.set(-0.1, 0.09 + Math.max(0, c) * 0.08, s * stride);
  p.footL.set(0.1, 0.09 + Math.max(0, -c) * 0.08, -s * stride);
  p.handR.set(-0.22, 0.87, -s * 0.14);
  p.handL.set(0.22, 0.87, s * 0.14);
  p.lean = 0.04;
}

// ---------------------------------------------------------------------------------------------------------------
// Smoke, flame and glow
// ---------------------------------------------------------------------------------------------------------------

function drawPuff(ctx: CanvasRenderingContext2D, w: number, h: number) {
  const rnd = seededRandom(77);
  ctx.clearRect(0, 0, w, h);
  for (let i = 0; i < 14; i++) {
    const x = w / 2 + (rnd() - 0.5) * w * 0.3;
    const y = h / 2 + (rnd() - 0.5) * h * 0.3;
    const r = w * (0.14 + rnd() * 0.16);
    const g = ctx.createRadialGradient(x, y, 0, x, y, r);
    g.addColorStop(0, 'rgba(255,255,255,0.5)');
    g.addColorStop(1, 'rgba(255,255,255,0)');
    ctx.fillStyle = g;
    ctx.fillRect(0, 0, w, h);
  }
  // Fade to nothing well inside the square so no quad edge ever shows.
  ctx.globalCompositeOperation = 'destination-in';
  const m = ctx.createRadialGradient(w / 2, h / 2, 0, w / 2, h / 2, w / 2);
  m.addColorStop(0, 'rgba(255,255,255,1)');
  m.addColorStop(0.6, 'rgba(255,255,255,0.8)');
  m.addColorStop(1, 'rgba(255,255,255,0)');
  ctx.fillStyle = m;
  ctx.fillRect(0, 0, w, h);
  ctx.globalCompositeOperation = 'source-over';
}
const puffTex = canvasTexture(128, 128, drawPuff);

export interface SmokeSource {
  /** Emission rate (puffs per second); 0 for none. Writes the emitter position and initial velocity (local). */
  (pos: Vector3, vel: Vector3, time: number): number;
}

interface Puff {
  age: number;
  life: number;
  pos: Vector3;
  vel: Vector3;
  size: number;
  spin: number;
}

/**
 * Soft smoke puffs: a fixed pool of camera-facing quads in one geometry (one draw call), fading with their age.
 * Coordinates are the parent's local frame; `source` says where and how fast to emit.
 */
export function Smoke({ source, count = 40, color = '#d4d6dc', opacity = 0.85, grow = 0.45 }: { source: SmokeSource; count?: number; color?: string; opacity?: number; grow?: number }) {
  const { geometry, material, puffs } = useMemo(() => {
    const g = new BufferGeometry();
    const pos = new BufferAttribute(new Float32Array(count * 4 * 3), 3);
    pos.setUsage(DynamicDrawUsage);
    const col = new BufferAttribute(new Float32Array(count * 4 * 4), 4);
    col.setUsage(DynamicDrawUsage);
    const uv = new Float32Array(count * 8);
    const idx = new Uint16Array(count * 6);
    for (let i = 0; i < count; i++) {
      uv.set([0, 0, 1, 0, 1, 1, 0, 1], i * 8);
      idx.set([i * 4, i * 4 + 1, i * 4 + 2, i * 4, i * 4 + 2, i * 4 + 3], i * 6);
    }
    g.setAttribute('position', pos);
    g.setAttribute('color', col);
    g.setAttribute('uv', new BufferAttribute(uv, 2));
    g.setIndex(new BufferAttribute(idx, 1));
    const m = new MeshBasicMaterial({ map: puffTex, vertexColors: true, transparent: true, depthWrite: false, blending: NormalBlending, opacity });
    const list: Puff[] = Array.from({ length: count }, () => ({ age: 1, life: 0, pos: new Vector3(), vel: new Vector3(), size: 0, spin: 0 }));
    return { geometry: g, material: m, puffs: list };
  }, [count, opacity]);
  useEffect(
    () => () => {
      geometry.dispose();
      material.dispose();
    },
    [geometry, material],
  );
  const mesh = useRef<Object3D>(null);
  const acc = useRef(0);
  const next = useRef(0);
  const tint = useMemo(() => new Color(color), [color]);
  const ep = useMemo(() => new Vector3(), []);
  const ev = useMemo(() => new Vector3(), []);
  const rnd = useMemo(() => seededRandom(5), []);

  useFrame((state, rawDt) => {
    const m = mesh.current as Mesh | null;
    if (!m) return;
    // A graded Cue turns depth writes back on once faded in; soft puffs must never hide what is behind them.
    (m.material as Material).depthWrite = false;
    const dt = Math.min(rawDt, 0.1);
    const time = performance.now() / 1000;
    const rate = source(ep, ev, time);
    acc.current += rate * dt;
    while (acc.current >= 1) {
      acc.current -= 1;
      const p = puffs[next.current]!;
      next.current = (next.current + 1) % puffs.length;
      p.age = 0;
      p.life = 2.6 + rnd() * 1.6;
      p.pos.copy(ep);
      p.vel.copy(ev).add(new Vector3((rnd() - 0.5) * 0.04, (rnd() - 0.5) * 0.02, (rnd() - 0.5) * 0.04));
      p.size = 0.05 + rnd() * 0.03;
      p.spin = rnd() * 6.28;
    }
    // Camera axes in the parent's frame.
    m.updateWorldMatrix(true, false);
    const inv = new Quaternion();
    m.getWorldQuaternion(inv).invert();
    const camQ = state.camera.getWorldQuaternion(new Quaternion());
    const local = inv.multiply(camQ);
    const right = new Vector3(1, 0, 0).applyQuaternion(local);
    const up = new Vector3(0, 1, 0).applyQuaternion(local);
    const pa = geometry.getAttribute('position') as BufferAttribute;
    const ca = geometry.getAttribute('color') as BufferAttribute;
    let any = false;
    puffs.forEach((p, i) => {
      let alpha = 0;
      let size = 0;
      if (p.age < p.life) {
        p.age += dt;
        const k = p.age / p.life;
        p.vel.multiplyScalar(1 - dt * 0.9);
        p.vel.y += dt * 0.05;
        p.pos.addScaledVector(p.vel, dt);
        size = p.size + grow * k;
        alpha = Math.min(1, p.age * 5) * (1 - k) * (1 - k);
        any = true;
      }
      const c = Math.cos(p.spin + p.age * 0.3) * size;
      const s = Math.sin(p.spin + p.age * 0.3) * size;
      const rx = right.clone().multiplyScalar(c).addScaledVector(up, s);
      const ux = up.clone().multiplyScalar(c).addScaledVector(right, -s);
      const corners = [
        [-1, -1],
        [1, -1],
        [1, 1],
        [-1, 1],
      ] as const;
      corners.forEach(([a, b], j) => {
        pa.setXYZ(i * 4 + j, p.pos.x + rx.x * a + ux.x * b, p.pos.y + rx.y * a + ux.y * b, p.pos.z + rx.z * a + ux.z * b);
        ca.setXYZW(i * 4 + j, tint.r, tint.g, tint.b, alpha);
      });
    });
    pa.needsUpdate = true;
    ca.needsUpdate = true;
    m.visible = any;
  });

  return <mesh ref={mesh} geometry={geometry} material={material} frustumCulled={false} renderOrder={5} />;
}

const FLAME_GEO = new LatheGeometry(
  [
    [0, 0],
    [0.004, 0.002],
    [0.0065, 0.008],
    [0.006, 0.016],
    [0.0035, 0.024],
    [0, 0.032],
  ].map(([x, y]) => new Vector2(x, y)),
  10,
);
const FLAME_CORE = new LatheGeometry(
  [
    [0, 0],
    [0.0025, 0.002],
    [0.003, 0.007],
    [0, 0.012],
  ].map(([x, y]) => new Vector2(x, y)),
  8,
);
const flameMat = new MeshBasicMaterial({ color: '#ffb43a', transparent: true, opacity: 0.9, depthWrite: false, toneMapped: false });
const flameCoreMat = new MeshBasicMaterial({ color: '#6ea8ff', transparent: true, opacity: 0.85, depthWrite: false, toneMapped: false });
const flameHalo = glowHalo.clone();
flameHalo.color.set('#ff9a3a');
flameHalo.opacity = 0.55;
const HALO_PLANE = new PlaneGeometry(1, 1);

/** A lighter flame standing at its origin (+y up), flickering; shown while `lit()` returns > 0. */
export function Flame({ lit, scale = 1 }: { lit: () => number; scale?: number }) {
  const g = useRef<Group>(null);
  const halo = useRef<Object3D>(null);
  useFrame((state) => {
    const k = lit();
    const grp = g.current;
    if (!grp) return;
    grp.traverse((o) => {
      const mm = (o as Mesh).material as Material | undefined;
      if (mm) mm.depthWrite = false;
    });
    grp.visible = k > 0.01;
    if (!grp.visible) return;
    const t = performance.now() / 1000;
    const f = 0.85 + 0.15 * Math.sin(t * 31) * Math.sin(t * 17.3);
    grp.scale.set(scale * k, scale * k * f * (1 + 0.1 * Math.sin(t * 23)), scale * k);
    const h = halo.current;
    if (h) {
      // Face the camera.
      h.quaternion.copy(grp.getWorldQuaternion(new Quaternion()).invert().multiply(state.camera.getWorldQuaternion(new Quaternion())));
    }
  });
  return (
    <group ref={g} visible={false}>
      <mesh geometry={FLAME_GEO} material={flameMat} renderOrder={6} />
      <mesh geometry={FLAME_CORE} material={flameCoreMat} renderOrder={7} />
      <mesh ref={halo} geometry={HALO_PLANE} material={flameHalo} position={[0, 0.014, 0]} scale={[0.12, 0.12, 1]} renderOrder={8} />
    </group>
  );
}

/** Utility: a Vector3 from a Vec3 tuple. */
export const V = (x: number, y: number, z: number) => new Vector3(x, y, z);
