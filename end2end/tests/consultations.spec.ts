// Open consultations in the browser, on the demo edition: the organiser
// starts one from the edition's consultations, adds a phase taking
// contributions now and a question, publishes it; a participant contributes
// (text with a script refused at its field with what was typed kept, then a
// good text with a PDF), sees it awaiting moderation; the organiser
// publishes it; a visitor reads it, filters the list and downloads the PDF.
// With and without JavaScript; every page passes axe, also in Arabic.
import { expect, test, type Page } from '@playwright/test';
import {
  en,
  expectArabicPagesClean,
  expectNoAxeViolations,
  newSignedInPerson,
  signInOrganiser,
  waitForHydration,
  waitForMail,
} from './support';

const EDITION = '/forums/demo';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

function local(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 16);
}

async function journey(page: Page, js: boolean): Promise<string> {
  const tag = js ? 'js' : 'plain';
  const slug = `consultation-${tag}-${Date.now()}`;
  const title = `Open consultation ${tag} ${Date.now()}`;
  const question = `Which themes for 2027 (${tag})?`;
  const base = `${EDITION}/consultations/${slug}`;

  // The organiser starts it as a draft, from the edition's consultations.
  await signInOrganiser(page);
  await page.goto(EDITION);
  await page.getByRole('link', { name: en['consultation.link'], exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${EDITION}/consultations$`));
  if (js) await waitForHydration(page);
  await page.getByLabel(en['consultation.field.title'], { exact: true }).fill(title);
  await page.getByLabel(en['consultation.field.slug'], { exact: true }).fill(slug);
  await page.getByRole('button', { name: en['consultation.create'] }).click();
  await expect(page.getByRole('status').first()).toHaveText(en['notice.consultation-created']);
  await expect(page).toHaveURL(new RegExp(`${base}/manage`));
  if (js) await waitForHydration(page);
  if (js) await expectNoAxeViolations(page, 'the organisers\u2019 consultation page');

  const phases = page.locator('form', { has: page.getByRole('button', { name: en['consultation.phase.add'] }) });
  await phases.getByLabel(en['consultation.phase.name'], { exact: true }).fill('Online dialogue');
  await phases.getByLabel(en['consultation.phase.starts-utc'], { exact: true }).fill(local(-1));
  await phases.getByLabel(en['consultation.phase.ends-utc'], { exact: true }).fill(local(20));
  await phases.getByLabel(en['consultation.phase.takes-contributions'], { exact: true }).check();
  await phases.getByRole('button', { name: en['consultation.phase.add'] }).click();
  await expect(page.getByRole('status').first()).toHaveText(en['notice.phase-added']);
  if (js) await waitForHydration(page);
  await page.getByLabel(en['consultation.field.question-title'], { exact: true }).fill(question);
  await page.getByRole('button', { name: en['consultation.question-add'] }).click();
  await expect(page.getByRole('status').first()).toHaveText(en['notice.consultation-question-added']);
  if (js) await waitForHydration(page);
  await page.getByLabel(en['consultation.field.description'], { exact: true }).fill('Tell us what the **2027** Forum should discuss.');
  await page.getByLabel(en['consultation.field.published'], { exact: true }).check();
  await page.getByRole('button', { name: en['consultation.save-details'] }).click();
  await expect(page.getByRole('status').first()).toHaveText(en['notice.consultation-saved']);

  // A participant contributes.
  await page.context().clearCookies();
  const person = await newSignedInPerson(page, `consult-${tag}`);
  await page.goto(base);
  await expect(page.locator('.stage')).toContainText(en['consultation.now'].replace('{phase}', 'Online dialogue'));
  if (js) await waitForHydration(page);
  if (js) await expectNoAxeViolations(page, 'a consultation\u2019s page');
  await page.getByRole('link', { name: en['consultation.contribute'], exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${base}/contribute$`));
  if (js) await waitForHydration(page);
  if (js) await expectNoAxeViolations(page, 'the contribute form');
  await page.getByLabel(en['consultation.field.question'], { exact: true }).selectOption({ label: question });
  await page.getByLabel(en['consultation.field.body'], { exact: true }).fill('Hello <script>alert(1)</script>');
  await page.getByLabel(en['consultation.field.organisation'], { exact: true }).fill('ISOC Kenya Chapter');
  await page.getByLabel(en['field.stakeholder-group'], { exact: true }).selectOption('civil-society');
  await page.getByLabel(en['field.country'], { exact: true }).selectOption('KE');
  await page.getByRole('button', { name: en['consultation.send'] }).click();
  await expect(page.getByText(en['consultation.text-script'])).toBeVisible();
  await expect(page.getByLabel(en['consultation.field.organisation'], { exact: true })).toHaveValue('ISOC Kenya Chapter');
  await expect(page.getByLabel(en['consultation.field.body'], { exact: true })).toHaveAttribute('aria-invalid', 'true');
  if (js) await expectNoAxeViolations(page, 'the contribute form with an error');
  const body = `Meaningful access needs local content (${tag}).`;
  await page.getByLabel(en['consultation.field.body'], { exact: true }).fill(body);
  await page.getByLabel(en['consultation.field.attachment'], { exact: true }).setInputFiles({
    name: 'Our input.pdf',
    mimeType: 'application/pdf',
    buffer: PDF,
  });
  await page.getByRole('button', { name: en['consultation.send'] }).click();
  await expect(page.getByRole('status').first()).toHaveText(en['notice.contribution-received']);
  await expect(page.locator('.my-contributions')).toContainText(en['consultation.state.received']);
  await waitForMail(person.email, 20_000, 'contribution was received');

  // The organiser publishes it.
  await page.context().clearCookies();
  await signInOrganiser(page);
  await page.goto(`${base}/manage`);
  if (js) await waitForHydration(page);
  const card = page.locator('article.contribution.managed', { hasText: body });
  await expect(card).toContainText(person.email);
  await card.getByRole('button', { name: en['consultation.approve'], exact: true }).click();
  await expect(page.getByRole('status').first()).toHaveText(en['notice.contribution-approved']);
  await waitForMail(person.email, 20_000, 'contribution is published');

  // A visitor reads it, filters, and downloads the PDF.
  await page.context().clearCookies();
  await page.goto(base);
  const published = page.locator('article.contribution', { hasText: body });
  await expect(published).toContainText(person.name);
  await expect(published).toContainText('ISOC Kenya Chapter');
  await page.getByLabel(en['consultation.region'], { exact: true }).selectOption('weog');
  await page.getByRole('button', { name: en['consultation.apply'], exact: true }).click();
  await expect(page.locator('article.contribution')).toHaveCount(0);
  await page.getByLabel(en['consultation.region'], { exact: true }).selectOption('african');
  await page.getByRole('button', { name: en['consultation.apply'], exact: true }).click();
  await expect(page.locator('article.contribution', { hasText: body })).toBeVisible();
  if (js) {
    await waitForHydration(page);
    await expectNoAxeViolations(page, 'a consultation with a published contribution');
    const href = await published.getByRole('link', { name: /Our input\.pdf/ }).getAttribute('href');
    const file = await page.request.get(href!);
    expect(file.status()).toBe(200);
    expect(file.headers()['content-type']).toBe('application/pdf');
  }
  return base;
}

test.describe('open consultations', () => {
  test.setTimeout(180_000);
  test('start, contribute, moderate and read a consultation with JavaScript', async ({ page }) => {
    const base = await journey(page, true);
    await signInOrganiser(page);
    await expectArabicPagesClean(page, [`${EDITION}/consultations`, base, `${base}/contribute`, `${base}/manage`]);
  });

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });
    test('the same journey with plain forms', async ({ page }) => {
      await journey(page, false);
    });
  });
});
