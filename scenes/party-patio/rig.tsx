import { useEffect, useImperativeHandle, useMemo, useRef, type Ref } from 'react';
import {
  BoxGeometry,
  CapsuleGeometry,
  CylinderGeometry,
  Euler,
  Matrix4,
  Quaternion,
  SphereGeometry,
  Vector3,
  type BufferGeometry,
  type Group,
  type Mesh,
} from 'three';
import { matteVC, mergeParts, type Part, type Vec3 } from '../kit/materials';

/*
 * An animatable person for scenes where somebody must visibly *do* something (lift a joint to the lips, lean
 * over a mirror, hold a bong out). The kit's `Avatar` bakes a pose into one mesh; this rig keeps the same look
 * and proportions but splits the body into a few rigid pieces driven every frame:
 *   lower body (legs, pelvis) · upper body (torso, neck; leans and twists about the hips) · head (pitch, yaw,
 *   roll about the top of the neck) · per arm an upper arm and a forearm-with-hand placed by two-bone IK.
 * Seven draw calls per person, all with the shared `matteVC` material. Nothing is allocated per frame.
 *
 * Coordinates are avatar-local (the avatar faces +z, its right hand is on -x), like the kit's Avatar. Scenes
 * drive it from one `useFrame` (a "director") by filling a `RigPose` and calling `handle.apply(pose)`, then read
 * back where the hands and the mouth are to place held props in the same frame.
 */

export type HairStyle = 'short' | 'long' | 'bald' | 'bun' | 'curly';

export interface Look {
  skin?: string;
  shirt?: string;
  pants?: string;
  hair?: string;
  shoes?: string;
  hairStyle?: HairStyle;
  sleeves?: 'long' | 'short';
  /** Short beard/stubble in the hair colour. */
  beard?: boolean;
  seated?: boolean;
  /** Seat top height when seated. */
  seatHeight?: number;
  /** Height of the soles when seated. */
  footHeight?: number;
}

export interface ArmPose {
  /** Palm centre target, avatar-local. */
  hand: Vector3;
  /** Direction the elbow bends toward (avatar-local). */
  pole: Vector3;
}

export interface RigPose {
  /** Forward lean of the upper body about the hips (radians, + = toward the face side). */
  lean: number;
  /** Upper-body turn about the vertical (radians, + = toward the avatar's left). */
  twist: number;
  /** + looks down. */
  headPitch: number;
  /** + turns toward the avatar's left. */
  headYaw: number;
  headRoll: number;
  right: ArmPose;
  left: ArmPose;
}

export function makePose(): RigPose {
  return {
    lean: 0,
    twist: 0,
    headPitch: 0,
    headYaw: 0,
    headRoll: 0,
    right: { hand: new Vector3(), pole: new Vector3() },
    left: { hand: new Vector3(), pole: new Vector3() },
  };
}

const UPPER_ARM = 0.29;
const FOREARM = 0.3;
export const RIGHT = -1;
export const LEFT = 1;

const tm = new Matrix4();
const te = new Euler();
const tq = new Quaternion();
const tv = new Vector3();

/** Pure geometry of one look: where the joints are for a pose (avatar-local). */
export class RigFrame {
  readonly seated: boolean;
  readonly seatHeight: number;
  readonly footHeight: number;
  readonly hipY: number;
  readonly lift: number;
  readonly neckY: number;
  private readonly upperM = new Matrix4();
  private readonly headM = new Matrix4();

  constructor(look: Look) {
    this.seated = look.seated ?? false;
    this.seatHeight = look.seatHeight ?? 0.46;
    this.footHeight = look.footHeight ?? 0;
    this.hipY = this.seated ? this.seatHeight + 0.07 : 0.93;
    this.lift = this.hipY - 0.93;
    this.neckY = 1.5 + this.lift;
  }

  /** Upper-body matrix (avatar-local): pivot at the hips. */
  upper(pose: RigPose, out: Matrix4 = this.upperM): Matrix4 {
    te.set(pose.lean, pose.twist, 0, 'YXZ');
    tq.setFromEuler(te);
    return out.compose(tv.set(0, this.hipY, 0), tq, ONE);
  }

