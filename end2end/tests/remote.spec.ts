// Remote participation in the browser, on the released demo programme
// (`demo-wsis`): the organiser gives a hybrid session's room a meeting; an
// online participant registers (approved at once), presses Join on the
// session page and lands on their personal join page with the meeting; the
// same link opened by someone else shows nothing of the meeting; the
// organiser revokes it and it opens nothing any more. The pages pass axe,
// the join page also in Arabic; Join also works without JavaScript.
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

const EDITION = '/forums/demo-wsis';
const MEETING = 'https://meet.example/e2e-room';

async function registerOnline(page: Page, tag: string): Promise<Person> {
  await page.context().clearCookies();
  const person = await newSignedInPerson(page, tag);
  await page.goto(`${EDITION}/register`);
  await page.getByLabel(en['registration.field.mode'], { exact: true }).selectOption('online');
  await page.getByLabel(en['registration.field.privacy'], { exact: true }).check();
  await page.getByRole('button', { name: en['registration.submit'] }).click();
  await expect(page.getByRole('status').first()).toHaveText(en['notice.registration-approved']);
  return person;
}

/** A hybrid session of the release and its room. */
async function hybridSession(page: Page) {
  const api = await (await page.request.get('/api/v1/forums/demo-wsis/sessions')).json();
  const session = api.sessions.filter((s: { format: string }) => s.format === 'hybrid').pop();
  expect(session, 'the demo has a hybrid session').toBeTruthy();
  return session;
}

async function giveRoomAMeeting(page: Page, roomId: string) {
  await signInOrganiser(page);
  await openRegistrationOf(page, EDITION);
  await page.goto(`${EDITION}/venue/rooms/${roomId}`);
  await page.getByLabel(en['participation.meeting-url'], { exact: true }).fill(MEETING);
  await page.getByLabel(en['participation.meeting-id'], { exact: true }).fill('842 118 9034');
  await page.getByLabel(en['participation.meeting-passcode'], { exact: true }).fill('forum2027');
  await page.getByRole('button', { name: en['participation.save-meeting'] }).click();
  await expect(page).toHaveURL(/notice=meeting-saved/);
  await expect(page.getByRole('status').first()).toHaveText(en['notice.meeting-saved']);
}

test.describe('remote participation', () => {
  test.setTimeout(180_000);

  test('join through a personal link; someone else gets nothing; revoked', async ({ page }) => {
    const session = await hybridSession(page);
    const sessionPage = `${EDITION}/session/${session.key}`;
    await giveRoomAMeeting(page, session.room.id);
    await expectNoAxeViolations(page, "the room's page with its meeting");

    // The meeting is nowhere public.
    await page.context().clearCookies();
    await page.goto(sessionPage);
    await expect(page.locator('main')).not.toContainText('meet.example');

    const dee = await registerOnline(page, 'join-a');
    await page.goto(sessionPage);
    await waitForHydration(page);
    await expect(page.locator('main')).not.toContainText('meet.example');
    await expectNoAxeViolations(page, 'the session page with Join');
    await page.getByRole('button', { name: en['join.button'], exact: true }).click();
    await expect(page).toHaveURL(/\/join\/[A-Za-z0-9_-]{43}$/);
    const joinLink = new URL(page.url()).pathname;
    await expect(page.getByRole('link', { name: en['join.open'] })).toHaveAttribute('href', MEETING);
    await expect(page.locator('main')).toContainText('forum2027');
    await expectNoAxeViolations(page, 'the join page');
    await expectArabicPagesClean(page, [joinLink]);

    // Someone else with the same link: nothing of the meeting.
    await registerOnline(page, 'join-b');
    await page.goto(joinLink);
    await expect(page.locator('main')).toContainText(en['join.not-yours']);
    await expect(page.locator('main')).not.toContainText('meet.example');

    // The organiser revokes it.
    await page.context().clearCookies();
    await signInOrganiser(page);
    const api = await (await page.request.get('/api/v1/forums/demo-wsis/sessions')).json();
    const id = api.sessions.find((s: { key: string }) => s.key === session.key).id;
    await page.goto(`${EDITION}/programme/sessions/${id}`);
    await page.getByRole('button', { name: en['participation.revoke-named'].replace('{name}', dee.name) }).click();
    await expect(page.getByRole('status').first()).toHaveText(en['notice.join-link-revoked']);
    await expectNoAxeViolations(page, "the organiser's session page with links");
    await page.context().clearCookies();
    await signIn(page, dee);
    await page.goto(joinLink);
    await expect(page.locator('main')).toContainText(en['join.revoked']);
    await expect(page.locator('main')).not.toContainText('meet.example');
  });

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });
    test('Join with a plain form', async ({ page }) => {
      const session = await hybridSession(page);
      await giveRoomAMeeting(page, session.room.id);
      await registerOnline(page, 'join-plain');
      await page.goto(`${EDITION}/session/${session.key}`);
      await page.getByRole('button', { name: en['join.button'], exact: true }).click();
      await expect(page).toHaveURL(/\/join\/[A-Za-z0-9_-]{43}$/);
      await expect(page.getByRole('link', { name: en['join.open'] })).toHaveAttribute('href', MEETING);
    });
  });
});
