// End-to-end: loading another corpus into the running app (file picker, URL parameter),
// a bad file that changes nothing, and going back to the shipped corpus.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch, openPage, appReady, ROOT, DIST } from './harness.mjs';

let env;
let packed;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stance-e2e-'));

before(async () => {
  // The second fixture corpus (Russian text, Q&A, an undated document), packed by the CLI.
  packed = execFileSync('cargo', ['run', '-q', '-p', 'stance-cli', '--', 'pack', path.join(ROOT, 'core/tests/fixtures/second')], { cwd: ROOT, maxBuffer: 64 << 20 }).toString();
  fs.writeFileSync(path.join(tmp, 'second.json'), packed);
  fs.writeFileSync(path.join(tmp, 'broken.json'), '{\n  "kind": "stance-corpus",\n  "version": 1,\n  "meta": 7\n}\n');
  fs.writeFileSync(path.join(DIST, 'e2e-second.json'), packed);
  env = await launch({ prefix: '/stance/' });
});
after(async () => {
  await env?.close();
  fs.rmSync(path.join(DIST, 'e2e-second.json'), { force: true });
  fs.rmSync(tmp, { recursive: true, force: true });
});

const docTitles = (page) => page.getByRole('main').getByRole('heading', { level: 2 }).allTextContents();

test('a good corpus file replaces the corpus; the shipped one comes back on request', async () => {
  const { page, problems } = await openPage(env.context, `${env.site.url}#/reader`);
  await appReady(page);
  const shipped = await docTitles(page);
  await page.getByLabel('Load corpus…').setInputFiles(path.join(tmp, 'second.json'));
  await page.getByText(/^Loaded “.*” from second\.json/).waitFor();
  const loaded = await docTitles(page);
  assert.notDeepEqual(loaded, shipped);
  assert.ok(loaded.length >= 3, `the fixture's documents: ${loaded}`);
  await page.getByRole('button', { name: 'Back to the shipped corpus' }).click();
  await page.waitForFunction((n) => document.querySelectorAll('main h2').length === n, shipped.length);
  assert.deepEqual(await docTitles(page), shipped);
  assert.deepEqual(problems, []);
});

test('a new corpus drops the selection and comparisons it does not have, in the URL too', async () => {
  const url = `${env.site.url}#/?q=dialogue`;
  const { page, problems } = await openPage(env.context, url);
  await appReady(page);
  await page.getByRole('region', { name: 'Results' }).getByRole('button').first().click();
  await page.waitForURL(/[?&]sel=/);
  await page.getByLabel('Load corpus…').setInputFiles(path.join(tmp, 'second.json'));
  await page.getByText(/^Loaded “.*” from second\.json/).waitFor();
  // The shipped corpus's statement is not in the fixture: no selection, and the URL says so.
  await page.waitForFunction(() => !/[?&]sel=/.test(location.hash));
  assert.match(page.url(), /q=dialogue/, 'the query is kept');
  assert.equal(await page.locator('.st-result--selected').count(), 0);
  assert.deepEqual(problems, []);
});

test('a corpus file dropped on the page is loaded', async () => {
  const { page, problems } = await openPage(env.context, `${env.site.url}#/reader`);
  await appReady(page);
  await page.evaluate((json) => {
    const dt = new DataTransfer();
    dt.items.add(new File([json], 'dropped.json', { type: 'application/json' }));
    for (const type of ['dragover', 'drop']) {
      window.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
    }
  }, packed);
  await page.getByText(/^Loaded “.*” from dropped\.json/).waitFor();
  assert.deepEqual(problems, []);
});

test('a bad corpus file is reported with file and line, and the corpus stays', async () => {
  const { page } = await openPage(env.context, `${env.site.url}#/reader`);
  await appReady(page);
  const before = await docTitles(page);
  await page.getByLabel('Load corpus…').setInputFiles(path.join(tmp, 'broken.json'));
  const notice = page.getByRole('status').filter({ hasText: 'Could not load broken.json' });
  await notice.waitFor();
  assert.match(await notice.textContent(), /broken\.json:4: /);
  assert.deepEqual(await docTitles(page), before);
});

test('a corpus named in the URL is fetched and loaded', async () => {
  const { page, problems } = await openPage(env.context, `${env.site.url}#/reader?corpus=e2e-second.json`);
  await appReady(page);
  await page.getByText(/^Loaded “.*” from http:\/\/127\.0\.0\.1:\d+\/stance\/e2e-second\.json/).waitFor();
  assert.deepEqual(problems, []);
});

test('a corpus URL that does not answer leaves the shipped corpus with a message', async () => {
  const { page } = await openPage(env.context, `${env.site.url}#/reader?corpus=missing.json`);
  await appReady(page);
  await page.getByText(/Could not fetch the corpus at .*missing\.json: the server answered 404/).waitFor();
  assert.equal((await docTitles(page)).length, 3);
});
