// Releases in the browser, on the demo edition with a released programme
// (`demo-wsis`): an organiser puts a new person on one published session and
// cancels another; the release page lists both changes; publishing release
// n + 1 shows them in the public changelog, takes the cancelled session off
// the public programme, and writes to the new person (and only about their
// session) with a calendar file. With and without JavaScript; the public
// programme, the changelog and the release page pass axe, also in Arabic.
import { expect, test, type Page } from '@playwright/test';
import crypto from 'node:crypto';
import { en, expectArabicPagesClean, expectNoAxeViolations, signInOrganiser, waitForHydration, waitForMail } from './support';

const EDITION = '/forums/demo-wsis';
const PUBLIC = `${EDITION}/programme`;
const RELEASES = `${EDITION}/programme/releases`;
const CHANGES = `${EDITION}/programme/changes`;

/** Exactly `code`, not a longer code starting with it. */
const exactly = (code: string) => new RegExp(`^${code}$`);
/** A table row naming `code` (cells read "WS-3 Title"). */
const rowOf = (code: string) => new RegExp(`${code} `);

/** The codes of the first two sessions on the public programme. */
async function publishedCodes(page: Page): Promise<string[]> {
  await page.goto(PUBLIC);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Demo WSIS Forum 2027');
  return (await page.locator('li.public-session .code').allTextContents()).slice(0, 2);
}

async function openSession(page: Page, code: string) {
  await page.goto(`${EDITION}/programme/sessions`);
  await page.getByRole('link', { name: code, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(code);
}

async function journey(page: Page, js: boolean) {
  await signInOrganiser(page);
  const [kept, cancelled] = await publishedCodes(page);
  const tag = crypto.randomBytes(3).toString('hex');
  const email = `release-${tag}@example.org`;

  await openSession(page, kept);
  if (js) await waitForHydration(page);
  const person = page.locator('form[action="/api/programme/add-person"]');
  await person.getByLabel(en['proposals.field.role'], { exact: true }).selectOption('rapporteur');
  await person.getByLabel(en['field.name'], { exact: true }).fill(`Rapporteur ${tag}`);
  await person.getByLabel(en['field.email'], { exact: true }).fill(email);
  await person.getByRole('button', { name: en['programme.add-person'] }).click();
  await expect(page.getByRole('status')).toHaveText(en['notice.person-added']);

  await openSession(page, cancelled);
  if (js) await waitForHydration(page);
  await page.getByRole('button', { name: en['programme.cancel'] }).click();
  await expect(page.getByRole('status')).toHaveText(en['notice.session-cancelled']);

  // The draft changed; the public programme did not.
  await page.goto(PUBLIC);
  await expect(page.locator('li.public-session .code', { hasText: exactly(cancelled) })).toHaveCount(1);

  await page.goto(RELEASES);
  if (js) await waitForHydration(page);
  const pending = page.getByRole('table', { name: /What release \d+ changes/ });
  await expect(pending.getByRole('row', { name: rowOf(kept) })).toContainText(en['release.kind.updated']);
  await expect(pending.getByRole('row', { name: rowOf(cancelled) })).toContainText(en['release.kind.cancelled']);
  if (js) await expectNoAxeViolations(page, 'the release page');
  await page.getByLabel(en['release.note'], { exact: true }).fill(`Release note ${tag}`);
  await page.getByRole('button', { name: /^Publish release \d+$/ }).click();
  await expect(page.getByRole('status')).toHaveText(en['notice.release-published']);
  await expect(page.getByText(en['release.no-changes'])).toBeVisible();

  // Public now: the cancelled session is gone, the changelog says why.
  await page.goto(PUBLIC);
  await expect(page.locator('li.public-session .code', { hasText: exactly(cancelled) })).toHaveCount(0);
  await expect(
    page.locator('li.public-session').filter({ has: page.locator('.code', { hasText: exactly(kept) }) }),
  ).toContainText(`Rapporteur ${tag}`);
  if (js) await expectNoAxeViolations(page, 'the public programme');
  await page.getByRole('link', { name: en['release.changelog'] }).click();
  await expect(page).toHaveURL(new RegExp(`${CHANGES}$`));
  const latest = page.locator('section').filter({ hasText: `Release note ${tag}` });
  await expect(latest.getByRole('row', { name: rowOf(cancelled) })).toContainText(en['release.kind.cancelled']);
  if (js) await expectNoAxeViolations(page, 'the changelog');

  // The new person is told, with a calendar file for their session.
  const mail = await waitForMail(email);
  expect(mail.text).toMatch(rowOf(kept));
  expect(mail.text).not.toMatch(new RegExp(`${cancelled}\\b`));
  expect(mail.calendar).toContain('BEGIN:VCALENDAR');
  expect(mail.calendar).toContain('STATUS:CONFIRMED');
}

test.describe('releases of the programme', () => {
  test('changes published with JavaScript', async ({ page }) => {
    await journey(page, true);
  });

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });
    test('the same with plain forms', async ({ page }) => {
      await journey(page, false);
    });
  });

  test('the public pages and the release page in Arabic, right to left', async ({ page }) => {
    await signInOrganiser(page);
    await page.goto(PUBLIC);
    await expectArabicPagesClean(page, [PUBLIC, CHANGES, RELEASES]);
  });
});
