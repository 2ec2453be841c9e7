// Start-up: what the first load fetches (every file in one round of requests: one
// stylesheet for the app, the wasm once, its preload used), the boot box's progress bar
// while the wasm downloads, and a server that does not say application/wasm.
// (Start-up time itself is measured by bench/run-app-bench.mjs, not asserted here.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch, openPage, appReady, ROOT, DIST } from './harness.mjs';

let env;
before(async () => { env = await launch(); });
after(async () => { await env.close(); });

const ready = (page) => page.waitForFunction(() => performance.getEntriesByName('stance-ready').length > 0, null, { timeout: 20000 });

test('the stylesheets of style/ are one file, joined in the order index.html links them', () => {
  const source = fs.readFileSync(path.join(ROOT, 'index.html'), 'utf8');
  const sheets = [...source.matchAll(/<link data-trunk rel="css" href="([^"]+)"/g)].map((m) => m[1]);
  assert.ok(sheets.length >= 2, `index.html links ${sheets.length} stylesheets of style/`);
  const built = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const linked = [...built.matchAll(/<link\b[^>]*rel="stylesheet"[^>]*>/g)].map((m) => m[0]);
  assert.equal(linked.length, 2, `the app's stylesheet and boot.css: ${linked.join(' ')}`);
  assert.match(linked[0], /href="(\.\/)?stance\.css" integrity="sha384-/);
  const merged = fs.readFileSync(path.join(DIST, 'stance.css'), 'utf8');
  let at = 0;
  for (const sheet of sheets) {
    const text = fs.readFileSync(path.join(ROOT, sheet), 'utf8').trim();
    const found = merged.indexOf(text, at);
    assert.ok(found >= at, `${sheet} is in stance.css, after the sheets linked before it`);
    at = found + text.length;
    assert.ok(!fs.existsSync(path.join(DIST, path.basename(sheet))), `${path.basename(sheet)} is not left in dist/`);
  }
});

test('the first load fetches each file once, the wasm through its preload', async () => {
  const page = await env.context.newPage();
  const requests = [];
  const warnings = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  page.on('console', (m) => { if (m.type() === 'warning' || m.type() === 'error') warnings.push(m.text()); });
  await page.goto(env.site.url);
  await ready(page);
  await page.waitForTimeout(300);
  const count = (end) => requests.filter((p) => p.endsWith(end)).length;
  assert.equal(count('.wasm'), 1, `the wasm is fetched once: ${requests.join(' ')}`);
  assert.equal(count('stance-app.js'), 1, requests.join(' '));
  assert.deepEqual(requests.filter((p) => p.endsWith('.css')).sort(), ['/boot.css', '/stance.css'], requests.join(' '));
  assert.deepEqual(warnings.filter((w) => /preload/i.test(w)), [], 'every preloaded file is used');
  assert.equal(await page.getByRole('progressbar').count(), 0, 'no progress bar once the explorer is on screen');
  await page.close();
});

test('the boot box shows a progress bar while the wasm downloads', async () => {
  const wasm = fs.readFileSync(path.join(DIST, 'stance-app_bg.wasm'));
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await env.context.route('**/stance-app_bg.wasm', async (route) => {
    await held;
    await route.fulfill({ status: 200, headers: { 'content-type': 'application/wasm', 'content-length': String(wasm.length) }, body: wasm });
  });
  try {
    const { page, problems } = await openPage(env.context, env.site.url);
    const bar = page.getByRole('progressbar', { name: 'Loading Stance' });
    await bar.waitFor({ timeout: 10000 });
    assert.equal(await page.getByRole('banner').count(), 0, 'the explorer is not there yet');
    release();
    await appReady(page);
    await ready(page);
    assert.equal(await bar.count(), 0, 'the progress bar goes with the boot box');
    assert.deepEqual(problems, []);
    await page.close();
  } finally {
    release();
    await env.context.unroute('**/stance-app_bg.wasm');
  }
});

test('a server that does not send the wasm as application/wasm still starts the app', async () => {
  const wasm = fs.readFileSync(path.join(DIST, 'stance-app_bg.wasm'));
  await env.context.route('**/stance-app_bg.wasm', (route) => route.fulfill({ status: 200, headers: { 'content-type': 'application/octet-stream' }, body: wasm }));
  try {
    const { page, problems } = await openPage(env.context, env.site.url);
    await appReady(page);
    await ready(page);
    assert.deepEqual(problems, []);
    await page.close();
  } finally {
    await env.context.unroute('**/stance-app_bg.wasm');
  }
});
