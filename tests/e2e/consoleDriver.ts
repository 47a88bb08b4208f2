import type { Page } from 'playwright-core';

/** Answers the pre-session check on the console (radio per item, by item id) and submits it. */
export async function answerPreCheck(page: Page, answers: Record<string, 'yes' | 'no'>): Promise<void> {
  for (const [id, value] of Object.entries(answers)) await page.locator(`input[name="${id}"][value="${value}"]`).check();
  await page.getByTestId('precheck-submit').click();
  await page.getByTestId('precheck-submit').waitFor({ state: 'detached' });
}
