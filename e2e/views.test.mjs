// End-to-end: the positions, table and compare views of the release build, driven by
// role and accessible name, with screenshots (wide light, narrow dark).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { launch, openPage, appReady, screenshot } from './harness.mjs';

let env;
before(async () => { env = await launch({ prefix: '/stance/' }); });
after(async () => { await env?.close(); });

const NARROW_DARK = { viewport: { width: 390, height: 844 }, colorScheme: 'dark' };

test('positions: topic headings, changed markers, and a chip opens its statement', async () => {
  const { page, problems } = await openPage(env.context, `${env.site.url}#/positions`);
  await appReady(page);
  await page.getByRole('heading', { level: 1, name: 'Positions' }).waitFor();
  const topics = await page.getByRole('heading', { level: 2 }).allTextContents();
  assert.ok(topics.includes('US–Russia dialogue'), `topics: ${topics}`);
  assert.ok((await page.getByText(/^→ changed/).count()) > 0, 'a changed marker');
  const dialogue = page.getByRole('region', { name: 'US–Russia dialogue' });
  const lyukmanov = dialogue.getByRole('list', { name: /Stances of Artur Lyukmanov/ });
  await lyukmanov.getByRole('button', { name: /the US froze the channels/ }).click();
  const panel = page.getByRole('complementary');
  await panel.getByRole('heading', { name: 'Artur Lyukmanov' }).waitFor();
  assert.match(page.url(), /sel=/);
  await screenshot(page, 'positions-wide-light');
  assert.deepEqual(problems, []);
});

test('positions: the topic filter is a labelled select that narrows the sections', async () => {
  const { page, problems } = await openPage(env.context, `${env.site.url}#/positions`);
  await appReady(page);
  await page.getByLabel('Topic', { exact: true }).selectOption({ label: 'US–Russia dialogue' });
  await page.waitForURL(/topic=bilateral-dialogue/);
  assert.deepEqual(await page.getByRole('heading', { level: 2 }).allTextContents(), ['US–Russia dialogue']);
  await page.getByRole('button', { name: 'Compare Andrey Krutskikh on US–Russia dialogue' }).click();
  await page.getByRole('heading', { level: 1, name: 'Compare' }).waitFor();
  assert.match(page.url(), /#\/compare\?cmp=krutskikh:bilateral-dialogue/);
  assert.deepEqual(problems, []);
});

test('table: sort by date, open a row, see the statement panel', async () => {
  const { page, problems } = await openPage(env.context, `${env.site.url}#/table`);
  await appReady(page);
  const table = page.getByRole('table');
  await assert.doesNotReject(table.getByText(/^All \d+ statements, oldest first$/).waitFor());
  const dateHeader = page.getByRole('columnheader', { name: /Date/ });
  assert.equal(await dateHeader.getAttribute('aria-sort'), 'ascending');
  await dateHeader.getByRole('button').click();
  await page.waitForFunction(() => document.querySelector('th.st-table__date')?.getAttribute('aria-sort') === 'descending');
  const firstDate = await table.getByRole('row').nth(1).getByRole('cell').first().textContent();
  assert.match(firstDate, /2022/);
  const open = table.getByRole('row').nth(1).getByRole('button');
  await open.click();
  const panel = page.getByRole('complementary');
  await panel.getByRole('heading', { level: 2 }).waitFor();
  assert.match(page.url(), /sel=/);
  await screenshot(page, 'table-wide-light');
  assert.deepEqual(problems, []);
});

test('table: a search narrows the rows and the caption says so', async () => {
  const { page, problems } = await openPage(env.context, `${env.site.url}#/table?q=cyber`);
  await appReady(page);
  const caption = await page.locator('caption').textContent();
  const n = Number(caption.match(/^(\d+) statements? matching “cyber”/)?.[1]);
  assert.ok(n > 0, caption);
  const rows = await page.getByRole('table').locator('tbody').getByRole('row').count();
  assert.equal(rows, Math.min(n, 200));
  assert.deepEqual(problems, []);
});

test('table: Export CSV downloads the filtered statements', async () => {
  const { page, problems } = await openPage(env.context, `${env.site.url}#/table?q=cowboys`);
  await appReady(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'stance-statements.csv');
  const file = await download.path();
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/).filter(Boolean);
  assert.match(lines[0], /^id,document,kind,speaker,speaker_name,date,/, `header: ${lines[0]}`);
  assert.ok(lines.length >= 2, 'at least one statement');
  assert.ok(lines.slice(1).join('\n').includes('cowboys'));
  const [json] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export JSON' }).click(),
  ]);
  assert.equal(json.suggestedFilename(), 'stance-statements.json');
  JSON.parse(fs.readFileSync(await json.path(), 'utf8'));
  assert.deepEqual(problems, []);
});

test('compare: two stance items show both actors side by side', async () => {
  const url = `${env.site.url}#/compare?cmp=krutskikh:bilateral-dialogue&cmp=lyukmanov:bilateral-dialogue`;
  const { page, problems } = await openPage(env.context, url);
  await appReady(page);
  const cols = page.getByRole('article');
  assert.equal(await cols.count(), 2);
  await cols.nth(0).getByRole('heading', { name: 'Andrey Krutskikh' }).waitFor();
  await cols.nth(1).getByRole('heading', { name: 'Artur Lyukmanov' }).waitFor();
  const a = await cols.nth(0).boundingBox();
  const b = await cols.nth(1).boundingBox();
  assert.ok(b.x > a.x + a.width - 1, 'side by side on a wide screen');
  await page.getByRole('button', { name: /Remove Andrey Krutskikh/ }).click();
  assert.equal(await page.getByRole('article').count(), 1);
  await page.getByLabel('Actor', { exact: true }).selectOption({ label: 'Andrey Krutskikh' });
  await page.getByLabel('Topic', { exact: true }).selectOption({ label: 'US–Russia dialogue' });
  await page.getByRole('button', { name: 'Add to comparison' }).click();
  assert.equal(await page.getByRole('article').count(), 2);
  await screenshot(page, 'compare-wide-light');
  assert.deepEqual(problems, []);
});

test('narrow dark screenshots of positions, table and compare', async () => {
  for (const [hash, name, ready] of [
    ['#/positions', 'positions-narrow-dark', 'h1'],
    ['#/table?q=cyber', 'table-narrow-dark', 'table'],
    ['#/compare?cmp=krutskikh:bilateral-dialogue&cmp=lyukmanov:bilateral-dialogue', 'compare-narrow-dark', 'h1'],
  ]) {
    const { page, problems } = await openPage(env.context, `${env.site.url}${hash}`, NARROW_DARK);
    await appReady(page);
    await page.locator(ready).first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `${name}: no horizontal scroll (overflow ${overflow}px)`);
    await screenshot(page, name);
    assert.deepEqual(problems, []);
    await page.close();
  }
});
