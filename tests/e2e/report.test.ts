import { contrastProblems } from './contrast';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionSummary } from '../../contract';
import { DEFAULT_SAFETY } from '../../protocols/schema';
import { call } from '../support/people';
import { startTestServer, type TestServer } from '../support/testServer';
import { answerPreCheck } from './consoleDriver';
import { waitForApplied } from './headsetDriver';
import { openSessionPages, pairHeadset, signIn, startSessionByHand } from './sessionPages';

// A short session steered by hand with an emulated headset: ratings appear on the live chart with the
// level line, head-gaze dwell reaches the attention panel, and the ended session's report shows the
// summary's figures, in print too.

let server: TestServer;
let browser: Browser;
let consolePage: Page;
let headsetPage: Page;
let sessionId = '';

const chart = (page: Page) => page.getByTestId('craving-chart');
const chartData = (page: Page) =>
  chart(page).evaluate((el: HTMLElement) => ({ ratings: el.dataset.ratings, levels: el.dataset.levels, prompts: el.dataset.prompts, baseline: el.dataset.baseline, ceiling: el.dataset.ceiling }));

async function spoken(value: number) {
  const before = (await server.store.listRatings(sessionId)).length;
  const input = consolePage.getByLabel('Spoken rating');
  await input.fill(String(value));
  await consolePage.getByRole('button', { name: 'Record' }).click();
  await expect.poll(async () => (await server.store.listRatings(sessionId)).length, { timeout: 10_000 }).toBe(before + 1);
  // The form clears once the console has the acknowledgement: only then is it ready for the next one.
  await expect.poll(() => input.inputValue(), { timeout: 10_000 }).toBe('');
}

beforeAll(async () => {
  server = await startTestServer({ serveClient: true });
  ({ browser, consolePage, headsetPage } = await openSessionPages());
  consolePage.on('dialog', (d) => void d.accept());
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('live chart, attention and the printable report', () => {
  it('starts a session with a paired headset showing the neutral gallery', async () => {
    await signIn(consolePage, server.url);
    sessionId = await startSessionByHand(consolePage, 'P-0077');
    await answerPreCheck(consolePage, { 'abstinent-today': 'yes', intoxicated: 'no', 'acute-crisis': 'no' });
    await pairHeadset(consolePage, headsetPage, server.url);
    await waitForApplied(headsetPage, { sceneId: 'gallery', level: 0 });
  });

  it('the live chart shows each rating and the level line as they happen', async () => {
    await spoken(20); // the baseline, in the neutral gallery
    await consolePage.getByTestId('level-bar-2').click();
    await waitForApplied(headsetPage, { sceneId: 'bar', level: 2 });
    await spoken(60);
    await spoken(30);
    await expect.poll(() => chartData(consolePage), { timeout: 10_000 }).toMatchObject({ ratings: '20,60,30', levels: '0,2', baseline: '20', ceiling: String(DEFAULT_SAFETY.ceiling) });
    await consolePage.getByTestId('ask-rating').click();
    await expect.poll(async () => (await chartData(consolePage)).prompts, { timeout: 10_000 }).toBe('1');
    const box = await chart(consolePage).locator('canvas').boundingBox();
    expect(box!.width).toBeGreaterThan(400);
    await chart(consolePage).scrollIntoViewIfNeeded();
    await consolePage.screenshot({ path: '/tmp/cueroom-session-chart.png' });
    // On a tablet the chart and attention stack and fit the width.
    await consolePage.setViewportSize({ width: 820, height: 1180 });
    await expect.poll(async () => (await chart(consolePage).locator('canvas').boundingBox())!.width).toBeLessThan(800);
    await consolePage.screenshot({ path: '/tmp/cueroom-session-tablet.png', fullPage: true });
    expect(await consolePage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(820);
    await consolePage.setViewportSize({ width: 1280, height: 800 });
  });

  it('head-gaze dwell on the bar’s cues is stored and shown live for the level on show', async () => {
    await expect.poll(async () => (await server.store.listLog(sessionId)).some((e) => e.type === 'attention.dwell' && e.data.level === 2), { timeout: 15_000 }).toBe(true);
    const rows = consolePage.getByTestId('attention-panel').locator('tbody tr');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const dwell = Number(await rows.first().getAttribute('data-dwell-ms'));
    expect(dwell).toBeGreaterThan(0);
    expect(dwell).toBeLessThanOrEqual(60_000);
  });

  it('meets WCAG AA contrast for every text of the live session screen', async () => {
    expect(await contrastProblems(consolePage, 'body')).toEqual([]);
  });

  it('the ended session links to its report, with the summary’s figures', async () => {
    await consolePage.getByRole('button', { name: 'End session' }).click();
    await consolePage.getByTestId('open-report').click();
    await consolePage.getByRole('heading', { name: 'Session report — patient P-0077' }).waitFor();
    const summary = (await call<SessionSummary>(server, 'GET', `/sessions/${sessionId}/summary`, server.admin.token)).body;
    expect(summary).toMatchObject({ baseline: 20, peak: 60, end: 30, ratingCount: 3, status: 'ended' });
    const figures = consolePage.getByTestId('report-figures');
    for (const [k, v] of [['baseline', '20'], ['peak', '60'], ['end', '30'], ['ratings', '3']]) {
      expect(await figures.locator(`[data-figure="${k}"]`).getAttribute('data-value')).toBe(v);
    }
    // 30 is within baseline 20 + 15: level 2 habituated at that rating.
    const level2 = consolePage.getByTestId('report-levels').locator('tr[data-level="2"]');
    expect(Number(await level2.getAttribute('data-habituation-ms'))).toBe(summary.levels[0]!.habituationMs);
    expect(summary.levels[0]!.habituationMs).toBeGreaterThan(0);
    expect(await chartData(consolePage)).toMatchObject({ ratings: '20,60,30' });
    // Across sessions: this patient's only session so far, with its peak.
    await expect.poll(() => consolePage.getByTestId('progress-chart').getAttribute('data-peaks'), { timeout: 10_000 }).toBe('60');
    const cues = await consolePage.locator('table.attention tbody tr').evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.cue));
    expect(cues.sort()).toEqual(summary.attention.map((a) => a.cueId).sort());
  });

  it('meets WCAG AA contrast for every text of the report', async () => {
    expect(await contrastProblems(consolePage, 'body')).toEqual([]);
  });

  it('reads in French too', async () => {
    await consolePage.getByRole('button', { name: 'FR', exact: true }).click();
    await consolePage.getByRole('heading', { name: 'Compte rendu de séance — patient P-0077' }).waitFor();
    await consolePage.getByRole('columnheader', { name: 'Délai d’habituation' }).waitFor();
    await consolePage.getByRole('button', { name: 'EN', exact: true }).click();
    await consolePage.getByRole('heading', { name: 'Session report — patient P-0077' }).waitFor();
  });

  it('prints without navigation or buttons, black on white', async () => {
    await consolePage.emulateMedia({ media: 'print' });
    expect(await consolePage.getByRole('button', { name: 'Print' }).isVisible()).toBe(false);
    expect(await consolePage.locator('header.top').isVisible()).toBe(false);
    const ink = await consolePage.getByRole('heading', { name: /Session report/ }).evaluate((h) => getComputedStyle(h).color);
    expect(ink).toBe('rgb(0, 0, 0)');
    await consolePage.screenshot({ path: '/tmp/cueroom-report-print.png', fullPage: true });
    await consolePage.emulateMedia({ media: 'screen' });
  });
});
