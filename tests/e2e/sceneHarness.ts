import type { Page } from 'playwright-core';

// Drives the headset's scene preview (`/headset/?preview=…`) in one page through every scene and level,
// for the scene-library test, the contact sheet and the render bench. The in-page half is plain JS
// installed once: it reads three.js objects the page exposes (`cueroomRenderer`, `cueroomScene`,
// `cueroomCamera`) and steps the frames itself (`cueroomFrames`), with a fixed time step: what each frame
// shows is then the same on a fast or a slow machine, and no frame is drawn that is not looked at.

export interface RenderStats {
  calls: number;
  triangles: number;
  textureBytes: number;
}

export interface FadeReport {
  /** Frames rendered from the level change until every cue had settled. */
  frames: number;
  /** What popped into view at full opacity because of the level change (each a defect). */
  pops: string[];
  /** For each <Cue> the new level brings in: frames spent part-way faded in. */
  fadeFrames: Record<string, number>;
}

export interface LevelDifference {
  /** Cue groups the level brings in. */
  cues: string[];
  /** Pixels that change when those cues are hidden in the same frame: ahead, down at the table, right, behind, left (up to the first view that shows enough). */
  changed: number[];
  pixels: number;
}

const IN_PAGE = `(() => {
  const gl = () => window.cueroomRenderer;
  const scene = () => window.cueroomScene;
  const camera = () => window.cueroomCamera;
  const phase = () => document.getElementById('applied-state').dataset.phase;
  // Scenes tag parts of a cue by hand (\`userData.cueId\` on a plain group, for gaze); the fade belongs to the
  // nearest <Cue>, which writes \`userData.fade\`.
  const cueOf = (o) => { for (let p = o; p; p = p.parent) if (p.userData && p.userData.cueId !== undefined) return p; return null; };
  // Objects that show and hide on their own schedule say so (userData.animatedVisibility), e.g. a passer-by.
  const animatesItsVisibility = (o) => { for (let p = o; p; p = p.parent) if (p.userData && p.userData.animatedVisibility) return true; return false; };
  const fadeOf = (o) => { for (let p = o; p; p = p.parent) if (p.userData && typeof p.userData.fade === 'number') return p.userData.fade; return 1; };
  const renderables = () => {
    const out = new Set();
    scene().traverseVisible((o) => { if (o.isMesh || o.isPoints || o.isLine || o.isSprite) out.add(o); });
    return out;
  };
  const cueGroups = () => { const out = []; scene().traverse((o) => { if (o.userData && o.userData.cueId !== undefined) out.push(o); }); return out; };
  const name = (o) => { const path = []; for (let p = o; p && path.length < 4; p = p.parent) path.push(p.name || p.type); return path.join(' < '); };

  /**
   * Steps frames one at a time with a fixed 0.1 s time step (the largest step the fades take), calling
   * onFrame after each until it returns true. Between frames the page gets to run React's updates.
   */
  const STEP = 0.1;
  const yieldToPage = () => new Promise((resolve) => setTimeout(resolve, 0));
  const eachFrame = async (onFrame, limit = 400) => {
    for (let n = 1; n <= limit; n++) {
      await yieldToPage();
      window.cueroomFrames.step(STEP);
      await yieldToPage();
      if (onFrame(n)) return n;
    }
    throw new Error('not settled after ' + limit + ' frames');
  };

  /** Waits for n frames where nothing is in transition. */
  const settle = (n) => { let calm = 0; return eachFrame(() => { const fading = cueGroups().some((g) => fadeOf(g) > 0 && fadeOf(g) < 1); calm = phase() === 'steady' && !fading ? calm + 1 : 0; return calm >= n; }); };

  // The eight corners of an object's world bounding box (three's classes reached through the scene's objects).
  const boxCorners = function* (o) {
    const v = o.position.clone();
    const min = v.clone().set(Infinity, Infinity, Infinity), max = v.clone().set(-Infinity, -Infinity, -Infinity);
    o.updateWorldMatrix(true, true);
    o.traverse((m) => {
      if (!m.isMesh || !m.geometry) return;
      if (!m.geometry.boundingBox) m.geometry.computeBoundingBox();
      const bb = m.geometry.boundingBox;
      for (let i = 0; i < 8; i++) {
        const p = v.clone().set(i & 1 ? bb.max.x : bb.min.x, i & 2 ? bb.max.y : bb.min.y, i & 4 ? bb.max.z : bb.min.z).applyMatrix4(m.matrixWorld);
        min.min(p); max.max(p);
      }
    });
    for (let i = 0; i < 8; i++) yield v.clone().set(i & 1 ? max.x : min.x, i & 2 ? max.y : min.y, i & 4 ? max.z : min.z);
  };

  // Where a seated patient looks: ahead, down at the table, right, behind, left (pitch, yaw in radians).
  const VIEWS = [[0, 0], [-0.6, 0], [0, -Math.PI / 2], [0, Math.PI], [0, Math.PI / 2]];

  return {
    async show(sceneId, level, personalisation) {
      window.cueroomPreview.show(sceneId, level, personalisation ? { personalisation } : {});
      await settle(3);
    },

    /**
     * A level change as in a session, watched frame by frame. A defect is a cue that goes from hidden to
     * fully shown in one frame, or anything the level change itself shows at full opacity at once (an
     * object mounted or unhidden by level outside a fading cue) in the frames right after the change.
     */
    async changeLevel(level) {
      // What is drawn, not how finely, is watched here: fewer pixels make software rendering faster.
      const dpr = gl().getPixelRatio();
      gl().setPixelRatio(dpr / 4);
      try {
        // From a calm moment of the level (its timed segments start later): a level change in the middle
        // of someone's sip ends the sip at once, which is the timeline's doing, not the fade's.
        window.cueroomPreview.seek(0.2);
        // Objects that show and hide by themselves at the current level (animation) are not level pops.
        const animated = new Set();
        let prev = renderables();
        await eachFrame((n) => {
          const now = renderables();
          for (const o of now) if (!prev.has(o)) animated.add(o);
          for (const o of prev) if (!now.has(o)) animated.add(o);
          prev = now;
          return n >= 4;
        });
        const lastFade = new Map(cueGroups().map((g) => [g, fadeOf(g)]));
        const pops = [];
        // Every <Cue> the level brings in (hand-tagged parts animate with their cue, e.g. an offer).
        const fadeFrames = Object.fromEntries(cueGroups().filter((g) => g.userData.minLevel === level && typeof g.userData.fade === 'number').map((g) => [g.userData.cueId, 0]));
        let calm = 0;
        window.cueroomPreview.setLevel(level);
        const frames = await eachFrame((n) => {
          const now = renderables();
          if (n <= 3) {
            for (const o of now) {
              if (prev.has(o) || animated.has(o) || fadeOf(o) < 1 || animatesItsVisibility(o)) continue;
              const cue = cueOf(o);
              pops.push(name(o) + (cue ? ' (cue ' + cue.userData.cueId + ')' : ''));
            }
          }
          let fading = false;
          // Whether a cue faded is judged on the <Cue> that holds it (a hand-tagged part fades with it).
          for (const g of cueGroups()) {
            const f = fadeOf(g);
            if (f >= 1 && lastFade.get(g) === 0) pops.push('cue ' + g.userData.cueId + ' jumped from hidden to fully shown');
            if (f > 0 && f < 1) {
              fading = true;
              if (g.userData.cueId in fadeFrames) fadeFrames[g.userData.cueId] += 1;
            }
            lastFade.set(g, f);
          }
          prev = now;
          calm = phase() === 'steady' && !fading ? calm + 1 : 0;
          return calm >= 2;
        });
        return { frames, pops: [...new Set(pops)], fadeFrames };
      } finally {
        gl().setPixelRatio(dpr);
      }
    },

    /** Jumps the level's clock to \`seconds\` (e.g. into a timed segment) and lets the scene draw that moment. */
    async seek(seconds) {
      // Held there for a few frames (slow frames would otherwise carry the clock past a short segment).
      window.cueroomPreview.seek(seconds);
      await eachFrame((n) => {
        window.cueroomPreview.seek(seconds);
        return n >= 3;
      });
    },

    /** Draw calls and triangles of the last frame, and the bytes of every texture in use (RGBA8 + mipmaps). */
    stats() {
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
      const s = scene();
      if (s.environment) add(s.environment);
      s.traverse((o) => {
        const mats = o.material ? (Array.isArray(o.material) ? o.material : [o.material]) : [];
        for (const m of mats) for (const k of Object.keys(m)) if (m[k] && m[k].isTexture) add(m[k]);
      });
      return { calls: gl().info.render.calls, triangles: gl().info.render.triangles, textureBytes: Math.round(bytes) };
    },

    /**
     * The level against the previous one at the same instant: renders the frame, hides the cues this level
     * brings in, renders again, and counts the pixels that changed, in each of the patient's views.
     */
    differenceFromPrevious(level, enough) {
      const r = gl(), s = scene(), c = camera(), ctx = r.getContext();
      const cues = cueGroups().filter((g) => g.userData.minLevel === level);
      const w = ctx.drawingBufferWidth, h = ctx.drawingBufferHeight;
      const read = () => { r.render(s, c); const px = new Uint8Array(w * h * 4); ctx.readPixels(0, 0, w, h, ctx.RGBA, ctx.UNSIGNED_BYTE, px); return px; };
      const saved = c.quaternion.clone();
      const changed = [];
      for (const [pitch, yaw] of VIEWS) {
        c.rotation.set(pitch, yaw, 0, 'YXZ');
        c.updateMatrixWorld();
        const shown = read();
        cues.forEach((g) => { g.visible = false; });
        const hidden = read();
        cues.forEach((g) => { g.visible = true; });
        let n = 0;
        for (let i = 0; i < shown.length; i += 4) {
          if (Math.abs(shown[i] - hidden[i]) + Math.abs(shown[i + 1] - hidden[i + 1]) + Math.abs(shown[i + 2] - hidden[i + 2]) > 24) n++;
        }
        changed.push(n);
        // Each view is two software renders: stop looking once the cues have clearly shown.
        if (n >= enough) break;
      }
      c.quaternion.copy(saved);
      c.updateMatrixWorld();
      return { cues: cues.map((g) => g.userData.cueId), changed, pixels: w * h };
    },

    /** One frame from the seat as a PNG data URL, looking ahead and a little down (pitch, yaw in radians). */
    picture(pitch, yaw) {
      const r = gl(), s = scene(), c = camera();
      const saved = c.quaternion.clone();
      c.rotation.set(pitch, yaw, 0, 'YXZ');
      c.updateMatrixWorld();
      r.render(s, c);
      const url = r.domElement.toDataURL('image/png');
      c.quaternion.copy(saved);
      c.updateMatrixWorld();
      return url;
    },

    /**
     * The pixels of one region of a frame seen from the seat (pitch, yaw): by default the screen box around
     * a cue, grown by a fifth, so that other cues' animation does not count. Returns the region and its RGBA.
     */
    region(pitch, yaw, cueId, given) {
      const r = gl(), s = scene(), c = camera(), ctx = r.getContext();
      const w = ctx.drawingBufferWidth, h = ctx.drawingBufferHeight;
      const saved = c.quaternion.clone();
      c.rotation.set(pitch, yaw, 0, 'YXZ');
      c.updateMatrixWorld();
      let box = given;
      if (!box) {
        const g = s.getObjectByName('cue:' + cueId);
        const b = boxCorners(g);
        let x0 = 1, y0 = 1, x1 = -1, y1 = -1;
        for (const p of b) { p.project(c); x0 = Math.min(x0, p.x); y0 = Math.min(y0, p.y); x1 = Math.max(x1, p.x); y1 = Math.max(y1, p.y); }
        const grow = 0.1 * Math.max(x1 - x0, y1 - y0);
        const px = (v) => Math.round(((Math.max(-1, Math.min(1, v)) + 1) / 2) * w);
        const py = (v) => Math.round(((Math.max(-1, Math.min(1, v)) + 1) / 2) * h);
        box = { x: px(x0 - grow), y: py(y0 - grow), w: px(x1 + grow) - px(x0 - grow), h: py(y1 + grow) - py(y0 - grow) };
      }
      r.render(s, c);
      const data = new Uint8Array(Math.max(1, box.w * box.h * 4));
      if (box.w > 0 && box.h > 0) ctx.readPixels(box.x, box.y, box.w, box.h, ctx.RGBA, ctx.UNSIGNED_BYTE, data);
      c.quaternion.copy(saved);
      c.updateMatrixWorld();
      let bin = '';
      for (let i = 0; i < data.length; i++) bin += String.fromCharCode(data[i]);
      return { box, rgba: btoa(bin) };
    },

    /** The cue groups in the scene graph (tagged for gaze measurement), with the level each shows from. */
    cueLevels() {
      return Object.fromEntries(cueGroups().map((g) => [g.userData.cueId, g.userData.minLevel]));
    },

    /** Median milliseconds to render the scene and read one pixel back (so the GPU has finished), and the same for an empty scene. */
    frameTime(n) {
      const r = gl(), s = scene(), c = camera(), ctx = r.getContext();
      const px = new Uint8Array(4);
      const time = (target) => {
        const t = [];
        for (let i = 0; i < n; i++) {
          const t0 = performance.now();
          r.render(target, c);
          ctx.readPixels(0, 0, 1, 1, ctx.RGBA, ctx.UNSIGNED_BYTE, px);
          t.push(performance.now() - t0);
        }
        t.sort((a, b) => a - b);
        return t[Math.floor(n / 2)];
      };
      const empty = new s.constructor();
      return { scene: time(s), empty: time(empty) };
    },
  };
})()`;

