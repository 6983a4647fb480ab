// Review assignment in the browser: the organiser runs the automatic
// assignment and looks at a reviewer's load; the reviewer sees their list and
// declares a conflict of interest. axe-core checks both pages.
import { expect, test } from '@playwright/test';
import { demoReviewer, en, expectNoAxeViolations, signInEnglish, signInOrganiser } from './support';

test('an organiser assigns the proposals and a reviewer declares a conflict', async ({ page }) => {
  await signInOrganiser(page);
  await page.goto('/forums/demo');
  await page.getByRole('link', { name: en['review.assignment'] }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(en['review.assignment']);
  // Other tests may have opened more calls: this one is the demo's.
  const call = page.getByRole('region', { name: 'Call for session proposals' });
  await call.getByLabel(en['review.reviews-per-proposal'], { exact: true }).fill('2');
  await call.getByRole('button', { name: en['review.run'] }).click();
  await expect(page.getByRole('status').first()).toHaveText(en['notice.assignment-run']);
  await page.getByRole('link', { name: 'Proposals of Demo Reviewer' }).click();
  await expect(page.getByRole('heading', { name: 'Proposals of Demo Reviewer' })).toBeVisible();
  await expectNoAxeViolations(page, 'the review assignment page');

  await page.getByRole('button', { name: en['nav.sign-out'] }).click();
  await signInEnglish(page, demoReviewer);
  await page.goto('/forums/demo');
  await page.getByRole('link', { name: en['review.mine'] }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(en['review.mine']);
  const count = Number((await page.getByText(/^\d+ of \d+ done$/).textContent())?.match(/of (\d+) done/)?.[1]);
  expect(count).toBeGreaterThan(0);
  await expectNoAxeViolations(page, 'the reviewer\'s list');
  // The demo call is reviewed blind: the proposal's people are not named.
  await page.getByRole('row').nth(2).getByRole('link').click();
  await expect(page.getByText(en['review.blind-note'])).toBeVisible();
  await expect(page.getByRole('cell', { name: en['review.hidden'] }).first()).toBeVisible();
  await expect(page.getByText('@demo.plenum.localhost')).toHaveCount(0);
  await expectNoAxeViolations(page, 'a proposal read blind');
  await page.goBack();
  const row = page.getByRole('row').nth(1);
  await row.locator('summary').click();
  await row.getByLabel(en['review.conflict-reason']).fill('I advised the proposer');
  await row.getByRole('button', { name: en['review.declare-conflict'] }).click();
  await expect(page.getByRole('status').first()).toHaveText(en['notice.conflict-declared']);
  await expect(page.getByText(new RegExp(`of ${count - 1} done$`))).toBeVisible();
});
