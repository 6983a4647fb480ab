// The venue page in the browser: an organiser adds a room (a capacity of
// zero refused by the field, what was typed kept), generates the days and
// slots from a pattern, blocks and labels the opening slot, and adds a
// break; with and without JavaScript; axe-core finds nothing to fix, also
// in Arabic (right to left).
import { expect, test, type Locator, type Page } from '@playwright/test';
import crypto from 'node:crypto';
import { en, expectNoAxeViolations, locale, signInOrganiser, waitForHydration } from './support';

const VENUE = '/forums/demo/venue';

/** Opens the disclosure holding `form` unless it is open already. */
async function disclose(form: Locator) {
  const details = form.locator('xpath=ancestor::details[1]');
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) {
    await details.locator('summary').click();
  }
}

async function addRoom(page: Page, name: string, axe: boolean) {
  const form = page.locator('form[action="/api/venue/add-room"]');
  await disclose(form);
  await form.getByLabel(en['room.name'], { exact: true }).fill(name);
  await form.getByLabel(en['room.capacity'], { exact: true }).fill('0');
  await form.getByLabel(en['room.layout'], { exact: true }).selectOption('roundtable');
  await form.getByLabel(en['room.feature.captioning'], { exact: true }).check();
  await form.getByRole('button', { name: en['room.add'] }).click();
  // Refused by the field; the name typed is still there.
  const refused = page.locator('form[action="/api/venue/add-room"]');
  await expect(refused.locator('.field-error')).toHaveText(en['room.capacity-invalid']);
  await expect(refused.getByLabel(en['room.name'], { exact: true })).toHaveValue(name);
  await expect(refused.getByLabel(en['room.feature.captioning'], { exact: true })).toBeChecked();
  if (axe) await expectNoAxeViolations(page, 'the venue page with an error');
  await refused.getByLabel(en['room.capacity'], { exact: true }).fill('120');
  await refused.getByRole('button', { name: en['room.add'] }).click();
  await expect(page.getByRole('status')).toHaveText(en['notice.room-added']);
  const row = page.getByRole('row', { name: new RegExp(name) });
  await expect(row).toContainText('120');
  await expect(row).toContainText(en['room.feature.captioning']);
}

async function buildGrid(page: Page) {
  await page.getByRole('button', { name: en['grid.generate'] }).click();
  await expect(page.getByRole('status')).toHaveText(
    new RegExp(`${en['notice.grid-generated']}|${en['notice.grid-generated-kept']}`),
  );
  const day1 = page.getByRole('region', { name: 'Day 1 (2027-06-22)' });
  await expect(day1.getByRole('row', { name: /^11:00–12:30/ })).toBeVisible();
  // The opening slot: blocked and labelled.
  const slotForm = day1.locator('form[action="/api/venue/save-slot"]').first();
  await disclose(slotForm);
  await slotForm.getByLabel(en['grid.start'], { exact: true }).fill('09:30');
  await slotForm.getByLabel(en['grid.length'], { exact: true }).fill('60');
  await slotForm.getByLabel(en['grid.label'], { exact: true }).fill('Opening ceremony');
  await slotForm.getByLabel(en['grid.blocked-hint'], { exact: true }).check();
  await slotForm.getByRole('button', { name: en['grid.save-slot'] }).click();
  await expect(page.getByRole('status')).toHaveText(en['notice.slot-saved']);
  const opening = page.getByRole('region', { name: 'Day 1 (2027-06-22)' }).getByRole('row', { name: /^09:30–10:30/ });
  await expect(opening).toContainText(en['grid.blocked']);
  await expect(opening).toContainText('Opening ceremony');
}

test.describe('the venue page', () => {
  test('rooms and the time grid, with JavaScript', async ({ page }) => {
    await signInOrganiser(page);
    await page.goto('/forums/demo');
    await page.getByRole('link', { name: en['forums.venue-link'] }).click();
    await expect(page).toHaveURL(new RegExp(`${VENUE}$`));
    await waitForHydration(page);
    await expectNoAxeViolations(page, 'the venue page');
    await addRoom(page, `Room ${crypto.randomBytes(3).toString('hex')}`, true);
    await buildGrid(page);
    // A lunch break on Day 2, by keyboard.
    const day2 = page.getByRole('region', { name: 'Day 2 (2027-06-23)' });
    const add = day2.locator('form[action="/api/venue/add-slot"]');
    await disclose(add);
    await add.getByLabel(en['grid.start'], { exact: true }).fill('12:30');
    await add.getByLabel(en['grid.length'], { exact: true }).fill('90');
    await add.getByLabel(en['grid.kind'], { exact: true }).selectOption('break');
    await add.getByLabel(en['grid.label'], { exact: true }).fill('Lunch');
    await add.getByLabel(en['grid.label'], { exact: true }).press('Enter');
    await expect(page.getByRole('status')).toHaveText(en['notice.slot-saved']);
    await expect(page.getByRole('region', { name: 'Day 2 (2027-06-23)' }).getByRole('row', { name: /^12:30–14:00/ })).toContainText(
      en['grid.kind.break'],
    );
    await waitForHydration(page);
    await expectNoAxeViolations(page, 'the venue page with a grid');
  });

  test('in Arabic, right to left', async ({ page }) => {
    await signInOrganiser(page);
    await page.goto(VENUE);
    await page.getByRole('button', { name: 'العربية' }).click();
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(page.getByRole('heading', { level: 1 })).toContainText(locale('ar')['venue.title']);
    await page.waitForLoadState('networkidle');
    await expectNoAxeViolations(page, 'the Arabic venue page');
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  });

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });
    test('rooms and the time grid', async ({ page }) => {
      await signInOrganiser(page);
      await page.goto(VENUE);
      await addRoom(page, `Room ${crypto.randomBytes(3).toString('hex')}`, false);
      await buildGrid(page);
    });
  });
});
