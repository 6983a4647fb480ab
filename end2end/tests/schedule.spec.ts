// The programme in the browser: an organiser makes two sessions sharing a
// speaker, places them in the schedule editor through their "move to…"
// pages, sees the clash in the conflict list, undoes the last move; the
// sessions list, a session's page, the editor and the move page pass axe.
// Once with JavaScript, once without.
import { expect, test, type Page } from '@playwright/test';
import crypto from 'node:crypto';
import { en, expectArabicPagesClean, expectNoAxeViolations, signInOrganiser, waitForHydration } from './support';

const SESSIONS = '/forums/demo/programme/sessions';
const EDITOR = '/forums/demo/programme/schedule';

/** A room and the grid's days, made here so the test stands alone. */
async function venue(page: Page, rooms: string[]) {
  for (const room of rooms) {
    await page.goto('/forums/demo/venue');
    const add = page.locator('form[action="/api/venue/add-room"]');
    const details = add.locator('xpath=ancestor::details[1]');
    if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator('summary').click();
    await add.getByLabel(en['room.name'], { exact: true }).fill(room);
    await add.getByLabel(en['room.capacity'], { exact: true }).fill('40');
    await add.getByRole('button', { name: en['room.add'] }).click();
    await expect(page.getByRole('status')).toHaveText(en['notice.room-added']);
  }
  await page.getByRole('button', { name: en['grid.generate'] }).click();
  await expect(page.getByRole('status')).toBeVisible();
}

/** Makes a session with one speaker; returns its code. */
async function session(page: Page, title: string, email: string, axe: boolean): Promise<string> {
  await page.goto(SESSIONS);
  const form = page.locator('form[action="/api/programme/create-session"]');
  await form.getByLabel(en['proposals.field.title'], { exact: true }).fill(title);
  await form.getByLabel(en['programme.duration'], { exact: true }).fill('60');
  await form.getByLabel(en['programme.audience'], { exact: true }).fill('120');
  await form.getByRole('button', { name: en['programme.create'] }).click();
  await expect(page.getByRole('status')).toHaveText(en['notice.session-created']);
  const heading = await page.getByRole('heading', { level: 1 }).textContent();
  const code = heading!.split(' · ')[0];
  const person = page.locator('form[action="/api/programme/add-person"]');
  await person.getByLabel(en['proposals.field.role'], { exact: true }).selectOption('speaker');
  await person.getByLabel(en['field.name'], { exact: true }).fill('Lena Park');
  await person.getByLabel(en['field.email'], { exact: true }).fill(email);
  await person.getByRole('button', { name: en['programme.add-person'] }).click();
  await expect(page.getByRole('status')).toHaveText(en['notice.person-added']);
  await expect(page.getByRole('row', { name: /Lena Park/ })).toBeVisible();
  if (axe) await expectNoAxeViolations(page, 'a session page');
  return code;
}

