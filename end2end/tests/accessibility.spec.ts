import { expect, test } from '@playwright/test';
import { en, expectNoAxeViolations, newSignedInPerson } from './support';

// Pages as a visitor sees them.
const pages: Array<[string, string]> = [
  ['the home page', '/'],
  ['the sign-up page', '/account/sign-up'],
  ['the sign-in page', '/account/sign-in'],
  ['the forgotten-password page', '/account/forgot'],
];

test.describe('accessibility (axe-core, WCAG 2.1 A and AA)', () => {
  for (const [what, url] of pages) {
    test(`${what} (${url})`, async ({ page }) => {
      const response = await page.goto(url);
      expect(response?.status()).toBe(200);
      await page.waitForLoadState('networkidle');
      await expectNoAxeViolations(page, what);
    });
  }

  test('the sign-up page with validation errors shown', async ({ page }) => {
    await page.goto('/account/sign-up');
    await page.getByLabel(en['field.name'], { exact: true }).fill('Someone');
    await page.getByLabel(en['field.email'], { exact: true }).fill('not-an-address@example');
    await page.getByLabel(en['field.password'], { exact: true }).fill('short');
    await page.getByRole('button', { name: en['accounts.sign-up.submit'] }).click();
    await expect(page.locator('.field-error').first()).toBeVisible();
    await page.waitForLoadState('networkidle');
    await expectNoAxeViolations(page, 'the sign-up page with errors');
  });

  test('the profile page, signed in', async ({ page }) => {
    await newSignedInPerson(page, 'a11y');
    await page.goto('/account/profile');
    await expect(page.getByRole('button', { name: en['accounts.profile.submit'] })).toBeVisible();
    await page.waitForLoadState('networkidle');
    await expectNoAxeViolations(page, 'the profile page');
  });

  test('the home page in Arabic', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('button', { name: 'العربية' }).click();
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await page.waitForLoadState('networkidle');
    await expectNoAxeViolations(page, 'the Arabic home page');
  });

  test('the 404 page', async ({ page }) => {
    const response = await page.goto('/no/such/page');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(en['error.not-found']);
    await page.waitForLoadState('networkidle');
    await expectNoAxeViolations(page, 'the 404 page');
  });
});
