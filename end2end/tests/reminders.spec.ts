// Reminder mails in the browser, on the released demo programme
// (`demo-wsis`): the organiser sets the lead time beside registration; one
// participant keeps "before each session" and signs up for a hybrid
// session, another chooses the daily digest and stars it; at the lead time
// (`plenum remind --at`, as the server's worker does every minute) each
// gets their mail, the first with a personal join link that opens the
// meeting; sending again sends nothing new. The register page with its
// choice passes axe, also in Arabic.
import { expect, test } from '@playwright/test';
import {
  en,
  expectArabicPagesClean,
  expectNoAxeViolations,
  giveRoomAMeeting,
  hybridSession,
  MEETING,
  registerOnline,
  remindAt,
  signIn,
  waitForMail,
} from './support';

const EDITION = '/forums/demo-wsis';

test.describe('reminders', () => {
  test.setTimeout(180_000);

  test('a reminder with the join link, and a daily digest', async ({ page }) => {
    const session = await hybridSession(page, 'demo-wsis');
    const sessionPage = `${EDITION}/session/${session.key}`;
    await giveRoomAMeeting(page, EDITION, session.room.id);

    // The organiser: a bad lead time refused beside its field, kept; then 45.
    const unfold = async () => {
      const details = page.locator('details.setup');
      if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
    };
    await page.goto(`${EDITION}/registrations`);
    await unfold();
    const lead = page.getByLabel(en['reminders.setup.lead'], { exact: true });
    await lead.fill('2000');
    await page.getByRole('button', { name: en['registration.setup.submit'] }).click();
    await expect(page.locator('main')).toContainText(en['reminders.lead-invalid']);
    await expect(page.getByLabel(en['reminders.setup.lead'], { exact: true })).toHaveValue('2000');
    await unfold();
    await page.getByLabel(en['reminders.setup.lead'], { exact: true }).fill('45');
    await page.getByLabel(en['reminders.setup.hour'], { exact: true }).fill('7');
    await page.getByRole('button', { name: en['registration.setup.submit'] }).click();
    await expect(page.getByRole('status').first()).toHaveText(en['notice.registration-setup-saved']);

    // Ann keeps a mail before each session and signs up.
    const ann = await registerOnline(page, EDITION, 'remind-each');
    await page.goto(sessionPage);
    await page.getByRole('button', { name: en['participation.sign-up'], exact: true }).click();
    await expect(page).toHaveURL(/notice=/);

    // Bob chooses the daily digest and stars the session.
    const bob = await registerOnline(page, EDITION, 'remind-digest');
    await page.goto(`${EDITION}/register`);
    await page
      .getByLabel(en['reminders.field'], { exact: true })
      .selectOption({ label: en['reminders.choice.digest'] });
    await page.getByRole('button', { name: en['reminders.submit'] }).click();
    await expect(page.getByRole('status').first()).toHaveText(en['notice.reminders-saved']);
    await expect(page.getByLabel(en['reminders.field'], { exact: true })).toHaveValue('digest');
    await expectNoAxeViolations(page, 'the register page with the reminder choice');
    await expectArabicPagesClean(page, [`${EDITION}/register`]);
    await page.goto(sessionPage);
    await page.getByRole('button', { name: en['agenda.star'], exact: true }).click();
    await expect(page).toHaveURL(/notice=agenda-starred/);

    // Half an hour before the session.
    const at = new Date(Date.parse(session.starts_at) - 30 * 60_000).toISOString();
    expect(remindAt(at)).toMatch(/Queued [1-9]\d* session reminders and [1-9]\d* digests/);
    const soon = en['mail.reminder-session.subject'].replace('{forum}: {heading} ', '');
    const digest = en['mail.reminder-digest.subject'].replace('{forum}: ', '').replace(' {heading}', '');
    const toAnn = await waitForMail(ann.email, 20_000, soon);
    expect(toAnn.text).toContain(session.title);
    const join = toAnn.text.match(/https?:\/\/\S+\/join\/[A-Za-z0-9_-]{43}/);
    expect(join, 'the reminder carries a personal join link').toBeTruthy();
    expect(toAnn.text).not.toContain('meet.example');
    const toBob = await waitForMail(bob.email, 20_000, digest);
    expect(toBob.text).toContain(session.title);
    expect(toBob.subject).not.toBe(toAnn.subject);

    // Again at the same moment: nothing new.
    expect(remindAt(at)).toMatch(/Queued 0 session reminders and 0 digests/);

    // Ann's link opens the meeting for her.
    await page.context().clearCookies();
    await signIn(page, ann);
    await page.goto(new URL(join![0]).pathname);
    await expect(page.getByRole('link', { name: en['join.open'] })).toHaveAttribute('href', MEETING);
  });
});
