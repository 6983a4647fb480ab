// A consultation's synthesis in the browser, on the demo edition's open
// consultation (a few hundred contributions): the organiser opens the
// synthesis from the consultation's page, downloads the contributions as
// CSV and JSON (as many rows as the page counts), narrows the published
// contributions to one question, is refused a theme without contributions
// (the name kept), then turns two contributions into a new theme; the call
// page names the theme and links back to the two contributions behind it.
// With and without JavaScript; the page passes axe, also in Arabic.
import { expect, test, type Page } from '@playwright/test';
import { en, expectArabicPagesClean, expectNoAxeViolations, signInOrganiser, waitForHydration } from './support';

const CONSULTATION = '/forums/demo/consultations/open-consultation';
const SYNTHESIS = `${CONSULTATION}/synthesis`;

async function journey(page: Page, js: boolean): Promise<void> {
  const tag = js ? 'js' : 'plain';
  const name = `Local content ${tag} ${Date.now()}`;

  await signInOrganiser(page);
  await page.goto(`${CONSULTATION}/manage`);
  await page.getByRole('link', { name: en['consultation.synthesis.link'], exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${SYNTHESIS}$`));
  if (js) await waitForHydration(page);
  if (js) await expectNoAxeViolations(page, 'a consultation\u2019s synthesis');
  const received = Number(
    await page
      .locator('dl.facts dt', { hasText: en['consultation.synthesis.received'] })
      .locator('xpath=following-sibling::dd[1]')
      .innerText(),
  );
  expect(received).toBeGreaterThan(100);

  // The downloads: every contribution, in CSV and JSON.
  const csvHref = await page.getByRole('link', { name: en['consultation.synthesis.contributions-csv'] }).getAttribute('href');
  const csv = await page.request.get(csvHref!);
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toContain('text/csv');
  const jsonHref = await page.getByRole('link', { name: en['consultation.synthesis.contributions-json'] }).getAttribute('href');
  const rows = await (await page.request.get(jsonHref!)).json();
  expect(rows.length).toBe(received);
  const commentsHref = await page.getByRole('link', { name: en['consultation.synthesis.comments-csv'] }).getAttribute('href');
  expect((await page.request.get(commentsHref!)).status()).toBe(200);

  // Narrowed to one question; a theme without contributions is refused.
  const turn = page.locator('section', { has: page.getByRole('heading', { name: en['consultation.theme.turn'] }) });
  const questions = turn.getByLabel(en['consultation.field.question'], { exact: true });
  const first = await questions.locator('option').nth(1).getAttribute('value');
  await questions.selectOption(first!);
  await turn.getByRole('button', { name: en['consultation.apply'], exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`question=${first}`));
  if (js) await waitForHydration(page);
  await turn.getByLabel(en['consultation.theme.name'], { exact: true }).fill(name);
  await turn.getByRole('button', { name: en['consultation.theme.link'], exact: true }).click();
  await expect(page.getByText(en['consultation.theme.choose'])).toBeVisible();
  await expect(turn.getByLabel(en['consultation.theme.name'], { exact: true })).toHaveValue(name);
  if (js) await waitForHydration(page);

  // Two contributions turned into a new theme.
  const boxes = turn.getByRole('checkbox');
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await turn.getByRole('button', { name: en['consultation.theme.link'], exact: true }).click();
  await expect(page.getByRole('status').first()).toHaveText(en['notice.theme-linked']);
  const made = page.locator('ul.themes > li', { has: page.getByRole('heading', { name }) });
  await expect(made).toContainText(en['consultation.theme.sources-count'].replace('{count}', '2'));
  if (js) await waitForHydration(page);
  if (js) await expectNoAxeViolations(page, 'a synthesis with a theme made');

  // The call page names it and links back to the two contributions.
  await page.context().clearCookies();
  await page.goto('/forums/demo/calls');
  await page.locator('ul.calls h2 a').first().click();
  const origin = page.locator('ul.theme-origins li', { hasText: name });
  await expect(origin).toBeVisible();
  await origin.getByRole('link').click();
  await expect(page).toHaveURL(/theme=/);
  await expect(page.locator('.theme-filter')).toContainText(name);
  await expect(page.locator('article.contribution')).toHaveCount(2);
  if (js) await waitForHydration(page);
  if (js) await expectNoAxeViolations(page, 'the contributions behind a theme');
}

test.describe('a consultation\u2019s synthesis', () => {
  test.setTimeout(180_000);
  test('download, and turn contributions into a theme, with JavaScript', async ({ page }) => {
    await journey(page, true);
    await signInOrganiser(page);
    await expectArabicPagesClean(page, [SYNTHESIS]);
  });

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });
    test('the same journey with plain forms', async ({ page }) => {
      await journey(page, false);
    });
  });
});
