import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sceneManifests } from '../../scenes/manifests';
import { startTestServer, type TestServer } from '../support/testServer';
import { launchChromium } from './chromium';
import { openPreview, renderStats } from './scenePreview';

// Budgets for a standalone headset at 72–90 Hz (Quest 2/3): counted, not timed, so they hold anywhere.
const MAX_DRAW_CALLS = 150;
const MAX_TRIANGLES = 300_000;
const MAX_TEXTURE_BYTES = 128 * 1024 * 1024;

let server: TestServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startTestServer({ serveClient: true });
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 320, height: 180 } })).newPage();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('every scene fits a standalone headset’s budget at its highest level', () => {
  // Cues accumulate with the level, so the highest level is usually the heaviest; each level is a page load in
  // software WebGL, so the full scene × level table is left to `npm run bench` to keep `npm test` short.
  const cases = sceneManifests.map((m) => [m.id, m.levels.length - 1] as const);
  it.each(cases)('%s level %i', async (sceneId, level) => {
    await openPreview(page, server.url, sceneId, level);
    const s = await renderStats(page);
    console.log(`${sceneId} L${level}: ${s.calls} draw calls, ${s.triangles} triangles, ${(s.textureBytes / 2 ** 20).toFixed(1)} MiB textures`);
    expect(s.calls).toBeGreaterThan(0);
    expect(s.calls).toBeLessThanOrEqual(MAX_DRAW_CALLS);
    expect(s.triangles).toBeLessThanOrEqual(MAX_TRIANGLES);
    expect(s.textureBytes).toBeLessThan(MAX_TEXTURE_BYTES);
  });
});
