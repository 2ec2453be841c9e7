// End-to-end: the release build loads, lists the documents, opens the reader, and works
// from a sub-path with a strict CSP and no console errors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, appReady, screenshot } from './harness.mjs';

let env;
before(async () => { env = await launch({ prefix: '/stance/' }); });
after(async () => { await env?.close(); });

test('the document list shows every document with date certainty and speakers', async () => {
  const { page, problems } = await openPage(env.context, `${env.site.url}#/reader`);
  await appReady(page);
  const list = page.getByRole('list').filter({ has: page.getByRole('heading', { level: 2 }) });
  const titles = await list.getByRole('heading', { level: 2 }).allTextContents();
  assert.equal(titles.length, 3, `three documents, got ${titles}`);
  assert.ok(titles.some((t) => t.includes('Moscow Ready to Bury Cyber Feud')));
  const rt = page.getByRole('article').filter({ hasText: 'stop cyber warfare' });
  await assert.doesNotReject(rt.getByText('c. 27 July 2017 (between 9 July 2017 and 28 July 2017)').waitFor());
  const newsweek = page.getByRole('article').filter({ hasText: 'Newsweek' }).first();
  await assert.doesNotReject(newsweek.getByText('Artur Lyukmanov', { exact: true }).waitFor());
  assert.deepEqual(problems, []);
});

test('the reader shows the text as text, and marks the boilerplate as not part of the article', async () => {
  const { page, problems } = await openPage(env.context, env.site.url);
  await appReady(page);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Documents' }).click();
  await page.getByRole('link', { name: /stop cyber warfare/ }).click();
  await page.getByRole('heading', { level: 1, name: /stop cyber warfare/ }).waitFor();
  assert.match(page.url(), /#\/reader\?doc=rt-2017$/);
  const text = await page.getByTestId('reader-text').textContent();
  assert.ok(text.includes('We are a great cyber power, whatever our shortcomings.'));
  assert.ok(text.includes('“We have one small task ahead – convincing the United States and NATO members.'));
  const excluded = page.getByTitle('Not part of the article (page boilerplate)');
  assert.match(await excluded.textContent(), /^Please enter your comment!/);
  await screenshot(page, 'reader-wide-light');
  assert.deepEqual(problems, []);
});

test('a reader link opened directly restores the view (state in the URL fragment)', async () => {
  const { page, problems } = await openPage(env.context, `${env.site.url}#/reader?doc=kommersant-2018`);
  await page.getByRole('heading', { level: 1, name: /Moscow Ready to Bury Cyber Feud/ }).waitFor();
  await page.getByRole('link', { name: '← All documents' }).click();
  await page.getByRole('heading', { level: 1, name: 'Documents' }).waitFor();
  await page.goBack();
  await page.getByRole('heading', { level: 1, name: /Moscow Ready to Bury Cyber Feud/ }).waitFor();
  assert.deepEqual(problems, []);
});

test('an unknown document in the URL shows a notice and the nearest view, not an error page', async () => {
  const { page, problems } = await openPage(env.context, `${env.site.url}#/reader?doc=nope`);
  await page.getByText("the document 'nope' is not in this corpus").waitFor();
  await page.getByRole('heading', { level: 1, name: 'Documents' }).waitFor();
  assert.deepEqual(problems, []);
});

test('the site is not reachable outside its sub-path (so all URLs are relative)', async () => {
  const origin = new URL(env.site.url).origin;
  const res = await fetch(`${origin}/index.html`);
  assert.equal(res.status, 404);
  const html = await (await fetch(env.site.url)).text();
  assert.doesNotMatch(html, /(src|href)="\/[^/]/, 'no root-absolute URLs in index.html');
});

test('dark theme and narrow screen render', async () => {
  const { page, problems } = await openPage(env.context, `${env.site.url}#/reader`, { viewport: { width: 390, height: 844 }, colorScheme: 'dark' });
  await appReady(page);
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(bg, 'rgb(18, 21, 26)');
  await screenshot(page, 'documents-narrow-dark');
  assert.deepEqual(problems, []);
});

test('a trap in the running app (a panic: the release wasm aborts at once) shows the error view', async () => {
  const { page } = await openPage(env.context, env.site.url);
  await appReady(page);
  // What the browser reports when the wasm traps in an event handler or a promise.
  await page.evaluate(() => {
    const err = new WebAssembly.RuntimeError('unreachable');
    window.dispatchEvent(new ErrorEvent('error', { error: err, message: err.message }));
  });
  const alert = page.getByRole('alert').filter({ hasText: 'Stance could not start.' });
  await alert.waitFor();
  assert.match(await alert.textContent(), /Internal error \(unreachable\)/);
  await page.close();
});

test('a start-up failure shows an error view, not a blank page', async () => {
  const fs = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  const { startServer } = await import('./serve.mjs');
  const { DIST } = await import('./harness.mjs');
  const broken = fs.mkdtempSync(path.join(os.tmpdir(), 'stance-broken-'));
  fs.cpSync(DIST, broken, { recursive: true });
  fs.writeFileSync(path.join(broken, 'stance-app_bg.wasm'), Buffer.from('not a wasm module'));
  const site = await startServer(broken, { prefix: '/' });
  try {
    const page = await env.context.newPage();
    await page.goto(site.url);
    const alert = page.getByRole('alert');
    await alert.getByText('Stance could not start.').waitFor();
    assert.match(await alert.textContent(), /WebAssembly|wasm|magic/i);
    await page.close();
  } finally {
    await site.close();
    fs.rmSync(broken, { recursive: true, force: true });
  }
});
