// End-to-end: a corpus load that never freezes the page. A large synthetic corpus
// (`stance synth`) is built in a worker: the progress bar shows its stage and percent,
// the explorer keeps answering on the corpus it has, Cancel leaves everything as it was,
// and a corpus the worker cannot build is reported as before. The worker hands the
// corpus over as it builds it (parts arrive while it still cuts and tags): a problem it
// finds after some parts were sent, a Cancel, or a second load started meanwhile all
// leave the page as if those parts had never come.
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
const late = path.join(tmp, 'late.json');
const small = path.join(tmp, 'small.json');

const cli = (...args) => execFileSync('cargo', ['run', '-q', '-p', 'stance-cli', '--', ...args], { cwd: ROOT, maxBuffer: 1 << 30 }).toString();

before(async () => {
  // 1000 times the shipped corpus (about 13 MB, 57,000 statements): seconds of work.
  fs.writeFileSync(big, cli('synth', '1000'));
  // Well-formed JSON whose corpus does not build: an actor defined twice, no title.
  const packed = JSON.parse(cli('synth', '2'));
  packed.meta.actors.push(packed.meta.actors[0]);
  packed.meta.title = '';
  fs.writeFileSync(bad, JSON.stringify(packed));
  // A corpus whose problem is only found at the end of the build, after statements were
  // sent to the page: a position quoting words that are not in the last document.
  const large = JSON.parse(cli('synth', '200'));
  const position = { ...large.meta.positions[0], id: 'late-position' };
  position.quotes = [{ document: large.meta.documents[large.meta.documents.length - 1].id, exact: 'words found in no document of this corpus' }];
  large.meta.positions.push(position);
  fs.writeFileSync(late, JSON.stringify(large));
  fs.writeFileSync(small, cli('synth', '2'));
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
  const values = [];
  while (await bar.isVisible()) {
    const [value, text] = await Promise.all([bar.getAttribute('value', { timeout: 200 }).catch(() => null), bar.getAttribute('aria-valuetext', { timeout: 200 }).catch(() => null)]);
    if (value !== null) {
      seen.add(Number(value));
      values.push(Number(value));
    }
    if (text) stages.add(text.replace(/, \d+%$/, ''));
    await page.waitForTimeout(50);
  }
  assert.ok(seen.size >= 3, `the bar showed several values: ${[...seen]}`);
  assert.ok(stages.size >= 2, `the bar named several stages: ${[...stages]}`);
  // The worker's progress and the page's (indexing what arrived) never make it go back.
  assert.ok(values.every((v, i) => i === 0 || v >= values[i - 1]), `the bar went back: ${values}`);
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

// When the page received the first part of the load (a mark left by
// src/components/loading.rs), or null.
const partsArrived = (page) => page.evaluate(() => performance.getEntriesByName('stance-load-parts', 'mark').length > 0);

test('parts arrive while the worker still builds; Cancel then drops them', async () => {
  const { page, problems } = await openPage(env.context, `${env.site.url}#/`);
  await appReady(page);
  const before = { count: await count(page).textContent(), hash: await page.evaluate(() => location.hash) };
  await page.getByLabel('Load corpus…').setInputFiles(big);
  const bar = progressBar(page);
  await bar.waitFor();
  await page.waitForFunction(() => performance.getEntriesByName('stance-load-parts', 'mark').length > 0, null, { timeout: LOAD_TIMEOUT });
  // The worker is still cutting or tagging statements when the first part arrives.
  const text = await bar.getAttribute('aria-valuetext');
  assert.match(text, /^(Loading the documents|Cutting statements|Finding topics and dates)/, `parts arrived at: ${text}`);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await bar.waitFor({ state: 'detached' });
  await page.waitForTimeout(loadMs * 1.5);
  assert.equal(await page.getByText(/^Loaded “/).count(), 0, 'no corpus was loaded');
  assert.deepEqual({ count: await count(page).textContent(), hash: await page.evaluate(() => location.hash) }, before);
  assert.deepEqual(problems, []);
});

test('a problem found after parts were sent is reported, and the corpus stays', async () => {
  const { page } = await openPage(env.context, `${env.site.url}#/`);
  await appReady(page);
  const before = await count(page).textContent();
  await page.getByLabel('Load corpus…').setInputFiles(late);
  const notice = page.getByRole('status').filter({ hasText: 'Could not load late.json' });
  await notice.waitFor({ timeout: LOAD_TIMEOUT });
  assert.ok(await partsArrived(page), 'statements were sent before the problem was found');
  const text = await notice.textContent();
  assert.match(text, /position 'late-position'/);
  assert.match(text, /is not in the document/);
  assert.equal(await count(page).textContent(), before);
  assert.equal(await page.getByRole('progressbar').count(), 0);
  assert.equal(await page.getByText(/^Loaded “/).count(), 0);
});

test('a second load started while the first streams replaces it cleanly', async () => {
  const { page, problems } = await openPage(env.context, `${env.site.url}#/`);
  await appReady(page);
  await page.getByLabel('Load corpus…').setInputFiles(big);
  await progressBar(page).waitFor();
  await page.waitForFunction(() => performance.getEntriesByName('stance-load-parts', 'mark').length > 0, null, { timeout: LOAD_TIMEOUT });
  await page.getByLabel('Load corpus…').setInputFiles(small);
  await page.getByText(/^Loaded “.*” from small\.json: \d+ documents, \d+ statements\./).waitFor({ timeout: LOAD_TIMEOUT });
  const after = await count(page).textContent();
  // Long enough for the first load to have ended had it kept running.
  await page.waitForTimeout(loadMs * 1.5);
  assert.equal(await page.getByText(/from big\.json/).count(), 0, 'nothing of the first load arrived');
  assert.equal(await count(page).textContent(), after);
  assert.ok(Number(after.match(/\d+/)[0]) < 1000, after);
  assert.deepEqual(problems, []);
});
