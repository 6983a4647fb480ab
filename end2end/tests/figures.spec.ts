// The organisers' figures of the demo edition in the browser: reached from
// the edition's organisers' links; participation and programme — the
// headline numbers, the charts with their tables, and the CSV downloads,
// whose figures match the page. With
// and without JavaScript; the page passes axe, also in Arabic.
import { expect, test, type Page } from '@playwright/test';
import { en, expectArabicPagesClean, expectNoAxeViolations, signInOrganiser, waitForHydration } from './support';

const FIGURES = '/forums/demo/figures';

function fact(page: Page, key: string) {
  return page
    .locator(`xpath=//dl[contains(@class, "figures")]/dt[normalize-space(.) = ${JSON.stringify(en[key])}]/following-sibling::dd[1]`)
    .first();
}

async function journey(page: Page, js: boolean): Promise<void> {
  await signInOrganiser(page);
  await page.goto('/forums/demo');
  await page.getByRole('link', { name: en['figures.link'], exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${FIGURES}$`));
  await expect(page.getByRole('heading', { level: 2, name: en['figures.participation'] })).toBeVisible();
  for (const key of ['figures.by-group', 'figures.by-region', 'figures.by-gender']) {
    await expect(page.getByRole('table', { name: en[key] })).toBeVisible();
  }
  if (js) await waitForHydration(page);
  if (js) await expectNoAxeViolations(page, 'the figures page');

  // The CSV holds the page's numbers.
  const href = await page.getByRole('link', { name: en['figures.download'] }).getAttribute('href');
  const res = await page.request.get(href!);
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toContain('text/csv');
  const rows = new Map(
    (await res.text())
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .map((line) => {
        const [figure, code, count] = line.split(',');
        return [`${figure}/${code}`, count] as [string, string];
      }),
  );
  expect(await fact(page, 'figures.registered').innerText()).toBe(rows.get('registered/'));
  expect(await fact(page, 'figures.approved').innerText()).toBe(rows.get('approved/'));
  expect(await fact(page, 'figures.countries').innerText()).toBe(rows.get('countries/'));

  // The programme's figures and their CSV.
  await expect(page.getByRole('heading', { level: 2, name: en['figures.programme'] })).toBeVisible();
  for (const key of ['figures.by-type', 'figures.by-theme', 'figures.people-by-group', 'figures.people-by-gender']) {
    await expect(page.getByRole('table', { name: en[key] })).toBeVisible();
  }
  const programme = await page.request.get(
    (await page.getByRole('link', { name: en['figures.download-programme'] }).getAttribute('href'))!,
  );
  expect(programme.status()).toBe(200);
  const sessions = (await programme.text()).split(/\r?\n/).find((line) => line.startsWith('sessions,'));
  expect(sessions).toBe(`sessions,,${await fact(page, 'figures.sessions').innerText()}`);

  // Others are refused.

  await page.context().clearCookies();
  expect((await page.request.get(href!)).status()).toBe(401);
}

test.describe('the organisers\u2019 figures', () => {
  test('read the participation figures with JavaScript', async ({ page }) => {
    await journey(page, true);
    await signInOrganiser(page);
    await expectArabicPagesClean(page, [FIGURES]);
  });

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });
    test('the same figures with plain pages', async ({ page }) => {
      await journey(page, false);
    });
  });
});
