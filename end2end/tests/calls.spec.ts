import { expect, test } from '@playwright/test';
import { en, expectNoAxeViolations, signIn, type Person } from './support';

const password = process.env.PLENUM_E2E_PASSWORD ?? '';
const organiser: Person = { name: 'Demo Organiser', email: 'organiser@demo.plenum.localhost', password };

test.describe('calls for proposals', () => {
  test('the demo call is open, with a countdown that ticks', async ({ page }) => {
    await page.goto('/forums/demo/calls');
    await expect(page.getByText(en['calls.state.open']).first()).toBeVisible();
    await page.getByRole('link', { name: 'Call for session proposals' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Call for session proposals');
    await expect(page.getByText(/UTC/).first()).toBeVisible();
    const timer = page.getByRole('timer');
    await expect(timer).toBeVisible();
    const first = await timer.textContent();
    await expect(timer).not.toHaveText(first ?? '', { timeout: 5_000 });
    await expectNoAxeViolations(page, 'the call page');
  });

  test('an organiser opens a call and makes an access code', async ({ page }) => {
    await signIn(page, organiser);
    await page.goto('/forums/demo/calls');
    await expectNoAxeViolations(page, 'the calls page with the new-call form');
    await page.getByLabel(en['calls.field.title'], { exact: true }).fill('Call for town halls');
    await page.getByLabel(en['calls.field.opens-at'], { exact: true }).fill('2027-03-01T00:00');
    // Closing before opening: refused, nothing typed lost.
    await page.getByLabel(en['calls.field.closes-at'], { exact: true }).fill('2027-02-01T00:00');
    await page.getByLabel('Town hall', { exact: true }).check();
    await page.getByRole('button', { name: en['calls.create'] }).click();
    await expect(page.getByText(en['calls.closes-before-opens'])).toBeVisible();
    await expect(page.getByLabel(en['calls.field.title'], { exact: true })).toHaveValue('Call for town halls');
    await expect(page.getByLabel('Town hall', { exact: true })).toBeChecked();
    await expectNoAxeViolations(page, 'the call form with errors');
    await page.getByLabel(en['calls.field.closes-at'], { exact: true }).fill('2027-05-31T23:59');
    await page.getByRole('button', { name: en['calls.create'] }).click();
    await expect(page.getByRole('status')).toHaveText(en['notice.call-created']);

    await page.getByLabel(en['calls.code.label'], { exact: true }).fill('Late civil society group');
    await page.getByLabel(en['calls.code.max-uses'], { exact: true }).fill('1');
    await page.getByLabel(en['calls.code.expires'], { exact: true }).fill('2099-01-01T00:00');
    await page.getByRole('button', { name: en['calls.code.add'] }).click();
    await expect(page.getByRole('status')).toHaveText(en['notice.code-added']);
    await expect(page.getByRole('cell', { name: 'Late civil society group' })).toBeVisible();
    await expectNoAxeViolations(page, 'the call management page');
  });
});
