// End-to-end: the split wasm (src/split.rs, scripts/split-wasm.sh). The first load
// fetches no chunk; a view's chunk arrives when the view is opened, and the view shows;
// a chunk that cannot be fetched gives a clear message in the page (a notice and an
// alert in place of the view), not a dead page, and opening the view again retries; the
// corpus build's chunk is fetched by the load worker, not by the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch, openPage, appReady, ROOT, DIST } from './harness.mjs';

let env;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stance-e2e-split-'));
const small = path.join(tmp, 'small.json');

/** The chunks of the build: every wasm in dist/ but the main module. */
const chunks = fs.existsSync(DIST) ? fs.readdirSync(DIST).filter((f) => f.endsWith('.wasm') && f !== 'stance-app_bg.wasm') : [];
const isChunk = (url) => chunks.includes(decodeURIComponent(new URL(url).pathname).split('/').pop());
const name = (url) => new URL(url).pathname.split('/').pop();

before(async () => {
  fs.writeFileSync(small, execFileSync('cargo', ['run', '-q', '-p', 'stance-cli', '--', 'synth', '2'], { cwd: ROOT, maxBuffer: 1 << 30 }));
  env = await launch({ prefix: '/stance/' });
});
after(async () => {
  await env?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

test('the build is split: the views a click opens are chunks of their own', () => {
  for (const view of ['table', 'positions', 'compare', 'reader', 'corpus_build']) {
    assert.ok(chunks.includes(`split_${view}.wasm`), `dist/ has split_${view}.wasm (chunks: ${chunks.join(' ')})`);
  }
});

test('the first load fetches no chunk; opening a view fetches its chunk and shows the view', async () => {
  const fetched = [];
  const { page, problems } = await openPage(env.context, 'about:blank');
  page.on('requestfinished', (r) => { if (isChunk(r.url())) fetched.push(name(r.url())); });
  await page.goto(`${env.site.url}#/`);
  await appReady(page);
  await page.locator('svg.st-chart').waitFor();
  await page.waitForTimeout(500);
  assert.deepEqual(fetched, [], 'no chunk before a view asks for one');

  await page.getByRole('link', { name: 'Table' }).first().click();
  await page.getByRole('table').locator('tbody').getByRole('row').first().waitFor();
  assert.ok(fetched.includes('split_table.wasm'), `the table's chunk arrived: ${fetched.join(' ')}`);
  assert.ok(!fetched.includes('split_positions.wasm'), 'not the positions view\'s');

  const before = fetched.length;
  await page.getByRole('link', { name: 'Positions' }).first().click();
  await page.getByRole('heading', { name: 'Positions' }).waitFor();
  assert.ok(fetched.slice(before).includes('split_positions.wasm'), `the positions view's chunk arrived: ${fetched.slice(before).join(' ')}`);

  // Back to the table: its chunk is in, not fetched again.
  const again = fetched.length;
  await page.getByRole('link', { name: 'Table' }).first().click();
  await page.getByRole('table').waitFor();
  assert.deepEqual(fetched.slice(again).filter((f) => f === 'split_table.wasm'), [], 'a chunk is fetched once');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a view fetches at most two files (its small shared chunks merged in), and the views work in any order', async () => {
  // scripts/split-merge.mjs copies a chunk's code into each split module that uses it:
  // opening views that share code, one after the other, loads several copies of it.
  const { page, problems } = await openPage(env.context, 'about:blank');
  const fetched = [];
  page.on('requestfinished', (r) => { if (isChunk(r.url())) fetched.push(name(r.url())); });
  await page.goto(`${env.site.url}#/`);
  await appReady(page);
  const open = async (link, ready) => {
    const from = fetched.length;
    await page.getByRole('link', { name: link }).first().click();
    await ready();
    return fetched.slice(from);
  };
  const table = await open('Table', () => page.getByRole('table').locator('tbody').getByRole('row').first().waitFor());
  assert.ok(table.includes('split_table.wasm') && table.length <= 2, `the table: ${table.join(' ')}`);
  const positions = await open('Positions', () => page.getByRole('heading', { level: 1, name: 'Positions' }).waitFor());
  assert.ok(positions.includes('split_positions.wasm') && positions.length <= 2, `the positions view: ${positions.join(' ')}`);
  const docs = await open('Documents', () => page.locator('.st-doc-card__title a').first().waitFor());
  assert.ok(docs.includes('split_reader.wasm') && docs.length <= 2, `the documents: ${docs.join(' ')}`);
  // The compare view, after the others (it shares code with each of them).
  const from = fetched.length;
  await page.getByRole('link', { name: 'Positions' }).first().click();
  await page.getByRole('button', { name: /^Compare / }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Compare' }).waitFor();
  const compare = fetched.slice(from);
  assert.ok(compare.includes('split_compare.wasm') && compare.length <= 2, `the compare view: ${compare.join(' ')}`);
  // Back to the table, sorted by date: the code it shares with the others still runs.
  await page.getByRole('link', { name: 'Table' }).first().click();
  await page.getByRole('columnheader', { name: /Date/ }).getByRole('button').click();
  await page.getByRole('table').locator('tbody').getByRole('row').first().waitFor();
  assert.equal(await page.getByTestId('chunk-error').count(), 0);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a chunk that cannot be fetched gives a clear message, and opening the view again retries', async () => {
  const { page, problems } = await openPage(env.context, 'about:blank');
  let refuse = true;
  await page.route('**/split_table.wasm', (route) => (refuse ? route.abort('internetdisconnected') : route.continue()));
  await page.goto(`${env.site.url}#/`);
  await appReady(page);
  await page.getByRole('link', { name: 'Table' }).first().click();
  const alert = page.getByTestId('chunk-error');
  await alert.waitFor();
  assert.match(await alert.textContent(), /The table could not be loaded/);
  assert.equal(await alert.getAttribute('role'), 'alert');
  const notice = page.locator('.st-notice--error .st-notice__title');
  assert.match(await notice.first().textContent(), /The table could not be loaded.*connection/);
  // The page lives on: the timeline still opens and works.
  await page.getByRole('link', { name: 'Timeline' }).first().click();
  await page.locator('svg.st-chart').waitFor();
  assert.equal(await page.locator('.boot--error').count(), 0, 'no fatal error view');
  assert.ok(!problems.some((p) => /pageerror|RuntimeError|unreachable/.test(p)), `no trap: ${problems.join('\n')}`);
  // The network is back: the table opens.
  refuse = false;
  await page.getByRole('link', { name: 'Table' }).first().click();
  await page.getByRole('table').locator('tbody').getByRole('row').first().waitFor();
  await page.close();
});

test('a corpus load fetches the corpus builder\'s chunk in the worker, not on the page', async () => {
  const allFetched = [];
  const { page, problems } = await openPage(env.context, 'about:blank');
  const onContext = (r) => { if (isChunk(r.url())) allFetched.push(name(r.url())); };
  env.context.on('requestfinished', onContext);
  await page.goto(`${env.site.url}#/`);
  await appReady(page);
  const count = page.locator('output.st-search__count');
  const before = await count.textContent();
  await page.getByLabel('Load corpus…').setInputFiles(small);
  await page.waitForFunction((b) => document.querySelector('output.st-search__count')?.textContent !== b, before, { timeout: 60000 });
  env.context.off('requestfinished', onContext);
  assert.ok(allFetched.includes('split_corpus_build.wasm'), `the worker fetched the corpus builder: ${allFetched.join(' ')}`);
  // Playwright reports the worker's requests as the page's: the page's own resource
  // timeline has only what the page (not the worker) fetched.
  const pageFetched = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname.split('/').pop()));
  assert.ok(!pageFetched.includes('split_corpus_build.wasm'), `the page did not: ${pageFetched.join(' ')}`);
  assert.deepEqual(problems, []);
  await page.close();
});
