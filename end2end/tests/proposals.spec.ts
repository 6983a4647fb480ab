import { expect, test, type Page } from '@playwright/test';
import { en, expectNoAxeViolations, newSignedInPerson, waitForHydration } from './support';

async function openNewProposal(page: Page) {
  await page.goto('/forums/demo/calls');
  await page.getByRole('link', { name: 'Call for session proposals' }).click();
  await page.getByRole('link', { name: en['proposals.new'] }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(en['proposals.new']);
}

async function fillAndSave(page: Page, live: boolean) {
  await page.getByLabel(en['proposals.field.session-type'], { exact: true }).selectOption({ label: 'Workshop' });
  await page.getByLabel(en['proposals.field.duration'], { exact: true }).selectOption('90');
  await page.getByLabel(en['proposals.field.theme'], { exact: true }).selectOption({ index: 1 });
  await page.getByLabel(en['proposals.field.title'], { exact: true }).fill('Community networks for the last mile');
  await page.getByLabel(en['proposals.field.description'], { exact: true }).fill('How communities build their own networks.');
  const person = page.getByRole('group', { name: 'Person 2' });
  await person.getByLabel(en['proposals.field.role']).selectOption('speaker');
  await person.getByLabel(en['field.name'], { exact: true }).fill('A Speaker');
  await person.getByLabel(en['field.email'], { exact: true }).fill('speaker-e2e@example.org');
  if (live) {
    // With JavaScript the rules follow the form before anything is saved.
    await expect(page.getByText('5 of 5 core fields filled in', { exact: false })).toBeVisible();
    await expect(page.getByText('0 of 3 confirmed speakers')).toBeVisible();
  }
  await page.getByRole('button', { name: en['proposals.save-draft'] }).click();
  await expect(page.getByRole('status')).toHaveText(en['notice.proposal-saved']);
  await expect(page.getByText('0 of 3 confirmed speakers')).toBeVisible();
}

test.describe('session proposals', () => {
  test('a proposer saves a draft and sees what the rules still need', async ({ page }) => {
    await newSignedInPerson(page, 'proposer');
    await openNewProposal(page);
    await expectNoAxeViolations(page, 'the new-proposal form');
    await waitForHydration(page);
    await fillAndSave(page, true);
    await expectNoAxeViolations(page, 'the saved proposal with its rules');
    await page.goto('/account/proposals');
    await expect(page.getByRole('link', { name: 'Community networks for the last mile' })).toBeVisible();
  });

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });
    test('the same works with plain forms', async ({ page }) => {
      await newSignedInPerson(page, 'proposer-nojs');
      await openNewProposal(page);
      await fillAndSave(page, false);
    });
  });
});
