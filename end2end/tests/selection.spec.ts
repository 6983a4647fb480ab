// Review and selection in the browser: the demo reviewer scores a proposal
// and goes on with "save and next"; the organiser ticks a proposal into the
// selection and the balance panel follows at once, saves the decisions,
// checks the mails and releases them; a proposer confirms the accepted
// session from its page. axe-core checks every page on the way.
import { expect, test } from '@playwright/test';
import {
  demoOrganiser,
  demoReviewer,
  en,
  expectNoAxeViolations,
  signInEnglish,
  signInOrganiser,
  waitForHydration,
  waitForMail,
} from './support';

test('reviews, the selection with its balance, the release and a confirmation', async ({ page }) => {
  await signInEnglish(page, demoReviewer);
  await page.goto('/forums/demo/review');
  const progress = page.getByText(/^\d+ of \d+ done$/);
  const done = Number((await progress.textContent())!.match(/^(\d+)/)![1]);
  await page.getByRole('link', { name: en['review.start-next'] }).click();
  await expect(page.getByRole('heading', { name: en['review.review'] })).toBeVisible();
  await expectNoAxeViolations(page, 'a proposal with its score form');
  const first = page.url();
  for (const key of ['relevance', 'content', 'diversity', 'format']) {
    await page.getByLabel(en[`review.criterion.${key}`]).selectOption('4');
  }
  await page.getByRole('button', { name: en['review.save-and-next'] }).click();
  await expect(page.getByRole('status').first()).toHaveText(en['notice.review-saved']);
  expect(page.url().split('?')[0]).not.toBe(first.split('?')[0]);
  await page.goto('/forums/demo/review');
  await expect(page.getByText(new RegExp(`^${done + 1} of \\d+ done$`))).toBeVisible();
  await page.getByRole('button', { name: en['nav.sign-out'] }).click();

  // The organiser ticks an undecided proposal in: the panel follows at once.
  // The best-ranked pages are decided already: go on to the first page with
  // an undecided proposal.
  await signInOrganiser(page);
  await page.goto('/forums/demo/selection');
  await waitForHydration(page);
  await expectNoAxeViolations(page, 'the selection with its balance panel');
  const summary = page.locator('#balance-heading ~ p[aria-live="polite"]');
  const selects = page.locator('select[name="decision[]"]');
  let undecided = -1;
  for (let p = 1; p <= 20 && undecided < 0; p++) {
    if (p > 1) {
      await page.goto(`/forums/demo/selection?page=${p}`);
      await waitForHydration(page);
    }
    for (let i = 0; i < (await selects.count()); i++) {
      if ((await selects.nth(i).inputValue()) === '') {
        undecided = i;
        break;
      }
    }
  }
  expect(undecided).toBeGreaterThanOrEqual(0);
  const selected = Number((await summary.textContent())!.match(/^(\d+)/)![1]);
  await selects.nth(undecided).selectOption('accept');
  await expect(summary).toHaveText(new RegExp(`^${selected + 1} of `));
  await page.getByRole('button', { name: en['review.save-decisions'] }).click();
  await expect(page.getByRole('status').first()).toHaveText(en['notice.decisions-saved']);
  await expect(page.locator('#balance-heading ~ p[aria-live="polite"]')).toHaveText(new RegExp(`^${selected + 1} of `));

  // The release: the mails are shown, then queued.
  await page.getByRole('link', { name: /^Release decisions/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(en['review.release-title']);
  await expectNoAxeViolations(page, 'the release page');
  const call = page.getByRole('region', { name: 'Call for session proposals' });
  const accepted = call.locator('details').filter({ hasText: 'The mail for “Accepted”' });
  const to = (await accepted.locator('dd').first().textContent())!.trim();
  const text = (await accepted.locator('pre').textContent())!;
  const proposalPath = text.match(/\/forums\/demo\/proposals\/[0-9a-f-]{36}/)![0];
  await call.getByLabel(en['review.confirm-by']).fill('2099-12-31');
  const acknowledge = call.getByLabel(en['review.acknowledge']);
  if (await acknowledge.count()) await acknowledge.check();
  await call.getByRole('button', { name: /^Release \d+ decisions/ }).click();
  await expect(page.getByRole('status').first()).toHaveText(en['notice.decisions-released']);
  await expect(call.getByText(en['review.nothing-pending'])).toBeVisible();
  const mail = await waitForMail(to);
  expect(mail.subject).toMatch(/^(Accepted|Not accepted|Waiting list|Merged)/);
  await page.getByRole('button', { name: en['nav.sign-out'] }).click();

  // The proposer confirms the accepted session.
  await page.goto('/account/sign-in');
  await page.getByLabel(en['field.email'], { exact: true }).fill(to);
  await page.getByLabel(en['field.password'], { exact: true }).fill(demoOrganiser.password);
  await page.getByRole('button', { name: en['accounts.sign-in.submit'], exact: true }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.goto(proposalPath);
  await expect(page.getByRole('heading', { name: en['review.decision-heading'] })).toBeVisible();
  await expectNoAxeViolations(page, 'a proposal with its decision');
  await page.getByRole('button', { name: en['review.confirm'] }).click();
  await expect(page.getByRole('status').first()).toHaveText(en['notice.decision-confirm']);
  await expect(page.getByText(en['review.confirmation.confirmed'])).toBeVisible();
});

test('organisers set a call\'s review form, keeping what they typed when it is refused', async ({ page }) => {
  await signInOrganiser(page);
  await page.goto('/forums/demo');
  await page.getByRole('link', { name: en['review.settings'] }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(en['review.settings']);
  await expectNoAxeViolations(page, 'the review settings');
  const call = page.getByRole('region', { name: 'Call for session proposals' });
  // A reason longer than the limit is refused on the server; what was typed stays.
  const reasons = call.getByLabel(en['review.reasons-label']);
  const long = 'x'.repeat(130);
  await reasons.fill(`${await reasons.inputValue()}\n${long}`);
  await call.getByLabel(`${en['review.weight']}, row 1`, { exact: true }).fill('5');
  await call.getByRole('button', { name: en['review.save-settings'] }).click();
  await expect(page.getByText(en['field.too-long'])).toBeVisible();
  const refused = page.getByRole('region', { name: 'Call for session proposals' });
  await expect(refused.getByLabel(en['review.reasons-label'])).toHaveValue(new RegExp(long));
  await expect(refused.getByLabel(`${en['review.weight']}, row 1`, { exact: true })).toHaveValue('5');
  await expectNoAxeViolations(page, 'the review settings with an error');
  const again = page.getByRole('region', { name: 'Call for session proposals' });
  const kept = again.getByLabel(en['review.reasons-label']);
  await kept.fill((await kept.inputValue()).replace(`\n${long}`, '').replace(long, '').trim());
  await again.getByLabel(`${en['review.weight']}, row 1`, { exact: true }).fill('4');
  await again.getByRole('button', { name: en['review.save-settings'] }).click();
  await expect(page.getByRole('status').first()).toHaveText(en['notice.review-settings-saved']);
  await expect(page.getByRole('region', { name: 'Call for session proposals' }).getByLabel(`${en['review.weight']}, row 1`, { exact: true })).toHaveValue('4');
});
