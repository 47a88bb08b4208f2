import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sceneManifests } from '../../scenes/manifests';
import { startTestServer, type TestServer } from '../support/testServer';
import { launchChromium } from './chromium';
import { openPreview } from './sceneHarness';

// Scene sounds in real Chromium, on one headset preview page: the page switches scene and level and fires
// events through the preview hooks (client/headset/preview.ts) instead of reloading, so the whole check is
// one page load. The click stands for the patient's first gesture (Enter VR), which lets audio start.

interface SoundInfo {
  id: string;
  sceneId: string;
  minLevel: number;
  meshes: number;
  audio: null | {
    playing: boolean;
    /** AudioContext time of the last start (0 before any), and now. */
    started: number;
    now: number;
    gain: number;
    panningModel: string;
    panner: number[];
    world: number[];
    head: number[];
    state: string;
    peak: number;
    rate: number;
    listenerOnCamera: boolean;
  };
}

/** Every `sound:<id>` object of the shown scene, with its audio node's state once audio runs. */
const readSounds = (page: Page): Promise<SoundInfo[]> =>
  page.evaluate(`(() => {
    const out = [];
    window.cueroomScene.traverse((o) => {
      if (!o.name.startsWith('sound:')) return;
      let meshes = 0;
      o.traverse((c) => { if (c.isMesh) meshes++; });
      const a = o.children.find((c) => c.type === 'Audio');
      let audio = null;
      if (a) {
        const p = a.panner, w = a.getWorldPosition(a.position.clone()), cam = a.listener.parent;
        const head = cam ? cam.getWorldPosition(cam.position.clone()) : { x: NaN, y: NaN, z: NaN };
        let peak = 0;
        if (a.buffer) for (const v of a.buffer.getChannelData(0)) peak = Math.max(peak, Math.abs(v));
        audio = {
          playing: a.isPlaying, started: a._startedAt, now: a.context.currentTime, gain: a.gain.gain.value, panningModel: p.panningModel,
          panner: [p.positionX.value, p.positionY.value, p.positionZ.value], world: [w.x, w.y, w.z], head: [head.x, head.y, head.z],
          state: a.context.state, peak, rate: a.buffer ? a.buffer.sampleRate : 0, listenerOnCamera: !!cam && cam.isCamera === true,
        };
      }
      out.push({ id: o.userData.soundCueId, sceneId: o.userData.sceneId, minLevel: o.userData.minLevel, meshes, audio });
    });
    return out;
  })()`);

/** Shows a scene level and waits until that scene's sounds are in the scene graph; returns them. */
async function show(page: Page, sceneId: string, level: number): Promise<SoundInfo[]> {
  await page.evaluate(`window.cueroomPreview.show(${JSON.stringify(sceneId)}, ${level})`);
  for (const deadline = Date.now() + 120_000; ; await page.waitForTimeout(250)) {
    const sounds = (await readSounds(page)).filter((s) => s.sceneId === sceneId);
    if (sounds.length > 0) return sounds;
    if (Date.now() > deadline) throw new Error(`no sound appeared in ${sceneId}`);
  }
}

/** Waits for a few frames: a newly shown scene's first frame compiles its shaders, a minute or more in software WebGL. */
async function settle(page: Page): Promise<void> {
  const frame = await page.evaluate('window.cueroomRenderer.info.render.frame');
  await page.waitForFunction(`window.cueroomRenderer.info.render.frame >= ${Number(frame) + 3}`, null, { polling: 250 });
}

/** Waits until `sound:<id>` satisfies `cond(s)`. */
async function waitForSound(page: Page, id: string, cond: (s: SoundInfo) => boolean, timeout = 240_000): Promise<SoundInfo> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const s = (await readSounds(page)).find((x) => x.id === id);
    if (s && cond(s)) return s;
    if (Date.now() > deadline) throw new Error(`sound:${id} never got there: ${JSON.stringify(s)}`);
    await page.waitForTimeout(250);
  }
}

