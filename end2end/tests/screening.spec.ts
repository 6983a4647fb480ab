// From an empty form to a submitted, screened proposal, entirely in the
// browser: the proposer fills in the form, the people named confirm from the
// links in their mail (read from the server's outbox), the proposer submits,
// and an organiser marks it eligible on the screening list. Once with
// JavaScript and once without.
import { expect, test, type Page } from '@playwright/test';
import crypto from 'node:crypto';
import { en, expectNoAxeViolations, newSignedInPerson, signInOrganiser, waitForHydration, waitForMail } from './support';

interface Row {
  role: string;
  name: string;
  email: string;
  group: string;
  gender: string;
  onsite: boolean;
}

async function fillPerson(page: Page, n: number, p: Partial<Row> & { group: string; gender: string; onsite: boolean }) {
  const row = page.getByRole('group', { name: `Person ${n}`, exact: true });
  if (p.role) await row.getByLabel(en['proposals.field.role'], { exact: true }).selectOption(p.role);
  if (p.name) await row.getByLabel(en['field.name'], { exact: true }).fill(p.name);
  if (p.email) await row.getByLabel(en['field.email'], { exact: true }).fill(p.email);
  await row.getByLabel(en['field.organisation'], { exact: true }).fill(`Org ${n}`);
  await row.getByLabel(en['field.country'], { exact: true }).selectOption('KE');
  await row.getByLabel(en['field.stakeholder-group'], { exact: true }).selectOption(p.group);
  await row.getByLabel(en['field.gender'], { exact: true }).selectOption(p.gender);
  const onsite = row.getByLabel(en['proposals.field.onsite'], { exact: true });
  if (p.onsite) await onsite.check();
  else await onsite.uncheck();
}

/** The invitation link in the newest mail to `email`. */
async function invitationLink(email: string): Promise<string> {
  const mail = await waitForMail(email);
  expect(mail.subject).toContain('names you');
  const base = process.env.PLENUM_E2E_BASE_URL!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = mail.text.match(new RegExp(`${base}/invitations/[A-Za-z0-9_-]+`));
  if (!m) throw new Error(`no invitation link in:\n${mail.text}`);
  return m[0];
}

