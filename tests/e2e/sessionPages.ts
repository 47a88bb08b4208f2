import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { launchChromium } from './chromium';

// The steps every console + headset test starts with, as a clinician would take them in English.

/** A console page and a small headset page in one Chromium, each in its own context, page errors logged. */
export async function openSessionPages(): Promise<{ browser: Browser; consolePage: Page; headsetPage: Page }> {
  const browser = await launchChromium();
  const consolePage = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' })).newPage();
  // Small: SwiftShader renders every pixel on the CPU, and the headset's transitions advance by frames.
  const headsetPage = await (await browser.newContext({ viewport: { width: 480, height: 270 }, locale: 'en-GB' })).newPage();
  for (const [name, page] of [['console', consolePage], ['headset', headsetPage]] as const) {
    page.on('pageerror', (err) => console.error(`[${name}] page error:`, err.message));
  }
  return { browser, consolePage, headsetPage };
}

/** Signs in as the test server's administrator (see tests/support/testServer.ts). */
export async function signIn(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/console/`);
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill('correct-horse-battery');
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Adds a patient by pseudonymous code and starts a session steered by hand; returns the session's id. */
export async function startSessionByHand(page: Page, patientCode: string): Promise<string> {
  await page.getByLabel('Pseudonymous code').fill(patientCode);
  await page.getByRole('button', { name: 'Add patient' }).click();
  await page.getByRole('button', { name: 'Start session' }).click(); // opens the form (protocol: none)
  await page.getByRole('button', { name: 'Start session' }).click();
  await page.getByRole('heading', { name: `Patient ${patientCode}` }).waitFor();
  return page.url().split('#/session/')[1]!;
}

/** Opens the headset, reads the pairing code it shows and pairs it from the console's session screen. */
export async function pairHeadset(consolePage: Page, headsetPage: Page, baseUrl: string, codeTimeout?: number): Promise<void> {
  await headsetPage.goto(`${baseUrl}/headset/?emulate=quest3`);
  const code = headsetPage.getByTestId('pairing-code');
  await expect.poll(async () => (await code.textContent())?.trim(), { timeout: codeTimeout }).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
  await consolePage.getByLabel('Pairing code').fill((await code.textContent())!.trim());
  await consolePage.getByRole('button', { name: 'Pair' }).click();
}
