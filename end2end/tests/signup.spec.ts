// Session sign-up in the browser, on the released demo programme
// (`demo-wsis`): the organiser opens registration, gives a session one seat
// and adds its materials; two participants register onsite and are
// approved; the first takes the seat, the second joins the waiting list and
// sees their place; the first cancels and the second moves up, told by mail.
// The session page and the organiser's session page pass axe, also in
// Arabic. The sign-up and cancel buttons also work without JavaScript.
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
  waitForMail,
  type Person,
} from './support';

const EDITION = '/forums/demo-wsis';

async function registerOnsite(page: Page, tag: string): Promise<Person> {
  await page.context().clearCookies();
  const person = await newSignedInPerson(page, tag);
  await page.goto(`${EDITION}/register`);
  await page.getByLabel(en['registration.field.mode'], { exact: true }).selectOption('onsite');
  await page.getByLabel(en['registration.field.privacy'], { exact: true }).check();
  await page.getByRole('button', { name: en['registration.submit'] }).click();
  await expect(page.getByRole('status').first()).toHaveText(en['notice.registration-received']);
  return person;
}

async function signInAgain(page: Page, person: Person) {
  await page.context().clearCookies();
  await signIn(page, person);
}

test.describe('session sign-up', () => {
  test.setTimeout(240_000);

  test('a seat, the waiting list, moving up; materials kept', async ({ page }) => {
    const api = await (await page.request.get(`/api/v1/forums/demo-wsis/sessions`)).json();
    const session = api.sessions[api.sessions.length - 1];
    const sessionPage = `${EDITION}/session/${session.key}`;

    // The organiser: registration open; one seat; two links of materials.
    await signInOrganiser(page);
    await openRegistrationOf(page, EDITION);
    await page.goto(`${EDITION}/programme/sessions/${session.id}`);
    await waitForHydration(page);
    await page.getByLabel(en['participation.limit'], { exact: true }).fill('-5');
    await page.getByRole('button', { name: en['participation.save-limit'] }).click();
    await expect(page.getByText(en['participation.limit-invalid'])).toBeVisible();
    await page.getByLabel(en['participation.limit'], { exact: true }).fill('1');
    await page.getByRole('button', { name: en['participation.save-limit'] }).click();
    await expect(page.getByRole('status').first()).toHaveText(en['notice.seat-limit-saved']);
    const link1 = page.getByRole('group', { name: en['programme.material-n'].replace('{n}', '1') });
    await link1.getByLabel(en['programme.material-title'], { exact: true }).fill('Slides');
    await link1.getByLabel(en['programme.material-url'], { exact: true }).fill('ftp://files.example/slides');
    await page.getByRole('button', { name: en['programme.save-materials'] }).click();
    await expect(page.getByText(en['proposals.url-invalid'])).toBeVisible();
    await expect(link1.getByLabel(en['programme.material-title'], { exact: true })).toHaveValue('Slides');
    await link1.getByLabel(en['programme.material-url'], { exact: true }).fill('https://files.example/slides.pdf');
    await page.getByRole('button', { name: en['programme.save-materials'] }).click();
    await expect(page.getByRole('status').first()).toHaveText(en['notice.materials-saved']);
    await expect(link1.getByLabel(en['programme.material-url'], { exact: true })).toHaveValue('https://files.example/slides.pdf');
    await expectNoAxeViolations(page, "the organiser's session page");

    // Two participants register onsite; the organiser approves both.
    const first = await registerOnsite(page, 'seat-a');
    const second = await registerOnsite(page, 'seat-b');
    await page.context().clearCookies();
    await signInOrganiser(page);
    await page.goto(`${EDITION}/registrations?state=pending`);
    await page.getByLabel(first.name, { exact: true }).check();
    await page.getByLabel(second.name, { exact: true }).check();
    await page.getByRole('button', { name: en['registration.approve'], exact: true }).click();
    await expect(page.getByRole('status').first()).toHaveText(en['notice.registrations-decided']);

    // The first takes the seat.
    await signInAgain(page, first);
    await page.goto(sessionPage);
    await waitForHydration(page);
    await expect(page.locator('section.seats')).toContainText(en['participation.seat-hint']);
    await expectNoAxeViolations(page, 'the session page, before signing up');
    await page.getByRole('button', { name: en['participation.sign-up'], exact: true }).click();
    await expect(page.getByRole('status').first()).toHaveText(en['notice.signed-up']);
    await expect(page.locator('section.seats')).toContainText(en['participation.you-have-a-seat']);
    await waitForMail(first.email, 20_000, session.title);

    // The second waits, first in line.
    await signInAgain(page, second);
    await page.goto(sessionPage);
    await expect(page.locator('section.seats .badge')).toHaveText(en['participation.full']);
    await page.getByRole('button', { name: en['participation.sign-up'], exact: true }).click();
    await expect(page.getByRole('status').first()).toHaveText(en['notice.signup-waiting']);
    await expect(page.locator('section.seats')).toContainText(en['participation.your-place'].replace('{place}', '1'));
    await expectNoAxeViolations(page, 'the session page, waiting');
    await expectArabicPagesClean(page, [sessionPage]);

    // The first cancels; the second moves up and hears so.
    await signInAgain(page, first);
    await page.goto(sessionPage);
    await page.getByRole('button', { name: en['participation.cancel'], exact: true }).click();
    await expect(page.getByRole('status').first()).toHaveText(en['notice.signup-cancelled']);
    const seatIsYours = en['mail.signup-promoted.subject'].split(': ')[1].split(' {')[0];
    const promoted = await waitForMail(second.email, 20_000, seatIsYours);
    expect(promoted.subject).toContain(session.title);
    await signInAgain(page, second);
    await page.goto(sessionPage);
    await expect(page.locator('section.seats')).toContainText(en['participation.you-have-a-seat']);

    // The organiser sees who has the seat.
    await page.context().clearCookies();
    await signInOrganiser(page);
    await page.goto(`${EDITION}/programme/sessions/${session.id}`);
    await expect(page.locator('section[aria-labelledby="seats-heading"]')).toContainText(second.email);
    await expectArabicPagesClean(page, [`${EDITION}/programme/sessions/${session.id}`]);
  });

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });
    test('signing up and cancelling with plain forms', async ({ page }) => {
      const api = await (await page.request.get(`/api/v1/forums/demo-wsis/sessions`)).json();
      const session = api.sessions[0];
      const sessionPage = `${EDITION}/session/${session.key}`;
      await signInOrganiser(page);
      await openRegistrationOf(page, EDITION);
      const person = await registerOnsite(page, 'seat-plain');
      await page.context().clearCookies();
      await signInOrganiser(page);
      await page.goto(`${EDITION}/registrations?state=pending`);
      await page.getByLabel(person.name, { exact: true }).check();
      await page.getByRole('button', { name: en['registration.approve'], exact: true }).click();
      await expect(page.getByRole('status').first()).toHaveText(en['notice.registrations-decided']);
      await signInAgain(page, person);
      // The same page open twice.
      const old = await page.context().newPage();
      await old.goto(sessionPage);
      await page.goto(sessionPage);
      await page.getByRole('button', { name: en['participation.sign-up'], exact: true }).click();
      await expect(page.getByRole('status').first()).toHaveText(en['notice.signed-up']);
      // A second sign-up from the old page: refused, the reason shown.
      await old.getByRole('button', { name: en['participation.sign-up'], exact: true }).click();
      await expect(old.getByText(en['participation.already'])).toBeVisible();
      await old.close();
      await page.goto(sessionPage);
      await page.getByRole('button', { name: en['participation.cancel'], exact: true }).click();
      await expect(page.getByRole('status').first()).toHaveText(en['notice.signup-cancelled']);
    });
  });
});
