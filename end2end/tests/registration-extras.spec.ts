// Registration beyond the standard form, in the browser on the demo
// edition: the organiser adds a required yes/no question; a participant
// answers it (refused first without an answer, what was typed kept),
// agrees to the public list and asks to move onsite; a visitor finds them
// in the public participant list; the organiser finds the request with the
// list's filter, approves it, downloads the CSV with the answer, and removes
// the question again. Every page passes axe.
import { expect, test, type Page } from '@playwright/test';
import {
  en,
  expectNoAxeViolations,
  newSignedInPerson,
  openRegistrationOf,
  signIn,
  signInOrganiser,
  waitForHydration,
} from './support';

const EDITION = '/forums/demo';
const QUESTION = 'Do you need a visa support letter?';
const REMOVE = en['registration.question.remove-named'].replace('{label}', QUESTION);

// The remove button of the question, in the "Further questions" details.
async function removeButton(page: Page) {
  await signInOrganiser(page);
  await page.goto(`${EDITION}/registrations#questions`);
  const list = page.locator('details.questions');
  if ((await list.getAttribute('open')) === null) await list.locator('summary').click();
  return page.getByRole('button', { name: REMOVE });
}

// The question is required: left behind, it would stop every later journey
// from registering on the demo edition. Removed even when the test fails.
test.afterEach(async ({ page }) => {
  await page.context().clearCookies();
  const remove = await removeButton(page);
  while ((await remove.count()) > 0) {
    await remove.first().click();
    await expect(page.getByRole('status').first()).toHaveText(en['notice.question-removed']);
  }
});

test('extra questions, the public list, a change of mode and the CSV', async ({ page }) => {
  test.setTimeout(180_000);
  await signInOrganiser(page);
  await openRegistrationOf(page, EDITION);
  const questions = page.locator('details.questions');
  if ((await questions.getAttribute('open')) === null) await questions.locator('summary').click();
  await page.getByLabel(en['registration.question.label'], { exact: true }).fill(QUESTION);
  await page.getByLabel(en['registration.question.kind'], { exact: true }).selectOption('yes-no');
  await page.getByLabel(en['registration.question.required'], { exact: true }).check();
  await page.getByRole('button', { name: en['registration.question.add'] }).click();
  await expect(page.getByRole('status').first()).toHaveText(en['notice.question-added']);
  await expect(page.locator('details.questions li')).toContainText(QUESTION);
  await waitForHydration(page);
  await expectNoAxeViolations(page, 'the registrations with a question');

  // The participant: the question is asked, and needed.
  await page.context().clearCookies();
  const person = await newSignedInPerson(page, 'extras');
  await page.goto(`${EDITION}/register`);
  await waitForHydration(page);
  const answer = page.getByLabel(`${QUESTION} (required)`, { exact: true });
  await expect(answer).toBeVisible();
  await page.getByLabel(en['registration.field.mode'], { exact: true }).selectOption('online');
  await page.getByLabel(en['registration.field.accessibility'], { exact: true }).fill('Captions, please');
  await page.getByLabel(en['registration.field.listed'], { exact: true }).check();
  await page.getByLabel(en['registration.field.privacy'], { exact: true }).check();
  await page.getByRole('button', { name: en['registration.submit'] }).click();
  await expect(page.getByText(en['registration.answer-required'])).toBeVisible();
  await expect(page.getByLabel(en['registration.field.accessibility'], { exact: true })).toHaveValue('Captions, please');
  await page.getByLabel(`${QUESTION} (required)`, { exact: true }).selectOption('yes');
  await page.getByLabel(en['registration.field.privacy'], { exact: true }).check();
  await page.getByRole('button', { name: en['registration.submit'] }).click();
  await expect(page.getByRole('status').first()).toHaveText(en['notice.registration-approved']);
  await expect(page.locator('.my-registration')).toContainText(QUESTION);

  // Asking to move onsite waits for the organisers.
  const onsite = en['registration.mode.onsite'];
  await page.getByRole('button', { name: en['registration.mode-ask'].replace('{mode}', onsite) }).click();
  await expect(page.getByRole('status').first()).toHaveText(en['notice.mode-asked']);
  await expect(page.locator('.mode-change')).toContainText(en['registration.mode-asked'].replace('{mode}', onsite));
  await expectNoAxeViolations(page, 'a registration asking to move onsite');

  // A visitor finds them in the public list.
  await page.context().clearCookies();
  await page.goto(`${EDITION}/participants`);
  await page.getByRole('searchbox', { name: en['participants.search'] }).fill(person.name);
  await page.getByRole('button', { name: en['registration.apply'] }).click();
  await expect(page.locator('table.participants tbody tr')).toHaveCount(1);
  await expect(page.locator('table.participants tbody')).toContainText(person.name);
  await expect(page.locator('main')).not.toContainText(person.email);
  await waitForHydration(page);
  await expectNoAxeViolations(page, 'the public participant list');

  // The organiser: the request in the filtered list, approved; the CSV.
  await signInOrganiser(page);
  await page.goto(`${EDITION}/registrations?asking=on`);
  await expect(page.locator('table.registrations tbody')).toContainText(person.name);
  const csvHref = await page.getByRole('link', { name: en['registration.csv'] }).getAttribute('href');
  expect(csvHref).toContain('asking=on');
  const csv = await (await page.request.get(csvHref!)).text();
  expect(csv).toContain(person.email);
  expect(csv.split('\r\n')[0]).toContain(QUESTION);
  await page.getByLabel(person.name, { exact: true }).check();
  await page.getByRole('button', { name: en['registration.approve-change'] }).click();
  await expect(page.getByRole('status').first()).toHaveText(en['notice.registrations-decided']);

  // Removed again (later journeys register on this edition).
  await (await removeButton(page)).click();
  await expect(page.getByRole('status').first()).toHaveText(en['notice.question-removed']);
  await expect(page.getByRole('button', { name: REMOVE })).toHaveCount(0);

  // The participant is onsite now, with a badge.
  await page.context().clearCookies();
  await signIn(page, person);
  await page.goto(`${EDITION}/register`);
  await expect(page.locator('.my-registration')).toContainText(onsite);
  await expect(page.locator('.qr svg')).toBeVisible();
});
