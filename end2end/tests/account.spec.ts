import { expect, test } from '@playwright/test';
import { en, locale, newPerson, signIn, signUp, verifyFromMail } from './support';

const ar = locale('ar');

test('sign up, confirm by mail, sign in, switch to Arabic, sign out', async ({ page }) => {
  const person = newPerson('flow');

  await signUp(page, person);
  await verifyFromMail(page, person);
  await signIn(page, person);

  const nav = page.getByRole('navigation');
  const profileLink = nav.getByRole('link', { name: person.name });
  await expect(profileLink).toHaveAttribute('href', '/account/profile');
  await expect(page.getByRole('button', { name: en['nav.sign-out'] })).toBeVisible();

  // Arabic: the whole page turns right to left.
  await page.getByRole('button', { name: 'العربية' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('html[dir="rtl"]')).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'العربية' })).toHaveAttribute('aria-current', 'true');
  await expect(profileLink).toBeVisible();

  // Sign out with the Arabic label.
  await page.getByRole('button', { name: ar['nav.sign-out'] }).click();
  await expect(page).toHaveURL(/\/\?notice=signed-out$/);
  await expect(page.getByRole('status')).toHaveText(ar['notice.signed-out']);
  await expect(nav.getByRole('link', { name: ar['nav.sign-in'] })).toBeVisible();
  await expect(nav.getByRole('link', { name: person.name })).toHaveCount(0);
  await expect(page.getByRole('button', { name: ar['nav.sign-out'] })).toHaveCount(0);
  // The language stays chosen after signing out.
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
});

test('the profile can be saved', async ({ page }) => {
  const person = newPerson('profile');
  await signUp(page, person);
  await verifyFromMail(page, person);
  await signIn(page, person);

  await page.goto('/account/profile');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(en['accounts.profile.title']);
  await expect(page.getByLabel(en['field.name'], { exact: true })).toHaveValue(person.name);
  await page.getByLabel(en['field.organisation']).fill('Test organisation');
  await page.getByLabel(en['field.country']).selectOption({ index: 1 });
  await page.getByLabel(en['field.stakeholder-group']).selectOption({ label: en['stakeholder.civil-society'] });
  await page.getByLabel(en['field.first-time']).check();
  await page.getByRole('button', { name: en['accounts.profile.submit'] }).click();

  await expect(page).toHaveURL(/\/account\/profile\?notice=profile-saved$/);
  await expect(page.getByRole('status')).toHaveText(en['notice.profile-saved']);
  await expect(page.getByLabel(en['field.organisation'])).toHaveValue('Test organisation');
  await expect(page.getByLabel(en['field.stakeholder-group'])).toHaveValue('civil-society');
  await expect(page.getByLabel(en['field.first-time'])).toBeChecked();
});
