import { expect, test, type Page } from '@playwright/test';
import { demoOrganiser as organiser, e2eAdmin as admin, en, expectNoAxeViolations, signIn } from './support';

async function newEdition(page: Page, code: string) {
  await page.goto('/forums/new');
  await page.getByLabel(en['forums.field.code'], { exact: true }).fill(code);
  await page.getByLabel(en['forums.field.name'], { exact: true }).fill(`Edition ${code}`);
  await page.getByLabel(en['forums.field.host-city'], { exact: true }).fill('Riyadh');
  await page.getByLabel(en['forums.field.time-zone'], { exact: true }).fill('Asia/Riyadh');
  await page.getByLabel(en['forums.field.first-day'], { exact: true }).fill('2028-12-15');
  // A last day before the first: refused, and nothing typed is lost.
  await page.getByLabel(en['forums.field.last-day'], { exact: true }).fill('2028-12-10');
  await page.getByRole('button', { name: en['forums.new.submit'] }).click();
  await expect(page.getByText(en['forums.last-before-first'])).toBeVisible();
  await expect(page.getByLabel(en['forums.field.host-city'], { exact: true })).toHaveValue('Riyadh');
  await expect(page.getByLabel(en['forums.field.code'], { exact: true })).toHaveValue(code);
  await page.getByLabel(en['forums.field.last-day'], { exact: true }).fill('2028-12-18');
  await page.getByLabel(en['forums.new.copy-from']).selectOption('demo');
  await page.getByRole('button', { name: en['forums.new.submit'] }).click();
  await expect(page).toHaveURL(new RegExp(`/forums/${code}/setup\\?notice=edition-created$`));
  await expect(page.getByRole('status')).toHaveText(en['notice.edition-created']);
  // The demo edition's structure came along; add a theme of this edition's own.
  await expect(page.locator('.themes > li', { hasText: 'Human rights online' })).toBeVisible();
  await page.getByLabel(en['forums.setup.theme-name'], { exact: true }).fill('Data governance');
  await page.getByRole('button', { name: en['forums.setup.add-theme'] }).click();
  await expect(page.locator('.themes > li', { hasText: 'Data governance' })).toBeVisible();
}

test.describe('forum editions', () => {
  test('an administrator creates an edition from last year and adds a theme', async ({ page }) => {
    await signIn(page, admin);
    await newEdition(page, 'igf2028');
    await page.goto('/forums/igf2028');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Edition igf2028');
    await expect(page.getByText('Asia/Riyadh')).toBeVisible();
  });

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });
    test('the same works with plain forms', async ({ page }) => {
      await signIn(page, admin);
      await newEdition(page, 'igf2029');
    });
  });

  test('the edition pages have no accessibility violations', async ({ page }) => {
    await page.goto('/forums/demo');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Demo Forum 2027');
    await expectNoAxeViolations(page, 'the edition home page');
    await signIn(page, organiser);
    for (const [what, url] of [
      ['the edition form', '/forums/demo/edit'],
      ['the programme structure', '/forums/demo/setup'],
      ['the team page', '/forums/demo/team'],
      ['the mail wording', '/forums/demo/mail'],
      ['the Arabic invitation wording', '/forums/demo/mail?kind=proposal-invitation&locale=ar'],
    ]) {
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(200);
      await page.waitForLoadState('networkidle');
      await expectNoAxeViolations(page, what);
    }
    // The structure page in Arabic, right to left.
    await page.getByRole('button', { name: 'العربية' }).click();
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expectNoAxeViolations(page, 'the programme structure in Arabic');
  });

  test('the new-edition form, with its errors, has no accessibility violations', async ({ page }) => {
    await signIn(page, admin);
    await page.goto('/forums/new');
    await expectNoAxeViolations(page, 'the new-edition form');
    // What the browser itself accepts, but the server refuses.
    await page.getByLabel(en['forums.field.code'], { exact: true }).fill('Not A Code');
    await page.getByLabel(en['forums.field.name'], { exact: true }).fill('Edition');
    await page.getByLabel(en['forums.field.time-zone'], { exact: true }).fill('Nowhere/Atlantis');
    await page.getByLabel(en['forums.field.first-day'], { exact: true }).fill('2028-12-15');
    await page.getByLabel(en['forums.field.last-day'], { exact: true }).fill('2028-12-18');
    await page.getByRole('button', { name: en['forums.new.submit'] }).click();
    await expect(page.locator('.field-error').first()).toBeVisible();
    await expectNoAxeViolations(page, 'the new-edition form with errors');
  });
});
