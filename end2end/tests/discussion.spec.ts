// A consultation's discussion in the browser, on the demo edition's open
// consultation: the organiser puts a draft text to comment; a participant
// comments on its second paragraph; the organiser answers and publishes a
// revised version, whose changes are marked; the participant comments on a
// published contribution and replies in its thread. With and without
// JavaScript; every page passes axe, also in Arabic.
import { expect, test, type Page } from '@playwright/test';
import {
  en,
  expectArabicPagesClean,
  expectNoAxeViolations,
  newSignedInPerson,
  signInOrganiser,
  waitForHydration,
} from './support';

const CONSULTATION = '/forums/demo/consultations/open-consultation';

function paragraphComments(n: number, count: number): string {
  return en['consultation.draft.paragraph-comments'].replace('{n}', String(n)).replace('{count}', String(count));
}

async function journey(page: Page, js: boolean): Promise<string> {
  const tag = js ? 'js' : 'plain';
  const title = `Draft themes ${tag} ${Date.now()}`;

  // The organiser puts a text to comment.
  await signInOrganiser(page);
  await page.goto(`${CONSULTATION}/manage`);
  if (js) await waitForHydration(page);
  await page.getByLabel(en['consultation.draft.title'], { exact: true }).fill(title);
  await page
    .getByLabel(en['consultation.draft.text'], { exact: true })
    .fill('Theme one: access for all.\n\nTheme two: trust and safety.\n\nTheme three: data governance.');
  await page.getByRole('button', { name: en['consultation.draft.create'], exact: true }).click();
  await expect(page.getByRole('status').first()).toHaveText(en['notice.draft-published']);
  const draft = new URL(page.url()).pathname;
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);

  // A participant comments on the second paragraph.
  await page.context().clearCookies();
  await newSignedInPerson(page, `discuss-${tag}`);
  await page.goto(draft);
  if (js) await waitForHydration(page);
  const second = page.locator('li.paragraph#p2');
  await second.locator('summary', { hasText: paragraphComments(2, 0) }).click();
  await second.getByLabel(en['consultation.comment-field'], { exact: true }).fill('Please add child online protection.');
  await second.getByRole('button', { name: en['consultation.comment-send'], exact: true }).click();
  await expect(page.getByRole('status').first()).toHaveText(en['notice.comment-written']);
  await expect(page.locator('li.paragraph#p2 > details.paragraph-comments > summary')).toHaveText(paragraphComments(2, 1));
  await expect(page.locator('li.paragraph#p2 ol.comments')).toContainText('Please add child online protection.');
  if (js) await expectNoAxeViolations(page, 'a draft with a comment');

  // The organiser answers and publishes a revised version.
  await page.context().clearCookies();
  await signInOrganiser(page);
  await page.goto(draft);
  if (js) await waitForHydration(page);
  const thread = page.locator('li.paragraph#p2');
  if ((await thread.locator('details.paragraph-comments').getAttribute('open')) === null) {
    await thread.locator('summary').first().click();
  }
  const reply = thread.locator('details.reply').first();
  await reply.locator('summary').click();
  await reply.getByLabel(en['consultation.reply-field'], { exact: true }).fill('It will be in version 2.');
  await reply.getByRole('button', { name: en['consultation.comment-send'], exact: true }).click();
  await expect(page.getByRole('status').first()).toHaveText(en['notice.comment-written']);
  await expect(page.locator('li.paragraph#p2')).toContainText(en['consultation.official']);
  if (js) await waitForHydration(page);
  await page
    .getByLabel(en['consultation.draft.text'], { exact: true })
    .fill('Theme one: meaningful access for all.\n\nTheme two: trust, safety and child online protection.\n\nTheme three: data governance.');
  await page.getByLabel(en['consultation.draft.note'], { exact: true }).fill('Child online protection added.');
  await page.getByRole('button', { name: en['consultation.draft.publish-revision'], exact: true }).click();
  await expect(page.getByRole('status').first()).toHaveText(en['notice.draft-revised']);
  await expect(page.locator('ol.draft ins').first()).toHaveText('meaningful');
  await expect(page.locator('ol.draft')).toContainText(en['consultation.draft.changed']);
  if (js) await expectNoAxeViolations(page, 'a revised draft with its changes');

  // The participant comments on a published contribution and replies.
  await page.context().clearCookies();
  await newSignedInPerson(page, `discuss-contribution-${tag}`);
  await page.goto(CONSULTATION);
  await page.locator('article.contribution').first().getByRole('link', { name: /^Comments \(/ }).click();
  await expect(page).toHaveURL(/\/contributions\//);
  if (js) await waitForHydration(page);
  const text = `Which regions does this cover? (${tag} ${Date.now()})`;
  await page.getByLabel(en['consultation.comment-field'], { exact: true }).fill(text);
  await page.getByRole('button', { name: en['consultation.comment-send'], exact: true }).click();
  await expect(page.getByRole('status').first()).toHaveText(en['notice.comment-written']);
  const mine = page.locator('li.comment', { hasText: text });
  const answer = mine.locator('details.reply').first();
  await answer.locator('summary').click();
  await answer.getByLabel(en['consultation.reply-field'], { exact: true }).fill(`Answering myself: all of them (${tag}).`);
  await answer.getByRole('button', { name: en['consultation.comment-send'], exact: true }).click();
  await expect(page.locator('li.comment.depth-1', { hasText: `Answering myself: all of them (${tag}).` })).toBeVisible();
  if (js) await expectNoAxeViolations(page, 'a contribution with its comments');
  return draft;
}

test.describe('consultation discussion', () => {
  test.setTimeout(180_000);
  test('comment on drafts and contributions, revise a draft, with JavaScript', async ({ page }) => {
    const draft = await journey(page, true);
    await signInOrganiser(page);
    await expectArabicPagesClean(page, [draft, `${draft}?version=1`, `${CONSULTATION}/manage`]);
  });

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });
    test('the same with plain forms', async ({ page }) => {
      await journey(page, false);
    });
  });
});
