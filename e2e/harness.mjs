// Shared set-up for the end-to-end tests: the release build served on 127.0.0.1 and
// driven in Debian's headless Chromium through playwright-core (no browser download).
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './serve.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = process.env.STANCE_DIST || path.join(ROOT, 'dist');
export const SHOTS = path.join(ROOT, 'e2e', 'screenshots');

const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Starts the server and a fresh Chromium (new empty profile each run). */
export async function launch({ prefix = '/' } = {}) {
  if (!fs.existsSync(path.join(DIST, 'index.html'))) {
    throw new Error(`${DIST}/index.html is missing: run the release build first (bash scripts/build.sh)`);
  }
  const site = await startServer(DIST, { prefix });
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stance-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROME_BIN || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  return {
    site,
    context,
    async close() {
      await context.close();
      await site.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** A new page that records console errors, page errors and CSP violations. */
export async function openPage(context, url, { viewport = { width: 1280, height: 800 }, colorScheme = 'light' } = {}) {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  await page.emulateMedia({ colorScheme });
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`requestfailed: ${r.url()}`));
  await page.goto(url);
  return { page, problems };
}

/** Waits until the app has replaced the loading placeholder. */
export async function appReady(page) {
  await page.getByRole('banner').waitFor({ timeout: 20000 });
}

export async function screenshot(page, name) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}