async function moveTo(page: Page, code: string, slot: string, room: string, axe: boolean) {
  await page.goto(EDITOR);
  await page.getByRole('link', { name: en['programme.move-named'].replace('{code}', code) }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(code);
  if (axe) await expectNoAxeViolations(page, 'the move page');
  await page.getByLabel(en['programme.slot'], { exact: true }).selectOption({ label: slot });
  await page.getByLabel(en['programme.room'], { exact: true }).selectOption({ label: room });
  await page.getByRole('button', { name: en['programme.move'], exact: true }).click();
  await expect(page.getByRole('status')).toHaveText(en['notice.session-moved']);
}

async function journey(page: Page, axe: boolean) {
  await signInOrganiser(page);
  const tag = crypto.randomBytes(3).toString('hex');
  const [room, annex] = [`Studio ${tag}`, `Annex ${tag}`];
  await venue(page, [room, annex]);
  const email = `lena-${tag}@example.org`;
  const first = await session(page, `Opening ${tag}`, email, axe);
  const second = await session(page, `Data flows ${tag}`, email, axe);
  await page.goto(SESSIONS);
  await expect(page.getByRole('row', { name: new RegExp(first) })).toContainText(en['programme.unplaced']);
  if (axe) await expectNoAxeViolations(page, 'the sessions list');

  await moveTo(page, first, 'Day 3 (2027-06-24) 16:00–17:30', room, axe);
  // Placed: its code in the grid, under Day 3.
  await page.getByRole('link', { name: 'Day 3 (2027-06-24)' }).click();
  await expect(page.locator('table.schedule-grid')).toContainText(first);
  // The second, at the same time in another room: the clash is listed.
  await moveTo(page, second, 'Day 3 (2027-06-24) 16:00–17:30', annex, false);
  await page.goto(`${EDITOR}?day=2027-06-24`);
  const clash = page.locator('li.conflict.hard', { hasText: `Lena Park is in 2 sessions` }).filter({ hasText: first });
  await expect(clash).toContainText(first);
  await expect(clash).toContainText(second);
  await expect(page.locator('li.conflict.warning', { hasText: `${first} expects 120 people` })).toBeVisible();
  if (axe) {
    await waitForHydration(page);
    await expectNoAxeViolations(page, 'the schedule editor with conflicts');
  }
  // Undo the last move: the second is out of the grid again.
  await page.getByRole('button', { name: en['programme.undo'] }).click();
  await expect(page.getByRole('status')).toHaveText(en['notice.move-undone']);
  await expect(page.locator('li.conflict.hard', { hasText: `Lena Park is in 2 sessions` }).filter({ hasText: first })).toHaveCount(0);
  await expect(page.locator('ul.unplaced')).toContainText(second);
  if (axe) {
    // With JavaScript, a card dragged onto a cell moves the session there.
    await waitForHydration(page);
    const heads = await page.locator('table.schedule-grid thead th').allTextContents();
    const column = heads.findIndex((h) => h.startsWith(annex));
    const cell = page
      .locator('table.schedule-grid tbody tr', { has: page.getByRole('rowheader', { name: /^16:00–17:30/ }) })
      .locator('td')
      .nth(column - 1);
    await page.locator('ul.unplaced .session-card', { hasText: second }).dragTo(cell);
    await expect(page.getByRole('status')).toHaveText(en['notice.session-moved']);
    await expect(page.locator('li.conflict.hard', { hasText: `Lena Park is in 2 sessions` }).filter({ hasText: first })).toBeVisible();
  }
}

test.describe('the schedule editor', () => {
  test('sessions placed, a clash seen and undone, with JavaScript', async ({ page }) => {
    await journey(page, true);
  });

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });
    test('the same with plain forms', async ({ page }) => {
      await journey(page, false);
    });
  });
});

test.describe('the automatic scheduler', () => {
  test('a run followed live, its draft explained and accepted', async ({ page }) => {
    await signInOrganiser(page);
    const tag = crypto.randomBytes(3).toString('hex');
    await venue(page, [`Hall ${tag}`]);
    await session(page, `Keynote ${tag}`, `ana-${tag}@example.org`, false);
    await page.goto('/forums/demo/programme/scheduler');
    await waitForHydration(page);
    await expectNoAxeViolations(page, 'the scheduler page');
    await page.getByLabel(en['scheduler.time-limit'], { exact: true }).fill('2');
    await page.getByRole('button', { name: en['scheduler.start'] }).click();
    await expect(page.getByRole('status')).toHaveText(en['notice.run-started']);
    // The page follows the run by itself until it is finished.
    await expect(page.getByText(en['scheduler.status.done'], { exact: false })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('table', { name: en['scheduler.goals'] })).toBeVisible();
    await expectNoAxeViolations(page, 'the scheduler page with a draft');
    await page.getByRole('button', { name: en['scheduler.accept-all'] }).click();
    await expect(page.getByRole('status')).toHaveText(en['notice.draft-accepted']);
    await page.goto(EDITOR);
    await expect(page.locator('ul.unplaced li')).toHaveCount(0);
    await expect(page.locator('li.conflict.hard')).toHaveCount(0);
  });
});

test.describe('the programme pages in Arabic', () => {
  test('right to left, with nothing for axe to flag', async ({ page }) => {
    await signInOrganiser(page);
    await page.goto(EDITOR);
    await expectArabicPagesClean(page, [EDITOR, SESSIONS, '/forums/demo/programme/scheduler']);
  });
});
