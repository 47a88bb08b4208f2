import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sceneManifests } from '../../scenes/manifests';
import { startTestServer } from '../support/testServer';
import { ensureChromium, launchChromium } from './chromium';
import { openPreview } from './scenePreview';

// `npm run scenes:sheet`: every scene × level from the patient's seat, as PNGs in docs/scenes/ and one
// contact sheet docs/scenes.png, so a clinician can choose scenes without a headset.

ensureChromium();
execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
const outDir = join('docs', 'scenes');
mkdirSync(outDir, { recursive: true });
const server = await startTestServer({ serveClient: true });
const browser = await launchChromium();
try {
  const page = await (await browser.newContext({ viewport: { width: 640, height: 360 } })).newPage();
  const tiles: { title: string; file: string }[] = [];
  for (const m of sceneManifests) {
    for (const l of m.levels) {
      await openPreview(page, server.url, m.id, l.level);
      await page.waitForTimeout(500);
      const file = join(outDir, `${m.id}-${l.level}.png`);
      await page.screenshot({ path: file });
      tiles.push({ title: `${m.title.en} / ${m.title.fr} — ${l.level}: ${l.title.en}`, file });
      console.log(`wrote ${file}`);
    }
  }
  const sheet = await (await browser.newContext({ viewport: { width: 1600, height: 900 } })).newPage();
  const cells = tiles
    .map((t) => `<figure><img src="data:image/png;base64,${readFileSync(t.file).toString('base64')}"><figcaption>${t.title}</figcaption></figure>`)
    .join('');
  await sheet.setContent(`<style>
    body{margin:0;padding:12px;background:#111;font:12px system-ui,sans-serif;color:#eee}
    main{display:grid;grid-template-columns:repeat(5,1fr);gap:10px}
    figure{margin:0} img{width:100%;display:block;border-radius:4px} figcaption{padding:3px 0}
  </style><main>${cells}</main>`);
  await sheet.screenshot({ path: join('docs', 'scenes.png'), fullPage: true });
  console.log('wrote docs/scenes.png');
} finally {
  await browser.close();
  await server.stop();
}
process.exit(0);