  /** Head matrix (avatar-local): pivot at the top of the neck. */
  head(pose: RigPose, out: Matrix4 = this.headM): Matrix4 {
    this.upper(pose, out);
    te.set(pose.headPitch, pose.headYaw, pose.headRoll, 'YXZ');
    tq.setFromEuler(te);
    tm.compose(tv.set(0, this.neckY - this.hipY, 0), tq, ONE);
    return out.multiply(tm);
  }

  /** Centre of the lips, avatar-local. */
  mouth(pose: RigPose, out: Vector3): Vector3 {
    return out.set(0, 0.072, 0.112).applyMatrix4(this.head(pose));
  }

  /** Tip of the nose, avatar-local. */
  nose(pose: RigPose, out: Vector3): Vector3 {
    return out.set(0, 0.1, 0.13).applyMatrix4(this.head(pose));
  }

  /** A point given in the head's frame (e.g. in front of the face), avatar-local. */
  headPoint(pose: RigPose, x: number, y: number, z: number, out: Vector3): Vector3 {
    return out.set(x, y, z).applyMatrix4(this.head(pose));
  }

  shoulder(side: number, pose: RigPose, out: Vector3): Vector3 {
    return out.set(side * 0.19, 1.375 + this.lift - this.hipY, 0).applyMatrix4(this.upper(pose));
  }

  /** The hand resting on the thigh (seated) or hanging (standing), and its elbow hint. */
  rest(side: number, arm: ArmPose): ArmPose {
    if (this.seated) {
      arm.hand.set(side * 0.14, this.hipY + 0.1, 0.3);
      arm.pole.set(side * 0.4, -0.2, -1);
    } else {
      arm.hand.set(side * 0.22, 0.86, 0.05);
      arm.pole.set(side * 0.2, 0, -1);
    }
    return arm;
  }

  /** Sets a whole pose to rest (upright, looking ahead, hands on the thighs). */
  restPose(pose: RigPose): RigPose {
    pose.lean = 0;
    pose.twist = 0;
    pose.headPitch = 0;
    pose.headYaw = 0;
    pose.headRoll = 0;
    this.rest(RIGHT, pose.right);
    this.rest(LEFT, pose.left);
    return pose;
  }
}

const ONE = new Vector3(1, 1, 1);

/** Analytic two-bone IK (as in the kit's Avatar): elbow for a shoulder, hand target and pole. */
function solveElbow(s: Vector3, target: Vector3, pole: Vector3, elbow: Vector3, hand: Vector3) {
  const dir = tv.copy(target).sub(s);
  let d = dir.length();
  dir.normalize();
  d = Math.min(Math.max(d, Math.abs(UPPER_ARM - FOREARM) + 0.02), UPPER_ARM + FOREARM - 0.005);
  hand.copy(s).addScaledVector(dir, d);
  const a = (UPPER_ARM * UPPER_ARM - FOREARM * FOREARM + d * d) / (2 * d);
  const h = Math.sqrt(Math.max(0, UPPER_ARM * UPPER_ARM - a * a));
  const perp = tmpPerp.copy(pole).addScaledVector(dir, -pole.dot(dir));
  if (perp.lengthSq() < 1e-8) perp.set(0, -1, 0);
  perp.normalize();
  elbow.copy(s).addScaledVector(dir, a).addScaledVector(perp, h);
}
const tmpPerp = new Vector3();

// ---------------------------------------------------------------------------------------------------------------
// Geometry
// ---------------------------------------------------------------------------------------------------------------

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

interface RigGeometry {
  lower: BufferGeometry;
  upper: BufferGeometry;
  head: BufferGeometry;
  upperArm: BufferGeometry;
  forearmR: BufferGeometry;
  forearmL: BufferGeometry;
}

const DEFAULT_LOOK = {
  skin: '#d9a58a',
  shirt: '#3d6fa8',
  pants: '#2f3542',
  hair: '#3b2a1e',
  shoes: '#1c1c1e',
};

