// The public programme in the browser, on the demo edition with a released
// programme (`demo-wsis`): from the programme to a session's page, from there
// to a person's page and back, the calendar file of each, with and without
// JavaScript; the session and person pages pass axe, also in Arabic; an
// unknown session is a 404 page. The Frab exports answer at their addresses.
import { expect, test, type Page } from '@playwright/test';
import { en, expectArabicPagesClean, expectNoAxeViolations, waitForHydration } from './support';

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

test.describe('the public programme', () => {
  test('from the programme to a session and its people', async ({ page }) => {
    const paths = await browse(page, true);
    for (const path of paths) {
      await page.goto(path);
      await expectNoAxeViolations(page, path);
    }
    await expectArabicPagesClean(page, paths);
  });

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });
    test('the same pages, plain links', async ({ page }) => {
      await browse(page, false);
    });
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
