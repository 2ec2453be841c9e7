// Shared set-up for the end-to-end tests: the release build served on 127.0.0.1 and
// driven in Debian's headless Chromium through playwright-core (no browser download).
//
// Any Content Security Policy violation fails the test during which it happened: every
// page reports `securitypolicyviolation` events (an init script) and Chromium's console
// messages about the policy are caught too; an afterEach hook registered here throws.
import { afterEach } from 'node:test';
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

/** CSP violations seen since the last test ended (all pages of all contexts). */
const cspViolations = [];

afterEach(() => {
  if (cspViolations.length > 0) {
    const seen = cspViolations.splice(0);
    throw new Error(`Content Security Policy violation(s):\n${seen.join('\n')}`);
  }
});

/** Reports CSP violations of every page of `context` to the afterEach hook above. */
export async function watchCsp(context) {
  await context.exposeBinding('__stanceCspViolation', (_source, text) => { cspViolations.push(text); });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__stanceCspViolation(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile || e.documentURI}:${e.lineNumber}`);
    });
  });
  context.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(`console: ${m.text()}`);
  });
}

/** Starts the server and a fresh Chromium (new empty profile each run). */
export async function launch({ prefix = '/', testRoutes = false, contextOptions = {} } = {}) {
  if (!fs.existsSync(path.join(DIST, 'index.html'))) {
    throw new Error(`${DIST}/index.html is missing: run the release build first (bash scripts/build.sh)`);
  }
  const site = await startServer(DIST, { prefix, testRoutes });
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stance-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROME_BIN || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    ...contextOptions,
  });
  await watchCsp(context);
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

/** The URL fragment's parameter `key` once the app has written it, and, with `not`, once
 * it is no longer that value. Typing, zoom and pan steps reach the URL up to 250 ms after
 * they are drawn (`stance_core::view::url_writes`), so a test polls for them. */
export async function hashParamWritten(page, key, not = null) {
  await page.waitForFunction(([k, n]) => {
    const v = new URLSearchParams(location.hash.split('?')[1] || '').get(k);
    return v !== null && v !== n;
  }, [key, not]);
  return new URLSearchParams(new URL(page.url()).hash.split('?')[1] || '').get(key);
}

/** The URL fragment's parameter `key` once it has stopped changing: after a gesture of
 * many steps (a pinch), the value unchanged for longer than the app's 250 ms between URL
 * writes is the gesture's last. */
export async function hashParamSettled(page, key, { quiet = 400, timeout = 10000 } = {}) {
  const read = async () => new URLSearchParams(new URL(page.url()).hash.split('?')[1] || '').get(key);
  const start = Date.now();
  let last = await read();
  let since = Date.now();
  while (Date.now() - start < timeout) {
    await page.waitForTimeout(50);
    const v = await read();
    if (v !== last) { last = v; since = Date.now(); } else if (v !== null && Date.now() - since >= quiet) return v;
  }
  throw new Error(`the URL's ${key} did not settle within ${timeout} ms (last: ${last})`);
}
