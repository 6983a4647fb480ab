// Browser tests for Plenum: the release binary serves a fresh SQLite database
// and writes mail to an outbox directory, both in a temporary directory made
// for this run; Debian's Chromium drives the pages (Playwright downloads no
// browser here).
import { defineConfig, devices } from '@playwright/test';
import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '..');
const port = Number(process.env.PLENUM_E2E_PORT ?? 3107);
const baseURL = `http://127.0.0.1:${port}`;

// The config is loaded again in each worker process: name the directory once,
// in the runner, and hand it on through the environment (workers inherit it).
// The web server's command creates it, so `--list` leaves nothing behind.
if (!process.env.PLENUM_E2E_DIR) {
  process.env.PLENUM_E2E_DIR = path.join(os.tmpdir(), `plenum-e2e-${crypto.randomBytes(6).toString('hex')}`);
}
const dataDir = process.env.PLENUM_E2E_DIR;
process.env.PLENUM_E2E_OUTBOX = path.join(dataDir, 'outbox');
process.env.PLENUM_E2E_BASE_URL = baseURL;
// Known passwords for the demo people and an administrator, made before serving.
process.env.PLENUM_E2E_PASSWORD ??= 'e2e demo passphrase';
const password = process.env.PLENUM_E2E_PASSWORD;

const binary = process.env.PLENUM_E2E_BINARY ?? path.join(repoRoot, 'target', 'release', 'plenum');
const siteRoot = path.join(repoRoot, 'target', 'site');
const chromium = process.env.PLENUM_E2E_CHROMIUM ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: './tests',
  globalTeardown: './global-teardown.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    locale: 'en-GB',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        headless: true,
        launchOptions: {
          executablePath: chromium,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
      },
    },
  ],
  webServer: {
    command:
      `mkdir -p "${dataDir}" && "${binary}" demo >/dev/null` +
      ` && printf '%s' "$PLENUM_DEMO_PASSWORD" | "${binary}" create-admin --email admin@e2e.plenum.localhost >/dev/null` +
      ` && exec "${binary}" serve`,
    cwd: repoRoot,
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PLENUM_DATABASE_URL: `sqlite://${path.join(dataDir, 'e2e.db')}?mode=rwc`,
      PLENUM_OUTBOX_DIR: path.join(dataDir, 'outbox'),
      PLENUM_LISTEN: `127.0.0.1:${port}`,
      PLENUM_BASE_URL: baseURL,
      PLENUM_SITE_ROOT: siteRoot,
      PLENUM_ADMIN_EMAIL: 'admin@plenum.localhost',
      PLENUM_LOG: process.env.PLENUM_LOG ?? 'warn',
      PLENUM_DEMO_PASSWORD: password,
    },
  },
});
