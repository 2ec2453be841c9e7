// End-to-end: Stance embedded in another site's page (a different origin), through the
// loader, a plain iframe and a quote card; the one-file build and the ordinary build
// opened from disk; the Embed dialog; an axe audit of the embed views.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { launch, openPage, appReady, screenshot, ROOT, DIST } from './harness.mjs';

let env;
let host;
let axe;
let pages = {};

/** A second server on another port (so another origin) serving the host pages. */
function startHost() {
  return new Promise((resolve) => {
    const server = http.createServer((req, res) => {
      const pathname = new URL(req.url, 'http://127.0.0.1').pathname;
      if (pathname === '/favicon.ico') { res.writeHead(204); res.end(); return; }
      const body = pages[pathname];
      res.writeHead(body ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
      res.end(body || 'not found');
    });
    server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) }));
  });
}

/** A host page: its own styles and text, the loader, and whatever `body` embeds. */
const hostPage = (site, body) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A host article</title>
<style>body { font: 18px/1.6 Georgia, serif; margin: 2rem; color: rgb(20, 30, 40); } p.lede { margin: 0 0 1rem; }</style>
<script src="${site}embed.js" defer></script>
<script>
  window.__events = [];
  addEventListener('DOMContentLoaded', () => {
    for (const el of document.querySelectorAll('stance-timeline')) {
      for (const t of ['stance-ready', 'stance-select', 'stance-view', 'stance-refused']) {
        el.addEventListener(t, (e) => window.__events.push({ el: el.id, type: t, detail: e.detail }));
      }
    }
  });
