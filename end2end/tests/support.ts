// Helpers shared by the browser tests: unique accounts, reading mail from the
// server's file outbox, the locale files, and axe-core checks.
import { expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** The interface texts of one locale, as the app ships them. */
export function locale(code: 'en' | 'fr' | 'ar'): Record<string, string> {
  const file = path.resolve(__dirname, '..', '..', 'app', 'locales', `${code}.json`);
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

export const en = locale('en');

export interface Person {
  name: string;
  email: string;
  password: string;
}

/** A new person for each call: the address is unique per run and per call. */
export function newPerson(tag: string): Person {
  const id = crypto.randomBytes(5).toString('hex');
  return {
    name: `E2E ${tag} ${id}`,
    email: `e2e-${tag}-${id}@example.org`,
    password: `Plenum test ${id} staple`,
  };
}

export function outboxDir(): string {
  const dir = process.env.PLENUM_E2E_OUTBOX;
  if (!dir) throw new Error('PLENUM_E2E_OUTBOX is not set: run the tests through playwright.config.ts');
  return dir;
}

// ---------- Mail (RFC 5322 / MIME, as lettre writes it) ----------

interface MimePart {
  headers: Map<string, string>;
  body: string;
}

function splitHeaders(raw: string): MimePart {
  const text = raw.replace(/\r\n/g, '\n');
  const end = text.indexOf('\n\n');
  const head = end === -1 ? text : text.slice(0, end);
  const body = end === -1 ? '' : text.slice(end + 2);
  const headers = new Map<string, string>();
  // Unfold continuation lines, then split "Name: value".
  for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function param(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  const m = header.match(new RegExp(`${name}\\s*=\\s*("([^"]*)"|[^;\\s]+)`, 'i'));
  return m ? (m[2] ?? m[1]) : undefined;
}

function decodeQuotedPrintable(body: string): Buffer {
  const soft = body.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    const c = soft[i];
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(c, 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

function decodeBody(part: MimePart): string {
  const encoding = (part.headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const charset = (param(part.headers.get('content-type'), 'charset') ?? 'utf-8').toLowerCase();
  let bytes: Buffer;
  if (encoding === 'base64') bytes = Buffer.from(part.body.replace(/\s+/g, ''), 'base64');
  else if (encoding === 'quoted-printable') bytes = decodeQuotedPrintable(part.body);
  else bytes = Buffer.from(part.body, 'utf8');
  return bytes.toString(charset === 'us-ascii' ? 'latin1' : 'utf8');
}

/** The decoded text of the first part whose type is `type`, searching multiparts. */
function findPart(part: MimePart, type: string): string | undefined {
  const contentType = part.headers.get('content-type') ?? 'text/plain';
  if (contentType.toLowerCase().startsWith('multipart/')) {
    const boundary = param(contentType, 'boundary');
    if (!boundary) return undefined;
    const pieces = part.body.split(`--${boundary}`);
    // pieces[0] is the preamble; the last one starts with "--" (the epilogue).
    for (const piece of pieces.slice(1)) {
      if (piece.startsWith('--')) break;
      const found = findPart(splitHeaders(piece.replace(/^\n/, '')), type);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  return contentType.toLowerCase().startsWith(type) ? decodeBody(part) : undefined;
}

function decodeHeaderWords(value: string): string {
  return value.replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_m, _cs, enc, text) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : decodeQuotedPrintable(text.replace(/_/g, ' ')).toString('utf8'),
  );
}

export interface Mail {
  file: string;
  to: string;
  subject: string;
  text: string;
  /** The attached calendar file (text/calendar), if any. */
  calendar?: string;
}

export function readMail(file: string): Mail {
  const raw = fs.readFileSync(file, 'utf8');
  const message = splitHeaders(raw);
  const text = findPart(message, 'text/plain');
  if (text === undefined) throw new Error(`${file}: no text/plain part`);
  return {
    file,
    to: decodeHeaderWords(message.headers.get('to') ?? ''),
    subject: decodeHeaderWords(message.headers.get('subject') ?? ''),
    text: text.replace(/\r\n/g, '\n'),
    calendar: findPart(message, 'text/calendar'),
  };
}

/**
 * Waits for the newest mail to `to` in the outbox (delivered by a background
 * worker) — whose subject has `about` in it, when given.
 */
export async function waitForMail(to: string, timeoutMs = 20_000, about?: string): Promise<Mail> {
  const dir = outboxDir();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const files = fs.existsSync(dir)
      ? fs
          .readdirSync(dir)
          .filter((f) => f.endsWith('.eml') && !f.startsWith('.'))
          .map((f) => path.join(dir, f))
          .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)
      : [];
    for (const file of files) {
      const mail = readMail(file);
      if (mail.to.toLowerCase().includes(to.toLowerCase()) && (!about || mail.subject.includes(about))) return mail;
    }
    if (Date.now() > deadline) {
      throw new Error(`No mail to ${to} in ${dir} after ${timeoutMs} ms (${files.length} other messages there)`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The first link in `text` to `pathname` on the server under test. */
export function linkTo(text: string, pathname: string): string {
  const base = process.env.PLENUM_E2E_BASE_URL!;
  const escaped = (base + pathname).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = text.match(new RegExp(`${escaped}\\?[^\\s<>"]+`));
  if (!m) throw new Error(`No link to ${pathname} in:\n${text}`);
  return m[0];
}

// ---------- Account steps through the interface ----------

export async function signUp(page: Page, person: Person): Promise<void> {
  await page.goto('/account/sign-up');
  await page.getByLabel(en['field.name'], { exact: true }).fill(person.name);
  await page.getByLabel(en['field.email'], { exact: true }).fill(person.email);
  await page.getByLabel(en['field.password'], { exact: true }).fill(person.password);
  await page.getByRole('button', { name: en['accounts.sign-up.submit'] }).click();
  await expect(page).toHaveURL(/\/account\/sign-in\?notice=check-email$/);
  await expect(page.getByRole('status')).toHaveText(en['notice.check-email']);
}

export async function verifyFromMail(page: Page, person: Person): Promise<void> {
  const mail = await waitForMail(person.email);
  const link = linkTo(mail.text, '/account/verify');
  await page.goto(link);
  await page.getByRole('button', { name: en['accounts.verify.submit'] }).click();
  await expect(page).toHaveURL(/\/account\/sign-in\?notice=email-verified$/);
  await expect(page.getByRole('status')).toHaveText(en['notice.email-verified']);
}

export async function signIn(page: Page, person: Person): Promise<void> {
  if (!new URL(page.url()).pathname.startsWith('/account/sign-in')) await page.goto('/account/sign-in');
  await page.getByLabel(en['field.email'], { exact: true }).fill(person.email);
  await page.getByLabel(en['field.password'], { exact: true }).fill(person.password);
  await page.getByRole('button', { name: en['accounts.sign-in.submit'], exact: true }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('navigation').getByRole('link', { name: person.name })).toBeVisible();
}

/** The demo edition's organiser (`plenum demo`), with the run's password. */
export const demoOrganiser: Person = {
  name: 'Demo Organiser',
  email: 'organiser@demo.plenum.localhost',
  password: process.env.PLENUM_E2E_PASSWORD ?? 'e2e demo passphrase',
};

/** The administrator the test run creates (`plenum create-admin`). */
export const e2eAdmin: Person = { ...demoOrganiser, name: 'Administrator', email: 'admin@e2e.plenum.localhost' };

/** The demo edition's reviewer. */
export const demoReviewer: Person = { ...demoOrganiser, name: 'Demo Reviewer', email: 'reviewer@demo.plenum.localhost' };

/** Signs the demo organiser in, in English (a test may have left their profile in Arabic). */
export async function signInOrganiser(page: Page): Promise<void> {
  await signInEnglish(page, demoOrganiser);
}

/** Signs a shared demo person in, in English. */
export async function signInEnglish(page: Page, person: Person): Promise<void> {
  await signIn(page, person);
  if ((await page.locator('html').getAttribute('lang')) !== 'en') {
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  }
}

/** Sign up, confirm the address from the mail, sign in. */
export async function newSignedInPerson(page: Page, tag: string): Promise<Person> {
  const person = newPerson(tag);
  await signUp(page, person);
  await verifyFromMail(page, person);
  await signIn(page, person);
  return person;
}

// ---------- Registration ----------

/**
 * Opens registration for an edition (the organiser signed in): open, no
 * onsite limit, online approved at once, a privacy notice.
 */
export async function openRegistrationOf(page: Page, edition: string): Promise<void> {
  await page.goto(`${edition}/registrations`);
  const details = page.locator('details.setup');
  if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
  await page.getByLabel(en['registration.setup.open'], { exact: true }).check();
  await page.getByLabel(en['registration.setup.capacity'], { exact: true }).fill('');
  await page.getByLabel(en['registration.setup.notice'], { exact: true }).fill('We keep your data for this meeting only.');
  await page.getByRole('button', { name: en['registration.setup.submit'] }).click();
  await expect(page.getByRole('status').first()).toHaveText(en['notice.registration-setup-saved']);
}

/** Registers the signed-out page as a new person, online (approved at once). */
export async function registerOnline(page: Page, edition: string, tag: string): Promise<Person> {
  await page.context().clearCookies();
  const person = await newSignedInPerson(page, tag);
  await page.goto(`${edition}/register`);
  await page.getByLabel(en['registration.field.mode'], { exact: true }).selectOption('online');
  await page.getByLabel(en['registration.field.privacy'], { exact: true }).check();
  await page.getByRole('button', { name: en['registration.submit'] }).click();
  await expect(page.getByRole('status').first()).toHaveText(en['notice.registration-approved']);
  return person;
}

// ---------- Remote participation ----------

export const MEETING = 'https://meet.example/e2e-room';

/** A hybrid session of an edition's release (from its JSON API). */
export async function hybridSession(page: Page, code: string) {
  const api = await (await page.request.get(`/api/v1/forums/${code}/sessions`)).json();
  const session = api.sessions.filter((s: { format: string }) => s.format === 'hybrid').pop();
  expect(session, 'the demo has a hybrid session').toBeTruthy();
  return session;
}

/** The organiser (signed in here) opens registration and gives a room a meeting. */
export async function giveRoomAMeeting(page: Page, edition: string, roomId: string): Promise<void> {
  await signInOrganiser(page);
  await openRegistrationOf(page, edition);
  await page.goto(`${edition}/venue/rooms/${roomId}`);
  await page.getByLabel(en['participation.meeting-url'], { exact: true }).fill(MEETING);
  await page.getByLabel(en['participation.meeting-id'], { exact: true }).fill('842 118 9034');
  await page.getByLabel(en['participation.meeting-passcode'], { exact: true }).fill('forum2027');
  await page.getByRole('button', { name: en['participation.save-meeting'] }).click();
  await expect(page).toHaveURL(/notice=meeting-saved/);
  await expect(page.getByRole('status').first()).toHaveText(en['notice.meeting-saved']);
}

/**
 * Runs `plenum remind --at AT` against the server's database, as its
 * reminder worker would at that instant; the server's mail worker then
 * delivers what it queued. Returns what the command printed.
 */
export function remindAt(at: string): string {
  const repoRoot = path.resolve(__dirname, '..', '..');
  const binary = process.env.PLENUM_E2E_BINARY ?? path.join(repoRoot, 'target', 'release', 'plenum');
  const dir = process.env.PLENUM_E2E_DIR;
  if (!dir) throw new Error('PLENUM_E2E_DIR is not set: run the tests through playwright.config.ts');
  return execFileSync(binary, ['remind', '--at', at], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: {
      ...process.env,
      PLENUM_DATABASE_URL: `sqlite://${path.join(dir, 'e2e.db')}?mode=rwc`,
      PLENUM_BASE_URL: process.env.PLENUM_E2E_BASE_URL ?? '',
      PLENUM_OUTBOX_DIR: outboxDir(),
      PLENUM_LOG: 'warn',
    },
  });
}

// ---------- Accessibility ----------

/** Runs axe-core (WCAG 2.0/2.1 A and AA) on the page and fails with a readable list. */
export async function expectNoAxeViolations(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const report = results.violations
    .map((v) => {
      const nodes = v.nodes
        .map((n) => `    - ${n.target.join(' ')}\n      ${n.html}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`)
        .join('\n');
      return `  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes}`;
    })
    .join('\n');
  expect(results.violations, `axe found accessibility violations on ${what} (${page.url()}):\n${report}`).toEqual([]);
}

// ---------- Hydration ----------

/** Waits until the page's wasm module has been fetched and the network is quiet. */
export async function waitForHydration(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(
    () => performance.getEntriesByType('resource').some((e) => e.name.endsWith('.wasm')),
    undefined,
    { timeout: 15_000 },
  );
  // Instantiating and hydrating happen after the fetch; let them run.
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
}

/**
 * Switches to Arabic on the current page, checks each of `paths` right to
 * left with axe-core, and switches back to English.
 */
export async function expectArabicPagesClean(page: Page, paths: string[]): Promise<void> {
  await page.getByRole('button', { name: 'العربية' }).click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  for (const path of paths) {
    await page.goto(path);
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await page.waitForLoadState('networkidle');
    await expectNoAxeViolations(page, `${path} in Arabic`);
  }
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
}
