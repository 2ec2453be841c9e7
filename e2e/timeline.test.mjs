// End-to-end: search and timeline as one control, driven as a person would.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch, openPage, appReady, screenshot, hashParamWritten, hashParamSettled, ROOT } from './harness.mjs';

let env;
before(async () => { env = await launch({ prefix: '/stance/' }); });
after(async () => { await env?.close(); });

const hashParam = (page, key) => new URLSearchParams(new URL(page.url()).hash.split('?')[1] || '').get(key);

test('typing searches as you type and highlights the matched words', async () => {
  const { page, problems } = await openPage(env.context, env.site.url);
  await appReady(page);
  await page.keyboard.press('/');
  const box = page.getByRole('searchbox', { name: 'Search statements' });
  assert.equal(await box.evaluate((el) => el === document.activeElement), true, '"/" focuses the search box');
  await page.keyboard.type('Krutskih');
  const results = page.getByRole('region', { name: 'Results' });
  await results.locator('mark').first().waitFor();
  const marked = await results.locator('mark').allTextContents();
  assert.ok(marked.length > 0);
  assert.ok(marked.every((t) => /^(krutski|andre)/i.test(t)), `highlights are the speaker's names: ${marked}`);
  assert.ok(marked.some((t) => /^krutskikh$/i.test(t)), 'the alias finds the other spelling');
  assert.equal(await hashParamSettled(page, 'q'), 'Krutskih', 'the URL ends with the whole query (writes are 250 ms apart, so a prefix may come first)');
  const count = await page.locator('output').textContent();
  assert.match(count, /^\d+ statements? match/);
  // The timeline dims what does not match.
  assert.ok(await page.locator('.st-mark--dim').count() > 0);
  assert.ok(await page.locator('.st-mark--hit').count() > 0);
  assert.deepEqual(problems, []);
});

test('a malformed query is searched anyway and the problem is shown in words', async () => {
  const { page } = await openPage(env.context, `${env.site.url}#/?q=${encodeURIComponent('"rules of the road')}`);
  await appReady(page);
  const problems = page.getByRole('region', { name: 'Search' }).getByRole('listitem');
  await problems.first().waitFor();
  assert.match(await problems.first().textContent(), /quote/i);
  await page.getByRole('region', { name: 'Results' }).locator('mark').first().waitFor();
});

test('nothing found offers the nearest words', async () => {
  const { page } = await openPage(env.context, `${env.site.url}#/?q=cyberspase`);
  await appReady(page);
  // A typo still finds cyberspace (typo tolerance)...
  await page.getByRole('region', { name: 'Results' }).locator('mark').first().waitFor();
  // ...a word too far from any gets a clear "nothing found" and the nearest word...
  const box = page.getByRole('searchbox', { name: 'Search statements' });
  await box.fill('diplomasee');
  await page.getByText('Nothing found.').waitFor();
  await page.getByText('Nearest words in the corpus: diplomacy').waitFor();
  // ...and "Did you mean" searches it.
  await page.getByRole('button', { name: 'diplomacy' }).click();
  assert.equal(await box.inputValue(), 'diplomacy');
  await page.getByRole('region', { name: 'Results' }).locator('mark', { hasText: 'diplomacy' }).first().waitFor();
});

test('zoom by buttons, wheel and keys; pan by drag; fit all', async () => {
  const { page, problems } = await openPage(env.context, env.site.url);
  await appReady(page);
  const chart = page.getByRole('group', { name: 'Timeline of statements' });
  const ticksBefore = await chart.locator('.st-tick text').allTextContents();
  await page.getByRole('button', { name: 'Zoom in', exact: true }).click();
  await page.getByRole('button', { name: 'Zoom in', exact: true }).click();
  const zoom1 = await hashParamWritten(page, 'zoom');
  assert.ok(zoom1, 'zoom is in the URL');
  const box = await chart.boundingBox();
  await page.mouse.move(box.x + box.width * 0.6, box.y + 150);
  await page.mouse.wheel(0, -600);
  await page.waitForFunction((z) => !location.hash.includes(z), zoom1);
  const zoom2 = hashParam(page, 'zoom');
  const span = (z) => { const [a, b] = z.split('..').map((d) => Date.parse(d)); return b - a; };
  assert.ok(span(zoom2) < span(zoom1), `wheel zoomed in: ${zoom1} -> ${zoom2}`);
  // Drag to pan: the span stays, the window moves.
  await page.mouse.move(box.x + box.width * 0.5, box.y + 200);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.3, box.y + 200, { steps: 5 });
  await page.mouse.up();
  const zoom3 = await hashParamWritten(page, 'zoom', zoom2);
  assert.notEqual(zoom3, zoom2);
  assert.ok(Math.abs(span(zoom3) - span(zoom2)) <= 2 * 86400000, 'panning keeps the span');
  // Keys on the chart.
  await chart.focus();
  await page.keyboard.press('-');
  const zoom4 = await hashParamWritten(page, 'zoom', zoom3);
  assert.ok(span(zoom4) > span(zoom3), 'the - key zooms out');
  await page.keyboard.press('0');
  await page.waitForFunction(() => !location.hash.includes('zoom='));
  assert.deepEqual(await chart.locator('.st-tick text').allTextContents(), ticksBefore, 'fit all restores the first view');
  assert.deepEqual(problems, []);
});

