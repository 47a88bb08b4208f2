import { execFileSync } from 'node:child_process';
import { sceneManifests } from '../../scenes/manifests';
import { startTestServer } from '../support/testServer';
import { ensureChromium, launchChromium } from './chromium';
import { openPreview, renderStats } from './scenePreview';

// `npm run scenes:budget`: every scene × level rendered in headless Chromium, its draw calls, triangles
// and texture bytes printed and checked against a standalone headset's budget (Quest 2/3 at 72–90 Hz).
// Counted, not timed. Not yet part of `npm test`: each level is a page load in software WebGL.

const MAX_DRAW_CALLS = 150;
const MAX_TRIANGLES = 300_000;
const MAX_TEXTURE_BYTES = 128 * 1024 * 1024;

ensureChromium();
execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
const server = await startTestServer({ serveClient: true });
const browser = await launchChromium();
let over = 0;
try {
  const page = await (await browser.newContext({ viewport: { width: 320, height: 180 } })).newPage();
  page.setDefaultTimeout(180_000);
  console.log('| scene | level | draw calls | triangles | textures (MiB) |\n|---|---|---|---|---|');
  for (const m of sceneManifests) {
    for (const l of m.levels) {
      await openPreview(page, server.url, m.id, l.level);
      const s = await renderStats(page);
      const ok = s.calls > 0 && s.calls <= MAX_DRAW_CALLS && s.triangles <= MAX_TRIANGLES && s.textureBytes < MAX_TEXTURE_BYTES;
      if (!ok) over++;
      console.log(`| ${m.id} | ${l.level} | ${s.calls} | ${s.triangles} | ${(s.textureBytes / 2 ** 20).toFixed(1)} |${ok ? '' : ' OVER BUDGET'}`);
    }
  }
} finally {
  await browser.close();
  await server.stop();
}
console.log(over ? `${over} scene level(s) over budget` : 'every scene level is within budget');
process.exit(over ? 1 : 0);
