import { mkdirSync } from 'node:fs';
import { startTestServer } from '../support/testServer';
import { ensureChromium, launchChromium } from './chromium';
import { answerPreCheck } from './consoleDriver';
import { enterImmersiveVr, waitForApplied } from './headsetDriver';
import { buildClient } from '../support/buildClient';

// `npm run screenshots`: the README's pictures, taken by headless Chromium from a real session.

ensureChromium();
buildClient();
mkdirSync('docs', { recursive: true });
const server = await startTestServer({ serveClient: true });
const browser = await launchChromium();
try {
  const lang = process.env.SCREENSHOT_LANG === 'fr' ? 'fr-FR' : 'en-GB';
  const consolePage = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: lang })).newPage();
  const headsetPage = await (await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: lang })).newPage();

  await consolePage.goto(`${server.url}/console/`);
  await consolePage.locator('input[name=username]').fill('admin');
  await consolePage.locator('input[name=password]').fill('correct-horse-battery');
  await consolePage.locator('button[type=submit]').click();
  await consolePage.locator('input[name=code]').fill('P-0042');
  await consolePage.locator('form.inline button[type=submit]').click();
  await consolePage.locator('.list button.primary').first().click();
  await consolePage.locator('.list button.primary[type=submit]').first().click();
  await answerPreCheck(consolePage, { 'abstinent-today': 'yes', intoxicated: 'no', 'acute-crisis': 'no' });
  await consolePage.locator('[data-testid=link-status]').waitFor();

  await headsetPage.goto(`${server.url}/headset/?emulate=quest3`);
  await headsetPage.waitForFunction(() => /^[A-Z2-9]{6}$/.test(document.querySelector('[data-testid=pairing-code]')?.textContent?.trim() ?? ''));
  await headsetPage.screenshot({ path: 'docs/headset-pairing.png' });
  const code = (await headsetPage.getByTestId('pairing-code').textContent())!.trim();
  await consolePage.locator('input[name=code]').fill(code);
  await consolePage.locator('form.inline button.primary').click();

  await consolePage.getByTestId('level-bar-2').click();
  await waitForApplied(headsetPage, { sceneId: 'bar', level: 2 });
  await consolePage.getByLabel(/Spoken|orale/).fill('42');
  await consolePage.locator('section[aria-labelledby=craving-h] form button[type=submit]').click();
  await consolePage.getByTestId('ask-rating').click();
  await headsetPage.waitForFunction(() => document.getElementById('applied-state')?.dataset.prompt !== '');
  await headsetPage.waitForTimeout(500);
  await headsetPage.screenshot({ path: 'docs/headset-desktop.png' });
  await consolePage.waitForTimeout(1200);
  await consolePage.screenshot({ path: 'docs/console-session.png', fullPage: true });

  await enterImmersiveVr(headsetPage);
  await headsetPage.waitForTimeout(1500);
  await headsetPage.screenshot({ path: 'docs/headset-immersive.png' });

  // Before the session: the patient page with screening flags and a rated cue hierarchy, and the plan
  // of a hierarchy session with its warning to acknowledge.
  await consolePage.goto(`${server.url}/console/#`);
  await consolePage.locator('a[href^="#/patient/"]').first().click();
  await consolePage.locator('input[name=abstinentSince]').fill('2026-09-15');
  for (const box of ['substance-alcohol', 'flag-cardiac', 'flag-photosensitive-epilepsy']) await consolePage.locator(`input[name=${box}]`).check();
  await consolePage.locator('.profile-form button[type=submit]').click();
  for (const [item, value] of [['bar/1', 40], ['home-evening/2', 10], ['stress-home/3', 70]] as const) {
    await consolePage.locator(`.rate-grid li[data-item="${item}"] input`).fill(String(value));
    await consolePage.locator(`.rate-grid li[data-item="${item}"] button`).click();
    await consolePage.locator(`ol.hierarchy li[data-item="${item}"]`).waitFor();
  }
  await consolePage.locator('.session-head button.primary').click();
  await consolePage.locator('.start-form select[name=protocol]').selectOption('personal-hierarchy');
  await consolePage.locator('ol.plan-steps li').first().waitFor();
  await consolePage.setViewportSize({ width: 1280, height: 1000 });
  await consolePage.waitForTimeout(500);
  await consolePage.screenshot({ path: 'docs/console-patient.png' });
  console.log('wrote docs/console-session.png, docs/headset-pairing.png, docs/headset-desktop.png, docs/headset-immersive.png, docs/console-patient.png');
} finally {
  await browser.close();
  await server.stop();
}
process.exit(0);
