import type { Page } from 'playwright-core';

export interface RenderStats {
  calls: number;
  triangles: number;
  textureBytes: number;
}

/** Opens the headset's preview of one scene level and waits until it has rendered a few frames. */
export async function openPreview(page: Page, baseUrl: string, sceneId: string, level: number): Promise<void> {
  await page.goto(`${baseUrl}/headset/?preview=${sceneId}&level=${level}`, { waitUntil: 'domcontentloaded' });
  await page.waitForFunction('window.cueroomRenderer && window.cueroomRenderer.info.render.frame >= 4 && window.cueroomRenderer.info.render.calls > 0', null, { timeout: 120_000, polling: 250 });
}

/**
 * Draw calls and triangles of the last frame (one eye's view), and the bytes of every texture the scene
 * uses (RGBA8, plus a third for mipmaps), counted once each.
 */
export async function renderStats(page: Page): Promise<RenderStats> {
  return page.evaluate(`(() => {
    const gl = window.cueroomRenderer, scene = window.cueroomScene;
    const seen = new Set();
    let bytes = 0;
    const add = (t) => {
      if (!t || seen.has(t)) return;
      seen.add(t);
      const img = t.image || (t.source && t.source.data) || {};
      const w = img.width || 0, h = img.height || 0;
      const mip = t.generateMipmaps === false ? 1 : 4 / 3;
      bytes += w * h * 4 * mip * (t.isCubeTexture ? 6 : 1);
    };
    if (scene.environment) add(scene.environment);
    scene.traverse((o) => {
      const mats = o.material ? (Array.isArray(o.material) ? o.material : [o.material]) : [];
      for (const m of mats) for (const k of Object.keys(m)) if (m[k] && m[k].isTexture) add(m[k]);
    });
    return { calls: gl.info.render.calls, triangles: gl.info.render.triangles, textureBytes: Math.round(bytes) };
  })()`);
}
