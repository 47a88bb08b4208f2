import { contrastProblems } from './contrast';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionSnapshot } from '../../contract';
import { findScene } from '../../scenes/manifests';
import { startTestServer, type TestServer } from '../support/testServer';
import { launchChromium } from './chromium';
import { answerPreCheck } from './consoleDriver';
import { signIn } from './sessionPages';

// Before the session, in Chromium: a patient's profile and screening flags, personalisation, a personal
// cue hierarchy rated with previews, then a session of the hierarchy protocol whose plan shows the
// patient's items and the flags' warnings, and whose first exposure step shows the lowest-rated item.

let server: TestServer;
let browser: Browser;
let page: Page;
let patientId = '';

beforeAll(async () => {
  server = await startTestServer({ serveClient: true });
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' })).newPage();
  page.on('pageerror', (err) => console.error('[console] page error:', err.message));
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const rate = async (sceneId: string, level: number, value: number) => {
  const item = page.locator(`ul.rate-grid li[data-item="${sceneId}/${level}"]`);
  await item.getByRole('spinbutton').fill(String(value));
  await item.getByRole('button', { name: 'Save' }).click();
  await page.locator(`ol.hierarchy li[data-item="${sceneId}/${level}"]`).waitFor();
};

describe('before the session: profile, flags, personalisation and the cue hierarchy', () => {
  it('finds a patient by code and opens the patient page', async () => {
    await signIn(page, server.url);
    for (const code of ['H-0101', 'H-0202']) {
      await page.getByLabel('Pseudonymous code').fill(code);
      await page.getByRole('button', { name: 'Add patient' }).click();
      await page.locator('.code-tag', { hasText: code }).first().waitFor();
    }
    await page.getByLabel('Search by code').fill('0202');
    await expect.poll(() => page.locator('ul.patients li.patient').count()).toBe(1);
    await page.getByRole('link', { name: 'Patient page' }).click();
    await page.getByRole('heading', { name: 'Patient H-0202' }).waitFor();
    patientId = page.url().split('#/patient/')[1]!;
    expect((await server.store.findPatient(patientId))?.code).toBe('H-0202');
    await page.locator('#progress [data-testid="progress-chart"]').waitFor(); // craving across sessions
  });

  it('saves the profile, the screening flags and the preferred drink', async () => {
    await page.getByLabel('Abstinent since').fill('2026-09-15');
    await page.getByLabel('Programme').fill('Day hospital');
    await page.getByLabel('Alcohol').check();
    await page.getByLabel('Cardiac history').check();
    await page.getByLabel('Photosensitive epilepsy').check();
    await page.getByRole('button', { name: 'Save profile' }).click();
    await expect.poll(async () => (await server.store.findProfile(patientId))?.flags).toBe('["cardiac","photosensitive-epilepsy"]');
    await page.getByLabel('Preferred drink').selectOption('wine');
    await page.getByRole('button', { name: 'Save personalisation' }).click();
    await expect.poll(async () => (await server.store.findProfile(patientId))?.personalisation).toBe('{"preferred-drink":"wine"}');
    // Both saves kept each other's fields.
    const saved = (await server.store.findProfile(patientId))!;
    expect([saved.abstinent_since, saved.programme, saved.substances]).toEqual(['2026-09-15', 'Day hospital', '["alcohol"]']);
  });

  it('rates situations with their previews and orders them from the easiest', async () => {
    // The patient treats alcohol: alcohol and stress scenes are offered, the others on request.
    await expect.poll(() => page.locator('ul.rate-grid li[data-item="nightclub/2"]').count()).toBe(0);
    expect(await page.locator('ul.rate-grid li[data-item="stress-home/3"]').count()).toBe(1);
    const preview = page.locator('ul.rate-grid li[data-item="bar/1"] .preview');
    await expect.poll(async () => (await preview.evaluate((el) => (el instanceof HTMLImageElement ? el.complete && el.naturalWidth : 'placeholder')))).toBeTruthy();
    await rate('bar', 1, 40);
    await rate('home-evening', 2, 10);
    await rate('bar', 3, 80);
    await rate('stress-home', 3, 70);
    const order = await page.locator('ol.hierarchy li').evaluateAll((lis) => lis.map((li) => `${li.getAttribute('data-item')}=${li.querySelector('.hierarchy-value')?.textContent}`));
    expect(order).toEqual(['home-evening/2=10', 'bar/1=40', 'stress-home/3=70', 'bar/3=80']);
    // Re-rating an item moves it: the latest rating wins.
    await rate('bar', 1, 5);
    await expect.poll(() => page.locator('ol.hierarchy li').first().getAttribute('data-item')).toBe('bar/1');
    await rate('bar', 1, 40);
    await expect.poll(() => page.locator('ol.hierarchy li').first().getAttribute('data-item')).toBe('home-evening/2');
    expect(await server.store.listHierarchyRatings(patientId)).toHaveLength(6);
  });

  it('the contrast check itself flags low-contrast text and spares disabled controls', async () => {
    const probe = await page.context().newPage();
    await probe.setContent(
      '<body style="background:#f0f2f5"><main><p style="color:#999">grey on grey</p><p style="color:#222">fine</p>' +
        '<div style="background:#1b2b3a"><span style="color:#2a3a4a">dark on dark</span></div>' +
        '<h1 style="color:#aaa;font-size:30px">large grey</h1><h1 style="color:#777;font-size:30px">large enough</h1>' +
        '<button disabled style="color:#ccc">off</button></main></body>',
    );
    const problems = await contrastProblems(probe);
    await probe.close();
    expect(problems.map((p) => p.text)).toEqual(['grey on grey', 'dark on dark', 'large grey']);
  });

  it('meets WCAG AA contrast for every text of the patient page', async () => {
    expect(await contrastProblems(page, 'body')).toEqual([]);
  });

  it('lays out on a tablet without sideways scrolling', async () => {
    await page.setViewportSize({ width: 820, height: 1180 });
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(820);
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});

describe('a session of the hierarchy protocol', () => {
  it('previews the plan with the patient’s items and the warnings the flags raise', async () => {
    await page.getByRole('button', { name: 'Start a session' }).click();
    await page.getByLabel('Protocol').selectOption('personal-hierarchy');
    const steps = page.locator('ol.plan-steps li');
    await expect.poll(() => steps.count()).toBe(5);
    const rows = await steps.evaluateAll((lis) => lis.map((li) => li.querySelector('.plan-scene')?.textContent ?? ''));
    const title = (id: string) => findScene(id)!.title.en;
    expect(rows[1]).toMatch(new RegExp(`^${title('home-evening')} · L2`));
    expect(rows[2]).toMatch(new RegExp(`^${title('bar')} · L1`));
    expect(rows[3]).toMatch(new RegExp(`^${title('stress-home')} · L3`));
    // Cardiac history concerns the argument at home; nothing in this plan flickers.
    const warnings = page.locator('fieldset.screening .warning');
    expect(await warnings.evaluateAll((w) => w.map((x) => x.getAttribute('data-flag')))).toEqual(['cardiac']);
    await expect.poll(() => warnings.first().textContent()).toContain(`${title('stress-home')} L3`);
    const start = page.locator('.start-form').getByRole('button', { name: 'Start session' });
    await start.click();
    await page.getByText('Acknowledge every screening warning first.').waitFor();
    expect(await server.store.listPatientSessions(patientId)).toEqual([]);
    await page.getByLabel('I have weighed this with the patient: Cardiac history').check();
    await start.click();
    await page.getByRole('heading', { name: 'Patient H-0202' }).waitFor();
    await page.getByTestId('protocol-step').waitFor();
  });

  it('runs the first exposure step on the lowest-rated item, with the preferred drink', async () => {
    const sessionId = page.url().split('#/session/')[1]!;
    const opened = (await server.store.listLog(sessionId))[0]!;
    expect(opened.data).toMatchObject({
      hierarchy: [
        { sceneId: 'home-evening', level: 2 },
        { sceneId: 'bar', level: 1 },
        { sceneId: 'stress-home', level: 3 },
      ],
      screeningFlags: ['cardiac', 'photosensitive-epilepsy'],
      screeningAcknowledged: ['cardiac'],
      personalisation: { 'preferred-drink': 'wine' },
    });
    await answerPreCheck(page, { 'abstinent-today': 'yes', intoxicated: 'no', 'acute-crisis': 'no' });
    await expect.poll(() => page.getByTestId('protocol-step').textContent()).toMatch(/1.*5/);
    await page.getByTestId('advance').click();
    await expect.poll(() => page.getByTestId('level-home-evening-2').getAttribute('aria-pressed')).toBe('true');
    const snapshot = (await server.sessions.snapshot(sessionId)) as SessionSnapshot;
    expect(snapshot.protocol).toMatchObject({ stepIndex: 1, stepType: 'exposure' });
    expect(snapshot.directive.scene).toEqual({ sceneId: 'home-evening', level: 2 });
    expect(snapshot.directive.personalisation).toEqual({ 'preferred-drink': 'wine' });
    // Photosensitive epilepsy was not in the plan: choosing the nightclub by hand brings its warning up.
    const reminder = page.getByTestId('screening-reminder');
    await expect.poll(() => reminder.textContent()).toMatch(/Screening flags: Cardiac history, Photosensitive epilepsy/);
    await page.getByTestId('level-nightclub-1').click();
    await expect.poll(() => reminder.textContent()).toMatch(/^Photosensitive epilepsy — Flickering light/);
    await page.getByTestId('level-home-evening-2').click();
    await expect.poll(() => reminder.textContent()).toMatch(/^Screening flags/);
  });

  it('lists the session in the patient’s history, with a link to it', async () => {
    const sessionId = page.url().split('#/session/')[1]!;
    await page.goto(`${server.url}/console/#/patient/${patientId}`);
    const link = page.locator(`a[href="#/session/${sessionId}"]`);
    await link.waitFor();
    expect(await page.locator('section[aria-labelledby="history-h"] tbody tr').first().textContent()).toMatch(/Personal hierarchy.*in progress/);
  });

  it('speaks French too', async () => {
    await page.getByRole('button', { name: 'FR', exact: true }).click();
    await page.getByRole('heading', { name: 'Hiérarchie personnelle des indices' }).waitFor();
    await page.getByText('Points de vigilance (dépistage)').waitFor();
    await page.getByRole('button', { name: 'EN', exact: true }).click();
  });
});
