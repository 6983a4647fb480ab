// Remote participation in the browser, on the released demo programme
// (`demo-wsis`): the organiser gives a hybrid session's room a meeting; an
// online participant registers (approved at once), presses Join on the
// session page and lands on their personal join page with the meeting; the
// same link opened by someone else shows nothing of the meeting; the
// organiser revokes it and it opens nothing any more. The pages pass axe,
// the join page also in Arabic; Join also works without JavaScript.
import { expect, test } from '@playwright/test';
import {
  en,
  expectArabicPagesClean,
  expectNoAxeViolations,
  giveRoomAMeeting,
  hybridSession,
  MEETING,
  registerOnline,
  signIn,
  signInOrganiser,
  waitForHydration,
} from './support';

const EDITION = '/forums/demo-wsis';

test.describe('remote participation', () => {
  test.setTimeout(180_000);

  test('join through a personal link; someone else gets nothing; revoked', async ({ page }) => {
    const session = await hybridSession(page, 'demo-wsis');
    const sessionPage = `${EDITION}/session/${session.key}`;
    await giveRoomAMeeting(page, EDITION, session.room.id);
    await expectNoAxeViolations(page, "the room's page with its meeting");

    // The meeting is nowhere public.
    await page.context().clearCookies();
    await page.goto(sessionPage);
    await expect(page.locator('main')).not.toContainText('meet.example');

    const dee = await registerOnline(page, EDITION, 'join-a');
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
    await registerOnline(page, EDITION, 'join-b');
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
      const session = await hybridSession(page, 'demo-wsis');
      await giveRoomAMeeting(page, EDITION, session.room.id);
      await registerOnline(page, EDITION, 'join-plain');
      await page.goto(`${EDITION}/session/${session.key}`);
      await page.getByRole('button', { name: en['join.button'], exact: true }).click();
      await expect(page).toHaveURL(/\/join\/[A-Za-z0-9_-]{43}$/);
      await expect(page.getByRole('link', { name: en['join.open'] })).toHaveAttribute('href', MEETING);
    });
  });
});
