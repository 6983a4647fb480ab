import { expect, test, type ConsoleMessage, type Page } from '@playwright/test';
import { en, newSignedInPerson, signInOrganiser, waitForHydration } from './support';

/**
 * Collects console errors, uncaught exceptions and failed requests from the
 * moment it is called. The status of the page's own document (a 404 page, a
 * form shown again with a 422) is what the test asked for, not an error.
 */
function collectErrors(page: Page): () => string[] {
  const errors: Array<{ text: string; url: string }> = [];
  const documents = new Set<string>();
  page.on('request', (req) => {
    if (req.isNavigationRequest()) documents.add(req.url());
  });
  page.on('console', (msg: ConsoleMessage) => {
    if (msg.type() === 'error') errors.push({ text: `console.error: ${msg.text()}`, url: msg.location().url });
  });
  page.on('pageerror', (err) => errors.push({ text: `uncaught: ${err.message}`, url: '' }));
  page.on('requestfailed', (req) =>
    errors.push({ text: `request failed: ${req.url()} ${req.failure()?.errorText ?? ''}`, url: req.url() }),
  );
  return () =>
    errors
      .filter(
        (e) =>
          !(
            e.text.startsWith('console.error: Failed to load resource') && (e.url === page.url() || documents.has(e.url))
          ),
      )
      .map((e) => (e.url && !e.text.includes(e.url) ? `${e.text} (${e.url})` : e.text));
}

test.describe('hydration', () => {
  test('the site has a favicon, so browsers log no 404 for it', async ({ page, request }) => {
    await page.goto('/');
    const href = await page.locator('head link[rel="icon"]').getAttribute('href');
    expect(href, 'the page names its icon').toBeTruthy();
    const response = await request.get(href!);
    expect(response.status(), `GET ${href}`).toBe(200);
    expect(response.headers()['content-type']).toContain('image/svg+xml');
  });

  test('the home page loads its wasm and hydrates without console errors', async ({ page }) => {
    const errors = collectErrors(page);
    const wasm = page.waitForResponse((r) => r.url().endsWith('.wasm'));
    await page.goto('/');
    const wasmResponse = await wasm;
    expect(wasmResponse.status()).toBe(200);
    expect(wasmResponse.headers()['content-type']).toContain('application/wasm');
    await waitForHydration(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(en['home.title']);
    expect(errors(), `errors on the home page:\n${errors().join('\n')}`).toEqual([]);
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
    expect(errors(), `errors while navigating:\n${errors().join('\n')}`).toEqual([]);
  });

  for (const url of ['/account/sign-up', '/account/sign-in', '/account/forgot', '/no/such/page', '/forums/demo', '/forums/demo/calls', '/forums/demo/received']) {
    test(`${url} hydrates without console errors`, async ({ page }) => {
      const errors = collectErrors(page);
      await page.goto(url);
      await waitForHydration(page);
      expect(errors(), `errors on ${url}:\n${errors().join('\n')}`).toEqual([]);
    });
  }

  test('the organisers\' lists hydrate, and their filters then work in the page', async ({ page }) => {
    await signInOrganiser(page);
    const errors = collectErrors(page);
    for (const url of ['/forums/demo/screening', '/forums/demo/mail']) {
      await page.goto(url);
      await waitForHydration(page);
      expect(errors(), `errors on ${url}:\n${errors().join('\n')}`).toEqual([]);
    }
    await page.goto('/forums/demo/proposals?state=submitted');
    await waitForHydration(page);
    const before = await page.getByRole('status').first().textContent();
    await page.getByLabel(en['overview.region'], { exact: true }).selectOption('african');
    await page.getByRole('button', { name: en['overview.apply'] }).click();
    await expect(page).toHaveURL(/region=african/);
    await expect(page.getByRole('status').first()).not.toHaveText(before ?? '');
    await expect(page.getByRole('status').first()).toContainText('of');
    expect(errors(), `errors while filtering:\n${errors().join('\n')}`).toEqual([]);
  });

  test('the profile page and the Arabic home page hydrate without console errors', async ({ page }) => {
    await newSignedInPerson(page, 'hydrate');
    const errors = collectErrors(page);
    await page.goto('/account/profile');
    await waitForHydration(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(en['accounts.profile.title']);
    expect(errors(), `errors on /account/profile:\n${errors().join('\n')}`).toEqual([]);

    await page.goto('/');
    await page.getByRole('button', { name: 'العربية' }).click();
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await waitForHydration(page);
    expect(errors(), `errors on the Arabic home page:\n${errors().join('\n')}`).toEqual([]);
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
    expect(errors(), `errors on the sign-in page shown again (${page.url()}):\n${errors().join('\n')}`).toEqual([]);
  });
});
