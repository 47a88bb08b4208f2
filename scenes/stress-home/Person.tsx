import { useFrame } from '@react-three/fiber';
import { useEffect, useMemo, useRef, type ReactNode, type RefObject } from 'react';
import {
  BoxGeometry,
  CapsuleGeometry,
  CylinderGeometry,
  Group,
  Matrix4,
  Quaternion,
  SphereGeometry,
  Vector3,
  type BufferGeometry,
  type Mesh,
} from 'three';
import { matteVC, mergeParts, type Part, type Vec3 } from '../kit/materials';

/*
 * An articulated person for scenes where people move (argue, gesture, lean, walk), built like the kit's
 * `Avatar` (same proportions, colours and low-poly style) but split into rigid pieces that are posed every
 * frame: legs, torso (leans and twists at the hips), head (turns, nods; a mouth that opens), and arms whose
 * elbows are solved by two-bone IK toward hand targets. About 8 draw calls a person.
 *
 * Frames: the person faces +z in its own frame; hand targets and poles are given in that frame (metres from
 * the floor point under the hips), so a scene can say "right hand on the table at (…)".
 *
 * Shared by the stress-home and stress-work scenes.
 */

export const UPPER_ARM = 0.29;
/** Elbow to the middle of the palm. */
export const FOREARM = 0.3;

export interface PersonLook {
  skin?: string;
  shirt?: string;
  pants?: string;
  hair?: string;
  shoes?: string;
  hairStyle?: 'short' | 'long' | 'bun' | 'bald';
  sleeves?: 'long' | 'short';
  /** Colour of an open jacket / blazer worn over the shirt (sleeves take it too). */
  jacket?: string;
  tie?: string;
  /** Eyebrows: level and calm, drawn down and together (angry), or flat and low (stern). */
  brows?: 'calm' | 'angry' | 'stern';
  seated?: boolean;
  seatHeight?: number;
  footHeight?: number;
  /** Legs as two pieces that swing from the hips (for walking); otherwise merged with nothing moving. */
  walker?: boolean;
}

/** Everything a scene animates, in the person's own frame. Reset to the rest pose before each `pose` call. */
export class PersonPose {
  /** Body offset from `position` (walking, weight shifts). */
  offset = new Vector3();
  /** Extra turn about the vertical, radians. */
  yaw = 0;
  /** Forward tilt of the upper body at the hips, radians (positive leans toward +z). */
  lean = 0;
  /** Turn of the upper body at the hips. */
  twist = 0;
  headYaw = 0;
  /** Positive tips the face down. */
  headPitch = 0;
  headRoll = 0;
  right = new Vector3();
  left = new Vector3();
  rightPole = new Vector3();
  leftPole = new Vector3();
  /** 0 closed … 1 wide open (shouting). */
  mouth = 0;
  /** Leg swing for walking, radians (right leg forward when positive). */
  legSwing = 0;
  /** Right index finger extended (pointing, wagging) when > 0.5. */
  point = 0;
  /** Left index finger extended when > 0.5. */
  pointLeft = 0;
}

type Resolved = Required<Omit<PersonLook, 'jacket' | 'tie'>> & { jacket: string | undefined; tie: string | undefined };

function resolve(l: PersonLook): Resolved {
  return {
    skin: l.skin ?? '#d9a58a',
    shirt: l.shirt ?? '#3d6fa8',
    pants: l.pants ?? '#2f3542',
    hair: l.hair ?? '#3b2a1e',
    shoes: l.shoes ?? '#1c1c1e',
    hairStyle: l.hairStyle ?? 'short',
    sleeves: l.sleeves ?? 'long',
    jacket: l.jacket,
    tie: l.tie,
    brows: l.brows ?? 'calm',
    seated: l.seated ?? false,
    seatHeight: l.seatHeight ?? 0.46,
    footHeight: l.footHeight ?? 0,
    walker: l.walker ?? false,
  };
}

const hipYOf = (r: Resolved) => (r.seated ? r.seatHeight + 0.07 : 0.93);
/** Shoulder and neck heights above the hip pivot (as in the kit Avatar). */
const SHOULDER_Y = 0.445;
const NECK_Y = 0.57;

/** A world point (x, y, z) in the frame of a person standing at (px, pz) turned by `yaw`. */
export function toLocal(out: Vector3, px: number, pz: number, yaw: number, x: number, y: number, z: number) {
  const dx = x - px;
  const dz = z - pz;
  const c = Math.cos(yaw);
  const s = Math.sin(yaw);
  return out.set(dx * c - dz * s, y, dx * s + dz * c);
}