test('touch: pinch zooms in, a one-finger swipe pans', async () => {
  const { page, problems } = await openPage(env.context, env.site.url);
  await appReady(page);
  const client = await page.context().newCDPSession(page);
  await client.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 5 });
  const box = await page.getByRole('group', { name: 'Timeline of statements' }).boundingBox();
  const cx = box.x + box.width * 0.6;
  const cy = box.y + 160;
  const touch = (type, points) => client.send('Input.dispatchTouchEvent', { type, touchPoints: points });
  const span = (z) => { const [a, b] = z.split('..').map((d) => Date.parse(d)); return b - a; };
  await touch('touchStart', [{ x: cx - 20, y: cy, id: 1 }, { x: cx + 20, y: cy, id: 2 }]);
  for (let d = 30; d <= 150; d += 20) await touch('touchMove', [{ x: cx - d, y: cy, id: 1 }, { x: cx + d, y: cy, id: 2 }]);
  await touch('touchEnd', []);
  // The pinch's last step (the URL follows the steps up to 250 ms later).
  const pinched = await hashParamSettled(page, 'zoom');
  // Fit all shows 2011-2024 (about 13 years); a 7.5x spread must show much less.
  assert.ok(span(pinched) < 5 * 365 * 86400000, `pinch zoomed in: ${pinched}`);
  await touch('touchStart', [{ x: cx, y: cy, id: 3 }]);
  for (let d = 10; d <= 200; d += 20) await touch('touchMove', [{ x: cx - d, y: cy, id: 3 }]);
  await touch('touchEnd', []);
  await page.waitForFunction((z) => !location.hash.includes(z), pinched);
  const swiped = hashParam(page, 'zoom');
  assert.ok(Math.abs(span(swiped) - span(pinched)) <= 2 * 86400000, 'a swipe keeps the span');
  assert.ok(Date.parse(swiped.split('..')[0]) > Date.parse(pinched.split('..')[0]), 'swiping left shows later dates');
  assert.deepEqual(problems, []);
});

test('clusters expand on click; selecting a mark opens the statement with a citation', async () => {
  const { page, problems } = await openPage(env.context, `${env.site.url}#/?lanes=speaker`);
  await appReady(page);
  const cluster = page.getByRole('button', { name: /^\d+ statements in Artur Lyukmanov/ });
  await cluster.click();
  // Zoomed in on the day: the statements are single marks now.
  const mark = page.getByRole('button', { name: /^Artur Lyukmanov, 3 November 2022: / }).first();
  await mark.waitFor();
  await mark.click();
  const panel = page.getByRole('complementary');
  await panel.getByRole('heading', { name: 'Artur Lyukmanov' }).waitFor();
  assert.match(await panel.getByTestId('citation').textContent(), /Newsweek.*3 November 2022.*Statement newsweek-2022-/);
  assert.match(hashParam(page, 'sel'), /^newsweek-2022-/);
  assert.deepEqual(problems, []);
});

test('arrow keys move between statements in time order', async () => {
  const { page } = await openPage(env.context, `${env.site.url}#/?lanes=document&zoom=2017-07-27..2017-07-28`);
  await appReady(page);
  const first = page.getByRole('button', { name: /^Andrey Krutskikh, c\. 27 July 2017/ }).first();
  await first.click();
  const sel1 = hashParam(page, 'sel');
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction((s) => !location.hash.includes(`sel=${s}`), sel1);
  const sel2 = hashParam(page, 'sel');
  assert.match(sel2, /^rt-2017-/);
  const focusedName = await page.evaluate(() => document.activeElement.getAttribute('aria-label'));
  assert.ok(focusedName, 'focus moved to the newly selected mark');
  await page.keyboard.press('End');
  await page.waitForFunction(() => location.hash.includes('sel=newsweek-2022-'));
});

