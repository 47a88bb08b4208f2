import type { Page } from 'playwright-core';

// Drives the emulated Meta Quest 3 (IWER) that the headset page installs with `?emulate=quest3`.

export interface Applied {
  sceneId: string;
  level: number;
  phase: string;
  revision: number;
}

export async function appliedState(page: Page): Promise<Applied> {
  return page.evaluate(() => {
    const d = document.getElementById('applied-state')!.dataset;
    return { sceneId: d.scene!, level: Number(d.level), phase: d.phase!, revision: Number(d.revision) };
  });
}

/** Waits until the headset has settled on this scene and level and reported it. */
export async function waitForApplied(page: Page, want: { sceneId: string; level: number }, timeout = 40_000): Promise<Applied> {
  await page.waitForFunction(
    (w) => {
      const d = document.getElementById('applied-state')?.dataset;
      return d?.scene === w.sceneId && d.level === String(w.level) && d.phase === 'steady' && d.revision !== '';
    },
    want,
    { timeout },
  );
  return appliedState(page);
}

export async function enterImmersiveVr(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Enter VR' }).click();
  await page.waitForFunction(() => (window as unknown as { xrDevice?: { activeSession?: unknown } }).xrDevice?.activeSession != null);
}

/** Puts the emulated patient's head at a point of the room (reference space), turned `yaw` radians left. */
export async function moveHead(page: Page, at: { x: number; y: number; z: number }, yaw = 0): Promise<void> {
  await page.evaluate(`(() => {
    const d = window.xrDevice;
    d.position.set(${at.x}, ${at.y}, ${at.z});
    d.quaternion.set(0, ${Math.sin(yaw / 2)}, 0, ${Math.cos(yaw / 2)});
  })()`);
}

/** Where the patient's eyes are in the scene, and which way they face (yaw, 0 = the scene's forward, -z). */
export async function headInScene(page: Page): Promise<{ x: number; y: number; z: number; yaw: number }> {
  return page.evaluate(`(() => {
    const cam = window.cueroomRenderer.xr.getCamera();
    const p = cam.getWorldPosition(cam.position.clone());
    const f = cam.getWorldDirection(cam.position.clone());
    return { x: p.x, y: p.y, z: p.z, yaw: Math.atan2(-f.x, -f.z) };
  })()`);
}

/**
 * Points the right controller's ray at a world point from beside the patient, then pulls and releases
 * the trigger (a click needs the release within 300 ms). Both points are given in the scene: they are
 * taken into the headset's reference space, wherever re-centring put the patient.
 */
export async function aimAndPull(page: Page, target: { x: number; y: number; z: number }): Promise<void> {
  // Browser-side code as text: test transpilers may wrap named functions in helpers the page lacks.
  await page.evaluate(`(async () => {
    const origin = window.cueroomRenderer.xr.getCamera().parent;
    origin.updateMatrixWorld();
    const toSpace = origin.matrixWorld.clone().invert();
    const from = origin.position.clone().set(0.2, 1.1, -0.3).applyMatrix4(toSpace);
    const to = origin.position.clone().set(${target.x}, ${target.y}, ${target.z}).applyMatrix4(toSpace);
    const dir = to.sub(from).normalize();
    // Rotation taking the controller's forward (0,0,-1) onto the direction.
    const q = [dir.y, -dir.x, 0, 1 - dir.z];
    const ql = Math.hypot(...q);
    const right = window.xrDevice.controllers.right;
    right.position.set(from.x, from.y, from.z);
    right.quaternion.set(...q.map((c) => c / ql));
    const frames = (n) => new Promise((done) => { let i = 0; const tick = () => (++i >= n ? done() : requestAnimationFrame(tick)); requestAnimationFrame(tick); });
    await frames(6);
    right.updateButtonValue('trigger', 1);
    await frames(2);
    right.updateButtonValue('trigger', 0);
    await frames(6);
  })()`);
}
