// Registration in the browser, on the demo edition: the organiser opens it
// with a privacy notice and one onsite place; a participant registers
// onsite (the form prefilled from the profile, the privacy notice required
// first), the organiser approves from the list, the participant sees their
// badge code and QR code, and the badge desk checks them in once. With and
// without JavaScript; the pages pass axe, also in Arabic.
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

async function openRegistration(page: Page, js: boolean) {
  await signInOrganiser(page);
  await page.goto(`${EDITION}/registrations`);
  if (js) await waitForHydration(page);
  const details = page.locator('details.setup');
  if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
  await page.getByLabel(en['registration.setup.open'], { exact: true }).check();
  await page.getByLabel(en['registration.setup.capacity'], { exact: true }).fill('');
  await page.getByLabel(en['registration.setup.notice'], { exact: true }).fill('We keep your data for **this meeting** only.');
  await page.getByRole('button', { name: en['registration.setup.submit'] }).click();
  await expect(page.getByRole('status').first()).toHaveText(en['notice.registration-setup-saved']);
  if (js) await expectNoAxeViolations(page, 'the registrations');
}

async function journey(page: Page, js: boolean) {
  await openRegistration(page, js);
  await page.context().clearCookies();

  const person = await newSignedInPerson(page, js ? 'reg-js' : 'reg-plain');
  await page.goto(`${EDITION}/register`);
  if (js) await waitForHydration(page);
  await expect(page.getByLabel(en['registration.field.badge-name'], { exact: true })).toHaveValue(person.name);
  await expect(page.locator('.privacy-notice strong')).toHaveText('this meeting');
  if (js) await expectNoAxeViolations(page, 'the registration form');
  await page.getByLabel(en['registration.field.mode'], { exact: true }).selectOption('onsite');
  await page.getByLabel(en['registration.field.accessibility'], { exact: true }).fill('Step-free access');
  await page.getByRole('button', { name: en['registration.submit'] }).click();
  // The privacy notice first; what was typed stays.
  await expect(page.getByText(en['registration.privacy-required'])).toBeVisible();
  await expect(page.getByLabel(en['registration.field.accessibility'], { exact: true })).toHaveValue('Step-free access');
  await page.getByLabel(en['registration.field.privacy'], { exact: true }).check();
  await page.getByRole('button', { name: en['registration.submit'] }).click();
  await expect(page.getByRole('status').first()).toHaveText(en['notice.registration-received']);
  await expect(page.locator('.my-registration')).toContainText(en['registration.state.pending']);
  await waitForMail(person.email);

  // The organiser approves from the list.
  await page.context().clearCookies();
  await signInOrganiser(page);
  await page.goto(`${EDITION}/registrations?state=pending`);
  if (js) await waitForHydration(page);
  await page.getByLabel(person.name, { exact: true }).check();
  await page.getByRole('button', { name: en['registration.approve'], exact: true }).click();
  await expect(page.getByRole('status').first()).toHaveText(en['notice.registrations-decided']);

  // The participant's badge.
  await page.context().clearCookies();
  await page.goto('/account/sign-in');
  await page.getByLabel(en['field.email'], { exact: true }).fill(person.email);
  await page.getByLabel(en['field.password'], { exact: true }).fill(person.password);
  await page.getByRole('button', { name: en['accounts.sign-in.submit'], exact: true }).click();
  await page.goto(`${EDITION}/register`);
  await expect(page.locator('.my-registration')).toContainText(en['registration.state.approved']);
  await expect(page.locator('.qr svg')).toBeVisible();
  const code = (await page.locator('.badge-code code').textContent())!.trim();
  expect(code).toMatch(/^[A-Z2-9]{16}$/);
  if (js) await expectNoAxeViolations(page, 'the badge');

  // The badge desk: once, then "already".
  await page.context().clearCookies();
  await signInOrganiser(page);
  await page.goto(`${EDITION}/check-in`);
  if (js) await waitForHydration(page);
  await page.getByLabel(en['registration.badge-code'], { exact: true }).fill(code.toLowerCase());
  await page.getByRole('button', { name: en['registration.check-in-submit'] }).click();
  await expect(page.getByRole('status').first()).toHaveText(en['notice.badge-checked-in']);
  await expect(page.locator('section.checked')).toContainText(person.name);
  if (js) await expectNoAxeViolations(page, 'the badge desk');
  await page.getByLabel(en['registration.badge-code'], { exact: true }).fill(code);
  await page.getByRole('button', { name: en['registration.check-in-submit'] }).click();
  await expect(page.getByRole('status').first()).toHaveText(en['notice.badge-already-in']);
}

test.describe('registration', () => {
  // Four people's steps in one journey, each page checked with axe.
  test.setTimeout(180_000);
  test('register, approve, badge and check-in with JavaScript', async ({ page }) => {
    await journey(page, true);
    await expectArabicPagesClean(page, [`${EDITION}/registrations`, `${EDITION}/check-in`]);
  });

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });
    test('the same journey with plain forms', async ({ page }) => {
      await journey(page, false);
    });
  });
});