describe('scene sounds in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    server = await startTestServer({ serveClient: true });
    browser = await launchChromium(['--autoplay-policy=no-user-gesture-required']);
    page = await (await browser.newContext({ viewport: { width: 320, height: 180 } })).newPage();
    page.setDefaultTimeout(180_000);
    page.on('pageerror', (e) => errors.push(e.stack ?? e.message));
    await openPreview(page, server.url);
    await page.mouse.click(160, 90);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('renders every manifest sound cue in its scene, graded from the level that declares it, and no sound adds a mesh', async () => {
    // Only the scene graph matters here: hold the render loop (its callbacks queue up) so that software WebGL
    // does not compile and draw each scene, then let it run again.
    await page.evaluate(`(() => { const raf = window.requestAnimationFrame, queued = []; window.requestAnimationFrame = (cb) => (queued.push(cb), 0); window.resumeFrames = () => { window.requestAnimationFrame = raf; queued.forEach((cb) => raf(cb)); }; })()`);
    try {
      for (const m of sceneManifests) {
        const sounds = await show(page, m.id, m.levels.length - 1);
        const expected = m.levels.flatMap((l) => l.cues.filter((c) => c.kind === 'sound').map((c) => ({ id: c.id, minLevel: l.level })));
        for (const e of expected) expect(sounds.find((s) => s.id === e.id), `sound:${e.id} in ${m.id}`).toMatchObject({ minLevel: e.minLevel });
        for (const s of sounds) expect(s.meshes, `sound:${s.id} in ${m.id}`).toBe(0);
      }
    } finally {
      await page.evaluate('window.resumeFrames()');
    }
    expect(errors).toEqual([]);
  }, 600_000);

  it('plays a fired sound through an HRTF PannerNode at its cue position, from a non-silent buffer', async () => {
    await show(page, 'bar', 0);
    await waitForSound(page, 'room-tone', (s) => s.sceneId === 'bar' && !!s.audio?.playing);
    await settle(page);
    const before = await waitForSound(page, 'glasses-clink', (s) => (s.audio?.peak ?? 0) > 0);
    await page.evaluate(`window.cueroomPreview.fire('glasses-clink')`);
    // started after the firing, and the panner moved to the source while it played
    const atSource = (a: NonNullable<SoundInfo['audio']>) => Math.hypot(...a.panner.map((v, i) => v - a.world[i]!)) < 0.01;
    const s = await waitForSound(page, 'glasses-clink', (x) => !!x.audio && x.audio.started > before.audio!.now && atSource(x.audio), 60_000);
    const a = s.audio!;
    expect(a.state).toBe('running');
    expect(a.panningModel).toBe('HRTF');
    expect(a.world).toEqual([expect.closeTo(-1.45, 5), expect.closeTo(1.4, 5), expect.closeTo(-3, 5)]);
    expect(a.listenerOnCamera).toBe(true);
    // spatial: the source is away from the head, not inside it
    expect(Math.hypot(...a.world.map((v, i) => v - a.head[i]!))).toBeGreaterThan(3);
    expect(a.rate).toBe(24_000);
    expect(a.peak).toBeGreaterThan(0.5);
    expect(a.gain).toBeGreaterThan(0);
  }, 480_000);

  it('fades an ambient loop in when the level reaches it, and out again below', async () => {
    await show(page, 'bar', 0);
    const silent = (await readSounds(page)).find((s) => s.id === 'bar-music')!;
    expect(silent.audio?.playing).toBe(false);
    await show(page, 'bar', 1);
    const on = await waitForSound(page, 'bar-music', (s) => !!s.audio?.playing && s.audio.gain > 0.2);
    expect(on.audio!.gain).toBeLessThanOrEqual(0.8);
    // (a stopped node's gain is not re-read by Chromium, so only `playing` tells here)
    await show(page, 'bar', 0);
    await waitForSound(page, 'bar-music', (s) => !s.audio?.playing);
  }, 480_000);
});
