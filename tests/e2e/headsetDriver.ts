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

/**
 * Points the right controller's ray at a world point from beside the patient, then pulls and releases
 * the trigger (a click needs the release within 300 ms).
 */
export async function aimAndPull(page: Page, target: { x: number; y: number; z: number }): Promise<void> {
  const from = { x: 0.2, y: 1.1, z: -0.3 };
  let dx = target.x - from.x;
  let dy = target.y - from.y;
  let dz = target.z - from.z;
  const len = Math.hypot(dx, dy, dz);
  [dx, dy, dz] = [dx / len, dy / len, dz / len];
  // Rotation taking the controller's forward (0,0,-1) onto the direction.
  let q = [dy, -dx, 0, 1 - dz];
  const ql = Math.hypot(...q);
  q = q.map((c) => c / ql);
  // Browser-side code as text: test transpilers may wrap named functions in helpers the page lacks.
  await page.evaluate(`(async () => {
    const right = window.xrDevice.controllers.right;
    right.position.set(${from.x}, ${from.y}, ${from.z});
    right.quaternion.set(${q.join(', ')});
    const frames = (n) => new Promise((done) => { let i = 0; const tick = () => (++i >= n ? done() : requestAnimationFrame(tick)); requestAnimationFrame(tick); });
    await frames(6);
    right.updateButtonValue('trigger', 1);
    await frames(2);
    right.updateButtonValue('trigger', 0);
    await frames(6);
  })()`);
}
