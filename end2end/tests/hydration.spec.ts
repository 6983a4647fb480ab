import { expect, test, type ConsoleMessage, type Page } from '@playwright/test';
import { en, waitForHydration } from './support';

/** Collects console errors and uncaught exceptions from the moment it is called. */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg: ConsoleMessage) => {
    if (msg.type() === 'error') {
      const where = msg.location();
      errors.push(`console.error: ${msg.text()}${where.url ? ` (${where.url}:${where.lineNumber})` : ''}`);
    }
  });
  page.on('pageerror', (err) => errors.push(`uncaught: ${err.message}`));
  page.on('requestfailed', (req) => errors.push(`request failed: ${req.url()} ${req.failure()?.errorText ?? ''}`));
  return errors;
}

test.describe('hydration', () => {
  test('the home page loads its wasm and hydrates without console errors', async ({ page }) => {
    const errors = collectErrors(page);
    const wasm = page.waitForResponse((r) => r.url().endsWith('.wasm'));
    await page.goto('/');
    const wasmResponse = await wasm;
    expect(wasmResponse.status()).toBe(200);
    expect(wasmResponse.headers()['content-type']).toContain('application/wasm');
    await waitForHydration(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(en['home.title']);
    expect(errors, `errors on the home page:\n${errors.join('\n')}`).toEqual([]);
  });

  test('after hydration a link is followed in the page, without a reload', async ({ page }) => {
    const errors = collectErrors(page);
    await page.goto('/');
    await waitForHydration(page);
    // A full page load would drop this marker; the router's own navigation keeps it.
    await page.evaluate(() => ((window as unknown as { __plenumMarker: number }).__plenumMarker = 42));
    await page.getByRole('navigation').getByRole('link', { name: en['nav.sign-up'] }).click();
    await expect(page).toHaveURL(/\/account\/sign-up$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(en['accounts.sign-up.title']);
    expect(await page.evaluate(() => (window as unknown as { __plenumMarker?: number }).__plenumMarker)).toBe(42);
    expect(errors, `errors while navigating:\n${errors.join('\n')}`).toEqual([]);
  });

  test('a page shown again with form errors hydrates without console errors', async ({ page }) => {
    const errors = collectErrors(page);
    await page.goto('/account/sign-in');
    await waitForHydration(page);
    await page.getByLabel(en['field.email'], { exact: true }).fill('nobody@example.org');
    await page.getByLabel(en['field.password'], { exact: true }).fill('not the password at all');
    await page.getByRole('button', { name: en['accounts.sign-in.submit'], exact: true }).click();
    await expect(page.getByRole('alert')).toHaveText(en['accounts.sign-in-failed']);
    await waitForHydration(page);
    await expect(page.getByRole('alert')).toHaveText(en['accounts.sign-in-failed']);
    await expect(page.getByLabel(en['field.email'], { exact: true })).toHaveValue('nobody@example.org');
    // The 401 of the failed sign-in itself is expected; anything else is not.
    const unexpected = errors.filter((e) => !/status of 401/.test(e));
    expect(unexpected, `errors on the re-shown sign-in page:\n${unexpected.join('\n')}`).toEqual([]);
  });
});