async function fromEmptyFormToScreened(page: Page, live: boolean) {
  const id = crypto.randomBytes(4).toString('hex');
  const proposer = await newSignedInPerson(page, live ? 'flow' : 'flow-nojs');
  const title = `Community networks ${id}`;
  const invited = ['co', 's1', 's2', 's3'].map((who) => `${who}-${id}@example.org`);

  await page.goto('/forums/demo/calls');
  await page.getByRole('link', { name: 'Call for session proposals' }).click();
  await page.getByRole('link', { name: en['proposals.new'] }).click();
  if (live) await waitForHydration(page);

  await page.getByLabel(en['proposals.field.session-type'], { exact: true }).selectOption({ label: 'Workshop' });
  await page.getByLabel(en['proposals.field.duration'], { exact: true }).selectOption('90');
  await page.getByLabel(en['proposals.field.theme'], { exact: true }).selectOption({ index: 1 });
  await page.getByLabel(en['proposals.field.title'], { exact: true }).fill(title);
  await page
    .getByLabel(en['proposals.field.description'], { exact: true })
    .fill('How communities build and run their own networks where operators do not go.');
  await page.getByLabel('Policy question 1', { exact: true }).fill('Who pays for the last mile?');
  await page.getByLabel(en['proposal.field.expected_outcomes'], { exact: true }).fill('A checklist for regulators.');
  await page
    .getByLabel(en['proposal.field.hybrid_plan'], { exact: true })
    .fill('Online speakers on the screen; one queue for questions from the room and online.');
  // The proposer (person 1, filled from the profile) and a co-organiser of another group.
  await fillPerson(page, 1, { group: 'civil-society', gender: 'female', onsite: true });
  await fillPerson(page, 2, { role: 'organiser', name: 'Co Organiser', email: invited[0], group: 'private-sector', gender: 'male', onsite: false });
  await fillPerson(page, 3, { role: 'speaker', name: 'Speaker One', email: invited[1], group: 'government', gender: 'female', onsite: true });
  await fillPerson(page, 4, { role: 'speaker', name: 'Speaker Two', email: invited[2], group: 'technical-community', gender: 'male', onsite: true });
  await fillPerson(page, 5, { role: 'speaker', name: 'Speaker Three', email: invited[3], group: 'civil-society', gender: 'other', onsite: false });
  await fillPerson(page, 6, { role: 'onsite-moderator', name: proposer.name, email: proposer.email, group: 'civil-society', gender: 'female', onsite: true });
  if (live) {
    // With JavaScript the rules follow the form before anything is saved.
    await expect(page.getByText('0 of 3 confirmed speakers')).toBeVisible();
    await expect(page.getByText('1 of 1 onsite moderators')).toBeVisible();
  }
  await page.getByRole('button', { name: en['proposals.save-draft'] }).click();
  await expect(page.getByRole('status')).toHaveText(en['notice.proposal-saved']);
  await expect(page.getByText('0 of 3 confirmed speakers')).toBeVisible();
  const proposalUrl = page.url().replace(/\?.*$/, '');

  // Everyone named confirms from their mail (no account needed).
  for (const email of invited) {
    await page.goto(await invitationLink(email));
    await page.getByRole('button', { name: en['proposals.invitation.confirm'] }).click();
    await expect(page.getByRole('status')).toHaveText(en['notice.invitation-confirmed']);
  }

  await page.goto(proposalUrl);
  await expect(page.getByText('3 of 3 confirmed speakers')).toBeVisible();
  await page.getByRole('button', { name: en['proposals.submit'] }).click();
  await expect(page.getByRole('status')).toHaveText(en['notice.proposal-submitted']);
  const ack = await waitForMail(proposer.email);
  const code = ack.subject.match(/Proposal (\S+ #\d+) received/)?.[1];
  expect(code, ack.subject).toBeTruthy();
  expect(ack.text).toContain(title);

  // An organiser screens it.
  await page.getByRole('button', { name: en['nav.sign-out'] }).click();
  await signInOrganiser(page);
  await page.goto(`/forums/demo/screening?q=${encodeURIComponent(id)}`);
  if (live) await waitForHydration(page);
  const row = page.getByRole('row').filter({ hasText: title });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('cell', { name: en['overview.unscreened'], exact: true })).toBeVisible();
  if (live) await expectNoAxeViolations(page, 'the screening list');
  await page.getByLabel(`Choose ${code}`, { exact: true }).check();
  await page.getByRole('combobox', { name: en['overview.bulk'] }).selectOption('eligible');
  await page.getByRole('button', { name: en['overview.apply-to-chosen'] }).click();
  await expect(page.getByRole('status').first()).toHaveText(en['notice.screening-saved']);
  await expect(page.getByRole('row').filter({ hasText: title }).getByRole('cell', { name: en['overview.screening.eligible'], exact: true })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`q=${id}`));
}

test.describe('from an empty form to a screened proposal', () => {
  test('with JavaScript', async ({ page }) => {
    await fromEmptyFormToScreened(page, true);
  });

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });
    test('with plain forms', async ({ page }) => {
      await fromEmptyFormToScreened(page, false);
    });
  });
});

test.describe('lists of proposals', () => {
  test('the organisers\' table, its charts and the public list pass axe', async ({ page }) => {
    await signInOrganiser(page);
    await page.goto('/forums/demo/proposals?state=submitted&group=government');
    await expect(page.getByRole('heading', { level: 1 })).toContainText(en['overview.title']);
    await expect(page.getByRole('img', { name: new RegExp(en['overview.by-group']) })).toBeVisible();
    await expectNoAxeViolations(page, 'the all-proposals table');
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: en['overview.csv'] }).click();
    const csv = await download;
    expect(csv.suggestedFilename()).toBe('demo-proposals.csv');

    await page.goto('/forums/demo/received?region=african');
    await expect(page.getByRole('heading', { level: 1 })).toContainText(en['overview.received-title']);
    await expect(page.getByText('@demo.plenum.localhost')).toHaveCount(0);
    await expectNoAxeViolations(page, 'the public list of received proposals');

    // Right to left.
    await page.getByRole('button', { name: 'العربية' }).click();
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await page.goto('/forums/demo/screening?screening=failing&sort=failed&q=community');
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expectNoAxeViolations(page, 'the screening list in Arabic');
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  });
});
