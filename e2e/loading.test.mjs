// End-to-end: a corpus load that never freezes the page. A large synthetic corpus
// (`stance synth`) is built in a worker: the progress bar shows its stage and percent,
// the explorer keeps answering on the corpus it has, Cancel leaves everything as it was,
// and a corpus the worker cannot build is reported as before.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch, openPage, appReady, ROOT } from './harness.mjs';

let env;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stance-e2e-load-'));
const big = path.join(tmp, 'big.json');
const bad = path.join(tmp, 'bad.json');

const cli = (...args) => execFileSync('cargo', ['run', '-q', '-p', 'stance-cli', '--', ...args], { cwd: ROOT, maxBuffer: 1 << 30 }).toString();

before(async () => {
  // 1000 times the shipped corpus (about 13 MB, 57,000 statements): seconds of work.
  fs.writeFileSync(big, cli('synth', '1000'));
  // Well-formed JSON whose corpus does not build: an actor defined twice, no title.
  const packed = JSON.parse(cli('synth', '2'));
  packed.meta.actors.push(packed.meta.actors[0]);
  packed.meta.title = '';
  fs.writeFileSync(bad, JSON.stringify(packed));
  env = await launch({ prefix: '/stance/' });
});
after(async () => {
  await env?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

// How long the first test's load took: Cancel waits that long to show nothing arrives.
let loadMs = 10000;
// A 1000x load takes seconds, and much longer on a busy machine.
const LOAD_TIMEOUT = 180000;

const progressBar = (page) => page.getByRole('progressbar', { name: 'Loading big.json' });
const count = (page) => page.locator('output.st-search__count');

test('a large corpus loads with a progress bar of stages and percent, then replaces the corpus', async () => {
  const { page, problems } = await openPage(env.context, `${env.site.url}#/`);
  await appReady(page);
  const before = await count(page).textContent();
  const t0 = Date.now();
  await page.getByLabel('Load corpus…').setInputFiles(big);
  const bar = progressBar(page);
  await bar.waitFor();
  // The bar moves: its value grows while its text names the stage.
  const seen = new Set();
  const stages = new Set();
  while (await bar.isVisible()) {
    const [value, text] = await Promise.all([bar.getAttribute('value', { timeout: 200 }).catch(() => null), bar.getAttribute('aria-valuetext', { timeout: 200 }).catch(() => null)]);
    if (value !== null) seen.add(Number(value));
    if (text) stages.add(text.replace(/, \d+%$/, ''));
    await page.waitForTimeout(50);
  }
  assert.ok(seen.size >= 3, `the bar showed several values: ${[...seen]}`);
  assert.ok(stages.size >= 2, `the bar named several stages: ${[...stages]}`);
  await page.getByText(/^Loaded “.*” from big\.json: \d+ documents, \d+ statements\./).waitFor({ timeout: LOAD_TIMEOUT });
  loadMs = Date.now() - t0;
  const after = await count(page).textContent();
  assert.notEqual(after, before);
  assert.ok(Number(after.match(/\d+/)[0]) > 50000, after);
  // It went on screen in steps, each in a task of its own (src/components/loading.rs):
  // the timeline's statement marks a step after the rest of the chart, the result list
  // after them (the timeline's data was made before, in slices); and every panel is drawn
  // at the end: no placeholder is left, and the chart has its marks.
  await page.waitForFunction(() => performance.getEntriesByName('stance-swap-list', 'measure').length > 0);
  const steps = await page.evaluate(() => performance.getEntriesByType('measure').filter((m) => m.name.startsWith('stance-swap-')).sort((a, b) => a.startTime - b.startTime).map((m) => m.name.slice(12)));
  assert.deepEqual(steps, ['clear', 'install', 'results', 'search', 'views', 'marks', 'list']);
  assert.equal(await page.locator('.st-staged').count(), 0);
  await page.getByRole('group', { name: 'Timeline of statements' }).waitFor();
  assert.ok(await page.locator('.st-chart .st-mark').count() > 0, 'the chart draws its marks after the swap');
  assert.deepEqual(problems, []);
});

test('the page answers input while a large corpus loads', async () => {
  const { page, problems } = await openPage(env.context, `${env.site.url}#/`);
  await appReady(page);
  const all = await count(page).textContent();
  await page.getByLabel('Load corpus…').setInputFiles(big);
  await progressBar(page).waitFor();
  // Search the corpus on screen while the worker builds the new one.
  const box = page.getByRole('searchbox', { name: 'Search statements' });
  const t0 = Date.now();
  await box.fill('cyber');
  await page.waitForFunction((before) => document.querySelector('output.st-search__count')?.textContent !== before, all);
  const answered = Date.now() - t0;
  assert.ok(await progressBar(page).isVisible(), 'the results changed while the load was still running');
  assert.match(await count(page).textContent(), /match/);
  assert.ok(answered < 2000, `results took ${answered} ms during the load`);
  // And the view can change: zoom in on the timeline.
  const hash = await page.evaluate(() => location.hash);
  await page.getByRole('group', { name: 'Timeline of statements' }).focus();
  await page.keyboard.press('+');
  await page.waitForFunction((h) => location.hash !== h, hash);
  assert.ok(await progressBar(page).isVisible(), 'zoomed while the load was still running');
  await page.getByText(/^Loaded “.*” from big\.json/).waitFor({ timeout: LOAD_TIMEOUT });
  assert.deepEqual(problems, []);
});

test('Cancel stops the load and leaves the corpus and the view as they were', async () => {
  const { page, problems } = await openPage(env.context, `${env.site.url}#/reader`);
  await appReady(page);
  const titles = () => page.getByRole('main').getByRole('heading', { level: 2 }).allTextContents();
  const before = { titles: await titles(), hash: await page.evaluate(() => location.hash) };
  await page.getByLabel('Load corpus…').setInputFiles(big);
  await progressBar(page).waitFor();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await progressBar(page).waitFor({ state: 'detached' });
  // Long enough for the build to have finished had it kept running.
  await page.waitForTimeout(loadMs * 1.5);
  assert.equal(await page.getByText(/^Loaded “/).count(), 0, 'no corpus was loaded');
  assert.deepEqual({ titles: await titles(), hash: await page.evaluate(() => location.hash) }, before);
  assert.equal(await page.getByRole('button', { name: 'Back to the shipped corpus' }).count(), 0);
  assert.deepEqual(problems, []);
});

test('a corpus the worker cannot build is reported with its problems, and the corpus stays', async () => {
  const { page } = await openPage(env.context, `${env.site.url}#/`);
  await appReady(page);
  const before = await count(page).textContent();
  await page.getByLabel('Load corpus…').setInputFiles(bad);
  const notice = page.getByRole('status').filter({ hasText: 'Could not load bad.json' });
  await notice.waitFor();
  const text = await notice.textContent();
  assert.match(text, /actor id '[^']+' is used twice/);
  assert.match(text, /no title/);
  assert.equal(await count(page).textContent(), before);
  assert.equal(await page.getByRole('progressbar').count(), 0);
});
