import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClinicianCommand } from '../../contract';
import { connected, passPreCheck, patientAndSession, socketFor, startTestServer, type TestServer, type TestSocket } from '../support/testServer';
import { startTcpProxy } from '../support/tcpProxy';
import { launchChromium } from './chromium';
import { waitForApplied } from './headsetDriver';

// The safety gate and the link-loss fail-safe, with a real headset page in Chromium.

let server: TestServer;
let browser: Browser;
let headset: Page;
let clinician: TestSocket;
let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
let sessionId = '';
const uuid = () => crypto.randomUUID();
const command = async (c: ClinicianCommand) => {
  const ack = await clinician.emitWithAck('session:command', { id: uuid(), sessionId, command: c });
  if (!ack.ok) throw new Error(ack.error.message);
};

beforeAll(async () => {
  server = await startTestServer({ serveClient: true });
  browser = await launchChromium();
  headset = await (await browser.newContext({ viewport: { width: 480, height: 270 }, locale: 'en-GB' })).newPage();
  const { session } = await patientAndSession(server, server.admin.token);
  sessionId = session.id;
  clinician = socketFor(server, { kind: 'clinician', token: server.admin.token });
  await connected(clinician);
  await clinician.emitWithAck('session:watch', { sessionId });
  await passPreCheck(clinician, sessionId);
  // The headset reaches the server through a proxy the test can cut, like a Wi-Fi drop.
  proxy = await startTcpProxy(Number(new URL(server.url).port));
  await headset.goto(`${proxy.url}/headset/?emulate=quest3`);
  await headset.waitForFunction(() => /^[A-Z2-9]{6}$/.test(document.querySelector('[data-testid=pairing-code]')?.textContent?.trim() ?? ''));
  const code = (await headset.getByTestId('pairing-code').textContent())!.trim();
  const ack = await clinician.emitWithAck('session:pair', { id: uuid(), sessionId, code });
  expect(ack.ok).toBe(true);
  await waitForApplied(headset, { sceneId: 'gallery', level: 0 });
});
afterAll(async () => {
  clinician?.disconnect();
  await browser?.close();
  await proxy?.close();
  await server?.stop();
});

describe('safety gate and link loss, end to end', () => {
  it('a prompt that falls due during an active-use segment reaches the headset only after the segment and its cool-down', async () => {
    // Bar level 3: a patron drinks from 20 s to 26 s after the level appears (every 45 s); cool-down 15 s.
    await command({ type: 'setScene', sceneId: 'bar', level: 3 });
    await waitForApplied(headset, { sceneId: 'bar', level: 3 });
    await command({ type: 'requestRating', scale: 'vas' });
    const deferred = (await server.store.listLog(sessionId)).find((e) => e.type === 'rating.deferred');
    expect(deferred?.data.reason).toBe('active-use');
    // The headset renders the sip and reports it; the prompt is held back all along.
    const levelStartedAt = (await server.sessions.load(sessionId))!.state.levelStartedAt!;
    await headset.waitForFunction(() => document.getElementById('applied-state')?.dataset.prompt !== '', null, { timeout: 90_000, polling: 500 });
    const log = await server.store.listLog(sessionId);
    const prompted = log.find((e) => e.type === 'rating.prompted')!;
    // Not before the sip (20–26 s after the level appeared) plus the 15 s cool-down.
    expect(prompted.at - levelStartedAt).toBeGreaterThanOrEqual(41_000);
    expect(prompted.at).toBeGreaterThan(deferred!.at);
    // When the headset rendered the sip (frames permitting), it reported it, and the prompt came after.
    const ended = log.find((e) => e.type === 'segment.ended' && e.data.segmentId === 'patron-sips');
    if (ended) expect(prompted.at - ended.at).toBeGreaterThanOrEqual(15_000);
  }, 120_000);

  it('a headset that loses its control link fades to the safe scene by itself, and stays paused until the clinician resumes', async () => {
    await command({ type: 'setScene', sceneId: 'bar', level: 2 });
    await waitForApplied(headset, { sceneId: 'bar', level: 2 });
    proxy.cut();
    // No server involved: the page itself decides after 3 s without its link.
    await headset.waitForFunction(() => document.getElementById('applied-state')?.dataset.linkLost === 'true', null, { timeout: 15_000 });
    await headset.waitForFunction(() => document.getElementById('applied-state')?.dataset.scene === 'gallery', null, { timeout: 30_000 });
    await expect.poll(async () => (await server.store.listLog(sessionId)).map((e) => e.type), { timeout: 15_000 }).toContain('link.lost.paused');
    proxy.restore();
    await expect.poll(async () => (await server.sessions.snapshot(sessionId))?.headset.connected, { timeout: 30_000 }).toBe(true);
    // Back online, still paused on the safe scene.
    await headset.waitForTimeout(2000);
    expect((await server.sessions.snapshot(sessionId))?.pause).toBe('link');
    expect(await headset.evaluate(() => document.getElementById('applied-state')?.dataset.scene)).toBe('gallery');
    await command({ type: 'resume' });
    await expect.poll(async () => (await server.sessions.snapshot(sessionId))?.pause).toBeNull();
  }, 120_000);
});