const call = <T>(page: Page, expression: string) => page.evaluate<T>(`window.cueroomHarness.${expression}`);

/** Opens the headset's scene preview (gallery) and waits until it has drawn a few frames. */
export async function openPreview(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/headset/?preview=gallery&level=0`, { waitUntil: 'domcontentloaded', timeout: 120_000 });
  await page.waitForFunction('window.cueroomRenderer && window.cueroomFrames && window.cueroomPreview && window.cueroomRenderer.info.render.frame >= 4', null, {
    timeout: 120_000,
    polling: 250,
  });
}

/** Opens the preview once, installs the in-page harness, and from then on steps the frames itself. */
export async function openSceneHarness(page: Page, baseUrl: string): Promise<void> {
  await openPreview(page, baseUrl);
  await page.evaluate(`window.cueroomHarness = ${IN_PAGE}; window.cueroomFrames.manual(true)`);
}

/** Shows a scene at a level at once (as behind the veil after a scene change) and waits until it is steady. */
export const showScene = (page: Page, sceneId: string, level: number, personalisation?: Record<string, string>) =>
  call<void>(page, `show(${JSON.stringify(sceneId)}, ${level}, ${JSON.stringify(personalisation ?? null)})`);

export const changeLevel = (page: Page, level: number) => call<FadeReport>(page, `changeLevel(${level})`);

export const seek = (page: Page, seconds: number) => call<void>(page, `seek(${seconds})`);

export const renderStats = (page: Page) => call<RenderStats>(page, 'stats()');

/** Looks from the seat in turn until a view shows at least `enough` changed pixels. */
export const differenceFromPrevious = (page: Page, level: number, enough = Infinity) =>
  call<LevelDifference>(page, `differenceFromPrevious(${level}, ${Number.isFinite(enough) ? enough : 'Infinity'})`);

export const cueLevels = (page: Page) => call<Record<string, number>>(page, 'cueLevels()');

export const picture = (page: Page, pitch = -0.25, yaw = 0) => call<string>(page, `picture(${pitch}, ${yaw})`);

export interface Region {
  box: { x: number; y: number; w: number; h: number };
  /** RGBA bytes, base64. */
  rgba: string;
}

/** A region of the frame from the seat: around a cue's screen box, or a box given from an earlier call. */
export const region = (page: Page, view: { pitch: number; yaw: number }, at: string | Region['box']) =>
  call<Region>(page, `region(${view.pitch}, ${view.yaw}, ${typeof at === 'string' ? JSON.stringify(at) : 'null'}, ${typeof at === 'string' ? 'null' : JSON.stringify(at)})`);

/** Share of pixels whose colour differs clearly between two renders of the same region. */
export function changedShare(a: Region, b: Region): number {
  const x = Buffer.from(a.rgba, 'base64');
  const y = Buffer.from(b.rgba, 'base64');
  let n = 0;
  for (let i = 0; i < x.length; i += 4) if (Math.abs(x[i]! - y[i]!) + Math.abs(x[i + 1]! - y[i + 1]!) + Math.abs(x[i + 2]! - y[i + 2]!) > 24) n++;
  return n / (x.length / 4);
}

export const frameTime = (page: Page, frames: number) => call<{ scene: number; empty: number }>(page, `frameTime(${frames})`);
