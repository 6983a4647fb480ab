// Floor requests in two browsers at once, on the released demo programme
// (`demo-wsis`): the organiser moderates a session's floor page and opens
// the queue; a participant, in a second browser, asks for the floor; the
// moderator's page shows the request without a reload; the moderator gives
// the floor and the participant's page says so without a reload; done. Both
// pages pass axe, also in Arabic; asking works without JavaScript too.
import { expect, test, type Page } from '@playwright/test';
import {
  en,
  expectArabicPagesClean,
  expectNoAxeViolations,
  openRegistrationOf,
  registerOnline,
  signInOrganiser,
} from './support';

const EDITION = '/forums/demo-wsis';

/** The page has its wasm module and had time to hydrate (an open event
 * stream keeps the network busy, so "network idle" never comes). */
async function waitForLivePage(page: Page): Promise<void> {
  await page.waitForFunction(
    () => performance.getEntriesByType('resource').some((e) => e.name.endsWith('.wasm')),
    undefined,
    { timeout: 15_000 },
  );
  await page.waitForTimeout(1_000);
}

async function floorOf(page: Page): Promise<string> {
  const api = await (await page.request.get('/api/v1/forums/demo-wsis/sessions')).json();
  return `${EDITION}/session/${api.sessions[0].key}/floor`;
}

test.describe('floor requests', () => {
  test.setTimeout(180_000);

  test('asked in one browser, seen and given in the other, live', async ({ page, browser }) => {
    const floor = await floorOf(page);
    await signInOrganiser(page);
    await openRegistrationOf(page, EDITION);
    await page.goto(floor);
    const open = page.getByRole('button', { name: en['floor.open'], exact: true });
    if (await open.isVisible()) {
      await open.click();
      await expect(page.getByRole('status').first()).toHaveText(en['notice.floor-opened']);
    }
    await expect(page.locator('p.floor-status')).toHaveText(en['floor.is-open']);
    await waitForLivePage(page);

    // The participant, in a browser of their own.
    const theirs = await browser.newContext({ locale: 'en-GB' });
    const other = await theirs.newPage();
    const ann = await registerOnline(other, EDITION, 'floor');
    await other.goto(floor);
    await waitForLivePage(other);
    await other.getByLabel(en['floor.topic'], { exact: true }).fill('Meaningful connectivity');
    await other.getByRole('button', { name: en['floor.ask'], exact: true }).click();
    await expect(other.locator('main')).toContainText(en['floor.you-wait']);
    await expectNoAxeViolations(other, "the participant's floor page");

    // The moderator's page shows it without a reload.
    const queue = page.locator('ol.floor-list');
    await expect(queue).toContainText(ann.name);
    await expect(queue).toContainText('Meaningful connectivity');
    await expectNoAxeViolations(page, "the moderator's floor page");

    // Given: the participant's page says so without a reload.
    await other.goto(floor);
    await waitForLivePage(other);
    await page.getByRole('button', { name: en['floor.give'].replace('{name}', ann.name), exact: true }).click();
    await expect(other.locator('main')).toContainText(en['floor.you-speak']);
    await expect(other.locator('li.floor-speaking')).toContainText(ann.name);

    // Done: gone from the live queue on both pages.
    await page.getByRole('button', { name: en['floor.done'].replace('{name}', ann.name), exact: true }).click();
    await expect(other.locator('li.floor-done')).toContainText(ann.name);
    await expect(other.getByRole('button', { name: en['floor.ask'], exact: true })).toBeVisible();
    await expectArabicPagesClean(page, [floor]);
    await theirs.close();
  });

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });
    test('ask and withdraw with plain forms', async ({ page }) => {
      const floor = await floorOf(page);
      await signInOrganiser(page);
      await openRegistrationOf(page, EDITION);
      await page.goto(floor);
      const open = page.getByRole('button', { name: en['floor.open'], exact: true });
      if (await open.isVisible()) await open.click();
      await expect(page.locator('p.floor-status')).toHaveText(en['floor.is-open']);
      await registerOnline(page, EDITION, 'floor-plain');
      await page.goto(floor);
      await page.getByRole('button', { name: en['floor.ask'], exact: true }).click();
      await expect(page.getByRole('status').first()).toHaveText(en['notice.floor-asked']);
      await page.getByRole('button', { name: en['floor.withdraw'], exact: true }).click();
      await expect(page.getByRole('status').first()).toHaveText(en['notice.floor-withdrawn']);
    });
  });
});
