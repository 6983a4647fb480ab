import { expect, test } from '@playwright/test';
import { en, newPerson } from './support';

test('a too-short password is explained next to the field and nothing typed is lost', async ({ page }) => {
  const person = newPerson('short');
  await page.goto('/account/sign-up');
  await page.getByLabel(en['field.name'], { exact: true }).fill(person.name);
  await page.getByLabel(en['field.email'], { exact: true }).fill(person.email);
  await page.getByLabel(en['field.password'], { exact: true }).fill('short');
  await page.getByRole('button', { name: en['accounts.sign-up.submit'] }).click();

  // The form-level summary, announced.
  await expect(page.getByRole('alert')).toHaveText(en['error.invalid']);

  // The field's own message, tied to the field.
  const password = page.getByLabel(en['field.password'], { exact: true });
  const error = page.locator('#f-password-error');
  await expect(error).toHaveText(en['accounts.password-too-short']);
  await expect(error).toHaveClass(/field-error/);
  await expect(password).toHaveAttribute('aria-invalid', 'true');
  await expect(password).toHaveAttribute('aria-describedby', /(^|\s)f-password-error(\s|$)/);
  await expect(password).toHaveAccessibleDescription(new RegExp(en['accounts.password-too-short'].replace(/\./g, '\\.')));
  // The password itself is never sent back.
  await expect(password).toHaveValue('');

  // What was typed is still there.
  await expect(page.getByLabel(en['field.name'], { exact: true })).toHaveValue(person.name);
  await expect(page.getByLabel(en['field.email'], { exact: true })).toHaveValue(person.email);
  // No other field is marked wrong.
  await expect(page.locator('.field-error')).toHaveCount(1);
});
