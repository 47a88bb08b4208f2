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
  // Two pages share one software GPU here: a screenshot waits for a frame of the mirror and of the headset.
  consolePage.setDefaultTimeout(180_000);
  headsetPage.setDefaultTimeout(180_000);

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
  // The mirror (off by default on each computer) shows the bar from the patient's head; a second rating
  // and a note make the chart and the notes worth a look.
  await consolePage.getByTestId('mirror-toggle').click();
  await consolePage.getByTestId('mirror').waitFor();
  // Its first frame compiles the scene's shaders in software here, a stall long enough to drop the link
  // for a moment: let it pass.
  await consolePage.waitForFunction(() => 'cueroomMirror' in window);
  await consolePage.waitForTimeout(10_000);
  // A full-page capture of a WebGL page in software rendering can starve the page long enough for its
  // socket to time out: size the viewport to the page instead, and capture once the link is up.
  await consolePage.setViewportSize({ width: 1280, height: await consolePage.evaluate(() => document.documentElement.scrollHeight) });
  await consolePage.getByTestId('console-link').getByText('up').waitFor();
  await consolePage.screenshot({ path: 'docs/console-session.png' });
  await consolePage.setViewportSize({ width: 1280, height: 800 });
  const sessionUrl = consolePage.url();

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
  // After the session: the printable report (figures, chart, levels, attention, notes), in print media.
  await consolePage.goto(`${sessionUrl.replace(/#.*$/, '')}#/session/${sessionUrl.split('#/session/')[1]}/report`);
  await consolePage.locator('.report').first().waitFor();
  await consolePage.waitForTimeout(1500);
  await consolePage.emulateMedia({ media: 'print' });
  await consolePage.screenshot({ path: 'docs/console-report.png', fullPage: true });
  await consolePage.emulateMedia({ media: 'screen' });
  console.log('wrote docs/console-report.png');
  console.log('wrote docs/console-session.png, docs/headset-pairing.png, docs/headset-desktop.png, docs/headset-immersive.png, docs/console-patient.png');
} finally {
  await browser.close();
  await server.stop();
}
process.exit(0);