/** The turn (radians, person frame) that faces a world point from (px, pz) with body turned by `yaw`. */
export function yawTo(px: number, pz: number, yaw: number, x: number, z: number) {
  let a = Math.atan2(x - px, z - pz) - yaw;
  while (a > Math.PI) a -= Math.PI * 2;
  while (a < -Math.PI) a += Math.PI * 2;
  return a;
}

/** Writes the rest pose: arms hanging (standing) or hands on the thighs (seated). */
export function restPose(p: PersonPose, look: PersonLook) {
  const r = resolve(look);
  const hipY = hipYOf(r);
  p.offset.set(0, 0, 0);
  p.yaw = 0;
  p.lean = 0;
  p.twist = 0;
  p.headYaw = 0;
  p.headPitch = 0;
  p.headRoll = 0;
  p.mouth = 0;
  p.legSwing = 0;
  p.point = 0;
  p.pointLeft = 0;
  if (r.seated) {
    p.right.set(-0.15, hipY + 0.12, 0.3);
    p.left.set(0.15, hipY + 0.12, 0.3);
    p.rightPole.set(-0.4, -0.2, -1);
    p.leftPole.set(0.4, -0.2, -1);
  } else {
    p.right.set(-0.23, 0.86, 0.05);
    p.left.set(0.23, 0.86, 0.05);
    p.rightPole.set(-0.2, 0, -1);
    p.leftPole.set(0.2, 0, -1);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Geometry
// ---------------------------------------------------------------------------------------------------------------

const SPHERE = new SphereGeometry(1, 14, 10);
const SPHERE_LO = new SphereGeometry(1, 8, 6);
const HAIR_CAP = new SphereGeometry(1, 14, 6, 0, Math.PI * 2, 0, Math.PI * 0.56);
const BOX = new BoxGeometry(1, 1, 1);
const TORSO = new CylinderGeometry(0.178, 0.152, 1, 14, 1);
const CYL = new CylinderGeometry(1, 1, 1, 10, 1);

const capsules = new Map<string, CapsuleGeometry>();
function capsule(radius: number, length: number): CapsuleGeometry {
  const key = `${radius.toFixed(3)}:${length.toFixed(3)}`;
  let g = capsules.get(key);
  if (!g) {
    g = new CapsuleGeometry(radius, Math.max(0.001, length), 3, 10);
    capsules.set(key, g);
  }
  return g;
}

const UP = new Vector3(0, 1, 0);
function limb(a: Vector3, b: Vector3, radius: number, color: string): Part {
  const mid = a.clone().add(b).multiplyScalar(0.5);
  return {
    geometry: capsule(radius, a.distanceTo(b)),
    position: [mid.x, mid.y, mid.z],
    quaternion: new Quaternion().setFromUnitVectors(UP, b.clone().sub(a).normalize()),
    color,
  };
}

function legParts(r: Resolved, side: number, pivot: Vector3): Part[] {
  const hipY = hipYOf(r);
  const hip = new Vector3(side * 0.095, hipY, 0.02);
  let knee: Vector3;
  let ankle: Vector3;
  if (r.seated) {
    knee = new Vector3(side * 0.11, r.seatHeight + 0.06, 0.44);
    ankle = new Vector3(side * 0.12, r.footHeight + 0.09, 0.47);
  } else {
    knee = new Vector3(side * 0.1, 0.5, 0.03);
    ankle = new Vector3(side * 0.105, 0.09, 0);
  }
  const rel = (v: Vector3) => v.clone().sub(pivot);
  return [
    limb(rel(hip), rel(knee), 0.08, r.pants),
    limb(rel(knee), rel(ankle), 0.062, r.pants),
    { geometry: BOX, position: [ankle.x - pivot.x, ankle.y - 0.05 - pivot.y, ankle.z + 0.055 - pivot.z], scale: [0.1, 0.085, 0.25], color: r.shoes },
  ];
}

function torsoParts(r: Resolved): Part[] {
  const top = r.jacket ?? r.shirt;
  const parts: Part[] = [
    { geometry: SPHERE, position: [0, 0.04, 0], scale: [0.175, 0.1, 0.125], color: r.pants },
    { geometry: TORSO, position: [0, 0.26, 0], scale: [1, 0.44, 0.62], color: top },
    // rounded top of the chest, so a forward lean shows shoulders rather than a flat cut
    { geometry: SPHERE, position: [0, 0.465, 0], scale: [0.176, 0.06, 0.109], color: top },
    limb(new Vector3(-0.135, 0.455, 0), new Vector3(0.135, 0.455, 0), 0.072, top),
    { geometry: CYL, position: [0, 0.54, 0], scale: [0.047, 0.12, 0.047], color: r.skin },
  ];
  if (r.jacket) {
    // Shirt showing in the jacket's opening, lapels, and a tie.
    parts.push({ geometry: BOX, position: [0, 0.37, 0.1], rotation: [-0.06, 0, 0], scale: [0.085, 0.2, 0.012], color: r.shirt });
    for (const s of [-1, 1]) {
      parts.push({ geometry: BOX, position: [s * 0.055, 0.37, 0.104], rotation: [-0.06, 0, s * 0.28], scale: [0.03, 0.2, 0.012], color: r.jacket });
    }
    if (r.tie) parts.push({ geometry: BOX, position: [0, 0.36, 0.109], rotation: [-0.06, 0, 0], scale: [0.032, 0.19, 0.008], color: r.tie });
  }
  return parts;
}

function headParts(r: Resolved): Part[] {
  const p: Part[] = [
    { geometry: SPHERE, position: [0, 0.12, 0.01], scale: [0.097, 0.115, 0.107], color: r.skin },
    { geometry: SPHERE_LO, position: [0.1, 0.115, 0], scale: [0.012, 0.026, 0.02], color: r.skin },
    { geometry: SPHERE_LO, position: [-0.1, 0.115, 0], scale: [0.012, 0.026, 0.02], color: r.skin },
    { geometry: BOX, position: [0, 0.108, 0.116], rotation: [0.25, 0, 0], scale: [0.022, 0.042, 0.025], color: r.skin },
    // lips
    { geometry: BOX, position: [0, 0.072, 0.106], scale: [0.036, 0.007, 0.01], color: '#8a4a44' },
  ];
  for (const side of [-1, 1]) {
    p.push({ geometry: SPHERE_LO, position: [side * 0.036, 0.137, 0.098], scale: 0.0135, color: '#1f1611' });
    const browTilt = r.brows === 'angry' ? 0.38 : r.brows === 'stern' ? 0.1 : -0.12;
    const browY = r.brows === 'calm' ? 0.164 : 0.158;
    p.push({ geometry: BOX, position: [side * 0.038, browY, 0.104], rotation: [0, 0, side * browTilt], scale: [0.04, 0.011, 0.012], color: r.hair });
  }
  if (r.hairStyle !== 'bald') {
    p.push({ geometry: HAIR_CAP, position: [0, 0.125, 0], rotation: [-0.32, 0, 0], scale: [0.105, 0.118, 0.118], color: r.hair });
    if (r.hairStyle === 'long') p.push({ geometry: capsule(0.095, 0.16), position: [0, 0.04, -0.045], scale: [1.05, 1, 0.55], color: r.hair });
    if (r.hairStyle === 'bun') p.push({ geometry: SPHERE_LO, position: [0, 0.2, -0.08], scale: 0.05, color: r.hair });
  } else {
    p.push({ geometry: HAIR_CAP, position: [0, 0.1, -0.012], rotation: [-1.2, 0, 0], scale: [0.104, 0.11, 0.1], color: r.hair });
  }
  return p;
}

function armParts(r: Resolved): { upper: Part[]; fore: Part[] } {
  const sleeve = r.jacket ?? r.shirt;
  const foreColour = r.jacket ? r.jacket : r.sleeves === 'long' ? r.shirt : r.skin;
  const o = new Vector3();
  return {
    upper: [limb(o, new Vector3(0, UPPER_ARM, 0), 0.056, sleeve)],
    fore: [
      limb(o, new Vector3(0, FOREARM - 0.05, 0), 0.047, foreColour),
      ...(r.jacket ? [{ geometry: CYL, position: [0, FOREARM - 0.058, 0] as Vec3, scale: [0.05, 0.022, 0.05] as Vec3, color: r.shirt }] : []),
      { geometry: SPHERE, position: [0, FOREARM, 0.0], scale: [0.038, 0.06, 0.05], color: r.skin },
      { geometry: SPHERE_LO, position: [0, FOREARM - 0.02, 0.04], rotation: [0.5, 0, 0], scale: [0.014, 0.03, 0.014], color: r.skin },
    ],
  };
}

const FINGER = (r: Resolved): Part[] => [limb(new Vector3(0, FOREARM + 0.04, 0.01), new Vector3(0, FOREARM + 0.1, 0.012), 0.011, r.skin)];

const MOUTH: Part[] = [{ geometry: SPHERE_LO, position: [0, 0, 0], scale: [0.022, 1, 0.012], color: '#3a1a1a' }];

// ---------------------------------------------------------------------------------------------------------------
// Component
// ---------------------------------------------------------------------------------------------------------------

export interface PersonProps {
  position?: Vec3;
  /** Turn about the vertical, radians; 0 faces +z. */
  yaw?: number;
  look: PersonLook;
  /** Called every frame after the pose is reset to rest; `t` is seconds of `performance.now()`. */
  pose?: (p: PersonPose, t: number, dt: number) => void;
  /** Filled with the hand frames (+y along the forearm, origin in the palm) so other objects can follow. */
  rightAnchor?: RefObject<Group | null>;
  leftAnchor?: RefObject<Group | null>;
  /** Objects held in the hands (local frame of the anchor). */
  rightHolding?: ReactNode;
  leftHolding?: ReactNode;
  name?: string;
}

const tmpM = new Matrix4();
const tmpQ = new Quaternion();
const tS = new Vector3();
const tT = new Vector3();
const tP = new Vector3();
const tD = new Vector3();
const tE = new Vector3();
const tH = new Vector3();
const tHand = new Vector3();

/** Elbow and hand for a shoulder, a target and a pole hint (all in one frame). Writes into `elbow`, `hand`. */
export function solveArm(s: Vector3, target: Vector3, pole: Vector3, elbow: Vector3, hand: Vector3) {
  tD.copy(target).sub(s);
  let d = tD.length();
  tD.normalize();
  d = Math.min(Math.max(d, Math.abs(UPPER_ARM - FOREARM) + 0.02), UPPER_ARM + FOREARM - 0.005);
  hand.copy(s).addScaledVector(tD, d);
  const a = (UPPER_ARM * UPPER_ARM - FOREARM * FOREARM + d * d) / (2 * d);
  const h = Math.sqrt(Math.max(0, UPPER_ARM * UPPER_ARM - a * a));
  tP.copy(pole).addScaledVector(tD, -pole.dot(tD));
  if (tP.lengthSq() < 1e-8) tP.set(0, -1, 0);
  tP.normalize();
  elbow.copy(s).addScaledVector(tD, a).addScaledVector(tP, h);
}

export function Person({ position = [0, 0, 0], yaw = 0, look, pose, rightAnchor, leftAnchor, rightHolding, leftHolding, name }: PersonProps) {
  const key = JSON.stringify(look);
  const built = useMemo(() => {
    const r = resolve(JSON.parse(key) as PersonLook);
    const hipY = hipYOf(r);
    const arms = armParts(r);
    const legs = r.walker
      ? [-1, 1].map((s) => mergeParts(legParts(r, s, new Vector3(s * 0.095, hipY, 0.02))))
      : [mergeParts([...legParts(r, -1, new Vector3()), ...legParts(r, 1, new Vector3())])];
    return {
      r,
      hipY,
      legs,
      torso: mergeParts(torsoParts(r)),
      head: mergeParts(headParts(r)),
      mouth: mergeParts(MOUTH),
      upper: mergeParts(arms.upper),
      fore: mergeParts(arms.fore),
      finger: mergeParts(FINGER(r)),
    };
  }, [key]);
  useEffect(
    () => () => {
      built.legs.forEach((g) => g.dispose());
      for (const g of [built.torso, built.head, built.mouth, built.upper, built.fore, built.finger]) g.dispose();
    },
    [built],
  );

  const body = useRef<Group>(null);
  const legR = useRef<Group>(null);
  const legL = useRef<Group>(null);
  const torso = useRef<Group>(null);
  const head = useRef<Group>(null);
  const mouth = useRef<Mesh>(null);
  const finger = useRef<Mesh>(null);
  const fingerL = useRef<Mesh>(null);
  const upR = useRef<Group>(null);
  const foR = useRef<Group>(null);
  const upL = useRef<Group>(null);
  const foL = useRef<Group>(null);
  const p = useMemo(() => new PersonPose(), []);
  const look0 = useMemo(() => JSON.parse(key) as PersonLook, [key]);

  useFrame((_, dt) => {
    restPose(p, look0);
    pose?.(p, performance.now() / 1000, Math.min(dt, 0.1));
    const b = body.current;
    const to = torso.current;
    const hd = head.current;
    if (!b || !to || !hd) return;
    b.position.copy(p.offset);
    b.rotation.y = p.yaw;
    if (legR.current && legL.current) {
      legR.current.rotation.x = -p.legSwing;
      legL.current.rotation.x = p.legSwing;
    }
    to.rotation.set(p.lean, p.twist, 0, 'YXZ');
    to.updateMatrix();
    hd.rotation.set(p.headPitch, p.headYaw, p.headRoll, 'YXZ');
    if (finger.current) finger.current.visible = p.point > 0.5;
    if (fingerL.current) fingerL.current.visible = p.pointLeft > 0.5;
    if (mouth.current) mouth.current.scale.y = 0.0025 + 0.026 * Math.min(1, Math.max(0, p.mouth));
    // Hand targets: person frame → torso frame.
    tmpM.copy(to.matrix).invert();
    tmpQ.copy(to.quaternion).invert();
    const arm = (side: number, target: Vector3, pole: Vector3, up: Group | null, fo: Group | null) => {
      if (!up || !fo) return;
      tS.set(side * 0.19, SHOULDER_Y, 0);
      tT.copy(target).applyMatrix4(tmpM);
      tH.copy(pole).applyQuaternion(tmpQ);
      solveArm(tS, tT, tH, tE, tHand);
      const hand = tHand;
      up.position.copy(tS);
      up.quaternion.setFromUnitVectors(UP, tE.clone().sub(tS).normalize());
      fo.position.copy(tE);
      fo.quaternion.setFromUnitVectors(UP, hand.sub(tE).normalize());
    };
    arm(-1, p.right, p.rightPole, upR.current, foR.current);
    arm(1, p.left, p.leftPole, upL.current, foL.current);
  });

  const { hipY } = built;
  return (
    <group position={position} rotation={[0, yaw, 0]} name={name}>
      <group ref={body}>
        {built.legs.length === 2 ? (
          <>
            <group ref={legR} position={[-0.095, hipY, 0.02]}>
              <mesh geometry={built.legs[0] as BufferGeometry} material={matteVC} />
            </group>
            <group ref={legL} position={[0.095, hipY, 0.02]}>
              <mesh geometry={built.legs[1] as BufferGeometry} material={matteVC} />
            </group>
          </>
        ) : (
          <mesh geometry={built.legs[0] as BufferGeometry} material={matteVC} />
        )}
        <group ref={torso} position={[0, hipY, 0]}>
          <mesh geometry={built.torso} material={matteVC} />
          <group ref={head} position={[0, NECK_Y, 0]}>
            <mesh geometry={built.head} material={matteVC} />
            <mesh ref={mouth} geometry={built.mouth} material={matteVC} position={[0, 0.066, 0.1]} />
          </group>
          <group ref={upR}>
            <mesh geometry={built.upper} material={matteVC} />
          </group>
          <group ref={foR}>
            <mesh geometry={built.fore} material={matteVC} />
            <mesh ref={finger} geometry={built.finger} material={matteVC} visible={false} />
            <group ref={rightAnchor} position={[0, FOREARM, 0]}>
              {rightHolding}
            </group>
          </group>
          <group ref={upL}>
            <mesh geometry={built.upper} material={matteVC} />
          </group>
          <group ref={foL}>
            <mesh geometry={built.fore} material={matteVC} />
            <mesh ref={fingerL} geometry={built.finger} material={matteVC} visible={false} />
            <group ref={leftAnchor} position={[0, FOREARM, 0]}>
              {leftHolding}
            </group>
          </group>
        </group>
      </group>
    </group>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Animation helpers
// ---------------------------------------------------------------------------------------------------------------

export const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
/** Smoothstep from 0 at `a` to 1 at `b`. */
export function smooth(a: number, b: number, x: number) {
  const t = clamp01((x - a) / (b - a));
  return t * t * (3 - 2 * t);
}
/** 0 → 1 → 0 envelope over [a, d] with ramps [a, b] up and [c, d] down. */
export function envelope(a: number, b: number, c: number, d: number, x: number) {
  return smooth(a, b, x) * (1 - smooth(c, d, x));
}
