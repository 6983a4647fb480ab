// Remote hubs in the browser, on the demo edition: a new person registers a
// hub (the form prefilled with them as first coordinator; a bad website
// refused at its field with what was typed kept), sees it pending on the
// hubs page, the organiser approves it from the organisers' page, and the
// public list shows it by country with the coordinator's name and never the
// address. With and without JavaScript; the pages pass axe, also in Arabic.
import { expect, test, type Page } from '@playwright/test';
import {
  en,
  expectArabicPagesClean,
  expectNoAxeViolations,
  newSignedInPerson,
  signInOrganiser,
  waitForHydration,
  waitForMail,
} from './support';

const EDITION = '/forums/demo';

function numbered(key: string, n: number): string {
  return en[key].replace('{n}', String(n));
}

async function journey(page: Page, js: boolean) {
  const tag = js ? 'hub-js' : 'hub-plain';
  const institution = `University of ${tag} ${Date.now()}`;

  // Anonymous: the list and an invitation to sign in.
  await page.goto(`${EDITION}/hubs`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(en['hubs.title'].replace('{forum}', 'Demo Forum 2027'));
  await expect(page.getByRole('link', { name: en['hubs.sign-in-first'] })).toBeVisible();
  if (js) await expectNoAxeViolations(page, 'the hubs page (anonymous)');

  // From the edition's page to the hubs and the form.
  const person = await newSignedInPerson(page, tag);
  await page.goto(EDITION);
  await page.getByRole('link', { name: en['hubs.link'], exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${EDITION}/hubs$`));
  await page.getByRole('link', { name: en['hubs.register'], exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${EDITION}/hubs/new$`));
  if (js) await waitForHydration(page);
  await expect(page.getByLabel(numbered('hubs.coordinator-name', 1), { exact: true })).toHaveValue(person.name);
  await expect(page.getByLabel(numbered('hubs.coordinator-email', 1), { exact: true })).toHaveValue(person.email);
  if (js) await expectNoAxeViolations(page, 'the hub form');

  await page.getByLabel(en['field.country'], { exact: true }).selectOption('KE');
  await page.getByLabel(en['hubs.field.city'], { exact: true }).fill('Nairobi');
  await page.getByLabel(en['hubs.field.institution'], { exact: true }).fill(institution);
  await page.getByLabel(en['hubs.field.expected'], { exact: true }).fill('35');
  await page.getByLabel(numbered('hubs.coordinator-name', 2), { exact: true }).fill('Otieno Ouma');
  await page.getByLabel(numbered('hubs.coordinator-email', 2), { exact: true }).fill(`otieno-${tag}@hub.example.org`);
  // A website that is a URL but not http(s): the browser lets it through,
  // the server refuses it.
  await page.getByLabel(en['hubs.field.website'], { exact: true }).fill('ftp://hub.example.org');
  await page.getByRole('button', { name: en['hubs.submit'] }).click();
  await expect(page.getByText(en['hubs.website-invalid'])).toBeVisible();
  await expect(page.getByLabel(en['hubs.field.institution'], { exact: true })).toHaveValue(institution);
  await expect(page.getByLabel(en['hubs.field.website'], { exact: true })).toHaveAttribute('aria-invalid', 'true');
  if (js) await expectNoAxeViolations(page, 'the hub form with an error');
  await page.getByLabel(en['hubs.field.website'], { exact: true }).fill('https://hub.example.org/igf');
  await page.getByRole('button', { name: en['hubs.submit'] }).click();
  await expect(page.getByRole('status').first()).toHaveText(en['notice.hub-received']);
  await expect(page.locator('.my-hubs')).toContainText(institution);
  await expect(page.locator('.my-hubs')).toContainText(en['hubs.state.pending']);
  await waitForMail(person.email, 20_000, 'remote hub was received');
  if (js) await expectNoAxeViolations(page, 'the hubs page with my hubs');

  // The organiser approves it.
  await page.context().clearCookies();
  await signInOrganiser(page);
  await page.goto(EDITION);
  await page.getByRole('link', { name: en['hubs.manage'], exact: true }).first().click();
  await expect(page).toHaveURL(new RegExp(`${EDITION}/hubs/manage$`));
  await page.goto(`${EDITION}/hubs/manage?state=pending`);
  if (js) await waitForHydration(page);
  const card = page.locator('article.hub.managed', { hasText: institution });
  await expect(card).toContainText(`otieno-${tag}@hub.example.org`);
  if (js) await expectNoAxeViolations(page, 'the organisers\u2019 hubs page');
  await card.getByRole('button', { name: en['hubs.approve'], exact: true }).click();
  await expect(page.getByRole('status').first()).toHaveText(en['notice.hub-approved']);
  await waitForMail(person.email, 20_000, 'remote hub is approved');

  // The public list: by country, names and never addresses.
  await page.context().clearCookies();
  await page.goto(`${EDITION}/hubs`);
  const kenya = page.locator('section.hub-country', { hasText: 'Kenya' });
  const hub = kenya.locator('article.hub', { hasText: institution });
  await expect(hub).toContainText('Otieno Ouma');
  await expect(hub).toContainText(person.name);
  await expect(page.locator('main')).not.toContainText(`otieno-${tag}@hub.example.org`);
  await expect(page.locator('main')).not.toContainText(person.email);
  await expect(hub.getByRole('link', { name: 'https://hub.example.org/igf' })).toHaveAttribute('href', 'https://hub.example.org/igf');
}

test.describe('remote hubs', () => {
  test.setTimeout(180_000);
  test('register, approve and list a hub with JavaScript', async ({ page }) => {
    await journey(page, true);
    await signInOrganiser(page);
    await expectArabicPagesClean(page, [`${EDITION}/hubs`, `${EDITION}/hubs/new`, `${EDITION}/hubs/manage`]);
  });

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });
    test('the same journey with plain forms', async ({ page }) => {
      await journey(page, false);
    });
  });
});
