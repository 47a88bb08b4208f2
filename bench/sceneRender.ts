import { sceneManifests } from '../scenes/manifests';
import { ensureChromium, launchChromium } from '../tests/e2e/chromium';
import { frameTime, openSceneHarness, renderStats, showScene } from '../tests/e2e/sceneHarness';
import { startTestServer } from '../tests/support/testServer';
import { buildClient } from '../tests/support/buildClient';

const FRAMES = 15;

/**
 * Every scene × level rendered in this machine's headless Chromium (SwiftShader: software WebGL, so the
 * times say how heavy a scene is relative to the others, not how it runs on a headset's GPU): draw calls,
 * triangles, and the median time to render a frame and read a pixel back, beside an empty scene rendered
 * by the same renderer in the same run.
 */
export async function sceneRenderBench(): Promise<void> {
  ensureChromium();
  buildClient();
  const server = await startTestServer({ serveClient: true });
  const browser = await launchChromium();
  try {
    // One eye of a Quest 3 is 2064 × 2208 pixels; a quarter of that keeps software rendering bearable.
    const page = await (await browser.newContext({ viewport: { width: 516, height: 552 } })).newPage();
    page.setDefaultTimeout(180_000);
    await openSceneHarness(page, server.url);
    console.log(`\n## Scene rendering — headless Chromium (SwiftShader), 516×552, median of ${FRAMES} frames\n`);
    console.log('| scene | level | draw calls | triangles | frame | empty scene | × empty |\n|---|---|---|---|---|---|---|');
    for (const m of sceneManifests) {
      for (const l of m.levels) {
        await showScene(page, m.id, l.level);
        const stats = await renderStats(page);
        const t = await frameTime(page, FRAMES);
        console.log(`| ${m.id} | ${l.level} | ${stats.calls} | ${stats.triangles} | ${t.scene.toFixed(1)} ms | ${t.empty.toFixed(1)} ms | ×${(t.scene / t.empty).toFixed(1)} |`);
      }
    }
    console.log('\nNo GPU machine was available to this run: the table shows software-rendered times only.');
  } finally {
    await browser.close();
    await server.stop();
  }
}
