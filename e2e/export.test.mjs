// End-to-end: exporting what is on screen (statements, citations, the chart) and
// TimelineJS interchange (export, load back, hostile text stays text).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch, openPage, appReady, ROOT } from './harness.mjs';
import { startServer } from './serve.mjs';

let env;
let tmp;
before(async () => {
  env = await launch({ prefix: '/stance/' });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stance-export-'));
});
after(async () => {
  await env?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Clicks an item of the Export menu and returns the downloaded file's name and bytes. */
async function exportAs(page, name) {
  const menu = page.locator('details.st-export');
  if (!(await menu.evaluate((d) => d.open))) await page.getByText('Export', { exact: true }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
  const file = path.join(tmp, download.suggestedFilename());
  await download.saveAs(file);
  return { name: download.suggestedFilename(), bytes: fs.readFileSync(file), file };
}

test('the timeline exports its statements, their citations and the chart', async () => {
  const { page, problems } = await openPage(env.context, `${env.site.url}#/?q=Krutskikh`);
  await appReady(page);
  const count = Number((await page.locator('output').textContent()).match(/^\d+/)[0]);
  const csv = await exportAs(page, 'Statements (CSV)');
  assert.equal(csv.name, 'stance-statements.csv');
  const lines = csv.bytes.toString('utf8').trim().split('\n');
  assert.match(lines[0], /^id,/);
  assert.ok(lines.length - 1 >= count, 'one row per statement found (rows may span lines)');
  const json = JSON.parse((await exportAs(page, 'Statements (JSON)')).bytes.toString('utf8'));
  assert.equal(json.length, count, 'the statements the search selects');
  assert.ok(json.every((r) => r.id && typeof r.text === 'string'));
  const csl = JSON.parse((await exportAs(page, 'Citations (CSL-JSON, for Zotero)')).bytes.toString('utf8'));
  assert.equal(csl.length, count);
  assert.ok(csl.every((c) => c.id && c.type && c.title && c.issued));
  const bib = (await exportAs(page, 'Citations (BibTeX)')).bytes.toString('utf8');
  assert.equal((bib.match(/^@(article|misc)\{/gm) || []).length, count);
  const svg = (await exportAs(page, 'Timeline (SVG)')).bytes.toString('utf8');
  assert.match(svg, /^<\?xml/);
  assert.match(svg, /<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.match(svg, /<circle[^>]*fill="rgb/, 'colours travel as attributes');
  const png = await exportAs(page, 'Timeline (PNG)');
  assert.equal(png.name, 'stance-timeline.png');
  assert.deepEqual([...png.bytes.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47], 'a PNG file');
  assert.ok(png.bytes.length > 2000);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a TimelineJS export loads back as a corpus with the same events', async () => {
  const { page, problems } = await openPage(env.context, `${env.site.url}#/`);
  await appReady(page);
  const first = await exportAs(page, 'TimelineJS file');
  const events = JSON.parse(first.bytes.toString('utf8')).events;
  assert.ok(events.length > 10);
  await page.getByLabel('Load corpus…').setInputFiles(first.file);
  await page.getByText(/^Loaded “.*” from stance-timeline\.json: \d+ documents, \d+ statements\./).waitFor();
  const again = JSON.parse((await exportAs(page, 'TimelineJS file')).bytes.toString('utf8')).events;
  const key = (e) => JSON.stringify([e.start_date, e.text.headline, e.text.text || '', e.group || '']);
  assert.deepEqual(again.map(key).sort(), events.map(key).sort());
  assert.deepEqual(problems, []);
  await page.close();
});

test('TimelineJS itself renders the TimelineJS export', async () => {
  const { page: app } = await openPage(env.context, `${env.site.url}#/`);
  await appReady(app);
  const exported = await exportAs(app, 'TimelineJS file');
  const data = JSON.parse(exported.bytes.toString('utf8'));
  await app.close();
  // TimelineJS's own build, from its npm package (a dev dependency), on its own server.
  const tl = await startServer(path.join(ROOT, 'node_modules/@knight-lab/timelinejs/dist'), { prefix: '/tl/' });
  try {
    const page = await env.context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${tl.url}css/timeline.css`);
    await page.setContent(`<!doctype html><html><head><link rel="stylesheet" href="${tl.url}css/timeline.css">
      <script src="${tl.url}js/timeline.js"></script></head><body><div id="tl" style="width:900px;height:600px"></div></body></html>`);
    await page.waitForFunction(() => typeof window.TL !== 'undefined' && window.TL.Timeline);
    await page.evaluate((d) => { window.__timeline = new window.TL.Timeline('tl', d); }, data);
    // One slide per event, plus the title slide.
    await page.waitForFunction((n) => document.querySelectorAll('.tl-slide').length >= n, data.events.length + 1, { timeout: 20000 });
    const headlines = await page.locator('.tl-slide .tl-headline').allTextContents();
    const want = data.events.map((e) => e.text.headline.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'"));
    for (const h of want.slice(0, 5)) assert.ok(headlines.some((x) => x.trim() === h.trim()), `TimelineJS shows the headline “${h}”`);
    assert.deepEqual(errors, [], 'TimelineJS read the file without an error');
    await page.close();
  } finally {
    await tl.close();
  }
});

test('hostile TimelineJS text shows as text and runs nothing; what cannot be placed is reported', async () => {
  const payload = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script><svg onload="window.__pwned=1"></svg>';
  const file = path.join(tmp, 'hostile.json');
  fs.writeFileSync(file, JSON.stringify({
    title: { text: { headline: `Hostile ${payload}`, text: payload } },
    events: [
      { start_date: { year: 2019, month: 5 }, text: { headline: `<b onmouseover="window.__pwned=1">Bold</b> ${payload}`, text: `Words &amp; more ${payload} <a href="javascript:window.__pwned=1">link</a>` }, group: `G${payload}` },
      { start_date: { year: '-500' }, text: { headline: 'Before the era', text: 'x' } },
      { start_date: { year: 2020 }, text: { headline: 'Only a headline' } },
    ],
  }));
  const { page, problems } = await openPage(env.context, `${env.site.url}#/`);
  await appReady(page);
  await page.getByLabel('Load corpus…').setInputFiles(file);
  const notice = page.getByText(/^Loaded “Hostile” from hostile\.json/);
  await notice.waitFor();
  assert.match(await page.locator('body').textContent(), /event 2 \(“Before the era”\): year -500 is outside/);
  await page.locator('.st-mark').first().click();
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.locator('img[src="x"], script:not([src]):not([type]), [onload], [onerror], [onmouseover]').count(), 0);
  await page.goto(`${env.site.url}#/table`);
  await page.getByRole('table').waitFor();
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(problems, []);
  await page.close();
});
