// Certificates of participation in the browser, on the demo edition: an
// onsite participant approved and checked in at the badge desk finds
// "Download your certificate" on their registration page and downloads the
// PDF; its code verifies on the public page (typed in the form, lower case
// and without dashes); the organiser lists the certificates and revokes
// one, which then verifies as revoked. The pages pass axe, also in Arabic;
// the verification form also works without JavaScript.
import { expect, test, type Page } from '@playwright/test';
import {
  en,
  expectArabicPagesClean,
  expectNoAxeViolations,
  newSignedInPerson,
  openRegistrationOf,
  signIn,
  signInOrganiser,
  waitForHydration,
  type Person,
} from './support';

const EDITION = '/forums/demo';

/** An onsite participant, approved and checked in; their badge code. */
async function checkedIn(page: Page, tag: string): Promise<Person> {
  await signInOrganiser(page);
  await openRegistrationOf(page, EDITION);
  await page.context().clearCookies();
  const person = await newSignedInPerson(page, tag);
  await page.goto(`${EDITION}/register`);
  await page.getByLabel(en['registration.field.mode'], { exact: true }).selectOption('onsite');
  await page.getByLabel(en['registration.field.privacy'], { exact: true }).check();
  await page.getByRole('button', { name: en['registration.submit'] }).click();
  await expect(page.getByRole('status').first()).toHaveText(en['notice.registration-received']);
  // Not yet entitled: nothing offered.
  await expect(page.locator('main')).not.toContainText(en['certificates.download']);

  await page.context().clearCookies();
  await signInOrganiser(page);
  await page.goto(`${EDITION}/registrations?state=pending`);
  await page.getByLabel(person.name, { exact: true }).check();
  await page.getByRole('button', { name: en['registration.approve'], exact: true }).click();
  await expect(page.getByRole('status').first()).toHaveText(en['notice.registrations-decided']);

  await page.context().clearCookies();
  await signIn(page, person);
  await page.goto(`${EDITION}/register`);
  const badge = (await page.locator('.badge-code code').textContent())!.trim();
  await expect(page.locator('main')).not.toContainText(en['certificates.download']);

  await page.context().clearCookies();
  await signInOrganiser(page);
  await page.goto(`${EDITION}/check-in`);
  await page.getByLabel(en['registration.badge-code'], { exact: true }).fill(badge);
  await page.getByRole('button', { name: en['registration.check-in-submit'] }).click();
  await expect(page.getByRole('status').first()).toHaveText(en['notice.badge-checked-in']);

  await page.context().clearCookies();
  await signIn(page, person);
  return person;
}

test.describe('certificates', () => {
  test.setTimeout(180_000);

  test('download, verify, list and revoke', async ({ page }) => {
    const person = await checkedIn(page, 'cert-js');
    await page.goto(`${EDITION}/register`);
    await waitForHydration(page);
    const offer = page.locator('section.certificate-offer');
    await expect(offer).toContainText(en['certificates.offer-title']);
    await expectNoAxeViolations(page, 'the registration page with the certificate');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: en['certificates.download'] }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('demo-certificate.pdf');
    const path = await download.path();
    const fs = await import('node:fs');
    expect(fs.readFileSync(path!).subarray(0, 8).toString()).toBe('%PDF-1.7');

    // The code, now shown, verifies.
    await page.reload();
    const code = (await offer.locator('code').textContent())!.trim();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    await page.context().clearCookies();
    await page.goto('/certificates');
    await waitForHydration(page);
    await expectNoAxeViolations(page, 'the verification form');
    await page.getByLabel(en['certificates.code'], { exact: true }).fill('not a code');
    await page.getByRole('button', { name: en['certificates.check'] }).click();
    await expect(page.getByText(en['certificates.code-invalid'])).toBeVisible();
    await expect(page.getByLabel(en['certificates.code'], { exact: true })).toHaveValue('not a code');
    await page.getByLabel(en['certificates.code'], { exact: true }).fill(code.replace(/-/g, '').toLowerCase());
    await page.getByRole('button', { name: en['certificates.check'] }).click();
    await expect(page).toHaveURL(new RegExp(`/certificates/${code}$`));
    const verdict = page.locator('section.verdict');
    await expect(verdict.getByRole('heading')).toHaveText(en['certificates.valid']);
    await expect(verdict).toContainText(person.name);
    await expect(verdict).toContainText(en['certificates.mode.onsite']);
    await expect(verdict).not.toContainText(person.email);
    await expectNoAxeViolations(page, 'a valid certificate');
    await expectArabicPagesClean(page, [`/certificates/${code}`, '/certificates']);

    // The organiser's list; revoking.
    await signInOrganiser(page);
    await page.goto(`${EDITION}/certificates`);
    await waitForHydration(page);
    await expect(page.locator('table.certificates')).toContainText(code);
    await expectNoAxeViolations(page, 'the certificates list');
    await page.getByRole('button', { name: en['certificates.revoke-named'].replace('{code}', code) }).click();
    await expect(page.getByRole('status').first()).toHaveText(en['notice.certificate-revoked']);
    await expectArabicPagesClean(page, [`${EDITION}/certificates`]);
    await page.context().clearCookies();
    await page.goto(`/certificates/${code}`);
    await expect(page.locator('section.verdict').getByRole('heading')).toHaveText(en['certificates.revoked-title']);
    await expect(page.locator('main')).not.toContainText(person.name);
    await expectNoAxeViolations(page, 'a revoked certificate');
  });

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });
    test('an unknown code, typed in the plain form', async ({ page }) => {
      await page.goto('/certificates');
      await page.getByLabel(en['certificates.code'], { exact: true }).fill('0000 0000 0000 0000');
      await page.getByRole('button', { name: en['certificates.check'] }).click();
      await expect(page).toHaveURL(/\/certificates\/0000-0000-0000-0000$/);
      await expect(page.locator('section.verdict').getByRole('heading')).toHaveText(en['certificates.unknown-title']);
    });
  });
});