</script>
</head><body><p class="lede" id="lede">An article about cyber diplomacy.</p>${body}<p id="after">The end.</p></body></html>`;

before(async () => {
  axe = fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
  env = await launch({ prefix: '/stance/' });
  host = await startHost();
});
after(async () => {
  await host?.close();
  await env?.close();
});

const events = (page, type, el) => page.evaluate(([t, e]) => window.__events.filter((x) => x.type === t && (!e || x.el === e)), [type, el]);
const waitEvent = (page, type, el) => page.waitForFunction(([t, e]) => window.__events.some((x) => x.type === t && (!e || x.el === e)), [type, el], { timeout: 20000 });
const frameHeight = (page, sel) => page.locator(sel).evaluate((f) => f.getBoundingClientRect().height);

test('two timelines embedded through the loader on another origin work independently', async () => {
  const site = env.site.url;
  pages['/two.html'] = hostPage(site, `
    <stance-timeline id="a" src="${site}" q="cyber" zoom="2017-07-20..2017-08-05" title="Statements about cyber"></stance-timeline>
    <stance-timeline id="b" src="${site}" view="table" lanes="speaker" title="Statements by speaker"></stance-timeline>`);
  const { page, problems } = await openPage(env.context, `${host.url}/two.html`);
  const lede = await page.locator('#lede').evaluate((el) => { const s = getComputedStyle(el); return [s.fontFamily, s.fontSize, s.color, s.marginBottom]; });
  await waitEvent(page, 'stance-ready', 'a');
  await waitEvent(page, 'stance-ready', 'b');
  const a = page.frameLocator('#a iframe');
  const b = page.frameLocator('#b iframe');
  // Both render, with the corpus named and a way out to the full app.
  await a.locator('.st-mark').first().waitFor();
  await b.getByRole('table').waitFor();
  for (const f of [a, b]) {
    const open = f.getByRole('link', { name: 'Open in Stance' });
    assert.equal(await open.getAttribute('target'), '_blank');
    assert.doesNotMatch(await open.getAttribute('href'), /embed=/);
    assert.match(await f.locator('.st-embed__title').textContent(), /\S/);
  }
  assert.match(await page.locator('#a iframe').getAttribute('title'), /cyber/);
  // The query of the link is honoured: the timeline marks the hits.
  assert.ok(await a.locator('.st-mark--hit').count() > 0);
  // Sized to content by the height messages (not the fixed default).
  await page.waitForFunction(() => document.querySelector('#a iframe').style.height !== '480px');
  const before = await frameHeight(page, '#a iframe');
  const inner = await a.locator('.st-embed').evaluate((el) => el.getBoundingClientRect().height);
  assert.ok(Math.abs(before - inner) <= 2, `frame ${before}px, content ${inner}px`);
  // A click on a mark reaches the host as a message, and the frame grows with the panel.
  await a.locator('.st-mark--hit:not(.st-mark--cluster)').first().click();
  await waitEvent(page, 'stance-select', 'a');
  const [sel] = await events(page, 'stance-select', 'a');
  assert.match(sel.detail.statement.id, /\S/);
  assert.match(sel.detail.statement.text, /\S/);
  assert.match(sel.detail.statement.permalink, /sel=/);
  assert.match(sel.detail.embed, /^stance-\d+$/, 'the frame names itself with the id the loader gave it');
  await page.waitForFunction((h) => document.querySelector('#a iframe').getBoundingClientRect().height > h + 20, before);
  assert.equal((await events(page, 'stance-select', 'b')).length, 0, 'the other embed is not touched');
  // The host sets the query: the frame shows it.
  await page.locator('#b').evaluate((el) => el.setQuery('Krutskikh'));
  assert.equal(await b.getByRole('searchbox').count(), 0, 'no search box unless asked for');
  await page.waitForFunction(() => window.__events.some((x) => x.el === 'b' && x.type === 'stance-view' && /q=Krutskikh/.test(x.detail.link)));
  await page.waitForTimeout(300);
  const rowsB = await b.getByRole('row').count();
  assert.ok(rowsB > 1);
  // A malformed message is refused (and says why); a foreign one changes nothing.
  await page.locator('#b iframe').evaluate((f) => {
    f.contentWindow.postMessage({ stance: 1, type: 'set-query', query: 42 }, '*');
    f.contentWindow.postMessage({ type: 'set-query', query: 'zzz' }, '*');
    f.contentWindow.postMessage('set-query zzz', '*');
    f.contentWindow.postMessage({ stance: 9, type: 'set-query', query: 'zzz' }, '*');
  });
  await page.waitForFunction(() => window.__events.filter((x) => x.el === 'b' && x.type === 'stance-refused').length >= 2);
  const refused = (await events(page, 'stance-refused', 'b')).map((e) => e.detail.reason);
  assert.ok(refused.some((r) => /query/.test(r)) && refused.some((r) => /version 9/.test(r)), refused.join(' | '));
  assert.equal(await b.getByRole('row').count(), rowsB, 'refused messages change nothing');
  // The host page is untouched: same styles, no style sheets added, no errors.
  const ledeAfter = await page.locator('#lede').evaluate((el) => { const s = getComputedStyle(el); return [s.fontFamily, s.fontSize, s.color, s.marginBottom]; });
  assert.deepEqual(ledeAfter, lede);
  assert.equal(await page.evaluate(() => document.styleSheets.length), 1);
  await screenshot(page, 'embed-host-two');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a plain iframe works at a fixed height, and a quote card sizes itself', async () => {
  const site = env.site.url;
  // The id of one statement, from the table.
  const probe = await openPage(env.context, `${site}#/table?q=Krutskikh`);
  await appReady(probe.page);
  await probe.page.getByRole('row').nth(1).getByRole('button').first().click();
  const id = new URLSearchParams(new URL(probe.page.url()).hash.split('?')[1]).get('sel');
  assert.match(id, /\S/);
  await probe.page.close();
  pages['/plain.html'] = hostPage(site, `
    <iframe id="plain" src="${site}#/timeline?embed=1&amp;q=cyber" title="Stance timeline" style="width:100%;height:480px;border:0"></iframe>
    <stance-timeline id="q" src="${site}" view="quote" sel="${id}" theme="dark" title="A quote"></stance-timeline>`);
  const { page, problems } = await openPage(env.context, `${host.url}/plain.html`);
  await page.frameLocator('#plain').locator('.st-mark').first().waitFor();
  assert.equal(await frameHeight(page, '#plain'), 480);
  await waitEvent(page, 'stance-ready', 'q');
  const card = page.frameLocator('#q iframe');
  const quote = card.locator('blockquote');
  await quote.waitFor();
  assert.match(await quote.textContent(), /\S{3}/);
  const context = await card.getByRole('link', { name: /in context/ }).getAttribute('href');
  assert.match(context, /#\/reader\?/);
  assert.match(context, /[?&]doc=/);
  assert.match(context, new RegExp(`[?&]sel=${id}`));
  await page.waitForFunction(() => { const h = document.querySelector('#q iframe').getBoundingClientRect().height; return h > 40 && h < 400; });
  assert.equal(await card.locator('html').getAttribute('data-theme'), 'dark');
  await screenshot(page, 'embed-host-plain-and-quote');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the Embed dialog writes both snippets for the view, with a preview', async () => {
  const { page, problems } = await openPage(env.context, `${env.site.url}#/?q=norms`);
  await appReady(page);
  await page.getByRole('button', { name: 'Embed' }).click();
  const dialog = page.getByRole('dialog', { name: 'Embed this view' });
  await dialog.waitFor();
  const loader = await dialog.getByLabel('With the loader (recommended)').inputValue();
  assert.match(loader, /<script src="http:\/\/127\.0\.0\.1:\d+\/stance\/embed\.js" defer><\/script>/);
  assert.match(loader, /<stance-timeline src="[^"]+" view="timeline" q="norms" height="auto" title="[^"]+"><\/stance-timeline>/);
  const iframe = await dialog.getByLabel('Plain iframe').inputValue();
  assert.match(iframe, /<iframe src="[^"]+#\/timeline\?embed=1&amp;q=norms" title="[^"]+"/);
  await dialog.frameLocator('iframe').locator('.st-mark').first().waitFor();
  await screenshot(page, 'embed-dialog');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await dialog.waitFor({ state: 'hidden' });
  // "Embed this statement" from the statement panel: a quote card snippet.
  await page.getByRole('region', { name: 'Results' }).getByRole('button').first().click();
  await page.getByRole('button', { name: 'Embed this statement' }).click();
  const quote = page.getByRole('dialog', { name: 'Embed this statement' });
  assert.match(await quote.getByLabel('With the loader (recommended)').inputValue(), /view="quote" sel="[^"]+"/);
  await quote.frameLocator('iframe').locator('blockquote').waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});

