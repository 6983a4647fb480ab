import { expect, test } from '@playwright/test';
import { en, newPerson, signIn, signUp, verifyFromMail } from './support';

test.use({ javaScriptEnabled: false });

test.describe('without JavaScript', () => {
  test('sign up, confirm, sign in and sign out work with plain forms', async ({ page }) => {
    const person = newPerson('nojs');
    await signUp(page, person);
    await verifyFromMail(page, person);
    await signIn(page, person);

    await page.getByRole('button', { name: en['nav.sign-out'] }).click();
    await expect(page).toHaveURL(/\/\?notice=signed-out$/);
    await expect(page.getByRole('navigation').getByRole('link', { name: en['nav.sign-in'] })).toBeVisible();
  });

  test('a wrong password shows the error and keeps the email address', async ({ page }) => {
    const person = newPerson('nojs-wrong');
    await signUp(page, person);
    await verifyFromMail(page, person);

    await page.goto('/account/sign-in');
    await page.getByLabel(en['field.email'], { exact: true }).fill(person.email);
    await page.getByLabel(en['field.password'], { exact: true }).fill(`${person.password} but wrong`);
    await page.getByRole('button', { name: en['accounts.sign-in.submit'], exact: true }).click();

    await expect(page.getByRole('alert')).toHaveText(en['accounts.sign-in-failed']);
    await expect(page.getByLabel(en['field.email'], { exact: true })).toHaveValue(person.email);
    await expect(page.getByLabel(en['field.password'], { exact: true })).toHaveValue('');
    await expect(page.getByRole('navigation').getByRole('link', { name: en['nav.sign-in'] })).toBeVisible();

    // The right password still works afterwards.
    await page.goto('/account/sign-in');
    await signIn(page, person);
  });
});