function buildRig(look: Look, frame: RigFrame): RigGeometry {
  const skin = look.skin ?? DEFAULT_LOOK.skin;
  const shirt = look.shirt ?? DEFAULT_LOOK.shirt;
  const pants = look.pants ?? DEFAULT_LOOK.pants;
  const hair = look.hair ?? DEFAULT_LOOK.hair;
  const shoes = look.shoes ?? DEFAULT_LOOK.shoes;
  const { seated, seatHeight, footHeight, hipY, lift } = frame;

  // Lower body (avatar-local).
  const lower: Part[] = [];
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
    lower.push(limb(hip, knee, 0.08, pants));
    lower.push(limb(knee, ankle, 0.062, pants));
    lower.push({ geometry: BOX, position: [ankle.x, ankle.y - 0.05, ankle.z + 0.055], scale: [0.1, 0.085, 0.25], color: shoes });
  }
  lower.push({ geometry: SPHERE, position: [0, hipY + 0.04, 0], scale: [0.175, 0.1, 0.125], color: pants });

  // Upper body (pivot at the hips).
  const y0 = -hipY;
  const upper: Part[] = [];
  const torsoBottom = 0.97 + lift + y0;
  const torsoTop = 1.41 + lift + y0;
  upper.push({ geometry: TORSO, position: [0, (torsoBottom + torsoTop) / 2, 0], scale: [1, torsoTop - torsoBottom, 0.62], color: shirt });
  upper.push(limb(new Vector3(-0.135, 1.385 + lift + y0, 0), new Vector3(0.135, 1.385 + lift + y0, 0), 0.072, shirt));
  upper.push({ geometry: CYL, position: [0, 1.47 + lift + y0, 0], scale: [0.047, 0.12, 0.047], color: skin });
  // a collar line so the shirt reads as clothing
  upper.push({ geometry: CYL, position: [0, 1.43 + lift + y0, 0], scale: [0.06, 0.02, 0.055], color: shirt });

  // Head (pivot at the top of the neck), as the kit's Avatar.
  const head: Part[] = [];
  head.push({ geometry: SPHERE, position: [0, 0.12, 0.01], scale: [0.097, 0.115, 0.107], color: skin });
  head.push({ geometry: SPHERE_LO, position: [0.1, 0.115, 0], scale: [0.012, 0.026, 0.02], color: skin });
  head.push({ geometry: SPHERE_LO, position: [-0.1, 0.115, 0], scale: [0.012, 0.026, 0.02], color: skin });
  head.push({ geometry: BOX, position: [0, 0.108, 0.116], rotation: [0.25, 0, 0], scale: [0.022, 0.042, 0.025], color: skin });
  for (const side of [-1, 1]) {
    head.push({ geometry: SPHERE_LO, position: [side * 0.036, 0.137, 0.098], scale: 0.0135, color: '#1f1611' });
    head.push({ geometry: BOX, position: [side * 0.038, 0.164, 0.103], rotation: [0, 0, side * -0.12], scale: [0.036, 0.009, 0.012], color: hair });
  }
  head.push({ geometry: BOX, position: [0, 0.072, 0.106], scale: [0.034, 0.007, 0.01], color: '#8a4a44' });
  const style = look.hairStyle ?? 'short';
  if (style !== 'bald') {
    head.push({ geometry: HAIR_CAP, position: [0, 0.125, 0], rotation: [-0.32, 0, 0], scale: [0.105, 0.118, 0.118], color: hair });
  }
  if (style === 'long') head.push({ geometry: capsule(0.095, 0.16), position: [0, 0.04, -0.045], scale: [1.05, 1, 0.55], color: hair });
  if (style === 'bun') head.push({ geometry: SPHERE_LO, position: [0, 0.2, -0.09], scale: [0.055, 0.05, 0.05], color: hair });
  if (style === 'curly') {
    for (let i = 0; i < 14; i++) {
      const a = (i / 14) * Math.PI * 2;
      const front = Math.max(0, Math.sin(a));
      const up = (i % 2 ? 0.2 : 0.17) + 0.035 * front;
      head.push({
        geometry: SPHERE_LO,
        position: [Math.cos(a) * 0.088, up, Math.sin(a) * 0.072 - 0.025 - 0.02 * front],
        scale: 0.042,
        color: hair,
      });
    }
    head.push({ geometry: SPHERE_LO, position: [0, 0.2, -0.01], scale: [0.09, 0.06, 0.09], color: hair });
  }
  if (look.beard) {
    head.push({ geometry: SPHERE_LO, position: [0, 0.05, 0.055], scale: [0.085, 0.06, 0.06], color: hair });
    head.push({ geometry: BOX, position: [0, 0.072, 0.112], scale: [0.03, 0.006, 0.01], color: '#7a3e38' });
  }

  // Upper arm: a capsule centred on its middle, along +y. Forearm: elbow at the origin, hand at +y.
  const upperArm = mergeParts([{ geometry: capsule(0.056, UPPER_ARM), color: shirt }]);
  const sleeveColour = look.sleeves === 'short' ? skin : shirt;
  const wrist = FOREARM - 0.05;
  // Hand: a flattened palm (its centre is the IK target) facing local +z, four fingers curled toward the palm and
  // a thumb on the side that is up when the palm faces the body's midline; mirrored for the left hand.
  const forearmFor = (side: number) => {
    const th = -side; // thumb on local +x for the right hand, -x for the left
    const hand: Part[] = [
      { geometry: SPHERE, position: [0, FOREARM - 0.005, 0], scale: [0.036, 0.046, 0.02], color: skin },
      { geometry: SPHERE_LO, position: [th * 0.03, FOREARM - 0.01, 0.01], rotation: [0.45, 0, th * 0.55], scale: [0.011, 0.03, 0.011], color: skin },
    ];
    for (let i = 0; i < 4; i++) {
      const fx = -0.021 + i * 0.014;
      const len = i === 0 || i === 3 ? 0.034 : 0.04;
      hand.push({ geometry: capsule(0.0075, len), position: [fx, FOREARM + 0.04, 0.012], rotation: [0.75, 0, 0], color: skin });
    }
    return mergeParts([
      { geometry: capsule(0.043, wrist), position: [0, wrist / 2, 0], color: sleeveColour },
      ...(look.sleeves === 'short' ? [] : [{ geometry: CYL, position: [0, wrist - 0.005, 0] as Vec3, scale: [0.034, 0.03, 0.034] as Vec3, color: skin }]),
      ...hand,
    ]);
  };

  return { lower: mergeParts(lower), upper: mergeParts(upper), head: mergeParts(head), upperArm, forearmR: forearmFor(RIGHT), forearmL: forearmFor(LEFT) };
}

