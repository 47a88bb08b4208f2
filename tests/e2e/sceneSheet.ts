import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sceneManifests } from '../../scenes/manifests';
import { startTestServer } from '../support/testServer';
import { ensureChromium, launchChromium } from './chromium';
import { openSceneHarness, picture, showScene } from './sceneHarness';
import { writeThumbnails } from './sceneThumbs';
import { buildClient } from '../support/buildClient';

// `npm run scenes:sheet`: every scene × level from the patient's seat (looking ahead, a little down), as
// PNGs in docs/scenes/ and one contact sheet docs/scenes.png, so a clinician can choose scenes without a
// headset and the console can show each level's preview.

ensureChromium();
buildClient();
const outDir = join('docs', 'scenes');
mkdirSync(outDir, { recursive: true });
const server = await startTestServer({ serveClient: true });
const browser = await launchChromium();
try {
  const page = await (await browser.newContext({ viewport: { width: 640, height: 360 } })).newPage();
  page.setDefaultTimeout(180_000);
  await openSceneHarness(page, server.url);
  const rows: string[] = [];
  for (const m of sceneManifests) {
    const cells: string[] = [];
    for (const l of m.levels) {
      await showScene(page, m.id, l.level);
      const png = (await picture(page)).replace(/^data:image\/png;base64,/, '');
      const file = join(outDir, `${m.id}-${l.level}.png`);
      writeFileSync(file, Buffer.from(png, 'base64'));
      cells.push(`<figure><img src="${pathToFileURL(resolve(file)).href}"><figcaption><b>${l.level}</b> ${l.title.en} · <i>${l.title.fr}</i></figcaption></figure>`);
      console.log(`wrote ${file}`);
    }
    rows.push(`<section><h2>${m.title.en} · <i>${m.title.fr}</i> <small>${m.role}${m.substances.includes('none') ? '' : ` — ${m.substances.join(', ')}`}</small></h2><div class="row">${cells.join('')}</div></section>`);
  }
  const sheet = await (await browser.newContext({ viewport: { width: 1600, height: 900 } })).newPage();
  const html = join(mkdtempSync(join(tmpdir(), 'cueroom-sheet-')), 'sheet.html');
  writeFileSync(html, `<!doctype html><meta charset="utf-8"><style>
    body{margin:0;padding:14px;background:#111;font:12px system-ui,sans-serif;color:#eee}
    h2{font-size:14px;margin:10px 0 4px} small{color:#9aa} .row{display:grid;grid-template-columns:repeat(5,1fr);gap:8px}
    figure{margin:0} img{width:100%;display:block;border-radius:3px} figcaption{padding:2px 0;color:#ccd}
  </style>${rows.join('')}`);
  await sheet.goto(pathToFileURL(html).href, { waitUntil: 'load', timeout: 180_000 });
  await sheet.screenshot({ path: join('docs', 'scenes.png'), fullPage: true, timeout: 180_000 });
  console.log('wrote docs/scenes.png');
  console.log(`wrote ${(await writeThumbnails(outDir)).length} thumbnails in ${outDir}/thumbs/`);
} finally {
  await browser.close();
  await server.stop();
}
process.exit(0);
