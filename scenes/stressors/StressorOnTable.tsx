import { useMemo } from 'react';
import { MeshBasicMaterial, MeshStandardMaterial } from 'three';
import { Cue } from '../kit/Cue';
import { type Part, type Vec3 } from '../kit/materials';
import { FLAT_PLANE, MergedMesh, UNIT_BOX } from '../stress-home/bits';
import { PAPER, PAPER_H, PAPER_W, paperTex, type Rect, SCREEN, SCREEN_H, SCREEN_W, screenTex, uvOf } from '../stress-home/textures';
import { PAPERS, PAPERS_H, PAPERS_W, papersTex } from '../stress-work/textures';
import { stressorOf } from '../stressor';

// The stress scenes' own papers and phone screen, so an added stressor reads exactly as it does at home or at work.
const homePaper = new MeshStandardMaterial({ map: paperTex, roughness: 0.85, emissive: '#ffffff', emissiveMap: paperTex, emissiveIntensity: 0.14 });
const workPaper = new MeshStandardMaterial({ map: papersTex, roughness: 0.85, emissive: '#ffffff', emissiveMap: papersTex, emissiveIntensity: 0.12 });
const phoneScreen = new MeshBasicMaterial({ map: screenTex, toneMapped: false });
const phoneBody = new MeshStandardMaterial({ color: '#1b1c1f', roughness: 0.4 });

function sheet(atlas: [number, number], rect: Rect, x: number, z: number, y: number, width: number, rotY: number): Part {
  const [, , rw, rh] = rect;
  return { geometry: FLAT_PLANE, position: [x, y, z], rotation: [0, rotY, 0], scale: [width, 1, (width * rh) / rw], uvRect: uvOf(rect, atlas[0], atlas[1]) };
}

const HOME: [number, number] = [PAPER_W, PAPER_H];
const WORK: [number, number] = [PAPERS_W, PAPERS_H];

function Bills() {
  const parts = useMemo(
    () => [
      sheet(HOME, PAPER.envelopeUrgent, -0.05, -0.02, 0.001, 0.2, 0.18),
      sheet(HOME, PAPER.bill, 0.04, 0.03, 0.002, 0.16, -0.15),
      sheet(HOME, PAPER.notice, -0.02, 0.06, 0.003, 0.15, 0.32),
    ],
    [],
  );
  return <MergedMesh parts={parts} material={homePaper} />;
}

const PHONE = { w: 0.074, l: 0.152, t: 0.008 };

function MissedCalls() {
  const body = useMemo<Part[]>(() => [{ geometry: UNIT_BOX, position: [0, PHONE.t / 2, 0], scale: [PHONE.w, PHONE.t, PHONE.l] }], []);
  const screen = useMemo<Part[]>(
    () => [{ geometry: FLAT_PLANE, position: [0, PHONE.t + 0.0005, 0], scale: [PHONE.w - 0.006, 1, PHONE.l - 0.008], uvRect: uvOf(SCREEN.missed, SCREEN_W, SCREEN_H) }],
    [],
  );
  return (
    <group rotation={[0, -0.35, 0]}>
      <MergedMesh parts={body} material={phoneBody} />
      <MergedMesh parts={screen} material={phoneScreen} />
    </group>
  );
}

function Warning() {
  const parts = useMemo(() => [sheet(WORK, PAPERS.warning, 0, 0, 0.001, 0.19, -0.1), sheet(WORK, PAPERS.sticky, 0.09, -0.08, 0.002, 0.06, 0.25)], []);
  return <MergedMesh parts={parts} material={workPaper} />;
}

/** Above any level: a stressor not chosen stays mounted but hidden, so choosing it mid-scene fades it in. */
const NEVER = 5;

/**
 * The stressor chosen for this patient (`stressor` personalisation), lying on a surface within reach: `at` is
 * a free spot on the table in front of the patient, `rotY` turns it to face them, `scale` folds the papers
 * smaller on a small table. Fades in like any cue.
 */
export function Stressor({ at, rotY = 0, scale = 1, personalisation }: { at: Vec3; rotY?: number; scale?: number; personalisation: Record<string, string> }) {
  const stressor = stressorOf(personalisation);
  const from = (s: typeof stressor) => (stressor === s ? 0 : NEVER);
  return (
    <group position={at} rotation={[0, rotY, 0]} scale={scale}>
      <Cue id="stressor-bills" minLevel={from('debt')}>
        <Bills />
      </Cue>
      <Cue id="stressor-missed-calls" minLevel={from('argument')}>
        <MissedCalls />
      </Cue>
      <Cue id="stressor-warning" minLevel={from('work')}>
        <Warning />
      </Cue>
    </group>
  );
}