test('switching lanes and views is in the history; a copied URL reproduces the view', async () => {
  const { page, problems } = await openPage(env.context, env.site.url);
  await appReady(page);
  await page.getByRole('button', { name: 'Speaker', exact: true }).click();
  await page.getByRole('button', { name: /^Andrey Krutskikh, .*\d+ statements|^\d+ statements in Andrey Krutskikh/ }).first().waitFor();
  assert.equal(hashParam(page, 'lanes'), 'speaker');
  await page.getByRole('searchbox', { name: 'Search statements' }).fill('OEWG');
  await page.getByRole('region', { name: 'Results' }).getByRole('button').first().click();
  const url = page.url();
  await page.goBack();
  await page.waitForFunction(() => !location.hash.includes('sel='));
  await page.goBack();
  await page.waitForFunction(() => !location.hash.includes('lanes=speaker'));
  assert.equal(await page.getByRole('button', { name: 'Topic', exact: true }).getAttribute('aria-pressed'), 'true');
  // A fresh page from the copied link.
  const { page: copy } = await openPage(env.context, url);
  await appReady(copy);
  assert.equal(await copy.getByRole('searchbox', { name: 'Search statements' }).inputValue(), 'OEWG');
  assert.equal(await copy.getByRole('button', { name: 'Speaker', exact: true }).getAttribute('aria-pressed'), 'true');
  await copy.getByRole('complementary').getByRole('heading', { name: 'Artur Lyukmanov' }).waitFor();
  assert.deepEqual(problems, []);
});

test('dragging along the date axis filters the search to that period', async () => {
  const { page } = await openPage(env.context, env.site.url);
  await appReady(page);
  const before = await page.locator('output').textContent();
  const chart = page.getByRole('group', { name: 'Timeline of statements' });
  const box = await chart.boundingBox();
  // The 2022 marks sit in the right part of the axis; drag over the left 3/4.
  await page.mouse.move(box.x + 180, box.y + 15);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.7, box.y + 15, { steps: 6 });
  await page.mouse.up();
  await page.getByRole('button', { name: 'Clear time filter' }).waitFor();
  assert.ok(hashParam(page, 'from') && hashParam(page, 'to'));
  const after = await page.locator('output').textContent();
  assert.notEqual(after, before);
  assert.equal(await page.getByRole('region', { name: 'Results' }).getByText('3 November 2022').count(), 0);
  await page.getByRole('button', { name: 'Clear time filter' }).click();
  await page.getByRole('button', { name: 'Filter to visible period' }).waitFor();
});

test('an invalid URL opens the nearest valid view with a notice', async () => {
  const { page, problems } = await openPage(env.context, `${env.site.url}#/nonsense?lanes=colour&sel=nope&from=2019-99-01`);
  await appReady(page);
  const notice = page.getByRole('status').filter({ hasText: 'Part of this link could not be used' });
  await notice.waitFor();
  const text = await notice.textContent();
  assert.match(text, /unknown view 'nonsense'/);
  assert.match(text, /statement 'nope' is not in this corpus/);
  await page.getByRole('group', { name: 'Timeline of statements' }).waitFor();
  assert.deepEqual(problems, []);
});

test('no serious or critical accessibility violations (axe-core) on the timeline', async () => {
  const { page } = await openPage(env.context, `${env.site.url}#/?q=cyber`);
  await appReady(page);
  const axe = fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axe);
  const result = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations
    .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help })));
  const bad = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad, []);
});

test('screenshots: wide and narrow, light and dark', async () => {
  for (const [name, viewport, colorScheme] of [
    ['timeline-wide-light', { width: 1280, height: 800 }, 'light'],
    ['timeline-wide-dark', { width: 1280, height: 800 }, 'dark'],
    ['timeline-narrow-light', { width: 390, height: 844 }, 'light'],
    ['timeline-narrow-dark', { width: 390, height: 844 }, 'dark'],
  ]) {
    const { page } = await openPage(env.context, `${env.site.url}#/?q=dialogue&sel=`, { viewport, colorScheme });
    await appReady(page);
    const chart = page.getByRole('group', { name: 'Timeline of statements' });
    const size = await chart.boundingBox();
    if (viewport.width < 640) assert.ok(size.height > size.width, 'narrow screens get a vertical timeline');
    else assert.ok(size.width > size.height, 'wide screens get a horizontal timeline');
    await screenshot(page, name);
    await page.close();
  }
});
