// The public programme in the browser, on the demo edition with a released
// programme (`demo-wsis`): from the programme to a session's page, from there
// to a person's page and back, the calendar file of each; filters applied
// from the form and kept across views; the grid; switching time zones (typed,
// remembered, back to venue time, and with JavaScript the browser's own zone
// offered); starring sessions into "My agenda" with a clash shown and a
// calendar feed — with and without JavaScript. The pages pass axe, also in
// Arabic; an unknown session is a 404 page; the Frab exports answer.
import { expect, test, type Page } from '@playwright/test';
import crypto from 'node:crypto';
import path from 'node:path';
import {
  e2eAdmin,
  en,
  expectArabicPagesClean,
  expectNoAxeViolations,
  newSignedInPerson,
  signInEnglish,
  waitForHydration,
} from './support';

const EDITION = '/forums/demo-wsis';

/** Browses programme → session → person → session; returns their paths. */
async function browse(page: Page, js: boolean): Promise<string[]> {
  await page.goto(`${EDITION}/programme`);
  if (js) await waitForHydration(page);
  const first = page.locator('li.public-session h3 a').first();
  const code = (await first.locator('.code').textContent())!.trim();
  await first.click();
  await expect(page).toHaveURL(/\/forums\/demo-wsis\/session\/[A-Za-z0-9-]+$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(code);
  await expect(page.getByText(en['public.when'], { exact: true })).toBeVisible();
  const sessionPath = new URL(page.url()).pathname;

  const ics = page.getByRole('link', { name: en['public.add-calendar'] });
  const calendar = await page.request.get((await ics.getAttribute('href'))!);
  expect(calendar.headers()['content-type']).toContain('text/calendar');
  expect(await calendar.text()).toContain('BEGIN:VEVENT');

  const people = page.locator('ul.people a');
  const name = (await people.first().textContent())!.trim();
  await people.first().click();
  await expect(page).toHaveURL(/\/forums\/demo-wsis\/speakers\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  const personPath = new URL(page.url()).pathname;
  await page.getByRole('link', { name: new RegExp(code) }).first().click();
  await expect(page).toHaveURL(new RegExp(`${sessionPath}$`));
  return [sessionPath, personPath];
}

/** Applies a theme filter from the form; checks it stays in the grid view. */
async function filterAndGrid(page: Page, js: boolean) {
  await page.goto(`${EDITION}/programme?view=list&day=all`);
  if (js) await waitForHydration(page);
  const select = page.getByLabel(en['public.theme'], { exact: true });
  const theme = (await select.locator('option').nth(1).textContent())!.trim();
  await select.selectOption({ label: theme });
  await page.getByRole('button', { name: en['public.apply'] }).click();
  await expect(page).toHaveURL(/theme=/);
  const metas = page.locator('li.public-session .meta');
  const count = await metas.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) await expect(metas.nth(i)).toContainText(theme);
  await page.getByRole('navigation', { name: en['public.views'] }).getByRole('link', { name: en['public.view.grid'] }).click();
  await expect(page).toHaveURL(/view=grid/);
  await expect(page).toHaveURL(/theme=/);
  await expect(page.locator('table.programme-grid')).toBeVisible();
  const cells = page.locator('table.programme-grid td.cell');
  for (let i = 0; i < (await cells.count()); i++) await expect(cells.nth(i)).toContainText(theme);
}

/** Types a zone, sees it remembered, goes back to venue time. */
async function zones(page: Page, js: boolean) {
  await page.goto(`${EDITION}/programme`);
  if (js) await waitForHydration(page);
  const venueTime = (await page.locator('li.public-session time').first().textContent())!.trim();
  await page.getByLabel(en['public.tz'], { exact: true }).fill('America/New_York');
  await page.getByRole('button', { name: en['public.tz-show'] }).click();
  await expect(page).toHaveURL(/tz=America%2FNew_York/);
  const hour = Number(venueTime.slice(0, 2)) - 6;
  const local = `${String(hour).padStart(2, '0')}${venueTime.slice(2, 3)}`;
  await expect(page.locator('li.public-session time').first()).toHaveText(new RegExp(`^${local}`));
  await expect(page.locator('li.public-session .venue-time').first()).toContainText(venueTime.slice(0, 5));
  // Remembered on the next visit.
  await page.goto(`${EDITION}/programme`);
  await expect(page.locator('li.public-session time').first()).toHaveText(new RegExp(`^${local}`));
  await page.getByRole('link', { name: /Europe\/Zurich/ }).first().click();
  await expect(page.locator('li.public-session time').first()).toHaveText(venueTime);
  await page.goto(`${EDITION}/programme`);
  await expect(page.locator('li.public-session time').first()).toHaveText(venueTime);
}

/** A new person stars two parallel sessions and one more; sees the clash;
 * makes a calendar address and reads it; unstars one. */
async function starring(page: Page, js: boolean) {
  const tag = crypto.randomBytes(3).toString('hex');
  await newSignedInPerson(page, `agenda-${tag}`);
  await page.goto(`${EDITION}/programme`);
  if (js) await waitForHydration(page);
  // The first time at which two sessions run in parallel.
  const times = await page.locator('li.public-session p.when time').allTextContents();
  const firstTime = times.find((t, i) => times.indexOf(t) !== i)!.trim();
  expect(firstTime).toBeTruthy();
  const codes: string[] = [];
  for (const i of [0, 1]) {
    const item = page.locator('li.public-session').filter({ has: page.locator('time', { hasText: firstTime }) }).nth(i);
    codes.push((await item.locator('.code').textContent())!.trim());
    await item.getByRole('button', { name: en['agenda.star'] }).click();
    await expect(page.getByRole('status')).toHaveText(en['notice.agenda-starred']);
    if (js) await waitForHydration(page);
  }
  await expect(page.getByRole('button', { name: en['agenda.unstar'] })).toHaveCount(2);
  await page.getByRole('link', { name: en['agenda.link'] }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Demo WSIS Forum 2027');
  for (const code of codes) await expect(page.locator('li.public-session .code', { hasText: code })).toHaveCount(1);
  await expect(page.locator('p.warning').first()).toBeVisible();
  if (js) await waitForHydration(page);
  await page.getByRole('button', { name: en['agenda.feed-make'] }).click();
  await expect(page.getByRole('status')).toHaveText(en['notice.agenda-feed-created']);
  const url = await page.getByLabel(en['agenda.feed-url']).inputValue();
  const calendar = await page.request.get(url);
  expect(calendar.status()).toBe(200);
  expect((await calendar.text()).match(/BEGIN:VEVENT/g)?.length).toBe(2);
  // axe-core runs in the page: only where JavaScript runs.
  if (js) await expectNoAxeViolations(page, 'my agenda');
  if (js) await waitForHydration(page);
  await page.getByRole('button', { name: en['agenda.unstar'] }).first().click();
  await expect(page.getByRole('status')).toHaveText(en['notice.agenda-unstarred']);
  await expect(page.locator('li.public-session')).toHaveCount(1);
  await expect(page.locator('p.warning')).toHaveCount(0);
  expect(((await (await page.request.get(url)).text()).match(/BEGIN:VEVENT/g) ?? []).length).toBe(1);
}

test.describe('the public programme', () => {
  test('from the programme to a session and its people', async ({ page }) => {
    const paths = await browse(page, true);
    for (const path of paths) {
      await page.goto(path);
      await expectNoAxeViolations(page, path);
    }
    await expectArabicPagesClean(page, paths);
  });

  test('filters, the grid, time zones and starring with JavaScript', async ({ page }) => {
    await filterAndGrid(page, true);
    await expectNoAxeViolations(page, 'the grid');
    await zones(page, true);
    await starring(page, true);
    await expectArabicPagesClean(page, [
      `${EDITION}/programme?view=grid`,
      `${EDITION}/programme?view=now`,
      `${EDITION}/agenda`,
    ]);
  });

  test.describe('in the browser\'s own zone', () => {
    test.use({ timezoneId: 'Asia/Tokyo' });
    test('the browser\'s zone is offered', async ({ page }) => {
      await page.goto(`${EDITION}/programme`);
      await waitForHydration(page);
      const offer = page.getByRole('link', { name: /Asia\/Tokyo/ });
      await offer.click();
      await expect(page).toHaveURL(/tz=Asia%2FTokyo/);
      await expect(page.getByText(/Asia\/Tokyo/).first()).toBeVisible();
      await page.getByRole('link', { name: /Europe\/Zurich/ }).first().click();
    });
  });

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });
    test('the same pages, plain links', async ({ page }) => {
      await browse(page, false);
    });
    test('filters, the grid, time zones and starring with plain forms', async ({ page }) => {
      await filterAndGrid(page, false);
      await zones(page, false);
      await starring(page, false);
    });
  });

  test('on a phone, on paper, and the organisations', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    for (const view of ['list', 'grid', 'now']) {
      await page.goto(`${EDITION}/programme?view=${view}`);
      expect(await overflow(), `${view}: nothing wider than the phone`).toBeLessThanOrEqual(0);
    }
    // The grid scrolls sideways inside its own box, with the keyboard too.
    const box = page.locator('.grid-scroll');
    // The day with the most rooms in use.
    const api = await (await page.request.get('/api/v1/forums/demo-wsis/sessions')).json();
    const rooms = new Map<string, Set<string>>();
    for (const s of api.sessions) rooms.set(s.date, (rooms.get(s.date) ?? new Set()).add(s.room.name));
    const busiest = [...rooms.entries()].sort((a, b) => b[1].size - a[1].size)[0][0];
    await page.goto(`${EDITION}/programme?view=grid&day=${busiest}`);
    expect(await box.getAttribute('tabindex')).toBe('0');
    expect(await box.evaluate((e) => e.scrollWidth > e.clientWidth), 'the grid scrolls in its box').toBe(true);
    expect(await overflow(), 'grid: nothing wider than the phone').toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page, 'the grid on a phone');

    // On paper: the programme without its forms and tabs.
    await page.goto(`${EDITION}/programme`);
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('form.programme-filters')).toBeHidden();
    await expect(page.locator('nav.tabs').first()).toBeHidden();
    await expect(page.locator('li.public-session').first()).toBeVisible();
    await page.emulateMedia({ media: 'screen' });
    await expect(page.locator('form.programme-filters')).toBeVisible();

    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${EDITION}/organisations`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const organisation = page.locator('main li').first();
    await expect(organisation).toBeVisible();
    await expectNoAxeViolations(page, 'the organisations');
    await expectArabicPagesClean(page, [`${EDITION}/organisations`]);
  });

  test('an administrator imports a Frab schedule from the page', async ({ page }) => {
    await signInEnglish(page, e2eAdmin);
    await page.goto('/admin');
    await page.getByRole('link', { name: en['import.title'] }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(en['import.title']);
    await expectNoAxeViolations(page, 'the import page');
    const code = `frab-${crypto.randomBytes(3).toString('hex')}`;
    const code_field = page.getByLabel(en['forums.field.code'], { exact: true });
    const file = page.getByLabel(en['import.file'], { exact: true });

    // A file that is not a schedule: refused, the code kept.
    await code_field.fill(code);
    await file.setInputFiles({ name: 'notes.xml', mimeType: 'text/xml', buffer: Buffer.from('<notes><a>1</a></notes>') });
    await page.getByRole('button', { name: en['import.submit'] }).click();
    await expect(page.locator('ul.problems li')).toHaveCount(1);
    await expect(page.locator('ul.problems li')).toContainText('<notes>');
    await expect(code_field).toHaveValue(code);
    await expectNoAxeViolations(page, 'the import page with problems');

    // The sample: on to the new edition's programme.
    await file.setInputFiles(path.resolve(__dirname, '..', '..', 'server', 'tests', 'data', 'forum-small.xml'));
    await page.getByRole('button', { name: en['import.submit'] }).click();
    await expect(page).toHaveURL(new RegExp(`/forums/${code}/programme`));
    await expect(page.getByRole('status')).toHaveText(en['notice.edition-imported']);
    await expect(page.locator('li.public-session')).toHaveCount(60);
  });

  test('unknown sessions are 404 pages; the exports answer', async ({ page, request }) => {
    const res = await page.goto(`${EDITION}/session/NO-SUCH-1`);
    expect(res!.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(en['error.not-found']);
    const xml = await request.get('/demo-wsis/schedule.xml');
    expect(xml.status()).toBe(200);
    expect(await xml.text()).toContain('<schedule>');
    const etag = xml.headers()['etag'];
    const again = await request.get('/demo-wsis/schedule.xml', { headers: { 'If-None-Match': etag } });
    expect(again.status()).toBe(304);
  });
});