// ---------------------------------------------------------------------------------------------------------------
// Component
// ---------------------------------------------------------------------------------------------------------------

export interface RigHandle {
  frame: RigFrame;
  /** Applies a pose (avatar-local) to the meshes. */
  apply(pose: RigPose): void;
  /** Solved palm centre of a hand after the last `apply`, avatar-local. */
  hand(side: number): Vector3;
  /** Root group (position and yaw); its matrixWorld maps avatar-local to world. */
  root: Group;
  /** Avatar-local → scene (the rig's parent frame) using the root's position and yaw. */
  toParent(v: Vector3, out: Vector3): Vector3;
  /** Scene → avatar-local (inverse of `toParent`). */
  toLocal(v: Vector3, out: Vector3): Vector3;
}

interface RigProps {
  look: Look;
  position?: Vec3;
  yaw?: number;
  name?: string;
  ref?: Ref<RigHandle | null>;
}

interface ArmMeshes {
  upper: Mesh | null;
  fore: Mesh | null;
  elbow: Vector3;
  hand: Vector3;
  shoulder: Vector3;
}

const fd = new Vector3();
const pn = new Vector3();
const pw = new Vector3();
const pc = new Vector3();
const pr = new Quaternion();

/** A person whose pose is set imperatively every frame through its handle (see the file comment). */
export function Rig({ look, position = [0, 0, 0], yaw = 0, name, ref }: RigProps) {
  const key = JSON.stringify(look);
  const frame = useMemo(() => new RigFrame(JSON.parse(key) as Look), [key]);
  const geo = useMemo(() => buildRig(JSON.parse(key) as Look, frame), [key, frame]);
  useEffect(
    () => () => {
      for (const g of Object.values(geo)) (g as BufferGeometry).dispose();
    },
    [geo],
  );

  const root = useRef<Group>(null);
  const upperG = useRef<Group>(null);
  const headG = useRef<Group>(null);
  const arms = useRef<Record<'r' | 'l', ArmMeshes>>({
    r: { upper: null, fore: null, elbow: new Vector3(), hand: new Vector3(), shoulder: new Vector3() },
    l: { upper: null, fore: null, elbow: new Vector3(), hand: new Vector3(), shoulder: new Vector3() },
  });

  const handle = useMemo<RigHandle>(() => {
    const h: RigHandle = {
      frame,
      root: null as unknown as Group,
      apply(pose) {
        const u = upperG.current;
        const hd = headG.current;
        if (u) {
          frame.upper(pose, u.matrix);
          u.matrixWorldNeedsUpdate = true;
        }
        if (hd) {
          te.set(pose.headPitch, pose.headYaw, pose.headRoll, 'YXZ');
          hd.quaternion.setFromEuler(te);
        }
        for (const [k, side, arm] of [
          ['r', RIGHT, pose.right],
          ['l', LEFT, pose.left],
        ] as const) {
          const a = arms.current[k];
          frame.shoulder(side, pose, a.shoulder);
          solveElbow(a.shoulder, arm.hand, arm.pole, a.elbow, a.hand);
          if (a.upper) {
            a.upper.position.copy(a.shoulder).add(a.elbow).multiplyScalar(0.5);
            a.upper.quaternion.setFromUnitVectors(UP, fd.copy(a.elbow).sub(a.shoulder).normalize());
          }
          if (a.fore) {
            a.fore.position.copy(a.elbow);
            // Along the forearm, then rolled so the palm faces the body's midline and a little down.
            fd.copy(a.hand).sub(a.elbow).normalize();
            a.fore.quaternion.setFromUnitVectors(UP, fd);
            pn.set(0, 0, 1).applyQuaternion(a.fore.quaternion);
            pw.set(-side, -0.6, 0.15);
            pw.addScaledVector(fd, -pw.dot(fd));
            if (pw.lengthSq() > 1e-6) {
              pw.normalize();
              const ang = Math.atan2(pc.crossVectors(pn, pw).dot(fd), pn.dot(pw));
              a.fore.quaternion.premultiply(pr.setFromAxisAngle(fd, ang));
            }
          }
        }
      },
      hand(side) {
        return side === RIGHT ? arms.current.r.hand : arms.current.l.hand;
      },
      toParent(v, out) {
        const r = root.current;
        const ry = r ? r.rotation.y : yaw;
        const c = Math.cos(ry);
        const s = Math.sin(ry);
        const px = r ? r.position.x : position[0];
        const py = r ? r.position.y : position[1];
        const pz = r ? r.position.z : position[2];
        return out.set(px + v.x * c + v.z * s, py + v.y, pz - v.x * s + v.z * c);
      },
      toLocal(v, out) {
        const r = root.current;
        const ry = r ? r.rotation.y : yaw;
        const c = Math.cos(ry);
        const s = Math.sin(ry);
        const dx = v.x - (r ? r.position.x : position[0]);
        const dy = v.y - (r ? r.position.y : position[1]);
        const dz = v.z - (r ? r.position.z : position[2]);
        return out.set(dx * c - dz * s, dy, dx * s + dz * c);
      },
    };
    return h;
  }, [frame, position, yaw]);

  useImperativeHandle(ref, () => {
    if (root.current) handle.root = root.current;
    return handle;
  }, [handle]);

  // A first pose so nothing is degenerate before the director runs.
  useEffect(() => {
    handle.apply(frame.restPose(makePose()));
  }, [handle, frame]);

  return (
    <group ref={root} position={position} rotation={[0, yaw, 0]} name={name}>
      <mesh geometry={geo.lower} material={matteVC} />
      <group ref={upperG} matrixAutoUpdate={false}>
        <mesh geometry={geo.upper} material={matteVC} />
        <group ref={headG} position={[0, frame.neckY - frame.hipY, 0]}>
          <mesh geometry={geo.head} material={matteVC} />
        </group>
      </group>
      <mesh ref={(m) => void (arms.current.r.upper = m)} geometry={geo.upperArm} material={matteVC} />
      <mesh ref={(m) => void (arms.current.r.fore = m)} geometry={geo.forearmR} material={matteVC} />
      <mesh ref={(m) => void (arms.current.l.upper = m)} geometry={geo.upperArm} material={matteVC} />
      <mesh ref={(m) => void (arms.current.l.fore = m)} geometry={geo.forearmL} material={matteVC} />
    </group>
  );
}
