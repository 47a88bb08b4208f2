import { useEffect, useMemo, type ReactNode } from 'react';
import {
  BoxGeometry,
  CapsuleGeometry,
  CylinderGeometry,
  Matrix4,
  Quaternion,
  SphereGeometry,
  Vector3,
  type BufferGeometry,
} from 'three';
import { alignY, matteVC, mergeParts, type Part, type Vec3 } from './materials';

/** What an arm is doing. `table` and `counter` rest the hand at `handTarget` (avatar-local). */
export type ArmPose = 'rest' | 'drinking' | 'offering' | 'table' | 'counter';

export interface AvatarProps {
  position?: Vec3;
  /** Turn about the vertical, radians; 0 faces +z. */
  yaw?: number;
  seated?: boolean;
  /** Seat top height when seated (0.46 chair, ~0.75 bar stool). */
  seatHeight?: number;
  /** Height of the soles when seated (0 on the floor, ~0.3 on a stool's foot ring). */
  footHeight?: number;
  skin?: string;
  shirt?: string;
  pants?: string;
  hair?: string;
  shoes?: string;
  hairStyle?: 'short' | 'long' | 'bald';
  sleeves?: 'long' | 'short';
  /** Right arm. */
  armPose?: ArmPose;
  leftArmPose?: ArmPose;
  /** Right hand position (avatar-local) for the `table` / `counter` poses. */
  handTarget?: Vec3;
  leftHandTarget?: Vec3;
  /**
   * Object in the right hand. Its local origin is its bottom centre and +y its up axis (a glass standing
   * at the origin). Tilted to the mouth when drinking, upright otherwise.
   */
  holding?: ReactNode;
  leftHolding?: ReactNode;
  /** Height and radius of the held object, so the hand grips its side and the rim meets the lips. */
  heldHeight?: number;
  heldRadius?: number;
  /** How far the glass is tipped while drinking, radians from upright. */
  drinkTilt?: number;
}

const UPPER_ARM = 0.29;
/** Elbow to the middle of the palm. */
const FOREARM = 0.3;

const DEFAULTS = {
  skin: '#d9a58a',
  shirt: '#3d6fa8',
  pants: '#2f3542',
  hair: '#3b2a1e',
  shoes: '#1c1c1e',
};

interface ArmResult {
  shoulder: Vector3;
  elbow: Vector3;
  hand: Vector3;
  held?: { position: Vector3; quaternion: Quaternion };
}