async function audit(page) {
  await page.evaluate(axe);
  return page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`));
}

for (const theme of ['light', 'dark']) {
  for (const [name, fragment, ready] of [
    ['embedded timeline with search', '#/timeline?embed=1&controls=search&q=cyber', '.st-mark'],
    ['embedded table', '#/table?embed=1', 'table'],
    ['embedded positions', '#/positions?embed=1', '.st-embed'],
    ['quote card', '#/quote?sel=__FIRST__', 'blockquote'],
  ]) {
    test(`${name} (${theme}): no serious or critical axe violations`, async () => {
      let frag = `${fragment}&theme=${theme}`;
      if (frag.includes('__FIRST__')) {
        const probe = await openPage(env.context, `${env.site.url}#/table`);
        await appReady(probe.page);
        await probe.page.getByRole('row').nth(1).getByRole('button').first().click();
        const id = new URLSearchParams(new URL(probe.page.url()).hash.split('?')[1]).get('sel');
        await probe.page.close();
        frag = frag.replace('__FIRST__', encodeURIComponent(id)).replace('quote?', 'quote?embed=1&');
      }
      const { page, problems } = await openPage(env.context, env.site.url + frag, { colorScheme: theme });
      await page.locator(ready).first().waitFor({ timeout: 20000 });
      await page.waitForTimeout(200);
      assert.deepEqual(await audit(page), []);
      if (name === 'quote card') await screenshot(page, `quote-card-${theme}`);
      assert.deepEqual(problems, []);
      await page.close();
    });
  }
}

test('the one-file build starts from file://, searches and shows a statement, with no network request', async () => {
  const file = path.join(DIST, 'stance.html');
  assert.ok(fs.existsSync(file), 'dist/stance.html is written by node scripts/single-file.mjs');
  const page = await env.context.newPage();
  const requests = [];
  const problems = [];
  page.on('request', (r) => { if (!/^(file|data|blob):/.test(r.url())) requests.push(r.url()); });
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`file://${file}`);
  await appReady(page);
  await page.getByRole('searchbox', { name: 'Search statements' }).fill('Krutskikh');
  const results = page.getByRole('region', { name: 'Results' });
  await results.locator('mark').first().waitFor();
  await results.getByRole('button').first().click();
  await page.locator('.st-detail').waitFor();
  assert.match(await page.locator('[data-testid=citation]').textContent(), /Statement \S+/);
  // A view in a wasm chunk of its own (src/split.rs) comes from the file as well.
  await page.evaluate(() => { location.hash = '#/table'; });
  await page.getByRole('table').waitFor();
  assert.deepEqual(requests, [], 'no network request at all');
  assert.deepEqual(problems, []);
  await page.close();
});
