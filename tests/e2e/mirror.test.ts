import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionView } from '../../contract';
import { http, patientAndSession, startTestServer, type TestServer } from '../support/testServer';
import { answerPreCheck } from './consoleDriver';
import { enterImmersiveVr, headInScene, moveHead } from './headsetDriver';
import { openSessionPages, pairHeadset, signIn, startSessionByHand } from './sessionPages';

// During the session, in Chromium with an emulated Meta Quest 3: the console's mirror follows the
// patient's head, the connection figures are live, notes are stored, the slider sets the level and the
// emergency-stop shortcut works from inside a text field.

let server: TestServer;
let browser: Browser;
let consolePage: Page;
let headsetPage: Page;
let sessionId = '';

beforeAll(async () => {
  server = await startTestServer({ serveClient: true });
  ({ browser, consolePage, headsetPage } = await openSessionPages());
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The mirror camera's yaw (0 = the scene's forward, -z; positive = turned left), or null before it renders. */
function mirrorYaw(page: Page): Promise<number | null> {
  return page.evaluate(() => {
    const m = window.cueroomMirror;
    if (!m) return null;
    const [x, y, z, w] = m.camera.q as [number, number, number, number];
    // The camera's forward (0, 0, -1) rotated by q.
    const fx = -(2 * (x * z + w * y));
    const fz = -(1 - 2 * (x * x + y * y));
    return Math.atan2(-fx, -fz);
  });
}

const logTypes = async () => (await server.store.listLog(sessionId)).map((e) => e.type);

describe('the console during a session', () => {
  it('a session with a paired headset in immersive VR', async () => {
    await signIn(consolePage, server.url);
    sessionId = await startSessionByHand(consolePage, 'P-0777');
    await answerPreCheck(consolePage, { 'abstinent-today': 'yes', intoxicated: 'no', 'acute-crisis': 'no' });
    await pairHeadset(consolePage, headsetPage, server.url, 20_000);
    await enterImmersiveVr(headsetPage);
    await consolePage.getByTestId('headset-mode').getByText('immersive (in VR)').waitFor({ timeout: 15_000 });
  });

  it('shows the round trip to the server and the headset’s frame rate', async () => {
    await expect.poll(async () => consolePage.getByTestId('rtt').textContent(), { timeout: 10_000 }).toMatch(/^\d+ ms$/);
    await expect.poll(async () => Number(await consolePage.getByTestId('headset-fps').textContent()), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await consolePage.getByTestId('console-link').textContent()).toContain('up');
    expect(await consolePage.getByTestId('headset-link').textContent()).toContain('up');
  });

  it('the mirror camera follows the patient’s head as it turns', async () => {
    // Off by default (a heavy view for a modest clinic computer): turned on once, remembered.
    await consolePage.getByRole('button', { name: 'Turn the mirror on' }).click();
    await consolePage.getByTestId('mirror').scrollIntoViewIfNeeded();
    await expect.poll(() => consolePage.evaluate(() => window.cueroomMirror?.pose != null), { timeout: 20_000 }).toBe(true);
    for (const yaw of [0.9, -0.6]) {
      await moveHead(headsetPage, { x: 0, y: 1.2, z: 0 }, yaw);
      // The patient's yaw in the scene (placement turned the room when the session started).
      await expect.poll(async () => Math.abs((await headInScene(headsetPage)).yaw - yaw) < 1.2, { timeout: 5000 }).toBe(true);
      const inScene = (await headInScene(headsetPage)).yaw;
      await expect.poll(async () => Math.abs(((await mirrorYaw(consolePage)) ?? 99) - inScene), { timeout: 10_000 }).toBeLessThan(0.05);
    }
    const position = await consolePage.evaluate(() => window.cueroomMirror!.camera.p);
    const head = await headInScene(headsetPage);
    expect(Math.hypot(position[0]! - head.x, position[1]! - head.y, position[2]! - head.z)).toBeLessThan(0.05);
  });

  it('the free camera looks at the patient’s head from outside', async () => {
    await consolePage.getByTestId('mirror-free').click();
    await expect.poll(() => consolePage.evaluate(() => window.cueroomMirror?.mode), { timeout: 10_000 }).toBe('free');
    const head = await headInScene(headsetPage);
    const p = await consolePage.evaluate(() => window.cueroomMirror!.camera.p);
    expect(Math.hypot(p[0]! - head.x, p[1]! - head.y, p[2]! - head.z)).toBeGreaterThan(1);
    await consolePage.getByTestId('mirror-head').click();
    await expect.poll(() => consolePage.evaluate(() => window.cueroomMirror?.mode), { timeout: 10_000 }).toBe('head');
  });

  it('a note is stored in the session log and listed', async () => {
    await consolePage.getByLabel('New note').fill('Patient looks at the bar counter, breathing calmly.');
    await consolePage.getByRole('button', { name: 'Add note' }).click();
    await consolePage.getByTestId('notes').getByText('Patient looks at the bar counter, breathing calmly.').waitFor();
    const notes = (await server.store.listLog(sessionId)).filter((e) => e.type === 'note');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ actor: 'clinician', data: { text: 'Patient looks at the bar counter, breathing calmly.' } });
  });

  it('the slider sets the level, one command per change', async () => {
    await consolePage.getByTestId('level-bar-1').click();
    await expect.poll(() => consolePage.getByTestId('level-slider').inputValue(), { timeout: 10_000 }).toBe('1');
    const before = (await logTypes()).filter((t) => t === 'scene.requested').length;
    await consolePage.getByTestId('level-slider').focus();
    await consolePage.keyboard.press('ArrowRight');
    await expect.poll(async () => (await server.store.findSession(sessionId))?.state.directive.scene, { timeout: 10_000 }).toEqual({ sceneId: 'bar', level: 2 });
    await expect.poll(() => consolePage.getByTestId('level-bar-2').getAttribute('aria-pressed'), { timeout: 10_000 }).toBe('true');
    expect((await logTypes()).filter((t) => t === 'scene.requested').length).toBe(before + 1);
    // A drag across three levels, through many pixels, sends one command when released.
    const slider = consolePage.getByTestId('level-slider');
    await slider.hover(); // scrolled into view, on the thumb at level 2 (the middle)
    const box = (await slider.boundingBox())!;
    const y = box.y + box.height / 2;
    await consolePage.mouse.down();
    await consolePage.mouse.move(box.x + box.width - 2, y, { steps: 12 });
    await consolePage.mouse.up();
    await expect.poll(async () => (await server.store.findSession(sessionId))?.state.directive.scene, { timeout: 10_000 }).toEqual({ sceneId: 'bar', level: 4 });
    const requested = (await server.store.listLog(sessionId)).filter((e) => e.type === 'scene.requested').map((e) => e.data.level);
    expect(requested.slice(before)).toEqual([2, 4]);
  });

  it('Alt+X stops the session even while typing a note', async () => {
    const note = consolePage.getByLabel('New note');
    await note.fill('typing');
    await note.focus();
    await consolePage.keyboard.press('Alt+KeyX');
    await expect.poll(logTypes, { timeout: 10_000 }).toContain('emergency.stop');
    await consolePage.getByText('Emergency stop engaged').waitFor();
    expect(await note.inputValue()).toBe('typing');
    expect(await consolePage.getByTestId('emergency-stop').textContent()).toContain('Alt+X');
  });

  it('shows what the protocol proposes next; an override with a written reason is logged with the proposal', async () => {
    const { patient } = await patientAndSession(server, server.admin.token, 'P-0778');
    const session = await http<SessionView>(server, '/sessions', server.admin.token, { patientId: patient.id, protocolId: 'alcohol-alcovr-booster' });
    await consolePage.goto(`${server.url}/console/#/session/${session.body.id}`);
    await answerPreCheck(consolePage, { 'abstinent-today': 'yes', intoxicated: 'no', 'acute-crisis': 'no' });
    const next = consolePage.getByTestId('next-decision');
    await next.getByText('Measuring the baseline.').waitFor();
    expect(await next.getAttribute('data-kind')).toBe('hold');
    await next.getByRole('button', { name: 'Override…' }).click();
    await consolePage.getByLabel('Why override this proposal? (required)').fill('Patient already rated calm at arrival');
    await consolePage.getByRole('button', { name: 'Override with this reason' }).click();
    await consolePage.getByText('Override: proposal declined').waitFor();
    const logged = (await server.store.listLog(session.body.id)).find((e) => e.type === 'override.proposal');
    expect(logged).toMatchObject({ actor: 'clinician', data: { proposal: { kind: 'hold', reason: 'baseline' }, reason: 'Patient already rated calm at arrival' } });
  });
});