/** Analytic two-bone IK: elbow position for a shoulder, a hand target and a pole hint. */
function solveElbow(s: Vector3, target: Vector3, pole: Vector3): { elbow: Vector3; hand: Vector3 } {
  const dir = target.clone().sub(s);
  let d = dir.length();
  dir.normalize();
  d = Math.min(Math.max(d, Math.abs(UPPER_ARM - FOREARM) + 0.02), UPPER_ARM + FOREARM - 0.005);
  const hand = s.clone().addScaledVector(dir, d);
  const a = (UPPER_ARM * UPPER_ARM - FOREARM * FOREARM + d * d) / (2 * d);
  const h = Math.sqrt(Math.max(0, UPPER_ARM * UPPER_ARM - a * a));
  const perp = pole.clone().addScaledVector(dir, -pole.dot(dir)).normalize();
  const elbow = s.clone().addScaledVector(dir, a).addScaledVector(perp, h);
  return { elbow, hand };
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
const BOX = new BoxGeometry(1, 1, 1);
const TORSO = new CylinderGeometry(0.178, 0.152, 1, 14, 1);
const CYL = new CylinderGeometry(1, 1, 1, 10, 1);

/** A limb between two joints. */
function limb(a: Vector3, b: Vector3, radius: number, color: string): Part {
  const mid = a.clone().add(b).multiplyScalar(0.5);
  return {
    geometry: capsule(radius, a.distanceTo(b)),
    position: [mid.x, mid.y, mid.z],
    quaternion: alignY(a, b),
    color,
  };
}

type PoseOptions = Required<
  Pick<
    AvatarProps,
    | 'seated' | 'seatHeight' | 'footHeight' | 'skin' | 'shirt' | 'pants' | 'hair' | 'shoes' | 'hairStyle' | 'sleeves'
    | 'armPose' | 'leftArmPose' | 'heldHeight' | 'heldRadius' | 'drinkTilt'
  >
> & { handTarget: Vec3 | undefined; leftHandTarget: Vec3 | undefined };

export interface HeldTransform {
  position: Vector3;
  quaternion: Quaternion;
}

function withDefaults(p: AvatarProps): PoseOptions {
  return {
    seated: p.seated ?? false,
    seatHeight: p.seatHeight ?? 0.46,
    footHeight: p.footHeight ?? 0,
    skin: p.skin ?? DEFAULTS.skin,
    shirt: p.shirt ?? DEFAULTS.shirt,
    pants: p.pants ?? DEFAULTS.pants,
    hair: p.hair ?? DEFAULTS.hair,
    shoes: p.shoes ?? DEFAULTS.shoes,
    hairStyle: p.hairStyle ?? 'short',
    sleeves: p.sleeves ?? 'long',
    armPose: p.armPose ?? 'rest',
    leftArmPose: p.leftArmPose ?? 'rest',
    heldHeight: p.heldHeight ?? 0.15,
    heldRadius: p.heldRadius ?? 0.04,
    drinkTilt: p.drinkTilt ?? 1.0,
    handTarget: p.handTarget,
    leftHandTarget: p.leftHandTarget,
  };
}

/** Poses the body: its parts (avatar-local) and where each hand holds an object. Pure, no allocation kept. */
function poseAvatar(o: PoseOptions): { parts: Part[]; right?: HeldTransform; left?: HeldTransform } {
  const { seated, seatHeight, footHeight, skin, shirt, pants, hair, shoes, hairStyle, sleeves } = o;
  const { armPose, leftArmPose, heldHeight, heldRadius, drinkTilt } = o;
  const parts: Part[] = [];
  const hipY = seated ? seatHeight + 0.07 : 0.93;
  const lift = hipY - 0.93;
  const drinking = armPose === 'drinking' || leftArmPose === 'drinking';

  // --- Legs --------------------------------------------------------------------------------------------
  for (const side of [-1, 1]) {
    const hip = new Vector3(side * 0.095, hipY, 0.02);
    let knee: Vector3;
    let ankle: Vector3;
    if (seated) {
      knee = new Vector3(side * 0.11, seatHeight + 0.06, 0.44);
      ankle = new Vector3(side * 0.12, footHeight + 0.09, 0.47);
    } else {
      knee = new Vector3(side * 0.1, 0.5, 0.03);
      ankle = new Vector3(side * 0.105, 0.09, 0);
    }
    parts.push(limb(hip, knee, 0.08, pants));
    parts.push(limb(knee, ankle, 0.062, pants));
    parts.push({
      geometry: BOX,
      position: [ankle.x, ankle.y - 0.05, ankle.z + 0.055],
      scale: [0.1, 0.085, 0.25],
      color: shoes,
    });
  }
  // Pelvis
  parts.push({ geometry: SPHERE, position: [0, hipY + 0.04, seated ? 0.0 : 0.0], scale: [0.175, 0.1, 0.125], color: pants });

  // --- Torso ---------------------------------------------------------------------------------------------
  const torsoBottom = 0.97 + lift;
  const torsoTop = 1.41 + lift;
  parts.push({
    geometry: TORSO,
    position: [0, (torsoBottom + torsoTop) / 2, 0],
    scale: [1, torsoTop - torsoBottom, 0.62],
    color: shirt,
  });
  parts.push(limb(new Vector3(-0.135, 1.385 + lift, 0), new Vector3(0.135, 1.385 + lift, 0), 0.072, shirt));
  // Neck
  parts.push({ geometry: CYL, position: [0, 1.47 + lift, 0.0], scale: [0.047, 0.12, 0.047], color: skin });

  // --- Head (own frame: pivot at the top of the neck, tipped back a little when drinking) ----------------
  const headM = new Matrix4()
    .makeTranslation(0, 1.5 + lift, 0)
    .multiply(new Matrix4().makeRotationX(drinking ? -0.22 : 0));
  const head = (p: Part): Part => ({ ...p, parent: headM });
  parts.push(head({ geometry: SPHERE, position: [0, 0.12, 0.01], scale: [0.097, 0.115, 0.107], color: skin }));
  parts.push(head({ geometry: SPHERE_LO, position: [0.1, 0.115, 0], scale: [0.012, 0.026, 0.02], color: skin }));
  parts.push(head({ geometry: SPHERE_LO, position: [-0.1, 0.115, 0], scale: [0.012, 0.026, 0.02], color: skin }));
  parts.push(head({ geometry: BOX, position: [0, 0.108, 0.116], rotation: [0.25, 0, 0], scale: [0.022, 0.042, 0.025], color: skin }));
  for (const side of [-1, 1]) {
    parts.push(head({ geometry: SPHERE_LO, position: [side * 0.036, 0.137, 0.098], scale: 0.0135, color: '#1f1611' }));
    parts.push(head({ geometry: BOX, position: [side * 0.038, 0.164, 0.103], rotation: [0, 0, side * -0.12], scale: [0.036, 0.009, 0.012], color: hair }));
  }
  // Mouth line (hidden by a glass when drinking)
  parts.push(head({ geometry: BOX, position: [0, 0.072, 0.106], scale: [0.034, 0.007, 0.01], color: '#8a4a44' }));
  if (hairStyle !== 'bald') {
    parts.push(head({ geometry: HAIR_CAP, position: [0, 0.125, 0.0], rotation: [-0.32, 0, 0], scale: [0.105, 0.118, 0.118], color: hair }));
    if (hairStyle === 'long') {
      parts.push(head({ geometry: capsule(0.095, 0.16), position: [0, 0.04, -0.045], scale: [1.05, 1, 0.55], color: hair }));
    }
  }
  const toWorld = (v: Vec3) => new Vector3(...v).applyMatrix4(headM);
  const mouth = toWorld([0, 0.072, 0.112]);

  // --- Arms ----------------------------------------------------------------------------------------------
  const arm = (side: number, pose: ArmPose, target: Vec3 | undefined): ArmResult => {
    const shoulder = new Vector3(side * 0.19, 1.375 + lift, 0);
    let hand: Vector3;
    let pole: Vector3;
    let held: ArmResult['held'];
    switch (pose) {
      case 'drinking': {
        const up = new Vector3(0, Math.cos(drinkTilt), -Math.sin(drinkTilt));
        const rim = mouth.clone().add(new Vector3(side * -0.005, 0.0, 0.012));
        const centre = rim.clone().addScaledVector(up, -heldHeight * 0.55);
        hand = centre.clone().add(new Vector3(side * (heldRadius + 0.03), -0.01, 0));
        pole = new Vector3(side * 0.9, -1, 0.15);
        held = {
          position: rim.clone().addScaledVector(up, -heldHeight),
          quaternion: new Quaternion().setFromUnitVectors(new Vector3(0, 1, 0), up),
        };
        break;
      }
      case 'offering': {
        hand = new Vector3(side * 0.15, shoulder.y + 0.08, 0.53);
        pole = new Vector3(side * 0.4, -1, 0);
        held = {
          position: hand.clone().add(new Vector3(-side * (heldRadius + 0.03), -heldHeight * 0.4, 0.0)),
          quaternion: new Quaternion(),
        };
        break;
      }
      case 'table':
      case 'counter': {
        hand = new Vector3(...(target ?? [side * 0.17, 0.8, 0.42]));
        pole = new Vector3(side * 1, -0.6, -0.6);
        held = {
          position: hand.clone().add(new Vector3(-side * (heldRadius + 0.03), -0.05, 0.0)),
          quaternion: new Quaternion(),
        };
        break;
      }
      default: {
        hand = seated ? new Vector3(side * 0.15, hipY + 0.12, 0.3) : new Vector3(side * 0.23, 0.86, 0.03);
        pole = seated ? new Vector3(side * 0.4, -0.2, -1) : new Vector3(side * 0.2, 0, -1);
      }
    }
    const solved = solveElbow(shoulder, hand, pole);
    return { shoulder, elbow: solved.elbow, hand: solved.hand, held };
  };

  const right = arm(-1, armPose, o.handTarget);
  const left = arm(1, leftArmPose, o.leftHandTarget);
  for (const a of [right, left]) {
    parts.push(limb(a.shoulder, a.elbow, 0.056, shirt));
    const dir = a.hand.clone().sub(a.elbow).normalize();
    const wrist = a.hand.clone().addScaledVector(dir, -0.05);
    parts.push(limb(a.elbow, wrist, 0.047, sleeves === 'long' ? shirt : skin));
    parts.push({ geometry: SPHERE, position: [a.hand.x, a.hand.y, a.hand.z], quaternion: alignY(a.elbow, a.hand), scale: [0.038, 0.06, 0.05], color: skin });
  }

  return { parts, right: right.held, left: left.held };
}

/**
 * Where the avatar's hand holds an object, in the avatar's local frame (before `position`/`yaw`). Lets a scene
 * put a separately graded cue (e.g. an offered glass) exactly in a hand.
 */
export function avatarHold(props: AvatarProps, hand: 'right' | 'left' = 'right'): HeldTransform | undefined {
  const posed = poseAvatar(withDefaults(props));
  return hand === 'right' ? posed.right : posed.left;
}

/**
 * A simple low-poly person, readable from a few metres: head with hair, eyes, nose and ears, torso, arms
 * bent at the elbow by two-bone IK toward a pose's hand target, legs standing or seated. The whole body is
 * one merged mesh (one draw call); held objects are separate children placed in the hands.
 */
export function Avatar(props: AvatarProps) {
  const { position = [0, 0, 0], yaw = 0, holding, leftHolding } = props;
  const o = withDefaults(props);
  const key = JSON.stringify(o);
  const built = useMemo(() => {
    const posed = poseAvatar(JSON.parse(key) as PoseOptions);
    return { geometry: mergeParts(posed.parts), right: posed.right, left: posed.left };
  }, [key]);

  useEffect(() => () => built.geometry.dispose(), [built]);

  return (
    <group position={position} rotation={[0, yaw, 0]}>
      <mesh geometry={built.geometry as BufferGeometry} material={matteVC} />
      {holding && built.right ? (
        <group position={built.right.position} quaternion={built.right.quaternion}>
          {holding}
        </group>
      ) : null}
      {leftHolding && built.left ? (
        <group position={built.left.position} quaternion={built.left.quaternion}>
          {leftHolding}
        </group>
      ) : null}
    </group>
  );
}
